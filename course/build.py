"""``course build``: jupytext sources -> ``source/<unit>/*.ipynb`` -> nbgrader -> ``release/<unit>/``.

The ``.ipynb`` files in ``source/`` are build products (ignored by git); ``release/`` is committed
so that a student can download a notebook without any tooling. :func:`check_release` rebuilds into
a temporary copy of the course and reports any difference from the committed ``release/``.
"""
from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from .notebooks import course_root, read_source, units

CONFIG = "nbgrader_config.py"


def render_sources(root: Path, unit: str) -> bool:
    """Write ``source/<unit>/<nb>.ipynb`` from each ``.py``; return True if any file changed."""
    folder = root / "source" / unit
    changed = False
    wanted = set()
    for py in sorted(folder.glob("*.py")):
        out = py.with_suffix(".ipynb")
        wanted.add(out)
        text = nbformat.writes(read_source(py)) + "\n"
        if not out.exists() or out.read_text() != text:
            out.write_text(text)
            changed = True
    for orphan in set(folder.glob("*.ipynb")) - wanted:
        orphan.unlink()
        changed = True
    return changed


def release_is_current(root: Path, unit: str) -> bool:
    """True when ``release/<unit>`` holds exactly the unit's notebooks, newer than their inputs."""
    sources = sorted((root / "source" / unit).glob("*.ipynb"))
    release = root / "release" / unit
    if not release.is_dir():
        return False
    released = sorted(p.name for p in release.iterdir())
    if released != [p.name for p in sources]:
        return False
    newest_input = max([p.stat().st_mtime for p in sources] + [(root / CONFIG).stat().st_mtime])
    return all((release / p.name).stat().st_mtime >= newest_input for p in sources)


def tool_env() -> dict:
    """The environment with this Python's scripts folder first on PATH.

    nbgrader runs helper programs (``alembic``) by name, so they must be found even when the
    virtual environment is not activated.
    """
    bindir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}


def nbgrader(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in the course folder ``root``; raise with its output if it fails."""
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=tool_env(),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def generate_assignment(root: Path, unit: str) -> None:
    """Run nbgrader's generate_assignment for one unit (also records it in the gradebook)."""
    nbgrader(root, "generate_assignment", unit, "--force", "--log-level=WARN")




def build(root: Path | str | None = None, only: list[str] | None = None, force: bool = False) -> list[str]:
    """Render sources and release every unit whose sources changed; return the units released."""
    root = course_root(root)
    released = []
    for unit in units(root):
        if only and unit not in only:
            continue
        changed = render_sources(root, unit)
        if force or changed or not release_is_current(root, unit):
            generate_assignment(root, unit)
            released.append(unit)
    for stale in sorted((root / "release").glob("u*")):
        if stale.is_dir() and stale.name not in units(root):
            shutil.rmtree(stale)
    return released


def check_release(root: Path | str | None = None) -> list[str]:
    """Rebuild the course in a temporary folder; list how the committed ``release/`` differs."""
    root = course_root(root)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        shutil.copy2(root / CONFIG, copy / CONFIG)
        shutil.copytree(root / "source", copy / "source",
                        ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints", "__pycache__"))
        (copy / "release").mkdir()
        build(copy, force=True)
        return _tree_differences(copy / "release", root / "release")


def _tree_differences(fresh: Path, committed: Path) -> list[str]:
    fresh_files = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    committed_files = {p.relative_to(committed) for p in committed.rglob("*")
                       if p.is_file() and ".ipynb_checkpoints" not in p.parts}
    problems = [f"release/{p} is missing" for p in sorted(fresh_files - committed_files)]
    problems += [f"release/{p} should not exist" for p in sorted(committed_files - fresh_files)]
    problems += [f"release/{p} is out of date" for p in sorted(fresh_files & committed_files)
                 if not filecmp.cmp(fresh / p, committed / p, shallow=False)]
    return problems
