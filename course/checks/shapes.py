"""Helpers that hidden-case generators share."""
from __future__ import annotations

import numpy as np


def random_shape(rng: np.random.Generator, min_dims: int, max_dims: int,
                 low: int = 1, high: int = 6) -> tuple[int, ...]:
    """A shape with ``min_dims`` to ``max_dims`` dimensions, each size in ``[low, high)``."""
    ndim = int(rng.integers(min_dims, max_dims + 1))
    return tuple(int(n) for n in rng.integers(low, high, ndim))


def with_exact_zeros(Z: np.ndarray, rng: np.random.Generator, fraction: float = 0.3) -> np.ndarray:
    """A copy of the pre-activations ``Z`` with some negative entries (at least one, if any) set to 0.0.

    Zero biases and dead relu units make pre-activations of exactly 0 common in practice, and
    there ``relu'(0) = 0`` (the mask ``Z > 0``) and the mask ``Z >= 0`` differ; random draws never
    give exact zeros. ``relu`` is 0 at both values, so the activations computed from ``Z`` (the
    next layer's inputs in a cache) stay right.
    """
    Z = np.array(Z, dtype=float)
    negative = np.flatnonzero(Z < 0)
    if negative.size:
        chosen = rng.permutation(negative)[:max(1, int(round(fraction * negative.size)))]
        Z.flat[chosen] = 0.0
    return Z
