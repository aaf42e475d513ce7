"""``course build``: jupytext sources -> ``source/<unit>/*.ipynb`` -> nbgrader -> ``release/<unit>/``.

The ``.ipynb`` files in ``source/`` are build products (ignored by git); ``release/`` is committed
so that a student can download a notebook without any tooling. :func:`check_release` rebuilds into
a temporary copy of the course and reports any difference from the committed ``release/``.

A unit is released again only when its inputs changed: the stamp file ``.build-stamp.json`` (in the
course root, ignored by git) records, per unit, a hash of what the rendered notebooks are made from
(checked first, without reading any notebook), a hash of what nbgrader reads (the rendered
notebooks, ``nbgrader_config.py``, nbgrader's version) and the hash of each file it wrote. Jupyter's
litter in ``release/`` (``.ipynb_checkpoints``, any hidden file, ``__pycache__``) is never part of a
release: it neither makes a unit stale nor shows in ``course build --check``.
"""
from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .notebooks import course_root, read_source, units

CONFIG = "nbgrader_config.py"
STAMP = ".build-stamp.json"


def is_litter(relative: Path) -> bool:
    """True for what Jupyter, Python or a desktop leave in a folder (checkpoints, hidden files,
    ``__pycache__``): never a released file, never a reason to release again."""
    return any(part.startswith(".") or part == "__pycache__" for part in relative.parts)


def released_files(folder: Path) -> list[Path]:
    """The files under ``folder`` that are not litter, relative to it, sorted."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder) for p in folder.rglob("*")
                  if p.is_file() and not is_litter(p.relative_to(folder)))


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def render_sources(root: Path, unit: str) -> bool:
    """Write ``source/<unit>/<nb>.ipynb`` from each ``.py``; return True if any file changed."""
    folder = root / "source" / unit
    changed = False
    wanted = set()
    for py in sorted(folder.glob("*.py")):
        out = py.with_suffix(".ipynb")
        wanted.add(out)
        import nbformat

        text = nbformat.writes(read_source(py)) + "\n"
        if not out.exists() or out.read_text() != text:
            out.write_text(text)
            changed = True
    for orphan in set(folder.glob("*.ipynb")) - wanted:
        orphan.unlink()
        changed = True
    return changed


def input_hash(root: Path, unit: str) -> str:
    """A hash of everything generate_assignment reads for ``unit``."""
    digest = hashlib.sha256(f"nbgrader {metadata.version('nbgrader')}\n".encode())
    for path in [root / CONFIG] + sorted((root / "source" / unit).glob("*.ipynb")):
        digest.update(f"{path.name}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def sources_hash(root: Path, unit: str) -> str:
    """A hash of what the rendered notebooks of ``unit`` are made from: its ``.py`` sources, the
    code that renders them (``course/notebooks.py``, the registry's points in ``course/checks/``)
    and jupytext's version. Cheap: no notebook is read."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"jupytext {metadata.version('jupytext')}\n".encode())
    for path in (sorted((root / "source" / unit).glob("*.py")) + [package / "notebooks.py"]
                 + sorted((package / "checks").rglob("*.py"))):
        digest.update(f"{path.name}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def release_hashes(root: Path, unit: str) -> dict[str, str]:
    """``{file: sha256}`` of ``release/<unit>``, litter left out."""
    folder = root / "release" / unit
    return {str(p): file_hash(folder / p) for p in released_files(folder)}


def read_stamp(root: Path) -> dict:
    try:
        return json.loads((root / STAMP).read_text())
    except (OSError, ValueError):
        return {}


def write_stamp(root: Path, stamp: dict) -> None:
    (root / STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n")


def release_is_current(root: Path, unit: str, stamp: dict | None = None) -> bool:
    """True when ``release/<unit>`` is what the last build wrote from the unit's present inputs.

    Without a stamp for the unit (a fresh clone), it is not current.
    """
    entry = (read_stamp(root) if stamp is None else stamp).get(unit)
    return (entry is not None and entry.get("inputs") == input_hash(root, unit)
            and entry.get("release") == release_hashes(root, unit))


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
    """Render sources and release every unit whose inputs changed; return the units released."""
    root = course_root(root)
    released = []
    stamp = read_stamp(root)
    for unit in units(root):
        if only and unit not in only:
            continue
        sources = sources_hash(root, unit)
        if not force and stamp.get(unit, {}).get("sources") == sources and release_is_current(root, unit, stamp):
            continue  # nothing to render, nothing to release
        render_sources(root, unit)
        if force or not release_is_current(root, unit, stamp):
            stamp.pop(unit, None)
            write_stamp(root, stamp)  # a build stopped half-way leaves the unit stale
            generate_assignment(root, unit)
            released.append(unit)
        stamp[unit] = {"sources": sources, "inputs": input_hash(root, unit), "release": release_hashes(root, unit)}
        write_stamp(root, stamp)
    for stale in sorted((root / "release").glob("u*")):
        if stale.is_dir() and stale.name not in units(root):
            shutil.rmtree(stale)
            stamp.pop(stale.name, None)
            write_stamp(root, stamp)
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
    fresh_files, committed_files = set(released_files(fresh)), set(released_files(committed))
    problems = [f"release/{p} is missing" for p in sorted(fresh_files - committed_files)]
    problems += [f"release/{p} should not exist" for p in sorted(committed_files - fresh_files)]
    problems += [f"release/{p} is out of date" for p in sorted(fresh_files & committed_files)
                 if not filecmp.cmp(fresh / p, committed / p, shallow=False)]
    return problems
