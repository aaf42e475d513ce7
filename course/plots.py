"""Figures the notebooks draw. Each function draws one figure and returns it.

In a notebook, assign the result (``fig = plots.timings(...)``): the inline backend shows the
figure once when the cell ends.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Rectangle

_TWO_CLASSES = ListedColormap(["#c0392b", "#2c5aa0"])  # class 0 red, class 1 blue


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
    return _finish(fig, ax, "number of elements", "seconds (best of several runs)", title)


def _finish(fig: plt.Figure, ax, xlabel: str, ylabel: str, title: str) -> plt.Figure:
    """Labels, title, a light grid and the legend; tight layout."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return fig


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
    own values, pale dashed cells are the copies broadcasting makes (no memory is used for them).
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
    fig.suptitle("solid: the array's values; dashed: copies made by broadcasting", fontsize=9, y=0.02)
    return fig


def _as_2d(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) > 2:
        raise ValueError("only shapes with at most 2 dimensions can be drawn")
    return tuple((1,) * (2 - len(shape)) + tuple(shape))


def image_grid(images: np.ndarray, titles: Sequence[str] | None = None, ncols: int = 8,
               size: float = 1.3, suptitle: str = "") -> plt.Figure:
    """Show ``(k, h, w)`` grayscale or ``(k, h, w, 3)`` colour images in a grid, with titles."""
    k = len(images)
    ncols = max(1, min(ncols, k))
    nrows = int(np.ceil(k / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + 0.4 * bool(suptitle)),
                             squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < k:
            ax.imshow(images[i], cmap="gray" if images[i].ndim == 2 else None, vmin=0, vmax=1)
            if titles is not None:
                ax.set_title(titles[i], fontsize=8)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def learning_curves(curves: Mapping[str, Sequence[float]], every: int = 100,
                    title: str = "Cost during training") -> plt.Figure:
    """Cost against iteration, one line per run; ``curves[label][j]`` is the cost at ``j * every``."""
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for label, costs in curves.items():
        ax.plot(np.arange(len(costs)) * every, costs, label=label)
    return _finish(fig, ax, "iteration", "cost", title)


def weights_image(w: np.ndarray, shape: tuple[int, int], title: str = "Learned weights") -> plt.Figure:
    """Show an ``(n_x, 1)`` weight vector as an image of ``shape``: red pushes towards class 1."""
    fig, ax = plt.subplots(figsize=(3.6, 3.2))
    img = w.reshape(shape)
    limit = float(np.max(np.abs(img))) or 1.0
    shown = ax.imshow(img, cmap="RdBu_r", vmin=-limit, vmax=limit)
    fig.colorbar(shown, ax=ax, shrink=0.8)
    ax.axis("off")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def boundary_grid(X: np.ndarray, steps: int = 200, margin: float = 0.5):
    """A grid over the bounding box of ``X`` ``(2, m)``: ``(xx, yy, points)`` with points ``(2, steps^2)``."""
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, steps), np.linspace(y_min, y_max, steps))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def draw_boundary(ax, predict, X: np.ndarray, Y: np.ndarray, title: str = "") -> None:
    """On ``ax``: the regions where ``predict(points (2, k)) -> (1, k)`` says 0 or 1, and the data."""
    xx, yy, points = boundary_grid(X)
    zz = np.asarray(predict(points)).reshape(xx.shape)
    ax.contourf(xx, yy, zz, levels=[-0.5, 0.5, 1.5], colors=["#f4b6b6", "#b6cdf4"], alpha=0.8)
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=_TWO_CLASSES, s=10, edgecolors="k", linewidths=0.2)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])


def decision_boundaries(panels: Mapping[str, object], X: np.ndarray, Y: np.ndarray) -> plt.Figure:
    """One panel per ``{title: predict}``: each classifier's regions with the data on top."""
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 4), squeeze=False)
    for ax, (title, predict) in zip(axes.flat, panels.items()):
        draw_boundary(ax, predict, X, Y, title)
    fig.tight_layout()
    return fig


def scatter_classes(X: np.ndarray, Y: np.ndarray, title: str = "") -> plt.Figure:
    """The points of ``X`` ``(2, m)`` coloured by ``Y`` ``(1, m)``."""
    fig, ax = plt.subplots(figsize=(4.5, 4.2))
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=_TWO_CLASSES, s=12, edgecolors="k", linewidths=0.2)
    ax.set_title(title)
    ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    return fig


def accuracy_curve(xs: Sequence[float], accuracies: Mapping[str, Sequence[float]], xlabel: str,
                   title: str = "") -> plt.Figure:
    """Accuracy (in %) against a setting, one line per data split, with a log x axis if it spans decades."""
    fig, ax = plt.subplots(figsize=(6, 3.8))
    for label, acc in accuracies.items():
        ax.plot(xs, 100 * np.asarray(acc), "o-", label=label)
    if max(xs) / max(min(xs), 1e-12) >= 20:
        ax.set_xscale("log")
    return _finish(fig, ax, xlabel, "accuracy (%)", title)
