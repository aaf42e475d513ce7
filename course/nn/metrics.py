"""Classification metrics. ``accuracy`` takes any labels (0/1 or class indices); the others
take binary labels given as arrays of 0/1. Predictions and labels have matching shapes."""
from __future__ import annotations

import numpy as np


def accuracy(predictions: np.ndarray, labels: np.ndarray) -> float:
    """Fraction of predictions equal to the labels."""
    return float(np.mean(np.asarray(predictions) == np.asarray(labels)))


def confusion_matrix(predictions: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """``[[TN, FP], [FN, TP]]`` (rows: true class 0, 1; columns: predicted class 0, 1)."""
    p = np.asarray(predictions).ravel().astype(bool)
    y = np.asarray(labels).ravel().astype(bool)
    return np.array([[np.sum(~y & ~p), np.sum(~y & p)], [np.sum(y & ~p), np.sum(y & p)]])


def precision_recall_f1(predictions: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """Precision TP/(TP+FP), recall TP/(TP+FN) and their harmonic mean F1 (0 when undefined)."""
    (_, fp), (fn, tp) = confusion_matrix(predictions, labels)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
