"""Checks of statistics, for outputs drawn at random (an Exercise's ``properties``).

:func:`initialization_problem` judges initialised parameters ``{"W1", "b1", ..., "WL", "bL"}``
without depending on the order of the student's draws: biases exactly zero, weights not all
equal, and the weights' sample mean and standard deviation within five standard errors of a
normal distribution's (tight for large layers, loose for small ones, and a correct solution fails
about once in a million checks). Units pass the standard deviation they expect for each layer.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

#: Bounds are this many standard errors of the sample statistic.
STANDARD_ERRORS = 5


def initialization_problem(parameters: dict, layer_dims, std: Callable[[int], float],
                           how: str) -> str | None:
    """A message for the student if ``parameters`` do not look like the expected draws, else None.

    parameters: ``W{l}`` of shape ``(n_l, n_{l-1})``, ``b{l}`` of shape ``(n_l, 1)``, l = 1..L.
    layer_dims: ``[n_0, n_1, ..., n_L]``.
    std:        ``n_{l-1} -> `` the standard deviation ``W{l}``'s entries should have.
    how:        how the weights should be drawn, in words for messages, e.g.
                ``"standard normal times 0.01"``.

    The mean must be within 5 standard errors ``std / sqrt(size)`` of 0, and the standard
    deviation within 5 relative standard errors ``1 / sqrt(2 size)`` of ``std``.
    """
    for l in range(1, len(layer_dims)):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        if np.any(b != 0):
            return f"b{l} should be all zeros"
        if W.size > 1 and np.all(W == W.flat[0]):
            return f"all entries of W{l} are equal ({W.flat[0]:g}); draw them at random to break symmetry"
        want, n = std(layer_dims[l - 1]), W.size
        found_std, found_mean = float(np.std(W)), float(np.mean(W))
        if abs(found_std / want - 1) > STANDARD_ERRORS / np.sqrt(2 * n):
            return (f"W{l} (shape {W.shape}) has standard deviation {found_std:.4g}; "
                    f"expected about {want:.4g} ({how})")
        if abs(found_mean) > STANDARD_ERRORS * want / np.sqrt(n):
            return f"W{l} has mean {found_mean:.4g}; expected about 0 ({how})"
    return None
