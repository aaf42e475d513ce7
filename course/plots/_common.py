"""Shared pieces of the figures: the two-class colours and the finishing touches of a line plot."""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.colors import ListedColormap


TWO_CLASSES = ListedColormap(["#c0392b", "#2c5aa0"])  # class 0 red, class 1 blue


def finish(fig: plt.Figure, ax, xlabel: str, ylabel: str, title: str) -> plt.Figure:
    """Labels, title, a light grid and the legend; tight layout."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return fig

