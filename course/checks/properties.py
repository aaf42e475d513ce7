"""Checks of statistics, for outputs drawn at random (an Exercise's ``properties``).

:func:`initialization_problem` judges initialised parameters ``{"W1", "b1", ..., "WL", "bL"}``
without depending on the order of the student's draws: biases exactly zero, weights not all
equal, and the weights' sample mean and standard deviation within Z_MAX = 6.5 standard errors of
a normal distribution's (tight for large layers, loose for small ones). Units pass the standard
deviation they expect for each layer.

The standard deviation is judged through the Wilson-Hilferty transform of the sample variance
(``(s^2 / sigma^2)^(1/3)`` is close to normal with mean ``1 - 2 / (9 n)`` and variance
``2 / (9 n)``), which stays accurate for the small layers (20 to 60 weights) where the plain
normal approximation of ``s`` is too tight on the high side: with five plain standard errors an
honest 1 x 40 layer (seed 10046 of tests/test_seed_sweep.py; 5.3 standard errors by
Wilson-Hilferty) was rejected. 6.5 standard errors is a two-sided normal tail of about 8e-11 per
matrix; that rate is the approximation's, not measured.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

#: Bounds are this many standard errors of the (transformed) sample statistic.
Z_MAX = 6.5


def variance_z_score(found_std: float, want_std: float, n: int) -> float:
    """How many standard errors the variance of n normal draws is from ``want_std ** 2``.

    Wilson-Hilferty: n s^2 / sigma^2 is chi-squared with about n degrees of freedom, and the cube
    root of chi^2_n / n is close to normal with mean 1 - 2 / (9 n) and variance 2 / (9 n).
    """
    spread = 2.0 / (9.0 * n)
    return float(((found_std / want_std) ** (2.0 / 3.0) - (1.0 - spread)) / np.sqrt(spread))


def initialization_problem(parameters: dict, layer_dims, std: Callable[[int], float],
                           how: str) -> str | None:
    """A message for the student if ``parameters`` do not look like the expected draws, else None.

    parameters: ``W{l}`` of shape ``(n_l, n_{l-1})``, ``b{l}`` of shape ``(n_l, 1)``, l = 1..L.
    layer_dims: ``[n_0, n_1, ..., n_L]``.
    std:        ``n_{l-1} -> `` the standard deviation ``W{l}``'s entries should have.
    how:        how the weights should be drawn, in words for messages, e.g.
                ``"standard normal times 0.01"``.

    The mean must be within Z_MAX standard errors ``std / sqrt(size)`` of 0, and the variance
    within Z_MAX standard errors of ``std ** 2`` (see :func:`variance_z_score`).
    """
    for l in range(1, len(layer_dims)):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        if np.any(b != 0):
            return f"b{l} should be all zeros"
        if W.size > 1 and np.all(W == W.flat[0]):
            return f"all entries of W{l} are equal ({W.flat[0]:g}); draw them at random to break symmetry"
        want, n = std(layer_dims[l - 1]), W.size
        found_std, found_mean = float(np.std(W)), float(np.mean(W))
        if abs(variance_z_score(found_std, want, n)) > Z_MAX:
            return (f"W{l} (shape {W.shape}) has standard deviation {found_std:.4g}; "
                    f"expected about {want:.4g} ({how})")
        if abs(found_mean) > Z_MAX * want / np.sqrt(n):
            return f"W{l} has mean {found_mean:.4g}; expected about 0 ({how})"
    return None
