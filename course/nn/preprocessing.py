"""Preparing image datasets for a dense network: sizes, flattening, standardising."""
from __future__ import annotations

import numpy as np


def dataset_facts(train_x_orig: np.ndarray, test_x_orig: np.ndarray) -> tuple[int, int, int]:
    """``(m_train, m_test, num_px)`` for image stacks of shape ``(m, num_px, num_px)``."""
    return int(train_x_orig.shape[0]), int(test_x_orig.shape[0]), int(train_x_orig.shape[1])


def flatten(images: np.ndarray) -> np.ndarray:
    """Stack ``(m, h, w[, c])`` images as the columns of an ``(h * w * c, m)`` matrix.

    Column ``i`` is image ``i`` flattened in row-major order.
    """
    return images.reshape(images.shape[0], -1).T


def standardize(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centre and scale ``(n_x, m)`` data with statistics of the training set only.

    Subtracts the mean training example ``mu`` (``(n_x, 1)``, the mean of each feature) from both
    sets and divides both by ``sigma``, the standard deviation of all centred training values (one
    number, so the relative contrast between pixels is kept). Returns ``(X_train_s, X_test_s)``.
    """
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma = np.std(X_train - mu)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def normalize_inputs(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Give every feature (row) of ``(n_x, m)`` data mean 0 and standard deviation 1 on the training set.

    ``mu`` and ``sigma`` (both ``(n_x, 1)``) are the mean and the standard deviation of each
    feature over the training examples; both sets are mapped by ``(X - mu) / sigma`` with these
    training statistics (the test set is never used to compute them). Unlike :func:`standardize`,
    each feature gets its own scale. Returns ``(X_train_norm, X_test_norm)``.
    """
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma = np.std(X_train, axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma
