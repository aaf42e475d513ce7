"""The student's workspace (``course workspace``) and a build that leaves release/ alone when nothing
changed: copies are made once and never overwritten, a newer release lands beside an edited copy,
Jupyter's litter in release/ is ignored, and a notebook saved unedited stays byte for byte the same."""
from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from course import build
from course.notebooks import LANGUAGE_INFO
from course.workspace import RECORD, kernel_language_info, update_workspace

from .helpers import ROOT, course_copy, release_notebooks

UNIT, NAME = "u00_numpy", "numpy_basics"
DAY = datetime.date(2026, 12, 8)


@pytest.fixture
def course(tmp_path) -> Path:
    """A course folder holding one released unit: a notebook, a data file and some litter."""
    release = tmp_path / "release" / UNIT
    release.mkdir(parents=True)
    shutil.copy(ROOT / "release" / UNIT / f"{NAME}.ipynb", release)
    (release / "data.csv").write_text("x,y\n1,2\n")
    (release / ".ipynb_checkpoints").mkdir()
    (release / ".ipynb_checkpoints" / f"{NAME}-checkpoint.ipynb").write_text("{}")
    return tmp_path


def _edit(path: Path, text: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(nb, path)


def test_first_run_copies_the_release(course):
    messages = update_workspace(course, DAY)
    work = course / "work" / UNIT
    assert sorted(p.name for p in work.iterdir()) == ["data.csv", f"{NAME}.ipynb"]  # no litter
    assert messages == [f"new: work/{UNIT}/data.csv", f"new: work/{UNIT}/{NAME}.ipynb"]
    copied, released = (nbformat.read(p / f"{NAME}.ipynb", as_version=4) for p in (work, course / "release" / UNIT))
    assert copied.cells == released.cells
    assert copied.metadata.language_info == kernel_language_info()
    assert (work / "data.csv").read_text() == "x,y\n1,2\n"
    assert json.loads((course / "work" / RECORD).read_text()).keys() == {f"{UNIT}/data.csv", f"{UNIT}/{NAME}.ipynb"}


def test_second_run_never_overwrites_an_edited_copy(course):
    update_workspace(course, DAY)
    mine = course / "work" / UNIT / f"{NAME}.ipynb"
    _edit(mine, "my answer")
    before = mine.read_bytes()
    assert update_workspace(course, DAY) == []
    assert mine.read_bytes() == before


def test_a_deleted_copy_is_made_again(course):
    update_workspace(course, DAY)
    (course / "work" / UNIT / "data.csv").unlink()
    assert update_workspace(course, DAY) == [f"new: work/{UNIT}/data.csv"]


def test_a_newer_release_lands_beside_an_edited_copy_with_a_message(course):
    update_workspace(course, DAY)
    mine = course / "work" / UNIT / f"{NAME}.ipynb"
    _edit(mine, "my answer")
    before = mine.read_bytes()
    _edit(course / "release" / UNIT / f"{NAME}.ipynb", "fixed by the instructor")

    messages = update_workspace(course, DAY)
    beside = course / "work" / UNIT / f"{NAME} (release 2026-12-08).ipynb"
    assert mine.read_bytes() == before
    assert len(messages) == 1 and f"work/{UNIT}/{NAME}.ipynb" in messages[0] and beside.name in messages[0]
    assert nbformat.read(beside, as_version=4).cells[-1].source == "fixed by the instructor"

    # once is enough: later runs remind, and never write another copy or over the one beside
    _edit(beside, "started on the new one")
    assert update_workspace(course, DAY)[0].startswith("reminder:")
    assert nbformat.read(beside, as_version=4).cells[-1].source == "started on the new one"
    assert sorted(p.name for p in beside.parent.iterdir()) == sorted(["data.csv", mine.name, beside.name])

    # a second new release the same day gets its own name
    _edit(course / "release" / UNIT / f"{NAME}.ipynb", "fixed again")
    messages = update_workspace(course, DAY)
    assert f"{NAME} (release 2026-12-08 2).ipynb" in messages[0]
    assert mine.read_bytes() == before


def test_an_unedited_copy_is_not_replaced_either(course):
    """It may hold work done in release/ before the workspace existed (see course.workspace)."""
    update_workspace(course, DAY)
    mine = course / "work" / UNIT / f"{NAME}.ipynb"
    before = mine.read_bytes()
    _edit(course / "release" / UNIT / f"{NAME}.ipynb", "fixed by the instructor")
    assert "beside" in update_workspace(course, DAY)[0]
    assert mine.read_bytes() == before


def test_work_done_in_release_survives_the_first_make_lab(tmp_path):
    """make lab's steps on a clone where a student saved an answer in release/ (the old advice)."""
    copy = course_copy(tmp_path / "course")
    (copy / ".build-stamp.json").unlink(missing_ok=True)  # as on any clone before this stamp existed
    released = copy / "release" / UNIT / f"{NAME}.ipynb"
    _edit(released, "my answer, saved in release/")
    update_workspace(copy, DAY)
    build.build(copy, only=[UNIT])
    assert "my answer" not in released.read_text()  # the build replaced it, as before ...
    update_workspace(copy, DAY)
    mine = copy / "work" / UNIT / f"{NAME}.ipynb"
    assert nbformat.read(mine, as_version=4).cells[-1].source == "my answer, saved in release/"  # ... but here it is
    assert (mine.parent / f"{NAME} (release 2026-12-08).ipynb").exists()


def test_a_copy_without_a_record_is_kept(course):
    """Work made before the workspace existed (or a lost record) is the student's: never replaced."""
    mine = course / "work" / UNIT / f"{NAME}.ipynb"
    mine.parent.mkdir(parents=True)
    shutil.copy(course / "release" / UNIT / f"{NAME}.ipynb", mine)
    _edit(mine, "my answer")
    before = mine.read_bytes()
    messages = update_workspace(course, DAY)
    assert mine.read_bytes() == before
    assert any("beside" in m for m in messages)


def test_the_command_uses_COURSE_ROOT(course):
    env = {**os.environ, "COURSE_ROOT": str(course)}
    result = subprocess.run([sys.executable, "-m", "course.cli", "workspace"], env=env,
                            capture_output=True, text=True, check=True)
    assert f"new: work/{UNIT}/{NAME}.ipynb" in result.stdout and "never overwrites" in result.stdout
    again = subprocess.run([sys.executable, "-m", "course.cli", "workspace"], env=env,
                           capture_output=True, text=True, check=True)
    assert again.stdout == ""


def test_kernel_language_info_is_what_ipykernel_reports():
    from ipykernel.ipkernel import IPythonKernel
    assert kernel_language_info() == IPythonKernel.language_info


def test_release_notebooks_have_complete_language_info_and_the_how_to_begin_cell():
    for path in release_notebooks():
        nb = nbformat.read(path, as_version=4)
        assert nb.metadata.language_info == LANGUAGE_INFO, path.name
        assert nb.metadata.language_info.keys() == kernel_language_info().keys()
        first = nb.cells[0]
        assert first.cell_type == "markdown" and first.source.startswith("**How to begin.**"), path.name
        assert f"`work/{path.parent.name}/{path.name}`" in first.source


def test_build_ignores_litter_and_skips_when_nothing_changed(tmp_path):
    copy = course_copy(tmp_path / "course")
    build.build(copy, only=[UNIT])  # makes this unit's stamp current (instant if it already is)
    release = copy / "release" / UNIT
    (release / ".ipynb_checkpoints").mkdir()
    (release / ".ipynb_checkpoints" / f"{NAME}-checkpoint.ipynb").write_text("{}")
    (release / "__pycache__").mkdir()
    (release / ".DS_Store").write_text("")
    try:
        start = time.perf_counter()
        assert build.build(copy, only=[UNIT]) == []
        seconds = time.perf_counter() - start
        assert seconds < 5, f"a build with nothing to do took {seconds:.1f} s"
        assert build.release_is_current(copy, UNIT)
        # the release check compares only released files: litter is neither missing nor extra
        assert build._tree_differences(ROOT / "release", copy / "release") == []
        assert (release / ".ipynb_checkpoints").is_dir()  # not the build's to delete
    finally:
        for litter in (".ipynb_checkpoints", "__pycache__"):
            shutil.rmtree(release / litter)
        (release / ".DS_Store").unlink()

    # an edited release file, or a changed source, is released again
    (release / f"{NAME}.ipynb").write_text("edited by hand")
    assert build.build(copy, only=[UNIT]) == [UNIT]
    assert (release / f"{NAME}.ipynb").read_bytes() == (ROOT / "release" / UNIT / f"{NAME}.ipynb").read_bytes()
    source = copy / "source" / UNIT / f"{NAME}.py"
    source.write_text(source.read_text() + "\n# %% [markdown]\n# One more cell.\n")
    assert build.build(copy, only=[UNIT]) == [UNIT]
    assert "One more cell." in (release / f"{NAME}.ipynb").read_text()
