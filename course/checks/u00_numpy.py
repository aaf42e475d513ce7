"""Exercises of unit u00_numpy: Python and NumPy for deep learning."""
from __future__ import annotations

import math

import numpy as np

from course.nn import activations, arrays, losses

from .registry import Case, Compare, Exercise, register
from .shapes import random_shape

# ----------------------------------------------------------------------------- typical mistakes


def _basic_sigmoid_np_exp(x):
    return 1 / (1 + np.exp(-x))


def _basic_sigmoid_sign(x):
    return 1 / (1 + math.exp(x))


def _sigmoid_sign(x):
    return 1 / (1 + np.exp(x))


def _sigmoid_minus(x):
    return 1 / (1 - np.exp(-x))


def _sigmoid_math_exp(x):
    return 1 / (1 + math.exp(-x))


def _sigmoid_derivative_no_sigmoid(x):
    return x * (1 - x)


def _sigmoid_derivative_plus(x):
    s = 1 / (1 + np.exp(-x))
    return s * (1 + s)


def _image2vector_rank1(image):
    return image.reshape(-1)


def _image2vector_row(image):
    return image.reshape(1, -1)


def _image2vector_fortran(image):
    return image.reshape(-1, 1, order="F")


def _normalize_rows_columns(x):
    return x / np.linalg.norm(x, axis=0, keepdims=True)


def _normalize_rows_squared(x):
    return x / np.sum(x ** 2, axis=1, keepdims=True)


def _normalize_rows_no_keepdims(x):
    return x / np.linalg.norm(x, axis=1)


def _softmax_no_shift(x):
    e = np.exp(x)
    return e / np.sum(e, axis=1, keepdims=True)


def _softmax_min_shift(x):
    e = np.exp(x - np.min(x, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def _softmax_global_sum(x):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    return e / np.sum(e)


def _softmax_columns(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def _softmax_global_max(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e, axis=1, keepdims=True)


def _L1_mean(yhat, y):
    return np.mean(np.abs(y - yhat))


def _L1_no_abs(yhat, y):
    return np.sum(y - yhat)


def _L2_norm(yhat, y):
    return np.sqrt(np.sum((y - yhat) ** 2))


def _L2_abs(yhat, y):
    return np.sum(np.abs(y - yhat))


def _L2_mean(yhat, y):
    return np.mean((y - yhat) ** 2)


def _center_rows_rank1(x):
    return x - np.mean(x, axis=1)


def _center_rows_columns(x):
    return x - np.mean(x, axis=0, keepdims=True)


# The notebook asks for the rules by hand: "Do not create arrays or call NumPy's broadcasting functions".
_BROADCASTING_FUNCTIONS = (np.broadcast_shapes, np.broadcast_arrays, np.broadcast_to,
                           np.zeros, np.ones, np.empty, np.full)


def _broadcast_numpy(shape_a, shape_b):
    try:
        return np.broadcast_shapes(shape_a, shape_b)
    except ValueError:
        return None


def _broadcast_left_aligned(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = tuple(shape_a) + (1,) * (n - len(shape_a))
    b = tuple(shape_b) + (1,) * (n - len(shape_b))
    if any(i != j and 1 not in (i, j) for i, j in zip(a, b)):
        return None
    return tuple(max(i, j) for i, j in zip(a, b))


def _broadcast_no_padding(shape_a, shape_b):
    out = []
    for i, j in zip(shape_a[::-1], shape_b[::-1]):
        if i != j and 1 not in (i, j):
            return None
        out.append(max(i, j))
    return tuple(out[::-1])


def _broadcast_always_max(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    return tuple(max(i, j) for i, j in zip(a, b))


# ----------------------------------------------------------------------------- hidden cases


def _scalar(rng):
    return {"x": float(rng.uniform(-10, 10))}


def any_array(rng):
    return {"x": rng.normal(0, 3, random_shape(rng, 1, 3))}


def _image(rng):
    return {"image": rng.random(random_shape(rng, 3, 3, low=2, high=6))}


def _matrix(rng):
    return {"x": rng.normal(0, 2, random_shape(rng, 2, 2, low=2, high=7))}


def _square_or_not(rng):
    m = int(rng.integers(2, 7))
    n = m if rng.random() < 0.3 else int(rng.integers(2, 7))
    return {"x": rng.normal(0, 2, (m, n))}


def _logits(rng):
    """Rows of logits, one of them shifted far up so that an unshifted exp overflows, and one
    entry raised far above the rest of its row: a row whose range exp cannot hold (e^710 is
    inf), so that only the shift by the row's max is safe."""
    x = rng.normal(0, 3, (int(rng.integers(2, 6)), int(rng.integers(2, 7))))
    x[rng.integers(x.shape[0])] += rng.uniform(750, 1000)
    x[rng.integers(x.shape[0]), rng.integers(x.shape[1])] += rng.uniform(750, 1000)
    return {"x": x}


def _prediction_pair(rng):
    n = int(rng.integers(3, 12))
    return {"yhat": rng.random(n), "y": (rng.random(n) < 0.5).astype(float)}


def _shape_pair(rng):
    n = int(rng.integers(1, 5))
    out = rng.integers(2, 6, n)
    a = [int(d) if rng.random() < 0.6 else 1 for d in out]
    b = [int(d) if rng.random() < 0.6 else 1 for d in out]
    if rng.random() < 0.7 and n > 1:  # one operand has fewer dimensions
        cut = int(rng.integers(1, n))
        if rng.random() < 0.5:
            a = a[cut:]
        else:
            b = b[cut:]
    if rng.random() < 0.35:  # make one aligned pair of sizes incompatible
        k = min(len(a), len(b))
        pos = -int(rng.integers(1, k + 1))
        a[pos] = max(a[pos], 2)
        b[pos] = a[pos] + int(rng.integers(1, 3))
    pair = [tuple(a), tuple(b)]
    if rng.random() < 0.5:
        pair.reverse()
    return {"shape_a": pair[0], "shape_b": pair[1]}


SIGMOID_MUTANTS = {"exp(x) instead of exp(-x)": _sigmoid_sign,
                   "1 - exp(-x) in the denominator": _sigmoid_minus,
                   "math.exp, which only takes single numbers": _sigmoid_math_exp}

# ----------------------------------------------------------------------------- the exercises

_YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
_Y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])

register(
    Exercise(
        id="numpy.basic_sigmoid",
        reference=activations.basic_sigmoid,
        cases=(Case({"x": 3.0}, 0.9525741268224334), Case({"x": 0.0}, 0.5),
               Case({"x": -2.0}, 0.11920292202211755)),
        hidden=_scalar,
        compare=Compare(exact_type=True),
        mutants={"np.exp instead of math.exp (returns numpy.float64)": _basic_sigmoid_np_exp,
                 "exp(x) instead of exp(-x)": _basic_sigmoid_sign},
    ),
    Exercise(
        id="numpy.sigmoid",
        reference=activations.sigmoid,
        cases=(Case({"x": np.array([1.0, 2.0, 3.0])}, np.array([0.73105858, 0.88079708, 0.95257413])),
               Case({"x": np.array([[-1.0, 0.0], [4.0, -6.0]])})),
        hidden=any_array,
        mutants=SIGMOID_MUTANTS,
    ),
    Exercise(
        id="numpy.sigmoid_derivative",
        reference=activations.sigmoid_derivative,
        cases=(Case({"x": np.array([1.0, 2.0, 3.0])}, np.array([0.19661193, 0.10499359, 0.04517666])),
               Case({"x": np.array([[0.0, -3.0], [0.5, 8.0]])})),
        hidden=any_array,
        mutants={"x (1 - x): forgot to apply the sigmoid": _sigmoid_derivative_no_sigmoid,
                 "s (1 + s): wrong sign": _sigmoid_derivative_plus},
    ),
    Exercise(
        id="numpy.image2vector",
        reference=arrays.image2vector,
        cases=(Case({"image": np.arange(18, dtype=float).reshape(3, 3, 2) / 10}),
               Case({"image": np.arange(24, dtype=float).reshape(2, 4, 3)})),
        hidden=_image,
        mutants={"rank-1 result (n,) instead of a column (n, 1)": _image2vector_rank1,
                 "row (1, n) instead of a column (n, 1)": _image2vector_row,
                 "column-major (order='F') flattening": _image2vector_fortran},
    ),
    Exercise(
        id="numpy.normalize_rows",
        reference=arrays.normalize_rows,
        cases=(Case({"x": np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])},
                    np.array([[0.0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]])),
               Case({"x": np.array([[3.0, 4.0], [-1.0, 1.0]])})),
        hidden=_square_or_not,
        mutants={"norm of each column (axis=0) instead of each row": _normalize_rows_columns,
                 "divided by the squared norm (no square root)": _normalize_rows_squared,
                 "norm without keepdims=True": _normalize_rows_no_keepdims},
    ),
    Exercise(
        id="numpy.softmax",
        reference=activations.softmax,
        cases=(Case({"x": np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])},
                    np.array([[9.80897665e-01, 8.94462891e-04, 1.79657674e-02, 1.21052389e-04,
                               1.21052389e-04],
                              [8.78679856e-01, 1.18916387e-01, 8.01252314e-04, 8.01252314e-04,
                               8.01252314e-04]])),
               Case({"x": np.array([[1000.0, 1001.0, 1002.0], [-2.0, 0.0, 2.0]])},
                    np.array([[0.09003057, 0.24472847, 0.66524096], [0.01587624, 0.11731043, 0.86681333]])),
               Case({"x": np.array([[800.0, 0.0, 1.0], [2.0, 1.0, 0.0]])})),
        hidden=_logits,
        mutants={"no max shift: exp overflows on large inputs": _softmax_no_shift,
                 "divided by the sum of the whole array instead of each row": _softmax_global_sum,
                 "softmax over columns (axis=0) instead of rows": _softmax_columns,
                 "shifted by the array's max instead of each row's max": _softmax_global_max,
                 "shifted by each row's min instead of its max: exp overflows when a row's values are far apart":
                     _softmax_min_shift},
    ),
    Exercise(
        id="numpy.L1",
        reference=losses.L1,
        cases=(Case({"yhat": _YHAT, "y": _Y}, 1.1),),
        hidden=_prediction_pair,
        mutants={"mean instead of sum": _L1_mean, "no absolute value": _L1_no_abs},
    ),
    Exercise(
        id="numpy.L2",
        reference=losses.L2,
        cases=(Case({"yhat": _YHAT, "y": _Y}, 0.43),),
        hidden=_prediction_pair,
        mutants={"square root of the sum (the Euclidean norm)": _L2_norm,
                 "absolute values instead of squares": _L2_abs, "mean instead of sum": _L2_mean},
    ),
    Exercise(
        id="numpy.center_rows",
        reference=arrays.center_rows,
        cases=(Case({"x": np.array([[1.0, 2.0, 3.0], [4.0, 6.0, 8.0]])},
                    np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0]])),
               Case({"x": np.array([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0], [0.0, 0.0, 3.0]])},
                    np.array([[-1.0, 0.0, 1.0], [-10.0, 0.0, 10.0], [-1.0, -1.0, 2.0]]))),
        hidden=_square_or_not,
        mutants={"the rank-1 bug: mean without keepdims": _center_rows_rank1,
                 "column means (axis=0) instead of row means": _center_rows_columns},
    ),
    Exercise(
        id="numpy.broadcast_shape",
        reference=arrays.broadcast_shape,
        cases=(Case({"shape_a": (3, 4), "shape_b": (4,)}, (3, 4)),
               Case({"shape_a": (2, 1), "shape_b": (1, 3)}, (2, 3)),
               Case({"shape_a": (3,), "shape_b": (4,)}, None),
               Case({"shape_a": (5, 1, 4), "shape_b": (3, 1)}, (5, 3, 4)),
               Case({"shape_a": (4, 3), "shape_b": (4,)}, None),
               Case({"shape_a": (1,), "shape_b": (7, 1)}, (7, 1))),
        hidden=_shape_pair,
        n_hidden=20,
        forbidden=_BROADCASTING_FUNCTIONS,
        mutants={"np.broadcast_shapes wrapped, which the exercise forbids": _broadcast_numpy,
                 "shapes aligned on the left instead of the right": _broadcast_left_aligned,
                 "missing leading sizes dropped instead of counted as 1": _broadcast_no_padding,
                 "never incompatible: always takes the larger size": _broadcast_always_max},
    ),
)
