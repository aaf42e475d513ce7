"""How activations and gradients spread through the layers (u04 initialization)."""
from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np


def signal_spread(spreads: Mapping[str, Mapping[str, tuple[np.ndarray, np.ndarray]]],
                  floor: float = 1e-40) -> plt.Figure:
    """Spread of activations (top row) and gradients (bottom row) layer by layer, one column per activation.

    spreads: ``{activation: {initialisation: (act_std (L + 1,), grad_std (L + 1,))}}``. Standard
    deviations are drawn on a log scale; exact zeros (all units equal) are drawn at ``floor`` with
    hollow markers.
    """
    fig, axes = plt.subplots(2, len(spreads), figsize=(5.4 * len(spreads), 7.4), squeeze=False, sharex=True)
    for column, (activation, by_init) in enumerate(spreads.items()):
        for row, what in enumerate(("activations A[l]", "gradients dA[l]")):
            ax = axes[row, column]
            for i, (name, stats) in enumerate(by_init.items()):
                values = np.asarray(stats[row], dtype=float)
                layers = np.arange(len(values))
                color = f"C{i}"
                shown = np.where(values > floor, values, np.nan)
                ax.semilogy(layers, shown, "o-", ms=3, color=color, label=name)
                zero = ~(values > floor)
                if zero.any():
                    ax.semilogy(layers[zero], np.full(zero.sum(), floor), "o", ms=4, mfc="none", color=color)
                    ax.annotate(f"{name}: exactly 0", (layers[zero][0], floor), textcoords="offset points",
                                xytext=(0, 6), fontsize=8, color=color)
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.set_title(f"{activation}: spread of the {what}", fontsize=10)
            ax.set_ylabel("standard deviation")
            ax.grid(True, which="major", alpha=0.3)
            if row == 1:
                ax.set_xlabel("layer l")
        axes[0, column].legend(fontsize=8)
    fig.tight_layout()
    return fig

