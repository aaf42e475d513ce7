"""u06's handwritten digits: scikit-learn's bundled ``load_digits`` (no download).

``sklearn.datasets.load_digits()`` reads files shipped inside scikit-learn: 1797 grayscale images
of 8 x 8 pixels, integer intensities 0..16, labels 0..9 (about 180 per digit). :func:`load_digits`
divides the pixels by 16 (values in [0, 1]), flattens each image into a row of 64 values and splits
the images with a fixed seed into 1497 training and 300 test images (30 per digit in the test set).
"""
from __future__ import annotations

import numpy as np

from .cache import cached

VERSION = "digits-v1"
CLASSES = np.arange(10)


def _build(seed: int, n_test_per_class: int) -> dict[str, np.ndarray]:
    from sklearn.datasets import load_digits as sklearn_digits

    bunch = sklearn_digits()
    X = bunch.data.astype(np.float64) / 16.0
    y = bunch.target.astype(np.int64)
    rng = np.random.default_rng(seed)
    test = np.concatenate([rng.permutation(np.flatnonzero(y == c))[:n_test_per_class] for c in CLASSES])
    train = np.setdiff1d(np.arange(len(y)), test)
    train, test = rng.permutation(train), rng.permutation(test)
    return {"X_train": X[train], "y_train": y[train], "X_test": X[test], "y_test": y[test]}


def load_digits(seed: int = 0, n_test_per_class: int = 30):
    """Handwritten digits, one flattened image per row, split with a fixed seed.

    Returns ``(X_train, y_train, X_test, y_test)``:

    - ``X_train``: ``(N_train, 64)`` float64 pixel values in [0, 1] (the raw 0..16 divided by 16);
      row ``i`` is image ``i`` read row by row, so ``X_train[i].reshape(8, 8)`` shows it;
    - ``y_train``: ``(N_train,)`` int64 labels 0..9;
    - ``X_test``, ``y_test``: the same for the test set.

    With the defaults, N_train = 1497 and N_test = 300 (30 images of each digit).
    """
    data = cached(f"digits-seed{seed}-test{n_test_per_class}", VERSION,
                  lambda: _build(seed, n_test_per_class))
    return data["X_train"], data["y_train"], data["X_test"], data["y_test"]
