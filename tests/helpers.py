"""Helpers the tests share: the course's notebooks, and student submissions made from them."""
from __future__ import annotations

import ast
import copy
import inspect
import os
import signal
import socket
import subprocess
import textwrap
from pathlib import Path

from course import notebooks

ROOT = Path(__file__).resolve().parents[1]


def source_notebooks() -> list[Path]:
    return list(notebooks.source_notebooks(ROOT))


def release_notebooks() -> list[Path]:
    return sorted((ROOT / "release").glob("u*/*.ipynb"))


def renamed_source(fn, name: str) -> str:
    """The source of function ``fn`` with its ``def`` renamed to ``name`` (a mutant as a cell)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    tree.body[0].name = name
    return ast.unparse(tree) + "\n"


def fill_answers(release_nb, source_nb, replace: dict[str, str] | None = None):
    """A student's notebook: the release with its answer cells taken from the instructor's source.

    ``replace`` maps exercise ids to a different answer cell source (e.g. a mutant).
    """
    nb = copy.deepcopy(release_nb)
    solutions = {notebooks.nbgrader_meta(c)["grade_id"]: c.source for c in source_nb.cells
                 if notebooks.cell_role(c) == "answer"}
    for cell in nb.cells:
        if notebooks.cell_role(cell) == "answer":
            gid = notebooks.nbgrader_meta(cell)["grade_id"]
            cell.source = (replace or {}).get(notebooks.exercise_id(gid), solutions[gid])
    return nb


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server started with ``start_new_session=True``: SIGTERM (JupyterLab then shuts its
    kernels down), SIGKILL after 20 s."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
