"""``course grade`` and ``course check``: checks run outside the student's kernel.

nbgrader's autograde runs a whole submitted notebook, so a student's extra cells run too. Here,
for each submission ``submitted/<student>/<unit>/<notebook>.ipynb``:

- the setup cell comes from the instructor's ``source/`` (trusted), the answer cells from the
  submission, matched by grade_id; every other cell is ignored;
- they run in a separate process (:mod:`course.sandbox`) with a memory limit and a timeout;
- that process only calls the functions; this one holds the references and judges the outcomes,
  so nothing in an answer cell can change how it is judged;
- hidden cases are drawn from one seed chosen when grading starts (printed, for regrading).

Submissions are graded in parallel. The report goes to the terminal and to
``autograded/course-grades.csv``.
"""
from __future__ import annotations

import csv
import os
import pickle
import re
import secrets
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .checks import get
from .checks.runner import Outcome, case_args, judge, summarise
from .notebooks import answer_ids, answer_sources, course_root, read_ipynb, read_source, setup_source
from .sandbox import load_results

# An answer that imports the reference implementations is not the student's work.
USES_REFERENCE = re.compile(r"course\s*\.\s*nn\b|from\s+course\s+import\s+[^\n]*\bnn\b")


@dataclass(frozen=True)
class ExerciseGrade:
    """The grade of one exercise of one submission."""

    exercise_id: str
    score: float
    max_score: float
    message: str


def grade_notebook(setup: str, answers: dict[str, str], exercise_ids: list[str], seed: int,
                   timeout: float = 120, memory_mib: int = 2048) -> list[ExerciseGrade]:
    """Grade the given answer cells on each exercise's visible and hidden cases."""
    calls = {i: case_args(get(i), False) + case_args(get(i), True, seed) for i in exercise_ids}
    runnable = {i: s for i, s in answers.items() if i in calls and not USES_REFERENCE.search(s)}
    failure = None
    try:
        results = _run_sandbox({"setup": setup, "answers": runnable, "calls": calls}, timeout, memory_mib)
    except subprocess.TimeoutExpired:
        results, failure = {}, f"the answer cells took longer than {timeout:g} s"
    except RuntimeError as error:
        results, failure = {}, str(error)
    grades = []
    for i in exercise_ids:
        exercise = get(i)
        passed = False
        if i in answers and i not in runnable:
            message = f"{i}: the answer cell uses the course's reference implementations (course.nn)"
        elif failure or i not in results:
            message = f"{i}: {failure or 'no result'}"
        else:
            passed, message = _judge_all(exercise, calls[i], results[i])
        grades.append(ExerciseGrade(i, exercise.points if passed else 0, exercise.points, message))
    return grades


def _judge_all(exercise, calls, outcomes) -> tuple[bool, str]:
    n_visible = len(exercise.cases)
    for hidden, args_list, outs in ((False, calls[:n_visible], outcomes[:n_visible]),
                                    (True, calls[n_visible:], outcomes[n_visible:])):
        messages = []
        for args, out in zip(args_list, outs):
            messages.append(judge(exercise, args, Outcome(**out), show_values=not hidden))
            if messages[-1]:
                break
        result = summarise(exercise, messages, len(args_list), hidden)
        if not result.passed:
            return False, f"{exercise.id}: {result.message}"
    return True, f"{exercise.id}: visible and hidden cases passed."


def _limit_resources(memory_mib: int):
    def apply():
        try:
            import resource
            limit = memory_mib * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):  # not every OS lets us; the timeout still holds
            pass
    return apply


def _run_sandbox(request: dict, timeout: float, memory_mib: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        request_path, result_path = Path(tmp, "request.pkl"), Path(tmp, "result.pkl")
        request_path.write_bytes(pickle.dumps(request))
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        proc = subprocess.run([sys.executable, "-m", "course.sandbox", str(request_path), str(result_path)],
                              cwd=tmp, env=env, timeout=timeout, capture_output=True, text=True,
                              preexec_fn=_limit_resources(memory_mib) if os.name == "posix" else None)
        if proc.returncode != 0 or not result_path.exists():
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"the answer cells could not be run ({last})")
        return load_results(str(result_path))


def grade_submission(root: Path, unit: str, student: str, seed: int, timeout: float,
                     memory_mib: int) -> list[ExerciseGrade]:
    """Grade ``submitted/<student>/<unit>/`` against the unit's instructor notebooks."""
    grades = []
    for source_path in sorted((root / "source" / unit).glob("*.py")):
        source = read_source(source_path)
        ids = answer_ids(source)
        submitted = root / "submitted" / student / unit / f"{source_path.stem}.ipynb"
        if not submitted.exists():
            grades += [ExerciseGrade(i, 0, get(i).points, f"{submitted.name} was not submitted") for i in ids]
            continue
        grades += grade_notebook(setup_source(source), answer_sources(read_ipynb(submitted)), ids,
                                 seed, timeout, memory_mib)
    return grades


def grade_submissions(units: list[str] | None = None, jobs: int = 2, timeout: float = 120,
                      memory_mib: int = 2048, seed: int | None = None,
                      root: Path | str | None = None) -> dict[tuple[str, str], list[ExerciseGrade]]:
    """Grade every submission under ``submitted/`` (optionally only some units); print a report."""
    root = course_root(root)
    seed = secrets.randbits(32) if seed is None else seed
    jobs_list = sorted((p.parent.name, p.name) for p in (root / "submitted").glob("*/*")
                       if p.is_dir() and (not units or p.name in units))
    print(f"grading {len(jobs_list)} submission(s); hidden-case seed {seed}")
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {key: pool.submit(grade_submission, root, key[1], key[0], seed, timeout, memory_mib)
                   for key in jobs_list}
        report = {key: future.result() for key, future in futures.items()}
    out = root / "autograded" / "course-grades.csv"
    out.parent.mkdir(exist_ok=True)
    with out.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "unit", "exercise", "score", "max_score", "message", "seed"])
        for (student, unit), grades in report.items():
            total = sum(g.score for g in grades)
            print(f"{student:>20} {unit:<28} {total:g} / {sum(g.max_score for g in grades):g}")
            for g in grades:
                writer.writerow([student, unit, g.exercise_id, g.score, g.max_score, g.message, seed])
    print(f"details: {out}")
    return report


def check_notebook(path: str | Path) -> bool:
    """Check one notebook's answer cells (visible and hidden cases) outside its kernel."""
    nb = read_ipynb(path)
    answers = answer_sources(nb)
    grades = grade_notebook(setup_source(nb), answers, list(answers), secrets.randbits(32))
    ok = True
    for g in grades:
        print(("PASS " if g.score == g.max_score else "FAIL ") + g.message)
        ok &= g.score == g.max_score
    return ok
