"""``course bench grade N``: seconds per submission, stock nbgrader against ``course grade``.

N submissions of one unit (a third full solutions, a third stubs, a third with one mutant each)
in a temporary copy of the course, graded three ways in one run:

- stock ``nbgrader autograde`` (sequential, as it runs: one kernel per notebook);
- ``course grade --jobs J`` on this machine (bubblewrap isolation included, when available);
- ``course grade --scheduler`` on a local Dask cluster of J single-threaded worker processes.

Each ``course grade`` run includes recording into the gradebook. Prints a table and where the
time of one ``course grade`` submission goes.
"""
from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .build import build, tool_env
from .checks import REGISTRY
from .notebooks import answer_ids, course_root, fill_answers, read_ipynb, read_source, renamed_source


def make_submissions(root: Path, unit: str, n: int) -> None:
    """``submitted/s000/<unit>/`` ... : solutions, stubs and one-mutant submissions in turn."""
    sources = {p.stem: read_source(p) for p in sorted((root / "source" / unit).glob("*.py"))}
    releases = {name: read_ipynb(root / "release" / unit / f"{name}.ipynb") for name in sources}
    mutants = [(i, fn) for nb in sources.values() for i in answer_ids(nb) for fn in REGISTRY[i].mutants.values()]
    for k in range(n):
        folder = root / "submitted" / f"s{k:03d}" / unit
        folder.mkdir(parents=True)
        for name, release in releases.items():
            if k % 3 == 1:
                nb = release
            else:
                replace = {}
                if k % 3 == 2 and mutants:
                    exercise_id, fn = mutants[(k // 3) % len(mutants)]
                    if exercise_id in answer_ids(sources[name]):
                        replace = {exercise_id: renamed_source(fn, REGISTRY[exercise_id].name)}
                nb = fill_answers(release, sources[name], replace)
            nbformat.write(nb, folder / f"{name}.ipynb")


def _course_copy(unit: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix="course-bench-"))
    source = course_root()
    shutil.copy2(source / "nbgrader_config.py", root)
    shutil.copytree(source / "source" / unit, root / "source" / unit, ignore=shutil.ignore_patterns("*.ipynb", "__pycache__"))
    build(root, force=True)
    return root


def _timed(function) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        function()
    return time.perf_counter() - start


def grading_benchmark(n: int = 12, unit: str = "u00_numpy", jobs: int = 2) -> dict[str, float]:
    """Seconds per submission of each way of grading; prints the table."""
    from .grading import Settings, grade_submissions
    from .sandbox.host import bwrap_works
    settings = Settings(timeout=60, isolate=bwrap_works())
    root = _course_copy(unit)
    try:
        make_submissions(root, unit, n)
        seconds = {}
        stock = lambda: subprocess.run([sys.executable, "-m", "nbgrader", "autograde", unit, "--create", "--force",
                                        "--log-level=ERROR"], cwd=root, env=tool_env(), capture_output=True)
        seconds["stock nbgrader autograde (sequential)"] = _timed(stock) / n
        here = lambda: grade_submissions(root=root, units=[unit], jobs=jobs, seed=1, settings=settings, progress=False)
        seconds[f"course grade --jobs {jobs}"] = _timed(here) / n
        seconds[f"course grade --scheduler (local Dask, {jobs} workers)"] = _on_local_cluster(root, unit, jobs, settings, n)
        one = lambda: grade_submissions(root=root, units=[unit], jobs=1, seed=1, settings=settings, progress=False,
                                        record=False)
        seconds["course grade --jobs 1, without recording"] = _timed(one) / n
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(format_grading_table(seconds, n, unit, settings.isolate))
    return seconds


def _on_local_cluster(root: Path, unit: str, jobs: int, settings, n: int) -> float:
    from distributed import LocalCluster

    from .grading import grade_submissions
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        run = lambda: grade_submissions(root=root, units=[unit], seed=1, settings=settings, progress=False,
                                        scheduler=cluster.scheduler_address)
        return _timed(run) / n


def format_grading_table(seconds: dict[str, float], n: int, unit: str, isolate: bool) -> str:
    stock = next(iter(seconds.values()))
    lines = [f"{n} submissions of {unit}; isolation: {'bubblewrap' if isolate else 'none (bwrap missing)'}",
             f"{'':58} {'s/submission':>12} {'speed-up':>9}"]
    for name, s in seconds.items():
        lines.append(f"{name:58} {s:12.2f} {stock / s:8.1f}x")
    return "\n".join(lines)
