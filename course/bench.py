"""Benchmarks of the course's reference layers (``course bench conv``).

``conv_benchmark`` times ``course.nn.conv`` forward + backward against PyTorch's CPU
``conv2d`` at the same dtype (float64) and thread count, on layer shapes of the course's
convolutional networks, and prints one table row per shape.

It also times the three matrix products that any im2col convolution does per step (Z = cols W,
dW = cols^T dZ, dcols = dZ W^T) on their own, once with NumPy's BLAS (OpenBLAS) and once with
PyTorch's (MKL on x86): the NumPy column is a floor for ``course.nn`` whatever its copying
costs, so where it exceeds PyTorch's whole convolution, no im2col layer on NumPy's BLAS can
match PyTorch there.
"""
from __future__ import annotations

import time
from typing import Callable, Sequence

import numpy as np

from .nn import conv

# (name, m, n_H = n_W, n_C_prev, n_C, f, stride, pad): the layers of a small CNN on 64 x 64 x 3 images.
LAYERS = (
    ("early 64x64x3 -> 16, 5x5", 32, 64, 3, 16, 5, 1, 2),
    ("middle 32x32x16 -> 32, 3x3", 32, 32, 16, 32, 3, 1, 1),
    ("middle 16x16x32 -> 64, 3x3", 32, 16, 32, 64, 3, 1, 1),
    ("middle 8x8x64 -> 64, 3x3", 32, 8, 64, 64, 3, 1, 1),
    ("strided 32x32x32 -> 64, 3x3 s2", 32, 32, 32, 64, 3, 2, 1),
)


def best_seconds(function: Callable[[], object], repeats: int) -> float:
    """The shortest of ``repeats`` timed calls, after one warm-up call."""
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def conv_flops(m: int, n: int, n_C_prev: int, n_C: int, f: int, stride: int, pad: int) -> int:
    """Floating-point operations of forward + backward: three products (Z, dW, dA_prev) of 2 m n_H n_W n_C f^2 n_C_prev."""
    n_out = conv.conv_output_size(n, f, pad, stride)
    return 3 * 2 * m * n_out * n_out * n_C * f * f * n_C_prev


def _course_step(A, W, b, hparameters):
    def step():
        Z, cache = conv.conv_forward(A, W, b, hparameters)
        conv.conv_backward(Z, cache)
    return step


def _gemm_step(m, n, n_C_prev, n_C, f, stride, pad, rng, as_tensor=None):
    """The three products of an im2col conv step, on random operands of the layer's sizes.

    cols (M, K), W2 (K, N), dZ (M, N) with M = m n_H n_W, K = f^2 n_C_prev, N = n_C, taken a
    few examples at a time as ``course.nn.conv`` does; the operands are NumPy arrays, or tensors
    when ``as_tensor`` (e.g. ``torch.tensor``) is given.
    """
    n_out = conv.conv_output_size(n, f, pad, stride)
    rows, K = n_out * n_out, f * f * n_C_prev
    cols, W2, dZ = (rng.normal(0, 1, shape) for shape in ((m * rows, K), (K, n_C), (m * rows, n_C)))
    if as_tensor is not None:
        cols, W2, dZ = as_tensor(cols), as_tensor(W2), as_tensor(dZ)
    parts = [slice(part.start * rows, part.stop * rows) for part in conv._chunks(m, rows, K)]

    def step():
        for part in parts:
            cols[part] @ W2
            dZ[part].T @ cols[part]
            dZ[part] @ W2.T
    return step


def _torch_step(A, W, b, stride, pad):
    import torch
    A_t = torch.tensor(np.ascontiguousarray(A.transpose(0, 3, 1, 2)), requires_grad=True)
    W_t = torch.tensor(np.ascontiguousarray(W.transpose(3, 2, 0, 1)), requires_grad=True)
    b_t = torch.tensor(b.ravel(), requires_grad=True)

    def step():
        A_t.grad = W_t.grad = b_t.grad = None
        Z = torch.nn.functional.conv2d(A_t, W_t, b_t, stride=stride, padding=pad)
        Z.backward(Z.detach())
    return step


def conv_benchmark(layers: Sequence[tuple] = LAYERS, repeats: int = 5, threads: int = 1,
                   print_table: bool = True) -> list[dict]:
    """Time course.nn.conv and PyTorch (if installed) forward + backward on each layer; print a table.

    Both sides run on ``threads`` threads (BLAS through threadpoolctl, PyTorch through
    ``torch.set_num_threads``). Returns one dict per layer: name, course and torch seconds,
    ratio (course / torch, below 1 means faster than PyTorch), GFLOP/s of each, and the
    seconds of the three im2col products alone with NumPy and with PyTorch (``_gemm_step``).
    """
    from threadpoolctl import threadpool_limits
    try:
        import torch
        torch.set_num_threads(threads)
    except ImportError:
        torch = None
    rng = np.random.default_rng(0)
    rows = []
    with threadpool_limits(limits=threads):
        for name, m, n, n_C_prev, n_C, f, stride, pad in layers:
            A = rng.normal(0, 1, (m, n, n, n_C_prev))
            W = rng.normal(0, 1 / np.sqrt(f * f * n_C_prev), (f, f, n_C_prev, n_C))
            b = rng.normal(0, 0.1, (1, 1, 1, n_C))
            flops = conv_flops(m, n, n_C_prev, n_C, f, stride, pad)
            ours = best_seconds(_course_step(A, W, b, {"stride": stride, "pad": pad}), repeats)
            theirs = best_seconds(_torch_step(A, W, b, stride, pad), repeats) if torch else float("nan")
            shape = (m, n, n_C_prev, n_C, f, stride, pad, rng)
            numpy_gemms = best_seconds(_gemm_step(*shape), repeats)
            torch_gemms = best_seconds(_gemm_step(*shape, torch.tensor), repeats) if torch else float("nan")
            rows.append({"layer": name, "course_seconds": ours, "torch_seconds": theirs,
                         "ratio": ours / theirs, "course_gflops": flops / ours / 1e9,
                         "torch_gflops": flops / theirs / 1e9, "numpy_gemm_seconds": numpy_gemms,
                         "torch_gemm_seconds": torch_gemms})
    if print_table:
        print(format_table(rows, threads, torch is not None))
    return rows


def format_table(rows: list[dict], threads: int, with_torch: bool = True) -> str:
    """The benchmark as a Markdown table; without PyTorch, only course.nn's own columns."""
    title = f"conv2d forward + backward, float64, batch as listed, {threads} thread(s)"
    if not with_torch:
        lines = [title,
                 "PyTorch is not installed, so its columns are left out; to compare with it, install "
                 "it into the course's environment (`.venv/bin/pip install torch`) and run this again.",
                 "| layer | course.nn ms | course GFLOP/s | its 3 products, NumPy ms |",
                 "|---|---:|---:|---:|"]
        for row in rows:
            lines.append(f"| {row['layer']} | {1e3 * row['course_seconds']:.1f} | {row['course_gflops']:.1f} "
                         f"| {1e3 * row['numpy_gemm_seconds']:.1f} |")
        return "\n".join(lines)
    lines = [title,
             "| layer | course.nn ms | PyTorch ms | ratio | course GFLOP/s | PyTorch GFLOP/s "
             "| its 3 products, NumPy ms | the same, PyTorch ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['layer']} | {1e3 * row['course_seconds']:.1f} | {1e3 * row['torch_seconds']:.1f} "
                     f"| {row['ratio']:.2f} | {row['course_gflops']:.1f} | {row['torch_gflops']:.1f} "
                     f"| {1e3 * row['numpy_gemm_seconds']:.1f} | {1e3 * row['torch_gemm_seconds']:.1f} |")
    return "\n".join(lines)
