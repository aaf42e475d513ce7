"""Linear classifiers with rows as examples: multiclass SVM and softmax losses, and SGD training.

Conventions (unit u06): ``X`` is ``(N, D)``, one example per row, with a last column of ones for
the bias (so the bias is the last row of ``W``); ``y`` is ``(N,)`` integer labels in
``0..C-1``; ``W`` is ``(D, C)``; the scores are ``X @ W``, ``(N, C)``. Both losses average the
data term over the N examples and add ``reg * sum(W ** 2)`` (all of W, bias row included), whose
gradient is ``2 * reg * W``. Each loss returns ``(loss, dW)`` with ``dW`` shaped like ``W``.
"""
from __future__ import annotations

import numpy as np

from .activations import softmax


def svm_loss_naive(W, X, y, reg):
    """Multiclass SVM (hinge) loss with margin 1, with loops over examples and classes.

    L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_iy_i + 1) + reg * sum(W**2), s = X @ W.
    W: (D, C); X: (N, D); y: (N,); reg: float. Returns (loss float, dW (D, C)).
    """
    N, C = X.shape[0], W.shape[1]
    loss, dW = 0.0, np.zeros_like(W)
    for i in range(N):
        scores = X[i] @ W
        for j in range(C):
            if j == y[i]:
                continue
            margin = scores[j] - scores[y[i]] + 1
            if margin > 0:
                loss += margin
                dW[:, j] += X[i]
                dW[:, y[i]] -= X[i]
    loss = loss / N + reg * np.sum(W * W)
    dW = dW / N + 2 * reg * W
    return float(loss), dW


def svm_loss_vectorized(W, X, y, reg):
    """The multiclass SVM loss and gradient of :func:`svm_loss_naive`, without loops.

    W: (D, C); X: (N, D); y: (N,); reg: float. Returns (loss float, dW (D, C)).
    """
    N = X.shape[0]
    rows = np.arange(N)
    scores = X @ W
    margins = np.maximum(0, scores - scores[rows, y][:, None] + 1)
    margins[rows, y] = 0
    loss = np.sum(margins) / N + reg * np.sum(W * W)
    coeff = (margins > 0).astype(np.float64)
    coeff[rows, y] = -np.sum(coeff, axis=1)
    dW = X.T @ coeff / N + 2 * reg * W
    return float(loss), dW


def softmax_loss_naive(W, X, y, reg):
    """Softmax cross-entropy loss, with a loop over examples (scores shifted by their max).

    L = -(1/N) sum_i log(exp(s_iy_i) / sum_j exp(s_ij)) + reg * sum(W**2), s = X @ W.
    W: (D, C); X: (N, D); y: (N,); reg: float. Returns (loss float, dW (D, C)).
    """
    N = X.shape[0]
    loss, dW = 0.0, np.zeros_like(W)
    for i in range(N):
        probs = softmax(X[i] @ W)
        loss -= np.log(probs[y[i]])
        probs[y[i]] -= 1
        dW += np.outer(X[i], probs)
    loss = loss / N + reg * np.sum(W * W)
    dW = dW / N + 2 * reg * W
    return float(loss), dW


def softmax_loss_vectorized(W, X, y, reg):
    """The softmax loss and gradient of :func:`softmax_loss_naive`, without loops.

    W: (D, C); X: (N, D); y: (N,); reg: float. Returns (loss float, dW (D, C)).
    """
    N = X.shape[0]
    rows = np.arange(N)
    scores = X @ W
    scores = scores - np.max(scores, axis=1, keepdims=True)
    log_probs = scores - np.log(np.sum(np.exp(scores), axis=1, keepdims=True))
    loss = -np.sum(log_probs[rows, y]) / N + reg * np.sum(W * W)
    dscores = np.exp(log_probs)
    dscores[rows, y] -= 1
    dW = X.T @ dscores / N + 2 * reg * W
    return float(loss), dW


class LinearClassifier:
    """A linear classifier ``argmax(X @ W)`` trained by mini-batch SGD on a given loss.

    ``loss_function(W, X, y, reg) -> (loss, dW)``: :func:`svm_loss_vectorized` for a linear SVM,
    :func:`softmax_loss_vectorized` for a softmax classifier.
    """

    def __init__(self, loss_function):
        self.loss_function = loss_function
        self.W = None

    def train(self, X, y, learning_rate=1e-3, reg=1e-5, num_iters=100, batch_size=200, rng=None):
        """Mini-batch SGD from W = 0.001 * standard normal (D, C) if W is None (C = max(y) + 1).

        Each iteration draws ``batch_size`` row indices with replacement
        (``rng.choice(N, batch_size)``), computes the loss and gradient on that batch and steps
        ``W -= learning_rate * dW``. X: (N, D); y: (N,). Returns the list of the num_iters losses.
        """
        rng = np.random.default_rng() if rng is None else rng
        N, D = X.shape
        if self.W is None:
            self.W = 0.001 * rng.standard_normal((D, int(np.max(y)) + 1))
        loss_history = []
        for _ in range(num_iters):
            batch = rng.choice(N, batch_size)
            loss, dW = self.loss_function(self.W, X[batch], y[batch], reg)
            loss_history.append(loss)
            self.W = self.W - learning_rate * dW
        return loss_history

    def predict(self, X):
        """Labels (N,) of the rows of X (N, D): the index of each row's highest score."""
        return np.argmax(X @ self.W, axis=1)


LOSSES = {"svm": svm_loss_vectorized, "softmax": softmax_loss_vectorized}


def train_and_predict(X, y, X_test, loss, learning_rate, reg, num_iters, batch_size, seed):
    """Train ``LinearClassifier(LOSSES[loss])`` with ``rng = np.random.default_rng(seed)``.

    Returns (loss_history (num_iters,) array, y_pred (N_test,) labels of X_test). This is how the
    checks call a :class:`LinearClassifier` (a student's class goes through the same steps).
    """
    return fit_with(LinearClassifier, X, y, X_test, loss, learning_rate, reg, num_iters, batch_size, seed)


def fit_with(cls, X, y, X_test, loss, learning_rate, reg, num_iters, batch_size, seed):
    """:func:`train_and_predict` with any class that has the interface of :class:`LinearClassifier`."""
    model = cls(LOSSES[loss])
    history = model.train(X, y, learning_rate, reg, num_iters, batch_size, np.random.default_rng(seed))
    return np.asarray(history, dtype=np.float64), model.predict(X_test)
