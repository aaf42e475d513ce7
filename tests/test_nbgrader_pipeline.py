"""The stock nbgrader flow on a temporary copy of the course, for every unit.

generate_assignment -> three submissions (correct, blank, one mutant) -> autograde -> scores;
generate_feedback holds no hidden test; nbgrader's Validator passes the solution, fails the blank.
"""
from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.validator import Validator

from course import notebooks
from course.build import build, nbgrader
from course.checks import REGISTRY

from .helpers import ROOT, fill_answers, renamed_source

UNITS = notebooks.units(ROOT)


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory) -> Path:
    """A fresh course folder with its own gradebook, built from source/."""
    copy = tmp_path_factory.mktemp("course")
    shutil.copy2(ROOT / "nbgrader_config.py", copy)
    shutil.copytree(ROOT / "source", copy / "source", ignore=shutil.ignore_patterns("*.ipynb", "__pycache__"))
    build(copy, force=True)
    return copy


def _isolated_mutant(unit_nbs):
    """An exercise no other answer cell calls, with a self-contained mutant (so nothing cascades)."""
    for nb in unit_nbs.values():
        answers = {notebooks.exercise_id(notebooks.nbgrader_meta(c)["grade_id"]): c.source
                   for c in nb.cells if notebooks.cell_role(c) == "answer"}
        for exercise_id in answers:
            exercise = REGISTRY[exercise_id]
            if any(f"{exercise.name}(" in src for i, src in answers.items() if i != exercise_id):
                continue
            for fn in exercise.mutants.values():
                if set(inspect.getclosurevars(fn).globals) <= {"np", "math"}:
                    return exercise, fn
    raise AssertionError("no exercise of this unit has a self-contained mutant and no callers")


@pytest.mark.slow
@pytest.mark.parametrize("unit", UNITS)
def test_autograde_feedback_and_validate(course_copy, unit):
    sources = {p.stem: notebooks.read_source(p) for p in sorted((course_copy / "source" / unit).glob("*.py"))}
    releases = {name: notebooks.read_ipynb(course_copy / "release" / unit / f"{name}.ipynb") for name in sources}
    mutated, mutant = _isolated_mutant(sources)
    students = {
        "correct": {},
        "blank": None,
        "mutant": {mutated.id: renamed_source(mutant, mutated.name)},
    }
    for student, replace in students.items():
        folder = course_copy / "submitted" / student / unit
        folder.mkdir(parents=True)
        for name, release in releases.items():
            nb = release if replace is None else fill_answers(release, sources[name], replace)
            nbformat.write(nb, folder / f"{name}.ipynb")

    nbgrader(course_copy, "autograde", unit, "--create", "--force", "--log-level=WARN")

    points = {i: REGISTRY[i].points for nb in sources.values() for i in notebooks.answer_ids(nb)}
    total = sum(points.values())
    with Gradebook(f"sqlite:///{course_copy / 'gradebook.db'}") as gb:
        scores = {s: gb.find_submission(unit, s).score for s in students}
        assert gb.find_submission(unit, "correct").max_score == total
        mutant_grades = {g.name: g.score for nb in gb.find_submission(unit, "mutant").notebooks
                         for g in nb.grades}
    assert scores == {"correct": total, "blank": 0, "mutant": total - mutated.points}
    assert mutant_grades[notebooks.grade_id(mutated.id, test=True)] == 0

    nbgrader(course_copy, "generate_feedback", unit, "--force", "--log-level=WARN")
    for student in students:
        for name in sources:
            html = (course_copy / "feedback" / student / unit / f"{name}.html").read_text()
            assert "HIDDEN TESTS" not in html and "hidden=True" not in html

    validator = Validator()
    for name in sources:
        solution = course_copy / "source" / unit / f"{name}.ipynb"
        blank = course_copy / "release" / unit / f"{name}.ipynb"
        assert not validator.validate(str(solution)), f"Validator fails the solution of {name}"
        if notebooks.answer_ids(sources[name]):  # a notebook without exercises has nothing to fail
            failed = validator.validate(str(blank)).get("failed")
            assert failed, f"Validator passes the blank {name}"
            # the dialog ends with the summary: what passes and what is left
            n = len(notebooks.answer_ids(sources[name]))
            assert failed[-1]["source"].startswith("from course.checks import summary")
            assert f"0 of {n} exercises pass. Still failing: " in failed[-1]["raw_error"]
