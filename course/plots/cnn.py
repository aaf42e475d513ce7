"""Convolutions and residual networks (u07)."""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure


def conv_speedup(labels: Sequence[str], loop_seconds: Sequence[float], fast_seconds: Sequence[float],
                 title: str = "Loops against the vectorised layers") -> plt.Figure:
    """Bars of the time of loop and vectorised versions of the same layers (log scale), with the speed-up."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    x = np.arange(len(labels))
    ax.bar(x - 0.2, loop_seconds, 0.4, label="loops (your functions)", color="#c0392b")
    ax.bar(x + 0.2, fast_seconds, 0.4, label="vectorised (course.nn.conv)", color="#2c5aa0")
    for k, (slow, fast) in enumerate(zip(loop_seconds, fast_seconds)):
        ax.text(k, slow * 1.15, f"x{slow / fast:.0f}", ha="center", va="bottom", fontsize=10)
    ax.set_yscale("log")
    ax.set_xticks(x, labels)
    ax.set_ylabel("seconds (log scale)")
    ax.set_ylim(top=max(loop_seconds) * 4)
    ax.set_title(title)
    ax.legend(loc="upper right")
    fig.tight_layout()
    return fig


def feature_map(image: np.ndarray, kernel: np.ndarray, output: np.ndarray, title: str = "") -> plt.Figure:
    """A grey image (H, W), a kernel (f, f) with its values written in, and the feature map it gives."""
    fig = plt.figure(figsize=(11, 4))
    draw_feature_map(fig, image, kernel, output, title)
    return fig


def draw_feature_map(fig: Figure, image: np.ndarray, kernel: np.ndarray, output: np.ndarray,
                     title: str = "") -> None:
    """Draw :func:`feature_map`'s three panels into ``fig`` (e.g. an explorer's, not managed by pyplot)."""
    ax_in, ax_k, ax_out = fig.subplots(1, 3, gridspec_kw={"width_ratios": [3, 1.2, 3]})
    ax_in.imshow(image, cmap="gray")
    ax_in.set_title(f"input {image.shape[0]} x {image.shape[1]}")
    bound = float(np.max(np.abs(kernel))) or 1.0
    ax_k.imshow(kernel, cmap="RdBu_r", vmin=-bound, vmax=bound)
    for (i, j), value in np.ndenumerate(kernel):  # white text on the dark (strong) cells
        ax_k.text(j, i, f"{value:.2g}", ha="center", va="center", fontsize=9,
                  color="white" if abs(value) > 0.6 * bound else "black")
    ax_k.set_title(f"kernel {kernel.shape[0]} x {kernel.shape[1]}")
    bound = float(np.percentile(np.abs(output), 99)) or 1.0
    ax_out.imshow(output, cmap="RdBu_r", vmin=-bound, vmax=bound)
    ax_out.set_title(f"feature map {output.shape[0]} x {output.shape[1]}")
    for ax in (ax_in, ax_k, ax_out):
        ax.set_xticks([])
        ax.set_yticks([])
    if title:
        fig.suptitle(title)
    fig.tight_layout()


def gradient_norms_by_depth(norms: Mapping[str, Sequence[float]],
                            title: str = "Gradient size at each block, at initialisation") -> plt.Figure:
    """One line per network: the norm of dL/d(input of block k) against k (log scale), first block left."""
    fig, ax = plt.subplots(figsize=(7, 3.8))
    for name, values in norms.items():
        ax.plot(np.arange(1, len(values) + 1), values, "o-", label=name)
    ax.set_yscale("log")
    ax.set_xlabel("block (1 = nearest the input)")
    ax.set_ylabel("norm of the gradient (log scale)")
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    return fig

