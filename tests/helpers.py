"""Helpers the tests share: the course's notebooks, and student submissions made from them."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
from pathlib import Path

from course import notebooks
from course.notebooks import fill_answers, renamed_source  # noqa: F401  (the tests' submissions)

ROOT = Path(__file__).resolve().parents[1]


def source_notebooks() -> list[Path]:
    return list(notebooks.source_notebooks(ROOT))


def release_notebooks() -> list[Path]:
    return sorted((ROOT / "release").glob("u*/*.ipynb"))


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
