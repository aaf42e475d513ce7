"""Train against test accuracy and the weights' sizes (u04 regularization)."""
from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np

from ._common import finish


def draw_accuracy_bars(ax, results: Mapping[str, tuple[float, float]], best: float | None = None) -> None:
    """On ``ax``: train and test accuracy (in %) of each ``{model: (train, test)}``, side by side."""
    x = np.arange(len(results))
    train, test = (100 * np.array([r[i] for r in results.values()]) for i in (0, 1))
    for offset, values, label, color in ((-0.2, train, "train", "#7f9fcf"), (0.2, test, "test", "#2c5aa0")):
        ax.bar(x + offset, values, 0.4, label=label, color=color)
        for xi, v in zip(x + offset, values):
            ax.annotate(f"{v:.1f}", (xi, v), textcoords="offset points", xytext=(0, 2), ha="center", fontsize=8)
    if best is not None:
        ax.axhline(100 * best, color="k", ls=":", lw=1, label=f"best possible, about {100 * best:.0f}%")
    ax.set_xticks(x, list(results), fontsize=9)
    ax.set_ylim(50, 116)
    ax.set_yticks(range(50, 101, 10))
    ax.set_ylabel("accuracy (%)")
    ax.legend(fontsize=8, loc="upper center", ncol=3)
    ax.grid(True, axis="y", alpha=0.3)


def accuracy_bars(results: Mapping[str, tuple[float, float]], best: float | None = None,
                  title: str = "Train and test accuracy") -> plt.Figure:
    """Grouped bars of ``{model: (train accuracy, test accuracy)}`` (fractions), see :func:`draw_accuracy_bars`."""
    fig, ax = plt.subplots(figsize=(1.9 * len(results) + 2.5, 3.8))
    draw_accuracy_bars(ax, results, best)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def weight_histograms(models: Mapping[str, dict], title: str = "All weights W1, W2, W3") -> plt.Figure:
    """Histograms (log counts) of the weights of each ``{model: parameters}`` on shared bins."""
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    weights = {name: np.concatenate([v.ravel() for k, v in p.items() if k[0] == "W"]) for name, p in models.items()}
    limit = max(float(np.max(np.abs(w))) for w in weights.values())
    bins = np.linspace(-limit, limit, 61)
    for name, w in weights.items():
        ax.hist(w, bins=bins, histtype="step", lw=1.6,
                label=f"{name}: sum of squares {np.sum(w ** 2):.0f}")
    ax.set_yscale("log")
    return finish(fig, ax, "weight value", "number of weights", title)

