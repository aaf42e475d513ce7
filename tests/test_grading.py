"""``course grade``: attacking submissions get what their own work earns, and nobody else's grade moves.

One batch holds honest students and attackers (each attack starts from the released stub, or
from full solutions with one function replaced); the tests compare every grade with the grade
the same submission gets alone, and check that the course's files did not change.
"""
from __future__ import annotations

import hashlib
import shutil

import nbformat
import pytest

from course import notebooks
from course.checks import REGISTRY
from course.grading import Settings, grade_notebook, grade_submissions
from course.notebooks import answer_sources, setup_source
from course.sandbox.host import bwrap_works

from .helpers import ROOT, fill_answers, renamed_source

ISOLATE = bwrap_works()
needs_bwrap = pytest.mark.skipif(not ISOLATE, reason="bubblewrap (bwrap) is missing; .ci/run installs it")
SOURCE = ROOT / "source" / "u00_numpy" / "numpy_basics.py"
RELEASE = ROOT / "release" / "u00_numpy" / "numpy_basics.ipynb"
FAST = Settings(timeout=5, isolate=ISOLATE)


@pytest.fixture(scope="module")
def setup():
    return setup_source(notebooks.read_source(SOURCE))


@pytest.fixture(scope="module")
def solutions():
    return answer_sources(notebooks.read_source(SOURCE))


def _grade(setup, answers, ids, settings=FAST):
    return {g.exercise_id: g for g in grade_notebook(setup, answers, ids, seed=7, settings=settings)}


def test_solutions_get_full_marks_and_stubs_zero(setup, solutions):
    ids = list(solutions)
    full = _grade(setup, solutions, ids)
    assert all(g.score == g.max_score for g in full.values()), [g.message for g in full.values()]
    stubs = answer_sources(notebooks.read_ipynb(RELEASE))
    blank = _grade(setup, stubs, ids)
    assert all(g.score == 0 and "NotImplementedError" in g.message for g in blank.values())


# (attack, exercise it targets, what the message must say); each is an answer cell of that exercise
ATTACKS = {
    "patch the checker": ("numpy.softmax", "import course.checks.compare as c\nc.compare = lambda *a, **k: None\n"
                          "def softmax(x):\n    return x\n", ""),
    "call the reference": ("numpy.softmax", "from course.nn import activations\nsoftmax = activations.softmax\n",
                           "not available while grading"),
    "reference built by strings": ("numpy.softmax", "import importlib\nm = importlib.import_module('course.' + 'n' + 'n.'"
                                   " + 'activations')\nsoftmax = getattr(m, 'soft' + 'max')\n",
                                   "not available while grading"),
    "an object that unpickles to code": ("numpy.L1", "class Evil:\n    def __reduce__(self):\n"
                                         "        return (print, ('owned',))\ndef L1(yhat, y):\n    return Evil()\n",
                                         "object of type Evil"),
    "a Counter": ("numpy.L1", "import collections\ndef L1(yhat, y):\n    return collections.Counter(a=1)\n",
                  "Counter"),
    "a complex number": ("numpy.L1", "def L1(yhat, y):\n    return complex(1, 2)\n", ""),
    "an array whose == is always true": ("numpy.softmax", "class A(np.ndarray):\n    def __eq__(self, o):\n"
                                         "        return True\ndef softmax(x):\n    return np.zeros_like(x).view(A)\n", ""),
    "an endless loop": ("numpy.L2", "def L2(yhat, y):\n    while True:\n        pass\n", "longer than 5 s"),
    "a loop that ignores KeyboardInterrupt": ("numpy.L2", "def L2(yhat, y):\n    while True:\n        try:\n"
                                              "            pass\n        except BaseException:\n            pass\n",
                                              "longer than 5 s"),
    "a forbidden NumPy call": ("numpy.broadcast_shape", "def broadcast_shape(a, b):\n    return np.broadcast_shapes(a, b)\n",
                               "calls np.broadcast_shapes"),
    "a forbidden call imported early": ("numpy.broadcast_shape", "from numpy import broadcast_shapes as bs\n"
                                        "def broadcast_shape(a, b):\n    return bs(a, b)\n", "calls np.broadcast_shapes"),
    "kill the worker": ("numpy.L2", "import os\ndef L2(yhat, y):\n    os._exit(0)\n", "stopped the grader's process"),
    "a memory hog": ("numpy.L2", "def L2(yhat, y):\n    return float(np.ones((40000, 40000)).sum())\n", "Memory"),
    "rewrite the channel": ("numpy.L2", "import course.sandbox.wire as w\nw.pack = lambda *a, **k: b'{}\\n'\n"
                            "def L2(yhat, y):\n    return 0.0\n", ""),
    "an atexit hook": ("numpy.L2", "import atexit, os\natexit.register(lambda: os.write(1, b'passed'))\n"
                       "def L2(yhat, y):\n    return 0.0\n", ""),
}


@needs_bwrap
@pytest.mark.parametrize("name", list(ATTACKS))
def test_an_attack_costs_its_exercise_only(setup, solutions, name):
    target, cell, says = ATTACKS[name]
    grades = _grade(setup, {**solutions, target: cell}, list(solutions))
    assert grades[target].score == 0, grades[target].message
    assert says in grades[target].message, grades[target].message
    others = [g for i, g in grades.items() if i != target]
    if name != "rewrite the channel":  # that one breaks the submission's own channel for all its exercises
        assert all(g.score == g.max_score for g in others), [g.message for g in others if g.score < g.max_score]


def _digest(paths) -> str:
    h = hashlib.sha256()
    for folder in paths:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(str(p).encode() + p.read_bytes())
    return h.hexdigest()


@needs_bwrap
@pytest.mark.slow
def test_a_batch_of_attackers_leaves_honest_grades_and_the_course_alone(tmp_path):
    shutil.copy2(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "source", tmp_path / "source", ignore=shutil.ignore_patterns("*.ipynb"))
    source, release = notebooks.read_source(SOURCE), notebooks.read_ipynb(RELEASE)
    mutant = next(iter(REGISTRY["numpy.softmax"].mutants.values()))
    targets = [str(p) for p in (ROOT / "course" / "nn" / "activations.py", ROOT / "course" / "checks" / "u00_numpy.py",
                                tmp_path / "source" / "u00_numpy" / "numpy_basics.py",
                                tmp_path / "submitted" / "honest" / "u00_numpy" / "numpy_basics.ipynb")]
    vandal = (f"for p in {targets!r}:\n    try:\n        open(p, 'a').write('# owned')\n    except OSError:\n"
              "        pass\ndef softmax(x):\n    return x\n")
    submissions = {
        "honest": fill_answers(release, source),
        "one_bad_function": fill_answers(release, source, {"numpy.softmax": renamed_source(mutant, "softmax")}),
        "inserted_cell": release,
        "vandal": fill_answers(release, source, {"numpy.softmax": vandal}),
        "looper": fill_answers(release, source, {"numpy.L1": ATTACKS["an endless loop"][1].replace("L2", "L1")}),
    }
    submissions["inserted_cell"].cells.insert(2, nbformat.v4.new_code_cell("check = lambda *a, **k: print('ok')"))
    for student, nb in submissions.items():
        folder = tmp_path / "submitted" / student / "u00_numpy"
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / "numpy_basics.ipynb")
    broken = {"not_json": "{ this is not a notebook", "no_grade_id": None, "duplicate_ids": None, "bad_schema": None}
    for student in broken:
        (tmp_path / "submitted" / student / "u00_numpy").mkdir(parents=True)
    path = lambda s: tmp_path / "submitted" / s / "u00_numpy" / "numpy_basics.ipynb"
    path("not_json").write_text(broken["not_json"])
    odd = fill_answers(release, source)
    next(c for c in odd.cells if notebooks.cell_role(c) == "answer").metadata.nbgrader.pop("grade_id")
    nbformat.write(odd, path("no_grade_id"))
    dup = fill_answers(release, source)
    dup.cells.append(nbformat.v4.new_code_cell("def sigmoid(x):\n    return x\n",
                                               metadata={"nbgrader": {"grade_id": "numpy-sigmoid", "solution": True,
                                                                      "grade": False, "locked": False,
                                                                      "schema_version": 3}}))
    nbformat.write(dup, path("duplicate_ids"))
    schema = fill_answers(release, source)
    for c in schema.cells:
        if "nbgrader" in c.metadata:
            c.metadata.nbgrader["schema_version"] = 99
    nbformat.write(schema, path("bad_schema"))

    protected = [ROOT / "course", ROOT / "source", tmp_path / "source", tmp_path / "submitted"]
    before = _digest(protected)
    settings = Settings(timeout=5, isolate=True)
    report = grade_submissions(root=tmp_path, seed=3, settings=settings, jobs=2, record=False)
    assert _digest(protected) == before
    totals = {student: sum(g.score for g in grades) for (student, _), grades in report.items()}
    total = sum(REGISTRY[i].points for i in notebooks.answer_ids(source))
    assert totals["honest"] == total
    assert totals["one_bad_function"] == total - REGISTRY["numpy.softmax"].points
    assert totals["inserted_cell"] == 0
    assert totals["vandal"] == total - REGISTRY["numpy.softmax"].points
    assert totals["looper"] == total - REGISTRY["numpy.L1"].points
    assert totals["not_json"] == 0 and "could not be read" in report[("not_json", "u00_numpy")][0].message
    # a broken cell costs that cell only; the first cell of a duplicated grade_id is graded
    assert totals["no_grade_id"] == total - REGISTRY["numpy.basic_sigmoid"].points
    assert totals["duplicate_ids"] == total and totals["bad_schema"] == total
    alone = grade_submissions(root=tmp_path, units=["u00_numpy"], seed=3, settings=settings, record=False)
    assert {k: [g.score for g in v] for k, v in alone.items()} == {k: [g.score for g in v] for k, v in report.items()}


def _graded_sources():
    for path in notebooks.source_notebooks(ROOT):
        if notebooks.answer_ids(notebooks.read_source(path)):
            yield pytest.param(path, id=f"{path.parent.name}/{path.stem}")


@pytest.mark.slow
@pytest.mark.parametrize("path", list(_graded_sources()))
def test_course_grade_gives_every_solution_full_marks(path):
    source = notebooks.read_source(path)
    grades = grade_notebook(setup_source(source), answer_sources(source), notebooks.answer_ids(source),
                            seed=11, settings=Settings(timeout=300, isolate=ISOLATE))
    assert all(g.score == g.max_score for g in grades), [g.message for g in grades if g.score < g.max_score]


def test_without_bubblewrap_course_grade_refuses_and_says_how_to_install(monkeypatch, tmp_path, capsys):
    import course.sandbox.host as host
    from course.cli import main
    monkeypatch.setattr(host.shutil, "which", lambda name: None)
    (tmp_path / "submitted" / "someone" / "u00_numpy").mkdir(parents=True)
    monkeypatch.setattr("course.grading.course_root", lambda root=None: tmp_path)
    assert main(["grade", "u00_numpy"]) == 1
    err = capsys.readouterr().err
    assert "apt-get install bubblewrap" in err and "--no-sandbox" in err


def test_course_grade_says_why_it_exits_non_zero(tmp_path, monkeypatch, capsys):
    from course.cli import main
    monkeypatch.setattr("course.grading.course_root", lambda root=None: tmp_path)
    assert main(["grade", "u01_logistic_regression", "--no-sandbox"]) == 1
    assert "no submissions" in capsys.readouterr().err
