"""Optimizers, schedules, hyper-parameter search and batch norm (u05)."""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from ._common import finish


def ewa_bias_correction(series: np.ndarray, betas: Sequence[float] = (0.9, 0.98), zoom: int = 40,
                        title: str = "Exponentially weighted averages") -> plt.Figure:
    """A noisy ``(T,)`` series with its exponentially weighted averages, with and without bias correction.

    For each beta: ``v_t = beta v_{t-1} + (1 - beta) theta_t`` from ``v_0 = 0`` (dashed) and
    ``v_t / (1 - beta^t)`` (solid). The right panel zooms on the first ``zoom`` steps, where the
    uncorrected averages start near 0, far below the data.
    """
    series = np.asarray(series, dtype=float)
    steps = np.arange(1, len(series) + 1)
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), gridspec_kw={"width_ratios": [1.6, 1]})
    for ax, last in zip(axes, (len(series), zoom)):
        ax.plot(steps[:last], series[:last], ".", color="0.6", ms=4, label="data")
        for beta, color in zip(betas, ("#2c5aa0", "#c0392b", "#27864a", "#8e44ad")):
            v, averages = 0.0, []
            for theta in series[:last]:
                v = beta * v + (1 - beta) * theta
                averages.append(v)
            averages = np.array(averages)
            ax.plot(steps[:last], averages, "--", color=color, lw=1.3, label=f"beta = {beta}, uncorrected")
            ax.plot(steps[:last], averages / (1 - beta ** steps[:last]), color=color, lw=1.8,
                    label=f"beta = {beta}, corrected")
        ax.set_xlabel("t")
        ax.grid(True, alpha=0.3)
    axes[0].set_title(title)
    axes[1].set_title(f"the first {zoom} steps")
    axes[0].legend(fontsize=8, ncol=2)
    fig.tight_layout()
    return fig


def lr_schedules(epochs: np.ndarray, curves: Mapping[str, Sequence[float]],
                 title: str = "Learning-rate decay") -> plt.Figure:
    """Learning rate against epoch, one line per schedule."""
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    for label, rates in curves.items():
        ax.plot(epochs, rates, label=label)
    return finish(fig, ax, "epoch", "learning rate", title)


def random_search(learning_rates: Mapping[str, Sequence[float]], scores: Mapping[str, Sequence[float]],
                  ylabel: str = "training accuracy", best: str = "max",
                  title: str = "Random search for the learning rate") -> plt.Figure:
    """Scatter of trials: score against learning rate on a log axis, one colour per group of trials.

    ``learning_rates[name]`` and ``scores[name]`` are ``(k,)``; the best trial of each group
    (``best`` = "max" or "min") is circled and labelled.
    """
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for name in learning_rates:
        rates, values = np.asarray(learning_rates[name]), np.asarray(scores[name])
        points = ax.scatter(rates, values, s=28, alpha=0.8, label=name)
        i = int(np.nanargmax(values) if best == "max" else np.nanargmin(values))
        ax.scatter(rates[i], values[i], s=160, facecolors="none", edgecolors=points.get_facecolor()[0], lw=1.5)
        ax.annotate(f"{rates[i]:.2g}", (rates[i], values[i]), textcoords="offset points", xytext=(6, 6), fontsize=8)
    ax.set_xscale("log")
    return finish(fig, ax, "learning rate (log scale)", ylabel, title)


def feature_histograms(before: np.ndarray, after: np.ndarray, titles: Sequence[str] = ("before", "after"),
                       bins: int = 30) -> plt.Figure:
    """Histograms of each feature (row) of two ``(n, m)`` arrays, side by side, one colour per feature."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))
    for ax, values, title in zip(axes, (before, after), titles):
        for i, row in enumerate(values):
            ax.hist(row, bins=bins, alpha=0.5, label=f"feature {i + 1}")
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return fig


def running_averages(history: np.ndarray, targets: np.ndarray, ylabel: str = "running mean",
                     title: str = "Running averages during training") -> plt.Figure:
    """``history`` ``(steps, n)``: a running statistic of ``n`` features per step; dashed lines at ``targets`` ``(n,)``."""
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    for i in range(history.shape[1]):
        line, = ax.plot(np.arange(1, len(history) + 1), history[:, i], label=f"feature {i + 1}")
        ax.axhline(targets[i], color=line.get_color(), ls="--", lw=1)
    return finish(fig, ax, "training step (mini-batch)", ylabel, title)

