"""Finite differences and the errors of gradients (u04 gradient checking)."""
from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np

from ._common import finish


def finite_difference_errors(epsilons: np.ndarray, errors: Mapping[str, np.ndarray],
                             title: str = "Error of finite differences") -> plt.Figure:
    """Log-log plot of the error of each finite-difference formula against the step ``epsilon``."""
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for label, err in errors.items():
        ax.loglog(epsilons, np.maximum(err, 1e-17), "o-", ms=3, label=label)
    ax.invert_xaxis()
    return finish(fig, ax, "step epsilon (smaller to the right)", "|approximation - exact derivative|", title)


def gradient_errors(errors: Mapping[str, float], threshold: float = 1e-7,
                    title: str = "Relative error of each gradient") -> plt.Figure:
    """Bars of ``{parameter: relative error}`` on a log scale; red above ``threshold`` (dashed line)."""
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    names, values = list(errors), np.maximum(np.array(list(errors.values()), dtype=float), 1e-16)
    ax.bar(names, values, color=["#c0392b" if v > threshold else "#2c8a4b" for v in values])
    ax.axhline(threshold, color="k", ls="--", lw=1)
    ax.annotate(f"threshold {threshold:g}", (len(names) - 0.5, threshold), textcoords="offset points",
                xytext=(-2, 3), ha="right", fontsize=8)
    ax.set_yscale("log")
    ax.set_ylim(min(1e-12, values.min() / 3), max(1.0, values.max() * 3))
    for x, v in enumerate(values):
        ax.annotate(f"{v:.1e}", (x, v), textcoords="offset points", xytext=(0, 3), ha="center", fontsize=8)
    ax.set_ylabel("relative error")
    ax.set_title(title)
    ax.grid(True, axis="y", alpha=0.3)
    fig.tight_layout()
    return fig

