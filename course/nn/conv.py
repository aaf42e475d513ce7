"""Convolution and pooling layers, channels-last, vectorised.

Conventions (DESIGN.md): images ``(m, n_H, n_W, n_C)``; conv weights ``W (f, f, n_C_prev, n_C)``,
bias ``b (1, 1, 1, n_C)``; conv ``hparameters = {"stride": s, "pad": p}``; pool
``hparameters = {"f": f, "stride": s}``. The layers compute cross-correlations, as every deep
learning library does: ``Z[i, h, w, c] = sum(A_pad[i, h*s : h*s+f, w*s : w*s+f, :] * W[..., c]) + b[c]``.

The students write these with loops over examples, rows, columns and channels. Here a
convolution gathers every window of a few examples at a time into a matrix (im2col, with stride
tricks) and makes one matrix product per chunk; only the backward passes loop, over the ``f * f``
positions inside a window, to add each position's gradient back (see ``course bench conv`` for
how this compares with PyTorch).
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided


def zero_pad(X: np.ndarray, pad: int) -> np.ndarray:
    """X (m, n_H, n_W, n_C) -> (m, n_H + 2 pad, n_W + 2 pad, n_C), zeros around each image."""
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


def conv_single_step(a_slice_prev: np.ndarray, W: np.ndarray, b: np.ndarray) -> float:
    """One window (f, f, n_C_prev) times one filter (f, f, n_C_prev), plus its bias (1, 1, 1): a float."""
    return float(np.sum(a_slice_prev * W) + np.sum(b))


def conv_output_size(n: int, f: int, p: int, s: int) -> int:
    """Output size floor((n + 2p - f) / s) + 1 of a convolution or pooling along one axis."""
    return (n + 2 * p - f) // s + 1


def same_padding(n: int, f: int, s: int) -> tuple[int, int, int]:
    """"Same" padding (TensorFlow's rule): n_out = ceil(n / s), padding split with any extra at the end.

    Returns (p_start, p_end, n_out), e.g. same_padding(227, 11, 4) == (4, 4, 57).
    """
    n_out = -(-n // s)
    total = max((n_out - 1) * s + f - n, 0)
    return total // 2, total - total // 2, n_out


def receptive_field(layers) -> int:
    """Size of the input region one output unit sees, for layers given as (f, s) pairs, first first.

    r = 1 + sum_l (f_l - 1) * prod_{k < l} s_k.
    """
    r, jump = 1, 1
    for f, s in layers:
        r += (f - 1) * jump
        jump *= s
    return int(r)


def count_parameters(layer: dict) -> int:
    """Trainable parameters of one layer, described by a dict:

    {"type": "conv", "f": f, "n_C_prev": n_C_prev, "n_C": n_C} -> f f n_C_prev n_C + n_C;
    {"type": "pool", ...} -> 0;  {"type": "dense", "n_prev": n_prev, "n": n} -> n_prev n + n.
    """
    if layer["type"] == "conv":
        return int(layer["f"] ** 2 * layer["n_C_prev"] * layer["n_C"] + layer["n_C"])
    if layer["type"] == "dense":
        return int(layer["n_prev"] * layer["n"] + layer["n"])
    return 0


def _windows(A: np.ndarray, f: int, s: int, n_H: int, n_W: int) -> np.ndarray:
    """A view (m, n_H, n_W, f, f, n_C) of every f x f window of A (m, H, W, n_C) at stride s."""
    m, _, _, n_C = A.shape
    sm, sh, sw, sc = A.strides
    return as_strided(A, (m, n_H, n_W, f, f, n_C), (sm, sh * s, sw * s, sh, sw, sc), writeable=False)


def _chunks(m: int, rows_per_example: int, columns: int):
    """Slices of examples whose im2col matrix stays near 1 MB (about the size of a core's cache).

    Working on the whole batch at once would build matrices of tens of megabytes and spend more
    time moving them through memory than multiplying; chunks of a few examples are faster.
    """
    per_chunk = max(1, (1 << 17) // max(1, rows_per_example * columns))
    return [slice(start, min(start + per_chunk, m)) for start in range(0, m, per_chunk)]


def conv_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, hparameters: dict):
    """Z (m, n_H, n_W, n_C) of a convolution and cache = (A_prev, W, b, hparameters).

    The windows of the padded input are gathered (im2col) into an (n_H n_W, f f n_C_prev)
    matrix per example, and multiplied by W reshaped to (f f n_C_prev, n_C), a few examples at a time.
    """
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    s, p = hparameters["stride"], hparameters["pad"]
    n_H, n_W = conv_output_size(n_H_prev, f, p, s), conv_output_size(n_W_prev, f, p, s)
    A_pad = zero_pad(A_prev, p)
    W2 = W.reshape(f * f * n_C_prev, n_C)
    Z = np.empty((m, n_H, n_W, n_C), dtype=np.result_type(A_prev, W, b))
    for part in _chunks(m, n_H * n_W, f * f * n_C_prev):
        windows = _windows(A_pad[part], f, s, n_H, n_W)
        Z[part] = (windows.reshape(-1, f * f * n_C_prev) @ W2).reshape(-1, n_H, n_W, n_C)
    Z += b.reshape(1, 1, 1, n_C)
    return Z, (A_prev, W, b, hparameters)


def conv_backward(dZ: np.ndarray, cache, input_gradient: bool = True):
    """Gradients (dA_prev, dW, db) of a convolution, shaped like A_prev, W and b.

    dZ: (m, n_H, n_W, n_C); cache: (A_prev, W, b, hparameters) from ``conv_forward``.
    With cols the (m n_H n_W, f f n_C_prev) im2col matrix of the forward pass (rebuilt here, a
    few examples at a time), dW = cols^T dZ, computed as dZ^T cols (faster with OpenBLAS).
    The gradient of window position (i, j), dZ W[i, j]^T, is one product per position, laid out
    like a block of images, and is added to the rows and columns of dA_prev that position
    touches (col2im in f * f vectorised steps over contiguous rows). ``input_gradient=False``
    skips dA_prev (returned as None), which a network's first layer does not need.
    """
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    s, p = hparameters["stride"], hparameters["pad"]
    _, n_H, n_W, _ = dZ.shape
    A_pad = zero_pad(A_prev, p)
    W_T = W.reshape(f * f, n_C_prev, n_C).transpose(0, 2, 1)
    dW2T = np.zeros((n_C, f * f * n_C_prev), dtype=np.result_type(A_prev, dZ))
    dA_pad = np.zeros_like(A_pad, dtype=np.result_type(W, dZ))
    for part in _chunks(m, n_H * n_W, f * f * n_C_prev):
        cols = _windows(A_pad[part], f, s, n_H, n_W).reshape(-1, f * f * n_C_prev)
        dZ2 = dZ[part].reshape(-1, n_C)
        dW2T += dZ2.T @ cols
        if not input_gradient:
            continue
        dcols = np.matmul(dZ2, W_T).reshape(f, f, -1, n_H, n_W, n_C_prev)
        dA_part = dA_pad[part]
        for i in range(f):
            for j in range(f):
                dA_part[:, i:i + s * (n_H - 1) + 1:s, j:j + s * (n_W - 1) + 1:s, :] += dcols[i, j]
    db = dZ.sum(axis=(0, 1, 2)).reshape(b.shape)
    dA_prev = dA_pad[:, p:p + n_H_prev, p:p + n_W_prev, :] if input_gradient else None
    return dA_prev, np.ascontiguousarray(dW2T.T).reshape(W.shape), db


def pool_forward(A_prev: np.ndarray, hparameters: dict, mode: str = "max"):
    """A (m, n_H, n_W, n_C) of max or average pooling, and cache = (A_prev, hparameters).

    hparameters = {"f": f, "stride": s}; no padding: n_H = floor((n_H_prev - f) / s) + 1.
    """
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, s = hparameters["f"], hparameters["stride"]
    n_H, n_W = conv_output_size(n_H_prev, f, 0, s), conv_output_size(n_W_prev, f, 0, s)
    windows = _windows(A_prev, f, s, n_H, n_W)
    A = windows.max(axis=(3, 4)) if mode == "max" else windows.mean(axis=(3, 4))
    return A, (A_prev, hparameters)


def create_mask_from_window(x: np.ndarray) -> np.ndarray:
    """Boolean mask, True where x (f, f) equals its maximum."""
    return x == np.max(x)


def distribute_value(dz: float, shape: tuple[int, int]) -> np.ndarray:
    """An array of the given (n_H, n_W) shape holding dz / (n_H n_W) everywhere."""
    n_H, n_W = shape
    return np.full((n_H, n_W), dz / (n_H * n_W))


def pool_backward(dA: np.ndarray, cache, mode: str = "max") -> np.ndarray:
    """dA_prev (shaped like A_prev) of a pooling layer, from dA (m, n_H, n_W, n_C).

    Max: each window's gradient goes to the entries equal to the window's maximum (all of them
    on a tie, like ``create_mask_from_window``); average: spread evenly over the f * f entries.
    """
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    _, n_H, n_W, _ = dA.shape
    dA_prev = np.zeros_like(A_prev, dtype=np.result_type(A_prev, dA))
    if mode == "max":
        A = _windows(A_prev, f, s, n_H, n_W).max(axis=(3, 4))
    for i in range(f):
        for j in range(f):
            rows, columns = slice(i, i + s * (n_H - 1) + 1, s), slice(j, j + s * (n_W - 1) + 1, s)
            if mode == "max":
                dA_prev[:, rows, columns, :] += dA * (A_prev[:, rows, columns, :] == A)
            else:
                dA_prev[:, rows, columns, :] += dA / (f * f)
    return dA_prev
