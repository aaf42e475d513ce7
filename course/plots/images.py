"""Grids of images and of weights drawn as images (u01, u03, u06, u07)."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np


def image_grid(images: np.ndarray, titles: Sequence[str] | None = None, ncols: int = 8,
               size: float = 1.3, suptitle: str = "", signed: bool = False) -> plt.Figure:
    """Show ``(k, h, w)`` grayscale or ``(k, h, w, 3)`` colour images in a grid, with titles.

    Images hold values in [0, 1]; with ``signed=True`` each image is drawn red (positive) and blue
    (negative) on its own symmetric scale instead (for weights: the patterns matter, not sizes).
    """
    k = len(images)
    ncols = max(1, min(ncols, k))
    nrows = int(np.ceil(k / ncols))
    height = nrows * (size + 0.35 * (titles is not None)) + 0.4 * bool(suptitle)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, height), squeeze=False, layout="constrained")
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < k:
            if signed:
                limit = float(np.max(np.abs(images[i]))) or 1.0
                ax.imshow(images[i], cmap="RdBu_r", vmin=-limit, vmax=limit)
            else:
                ax.imshow(images[i], cmap="gray" if images[i].ndim == 2 else None, vmin=0, vmax=1)
            if titles is not None:
                ax.set_title(titles[i], fontsize=8)
    if suptitle:
        fig.suptitle(suptitle)
    return fig


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


def weight_images(W: np.ndarray, shape: tuple[int, int], titles: Sequence[str] | None = None,
                  ncols: int = 8, size: float = 1.5, suptitle: str = "") -> plt.Figure:
    """Show each row of ``W`` ``(k, h * w)`` as an ``(h, w)`` image: red positive, blue negative.

    Each image has its own symmetric colour scale (the patterns matter, not their sizes).
    """
    return image_grid(W.reshape(-1, *shape), titles, ncols, size, suptitle, signed=True)

