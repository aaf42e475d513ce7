"""Softmax output layer with the cross-entropy cost (u05), in the dense convention.

Shapes: scores ``Z`` and one-hot labels ``Y`` are ``(C, m)``, one example per column; the softmax
runs over the classes (``axis=0``), shifted by each column's maximum before ``exp``.
"""
from __future__ import annotations

import numpy as np

from .activations import softmax


def softmax_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
    """``(cost, dZ)``: the mean cross-entropy and ``dZ = A - Y`` ``(C, m)``.

    ``A = exp(Z - max) / sum(exp(Z - max))`` column by column; ``cost = -(1/m) sum(Y * log(A))``,
    a float. As for the sigmoid output of units 1 to 3, ``dZ`` is the derivative of the *sum*
    of the examples' losses with respect to ``Z``: the ``1/m`` of the mean is applied when
    ``dW = dZ A_prev^T / m`` and ``db`` are computed.
    """
    m = Z.shape[1]
    A = softmax(Z, axis=0)
    cost = -float(np.sum(Y * np.log(A))) / m
    return cost, A - Y
