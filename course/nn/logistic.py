"""Logistic regression as a single neuron, trained by batch gradient descent.

Shapes: ``X`` ``(n_x, m)`` (examples as columns), ``Y`` ``(1, m)`` of 0/1, ``w`` ``(n_x, 1)``,
``b`` a float.
"""
from __future__ import annotations

import numpy as np

from .activations import sigmoid


def initialize_with_zeros(dim: int) -> tuple[np.ndarray, float]:
    """``w`` of zeros, shape ``(dim, 1)``, and ``b = 0.0``."""
    return np.zeros((dim, 1)), 0.0


def propagate(w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray) -> tuple[dict, float]:
    """Cost and gradients of logistic regression.

    ``A = sigmoid(w^T X + b)`` ``(1, m)``;
    ``cost = -(1/m) sum(Y log A + (1 - Y) log(1 - A))`` (a float);
    ``dw = (1/m) X (A - Y)^T`` ``(n_x, 1)``; ``db = (1/m) sum(A - Y)`` (a float).
    Returns ``({"dw": dw, "db": db}, cost)``.
    """
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -float(np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))) / m
    dZ = A - Y
    return {"dw": X @ dZ.T / m, "db": float(np.sum(dZ)) / m}, cost


def optimize(w, b, X, Y, num_iterations: int, learning_rate: float, print_cost: bool = False):
    """Run ``num_iterations`` steps of gradient descent from ``(w, b)``.

    ``w <- w - learning_rate * dw``, ``b <- b - learning_rate * db``. The cost is recorded
    before the update of every iteration ``i`` with ``i % 100 == 0`` (and printed if
    ``print_cost``). Returns ``({"w": w, "b": b}, grads, costs)`` where ``grads`` are the
    gradients of the last iteration and ``costs`` the list of recorded costs.
    """
    grads, costs = {}, []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    return {"w": w, "b": b}, grads, costs


def predict(w: np.ndarray, b: float, X: np.ndarray) -> np.ndarray:
    """Labels ``(1, m)``: 1.0 where ``sigmoid(w^T X + b) > 0.5``, else 0.0."""
    return (sigmoid(w.T @ X + b) > 0.5).astype(np.float64)


def model(X_train, Y_train, X_test, Y_test, num_iterations: int = 2000, learning_rate: float = 0.005,
          print_cost: bool = False) -> dict:
    """Train from zeros on the training set; predict both sets.

    Returns ``{"costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate",
    "num_iterations"}``.
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test),
            "Y_prediction_train": predict(w, b, X_train), "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}
