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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .compare import compare
from .diagnoses import MARK, factors
from .registry import Args, Exercise, get

SEED_VARIABLE = "COURSE_HIDDEN_SEED"
_COURSE_DIR = str(Path(__file__).resolve().parents[1])


class CheckFailed(AssertionError):
    """A check found a mistake; its message is written for the student.

    In IPython and Jupyter the error shows as this one message, without a traceback through the
    checker's code (IPython calls ``_render_traceback_`` to format an exception that has one).
    """

    def _render_traceback_(self) -> list[str]:
        lines = str(self).split("\n")
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {lines[0]}", *lines[1:]]


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
    result = run_check(get(exercise_id), fn, hidden=hidden, seed=seed)
    RESULTS[exercise_id] = RESULTS.get(exercise_id, True) and result.passed if hidden else result.passed
    if not result.passed:
        raise CheckFailed(result.message) from None
    print(result.message)


RESULTS: dict[str, bool] = {}  # exercise id -> whether its last check in this kernel passed


def summary(exercise_ids: list[str]) -> None:
    """The last cell of every notebook (0 points): how many of its exercises pass, and what is left.

    Reads what :func:`check` recorded in this kernel, so it is up to date after Run All (and in
    nbgrader's Validate, which runs every cell). Prints one line when all pass; otherwise raises
    :class:`CheckFailed` naming the exercises still failing and those not checked yet.
    """
    names = {i: get(i).name for i in exercise_ids}
    failing = [names[i] for i in exercise_ids if RESULTS.get(i) is False]
    unchecked = [names[i] for i in exercise_ids if i not in RESULTS]
    n, passed = len(exercise_ids), sum(RESULTS.get(i) is True for i in exercise_ids)
    if passed == n:
        print(f"All {n} exercises of this notebook pass their checks. When graded, each also runs on "
              f"hidden cases.")
        return
    parts = [f"{passed} of {n} exercises pass."]
    if failing:
        parts.append(f"Still failing: {', '.join(failing)} (the message under each test cell says what is wrong).")
    if unchecked:
        parts.append(f"Not checked yet: {', '.join(unchecked)} (run their test cells, or Run > Run All Cells).")
    raise CheckFailed(" ".join(parts))


def hidden_seed() -> int:
    """The seed of the hidden cases: ``$COURSE_HIDDEN_SEED`` if set, else fresh randomness."""
    value = os.environ.get(SEED_VARIABLE)
    return int(value) if value else secrets.randbits(32)


def hidden_cases(exercise: Exercise, seed: int) -> list[Args]:
    """The hidden cases of ``exercise`` drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    return [exercise.hidden(rng) for _ in range(exercise.n_hidden)]


@dataclass
class Outcome:
    """What one call of a student's function did: its value, or the error it raised.

    ``args_after`` are the arguments as the call left them (to catch changes in place);
    ``used_forbidden`` is the name of the first of the exercise's ``forbidden`` functions it
    called, if any.
    """

    value: Any = None
    error: str | None = None  # "raised ValueError: ..." (the call is put in front when reported)
    args_after: Args | None = None
    used_forbidden: str | None = None


def run_check(exercise: Exercise, fn: Callable, hidden: bool = False, seed: int | None = None,
              forbid_reference: bool = True) -> Result:
    """Check ``fn`` on the exercise's visible cases, or on freshly drawn hidden cases.

    ``forbid_reference=False`` lets the course's own tests check the reference itself. (Only
    passing the reference object is refused here; grading runs answers where no reference exists,
    see :mod:`course.grading`.)
    """
    if forbid_reference and fn is exercise.reference:
        return Result(False, f"{exercise.name}: this is the course's reference implementation, "
                             f"not your function. Pass the function you wrote.", 0)
    if not callable(fn):
        return Result(False, f"{exercise.name}: expected a function, got {type(fn).__name__}.", 0)
    if exercise.adapter and fn is not exercise.reference:
        fn = exercise.adapter(fn)
    cases = case_args(exercise, hidden, seed)
    messages = []
    for args in cases:
        outcome = call_student(fn, args, quiet=hidden, forbidden=exercise.forbidden)
        messages.append(judge(exercise, args, outcome, show_values=not hidden))
        if messages[-1]:
            break
    return summarise(exercise, messages, len(cases), hidden)


def case_args(exercise: Exercise, hidden: bool, seed: int | None = None) -> list[Args]:
    """The arguments of the visible cases, or of hidden cases drawn from ``seed``."""
    if hidden:
        return hidden_cases(exercise, hidden_seed() if seed is None else seed)
    return [case.args for case in exercise.cases]


def summarise(exercise: Exercise, messages: list[str | None], n_cases: int, hidden: bool) -> Result:
    """One Result from the per-case messages (None for a passed case), stopping at the first failure."""
    what = "hidden" if hidden else "visible"
    for i, message in enumerate(messages):
        if message:
            prefix = f"hidden case {i + 1} of {n_cases} failed. " if hidden else ""
            return Result(False, prefix + message, n_cases)
    counted = f"all {n_cases} {what} cases" if n_cases > 1 else f"the {what} case"
    return Result(True, f"{exercise.id}: {counted} passed.", n_cases)


def judge(exercise: Exercise, args: Args, outcome: Outcome, show_values: bool) -> str | None:
    """None if ``outcome`` is right for the call ``exercise.name(**args)``, else what is wrong.

    On a visible case (``show_values``), a wrong outcome that is what one of the exercise's
    mutants gives on the same call is named first: "This looks like a typical mistake:
    <description>." Never on hidden cases, where naming the mistake would tell something of the
    hidden inputs.
    """
    if exercise.describe:
        call = exercise.describe(args, show_values)
    else:
        call = describe_call(exercise.name, args, show_values)
    message = verdict(exercise, args, outcome, show_values, call)
    if message and show_values:
        from .mistakes import recognised_mistakes  # it calls verdict and call_student
        mistakes = recognised_mistakes(exercise, args, outcome)
        if len(mistakes) == 1:
            return f"This looks like a typical mistake: {mistakes[0]}. {message}"
        if mistakes:
            return f"This looks like one of these typical mistakes: {'; or '.join(mistakes)}. {message}"
    return message


def reference_output(exercise: Exercise, args: Args) -> tuple[dict, Any]:
    """``(arguments after the reference's call, its output)`` for a copy of ``args``."""
    reference_args = copy.deepcopy(dict(args))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return reference_args, exercise.reference(*reference_args.values())


def verdict(exercise: Exercise, args: Args, outcome: Outcome, show_values: bool, call: str,
            reference: tuple[dict, Any] | None = None) -> str | None:
    """What is wrong with ``outcome`` for the call described by ``call``, or None.

    ``reference``: what :func:`reference_output` returns for ``args``, if already known."""
    if outcome.used_forbidden:
        return (f"{call} calls {outcome.used_forbidden}, which this exercise asks you to do without: "
                f"write that step yourself, as the instructions say.")
    if outcome.error:
        if outcome.error.startswith("raised NotImplementedError"):
            return f"{call} raised NotImplementedError: replace `raise NotImplementedError()` with your code."
        return f"{call} {outcome.error}"
    reference_args, expected = reference or reference_output(exercise, args)
    spec = replace(exercise.compare, factors=factors(args)) if show_values else exercise.compare
    message = compare(expected, outcome.value, spec, show_values)
    if not message and exercise.properties:
        message = exercise.properties(args, expected, outcome.value)
    for name in exercise.updates:
        if message or outcome.args_after is None:
            break
        message = compare(reference_args[name], outcome.args_after[name],
                          replace(spec, names=None, skip=()), show_values)
        if message:
            message = f"after the call, {name} is not updated as it should be: " + message.replace(
                "output", name, 1)
    if message:
        # A diagnosis (after MARK) comes first, before the long description of the call.
        message, _, diagnosis = message.partition(MARK)
        return f"{diagnosis} {call}: {message}" if diagnosis else f"{call}: {message}"
    if not exercise.modifies_inputs and not exercise.updates and outcome.args_after is not None:
        changed = [name for name in args if not _same(args[name], outcome.args_after[name])]
        if changed:
            return (f"{call} changed its argument {changed[0]} in place; "
                    f"compute a new array instead (e.g. x = x / n, not x /= n).")
    return None


def call_student(fn: Callable, args: Args, quiet: bool, forbidden: tuple[Callable, ...] = ()) -> Outcome:
    """Call ``fn`` on a copy of ``args``; catch what it raises; note whether it ran one of the
    ``forbidden`` functions.

    Arguments are passed by position, in the order of ``args``: the names in a case are for
    messages, so a student's parameter names (``z`` or ``x``) do not matter.

    Warnings and stderr are swallowed (nbgrader scores a cell that writes to stderr 0); stdout
    too when ``quiet``.
    """
    banned = _banned(forbidden)
    called = []

    def profiler(frame, event, arg):
        if banned and not called:
            key = frame.f_code if event == "call" else arg if event == "c_call" else None
            if key is not None and id(key) in banned:
                called.append(banned[id(key)])

    student_args = copy.deepcopy(dict(args))
    previous = sys.getprofile()
    sink = io.StringIO()
    stdout = contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext()
    with np.errstate(all="ignore"), warnings.catch_warnings(), contextlib.redirect_stderr(sink), stdout:
        warnings.simplefilter("ignore")
        if banned:
            sys.setprofile(profiler)
        try:
            value = fn(*student_args.values())
        except Exception as error:  # the student's bug, reported without our frames
            return Outcome(error=f"raised {type(error).__name__}: {error}{_where(error)}",
                           used_forbidden=next(iter(called), None))
        finally:
            if banned:
                sys.setprofile(previous)
    return Outcome(value=value, args_after=student_args, used_forbidden=next(iter(called), None))


def _banned(forbidden: tuple[Callable, ...]) -> dict[int, str]:
    """``{id: "np.name"}`` of what a profiler sees when each function is called: the code of a
    Python function (or of the implementation behind NumPy's dispatcher), or a C function itself."""
    banned = {}
    for function in forbidden:
        python = getattr(function, "_implementation", function)
        code = getattr(python, "__code__", None)
        banned[id(code if code is not None else function)] = f"np.{function.__name__}"
    return banned


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
        # numbers in full when values may be shown; arrays as shapes, to keep the line short
        return "{" + ", ".join(f"{k!r}: {describe_value(v, show_values and not isinstance(v, np.ndarray))}"
                               for k, v in value.items()) + "}"
    if isinstance(value, np.random.Generator):
        return "rng"
    if isinstance(value, (list, tuple)):
        plain = all(isinstance(v, (int, float, str)) for v in value)
        if show_values and plain and len(value) <= 8:
            return repr(value)
        return f"<{type(value).__name__} of {len(value)}>"
    if callable(value):
        return getattr(value, "__name__", "function")
    if isinstance(value, float) and not show_values:
        return "<float>"
    return repr(value)
