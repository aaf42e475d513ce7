"""The two ways submissions reach nbgrader, for u00 on a temporary copy of the course.

Exchange: the instructor runs release_assignment; each student, in a folder of their own with
their own HOME and Jupyter folders, runs fetch_assignment and submit (what JupyterLab's
Assignments panel does); the instructor runs collect and autograde. LMS: a Canvas download goes
through zip_collect, with the file-name pattern set in nbgrader_config.py, then autograde.
Both rely on nbgrader_config.py's defaults: course id, exchange folder, file-name pattern.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course import notebooks
from course.build import build, nbgrader, tool_env
from course.checks import REGISTRY

from .helpers import ROOT, fill_answers

UNIT = "u00_numpy"


@pytest.fixture(scope="module")
def built_course(tmp_path_factory) -> Path:
    """A course folder holding only UNIT, built from source/ (generate_assignment)."""
    copy = tmp_path_factory.mktemp("built")
    shutil.copy2(ROOT / "nbgrader_config.py", copy)
    shutil.copytree(ROOT / "source" / UNIT, copy / "source" / UNIT,
                    ignore=shutil.ignore_patterns("*.ipynb", "__pycache__"))
    build(copy, force=True)
    return copy


@pytest.fixture
def course(built_course, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the built course per test, using the default exchange (`<course>/exchange`)."""
    monkeypatch.delenv("COURSE_EXCHANGE_DIR", raising=False)
    copy = tmp_path / "course"
    shutil.copytree(built_course, copy)
    return copy


def _sources(course: Path) -> dict:
    return {p.stem: notebooks.read_source(p) for p in sorted((course / "source" / UNIT).glob("*.py"))}


def _total(sources: dict) -> float:
    return sum(REGISTRY[i].points for nb in sources.values() for i in notebooks.answer_ids(nb))


def _scores(course: Path, students) -> dict:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s: gb.find_submission(UNIT, s).score for s in students}


def _student_nbgrader(folder: Path, exchange: Path, *args: str) -> str:
    """Run nbgrader as a student working in ``folder`` (a clone: it holds the course's config),
    with a HOME and Jupyter folders of its own and COURSE_EXCHANGE_DIR naming the exchange."""
    home = folder.parent / f"{folder.name}-home"
    env = {**tool_env(), "HOME": str(home), "COURSE_EXCHANGE_DIR": str(exchange),
           "JUPYTER_CONFIG_DIR": str(home / ".jupyter"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=folder, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result.stdout + result.stderr


@pytest.mark.slow
def test_release_fetch_submit_collect_autograde(course, tmp_path):
    nbgrader(course, "release_assignment", UNIT, "--log-level=WARN")
    exchange = course / "exchange"
    assert (exchange / "dl-course" / "outbound" / UNIT).is_dir()

    sources = _sources(course)
    for student, filled in {"alice": True, "bob": False}.items():
        folder = tmp_path / student
        folder.mkdir()
        shutil.copy2(ROOT / "nbgrader_config.py", folder)
        assert f"dl-course {UNIT}" in _student_nbgrader(folder, exchange, "list")
        _student_nbgrader(folder, exchange, "fetch_assignment", UNIT)
        if filled:
            for name, source in sources.items():
                path = folder / UNIT / f"{name}.ipynb"
                nbformat.write(fill_answers(notebooks.read_ipynb(path), source), path)
        _student_nbgrader(folder, exchange, "submit", UNIT, f"--student={student}")

    nbgrader(course, "collect", UNIT, "--log-level=WARN")
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["alice", "bob"]
    nbgrader(course, "autograde", UNIT, "--create", "--force", "--log-level=WARN")
    assert _scores(course, ["alice", "bob"]) == {"alice": _total(sources), "bob": 0}


@pytest.mark.slow
def test_zip_collect_of_a_canvas_download(course):
    sources = _sources(course)
    release = {name: notebooks.read_ipynb(course / "release" / UNIT / f"{name}.ipynb") for name in sources}
    # Canvas names each file <name>_[late_]<user id>_<submission id>_<file name>, and appends -<n>
    # to the file name of a resubmission.
    students = {"104211": ("doejane_104211_5550001_{}.ipynb", True),
                "104212": ("roebob_late_104212_5550002_{}-1.ipynb", False)}
    archive = course / "downloaded" / UNIT / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "submissions.zip", "w") as zf:
        for pattern, filled in students.values():
            for name, nb in release.items():
                nb = fill_answers(nb, sources[name]) if filled else nb
                zf.writestr(pattern.format(name), nbformat.writes(nb))

    nbgrader(course, "zip_collect", UNIT, "--log-level=WARN")
    for student in students:
        assert sorted(os.listdir(course / "submitted" / student / UNIT)) == sorted(f"{n}.ipynb" for n in sources)
    nbgrader(course, "autograde", UNIT, "--create", "--force", "--log-level=WARN")
    assert _scores(course, students) == {"104211": _total(sources), "104212": 0}


def test_the_formgrader_finds_the_exchange_before_any_release(tmp_path):
    shutil.copy2(ROOT / "nbgrader_config.py", tmp_path)
    code = ("from nbgrader.apps import NbGraderAPI\nfrom nbgrader.apps.baseapp import NbGrader\n"
            "app = NbGrader()\napp.load_config_file()\nprint(NbGraderAPI(config=app.config).exchange_missing)\n")
    env = {k: v for k, v in tool_env().items() if k != "COURSE_EXCHANGE_DIR"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stdout + result.stderr
    assert (tmp_path / "exchange").stat().st_mode & 0o1777 == 0o1777
