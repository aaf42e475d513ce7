"""kNN timings and cross-validation (u06)."""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .basics import timings


def distance_timings(seconds: Mapping[str, float], title: str = "Distance matrix: time per version") -> plt.Figure:
    """Horizontal bars of the run time of each version (log scale), labelled with seconds and speed-up."""
    names, values = list(seconds), np.array([seconds[n] for n in seconds], dtype=float)
    fig, ax = plt.subplots(figsize=(7, 0.6 * len(names) + 1.2), layout="constrained")
    ax.barh(names, values, color=["#c0392b", "#e67e22", "#27ae60"][:len(names)] + ["#7f8c8d"] * (len(names) - 3))
    ax.set_xscale("log")
    ax.invert_yaxis()
    fastest = values.min()
    for i, v in enumerate(values):
        ax.text(v, i, f"  {v * 1e3:.1f} ms  ({v / fastest:.0f}x the fastest)", va="center", fontsize=9)
    ax.set_xlim(fastest / 3, values.max() * 30)
    ax.set_xlabel("seconds (log scale)")
    ax.set_title(title)
    return fig


def cross_validation_accuracy(k_choices: Sequence[int], accuracies: np.ndarray,
                              title: str = "k-fold cross-validation of kNN") -> plt.Figure:
    """Each fold's accuracy (dots) and the mean with one standard deviation (error bars) against k.

    accuracies: ``(len(k_choices), num_folds)``.
    """
    accuracies = np.asarray(accuracies, dtype=float)
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    for i, k in enumerate(k_choices):
        ax.scatter([k] * accuracies.shape[1], accuracies[i], color="#95a5a6", s=14, zorder=2)
    mean, std = accuracies.mean(axis=1), accuracies.std(axis=1)
    ax.errorbar(k_choices, mean, yerr=std, color="#2c3e50", marker="o", capsize=4, zorder=3,
                label="mean over folds, +- 1 std")
    best = int(np.argmax(mean))
    ax.scatter([k_choices[best]], [mean[best]], s=160, facecolors="none", edgecolors="#c0392b", zorder=4,
               label=f"best: k = {k_choices[best]}")
    ax.set_xlabel("k (number of neighbours)")
    ax.set_ylabel("validation accuracy")
    ax.set_title(title)
    ax.legend(loc="lower left")
    return fig

