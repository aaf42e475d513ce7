"""Helpers the tests share: the course's notebooks, and student submissions made from them."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
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


# What `make lab` reads in a course folder (the package itself comes from the installed venv).
COURSE_FILES = ("Makefile", "pyproject.toml", "nbgrader_config.py", ".build-stamp.json")
COURSE_FOLDERS = ("source", "release", "jupyter")


def course_copy(dest: Path) -> Path:
    """A copy of the course in ``dest`` that `make lab` can run in without touching this clone:
    sources, release/, the build's stamp and rendered notebooks (so the build has nothing to do
    when this clone's is current), the student's Jupyter config, and ``.venv`` as a symlink to
    this clone's. Modification times are kept, so make does not reinstall into the shared venv;
    the Makefile sets ``COURSE_ROOT`` to the copy."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FILES:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    for name in COURSE_FOLDERS:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns(
            ".ipynb_checkpoints", "__pycache__", "lab", "migrated"))
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def make(course: Path, *targets: str, **variables: str) -> list[str]:
    """The command line of ``make TARGETS`` in ``course``, never reinstalling the shared venv."""
    return ["make", "-C", str(course), "-o", ".venv/.installed-stamp", *targets,
            *(f"{k}={v}" for k, v in variables.items())]


def wait_until_serving(proc: subprocess.Popen, url: str, log: Path, seconds: float = 90) -> None:
    """Wait until JupyterLab started by ``proc`` answers ``url``/lab; fail with the end of ``log``
    if the process exits first, or after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, log.read_text()[-3000:]
        try:
            if urllib.request.urlopen(f"{url}/lab", timeout=2).status == 200:
                return
        except OSError:
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.3)
