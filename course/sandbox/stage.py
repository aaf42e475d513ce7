"""The read-only tree a sandbox sees for one notebook: what an answer may use, and nothing that judges.

A stage holds:

- the student-side package: ``course/__init__.py``, ``course.data`` and ``course.plots``;
- the helpers the notebook's setup cell imports from ``course.nn`` (e.g. u03's application
  notebook hands out ``L_model_forward``), with the ``course`` modules they import in turn, but
  never a module that defines the reference of one of the notebook's own exercises;
- this package's ``wire`` and ``worker``;
- matplotlib's font list, so that importing the plots does not rebuild it in every sandbox.

Everything else of ``course`` (the registry, the comparisons, grading, the widgets, the other
references) is absent; the worker turns imports of it into stand-ins that refuse to run.
"""
from __future__ import annotations

import ast
import inspect
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]          # the folder of the ``course`` package
STUDENT_SIDE = ("__init__.py", "data", "plots",
                "sandbox/__init__.py", "sandbox/wire.py", "sandbox/worker.py")


def module_file(name: str) -> Path | None:
    """The file of module ``course.x.y`` (``x/y.py`` or ``x/y/__init__.py``), if it exists."""
    parts = name.split(".")[1:]
    base = PACKAGE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(source: str, package: str = "") -> set[str]:
    """The ``course.*`` modules that ``source`` imports (``package``: the module's own package,
    for relative imports). ``from course.nn import deep`` counts ``course.nn.deep``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return {m for m in found if m.split(".")[0] == "course" and module_file(m) is not None}


def given_helpers(setup: str, excluded: set[Path]) -> set[Path]:
    """The files of the ``course.nn`` modules the setup cell imports, and of what they import,
    leaving out ``excluded`` files (those of the notebook's own references)."""
    todo = [m for m in imported_modules(setup) if m.startswith("course.nn.")]
    files: set[Path] = set()
    while todo:
        name = todo.pop()
        path = module_file(name)
        if path is None or path in files or path in excluded or not name.startswith("course.nn."):
            continue
        files.add(path)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        todo += imported_modules(path.read_text(), package)
    return files


def reference_files(references) -> set[Path]:
    """The files that define these reference functions or classes."""
    files = set()
    for reference in references:
        try:
            files.add(Path(inspect.getsourcefile(reference)).resolve())
        except TypeError:
            continue
    return files


def build_stage(folder: Path, setup: str, references) -> Path:
    """Write the stage of a notebook (its setup cell, its exercises' references) into ``folder``."""
    for relative in STUDENT_SIDE:
        source = PACKAGE / relative
        target = folder / "course" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target)
    helpers = given_helpers(setup, reference_files(references))
    if helpers:
        (folder / "course" / "nn").mkdir(exist_ok=True)
        (folder / "course" / "nn" / "__init__.py").write_text('"""Helpers this notebook hands out."""\n')
    for path in helpers:
        target = folder / "course" / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    _copy_font_list(folder / "mpl")
    return folder


def staged_files(folder: Path) -> set[str]:
    """The ``course/...`` paths a stage holds (for tests and reports)."""
    return {str(p.relative_to(folder)) for p in (folder / "course").rglob("*.py")}


def _copy_font_list(target: Path) -> None:
    try:
        import matplotlib
        cache = Path(matplotlib.get_cachedir())
    except Exception:  # noqa: BLE001  no matplotlib cache: the sandbox builds its own
        return
    target.mkdir(exist_ok=True)
    for path in cache.glob("fontlist-*.json"):
        shutil.copy2(path, target / path.name)
