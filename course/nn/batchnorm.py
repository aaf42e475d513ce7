"""Batch normalisation of a dense layer's pre-activations (u05).

Shapes: ``x`` ``(n, m)``, one example per column; each of the ``n`` features is normalised over
the ``m`` examples of the mini-batch (``axis=1``). ``gamma`` and ``beta`` are ``(n, 1)``.

``bn_param`` is a dict ``{"mode": "train" or "test", "eps", "momentum", "running_mean",
"running_var"}`` with the running averages ``(n, 1)``. In training mode the batch statistics are
used and the running averages are updated in place in ``bn_param``:
``running = momentum * running + (1 - momentum) * batch statistic``; in test mode the running
averages are used and ``bn_param`` is left unchanged. The variance is the biased one (divide by m),
both to normalise and in the running average.

The cache is the dict ``{"x", "x_hat", "mu", "var", "eps", "gamma"}`` (in test mode ``mu`` and
``var`` are the running averages). :func:`batchnorm_backward` differentiates training mode, the
only mode in which a network is trained.
"""
from __future__ import annotations

import numpy as np


def batchnorm_forward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, bn_param: dict) -> tuple[np.ndarray, dict]:
    """``out = gamma * (x - mu) / sqrt(var + eps) + beta``, ``(n, m)``; returns ``(out, cache)``."""
    eps, momentum = bn_param["eps"], bn_param["momentum"]
    if bn_param["mode"] == "train":
        mu = np.mean(x, axis=1, keepdims=True)
        var = np.var(x, axis=1, keepdims=True)
        bn_param["running_mean"] = momentum * bn_param["running_mean"] + (1 - momentum) * mu
        bn_param["running_var"] = momentum * bn_param["running_var"] + (1 - momentum) * var
    elif bn_param["mode"] == "test":
        mu, var = bn_param["running_mean"], bn_param["running_var"]
    else:
        raise ValueError(f"bn_param['mode'] must be 'train' or 'test', got {bn_param['mode']!r}")
    x_hat = (x - mu) / np.sqrt(var + eps)
    out = gamma * x_hat + beta
    return out, {"x": x, "x_hat": x_hat, "mu": mu, "var": var, "eps": eps, "gamma": gamma}


def batchnorm_backward(dout: np.ndarray, cache: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients ``(dx (n, m), dgamma (n, 1), dbeta (n, 1))`` of a training-mode batch norm.

    With ``dx_hat = dout * gamma`` and ``sigma = sqrt(var + eps)``:
    ``dx = (dx_hat - mean(dx_hat) - x_hat * mean(dx_hat * x_hat)) / sigma`` (means over the examples),
    ``dgamma = sum(dout * x_hat)``, ``dbeta = sum(dout)`` (sums over the examples).
    """
    x_hat, gamma = cache["x_hat"], cache["gamma"]
    sigma = np.sqrt(cache["var"] + cache["eps"])
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * x_hat, axis=1, keepdims=True)
    dx_hat = dout * gamma
    dx = (dx_hat - np.mean(dx_hat, axis=1, keepdims=True)
          - x_hat * np.mean(dx_hat * x_hat, axis=1, keepdims=True)) / sigma
    return dx, dgamma, dbeta
