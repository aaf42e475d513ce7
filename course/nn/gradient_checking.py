"""The gradient checks of unit 4's gradient-checking notebook: 1-D, then a whole network.

These are that notebook's exercise references, kept apart from :mod:`course.nn.gradcheck`, whose
helpers the notebook hands out (and which ``course grade`` therefore puts in its sandbox).
"""
from __future__ import annotations

import numpy as np

from .gradcheck import dictionary_to_vector, gradients_to_vector, relative_error, vector_to_dictionary
from .regularization import forward_propagation_n


def gradient_check(x: float, theta: float, epsilon: float = 1e-7) -> float:
    """The 1-D check of ``J(theta) = x theta^3``: the relative difference between the analytic
    gradient ``3 x theta^2`` and the centred difference ``(J(theta + eps) - J(theta - eps)) / (2 eps)``,
    which is ``3 x theta^2 + x eps^2``: the result is ``eps^2 / (6 theta^2 + eps^2)`` up to rounding."""
    J_plus, J_minus = x * (theta + epsilon) ** 3, x * (theta - epsilon) ** 3
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = 3 * x * theta ** 2
    return relative_error(grad, gradapprox)


def gradient_check_n(parameters: dict, gradients: dict, X: np.ndarray, Y: np.ndarray,
                     epsilon: float = 1e-7) -> float:
    """Check the three-layer network's ``gradients`` at ``parameters`` on ``(X, Y)``.

    The cost is ``forward_propagation_n(X, Y, params)[0]`` (course.nn.regularization). Each entry
    ``i`` of ``theta = dictionary_to_vector(parameters)`` is nudged by ``+-epsilon`` to give
    ``gradapprox[i] = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)``; returns
    ``||grad - gradapprox|| / (||grad|| + ||gradapprox||)`` with
    ``grad = gradients_to_vector(gradients, parameters)``.
    """
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients, parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.size):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))
        theta_minus = np.copy(theta)
        theta_minus[i] -= epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return relative_error(grad, gradapprox)
