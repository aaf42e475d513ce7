"""Unit 3: the reference backward pass against finite differences, and the results notebook 2 promises."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course import plots
from course.data import load_faces
from course.nn import deep, deep_training, logistic
from course.nn.metrics import accuracy
from course.nn.preprocessing import flatten, standardize

from .conftest import record_metric


def _small_problem(seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (4, 7))
    Y = (rng.random((1, 7)) < 0.5).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)
    parameters = deep.initialize_parameters_deep([4, 5, 3, 1], rng)
    parameters = {k: v + rng.normal(0, 0.1, v.shape) for k, v in parameters.items()}  # nonzero biases
    return X, Y, parameters


def _cost(X, Y, parameters):
    return deep.compute_cost(deep.L_model_forward(X, parameters)[0], Y)


def _centred_difference(f, array: np.ndarray, index, eps: float = 1e-6) -> float:
    """(f() with array[index] + eps  -  f() with array[index] - eps) / (2 eps); array restored."""
    saved = array[index]
    array[index] = saved + eps
    plus = f()
    array[index] = saved - eps
    minus = f()
    array[index] = saved
    return (plus - minus) / (2 * eps)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_L_model_backward_matches_centred_finite_differences(seed):
    X, Y, parameters = _small_problem(seed)
    AL, caches = deep.L_model_forward(X, parameters)
    grads = deep.L_model_backward(AL, Y, caches)
    for key, value in parameters.items():
        for index in np.ndindex(value.shape):
            numeric = _centred_difference(lambda: _cost(X, Y, parameters), value, index)
            assert grads["d" + key][index] == pytest.approx(numeric, rel=1e-5, abs=1e-9), (key, index)
    # dA0 holds each example's own gradient: the cost's gradient with respect to X is dA0 / m.
    m = X.shape[1]
    for index in np.ndindex(X.shape):
        numeric = _centred_difference(lambda: _cost(X, Y, parameters), X, index)
        assert grads["dA0"][index] / m == pytest.approx(numeric, rel=1e-5, abs=1e-9), index


def test_gradient_keys_follow_the_layer_convention():
    X, Y, parameters = _small_problem()
    AL, caches = deep.L_model_forward(X, parameters)
    grads = deep.L_model_backward(AL, Y, caches)
    assert sorted(grads) == sorted(["dA0", "dA1", "dA2", "dW1", "db1", "dW2", "db2", "dW3", "db3"])
    for l in (1, 2, 3):
        assert grads[f"dA{l - 1}"].shape == caches[l - 1][0][0].shape


def test_two_layer_model_is_L_layer_model_with_two_layers():
    X, Y, _ = _small_problem()
    p2, c2 = deep_training.two_layer_model(X, Y, (4, 6, 1), 0.1, 250, rng=np.random.default_rng(5))
    pL, cL = deep_training.L_layer_model(X, Y, [4, 6, 1], 0.1, 250, rng=np.random.default_rng(5))
    assert len(c2) == len(cL) == 3
    np.testing.assert_allclose(c2, cL)
    for key in p2:
        np.testing.assert_allclose(p2[key], pL[key])


def test_deep_networks_beat_logistic_regression_on_faces():
    """Notebook 2's settings: both networks beat logistic regression's 94 % on the test set."""
    train_x, train_y, test_x, test_y, _ = load_faces()
    X_train, X_test = standardize(flatten(train_x), flatten(test_x))
    baseline = logistic.model(X_train, train_y, X_test, test_y, num_iterations=2000, learning_rate=0.005)
    lr_test = accuracy(baseline["Y_prediction_test"], test_y)
    runs = {
        "2 layers": deep_training.two_layer_model(X_train, train_y, (625, 7, 1), num_iterations=1000,
                                         rng=np.random.default_rng(1))[0],
        "4 layers": deep_training.L_layer_model(X_train, train_y, [625, 20, 7, 5, 1], learning_rate=0.02,
                                       num_iterations=1000, rng=np.random.default_rng(1))[0],
    }
    for name, parameters in runs.items():
        train_acc = accuracy(deep.predict(parameters, X_train), train_y)
        test_acc = accuracy(deep.predict(parameters, X_test), test_y)
        record_metric(f"u03 {name} train accuracy", train_acc)
        record_metric(f"u03 {name} test accuracy", test_acc)
        assert train_acc >= 0.99 and test_acc > lr_test, name


def test_layer_graph_draws_one_figure():
    for kwargs in ({}, {"n_prev": 20, "n": 7, "m": 150, "activation": "sigmoid"}):
        fig = plots.layer_graph(**kwargs)
        assert len(fig.axes) == 1 and len(fig.axes[0].texts) > 20
        plt.close(fig)
