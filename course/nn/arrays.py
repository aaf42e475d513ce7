"""Array manipulations: reshaping, normalising, broadcasting."""
from __future__ import annotations

import numpy as np


def image2vector(image: np.ndarray) -> np.ndarray:
    """Flatten an image of shape ``(height, width, channels)`` into a column ``(h * w * c, 1)``.

    Entries are taken in NumPy's row-major (C) order, the order ``image.reshape(-1, 1)`` uses.
    """
    return image.reshape(-1, 1)


def normalize_rows(x: np.ndarray) -> np.ndarray:
    """Divide each row of ``x`` ``(m, n)`` by its Euclidean norm; ``(m, n)`` out."""
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def center_rows(x: np.ndarray) -> np.ndarray:
    """Subtract from each row of ``x`` ``(m, n)`` that row's mean; ``(m, n)`` out."""
    return x - np.mean(x, axis=1, keepdims=True)


def broadcast_shape(shape_a: tuple, shape_b: tuple) -> tuple | None:
    """The shape of ``a + b`` for arrays of shapes ``shape_a`` and ``shape_b``, or None.

    NumPy's rule: align the shapes on the right; two sizes are compatible when they are equal or
    one of them is 1, and the result takes the larger. Missing leading sizes count as 1.
    """
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    out = []
    for i, j in zip(a, b):
        if i != j and 1 not in (i, j):
            return None
        out.append(j if i == 1 else i)
    return tuple(out)
