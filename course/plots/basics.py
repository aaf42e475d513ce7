"""Line plots of u00 and onwards: timings, functions, broadcasting, learning and accuracy curves."""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from ._common import finish


def timings(sizes: Sequence[int], seconds: Mapping[str, Sequence[float]],
            title: str = "Time against problem size") -> plt.Figure:
    """Log-log plot of run time against input size, one line per method, with speed-up labels.

    sizes: ``(k,)`` input sizes; seconds: ``{method: (k,) times}``. The first method is the
    baseline; the last point of every other line is labelled with its speed-up over it.
    """
    fig, ax = plt.subplots(figsize=(6.5, 4))
    names = list(seconds)
    for name in names:
        ax.loglog(sizes, seconds[name], "o-", label=name)
    base = np.asarray(seconds[names[0]])
    for name in names[1:]:
        speedup = base[-1] / seconds[name][-1]
        ax.annotate(f"{speedup:,.0f}x faster", (sizes[-1], seconds[name][-1]),
                    textcoords="offset points", xytext=(-10, 10), ha="right")
    return finish(fig, ax, "number of elements", "seconds (best of several runs)", title)


def functions(x: np.ndarray, curves: Mapping[str, np.ndarray], title: str = "") -> plt.Figure:
    """Plot several functions of the same ``(n,)`` input ``x`` on one set of axes."""
    fig, ax = plt.subplots(figsize=(6.5, 3.5))
    for label, y in curves.items():
        ax.plot(x, y, label=label)
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_xlabel("x")
    ax.set_title(title)
    ax.legend()
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig


def broadcasting(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> plt.Figure:
    """Draw how arrays of shapes ``shape_a`` and ``shape_b`` (at most 2-D) broadcast in ``a + b``.

    Each operand is drawn as a grid of cells in the result's shape: solid cells hold the array's
    own values, pale dashed cells are values repeated by broadcasting (not copied in memory).
    """
    a2, b2 = _as_2d(shape_a), _as_2d(shape_b)
    out = tuple(max(i, j) if 1 in (i, j) else i for i, j in zip(a2, b2))
    if any(i != j and 1 not in (i, j) for i, j in zip(a2, b2)):
        raise ValueError(f"shapes {shape_a} and {shape_b} do not broadcast")
    width = 3 * (out[1] + 1.5)
    fig, axes = plt.subplots(1, 3, figsize=(min(12, 1.2 + 0.55 * width), 0.6 + 0.55 * out[0] + 0.6))
    panels = [(f"a: shape {tuple(shape_a)}", a2), (f"b: shape {tuple(shape_b)}", b2),
              (f"a + b: shape {out}", out)]
    for ax, (title, own) in zip(axes, panels):
        for r in range(out[0]):
            for c in range(out[1]):
                real = r < own[0] and c < own[1]
                ax.add_patch(Rectangle((c, -r - 1), 1, 1, facecolor="#4c72b0" if real else "#dce6f2",
                                       edgecolor="black" if real else "#8aa",
                                       linestyle="-" if real else "--"))
        ax.set_xlim(-0.2, out[1] + 0.2)
        ax.set_ylim(-out[0] - 0.2, 0.2)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(title, fontsize=10)
    fig.suptitle("solid: the array's values; dashed: values repeated by broadcasting (not copied in memory)",
                 fontsize=9, y=0.02)
    return fig


def _as_2d(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) > 2:
        raise ValueError("only shapes with at most 2 dimensions can be drawn")
    return tuple((1,) * (2 - len(shape)) + tuple(shape))


def learning_curves(curves: Mapping[str, Sequence[float]], every: int = 100,
                    title: str = "Cost during training") -> plt.Figure:
    """Cost against iteration, one line per run; ``curves[label][j]`` is the cost at ``j * every``."""
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for label, costs in curves.items():
        ax.plot(np.arange(len(costs)) * every, costs, label=label)
    return finish(fig, ax, "iteration", "cost", title)


def learning_curves_log(curves: Mapping[str, Sequence[float]], every: int = 100,
                        title: str = "Cost during training") -> plt.Figure:
    """As :func:`learning_curves`, with a logarithmic cost axis (for costs that span several decades)."""
    fig = learning_curves(curves, every, title)
    fig.axes[0].set_yscale("log")
    return fig


def accuracy_curve(xs: Sequence[float], accuracies: Mapping[str, Sequence[float]], xlabel: str,
                   title: str = "") -> plt.Figure:
    """Accuracy (in %) against a setting, one line per data split, with a log x axis if it spans decades."""
    fig, ax = plt.subplots(figsize=(6, 3.8))
    for label, acc in accuracies.items():
        ax.plot(xs, 100 * np.asarray(acc), "o-", label=label)
    if max(xs) / max(min(xs), 1e-12) >= 20:
        ax.set_xscale("log")
    return finish(fig, ax, xlabel, "accuracy (%)", title)


def cost_curves(curves: Mapping[str, Sequence[float]], xlabel: str = "epoch", log: bool = True,
                title: str = "Cost during training") -> plt.Figure:
    """Cost against epoch (or step), one line per run; a log y axis by default."""
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for label, costs in curves.items():
        ax.plot(np.arange(len(costs)), costs, label=label)
    if log:
        ax.set_yscale("log")
    return finish(fig, ax, xlabel, "cost", title)

