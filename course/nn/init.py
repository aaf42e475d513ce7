"""Weight initialisations of an L-layer network, and how they propagate signals through depth (u04).

``layers_dims`` lists the layer sizes ``[n_0, n_1, ..., n_L]`` (``n_0`` inputs). Every function
returns ``{"W1", "b1", ..., "WL", "bL"}`` with ``W[l]`` ``(n_l, n_{l-1})`` and ``b[l]`` ``(n_l, 1)``,
and draws from the ``rng`` it is given (a ``np.random.Generator``); biases always start at zero.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from .activations import relu


def initialize_parameters_zeros(layers_dims: Sequence[int], rng: np.random.Generator) -> dict:
    """Every weight and bias 0. (``rng`` is unused; it is there so all three share one signature.)

    Every unit of a layer then computes the same function and gets the same gradient, forever.
    """
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims: Sequence[int], rng: np.random.Generator) -> dict:
    """Weights ``10 * N(0, 1)``: random (symmetry is broken) but far too large on purpose."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * 10
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims: Sequence[int], rng: np.random.Generator) -> dict:
    """He initialisation: weights ``N(0, 1) * sqrt(2 / n_{l-1})``, which keeps the variance of ReLU
    activations about constant from layer to layer."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(2 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


INITIALIZATIONS = {"zeros": initialize_parameters_zeros, "random": initialize_parameters_random,
                   "he": initialize_parameters_he}
"""name -> initialisation function, as the notebooks and the models' ``initialization`` argument name them"""

WEIGHT_SCALES: dict[str, Callable[[int], float]] = {
    "zeros": lambda n: 0.0,
    "N(0,1) x 10": lambda n: 10.0,
    "N(0,1) x 0.01": lambda n: 0.01,
    "Xavier: sqrt(1/n)": lambda n: np.sqrt(1 / n),
    "He: sqrt(2/n)": lambda n: np.sqrt(2 / n),
}
"""name -> standard deviation of the weights of a layer with ``n`` inputs (for :func:`signal_spread`)"""


def signal_spread(X: np.ndarray, depth: int, width: int, weight_std: Callable[[int], float],
                  activation: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Standard deviations of the activations and of the gradients, layer by layer, of a deep net.

    A chain of ``depth`` dense layers of ``width`` units (zero biases, weights ``N(0, 1) *
    weight_std(n_{l-1})``, ``activation`` ``"relu"`` or ``"tanh"``) is applied to ``X``
    ``(n_0, m)``; then a gradient ``dA[L]`` of standard normal draws is propagated back to ``dA[0]``.
    Returns ``(act_std, grad_std)``, both ``(depth + 1,)``: ``act_std[l]`` is the standard
    deviation of all entries of ``A[l]`` (``A[0] = X``), ``grad_std[l]`` that of ``dA[l]``.
    """
    g, dg = {"relu": (relu, lambda Z: (Z > 0).astype(float)),
             "tanh": (np.tanh, lambda Z: 1 - np.tanh(Z) ** 2)}[activation]
    A, Ws, Zs, act_std = X, [], [], [float(np.std(X))]
    with np.errstate(all="ignore"):
        for _ in range(depth):
            W = rng.standard_normal((width, A.shape[0])) * weight_std(A.shape[0])
            Z = W @ A
            A = g(Z)
            Ws.append(W)
            Zs.append(Z)
            act_std.append(float(np.std(A)))
        dA = rng.standard_normal(A.shape)
        grad_std = [float(np.std(dA))]
        for W, Z in zip(reversed(Ws), reversed(Zs)):
            dA = W.T @ (dA * dg(Z))
            grad_std.append(float(np.std(dA)))
    return np.array(act_std), np.array(grad_std[::-1])
