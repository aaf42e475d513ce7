"""An L-layer network for binary classification, built from forward/backward pairs (u03).

Shapes: ``X`` ``(n_x, m)`` (examples as columns), ``Y`` ``(1, m)`` of 0/1. ``layer_dims`` is
``[n_0, n_1, ..., n_L]`` with ``n_0 = n_x``. Parameters ``{"W1", "b1", ..., "WL", "bL"}`` with
``W[l]`` ``(n_l, n_{l-1})`` and ``b[l]`` ``(n_l, 1)``. Layers 1 to L-1 are LINEAR -> RELU, layer
L is LINEAR -> SIGMOID.

Every forward function returns its output and a cache; the matching backward function takes the
gradient of the cost with respect to that output and the cache:

- ``linear_forward`` caches ``(A_prev, W, b)``;
- ``linear_activation_forward`` caches ``((A_prev, W, b), Z)``;
- ``L_model_forward`` returns the list of the L ``linear_activation_forward`` caches.

Gradients are keyed by the layer they belong to: ``{"dA0", "dW1", "db1", ..., "dA{L-1}", "dWL",
"dbL"}``, where ``dA{l-1}`` is the gradient flowing out of layer ``l`` (towards its input).
"""
from __future__ import annotations

import numpy as np

from .activations import relu, sigmoid
from .shallow import compute_cost  # the cross-entropy of unit 2, unchanged

__all__ = ["initialize_parameters_deep", "linear_forward", "linear_activation_forward",
           "L_model_forward", "compute_cost", "linear_backward", "linear_activation_backward",
           "L_model_backward", "update_parameters", "two_layer_model", "L_layer_model", "predict"]


def initialize_parameters_deep(layer_dims, rng: np.random.Generator) -> dict:
    """``W[l] = N(0, 1) / sqrt(n_{l-1})`` drawn with ``rng``, ``b[l] = 0``, for l = 1..L.

    Dividing by ``sqrt(n_{l-1})`` makes the variance of ``Z[l] = W[l] A[l-1]`` the mean square of
    one input, whatever the layer's fan-in, so the scale no longer depends on the width. With relu,
    which zeroes about half the values, signals still shrink slowly with depth (by about 0.7 per
    layer); ``sqrt(2 / n_{l-1})`` (He) would keep them level.
    """
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def linear_forward(A: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, tuple]:
    """``Z = W A + b``: A ``(n_{l-1}, m)``, W ``(n_l, n_{l-1})``, b ``(n_l, 1)`` -> Z ``(n_l, m)``.

    Returns ``(Z, (A, W, b))``.
    """
    return W @ A + b, (A, W, b)



def linear_activation_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray,
                              activation: str) -> tuple[np.ndarray, tuple]:
    """``A = g(W A_prev + b)`` with g ``"relu"`` or ``"sigmoid"``; A ``(n_l, m)``.

    Returns ``(A, ((A_prev, W, b), Z))``.
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = relu(Z)
    elif activation == "sigmoid":
        A = sigmoid(Z)
    else:
        raise ValueError(f"unknown activation {activation!r}: use 'relu' or 'sigmoid'")
    return A, (linear_cache, Z)


def L_model_forward(X: np.ndarray, parameters: dict) -> tuple[np.ndarray, list]:
    """RELU for layers 1..L-1, SIGMOID for layer L; L = len(parameters) // 2.

    Returns ``(AL, caches)``: AL ``(1, m)`` and the list of the L layers' caches, layer 1 first.
    """
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else "relu"
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


def linear_backward(dZ: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients through ``Z = W A_prev + b`` given ``dZ`` ``(n_l, m)`` and ``cache = (A_prev, W, b)``.

    ``dW = dZ A_prev^T / m`` ``(n_l, n_{l-1})``, ``db = sum(dZ, over examples) / m`` ``(n_l, 1)``,
    ``dA_prev = W^T dZ`` ``(n_{l-1}, m)``. Column i of dZ and dA_prev is the gradient of example
    i's loss; only dW and db, which sum over the examples, take the mean (1/m) of the cost.
    Returns ``(dA_prev, dW, db)``.
    """
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA: np.ndarray, cache: tuple,
                               activation: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients through ``A = g(W A_prev + b)`` given ``dA`` ``(n_l, m)`` and ``((A_prev, W, b), Z)``.

    ``dZ = dA * g'(Z)`` with ``relu'(Z) = 1[Z > 0]`` and ``sigmoid'(Z) = s (1 - s)``, then
    :func:`linear_backward`. Returns ``(dA_prev, dW, db)``.
    """
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "sigmoid":
        s = sigmoid(Z)
        dZ = dA * s * (1 - s)
    else:
        raise ValueError(f"unknown activation {activation!r}: use 'relu' or 'sigmoid'")
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL: np.ndarray, Y: np.ndarray, caches: list) -> dict:
    """Gradients of the cross-entropy cost of ``AL`` ``(1, m)`` for labels ``Y`` ``(1, m)``.

    Starts from ``dAL = -(Y / AL - (1 - Y) / (1 - AL))`` and walks the caches from layer L down to
    layer 1. Returns ``{"dA{l-1}", "dW{l}", "db{l}"}`` for l = L..1.
    """
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    grads = {}
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters(params: dict, grads: dict, learning_rate: float) -> dict:
    """One gradient-descent step ``W[l] -= learning_rate * dW[l]``, ``b[l] -= learning_rate * db[l]``.

    Returns a new dict; ``params`` is left unchanged.
    """
    L = len(params) // 2
    updated = {}
    for l in range(1, L + 1):
        updated[f"W{l}"] = params[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        updated[f"b{l}"] = params[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return updated


def predict(parameters: dict, X: np.ndarray) -> np.ndarray:
    """Labels ``(1, m)``: 1.0 where the network's output exceeds 0.5, else 0.0."""
    AL, _ = L_model_forward(X, parameters)
    return (AL > 0.5).astype(np.float64)
