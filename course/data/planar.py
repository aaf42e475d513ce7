"""2-D datasets: u02's seeded "flower" and scikit-learn's moons, circles and blobs, u04's
"wave" to overfit, and u05's three-class "pinwheel".

The two-class loaders return ``(X, Y)`` in the course's dense-layer convention: ``X`` is
``(2, m)``, one example per column, and ``Y`` is ``(1, m)`` with labels 0 and 1; the pinwheel
returns ``X (2, m)`` and class indices ``labels (m,)`` (one-hot ``Y`` is ``np.eye(3)[:, labels]``).
All are generated from a seed (scikit-learn's ``make_*`` functions generate, they never download)
and cached as HDF5.
"""
from __future__ import annotations

import numpy as np

from .cache import cached

VERSION = "planar-v2"
DATASETS = ("flower", "moons", "circles", "blobs")


def make_flower(m: int = 400, petals: int = 4, noise: float = 0.2, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """A flower of ``2 * petals`` petals, alternating between the two classes.

    Points are drawn along the curve ``r = 4 sin(petals * t)`` in polar coordinates, with
    Gaussian noise on the angle and the radius; class 0 takes t in [0, pi), class 1 t in
    [pi, 2 pi), so neighbouring petals belong to different classes and no straight line
    separates them. Returns ``X (2, m)``, ``Y (1, m)``.
    """
    rng = np.random.default_rng(seed)
    half = m // 2
    X = np.zeros((2, 2 * half))
    Y = np.zeros((1, 2 * half), dtype=np.int64)
    for label in (0, 1):
        idx = slice(label * half, (label + 1) * half)
        t = np.linspace(label * np.pi, (label + 1) * np.pi, half) + rng.normal(0, noise, half)
        r = 4 * np.sin(petals * t) + rng.normal(0, noise, half)
        X[:, idx] = np.vstack([r * np.sin(t), r * np.cos(t)])
        Y[0, idx] = label
    return X, Y


def _sklearn(name: str, m: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn import datasets

    if name == "moons":
        X, y = datasets.make_moons(m, noise=noise, random_state=seed)
    elif name == "circles":
        X, y = datasets.make_circles(m, noise=noise, factor=0.5, random_state=seed)
    elif name == "blobs":
        centers = np.array([[-2.0, -2.0], [2.0, 2.0], [-2.0, 2.0], [2.0, -2.0]])
        X, y = datasets.make_blobs(m, centers=centers, cluster_std=0.5 + noise, random_state=seed)
        y = y // 2  # opposite corners share a class (an XOR): no straight line separates them
    else:
        raise ValueError(f"unknown dataset {name!r}; choose from {DATASETS}")
    return X.T.astype(np.float64), y[None, :].astype(np.int64)


DEFAULT_NOISE = {"flower": 0.2, "moons": 0.2, "circles": 0.1, "blobs": 0.5}


def load_planar(name: str = "flower", m: int = 400, noise: float | None = None,
                seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Dataset ``name`` (one of ``DATASETS``) with ``m`` points: ``X (2, m)``, ``Y (1, m)``."""
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose from {DATASETS}")
    noise = DEFAULT_NOISE[name] if noise is None else noise

    def build():
        X, Y = make_flower(m, noise=noise, seed=seed) if name == "flower" else _sklearn(name, m, noise, seed)
        return {"X": X, "Y": Y}

    data = cached(f"planar-{name}-m{m}-noise{noise:g}-seed{seed}", VERSION, build)
    return data["X"], data["Y"]


# ----------------------------------------------------------------------------- u04: a dataset to overfit

WAVE_VERSION = "wave-v1"


def make_wave(m: int = 400, flip: float = 0.1, jitter: float = 0.05, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Two classes on either side of a sine wave, with some labels flipped.

    Points are uniform in the square ``[-1, 1]^2``; a point is class 1 when ``x_2 + e`` lies above
    the curve ``x_2 = 0.5 sin(pi x_1)`` (``e ~ N(0, jitter^2)`` blurs the boundary), and then a
    fraction ``flip`` of the labels, chosen at random anywhere in the square, is flipped. The best
    possible accuracy is therefore a little below ``1 - flip`` (the blur mixes labels near the
    curve: about 87 % on u04's test set, see ``wave_rule``); a network that gets every training point
    right has learned the flipped ones too. Returns ``X (2, m)``, ``Y (1, m)``.
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (2, m))
    above = X[1] + rng.normal(0, jitter, m) > wave_curve(X[0])
    Y = above ^ (rng.random(m) < flip)
    return X, Y[None, :].astype(np.int64)


def load_wave(m_train: int = 150, m_test: int = 1000, seed: int = 1) -> tuple[np.ndarray, ...]:
    """u04's overfitting data: ``(X_train (2, m_train), Y_train, X_test (2, m_test), Y_test)``.

    One draw of :func:`make_wave` with ``m_train + m_test`` points, split into a small training
    set and a large test set (so test accuracy is measured precisely); cached as HDF5.
    """
    def build():
        X, Y = make_wave(m_train + m_test, seed=seed)
        return {"X_train": X[:, :m_train], "Y_train": Y[:, :m_train],
                "X_test": X[:, m_train:], "Y_test": Y[:, m_train:]}

    data = cached(f"wave-train{m_train}-test{m_test}-seed{seed}", WAVE_VERSION, build)
    return data["X_train"], data["Y_train"], data["X_test"], data["Y_test"]


def wave_curve(x1: np.ndarray) -> np.ndarray:
    """The true boundary of :func:`make_wave`: ``x_2 = 0.5 sin(pi x_1)``."""
    return 0.5 * np.sin(np.pi * x1)


def wave_rule(X: np.ndarray) -> np.ndarray:
    """The best classifier of :func:`make_wave`'s data: ``(1, m)`` labels, 1 above the curve."""
    return (X[1] > wave_curve(X[0])).astype(np.int64)[None, :]


# ----------------------------------------------------------------------------- u05: three classes

PINWHEEL_VERSION = "pinwheel-v1"


def make_pinwheel(m_per_class: int = 100, noise: float = 0.12, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Three arms of points winding around the origin, one class each.

    A point of class ``k`` (0, 1 or 2) has a radius ``r`` uniform in [0.15, 1] and the angle
    ``2 pi k / 3 + 2.5 r`` plus Gaussian noise of standard deviation ``noise``, so the arms
    interleave and no straight line separates one class from the others. Returns ``X (2, m)``
    and ``labels (m,)``, integers 0..2 ordered by class, with ``m = 3 * m_per_class``.
    """
    rng = np.random.default_rng(seed)
    radius = rng.uniform(0.15, 1.0, 3 * m_per_class)
    labels = np.repeat(np.arange(3, dtype=np.int64), m_per_class)
    angle = labels * 2 * np.pi / 3 + 2.5 * radius + rng.normal(0, noise, radius.size)
    return np.vstack([radius * np.cos(angle), radius * np.sin(angle)]), labels


def load_pinwheel(m_per_class: int = 100, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """u05's three-class data, :func:`make_pinwheel` cached as HDF5: ``X (2, 3 m_per_class)``,
    ``labels (3 m_per_class,)``."""
    def build():
        X, labels = make_pinwheel(m_per_class, seed=seed)
        return {"X": X, "labels": labels}

    data = cached(f"pinwheel-m{m_per_class}-seed{seed}", PINWHEEL_VERSION, build)
    return data["X"], data["labels"]
