"""Helpers that hidden-case generators share."""
from __future__ import annotations

import numpy as np


def random_shape(rng: np.random.Generator, min_dims: int, max_dims: int,
                 low: int = 1, high: int = 6) -> tuple[int, ...]:
    """A shape with ``min_dims`` to ``max_dims`` dimensions, each size in ``[low, high)``."""
    ndim = int(rng.integers(min_dims, max_dims + 1))
    return tuple(int(n) for n in rng.integers(low, high, ndim))
