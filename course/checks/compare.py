"""Compare a student's output with the reference's and say, in one sentence, what differs.

:func:`compare` walks dicts, tuples and lists, and compares arrays and numbers at the leaves. It
returns ``None`` when everything matches, or a message such as::

    grads["dw"] has the wrong shape: expected (2, 1), got (1, 2)
    output has wrong values: 3 of 4 entries differ, max abs error 0.5 at [1, 0] (rel 0.67);
        expected vs got: [0, 1] 0.25 vs 0.5, ...
"""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .diagnoses import MARK, diagnose
from .registry import Compare


def compare(expected: Any, got: Any, spec: Compare, show_values: bool = True) -> str | None:
    """Return ``None`` if ``got`` matches ``expected``, else a message for the student.

    ``show_values=False`` (hidden cases) reports shapes and error sizes but no values.
    """
    if isinstance(expected, tuple) and spec.names:
        if not isinstance(got, (tuple, list)):
            return f"the function should return a tuple {_tuple_names(spec.names)}, got {_type_name(got)}"
        if len(got) != len(expected):
            return (f"the function should return {len(expected)} values {_tuple_names(spec.names)}, "
                    f"got {len(got)}")
        for i, (name, e, g) in enumerate(zip(spec.names, expected, got)):
            if name in spec.skip:
                continue
            message = _compare(e, g, name, spec, show_values)
            if message:
                what, mark, diagnosis = message.partition(MARK)
                return what + _order_hint(i, got, expected, spec) + mark + diagnosis
        return None
    return _compare(expected, got, "output", spec, show_values)


def _order_hint(i: int, got: tuple, expected: tuple, spec: Compare) -> str:
    """What a wrong output ``got[i]`` is, when it equals what another output should be.

    A swap (``got[i]`` is what ``other`` should be and ``other``'s item is what ``i`` should be)
    asks for the right order; a copy (``other``'s item is right too) says so, with the
    exercise's advice from ``spec.mix_ups`` if it has some; else "".
    """
    name = spec.names[i]
    for j, (other, e) in enumerate(zip(spec.names, expected)):
        if j == i or other in spec.skip or _compare(e, got[i], other, spec, False) is not None:
            continue
        if _compare(expected[i], got[j], name, spec, False) is None:
            return f" (it matches what {other} should be: return {_tuple_names(spec.names)} in this order)"
        advice = next((a for n, o, a in spec.mix_ups if (n, o) == (name, other)), None)
        if advice:
            return f"; {advice}"
        return f" (it equals what {other} should be)"
    return ""


def _tuple_names(names: tuple[str, ...]) -> str:
    return "(" + ", ".join(names) + ")"


def _type_name(value: Any) -> str:
    kind = type(value)
    if kind.__module__ in ("builtins", "__main__"):
        return kind.__name__
    return f"{kind.__module__.split('.')[0]}.{kind.__name__}"


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _compare(expected: Any, got: Any, path: str, spec: Compare, show_values: bool) -> str | None:
    if spec.exact_type and type(got) is not type(expected):
        return f"{path} has the wrong type: expected {_type_name(expected)}, got {_type_name(got)}"
    if isinstance(expected, dict):
        return _compare_dict(expected, got, path, spec, show_values)
    if isinstance(expected, (tuple, list)):
        if got is None:
            return f"{path} should be a {type(expected).__name__}, got None"
        return _compare_sequence(expected, got, path, spec, show_values)
    if isinstance(expected, np.ndarray):
        return _compare_array(expected, got, path, spec, show_values)
    if expected is None:
        return None if got is None else f"{path} should be None, got {_type_name(got)}"
    if isinstance(expected, (bool, np.bool_)) or isinstance(expected, str):
        if type(got) is not type(expected) and not (isinstance(expected, (bool, np.bool_))
                                                    and isinstance(got, (bool, np.bool_))):
            return f"{path} has the wrong type: expected {_type_name(expected)}, got {_type_name(got)}"
        if got != expected:
            return f"{path} is wrong: expected {expected!r}, got {got!r}" if show_values else f"{path} is wrong"
        return None
    if _is_number(expected):
        return _compare_number(expected, got, path, spec, show_values)
    raise TypeError(f"cannot compare outputs of type {type(expected).__name__}")


def _compare_dict(expected: dict, got: Any, path: str, spec: Compare, show_values: bool) -> str | None:
    if not isinstance(got, dict):
        return f"{path} should be a dict, got {_type_name(got)}"
    missing = [k for k in expected if k not in got]
    if missing:
        return f"{path} is missing the key{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}"
    extra = [k for k in got if k not in expected]
    if extra:
        return (f"{path} has {'extra keys' if len(extra) > 1 else 'an extra key'} "
                f"{', '.join(map(repr, extra))}" + (f": return only the keys {', '.join(map(repr, expected))}"
                                                    if len(expected) <= 8 else ""))
    for key, value in expected.items():
        message = _compare(value, got[key], f"{path}[{key!r}]", spec, show_values)
        if message:
            return message
    return None


def _compare_sequence(expected: tuple | list, got: Any, path: str, spec: Compare,
                      show_values: bool) -> str | None:
    if not isinstance(got, (tuple, list)):
        return f"{path} should be a {type(expected).__name__}, got {_type_name(got)}"
    if len(got) != len(expected):
        return f"{path} should have {len(expected)} items, got {len(got)}"
    for i, (e, g) in enumerate(zip(expected, got)):
        message = _compare(e, g, f"{path}[{i}]", spec, show_values)
        if message:
            return message
    return None


def _compare_number(expected: Any, got: Any, path: str, spec: Compare, show_values: bool) -> str | None:
    if isinstance(got, np.ndarray) and got.ndim == 0:
        got = got[()]
    if isinstance(got, np.ndarray):
        # float() of a (1, 1) array raises TypeError in NumPy >= 2.4; .item() works for any size-1 array.
        hint = " (use .item() to turn a one-element array into a number)" if got.size == 1 else ""
        return f"{path} should be a number, got an array of shape {got.shape}{hint}"
    if not _is_number(got):
        return f"{path} should be a number, got {_type_name(got)}"
    if isinstance(expected, numbers.Integral) and not isinstance(got, numbers.Integral):
        return f"{path} should be an integer, got {_type_name(got)}"
    if not spec.values or np.isclose(got, expected, rtol=spec.rtol, atol=spec.atol, equal_nan=True):
        return None
    if show_values:
        return f"{path} is wrong: expected {_fmt(expected)}, got {_fmt(got)}" + _diagnosis(expected, got, path, spec)
    return f"{path} is wrong: off by {_fmt(abs(got - expected))} (rel {_fmt(_rel(got, expected))})"


def _compare_array(expected: np.ndarray, got: Any, path: str, spec: Compare, show_values: bool) -> str | None:
    if not isinstance(got, np.ndarray):
        if _is_number(got) or isinstance(got, (list, tuple)):
            return f"{path} should be a NumPy array of shape {expected.shape}, got {_type_name(got)}"
        return f"{path} should be a NumPy array, got {_type_name(got)}"
    if got.shape != expected.shape:
        transposed = (show_values and got.ndim == 2 and got.shape == expected.shape[::-1]
                      and expected.dtype.kind in "fciub" and got.dtype.kind in "fciub"
                      and np.any(expected != 0) and np.allclose(got.T, expected, rtol=spec.rtol, atol=spec.atol))
        return (f"{path} has the wrong shape: expected {expected.shape}, got {got.shape}"
                + (f"{MARK}{path} is the transpose of the expected array." if transposed else ""))
    if expected.dtype.kind in "fc" and got.dtype.kind not in "fciub":
        return f"{path} should hold numbers, got dtype {got.dtype}"
    if expected.dtype.kind in "iub" and got.dtype.kind not in "iub":
        return f"{path} should hold integers (or booleans), got dtype {got.dtype}"
    if not spec.values:
        return None
    if expected.dtype.kind in "iub":
        wrong = got != expected
    else:
        close = np.isclose(got, expected, rtol=spec.rtol, atol=spec.atol, equal_nan=True)
        wrong = ~close
    if not wrong.any():
        return None
    n_wrong, n = int(wrong.sum()), wrong.size
    if expected.dtype.kind in "fc" and got.dtype.kind in "fc":
        bad = ~np.isfinite(got) & np.isfinite(expected)
        if bad.any():
            first = [int(i) for i in np.argwhere(bad)[0]]
            return (f"{path} has {int(bad.sum())} nan or inf entr{'y' if bad.sum() == 1 else 'ies'} "
                    f"where finite values were expected" + (f", first at {first}" if first else "")
                    + " (an overflow in exp, or a division by zero?)")
    with np.errstate(all="ignore"):
        err = np.abs(got.astype(float) - expected.astype(float))
    err_masked = np.where(wrong, np.nan_to_num(err, nan=np.inf), -1.0)
    where = np.unravel_index(int(np.argmax(err_masked)), expected.shape)
    worst = float(err[where])
    rel = _rel(got[where], expected[where])
    message = (f"{path} has wrong values: {n_wrong} of {n} entr{'y' if n == 1 else 'ies'} differ, "
               f"max abs error {_fmt(worst)}")
    if expected.ndim:
        message += f" at {list(map(int, where))}"
    message += f" (rel {_fmt(rel)})"
    if show_values:
        idx = [tuple(int(i) for i in w) for w in zip(*np.nonzero(wrong))][:3]
        pairs = [f"{list(i) if i else ''} {_fmt(expected[i])} vs {_fmt(got[i])}".strip() for i in idx]
        message += "; expected vs got: " + ", ".join(pairs) + (", ..." if n_wrong > 3 else "")
        message += _diagnosis(expected, got, path, spec)
    return message


def _diagnosis(expected: Any, got: Any, path: str, spec: Compare) -> str:
    """``MARK + sentence`` from :func:`diagnoses.diagnose`, or ""."""
    sentence = diagnose(expected, got, path, spec.rtol, spec.atol, spec.factors)
    return MARK + sentence if sentence else ""


def _rel(got: Any, expected: Any) -> float:
    denom = abs(float(expected))
    with np.errstate(all="ignore"):
        return float(abs(float(got) - float(expected)) / denom) if denom else float("inf")


def _fmt(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (numbers.Integral, np.integer)):
        return str(int(value))
    return f"{float(value):.6g}"
