"""Training the deep networks of unit 3's application notebook: two layers, then L layers.

These are the references of that notebook's exercises, kept apart from :mod:`course.nn.deep`,
whose forward and backward steps the notebook hands out as helpers (and which ``course grade``
therefore puts in the notebook's sandbox).
"""
from __future__ import annotations

import numpy as np

from .deep import (L_model_backward, L_model_forward, initialize_parameters_deep, linear_activation_backward,
                   linear_activation_forward, update_parameters)
from .shallow import compute_cost


def _record(costs: list, i: int, cost: float, print_cost: bool) -> None:
    """Append the cost of iteration ``i`` every 100 iterations; print it every 500 if asked."""
    if i % 100 == 0:
        costs.append(cost)
        if print_cost and i % 500 == 0:
            print(f"Cost after iteration {i}: {cost:.6f}")


def two_layer_model(X: np.ndarray, Y: np.ndarray, layers_dims, learning_rate: float = 0.0075,
                    num_iterations: int = 3000, print_cost: bool = False,
                    rng: np.random.Generator | None = None) -> tuple[dict, list]:
    """LINEAR -> RELU -> LINEAR -> SIGMOID, ``layers_dims = (n_x, n_h, n_y)``, trained by gradient descent.

    Initialised with :func:`initialize_parameters_deep` and ``rng`` (default seed 0). The cost of
    iteration ``i`` (before its update) is recorded when ``i % 100 == 0``. Returns
    ``(parameters, costs)``.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    parameters = initialize_parameters_deep(layers_dims, rng)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        _record(costs, i, compute_cost(A2, Y), print_cost)
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dA0": dA0, "dW1": dW1, "db1": db1, "dA1": dA1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def L_layer_model(X: np.ndarray, Y: np.ndarray, layers_dims, learning_rate: float = 0.0075,
                  num_iterations: int = 3000, print_cost: bool = False,
                  rng: np.random.Generator | None = None) -> tuple[dict, list]:
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID for ``layers_dims = [n_x, ..., n_L]``.

    Same training loop and cost recording as :func:`two_layer_model`. Returns ``(parameters, costs)``.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    parameters = initialize_parameters_deep(layers_dims, rng)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        _record(costs, i, compute_cost(AL, Y), print_cost)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs
