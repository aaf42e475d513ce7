"""The three-layer network of u04, plain, with L2 regularisation and with inverted dropout.

LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID. Shapes: ``X`` ``(n_x, m)``, ``Y`` ``(1, m)``;
``W[l]`` ``(n_l, n_{l-1})``, ``b[l]`` ``(n_l, 1)`` for ``l = 1, 2, 3`` with ``n_3 = 1``.

The cache every forward pass returns, and every backward pass reads, is a dict::

    {"Z1", "A1", "W1", "b1", "Z2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3"}

and, with dropout, also the masks ``"D1"`` ``(n_1, m)`` and ``"D2"`` ``(n_2, m)`` (booleans, True
= unit kept); ``A1`` and ``A2`` are then the activations after dropout, those the next layer saw.
Gradients are ``{"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}``.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .activations import relu, sigmoid
from .deep import update_parameters  # unit 3's gradient step
from .init import INITIALIZATIONS
from .shallow import compute_cost  # the cross-entropy of units 1 to 3

LAYERS = (1, 2, 3)



def forward_with_masks(X: np.ndarray, parameters: dict, keep_prob: float = 1.0,
                       D1: np.ndarray | None = None, D2: np.ndarray | None = None) -> tuple[np.ndarray, dict]:
    """The forward pass with given dropout masks (None: no dropout on that layer).

    ``A1 = relu(W1 X + b1) * D1 / keep_prob``, ``A2 = relu(W2 A1 + b2) * D2 / keep_prob``,
    ``A3 = sigmoid(W3 A2 + b3)``. Returns ``(A3 (1, m), cache)``; the masks are in the cache
    when given.
    """
    cache = {}
    A = X
    for l, D in zip(LAYERS, (D1, D2, None)):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        A = sigmoid(Z) if l == 3 else relu(Z)
        if D is not None:
            A = A * D / keep_prob
            cache[f"D{l}"] = D
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def forward_propagation(X: np.ndarray, parameters: dict) -> tuple[np.ndarray, dict]:
    """The plain forward pass: ``(A3 (1, m), cache)``, cache as in the module docstring."""
    return forward_with_masks(X, parameters)


def cost_from_logits(Z3: np.ndarray, Y: np.ndarray) -> float:
    """The same cross-entropy computed from ``Z3`` (``A3 = sigmoid(Z3)``) without overflow.

    ``-log sigmoid(z) = log(1 + e^{-z})`` and ``-log(1 - sigmoid(z)) = log(1 + e^{z})``, so the
    cost is ``mean(log(1 + e^{Z3}) - Y * Z3)``, finite even where ``A3`` rounds to 0 or 1 (as it
    does with too large initial weights).
    """
    return float(np.mean(np.logaddexp(0, Z3) - Y * Z3))


def l2_penalty(parameters: dict, lambd: float, m: int) -> float:
    """``lambd / (2 m) * sum_l ||W[l]||_F^2`` over every weight matrix (biases are not penalised)."""
    return lambd / (2 * m) * sum(float(np.sum(np.square(W))) for key, W in parameters.items() if key[0] == "W")


def compute_cost_with_regularization(A3: np.ndarray, Y: np.ndarray, parameters: dict, lambd: float) -> float:
    """Cross-entropy plus the L2 penalty ``lambd / (2 m) * (||W1||_F^2 + ||W2||_F^2 + ||W3||_F^2)``."""
    return compute_cost(A3, Y) + l2_penalty(parameters, lambd, Y.shape[1])


def backward(X: np.ndarray, Y: np.ndarray, cache: dict, lambd: float = 0.0, keep_prob: float = 1.0) -> dict:
    """Gradients of the cost (with L2 term ``lambd``; dropout if the cache holds masks).

    ``dZ3 = A3 - Y``; for ``l = 3, 2, 1``: ``dW[l] = dZ[l] A[l-1]^T / m + (lambd / m) W[l]``,
    ``db[l] = sum_i dZ[l] / m``; ``dA[l-1] = W[l]^T dZ[l]``, multiplied by ``D[l-1] / keep_prob``
    with dropout; ``dZ[l-1] = dA[l-1] * (Z[l-1] > 0)``.
    """
    m = X.shape[1]
    A_prev = {0: X, 1: cache["A1"], 2: cache["A2"]}
    grads = {}
    dZ = cache["A3"] - Y
    for l in (3, 2, 1):
        W = cache[f"W{l}"]
        grads[f"dZ{l}"] = dZ
        grads[f"dW{l}"] = dZ @ A_prev[l - 1].T / m + lambd / m * W
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dA = W.T @ dZ
            if f"D{l - 1}" in cache:
                dA = dA * cache[f"D{l - 1}"] / keep_prob
            grads[f"dA{l - 1}"] = dA
            dZ = dA * (cache[f"Z{l - 1}"] > 0)
    return grads


def backward_propagation(X: np.ndarray, Y: np.ndarray, cache: dict) -> dict:
    """Gradients of the cross-entropy; keys as in the module docstring, each shaped like its value."""
    return backward(X, Y, cache)


def backward_propagation_with_regularization(X: np.ndarray, Y: np.ndarray, cache: dict, lambd: float) -> dict:
    """Gradients of the L2-regularised cost: as :func:`backward_propagation`, plus ``(lambd / m) W[l]`` in each ``dW[l]``."""
    return backward(X, Y, cache, lambd=lambd)


def forward_propagation_with_dropout(X: np.ndarray, parameters: dict, keep_prob: float,
                                     rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    """Inverted dropout on the two hidden layers: ``(A3 (1, m), cache)`` with masks ``D1``, ``D2``.

    ``D[l] = rng.random(A[l].shape) < keep_prob`` keeps each unit with probability ``keep_prob``;
    the kept activations are divided by ``keep_prob`` so their expected value is unchanged.
    """
    n1, n2, m = parameters["W1"].shape[0], parameters["W2"].shape[0], X.shape[1]
    D1 = rng.random((n1, m)) < keep_prob
    D2 = rng.random((n2, m)) < keep_prob
    return forward_with_masks(X, parameters, keep_prob, D1, D2)


def backward_propagation_with_dropout(X: np.ndarray, Y: np.ndarray, cache: dict, keep_prob: float) -> dict:
    """Gradients with dropout: ``dA1``, ``dA2`` are masked with the cache's ``D1``, ``D2`` and divided by ``keep_prob``."""
    return backward(X, Y, cache, keep_prob=keep_prob)


def model(X: np.ndarray, Y: np.ndarray, layers_dims: Sequence[int], learning_rate: float = 0.3,
          num_iterations: int = 20000, lambd: float = 0.0, keep_prob: float = 1.0,
          initialization="he", rng: np.random.Generator | None = None,
          costs: list | None = None, every: int = 100, print_cost: bool = False) -> dict:
    """Train the network by batch gradient descent; return the learned parameters.

    ``initialization`` is a key of ``course.nn.init.INITIALIZATIONS`` or a function
    ``(layers_dims, rng) -> parameters``; ``rng`` (default seed 0)
    draws the initial weights and the dropout masks. ``lambd > 0`` adds L2 regularisation and
    ``keep_prob < 1`` dropout (both may be combined). ``costs``, if given, receives the cost
    (cross-entropy, plus the L2 term) every ``every`` iterations.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    initialize = INITIALIZATIONS[initialization] if isinstance(initialization, str) else initialization
    parameters = initialize(layers_dims, rng)
    m = X.shape[1]
    with np.errstate(over="ignore"):  # sigmoid(-1000): exp overflows to inf, and 1 / inf = 0 is right
        for i in range(num_iterations):
            if keep_prob < 1:
                _, cache = forward_propagation_with_dropout(X, parameters, keep_prob, rng)
            else:
                _, cache = forward_propagation(X, parameters)
            if i % every == 0 and (costs is not None or print_cost):
                cost = cost_from_logits(cache["Z3"], Y) + l2_penalty(parameters, lambd, m)
                if costs is not None:
                    costs.append(cost)
                if print_cost and i % (every * 10) == 0:
                    print(f"Cost after iteration {i}: {cost:.6f}")
            grads = backward(X, Y, cache, lambd, keep_prob)
            parameters = update_parameters(parameters, grads, learning_rate)
    return parameters


def predict(parameters: dict, X: np.ndarray) -> np.ndarray:
    """Labels ``(1, m)``: 1.0 where the network (without dropout) outputs more than 0.5, else 0.0."""
    with np.errstate(over="ignore"):
        A3, _ = forward_propagation(X, parameters)
    return (A3 > 0.5).astype(np.float64)


def forward_propagation_n(X: np.ndarray, Y: np.ndarray, parameters: dict) -> tuple[float, dict]:
    """The plain forward pass followed by the cost: ``(cost, cache)`` (used for gradient checking)."""
    A3, cache = forward_propagation(X, parameters)
    return compute_cost(A3, Y), cache
