"""Unit 6: the references against centred differences and each other, sanity values, and results on the digits."""
from __future__ import annotations

import math
import time

import numpy as np
import pytest

from course.data.digits import load_digits
from course.nn import knn, linear
from course.nn.gradcheck import numerical_gradient, relative_error

from .conftest import record_metric


def _problem(seed, N=15, D=6, C=4):
    rng = np.random.default_rng(seed)
    return rng.normal(0, 0.5, (D, C)), rng.normal(0, 1, (N, D)), rng.integers(0, C, N), 0.3


def _with_bias(X, mean):
    return np.hstack([X - mean, np.ones((X.shape[0], 1))])


@pytest.fixture(scope="module")
def digits():
    X_train, y_train, X_test, y_test = load_digits()
    mean = X_train.mean(axis=0)
    return X_train, y_train, X_test, y_test, _with_bias(X_train, mean), _with_bias(X_test, mean)


def test_the_loader_splits_1497_and_300_images_with_30_of_each_digit():
    X_train, y_train, X_test, y_test = load_digits()
    assert X_train.shape == (1497, 64) and X_test.shape == (300, 64)
    assert y_train.dtype == np.int64 and np.all(np.bincount(y_test) == 30)
    assert X_train.min() == 0.0 and X_train.max() == 1.0
    again = load_digits()
    assert np.array_equal(again[0], X_train) and np.array_equal(again[3], y_test)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("loss", ["svm_loss_naive", "svm_loss_vectorized", "softmax_loss_naive",
                                  "softmax_loss_vectorized"])
def test_loss_gradients_match_centred_differences(loss, seed):
    fn = getattr(linear, loss)
    W, X, y, reg = _problem(seed)
    _, dW = fn(W, X, y, reg)
    assert relative_error(dW, numerical_gradient(lambda V: fn(V, X, y, reg)[0], W)) < 1e-7


@pytest.mark.parametrize("name", ["svm", "softmax"])
def test_naive_and_vectorized_losses_agree(name):
    W, X, y, reg = _problem(5, N=40, D=9, C=7)
    naive = getattr(linear, f"{name}_loss_naive")(W, X, y, reg)
    vector = getattr(linear, f"{name}_loss_vectorized")(W, X, y, reg)
    assert math.isclose(naive[0], vector[0], rel_tol=1e-12)
    np.testing.assert_allclose(naive[1], vector[1], rtol=1e-10, atol=1e-12)


def test_the_regularization_term_is_reg_times_the_sum_of_squares():
    W, X, y, _ = _problem(3)
    for fn in (linear.svm_loss_vectorized, linear.softmax_loss_vectorized):
        (l0, d0), (l1, d1) = fn(W, X, y, 0.0), fn(W, X, y, 0.7)
        assert math.isclose(l1 - l0, 0.7 * np.sum(W ** 2), rel_tol=1e-12)
        np.testing.assert_allclose(d1 - d0, 1.4 * W, rtol=1e-12, atol=1e-14)


def test_sanity_values_at_small_random_weights(digits):
    _, y_train, _, _, X_train, _ = digits
    W = 0.0001 * np.random.default_rng(0).standard_normal((65, 10))
    assert abs(linear.softmax_loss_vectorized(W, X_train, y_train, 0.0)[0] - np.log(10)) < 1e-3
    assert abs(linear.svm_loss_vectorized(W, X_train, y_train, 0.0)[0] - 9.0) < 1e-2


def test_the_three_distance_versions_agree_and_are_timed(digits):
    X_train, _, X_test, *_ = digits
    X = X_test[:100]
    seconds = {}
    for name in ("two_loops", "one_loop", "no_loops"):
        fn = getattr(knn, f"compute_distances_{name}")
        start = time.perf_counter()
        seconds[name] = fn(X, X_train), time.perf_counter() - start
        record_metric(f"u06 distances of 100 x 1497 digits, {name.replace('_', ' ')} (s)", seconds[name][1])
    np.testing.assert_allclose(seconds["one_loop"][0], seconds["two_loops"][0], rtol=1e-12)
    np.testing.assert_allclose(seconds["no_loops"][0], seconds["two_loops"][0], rtol=1e-6, atol=1e-6)
    assert seconds["no_loops"][1] < seconds["two_loops"][1] / 10


def test_cross_validation_folds_are_in_order():
    rng = np.random.default_rng(0)
    X, y = rng.normal(0, 1, (23, 3)), rng.integers(0, 3, 23)
    acc = knn.cross_validate_k(X, y, [1, 3], 4)
    fold = np.arange(18, 23)  # np.array_split(23, 4) -> sizes 6, 6, 6, 5
    dists = knn.compute_distances_two_loops(X[fold], X[:18])
    assert acc[1, 3] == np.mean(knn.predict_labels(dists, y[:18], 3) == y[fold])


def test_results_on_the_digits(digits):
    X_train_raw, y_train, X_test_raw, y_test, X_train, X_test = digits
    k_choices = [1, 3, 5, 8, 10]
    accuracies = knn.cross_validate_k(X_train_raw, y_train, k_choices, 5)
    best_k = k_choices[int(np.argmax(accuracies.mean(axis=1)))]
    dists = knn.compute_distances_no_loops(X_test_raw, X_train_raw)
    knn_acc = np.mean(knn.predict_labels(dists, y_train, best_k) == y_test)
    record_metric(f"u06 kNN test accuracy (best k = {best_k})", knn_acc)
    settings = {"svm": (0.05, 1e-4), "softmax": (0.5, 1e-4)}  # what the notebook's validation chooses
    for name, (learning_rate, reg) in settings.items():
        history, y_pred = linear.train_and_predict(X_train, y_train, X_test, name, learning_rate, reg, 1500, 200, 1)
        acc = np.mean(y_pred == y_test)
        record_metric(f"u06 {name} test accuracy", acc)
        assert len(history) == 1500 and history[-1] < history[0] / 5
        assert acc >= 0.92
    assert knn_acc >= 0.96
