"""``course grade``: answer cells only, in a separate process, judged by the parent; cheating fails."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from course import notebooks
from course.checks import REGISTRY
from course.grading import grade_notebook, grade_submissions
from course.notebooks import answer_sources, setup_source

from .helpers import ROOT, fill_answers, renamed_source

SOURCE = ROOT / "source" / "u00_numpy" / "numpy_basics.py"
RELEASE = ROOT / "release" / "u00_numpy" / "numpy_basics.ipynb"


@pytest.fixture(scope="module")
def setup():
    return setup_source(notebooks.read_source(SOURCE))


@pytest.fixture(scope="module")
def solutions():
    return answer_sources(notebooks.read_source(SOURCE))


def _grade(setup, answers, ids, **kw):
    return {g.exercise_id: g for g in grade_notebook(setup, answers, ids, seed=7, **kw)}


def test_solutions_get_full_marks_and_stubs_zero(setup, solutions):
    ids = list(solutions)
    full = _grade(setup, solutions, ids)
    assert all(g.score == g.max_score for g in full.values()), [g.message for g in full.values()]
    stubs = answer_sources(notebooks.read_ipynb(RELEASE))
    blank = _grade(setup, stubs, ids)
    assert all(g.score == 0 and "NotImplementedError" in g.message for g in blank.values())


def test_answer_cell_that_patches_the_checker_gains_nothing(setup, solutions):
    cheat = ("import course.checks.compare as c, course.checks.runner as r\n"
             "c.compare = lambda *a, **k: None\n"
             "r.judge = lambda *a, **k: None\n"
             "def sigmoid(x):\n    return x\n")
    grades = _grade(setup, {**solutions, "numpy.sigmoid": cheat}, ["numpy.sigmoid", "numpy.softmax"])
    assert grades["numpy.sigmoid"].score == 0
    assert grades["numpy.softmax"].score == 1


def test_answer_cell_using_the_reference_is_rejected(setup, solutions):
    cheat = "from course.nn import activations\nsigmoid = activations.sigmoid\n"
    grades = _grade(setup, {**solutions, "numpy.sigmoid": cheat}, ["numpy.sigmoid"])
    assert grades["numpy.sigmoid"].score == 0 and "course.nn" in grades["numpy.sigmoid"].message


def test_objects_that_are_not_data_are_not_unpickled(setup, solutions):
    cheat = ("class Evil:\n"
             "    def __reduce__(self):\n"
             "        return (print, ('owned',))\n"
             "def L1(yhat, y):\n    return Evil()\n")
    grades = _grade(setup, {**solutions, "numpy.L1": cheat}, ["numpy.L1"])
    assert grades["numpy.L1"].score == 0 and "object of type Evil" in grades["numpy.L1"].message


def test_endless_answer_times_out(setup, solutions):
    slow = "def L2(yhat, y):\n    while True:\n        pass\n"
    grades = _grade(setup, {**solutions, "numpy.L2": slow}, ["numpy.L2"], timeout=5)
    assert grades["numpy.L2"].score == 0 and "longer than 5 s" in grades["numpy.L2"].message


def test_memory_hog_is_stopped(setup, solutions):
    hog = "def L2(yhat, y):\n    return float(np.ones((40000, 40000)).sum())\n"  # 12.8 GB
    grades = _grade(setup, {**solutions, "numpy.L2": hog}, ["numpy.L2"], memory_mib=1024)
    assert grades["numpy.L2"].score == 0 and "MemoryError" in grades["numpy.L2"].message


@pytest.mark.slow
def test_grade_submissions_ignores_inserted_cells(tmp_path):
    """An inserted cell that replaces `check` fools a run of the whole notebook, not `course grade`."""
    shutil.copy2(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "source", tmp_path / "source", ignore=shutil.ignore_patterns("*.ipynb"))
    source, release = notebooks.read_source(SOURCE), notebooks.read_ipynb(RELEASE)
    mutant = REGISTRY["numpy.softmax"].mutants["no max shift: exp overflows on large inputs"]
    submissions = {
        "correct": fill_answers(release, source),
        "mutant": fill_answers(release, source, {"numpy.softmax": renamed_source(mutant, "softmax")}),
        "cheater": release,
    }
    cheater = submissions["cheater"]
    cheater.cells.insert(2, nbformat.v4.new_code_cell("check = lambda *args, **kwargs: print('passed')"))
    for student, nb in submissions.items():
        folder = tmp_path / "submitted" / student / "u00_numpy"
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / "numpy_basics.ipynb")
    report = grade_submissions(root=tmp_path, seed=3)
    totals = {student: sum(g.score for g in grades) for (student, _), grades in report.items()}
    total = sum(REGISTRY[i].points for i in notebooks.answer_ids(source))
    assert totals == {"correct": total, "mutant": total - REGISTRY["numpy.softmax"].points, "cheater": 0}
    assert (tmp_path / "autograded" / "course-grades.csv").exists()


def _graded_sources():
    for path in notebooks.source_notebooks(ROOT):
        if notebooks.answer_ids(notebooks.read_source(path)):
            yield pytest.param(path, id=f"{path.parent.name}/{path.stem}")


@pytest.mark.slow
@pytest.mark.parametrize("path", list(_graded_sources()))
def test_course_grade_gives_every_solution_full_marks(path):
    source = notebooks.read_source(path)
    grades = grade_notebook(setup_source(source), answer_sources(source), notebooks.answer_ids(source),
                            seed=11, timeout=300)
    assert all(g.score == g.max_score for g in grades), [g.message for g in grades if g.score < g.max_score]
