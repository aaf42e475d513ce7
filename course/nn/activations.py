"""Activation functions and their derivatives."""
from __future__ import annotations

import math

import numpy as np


def basic_sigmoid(x: float) -> float:
    """Sigmoid of one real number with ``math.exp``: ``1 / (1 + e^{-x})``, a Python float."""
    return 1.0 / (1.0 + math.exp(-x))


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Element-wise sigmoid of an array (any shape); same shape out."""
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_derivative(x: np.ndarray) -> np.ndarray:
    """Element-wise derivative of the sigmoid, ``s (1 - s)`` with ``s = sigmoid(x)``; same shape."""
    s = sigmoid(x)
    return s * (1.0 - s)


def relu(z: np.ndarray) -> np.ndarray:
    """Element-wise ``max(z, 0)``; same shape out."""
    return np.maximum(z, 0)


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis`` (the last one, i.e. each row of an ``(m, n)`` array, by default).

    The maximum along ``axis`` is subtracted before ``exp``; this changes nothing mathematically
    (the factor ``e^{-max}`` cancels) but keeps ``exp`` from overflowing. Same shape out.
    """
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
