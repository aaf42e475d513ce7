"""Run a student's function on an exercise's cases and report to the student.

``check(id, fn)`` is what notebook test cells call. It prints one line when every case passes and
raises :class:`CheckFailed` with one short message otherwise: which call, which output and what is
wrong. Hidden cases are drawn from a seed chosen when the check runs, so outputs cannot be
hard-coded, and their messages never show the hidden inputs' values.
"""
from __future__ import annotations

import contextlib
import copy
import io
import os
import secrets
import sys
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .compare import compare
from .registry import Args, Exercise, get

SEED_VARIABLE = "COURSE_HIDDEN_SEED"
_COURSE_DIR = str(Path(__file__).resolve().parents[1])


class CheckFailed(AssertionError):
    """A check found a mistake; its message is written for the student."""


@dataclass(frozen=True)
class Result:
    """The outcome of checking one function on one set of cases."""

    passed: bool
    message: str
    n_cases: int


def check(exercise_id: str, fn: Callable, hidden: bool = False, seed: int | None = None) -> None:
    """Check ``fn`` against exercise ``exercise_id``'s visible (or hidden) cases.

    Prints one line on success; raises :class:`CheckFailed` with a message for the student on the
    first failing case.
    """
    __tracebackhide__ = True
    result = run_check(get(exercise_id), fn, hidden=hidden, seed=seed)
    if not result.passed:
        raise CheckFailed(result.message) from None
    print(result.message)


def hidden_seed() -> int:
    """The seed of the hidden cases: ``$COURSE_HIDDEN_SEED`` if set, else fresh randomness."""
    value = os.environ.get(SEED_VARIABLE)
    return int(value) if value else secrets.randbits(32)


def hidden_cases(exercise: Exercise, seed: int) -> list[Args]:
    """The hidden cases of ``exercise`` drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    return [exercise.hidden(rng) for _ in range(exercise.n_hidden)]


def run_check(exercise: Exercise, fn: Callable, hidden: bool = False, seed: int | None = None,
              forbid_reference: bool = True) -> Result:
    """Check ``fn`` on the exercise's visible cases, or on freshly drawn hidden cases.

    ``forbid_reference=False`` lets the course's own tests check the reference itself.
    """
    what = "hidden" if hidden else "visible"
    if forbid_reference and fn is exercise.reference:
        return Result(False, f"{exercise.name}: this is the course's reference implementation, "
                             f"not your function. Pass the function you wrote.", 0)
    if not callable(fn):
        return Result(False, f"{exercise.name}: expected a function, got {type(fn).__name__}.", 0)
    cases = hidden_cases(exercise, hidden_seed() if seed is None else seed) if hidden else \
        [case.args for case in exercise.cases]
    for i, args in enumerate(cases):
        message = _check_case(exercise, fn, args, show_values=not hidden, forbid_reference=forbid_reference)
        if message:
            if hidden:
                return Result(False, f"hidden case {i + 1} of {len(cases)} failed. {message}", len(cases))
            return Result(False, message, len(cases))
    counted = f"all {len(cases)} {what} cases" if len(cases) > 1 else f"the {what} case"
    return Result(True, f"{exercise.id}: {counted} passed.", len(cases))


def _check_case(exercise: Exercise, fn: Callable, args: Args, show_values: bool,
                forbid_reference: bool) -> str | None:
    call = describe_call(exercise.name, args, show_values)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = exercise.reference(**copy.deepcopy(args))
    student_args = copy.deepcopy(args)
    try:
        got, used_reference = _call_student(fn, student_args, exercise.reference, quiet=not show_values)
    except NotImplementedError:
        return f"{call} raised NotImplementedError: replace `raise NotImplementedError()` with your code."
    except Exception as error:  # the student's bug, reported without our frames
        return f"{call} raised {type(error).__name__}: {error}{_where(error)}"
    if used_reference and forbid_reference:
        return (f"{call} calls the course's reference implementation of {exercise.name}; "
                f"write it yourself.")
    message = compare(expected, got, exercise.compare, show_values)
    if message:
        return f"{call}: {message}"
    if not exercise.modifies_inputs:
        changed = [name for name in args if not _same(args[name], student_args[name])]
        if changed:
            return (f"{call} changed its argument {changed[0]} in place; "
                    f"compute a new array instead (e.g. x = x / n, not x /= n).")
    return None


def _call_student(fn: Callable, args: Args, reference: Callable, quiet: bool) -> tuple[Any, bool]:
    """Call ``fn(**args)``; say whether it called ``reference``. stderr and warnings are swallowed."""
    forbidden = getattr(reference, "__code__", None)
    used = []

    def profiler(frame, event, arg):
        if event == "call" and frame.f_code is forbidden:
            used.append(True)

    previous = sys.getprofile()
    sink = io.StringIO()
    stdout = contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext()
    with np.errstate(all="ignore"), warnings.catch_warnings(), contextlib.redirect_stderr(sink), stdout:
        warnings.simplefilter("ignore")
        sys.setprofile(profiler)
        try:
            result = fn(**args)
        finally:
            sys.setprofile(previous)
    return result, bool(used)


def _where(error: BaseException) -> str:
    """' (at line N: code)' for the innermost frame of the student's own code, if any."""
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not f.filename.startswith(_COURSE_DIR) and "site-packages" not in f.filename
              and not f.filename.startswith(sys.prefix)]
    if not frames:
        return ""
    frame = frames[-1]
    code = f": {frame.line.strip()}" if frame.line else ""
    return f" (in {frame.name}, line {frame.lineno}{code})"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return True  # numbers, strings, generators: immutable or not ours to compare


def describe_call(name: str, args: Args, show_values: bool) -> str:
    """``sigmoid(x=array([1., 2.]))`` for visible cases; shapes only for hidden ones."""
    parts = ", ".join(f"{key}={describe_value(value, show_values)}" for key, value in args.items())
    return f"{name}({parts})"


def describe_value(value: Any, show_values: bool) -> str:
    """A short description of an argument: small arrays in full when values may be shown."""
    if isinstance(value, np.ndarray):
        if show_values and value.size <= 8 and value.ndim <= 2:
            return "np.array(" + np.array2string(value, separator=", ").replace("\n", "") + ")"
        return f"<array of shape {value.shape}>"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {describe_value(v, False)}" for k, v in value.items()) + "}"
    if isinstance(value, np.random.Generator):
        return "rng"
    if isinstance(value, (list, tuple)) and not show_values:
        return f"<{type(value).__name__} of {len(value)}>"
    if callable(value):
        return getattr(value, "__name__", "function")
    if isinstance(value, float) and not show_values:
        return "<float>"
    return repr(value)
