"""k-nearest neighbours with rows as examples: distances three ways, the vote, k-fold cross-validation.

Conventions (unit u06): ``X`` is ``(num_test, D)``, ``X_train`` is ``(num_train, D)``, one example
per row; ``y_train`` is ``(num_train,)`` integer labels. ``dists[i, j]`` is the Euclidean (L2)
distance between test row ``i`` and training row ``j``.
"""
from __future__ import annotations

import numpy as np


def compute_distances_two_loops(X, X_train):
    """Euclidean distances with a loop over test rows and a loop over training rows.

    X: (num_test, D); X_train: (num_train, D). Returns dists (num_test, num_train).
    """
    dists = np.zeros((X.shape[0], X_train.shape[0]))
    for i in range(X.shape[0]):
        for j in range(X_train.shape[0]):
            dists[i, j] = np.sqrt(np.sum((X[i] - X_train[j]) ** 2))
    return dists


def compute_distances_one_loop(X, X_train):
    """Euclidean distances with one loop over test rows (broadcasting over training rows).

    X: (num_test, D); X_train: (num_train, D). Returns dists (num_test, num_train).
    """
    dists = np.zeros((X.shape[0], X_train.shape[0]))
    for i in range(X.shape[0]):
        dists[i] = np.sqrt(np.sum((X_train - X[i]) ** 2, axis=1))
    return dists


def compute_distances_no_loops(X, X_train):
    """Euclidean distances without loops: ||x - t||^2 = ||x||^2 - 2 x.t + ||t||^2.

    X: (num_test, D); X_train: (num_train, D). Returns dists (num_test, num_train).
    Rounding can make the expansion slightly negative for (nearly) equal rows; it is clipped at 0
    before the square root.
    """
    squared = (np.sum(X ** 2, axis=1)[:, None] - 2 * X @ X_train.T + np.sum(X_train ** 2, axis=1)[None, :])
    return np.sqrt(np.maximum(squared, 0))


def predict_labels(dists, y_train, k=1):
    """Majority vote of the k nearest training labels for each test row.

    dists: (num_test, num_train); y_train: (num_train,) integer labels >= 0; k: int.
    Returns y_pred (num_test,) int64. A tie between labels goes to the smallest label.
    """
    y_pred = np.zeros(dists.shape[0], dtype=np.int64)
    for i in range(dists.shape[0]):
        closest_y = y_train[np.argsort(dists[i])[:k]]
        y_pred[i] = np.argmax(np.bincount(closest_y))
    return y_pred


def cross_validate_k(X, y, k_choices, num_folds):
    """Validation accuracy of kNN for each k on each of ``num_folds`` folds.

    X: (N, D); y: (N,); k_choices: sequence of ints. The folds are ``np.array_split`` of the rows
    in order (no shuffling); fold ``f`` is the validation set while the other folds, concatenated
    in order, are the training set. Returns accuracies (len(k_choices), num_folds), the fraction
    of correctly labelled validation rows.
    """
    X_folds, y_folds = np.array_split(X, num_folds), np.array_split(y, num_folds)
    accuracies = np.zeros((len(k_choices), num_folds))
    for f in range(num_folds):
        X_tr = np.concatenate(X_folds[:f] + X_folds[f + 1:])
        y_tr = np.concatenate(y_folds[:f] + y_folds[f + 1:])
        dists = compute_distances_no_loops(X_folds[f], X_tr)
        for i, k in enumerate(k_choices):
            accuracies[i, f] = np.mean(predict_labels(dists, y_tr, k) == y_folds[f])
    return accuracies
