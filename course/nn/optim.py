"""Optimizers for dense networks (u05): gradient descent, mini-batches, momentum, RMSprop, Adam,
learning-rate decay, and a training loop that uses them.

Conventions: ``parameters = {"W1", "b1", ..., "WL", "bL"}``, gradients ``grads = {"dW1", "db1", ...}``
each shaped like its parameter; optimizer state (``v``, ``s``) is keyed like ``grads``. Every update
function takes ``(parameters, grads, <state>, <hyper-parameters>)`` and returns the new parameters
first, then the new state. The updates may change ``parameters`` and the state in place; they
also return them.

Adam's ``t`` is the number of the current update, counted from 1 and increased by one before
every update (one per mini-batch, not per epoch and not per layer). Bias correction divides the
moving averages used in the step by ``1 - beta^t``; the stored ``v`` and ``s`` stay uncorrected.
Epsilon is added outside the square root: ``W -= lr * v_hat / (sqrt(s_hat) + epsilon)``.
"""
from __future__ import annotations

import math

import numpy as np

from . import shallow


def layer_numbers(parameters: dict) -> range:
    """1, ..., L for parameters {"W1", "b1", ..., "WL", "bL"}."""
    return range(1, len(parameters) // 2 + 1)


def _zeros_like_grads(parameters: dict) -> dict:
    """``{"dW1": zeros like W1, "db1": zeros like b1, ...}``."""
    state = {}
    for l in layer_numbers(parameters):
        state[f"dW{l}"] = np.zeros_like(parameters[f"W{l}"])
        state[f"db{l}"] = np.zeros_like(parameters[f"b{l}"])
    return state


def update_parameters_with_gd(parameters: dict, grads: dict, learning_rate: float) -> dict:
    """One gradient-descent step on every layer: ``W[l] -= learning_rate * dW[l]`` (and b)."""
    for l in layer_numbers(parameters):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters


def random_mini_batches(X: np.ndarray, Y: np.ndarray, mini_batch_size: int = 64,
                        rng: np.random.Generator | None = None) -> list:
    """Shuffle the examples (columns) of ``X`` ``(n_x, m)`` and ``Y`` ``(n_y, m)`` with one
    permutation drawn from ``rng``, then cut them into mini-batches.

    Returns a list of ``(mini_batch_X, mini_batch_Y)``: ``ceil(m / mini_batch_size)`` pairs, all with
    ``mini_batch_size`` columns except the last, which keeps the ``m % mini_batch_size`` remaining
    examples when ``m`` is not a multiple of ``mini_batch_size``.
    """
    rng = np.random.default_rng() if rng is None else rng
    m = X.shape[1]
    permutation = rng.permutation(m)
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    return [(shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size])
            for k in range(0, m, mini_batch_size)]


def initialize_velocity(parameters: dict) -> dict:
    """Momentum's velocity: zeros keyed like the gradients, ``{"dW1", "db1", ...}``."""
    return _zeros_like_grads(parameters)


def update_parameters_with_momentum(parameters: dict, grads: dict, v: dict, beta: float,
                                    learning_rate: float) -> tuple[dict, dict]:
    """``v = beta v + (1 - beta) dW``; ``W -= learning_rate * v`` (and b). Returns ``(parameters, v)``."""
    for l in layer_numbers(parameters):
        for p in ("W", "b"):
            v[f"d{p}{l}"] = beta * v[f"d{p}{l}"] + (1 - beta) * grads[f"d{p}{l}"]
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v[f"d{p}{l}"]
    return parameters, v


def initialize_rmsprop(parameters: dict) -> dict:
    """RMSprop's moving average of squared gradients: zeros keyed like the gradients."""
    return _zeros_like_grads(parameters)


def update_parameters_with_rmsprop(parameters: dict, grads: dict, s: dict, beta2: float,
                                   learning_rate: float, epsilon: float = 1e-8) -> tuple[dict, dict]:
    """``s = beta2 s + (1 - beta2) dW**2``; ``W -= learning_rate * dW / (sqrt(s) + epsilon)``.

    No bias correction. Returns ``(parameters, s)``.
    """
    for l in layer_numbers(parameters):
        for p in ("W", "b"):
            g = grads[f"d{p}{l}"]
            s[f"d{p}{l}"] = beta2 * s[f"d{p}{l}"] + (1 - beta2) * g ** 2
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * g / (np.sqrt(s[f"d{p}{l}"]) + epsilon)
    return parameters, s


def initialize_adam(parameters: dict) -> tuple[dict, dict]:
    """Adam's two moving averages ``(v, s)``: zeros keyed like the gradients (two separate dicts)."""
    return _zeros_like_grads(parameters), _zeros_like_grads(parameters)


def update_parameters_with_adam(parameters: dict, grads: dict, v: dict, s: dict, t: int,
                                learning_rate: float = 0.01, beta1: float = 0.9, beta2: float = 0.999,
                                epsilon: float = 1e-8) -> tuple[dict, dict, dict, dict, dict]:
    """One Adam update, the ``t``-th (``t`` counted from 1).

    ``v = beta1 v + (1 - beta1) dW``, ``s = beta2 s + (1 - beta2) dW**2`` (stored uncorrected);
    ``v_corrected = v / (1 - beta1**t)``, ``s_corrected = s / (1 - beta2**t)``;
    ``W -= learning_rate * v_corrected / (sqrt(s_corrected) + epsilon)`` (and b).
    Returns ``(parameters, v, s, v_corrected, s_corrected)``, the last four keyed like ``grads``.
    """
    v_corrected, s_corrected = {}, {}
    for l in layer_numbers(parameters):
        for p in ("W", "b"):
            key, g = f"d{p}{l}", grads[f"d{p}{l}"]
            v[key] = beta1 * v[key] + (1 - beta1) * g
            s[key] = beta2 * s[key] + (1 - beta2) * g ** 2
            v_corrected[key] = v[key] / (1 - beta1 ** t)
            s_corrected[key] = s[key] / (1 - beta2 ** t)
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v_corrected[key] / (
                np.sqrt(s_corrected[key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def update_lr(learning_rate0: float, epoch_num: int, decay_rate: float) -> float:
    """Inverse-time decay: ``learning_rate0 / (1 + decay_rate * epoch_num)``."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0: float, epoch_num: int, decay_rate: float,
                      time_interval: int = 1000) -> float:
    """Inverse-time decay in steps: ``learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))``."""
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))


OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")


def model(X: np.ndarray, Y: np.ndarray, n_h: int, optimizer: str, learning_rate: float,
          mini_batch_size: int, num_epochs: int, rng: np.random.Generator, beta: float = 0.9,
          beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
          print_cost: bool = False) -> tuple[dict, list, int]:
    """Train ``course.nn.shallow``'s network (``n_h`` tanh units, sigmoid output) with mini-batches.

    X ``(n_x, m)``, Y ``(1, m)``; ``optimizer`` is one of ``OPTIMIZERS``. ``rng`` draws the initial
    weights, then the shuffle of every epoch. ``beta`` is momentum's; RMSprop uses ``beta2``.
    Returns ``(parameters, costs, t)``: ``costs[e]`` is the mean cost over the examples of epoch
    ``e`` (each mini-batch's cost weighted by its size), and ``t`` the number of updates made.
    """
    m = X.shape[1]
    parameters = shallow.initialize_parameters(X.shape[0], n_h, Y.shape[0], rng)
    if optimizer == "momentum":
        v = initialize_velocity(parameters)
    elif optimizer == "rmsprop":
        s = initialize_rmsprop(parameters)
    elif optimizer == "adam":
        v, s = initialize_adam(parameters)
    elif optimizer != "gd":
        raise ValueError(f"unknown optimizer {optimizer!r}; choose from {OPTIMIZERS}")
    costs, t = [], 0
    for epoch in range(num_epochs):
        total = 0.0
        for mini_batch_X, mini_batch_Y in random_mini_batches(X, Y, mini_batch_size, rng):
            A2, cache = shallow.forward_propagation(mini_batch_X, parameters)
            total += shallow.compute_cost(A2, mini_batch_Y) * mini_batch_X.shape[1]
            grads = shallow.backward_propagation(parameters, cache, mini_batch_X, mini_batch_Y)
            t = t + 1
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif optimizer == "rmsprop":
                parameters, s = update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon)
            else:
                parameters, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s, t, learning_rate,
                                                                     beta1, beta2, epsilon)
        costs.append(total / m)
        if print_cost and epoch % 100 == 0:
            print(f"Cost after epoch {epoch}: {costs[-1]:.6f}")
    return parameters, costs, t
