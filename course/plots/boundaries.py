"""2-D data and decision regions: scatters, boundaries of one or several classifiers (u02 to u05)."""
from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from ._common import TWO_CLASSES


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
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=TWO_CLASSES, s=10, edgecolors="k", linewidths=0.2)
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


def boundaries_with_curve(panels: Mapping[str, object], X: np.ndarray, Y: np.ndarray, curve) -> plt.Figure:
    """As :func:`decision_boundaries`, with the true boundary ``x_2 = curve(x_1)`` dashed on every panel."""
    fig = decision_boundaries(panels, X, Y)
    for ax in fig.axes:
        left, right = ax.get_xlim()
        x1 = np.linspace(left, right, 200)
        ax.plot(x1, curve(x1), "k--", lw=1.2)
        ax.set_xlim(left, right)
    return fig


def scatter_classes(X: np.ndarray, Y: np.ndarray, title: str = "") -> plt.Figure:
    """The points of ``X`` ``(2, m)`` coloured by ``Y`` ``(1, m)``."""
    fig, ax = plt.subplots(figsize=(4.5, 4.2))
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=TWO_CLASSES, s=12, edgecolors="k", linewidths=0.2)
    ax.set_title(title)
    ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    return fig


def scatter_panels(panels: Mapping[str, tuple[np.ndarray, np.ndarray]], equal: bool = True) -> plt.Figure:
    """One scatter per ``{title: (X (2, m), Y (1, m))}``, side by side; ``equal``: same scale on both axes."""
    fig, axes = plt.subplots(1, len(panels), figsize=(4.4 * len(panels), 4), squeeze=False)
    for ax, (title, (X, Y)) in zip(axes.flat, panels.items()):
        ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=TWO_CLASSES, s=10, edgecolors="k", linewidths=0.2)
        if equal:
            ax.set_aspect("equal", adjustable="datalim")
        ax.set_xlabel("feature 1")
        ax.set_ylabel("feature 2")
        ax.set_title(title, fontsize=10)
        ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig


def multiclass_regions(predict, X: np.ndarray, labels: np.ndarray, title: str = "") -> plt.Figure:
    """The regions where ``predict(points (2, k)) -> (k,)`` class indices, with the points of ``X`` ``(2, m)``."""
    labels = np.ravel(labels).astype(int)
    n_classes = int(labels.max()) + 1
    colors = ["#c0392b", "#2c5aa0", "#27864a", "#e67e22", "#8e44ad", "#16a085"][:n_classes]
    xx, yy, points = boundary_grid(X)
    zz = np.asarray(predict(points)).reshape(xx.shape)
    fig, ax = plt.subplots(figsize=(4.8, 4.3))
    ax.contourf(xx, yy, zz, levels=np.arange(n_classes + 1) - 0.5, colors=colors, alpha=0.25)
    ax.scatter(X[0], X[1], c=labels, cmap=ListedColormap(colors), vmin=-0.5, vmax=n_classes - 0.5, s=12,
               edgecolors="k", linewidths=0.2)
    ax.set_title(title)
    ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    return fig

