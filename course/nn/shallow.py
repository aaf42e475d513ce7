"""A network with one hidden layer for binary classification (u02).

Shapes: ``X`` ``(n_x, m)``, ``Y`` ``(1, m)``; parameters ``W1`` ``(n_h, n_x)``, ``b1`` ``(n_h, 1)``,
``W2`` ``(n_y, n_h)``, ``b2`` ``(n_y, 1)``. The hidden activation is tanh unless another is asked
for (the decision-boundary explorer also offers relu and sigmoid); the output is a sigmoid.
"""
from __future__ import annotations

import numpy as np

from .activations import relu, sigmoid

ACTIVATIONS = {
    "tanh": (np.tanh, lambda A: 1 - A ** 2),
    "relu": (relu, lambda A: (A > 0).astype(A.dtype)),
    "sigmoid": (sigmoid, lambda A: A * (1 - A)),
}
"""name -> (g, g' expressed through the activation A = g(Z))"""


def layer_sizes(X: np.ndarray, Y: np.ndarray) -> tuple[int, int, int]:
    """``(n_x, n_h, n_y)``: input size, hidden size 4, output size."""
    return X.shape[0], 4, Y.shape[0]


def initialize_parameters(n_x: int, n_h: int, n_y: int, rng: np.random.Generator) -> dict:
    """Weights drawn from N(0, 0.01^2) with ``rng`` (breaking symmetry), biases zero."""
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}


def forward_propagation(X: np.ndarray, parameters: dict, activation: str = "tanh") -> tuple[np.ndarray, dict]:
    """``Z1 = W1 X + b1``, ``A1 = g(Z1)``, ``Z2 = W2 A1 + b2``, ``A2 = sigmoid(Z2)``.

    Returns ``(A2, cache)`` with ``A2`` ``(1, m)`` and ``cache = {"Z1", "A1", "Z2", "A2"}``.
    """
    g = ACTIVATIONS[activation][0]
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = g(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2: np.ndarray, Y: np.ndarray) -> float:
    """Cross-entropy ``-(1/m) sum(Y log A2 + (1 - Y) log(1 - A2))``, a float."""
    m = Y.shape[1]
    return -float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))) / m


def backward_propagation(parameters: dict, cache: dict, X: np.ndarray, Y: np.ndarray,
                         activation: str = "tanh") -> dict:
    """Gradients of the cost: ``{"dW1", "db1", "dW2", "db2"}``, each shaped like its parameter.

    ``dZ2 = A2 - Y``; ``dW2 = dZ2 A1^T / m``; ``db2 = sum(dZ2) / m``;
    ``dZ1 = W2^T dZ2 * g'(Z1)`` (for tanh ``1 - A1^2``); ``dW1 = dZ1 X^T / m``; ``db1 = sum(dZ1) / m``.
    """
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dZ1 = parameters["W2"].T @ dZ2 * ACTIVATIONS[activation][1](A1)
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dZ2 @ A1.T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}


def update_parameters(parameters: dict, grads: dict, learning_rate: float = 1.2) -> dict:
    """One gradient-descent step: ``P <- P - learning_rate * dP`` for W1, b1, W2, b2 (a new dict)."""
    return {key: parameters[key] - learning_rate * grads["d" + key] for key in ("W1", "b1", "W2", "b2")}


def nn_model(X: np.ndarray, Y: np.ndarray, n_h: int, num_iterations: int = 10000,
             learning_rate: float = 1.2, print_cost: bool = False, rng: np.random.Generator | None = None,
             activation: str = "tanh", costs: list | None = None, cost_every: int = 1) -> dict:
    """Initialise with ``rng`` and train by gradient descent; return the learned parameters.

    ``costs``, if given, receives the cost of every ``cost_every``-th iteration (for plotting).
    """
    rng = np.random.default_rng(0) if rng is None else rng
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y, rng)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters, activation)
        if (costs is not None and i % cost_every == 0) or (print_cost and i % 1000 == 0):
            cost = compute_cost(A2, Y)
            if costs is not None and i % cost_every == 0:
                costs.append(cost)
            if print_cost and i % 1000 == 0:
                print(f"Cost after iteration {i}: {cost:.6f}")
        grads = backward_propagation(parameters, cache, X, Y, activation)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters


def predict(parameters: dict, X: np.ndarray, activation: str = "tanh") -> np.ndarray:
    """Labels ``(1, m)``: 1.0 where the network's output exceeds 0.5, else 0.0."""
    A2, _ = forward_propagation(X, parameters, activation)
    return (A2 > 0.5).astype(np.float64)
