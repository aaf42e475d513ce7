"""``course grade --scheduler ADDRESS``: one Dask task per submission, graded on the workers.

The instructor's machine reads the submissions (:func:`course.grading.prepare_job`: answer
cells and setup cells, never the instructor's sources), sends each as one task, and gets back
plain data (exercise ids, scores, messages), which it records as local grading does. On the
worker a task grades in the same sandbox as local grading, with the worker's own install of the
course, which must be the instructor's version: every worker is asked first, and a batch is
refused if one differs or cannot isolate.

Faults: a worker that dies mid-task has its task run again elsewhere (the scheduler does this);
a submission on which workers keep dying (``distributed.scheduler.allowed-failures``) is
recorded as failed for that student only; if the scheduler goes away, :class:`ClusterLost`
carries what was graded, so it is recorded before the batch stops.
"""
from __future__ import annotations

import atexit
import contextlib
import hashlib
import logging
import threading
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CONNECT_TIMEOUT = 30  # seconds to reach the scheduler


class ClusterLost(RuntimeError):
    """The scheduler went away mid-batch; ``results`` holds what was graded before."""

    def __init__(self, message: str, results: dict):
        super().__init__(message)
        self.results = results


class ClusterUnfit(RuntimeError):
    """A worker cannot grade for this course (another version, no bubblewrap, ...)."""


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the course's Python code: what judges must be the same on every machine."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def worker_status(isolate: bool) -> str | None:
    """None if this worker can grade, else why not (run on every worker before a batch)."""
    from .sandbox.host import INSTALL_HINT, bwrap_works
    if isolate and not bwrap_works():
        return INSTALL_HINT
    return None


_stages = None
_stages_lock = threading.Lock()


def _worker_stages():
    """The stages of this worker process, built once per notebook and removed at exit."""
    global _stages
    with _stages_lock:
        if _stages is None:
            from .grading import _Stages
            _stages = _Stages()
            atexit.register(_stages.remove)
        return _stages


def grade_task(job: dict, seed: int, settings: tuple, expected: str) -> dict:
    """The task run on a worker: grade one submission; plain results."""
    from .grading import Settings, grade_job
    if fingerprint() != expected:
        raise ClusterUnfit(f"this worker's course code ({fingerprint()}) is not the instructor's ({expected})")
    return grade_job(job, seed, Settings(*settings), _worker_stages())


def _check_workers(client, settings) -> None:
    """Refuse a cluster with no worker, or with a worker that cannot grade for this course."""
    prints = client.run(fingerprint)
    if not prints:
        raise ClusterUnfit("the cluster has no workers")
    wrong = {w: p for w, p in prints.items() if p != fingerprint()}
    if wrong:
        raise ClusterUnfit(f"{len(wrong)} worker(s) run other course code than this machine ({fingerprint()}): "
                           f"{', '.join(sorted(wrong))[:300]}; install the same commit of the course there")
    unfit = {w: why for w, why in client.run(worker_status, settings.isolate).items() if why}
    if unfit:
        raise ClusterUnfit(f"{len(unfit)} worker(s) cannot isolate submissions: {next(iter(unfit.values()))}")


def grade_on_cluster(address: str, work: dict, seed: int, settings, bar) -> dict:
    """Grade ``{key: job}`` on the cluster at ``address``: ``{key: results}``.

    Raises :class:`ClusterUnfit` before grading anything, or :class:`ClusterLost` (with the
    results so far) if the scheduler goes away.
    """
    from distributed import Client

    with _quiet_dask():
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except OSError as error:
            raise ClusterUnfit(f"no Dask scheduler answers at {address} ({error})") from None
        try:
            _check_workers(client, settings)
            return _collect(client, address, work, seed, settings, bar)
        finally:
            client.close(timeout=5)


def _collect(client, address: str, work: dict, seed: int, settings, bar) -> dict:
    """Submit one task per job and gather the results as they come."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    from .grading import failed_job, is_failure
    plain = (settings.timeout, settings.memory_mib, settings.isolate)
    futures = {client.submit(grade_task, job, seed, plain, fingerprint(), pure=False, key=f"course-grade-{seed}-{i}"): key
               for i, (key, job) in enumerate(work.items())}
    results = {}
    try:
        for future in as_completed(futures):
            key = futures[future]
            try:
                results[key] = future.result()
            except KilledWorker:
                results[key] = failed_job(work[key], "could not be graded: the grading worker died every time it "
                                                     "ran this submission")
            except ClusterUnfit as error:
                results[key] = failed_job(work[key], f"could not be graded ({error})")
            bar.advance(failed=is_failure(results[key]))
    except Exception as error:  # noqa: BLE001  the scheduler went away: keep what was graded
        raise ClusterLost(_lost(address, results, work, error), results) from None
    return results


@contextlib.contextmanager
def _quiet_dask():
    """Dask's own log (reconnection tracebacks) stays out of the instructor's terminal."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _lost(address: str, results: dict, work: dict, error) -> str:
    why = f" ({type(error).__name__}: {str(error).splitlines()[0][:200]})"
    return (f"the Dask scheduler at {address} went away{why} after {len(results)} of {len(work)} "
            f"submission(s); their grades are recorded. Grade the others again with `course grade` "
            f"(the same --seed gives the same hidden cases).")
