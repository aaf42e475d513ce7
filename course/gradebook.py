"""``course grade``'s scores and messages in nbgrader's gradebook, and its CSV.

nbgrader's own ``autograde`` is what fills the gradebook (submissions, late penalties, the
autograded notebooks the Formgrader shows and ``generate_feedback`` renders, what ``nbgrader
export`` reads), so it is used, with two changes that keep student code out of it:

- its input is not the submitted file but a clean notebook built here, in a private temporary
  folder: the instructor's release notebook with the student's answer cells put in (those the
  grader read, by grade_id; a file that cannot be read leaves the stubs). Nothing a submission
  wrote besides its answer cells (inserted cells, broken metadata, another schema) reaches
  nbgrader, so it cannot fail for one student or be steered by one;
- its ``Execute`` step, which would run the notebook, is replaced by :class:`InsertResults`,
  which writes each exercise's result into that exercise's test cell: the grader's message as
  an error output for a failed exercise (nbgrader then scores the cell 0), as text for a passed
  one. The results travel in the clean notebook's metadata; nothing is executed.

The CSV ``autograded/course-grades.csv`` keeps one row per exercise, merged across runs by
(student, unit): grading one unit never erases another's rows.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from .build import tool_env
from .notebooks import cell_role, exercise_id, nbgrader_meta, read_ipynb, TEST_SUFFIX

RESULTS_KEY = "course_grade"  # notebook metadata of a clean notebook: {exercise id: result}
CSV_NAME = "course-grades.csv"
CSV_FIELDS = ["student", "unit", "exercise", "score", "max_score", "message", "seed"]
AUTOGRADE_STEPS = [
    "course.gradebook.InsertResults",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]


class InsertResults(NbGraderPreprocessor):
    """nbgrader's step in place of ``Execute``: each test cell gets its exercise's result as output."""

    def preprocess(self, nb, resources):
        results = nb.metadata.pop(RESULTS_KEY, None)
        if not isinstance(results, dict):
            raise ValueError(f"{resources['nbgrader']['notebook']} was not prepared by course grade")
        for cell in nb.cells:
            if cell_role(cell) == "test":
                result = results.get(exercise_id(nbgrader_meta(cell)["grade_id"][: -len(TEST_SUFFIX)]))
                cell.outputs = [_output(result)] if result else []
                cell.execution_count = None
            elif cell_role(cell) == "summary":
                passed = sum(r["score"] >= r["max_score"] for r in results.values())
                text = f"{passed} of {len(results)} exercises pass on their visible and hidden cases.\n"
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
                cell.execution_count = None
        return nb, resources


def _output(result: dict):
    """The output nbgrader scores: an error for a failed exercise, text for a passed one."""
    message = result["message"]
    if result["score"] >= result["max_score"]:
        return nbformat.v4.new_output("stream", name="stdout", text=message + "\n")
    return nbformat.v4.new_output("error", ename="Failed", evalue=message, traceback=[f"Failed: {message}"])


def clean_notebook(release: Path, answers: dict[str, str], grades) -> nbformat.NotebookNode:
    """The release notebook with ``answers`` (``{exercise id: source}``) in its answer cells and the
    grades in its metadata, for :class:`InsertResults`."""
    nb = read_ipynb(release)
    for cell in nb.cells:
        if cell_role(cell) == "answer":
            answer = answers.get(exercise_id(nbgrader_meta(cell)["grade_id"]))
            if answer is not None:
                cell.source = answer
    nb.metadata[RESULTS_KEY] = {g.exercise_id: {"score": g.score, "max_score": g.max_score, "message": g.message}
                                for g in grades}
    return nb


def record(root: Path, unit: str, by_student: dict[str, dict[str, list]], read_answers) -> str | None:
    """Autograde ``unit`` into the gradebook from ``{student: {notebook: grades}}``.

    ``read_answers(path)`` gives a submitted notebook's answer cells (ValueError if unreadable).
    Returns None, or what went wrong (nbgrader's own words).
    """
    from nbgrader.utils import parse_utc

    scratch = Path(tempfile.mkdtemp(prefix="course-autograde-"))
    try:
        for student, notebooks in by_student.items():
            submitted, clean = root / "submitted" / student / unit, scratch / student / unit
            clean.mkdir(parents=True)
            for notebook, grades in notebooks.items():
                path = submitted / f"{notebook}.ipynb"
                if not path.is_file():
                    continue  # nbgrader scores a notebook that was not submitted 0 by itself
                try:
                    answers = read_answers(path)
                except ValueError:
                    answers = {}
                nbformat.write(clean_notebook(root / "release" / unit / f"{notebook}.ipynb", answers, grades),
                               clean / f"{notebook}.ipynb")
            try:
                stamp = (submitted / "timestamp.txt").read_text()[:100].strip()
                parse_utc(stamp)
                (clean / "timestamp.txt").write_text(stamp)
            except (OSError, ValueError, TypeError, OverflowError):
                pass  # no (valid) time of submission: nbgrader records none, no late penalty
        steps = "[" + ",".join(f"'{s}'" for s in AUTOGRADE_STEPS) + "]"
        result = subprocess.run(
            [sys.executable, "-m", "nbgrader", "autograde", unit, "--force", "--create", "--log-level=ERROR",
             f"--CourseDirectory.submitted_directory={scratch}", f"--Autograde.autograde_preprocessors={steps}"],
            cwd=root, env=tool_env(), capture_output=True, text=True)
        if result.returncode:
            return f"nbgrader autograde {unit} failed:\n{result.stdout}{result.stderr}"[-4000:]
        return None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def write_csv(root: Path, report: dict[tuple[str, str], list], seed: int) -> Path:
    """Merge ``{(student, unit): grades}`` into ``autograded/course-grades.csv``; its path.

    Rows of the (student, unit) pairs graded now replace their earlier rows; every other row stays.
    """
    out = root / "autograded" / CSV_NAME
    out.parent.mkdir(exist_ok=True)
    rows = []
    if out.exists():
        with out.open(newline="") as f:
            rows = [r for r in csv.DictReader(f) if (r.get("student"), r.get("unit")) not in report]
    for (student, unit), grades in report.items():
        rows += [dict(student=student, unit=unit, exercise=g.exercise_id, score=g.score, max_score=g.max_score,
                      message=g.message, seed=seed) for g in grades]
    rows.sort(key=lambda r: (r["unit"], r["student"]))
    with out.open("w", newline="") as f:
        writer = csv.DictWriter(f, CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return out
