"""``course grade`` in nbgrader's gradebook: scores, messages, feedback, export, and merged CSVs.

A temporary course (u00 and u01 built from ``source/``) gets a batch of u00 submissions, honest,
with one bad function, blank, unreadable and with an inserted cell; ``course grade`` records them
and nbgrader's own tools are asked what they see.
"""
from __future__ import annotations

import csv
import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

from course import gradebook, notebooks
from course.build import build, nbgrader
from course.checks import REGISTRY
from course.grading import ExerciseGrade, Settings, grade_submissions
from course.sandbox.host import bwrap_works

from .helpers import ROOT, fill_answers, renamed_source

U00, U01 = "u00_numpy", "u01_logistic_regression"
NOTEBOOK = "numpy_basics"
SETTINGS = Settings(timeout=10, isolate=bwrap_works())
STAMP = "2026-12-01 10:00:00.000000 UTC"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    shutil.copy2(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "source", root / "source", ignore=shutil.ignore_patterns("*.ipynb", "__pycache__"))
    build(root, only=[U00, U01], force=True)
    return root


def _submit(root, unit, student, name, nb) -> None:
    folder = root / "submitted" / student / unit
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(nb, str):
        (folder / f"{name}.ipynb").write_text(nb)
    else:
        nbformat.write(nb, folder / f"{name}.ipynb")


@pytest.fixture(scope="module")
def graded(course):
    """The u00 batch, graded and recorded: (report, the bad function's exercise)."""
    source = notebooks.read_source(course / "source" / U00 / f"{NOTEBOOK}.py")
    release = notebooks.read_ipynb(course / "release" / U00 / f"{NOTEBOOK}.ipynb")
    bad = REGISTRY["numpy.softmax"]
    inserted = fill_answers(release, source)
    inserted.cells.insert(3, nbformat.v4.new_code_cell("print('an inserted cell')"))
    for student, nb in {"honest": fill_answers(release, source),
                        "one_bad": fill_answers(release, source, {bad.id: renamed_source(next(iter(bad.mutants.values())), bad.name)}),
                        "blank": release, "not_json": "{ not a notebook", "inserted": inserted}.items():
        _submit(course, U00, student, NOTEBOOK, nb)
    (course / "submitted" / "honest" / U00 / "timestamp.txt").write_text(STAMP)
    (course / "submitted" / "blank" / U00 / "timestamp.txt").write_text("not a time")
    report = grade_submissions(root=course, units=[U00], seed=5, settings=SETTINGS)
    return report, bad


def _grades(root, unit, student) -> dict[str, tuple[float, bool]]:
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {g.name: (g.score, g.needs_manual_grade)
                for nb in gb.find_submission(unit, student).notebooks for g in nb.grades}


@pytest.mark.slow
def test_the_gradebook_holds_course_grades_scores_for_every_exercise(course, graded):
    report, bad = graded
    for (student, unit), grades in report.items():
        recorded = _grades(course, unit, student)
        assert recorded.pop(notebooks.SUMMARY_ID) == (0, False)  # the 0-point summary cell
        assert recorded == {notebooks.grade_id(g.exercise_id, test=True): (g.score, False) for g in grades}, student
    total = sum(REGISTRY[i].points for i in notebooks.answer_ids(notebooks.read_source(
        course / "source" / U00 / f"{NOTEBOOK}.py")))
    totals = {s: sum(g.score for g in gs) for (s, _), gs in report.items()}
    assert totals == {"honest": total, "one_bad": total - bad.points, "blank": 0, "not_json": 0, "inserted": total}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert str(gb.find_submission(U00, "honest").timestamp).startswith("2026-12-01 10:00:00")
        assert gb.find_submission(U00, "blank").timestamp is None  # an invalid time is not recorded


@pytest.mark.slow
def test_autograded_notebooks_show_each_message_in_its_test_cell(course, graded):
    report, bad = graded
    messages = {g.exercise_id: g.message for g in report[("one_bad", U00)]}
    nb = notebooks.read_ipynb(course / "autograded" / "one_bad" / U00 / f"{NOTEBOOK}.ipynb")
    tests = {notebooks.nbgrader_meta(c)["grade_id"]: c for c in nb.cells if notebooks.cell_role(c) == "test"}
    assert len(tests) == len(messages)
    for exercise_id, message in messages.items():
        (output,) = tests[notebooks.grade_id(exercise_id, test=True)].outputs
        if exercise_id == bad.id:
            assert output.output_type == "error" and output.evalue == message
        else:
            assert output.output_type == "stream" and output.text.strip() == message
    assert "course_grade" not in nb.metadata
    inserted = notebooks.read_ipynb(course / "autograded" / "inserted" / U00 / f"{NOTEBOOK}.ipynb")
    assert not any("an inserted cell" in c.source for c in inserted.cells)
    unreadable = notebooks.read_ipynb(course / "autograded" / "not_json" / U00 / f"{NOTEBOOK}.ipynb")
    assert all("could not be read" in c.outputs[0].evalue for c in unreadable.cells if notebooks.cell_role(c) == "test")


@pytest.mark.slow
def test_feedback_and_export_show_the_same_grades(course, graded):
    report, bad = graded
    nbgrader(course, "generate_feedback", U00, "--force", "--log-level=WARN")
    html = (course / "feedback" / "one_bad" / U00 / f"{NOTEBOOK}.html").read_text()
    assert f"{bad.id}: " in html and "HIDDEN TESTS" not in html
    # its math renders offline: MathML, and no MathJax from a CDN
    assert html.count("<math") > 20 and "cdnjs" not in html and "MathJax.Hub" not in html
    nbgrader(course, "export", "--log-level=WARN")
    with (course / "grades.csv").open() as f:
        exported = {r["student_id"]: float(r["raw_score"]) for r in csv.DictReader(f) if r["assignment"] == U00}
    assert exported == {s: sum(g.score for g in gs) for (s, _), gs in report.items()}


@pytest.mark.slow
def test_grading_another_unit_or_again_keeps_every_other_result(course, graded):
    report, _ = graded
    before = _grades(course, U00, "honest")
    for release in sorted((course / "release" / U01).glob("*.ipynb")):
        source = notebooks.read_source(course / "source" / U01 / f"{release.stem}.py")
        _submit(course, U01, "honest", release.stem, fill_answers(notebooks.read_ipynb(release), source))
    grade_submissions(root=course, units=[U01], seed=6, settings=SETTINGS)
    assert _grades(course, U00, "honest") == before
    rows = _csv_rows(course)
    assert {(r["student"], r["unit"]) for r in rows} == set(report) | {("honest", U01)}
    n_u00 = len([r for r in rows if r["unit"] == U00])
    grade_submissions(root=course, units=[U00], seed=7, settings=SETTINGS)  # again: replaced, not added
    rows = _csv_rows(course)
    assert len([r for r in rows if r["unit"] == U00]) == n_u00
    assert {r["seed"] for r in rows if r["unit"] == U00} == {"7"} and {r["seed"] for r in rows if r["unit"] == U01} == {"6"}


def _csv_rows(root) -> list[dict]:
    with (root / "autograded" / gradebook.CSV_NAME).open(newline="") as f:
        return list(csv.DictReader(f))


def test_the_csv_is_merged_by_student_and_unit(tmp_path):
    g = lambda i, s: ExerciseGrade(i, s, 1, f"{i}: message, with a comma")
    gradebook.write_csv(tmp_path, {("ann", "u00"): [g("a", 1), g("b", 0)], ("bob", "u00"): [g("a", 0)]}, seed=1)
    gradebook.write_csv(tmp_path, {("ann", "u01"): [g("c", 1)], ("bob", "u00"): [g("a", 1)]}, seed=2)
    rows = [(r["student"], r["unit"], r["exercise"], r["score"], r["seed"]) for r in _csv_rows(tmp_path)]
    assert rows == [("ann", "u00", "a", "1", "1"), ("ann", "u00", "b", "0", "1"), ("bob", "u00", "a", "1", "2"),
                    ("ann", "u01", "c", "1", "2")]
    assert _csv_rows(tmp_path)[0]["message"] == "a: message, with a comma"


def test_a_failed_exercise_is_an_error_output_that_nbgrader_scores_zero():
    from nbgrader.utils import determine_grade
    release = ROOT / "release" / U00 / f"{NOTEBOOK}.ipynb"
    ids = notebooks.answer_ids(notebooks.read_ipynb(release))
    grades = [ExerciseGrade(i, REGISTRY[i].points * (k % 2), REGISTRY[i].points, f"{i}: why") for k, i in enumerate(ids)]
    nb = gradebook.clean_notebook(release, {ids[0]: "def x():\n    return 1\n"}, grades)
    nb, _ = gradebook.InsertResults().preprocess(nb, {"nbgrader": {"notebook": NOTEBOOK}})
    tests = [c for c in nb.cells if notebooks.cell_role(c) == "test"]
    assert [determine_grade(c)[0] for c in tests] == [g.score for g in grades]
    first = next(c for c in nb.cells if notebooks.cell_role(c) == "answer")
    assert first.source == "def x():\n    return 1\n"


@pytest.mark.slow
def test_a_manual_grade_given_in_the_formgrader_survives_regrading(course, graded):
    report, bad = graded
    name = notebooks.grade_id(bad.id, test=True)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:  # what the Formgrader's score box does
        grade = gb.find_grade(name, NOTEBOOK, U00, "one_bad")
        grade.manual_score = bad.points / 2
        gb.db.commit()
    grade_submissions(root=course, units=[U00], seed=8, settings=SETTINGS)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade(name, NOTEBOOK, U00, "one_bad")
        assert (grade.auto_score, grade.manual_score, grade.score) == (0, bad.points / 2, bad.points / 2)
        total = sum(g.score for g in report[("one_bad", U00)])
        assert gb.find_submission(U00, "one_bad").score == total + bad.points / 2
