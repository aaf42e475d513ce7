"""Gradient checking: the course's tool for testing every backward pass against centred differences.

The derivative of a scalar function ``f`` with respect to one entry ``x_i`` is approximated by

    (f(x + eps e_i) - f(x - eps e_i)) / (2 eps),

whose error is ``O(eps^2)`` (a one-sided difference has ``O(eps)``), and compared with an analytic
gradient by the relative error ``||a - b|| / (||a|| + ||b||)``. In float64, with ``eps`` about
1e-6, a correct gradient gives a relative error around 1e-9 or smaller; the course's tests and
notebooks accept below 1e-7, and above 1e-5 something is certainly wrong (see the notes of u04's gradient-checking notebook for kinks such as ReLU's at 0).

Later units check a backward pass ``dx = layer_backward(dout, cache)`` with::

    num = numerical_gradient(lambda x: np.sum(layer_forward(x)[0] * dout), x)
    assert relative_error(num, dx) < 1e-7

or, for all the parameters of a model at once, ``check_gradients(cost_of_params, params, grads)``.
"""
from __future__ import annotations

from typing import Callable

import numpy as np



def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, epsilon: float = 1e-6) -> np.ndarray:
    """Centred-difference gradient of the scalar function ``f`` at ``x`` (an array of any shape).

    Each entry of ``x`` is nudged in place by ``+epsilon`` and ``-epsilon`` and restored, so ``f``
    may read ``x`` directly or through any object that holds it (e.g. a parameters dict).
    Returns an array shaped like ``x``.
    """
    if x.dtype != np.float64:
        raise TypeError(f"numerical_gradient needs a float64 array, got {x.dtype}")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + epsilon
        plus = float(f(x))
        x[i] = old - epsilon
        minus = float(f(x))
        x[i] = old
        grad[i] = (plus - minus) / (2 * epsilon)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """``||a - b|| / (||a|| + ||b||)`` (Euclidean norms of all entries); 0 when both are zero."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / denominator) if denominator else 0.0


def dictionary_to_vector(parameters: dict) -> np.ndarray:
    """All entries of the arrays of ``parameters``, in the dict's order, as one ``(n,)`` vector."""
    return np.concatenate([np.ravel(value) for value in parameters.values()])


def vector_to_dictionary(theta: np.ndarray, like: dict) -> dict:
    """The inverse of :func:`dictionary_to_vector`: a new dict with ``like``'s keys and shapes filled from ``theta``."""
    parameters, start = {}, 0
    for key, value in like.items():
        parameters[key] = np.array(theta[start:start + value.size], dtype=np.float64).reshape(value.shape)
        start += value.size
    if start != np.size(theta):
        raise ValueError(f"theta has {np.size(theta)} entries, the parameters {start}")
    return parameters


def gradients_to_vector(gradients: dict, parameters: dict) -> np.ndarray:
    """``gradients["d" + key]`` for each key of ``parameters``, in its order, as one ``(n,)`` vector.

    Entries of ``gradients`` for other quantities (``dA1``, ``dZ2``, ...) are left out, so the
    result lines up entry by entry with ``dictionary_to_vector(parameters)``.
    """
    return np.concatenate([np.ravel(gradients["d" + key]) for key in parameters])


def check_gradients(f: Callable[[dict], float], parameters: dict, gradients: dict,
                    epsilon: float = 1e-6) -> dict[str, float]:
    """Relative error between each analytic gradient and its centred-difference estimate.

    f: the scalar cost as a function of the parameters dict (read at call time).
    gradients: ``{"d" + key: array}`` for every key of ``parameters`` (other keys are ignored).
    Returns ``{key: relative error}``; the arrays of ``parameters`` are left as they were.
    A typical test: ``assert max(check_gradients(f, params, grads).values()) < 1e-7``.
    """
    errors = {}
    for key, value in parameters.items():
        numeric = numerical_gradient(lambda _: f(parameters), value, epsilon)
        errors[key] = relative_error(gradients["d" + key], numeric)
    return errors
