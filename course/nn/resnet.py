"""Residual blocks (He et al., 2016) built from ``course.nn.conv``, forward and backward, channels-last.

Both blocks are the "bottleneck" design without batch normalisation: a 1x1 convolution, an f x f
convolution with "same" padding (f odd), a 1x1 convolution, each but the last followed by relu;
then the shortcut is added and relu applied to the sum.

identity_block: the shortcut is X itself, so the block keeps X's shape (n_C of W3 = n_C of X).
    parameters: W1 (1, 1, n_C, F1), W2 (f, f, F1, F2), W3 (1, 1, F2, n_C) and biases b1, b2, b3
    of shape (1, 1, 1, F).
convolutional_block: the first 1x1 convolution has stride s, and the shortcut is a 1x1
    convolution Ws (1, 1, n_C, F3), bs, with stride s, so the block can change the image size and
    the number of channels.

Caches (prescribed, so backward passes can be checked on their own):
    identity_block:      (cache1, Z1, cache2, Z2, cache3, Z)          with Z = Z3 + X
    convolutional_block: (cache1, Z1, cache2, Z2, cache3, cache_s, Z)  with Z = Z3 + Z_s
where cache1..3 and cache_s are the caches of ``conv.conv_forward``.
"""
from __future__ import annotations

import numpy as np

from .activations import relu
from .conv import conv_backward, conv_forward


def _main_path(X: np.ndarray, parameters: dict, s: int):
    """The three convolutions of the main path: Z3 and (cache1, Z1, cache2, Z2, cache3)."""
    f = parameters["W2"].shape[0]
    Z1, cache1 = conv_forward(X, parameters["W1"], parameters["b1"], {"stride": s, "pad": 0})
    Z2, cache2 = conv_forward(relu(Z1), parameters["W2"], parameters["b2"], {"stride": 1, "pad": (f - 1) // 2})
    Z3, cache3 = conv_forward(relu(Z2), parameters["W3"], parameters["b3"], {"stride": 1, "pad": 0})
    return Z3, (cache1, Z1, cache2, Z2, cache3)


def _main_path_backward(dZ3: np.ndarray, caches) -> tuple[np.ndarray, dict]:
    """dX through the main path and the gradients dW1, db1, ..., dW3, db3."""
    cache1, Z1, cache2, Z2, cache3 = caches
    grads = {}
    dA2, grads["dW3"], grads["db3"] = conv_backward(dZ3, cache3)
    dA1, grads["dW2"], grads["db2"] = conv_backward(dA2 * (Z2 > 0), cache2)
    dX, grads["dW1"], grads["db1"] = conv_backward(dA1 * (Z1 > 0), cache1)
    return dX, {key: grads[key] for key in ("dW1", "db1", "dW2", "db2", "dW3", "db3")}


def identity_block(X: np.ndarray, parameters: dict):
    """A = relu(main_path(X) + X), of X's shape (m, n_H, n_W, n_C), and the block's cache."""
    Z3, caches = _main_path(X, parameters, 1)
    Z = Z3 + X
    return relu(Z), caches + (Z,)


def identity_block_backward(dA: np.ndarray, cache) -> tuple[np.ndarray, dict]:
    """(dX, grads) of an identity block; grads has dW1, db1, dW2, db2, dW3, db3.

    The gradient dZ = dA * (Z > 0) flows both through the main path and, unchanged, through the
    shortcut: dX = dX_main + dZ.
    """
    dZ = dA * (cache[-1] > 0)
    dX, grads = _main_path_backward(dZ, cache[:-1])
    return dX + dZ, grads


def convolutional_block(X: np.ndarray, parameters: dict, s: int = 2):
    """A = relu(main_path(X) + conv_1x1(X, Ws, bs, stride s)) and the block's cache."""
    Z3, caches = _main_path(X, parameters, s)
    Z_s, cache_s = conv_forward(X, parameters["Ws"], parameters["bs"], {"stride": s, "pad": 0})
    Z = Z3 + Z_s
    return relu(Z), caches + (cache_s, Z)


def convolutional_block_backward(dA: np.ndarray, cache) -> tuple[np.ndarray, dict]:
    """(dX, grads) of a convolutional block; grads has dW1, db1, dW2, db2, dW3, db3, dWs, dbs."""
    dZ = dA * (cache[-1] > 0)
    dX_main, grads = _main_path_backward(dZ, cache[:5])
    dX_short, grads["dWs"], grads["dbs"] = conv_backward(dZ, cache[5])
    return dX_main + dX_short, grads


def initialize_block(n_C: int, filters: tuple[int, int, int], f: int, rng: np.random.Generator,
                     shortcut: bool = False) -> dict:
    """He-initialised parameters of a block on n_C input channels (Ws, bs too if ``shortcut``)."""
    F1, F2, F3 = filters
    shapes = {"1": (1, 1, n_C, F1), "2": (f, f, F1, F2), "3": (1, 1, F2, F3)}
    if shortcut:
        shapes["s"] = (1, 1, n_C, F3)
    parameters = {}
    for name, shape in shapes.items():
        parameters["W" + name] = rng.normal(0, np.sqrt(2 / np.prod(shape[:3])), shape)
        parameters["b" + name] = np.zeros((1, 1, 1, shape[3]))
    return parameters
