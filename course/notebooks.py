"""Reading the course's notebooks: jupytext sources, nbgrader cell roles, answer functions.

Instructor notebooks are ``source/<unit>/<notebook>.py`` in jupytext's percent format, with
nbgrader's cell metadata in the cell headers. Cells have one of these roles (``cell_role``):

- ``"setup"``:  read-only imports cell (nbgrader grade_id ``setup``); answer cells may use its names;
- ``"answer"``: a student's answer cell; its grade_id is the exercise id with ``-`` for ``.``
                (``numpy.sigmoid`` -> ``numpy-sigmoid``: nbgrader allows only ``[A-Za-z0-9_-]``);
- ``"test"``:   an autograded test cell (grade_id ``numpy-sigmoid-test``) that calls ``check``;
- ``"summary"``: the last cell, added by :func:`read_source` (grade_id ``summary``, 0 points):
                what passes and what is left, for the student and for nbgrader's Validate;
- ``None``:     everything else (prose, demos, figures).
"""
from __future__ import annotations

import ast
import copy
import inspect
import os
import re
import textwrap
from pathlib import Path
from typing import Iterator, TYPE_CHECKING

if TYPE_CHECKING:
    import nbformat
# jupytext and nbformat are imported where a notebook is read: importing nbformat costs 2 s here
# (its JSON-schema checks), which a `course build` with nothing to do would spend for nothing.

ROOT = Path(__file__).resolve().parents[1]
TEST_SUFFIX = "-test"
KEPT_METADATA = ("nbgrader", "tags", "deletable", "editable")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# What ipykernel reports as ``language_info`` and JupyterLab writes into a notebook when a kernel
# starts: a notebook that already holds all of it is not "modified" by opening and saving it.
# ``version`` is the kernel's Python: fixed in release/ (so builds are identical everywhere) and
# replaced by the local interpreter's when ``course workspace`` copies a notebook.
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": "3.11",
}
HEADER = """\
**How to begin.** Run the first code cell (the one that starts with `import`) before any other:
it loads NumPy and this course's checks. Run it again after restarting the kernel. Then work down
the notebook: write each answer in place of `raise NotImplementedError()` and run the test cell
below it.

**Where your work is saved.** Work in your own copy, `work/{unit}/{name}.ipynb`, which `make lab`
makes from `release/` once and never overwrites; save often (Ctrl+S). When a newer version of
this notebook is released, `make lab` puts it beside your copy as
`{name} (release YYYY-MM-DD).ipynb` and says so; your copy is left as it is."""


SUMMARY_ID = "summary"
SUMMARY_TEXT = """\
## Summary

The cell below says how many of this notebook's exercises pass and which are left. It counts the
checks run in this kernel, so run the whole notebook first (Run > Run All Cells); nbgrader's
Validate button does the same and shows this summary last. It is worth no points."""
SUMMARY_CODE = "from course.checks import summary\n\nsummary({ids!r})"


def grade_id(exercise_id: str, test: bool = False) -> str:
    """The nbgrader grade_id of an exercise's answer cell (or test cell): dots become dashes."""
    return exercise_id.replace(".", "-") + (TEST_SUFFIX if test else "")


def exercise_id(answer_grade_id: str) -> str:
    """The registry id of an answer cell's grade_id (the inverse of :func:`grade_id`)."""
    return answer_grade_id.replace("-", ".")


def course_root(root: Path | str | None = None) -> Path:
    """The course folder (the one holding ``nbgrader_config.py``): ``root``, else the environment
    variable ``COURSE_ROOT`` (set by the Makefile, so a copy of the course builds itself even when
    the package is installed from another clone), else the clone this package lives in."""
    if root is not None:
        return Path(root)
    return Path(os.environ["COURSE_ROOT"]) if os.environ.get("COURSE_ROOT") else ROOT


def units(root: Path | str | None = None) -> list[str]:
    """The unit folders under ``source/``, sorted (``u00_numpy``, ``u01_...``)."""
    source = course_root(root) / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and re.match(r"u\d\d_", p.name))


def source_notebooks(root: Path | str | None = None) -> Iterator[Path]:
    """Every instructor notebook ``source/<unit>/<notebook>.py``."""
    for unit in units(root):
        yield from sorted((course_root(root) / "source" / unit).glob("*.py"))


def read_source(path: Path | str) -> nbformat.NotebookNode:
    """The notebook of a jupytext source, with the course's fixed metadata and stable cell ids.

    A first markdown cell, the same in every notebook (:data:`HEADER`), says how to begin and where
    the student's work is saved.
    """
    import jupytext
    import nbformat

    path = Path(path)
    nb = jupytext.read(path, fmt="py:percent")
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    header = HEADER.format(unit=path.parent.name, name=path.stem)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(header))
    ids = answer_ids(nb)
    if ids:
        nb.cells += [nbformat.v4.new_markdown_cell(SUMMARY_TEXT),
                     nbformat.v4.new_code_cell(SUMMARY_CODE.format(ids=ids), metadata={"nbgrader": {
                         "grade": True, "grade_id": SUMMARY_ID, "locked": True, "points": 0, "solution": False,
                         "schema_version": 3}})]
    for i, cell in enumerate(nb.cells):
        # keep only what nbgrader and JupyterLab use; drop jupytext's layout hints
        cell.metadata = nbformat.from_dict({k: v for k, v in cell.metadata.items() if k in KEPT_METADATA})
        _set_points(cell)
        cell.id = f"c{i:03d}-" + re.sub(r"[^A-Za-z0-9_-]", "-", nbgrader_meta(cell).get("grade_id", cell.cell_type))[:50]
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(nb)
    return nb


def _set_points(cell) -> None:
    """A test cell's nbgrader points come from the registry: an exercise's points live there only."""
    meta = cell.metadata.get("nbgrader", {})
    if cell.cell_type == "code" and meta.get("grade") and meta.get("grade_id", "").endswith(TEST_SUFFIX):
        from .checks import REGISTRY  # imported here: the registry is not needed to read a notebook
        exercise = REGISTRY.get(exercise_id(meta["grade_id"][: -len(TEST_SUFFIX)]))
        if exercise is not None:
            meta["points"] = exercise.points


def read_ipynb(path: Path | str) -> nbformat.NotebookNode:
    """A notebook file (release or submission) as a NotebookNode."""
    import nbformat

    return nbformat.read(path, as_version=4)


def nbgrader_meta(cell) -> dict:
    """The cell's nbgrader metadata (empty for ordinary cells)."""
    return dict(cell.get("metadata", {}).get("nbgrader", {}))


def cell_role(cell) -> str | None:
    """``"setup"``, ``"answer"``, ``"test"`` or None; see the module docstring."""
    meta = nbgrader_meta(cell)
    if cell.cell_type != "code" or not meta:
        return None
    if meta.get("solution"):
        return "answer"
    if meta.get("grade_id") == SUMMARY_ID:
        return "summary"
    if meta.get("grade"):
        return "test"
    if meta.get("grade_id") == "setup":
        return "setup"
    return None


def answer_ids(nb) -> list[str]:
    """The exercise ids of the notebook's answer cells, in order."""
    return [exercise_id(nbgrader_meta(c)["grade_id"]) for c in nb.cells if cell_role(c) == "answer"]


def run_answer_cells(setup: str, answers: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """Run a setup cell, then answer cells ``{exercise id: source}``, in one fresh namespace.

    Returns ``(namespace, errors)`` with ``errors[exercise id]`` saying why an answer cell failed
    (its names defined before the error stay). The setup cell must run. This is how functions are
    taken from a notebook for checking outside the student's kernel: cells the student inserted,
    demo cells and test cells are never run, so they cannot change what is checked.
    """
    namespace: dict = {"__name__": "__answers__"}
    exec(compile(without_magics(setup), "<setup>", "exec"), namespace)
    errors = {}
    for exercise, source in answers.items():
        try:
            exec(compile(without_magics(source), f"<answer {exercise}>", "exec"), namespace)
        except Exception as error:  # noqa: BLE001  an unfinished answer is graded as such
            errors[exercise] = f"{type(error).__name__}: {error}"
    return namespace, errors


def setup_source(nb) -> str:
    """The source of the notebook's setup cell(s)."""
    return "\n".join(c.source for c in nb.cells if cell_role(c) == "setup")


def answer_sources(nb) -> dict[str, str]:
    """``{exercise id: source}`` of a notebook's answer cells (the first cell of each grade_id)."""
    sources: dict[str, str] = {}
    for cell in nb.cells:
        grade = nbgrader_meta(cell).get("grade_id")
        if cell_role(cell) == "answer" and isinstance(grade, str):  # a cell without a grade_id is skipped
            sources.setdefault(exercise_id(grade), str(cell.source))
    return sources


def without_magics(source: str) -> str:
    """Drop IPython magics (``%matplotlib``, ``!pip``) that plain Python cannot run."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def answer_functions(nb) -> dict:
    """``{exercise id: object}`` for each answer cell, from :func:`run_answer_cells` on ``nb``."""
    namespace, _ = run_answer_cells(setup_source(nb), answer_sources(nb))
    return {i: namespace.get(i.rsplit(".", 1)[-1]) for i in answer_ids(nb)}


def renamed_source(fn, name: str) -> str:
    """The source of function ``fn`` with its ``def`` renamed to ``name`` (a mutant as a cell)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    tree.body[0].name = name
    return ast.unparse(tree) + "\n"


def fill_answers(release_nb, source_nb, replace: dict[str, str] | None = None):
    """A student's notebook: the release with its answer cells taken from the instructor's source.

    ``replace`` maps exercise ids to a different answer cell source (e.g. a mutant). Used by the
    tests and by ``course bench grade`` to make submissions.
    """
    nb = copy.deepcopy(release_nb)
    solutions = {nbgrader_meta(c)["grade_id"]: c.source for c in source_nb.cells if cell_role(c) == "answer"}
    for cell in nb.cells:
        if cell_role(cell) == "answer":
            gid = nbgrader_meta(cell)["grade_id"]
            cell.source = (replace or {}).get(exercise_id(gid), solutions[gid])
    return nb
