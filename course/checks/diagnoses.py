"""Generic diagnoses of wrong values, for mistakes no mutant foresaw.

:func:`diagnose` looks at an expected and a wrong array (or number) of the same shape and says,
only where the evidence is unambiguous, how they relate: the signs flipped, a constant factor
(named when it equals 2, 1/2, or one of the call's numbers or sizes: ``m``, ``epsilon`` ...),
a constant shift, or a transpose. Anything else gets no diagnosis: the message then says what
differs and nothing more. Used on visible cases only (a factor could name a hidden input).

:func:`factors` collects the numbers of a call that a factor may equal.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .registry import Args

#: The separator between a comparison's message and its diagnosis (see runner.verdict).
MARK = "\n"


def factors(args: Args) -> tuple[tuple[float, str], ...]:
    """``(value, name)`` pairs a constant factor may be: 2, the call's positive scalar arguments,
    and the number of columns (examples, m) of its 2-D array arguments; each with its inverse."""
    named = [(2.0, "2")]
    for key, value in args.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 and value != 1:
            named.append((float(value), key))
        elif isinstance(value, np.ndarray) and value.ndim == 2 and value.shape[1] > 1:
            named.append((float(value.shape[1]), f"m = {value.shape[1]}, the number of columns of {key}"))
    seen, out = set(), []
    for value, name in named:
        for v, n in ((value, name), (1 / value, f"1/({name})" if " " in name else f"1/{name}")):
            if (round(v, 12), n) not in seen:
                seen.add((round(v, 12), n))
                out.append((v, n))
    return tuple(out)


def diagnose(expected: Any, got: Any, path: str, rtol: float, atol: float,
             named: tuple[tuple[float, str], ...] = ()) -> str | None:
    """One sentence on how ``got`` (the output ``path``) relates to ``expected``, or None when
    nothing is certain."""
    e, g = np.asarray(expected, dtype=float), np.asarray(got, dtype=float)
    if e.shape != g.shape or not np.all(np.isfinite(e)):
        return None
    if e.size == 1 and not np.isfinite(g.flat[0]):  # arrays: compare says where the nan/inf are
        return (f"{path} is {g.flat[0]} where a finite number was expected "
                f"(an overflow in exp, a log of 0 or a division by zero?).")
    if not np.all(np.isfinite(g)):
        return None
    scale = float(np.max(np.abs(e))) if e.size else 0.0
    if scale <= atol:
        return None

    def close(a, b):
        return bool(np.allclose(a, b, rtol=rtol, atol=atol))

    if close(g, -e):
        return f"{path} has the wrong sign: it is exactly minus what it should be."
    if e.size == 1:
        # A number is always some multiple of another: name the factor only when it is a known one.
        name = _named(float(g.flat[0] / e.flat[0]), named)
        return f"{path} is {_fmt(float(g.flat[0] / e.flat[0]))} times what it should be (a factor {name})." \
            if name else None
    big = np.abs(e) > 1e-3 * scale
    ratio = float(np.median(g[big] / e[big]))
    if ratio and not close(ratio, 1.0) and close(g, ratio * e):
        name = _named(ratio, named)
        return f"{path} is {_fmt(ratio)} times what it should be" + (f" (a factor {name})." if name else ".")
    if e.size > 2:
        shift = float(np.median(g - e))
        if close(g, e + shift) and abs(shift) > atol:
            return f"Every entry of {path} is off by the same amount, {_fmt(shift)}."
    if e.ndim == 2 and e.shape[0] == e.shape[1] and e.shape[0] > 1 and close(g, e.T):
        return f"{path} holds the transpose of what it should be."
    return None


def _named(ratio: float, named) -> str | None:
    """The names of the factors equal to ``ratio``, joined by "or" (None if none)."""
    names = [name for value, name in named if abs(ratio - value) <= 1e-6 * abs(value)]
    return " or ".join(names) or None


def _fmt(value: float) -> str:
    return f"{value:.6g}"
