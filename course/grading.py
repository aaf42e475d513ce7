"""``course grade`` and ``course check``: the judge, outside the sandbox where answers run.

For each submission ``submitted/<student>/<unit>/<notebook>.ipynb``:

- the setup cell comes from the instructor's ``source/`` (trusted), the answer cells from the
  submission, matched by grade_id; every other cell is ignored;
- they run in a sandbox (:mod:`course.sandbox`: bubblewrap, limits, a stage holding only the
  student-side package and the helpers the notebook hands out), which is sent one exercise's
  calls at a time and answers with plain data;
- this process alone holds the registry, the references and the comparisons, and judges;
- each exercise has its own time budget: an answer that loops or crashes the worker costs that
  exercise only (the sandbox is restarted for the next one); a submission that cannot be read
  costs that student only; the batch always completes;
- hidden cases are drawn from one seed per batch (printed, for regrading).

Scores and messages go into nbgrader's gradebook and autograded notebooks (:mod:`course.gradebook`), and\nare merged into ``autograded/course-grades.csv``.
"""
from __future__ import annotations

import inspect
import secrets
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .checks import get
from .checks.runner import Outcome, case_args, judge, summarise
from .data.cache import cache_dir
from .notebooks import answer_ids, answer_sources, course_root, read_ipynb, read_source, setup_source
from .sandbox import wire
from .sandbox.host import INSTALL_HINT, Sandbox, SandboxUnavailable, bwrap_works
from .sandbox.limits import Limits
from .sandbox.stage import build_stage


class GradebookError(RuntimeError):
    """The grades were computed (and are in the CSV) but nbgrader could not record them."""


@dataclass(frozen=True)
class ExerciseGrade:
    """The grade of one exercise of one submission."""

    exercise_id: str
    score: float
    max_score: float
    message: str


@dataclass(frozen=True)
class Settings:
    """How submissions are run: per-exercise time budget (s), limits, isolation."""

    timeout: float = 60
    memory_mib: int = 2048
    isolate: bool = True

    def limits(self, n_exercises: int) -> Limits:
        return Limits(memory_mib=self.memory_mib, cpu_seconds=int(self.timeout * (n_exercises + 1)) + 30)


def _adapter(exercise) -> dict:
    """How the worker turns an answer that is not a function into one (u06's LinearClassifier): it
    is trained with the course's vectorised losses, sent only at its turn, after every other
    exercise of the notebook has been answered, so they cannot help with those."""
    if exercise.adapter is None:
        return {"adapter": None}
    from .nn import activations, linear
    helpers = [activations.softmax, linear.svm_loss_vectorized, linear.softmax_loss_vectorized]
    source = "\n\n".join(inspect.getsource(f) for f in helpers)
    source += '\n\nLOSSES = {"svm": svm_loss_vectorized, "softmax": softmax_loss_vectorized}\n'
    return {"adapter": "class_fit", "helpers": source}


class _Stages:
    """The stage of each notebook (by setup cell and exercises), built once per batch."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="course-stages-"))
        self.built: dict[tuple, Path] = {}
        self.lock = threading.Lock()

    def get(self, setup: str, exercise_ids: list[str]) -> Path:
        key = (setup, tuple(exercise_ids))
        with self.lock:
            return self._get(key, setup, exercise_ids)

    def _get(self, key, setup, exercise_ids) -> Path:
        if key not in self.built:
            folder = self.folder / str(len(self.built))
            folder.mkdir()
            self.built[key] = build_stage(folder, setup, [get(i).reference for i in exercise_ids])
        return self.built[key]

    def remove(self) -> None:
        import shutil
        shutil.rmtree(self.folder, ignore_errors=True)


def grade_notebook(setup: str, answers: dict[str, str], exercise_ids: list[str], seed: int,
                   settings: Settings = Settings(), stages: _Stages | None = None) -> list[ExerciseGrade]:
    """Grade the given answer cells on each exercise's visible and hidden cases, in a sandbox."""
    own_stages = stages is None
    stages = stages or _Stages()
    try:
        stage = stages.get(setup, exercise_ids)
        results = _Session(stage, setup, answers, exercise_ids, settings).run(seed)
    finally:
        if own_stages:
            stages.remove()
    return [results[i] for i in exercise_ids]


class _Session:
    """One notebook of one submission: a sandbox, restarted after an exercise that kills it."""

    def __init__(self, stage: Path, setup: str, answers: dict[str, str], exercise_ids: list[str], settings: Settings):
        self.stage, self.setup, self.settings = stage, setup, settings
        self.answers = {i: s for i, s in answers.items() if i in exercise_ids}
        self.ids = sorted(exercise_ids, key=lambda i: get(i).adapter is not None)  # adapters last
        self.forbidden = sorted({f.__name__ for i in exercise_ids for f in get(i).forbidden})
        self.sandbox: Sandbox | None = None
        self.errors: dict[str, str] = {}

    def _start(self) -> str | None:
        """Start a sandbox and run the cells; a reason if that failed."""
        self.sandbox = Sandbox(self.stage, self.settings.limits(len(self.ids)), isolate=self.settings.isolate,
                               data=cache_dir())
        try:
            reply, _ = self.sandbox.ask({"op": "start", "setup": self.setup, "answers": self.answers,
                                         "stubs": ["course"], "forbidden": self.forbidden},
                                        timeout=self.settings.timeout)
        except TimeoutError:
            return f"your answer cells took longer than {self.settings.timeout:g} s to run"
        except (EOFError, wire.WireError):
            return "your answer cells stopped the grader's process (a crash, or a memory or process limit)"
        if not isinstance(reply.get("errors"), dict):
            return "your answer cells sent back something the grader cannot read"
        if reply.get("setup_error"):
            return f"the notebook's setup cell failed in the grader ({str(reply['setup_error'])[:300]})"
        self.errors = {str(k): str(v)[:600] for k, v in reply["errors"].items()}
        return None

    def _stop(self) -> None:
        if self.sandbox is not None:
            self.sandbox.close()
            self.sandbox = None

    def run(self, seed: int) -> dict[str, ExerciseGrade]:
        results = {}
        try:
            for exercise_id in self.ids:
                exercise = get(exercise_id)
                if self.sandbox is None:
                    failure = self._start()
                    if failure:
                        self._stop()
                        results[exercise_id] = ExerciseGrade(exercise_id, 0, exercise.points, f"{exercise_id}: {failure}")
                        continue
                results[exercise_id] = self._grade(exercise, seed)
        finally:
            self._stop()
        return results

    def _grade(self, exercise, seed: int) -> ExerciseGrade:
        calls = case_args(exercise, False) + case_args(exercise, True, seed)
        fail = lambda why: ExerciseGrade(exercise.id, 0, exercise.points, f"{exercise.id}: {why}")
        if exercise.id in self.errors:
            return fail(f"could not be defined: your answer cell raised {self.errors[exercise.id]}")
        tree, arrays = wire.encode([tuple(args.values()) for args in calls])
        request = {"op": "call", "exercise": exercise.id, "name": exercise.name, "calls": tree,
                   "forbidden": [f.__name__ for f in exercise.forbidden], **_adapter(exercise)}
        try:
            reply, out_arrays = self.sandbox.ask(request, arrays, timeout=self.settings.timeout)
            outcomes = _outcomes(reply, out_arrays, calls)
        except TimeoutError:
            self._stop()
            return fail(f"took longer than {self.settings.timeout:g} s on its {len(calls)} cases (an endless "
                        f"loop?); it was stopped")
        except EOFError:
            self._stop()
            return fail(f"stopped the grader's process (a crash, or more than {self.settings.memory_mib} MiB "
                        f"of memory or too many processes)")
        except wire.WireError as error:
            self._stop()
            return fail(f"sent back something that is not plain data ({error})")
        try:
            passed, message = _judge_all(exercise, calls, outcomes)
        except Exception as error:  # noqa: BLE001  an output the comparison cannot handle
            passed, message = False, (f"{exercise.id}: your output could not be compared with the expected "
                                      f"one ({type(error).__name__}); return the types the instructions say")
        return ExerciseGrade(exercise.id, exercise.points if passed else 0, exercise.points, message)


def _outcomes(reply: dict, arrays: list, calls: list) -> list[Outcome]:
    """The worker's outcomes, checked: one per call, each plain data of the expected form."""
    items = reply.get("outcomes")
    if not isinstance(items, list) or len(items) != len(calls):
        raise wire.WireError("wrong number of outcomes")
    outcomes = []
    for item, args in zip(items, calls):
        if not isinstance(item, dict) or set(item) != {"value", "error", "after", "forbidden"}:
            raise wire.WireError("bad outcome")
        error, forbidden = item["error"], item["forbidden"]
        if not isinstance(error, (str, type(None))) or not isinstance(forbidden, (str, type(None))):
            raise wire.WireError("bad outcome")
        after = wire.decode(item["after"], arrays) if item["after"] is not None else None
        if after is not None and (not isinstance(after, list) or len(after) != len(args)):
            after = None
        outcomes.append(Outcome(value=wire.decode(item["value"], arrays), error=error and error[:1000],
                                args_after=dict(zip(args, after)) if after is not None else None,
                                used_forbidden=forbidden and forbidden[:100]))
    return outcomes


def _judge_all(exercise, calls, outcomes) -> tuple[bool, str]:
    n_visible = len(exercise.cases)
    for hidden, args_list, outs in ((False, calls[:n_visible], outcomes[:n_visible]),
                                    (True, calls[n_visible:], outcomes[n_visible:])):
        messages = []
        for args, out in zip(args_list, outs):
            messages.append(judge(exercise, args, out, show_values=not hidden))
            if messages[-1]:
                break
        result = summarise(exercise, messages, len(args_list), hidden)
        if not result.passed:
            return False, f"{exercise.id}: {result.message}"
    return True, f"{exercise.id}: visible and hidden cases passed."


def _read_submission(path: Path) -> dict[str, str]:
    """The answer cells of a submitted notebook; ValueError with a reason if it cannot be read."""
    try:
        nb = read_ipynb(path)
    except Exception as error:  # noqa: BLE001  not JSON, not a notebook, unknown schema ...
        raise ValueError(f"{path.name} could not be read as a notebook ({type(error).__name__})") from None
    try:
        return answer_sources(nb)
    except Exception as error:  # noqa: BLE001  cells with broken nbgrader metadata
        raise ValueError(f"{path.name} has answer cells whose metadata nbgrader cannot read "
                         f"({type(error).__name__}: {error})") from None


def prepare_job(root: Path, unit: str, student: str) -> dict:
    """What grading ``submitted/<student>/<unit>/`` needs, as plain data (sent to a worker as is).

    ``{"unit", "student", "notebooks": [{"name", "ids", "setup", "answers", "failure"}]}``, one
    entry per instructor notebook with exercises; ``failure`` says why a notebook cannot be graded
    (not submitted, unreadable), else ``answers`` holds its answer cells. The instructor's sources
    never leave this machine: only each notebook's setup cell does.
    """
    entries = []
    for source_path in sorted((root / "source" / unit).glob("*.py")):
        source = read_source(source_path)
        ids = answer_ids(source)
        if not ids:
            continue
        entry = {"name": source_path.stem, "ids": ids, "setup": setup_source(source), "answers": None, "failure": None}
        submitted = root / "submitted" / student / unit / f"{source_path.stem}.ipynb"
        if not submitted.exists():
            entry["failure"] = f"{submitted.name} was not submitted"
        else:
            try:
                entry["answers"] = _read_submission(submitted)
            except ValueError as error:
                entry["failure"] = str(error)
        entries.append(entry)
    return {"unit": unit, "student": student, "notebooks": entries}


def grade_job(job: dict, seed: int, settings: Settings = Settings(), stages: _Stages | None = None) -> dict:
    """Grade a :func:`prepare_job` job: ``{notebook: [[exercise id, score, max score, message], ...]}``."""
    results = {}
    for entry in job["notebooks"]:
        if entry["failure"]:
            results.update(failed_job({"notebooks": [entry]}, entry["failure"]))
            continue
        try:
            grades = grade_notebook(entry["setup"], entry["answers"], entry["ids"], seed, settings, stages)
        except Exception as error:  # noqa: BLE001  never lose the batch for one submission
            results.update(failed_job({"notebooks": [entry]}, f"could not be graded ({type(error).__name__}: {error})"))
            continue
        results[entry["name"]] = [[g.exercise_id, g.score, g.max_score, g.message] for g in grades]
    return results


def failed_job(job: dict, why: str) -> dict:
    """The results of a job that could not be graded: 0 for each exercise, saying why."""
    return {e["name"]: [[i, 0, get(i).points, f"{i}: {why}"] for i in e["ids"]] for e in job["notebooks"]}


FAILURES = ("could not be graded", "could not be read", "metadata nbgrader cannot read", "grading worker")


def is_failure(results: dict) -> bool:
    """Whether a submission's results say it could not be graded (rather than graded wrong)."""
    return any(marker in row[3] for rows in results.values() for row in rows for marker in FAILURES)


def as_grades(results: dict) -> dict[str, list[ExerciseGrade]]:
    """:func:`grade_job`'s plain results as ``{notebook: [ExerciseGrade]}``."""
    return {str(name): [ExerciseGrade(str(i), float(s), float(m), str(msg)) for i, s, m, msg in rows]
            for name, rows in results.items()}


def grade_submission(root: Path, unit: str, student: str, seed: int, settings: Settings = Settings(),
                     stages: _Stages | None = None) -> dict[str, list[ExerciseGrade]]:
    """Grade ``submitted/<student>/<unit>/``: ``{notebook name: grades}``, one per instructor notebook."""
    return as_grades(grade_job(prepare_job(root, unit, student), seed, settings, stages))


def grade_submissions(units: list[str] | None = None, jobs: int = 2, seed: int | None = None,
                      root: Path | str | None = None, settings: Settings = Settings(),
                      record: bool = True, scheduler: str | None = None,
                      progress: bool = True) -> dict[tuple[str, str], list[ExerciseGrade]]:
    """Grade every submission under ``submitted/`` (optionally only some units); print a report.

    Here with ``jobs`` threads, or with ``scheduler`` (a Dask scheduler's address) one task per
    submission on that cluster's workers (:mod:`course.cluster`); each submission in its own
    sandbox, with the same grades either way. Returns ``{(student, unit): grades}``; with
    ``record``, writes them into the gradebook and the CSV. If the cluster goes away mid-batch,
    what was graded is recorded, then :class:`course.cluster.ClusterLost` is raised.
    """
    from .progress import Progress
    root = course_root(root)
    if settings.isolate and scheduler is None and not bwrap_works():
        raise SandboxUnavailable(INSTALL_HINT)
    seed = secrets.randbits(32) if seed is None else seed
    keys = sorted((p.parent.name, p.name) for p in (root / "submitted").glob("*/*")
                  if p.is_dir() and (not units or p.name in units))
    where = f"on the Dask cluster at {scheduler}" if scheduler else f"here, {max(1, jobs)} at a time"
    print(f"grading {len(keys)} submission(s) {where}; hidden-case seed {seed}")
    work = {key: prepare_job(root, key[1], key[0]) for key in keys}
    bar = Progress(len(keys), enabled=progress)
    lost = None
    try:
        if scheduler:
            from .cluster import ClusterLost, grade_on_cluster
            try:
                results = grade_on_cluster(scheduler, work, seed, settings, bar)
            except ClusterLost as error:
                results, lost = error.results, error
        else:
            results = _grade_here(work, seed, settings, jobs, bar)
    finally:
        bar.close()
    by_notebook = {key: as_grades(results[key]) for key in keys if key in results}
    report = {key: [g for grades in notebooks.values() for g in grades] for key, notebooks in by_notebook.items()}
    for (student, unit), grades in report.items():
        total = sum(g.score for g in grades)
        print(f"{student:>20} {unit:<28} {total:g} / {sum(g.max_score for g in grades):g}")
    problems = _record(root, by_notebook, seed) if record and report else []
    if lost is not None:
        raise lost
    if problems:
        raise GradebookError("\n".join(problems))
    return report


def _grade_here(work: dict, seed: int, settings: Settings, jobs: int, bar) -> dict:
    """Grade the jobs on this machine, ``jobs`` at a time: ``{key: results}``."""
    stages = _Stages()
    results = {}
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {pool.submit(grade_job, job, seed, settings, stages): key for key, job in work.items()}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                bar.advance(failed=is_failure(results[futures[future]]))
    finally:
        stages.remove()
    return results


def _record(root: Path, by_notebook: dict, seed: int) -> list[str]:
    """Write the grades into nbgrader's gradebook (unit by unit) and merge them into the CSV.

    Returns what could not be recorded (one line per unit), after the CSV is written whatever
    happened, so that no run loses its grades.
    """
    from . import gradebook
    report = {key: [g for grades in notebooks.values() for g in grades] for key, notebooks in by_notebook.items()}
    out = gradebook.write_csv(root, report, seed)
    print(f"details: {out}")
    problems = []
    for unit in sorted({unit for _, unit in by_notebook}):
        by_student = {student: notebooks for (student, u), notebooks in by_notebook.items() if u == unit}
        failure = gradebook.record(root, unit, by_student, _read_submission)
        if failure:
            problems.append(failure)
        else:
            print(f"gradebook: {unit}: {len(by_student)} submission(s) recorded (autograded/<student>/{unit}/)")
    return problems


def check_notebook(path: str | Path, settings: Settings = Settings()) -> bool:
    """Check one notebook's answer cells (visible and hidden cases) outside its kernel."""
    nb = read_ipynb(path)
    answers = answer_sources(nb)
    grades = grade_notebook(setup_source(nb), answers, list(answers), secrets.randbits(32), settings)
    ok = True
    for g in grades:
        print(("PASS " if g.score == g.max_score else "FAIL ") + g.message)
        ok &= g.score == g.max_score
    return ok


def main_grade(args) -> int:
    """``course grade``: exit 0 when every submission found was graded, 1 with a reason otherwise."""
    from .sandbox.limits import describe
    settings = Settings(timeout=args.timeout, memory_mib=args.memory, isolate=not args.no_sandbox)
    if settings.isolate and getattr(args, "scheduler", None):
        print("sandbox: bubblewrap on each worker (checked before grading)")
    elif settings.isolate:
        print(f"sandbox: bubblewrap; limits: {describe()}")
    else:
        print("sandbox: none (--no-sandbox): answers run as you, with limits only; trusted notebooks only")
    from .cluster import ClusterLost, ClusterUnfit
    try:
        report = grade_submissions(args.units, jobs=args.jobs, seed=args.seed, settings=settings,
                                   scheduler=getattr(args, "scheduler", None))
    except (SandboxUnavailable, ClusterUnfit, ClusterLost) as error:
        print(error, file=sys.stderr)
        return 1
    except GradebookError as error:
        print(f"the grades are in autograded/course-grades.csv, but not all are in the gradebook:\n{error}",
              file=sys.stderr)
        return 1
    if not report:
        where = f" for {', '.join(args.units)}" if args.units else ""
        print(f"nothing graded: no submissions under submitted/<student>/<unit>/{where} "
              f"(collect them first: nbgrader collect or zip_collect)", file=sys.stderr)
        return 1
    return 0
