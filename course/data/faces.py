"""u01's photographs: faces and non-faces from scikit-image's bundled ``lfw_subset``.

``skimage.data.lfw_subset()`` ships inside scikit-image (no download): 200 grayscale images of
25 x 25 pixels with values in [0, 1]; the first 100 are faces (from Labeled Faces in the Wild),
the last 100 are patches of other natural images. :func:`load_faces` splits them with a fixed
seed into 150 training and 50 test images, half faces in each.
"""
from __future__ import annotations

import numpy as np

from .cache import cached

VERSION = "faces-v1"
CLASSES = np.array(["non-face", "face"])


def _build(seed: int, n_test_per_class: int) -> dict[str, np.ndarray]:
    from skimage.data import lfw_subset

    images = lfw_subset()
    labels = np.r_[np.ones(100), np.zeros(100)].astype(np.int64)
    rng = np.random.default_rng(seed)
    test = np.concatenate([rng.permutation(100)[:n_test_per_class],
                           100 + rng.permutation(100)[:n_test_per_class]])
    train = np.setdiff1d(np.arange(200), test)
    train, test = rng.permutation(train), rng.permutation(test)
    return {"train_x": images[train], "train_y": labels[train][None, :],
            "test_x": images[test], "test_y": labels[test][None, :]}


def load_faces(seed: int = 0, n_test_per_class: int = 25):
    """Face / non-face photographs, split with a fixed seed.

    Returns ``(train_x_orig, train_y, test_x_orig, test_y, classes)``:

    - ``train_x_orig``: ``(m_train, 25, 25)`` float64 images in [0, 1] (one image per row of the
      first axis; unit 1 flattens them into columns, one example per column);
    - ``train_y``: ``(1, m_train)`` int64 labels, 1 = face, 0 = non-face;
    - ``test_x_orig``, ``test_y``: the same for the test set;
    - ``classes``: ``["non-face", "face"]``, indexed by label.

    With the defaults, m_train = 150 and m_test = 50, each half faces.
    """
    data = cached(f"faces-seed{seed}-test{n_test_per_class}", VERSION,
                  lambda: _build(seed, n_test_per_class))
    return data["train_x"], data["train_y"], data["test_x"], data["test_y"], CLASSES.copy()
