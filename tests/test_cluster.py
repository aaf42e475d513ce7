"""``course grade --scheduler``: a real Dask scheduler and two worker processes over TCP on 127.0.0.1.

The same batch of u00 submissions (honest, one bad function, blank, unreadable, an endless loop)
is graded here and on the cluster; then a worker is killed mid-batch, a submission's workers are
killed every time it runs, and the scheduler is killed mid-batch.
"""
from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from course import notebooks
from course.build import build
from course.checks import REGISTRY
from course.cluster import ClusterLost
from course.grading import Settings, grade_submissions
from course.sandbox.host import bwrap_works

from .helpers import ROOT, fill_answers, free_port, renamed_source

distributed = pytest.importorskip("distributed")

U00, NOTEBOOK = "u00_numpy", "numpy_basics"
SETTINGS = Settings(timeout=3, isolate=bwrap_works())
DASK = str(Path(sys.executable).parent / "dask")


class Cluster:
    """``dask scheduler`` and ``dask worker --nworkers 2`` as processes of their own."""

    def __init__(self, tmp: Path, allowed_failures: int = 3):
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        # worker-saturation 1.0: a worker holds only the task it runs, so killing it strikes that
        # submission alone (with Dask's default 1.1 a queued one would be struck too)
        env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": str(allowed_failures),
               "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0", "OPENBLAS_NUM_THREADS": "1"}
        self.log = open(tmp / f"dask-{port}.log", "wb")
        common = dict(stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        self.scheduler = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                           "--no-dashboard"], **common)
        self.workers = subprocess.Popen([DASK, "worker", self.address, "--nworkers", "2", "--nthreads", "1",
                                         "--no-dashboard", "--host", "127.0.0.1"], **common)
        self.client = distributed.Client(self.address, timeout=60)
        self.client.wait_for_workers(2, timeout=90)

    def worker_pids(self) -> dict[str, int]:
        return self.client.run(os.getpid)

    def kill_worker_running(self, key_prefix: str = "course-grade", only: str | None = None) -> bool:
        """SIGKILL a worker process that is running a task (``only``: that task); whether one was."""
        for worker, keys in self.client.processing().items():
            if any(str(k) == only if only else str(k).startswith(key_prefix) for k in keys):
                pid = self.worker_pids().get(worker)
                if pid:
                    os.kill(pid, signal.SIGKILL)
                    return True
        return False

    def close(self) -> None:
        self.client.close(timeout=5)
        for proc in (self.workers, self.scheduler):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    shutil.copy2(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "source" / U00, root / "source" / U00, ignore=shutil.ignore_patterns("*.ipynb", "__pycache__"))
    build(root, force=True)
    source = notebooks.read_source(root / "source" / U00 / f"{NOTEBOOK}.py")
    release = notebooks.read_ipynb(root / "release" / U00 / f"{NOTEBOOK}.ipynb")
    bad = REGISTRY["numpy.softmax"]
    loop = "def L2(yhat, y):\n    while True:\n        pass\n"
    batch = {"blank": release, "looper": fill_answers(release, source, {"numpy.L2": loop}),
             "one_bad": fill_answers(release, source, {bad.id: renamed_source(next(iter(bad.mutants.values())), bad.name)})}
    batch.update({f"honest{i}": fill_answers(release, source) for i in range(5)})
    for student, nb in batch.items():
        folder = root / "submitted" / student / U00
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{NOTEBOOK}.ipynb")
    (root / "submitted" / "not_json" / U00).mkdir(parents=True)
    (root / "submitted" / "not_json" / U00 / f"{NOTEBOOK}.ipynb").write_text("{ no")
    return root


@pytest.fixture(scope="module")
def local(course):
    return _plain(grade_submissions(root=course, seed=9, settings=SETTINGS, jobs=1, record=False))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("dask"), allowed_failures=1)
    yield c
    c.close()


def _plain(report):
    return {key: [(g.exercise_id, g.score, g.message) for g in grades] for key, grades in report.items()}


def _on_first_result(monkeypatch, action):
    """Run ``action`` once, in a thread, when the first submission is done (a trigger, not a mock)."""
    from course import progress
    advance, fired = progress.Progress.advance, []

    def hooked(self, failed=False):
        advance(self, failed)
        if not fired:
            fired.append(threading.Thread(target=action, daemon=True))
            fired[0].start()
    monkeypatch.setattr(progress.Progress, "advance", hooked)
    return fired


@pytest.mark.slow
def test_the_cluster_gives_the_grades_of_local_grading(course, local, cluster):
    assert _plain(grade_submissions(root=course, seed=9, settings=SETTINGS, jobs=2, record=False)) == local
    assert _plain(grade_submissions(root=course, seed=9, settings=SETTINGS, record=False,
                                    scheduler=cluster.address)) == local
    total = sum(REGISTRY[i].points for i in notebooks.answer_ids(notebooks.read_source(
        course / "source" / U00 / f"{NOTEBOOK}.py")))
    assert sum(s for _, s, _ in local[("honest0", U00)]) == total
    assert sum(s for _, s, _ in local[("looper", U00)]) == total - REGISTRY["numpy.L2"].points


@pytest.mark.slow
def test_a_worker_killed_mid_batch_loses_no_submission(course, local, cluster, monkeypatch):
    killed = []

    def kill():
        deadline = time.monotonic() + 20
        while not killed and time.monotonic() < deadline:
            killed.append(True) if cluster.kill_worker_running() else time.sleep(0.05)
    _on_first_result(monkeypatch, kill)
    report = grade_submissions(root=course, seed=9, settings=SETTINGS, record=False, scheduler=cluster.address)
    assert killed, "no worker was running a task to kill"
    assert _plain(report) == local
    cluster.client.wait_for_workers(2, timeout=60)  # the nanny restarted it


@pytest.mark.slow
def test_a_submission_that_keeps_killing_its_workers_fails_alone(course, local, cluster, monkeypatch):
    keys = sorted((p.parent.name, p.name) for p in (course / "submitted").glob("*/*"))
    target = f"course-grade-9-{keys.index(('looper', U00))}"
    done = threading.Event()

    def keep_killing():
        while not done.is_set():
            cluster.kill_worker_running(only=target)
            time.sleep(0.1)
    killer = threading.Thread(target=keep_killing, daemon=True)
    killer.start()
    try:
        report = _plain(grade_submissions(root=course, seed=9, settings=SETTINGS, record=False,
                                          scheduler=cluster.address))
    finally:
        done.set()
        killer.join()
    looper = report.pop(("looper", U00))
    assert all(score == 0 and "worker died" in message for _, score, message in looper)
    assert report == {k: v for k, v in local.items() if k != ("looper", U00)}
    cluster.client.wait_for_workers(2, timeout=60)


@pytest.mark.slow
def test_the_scheduler_going_away_stops_the_batch_and_keeps_what_was_graded(course, tmp_path, monkeypatch):
    lost = Cluster(tmp_path)
    try:
        _on_first_result(monkeypatch, lambda: os.killpg(lost.scheduler.pid, signal.SIGKILL))
        with pytest.raises(ClusterLost) as error:
            grade_submissions(root=course, seed=10, settings=SETTINGS, scheduler=lost.address)
    finally:
        lost.close()
    assert "went away" in str(error.value) and "recorded" in str(error.value)
    graded = error.value.results
    assert 1 <= len(graded) < 9
    with (course / "autograded" / "course-grades.csv").open() as f:
        rows = {(r["student"], r["unit"]) for r in csv.DictReader(f) if r["seed"] == "10"}
    assert rows == set(graded)
