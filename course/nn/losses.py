"""Loss functions."""
from __future__ import annotations

import numpy as np


def L1(yhat: np.ndarray, y: np.ndarray) -> float:
    """L1 loss ``sum_i |y_i - yhat_i|`` of two arrays of the same shape; a float."""
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat: np.ndarray, y: np.ndarray) -> float:
    """L2 loss ``sum_i (y_i - yhat_i)^2`` (squared, no 1/2) of two arrays of the same shape; a float."""
    return float(np.sum((y - yhat) ** 2))
