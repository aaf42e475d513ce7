"""The results the notebooks promise, measured with the references at the notebooks' settings."""
from __future__ import annotations

import numpy as np

from course.data import load_faces, load_planar
from course.nn import logistic, shallow
from course.nn.metrics import accuracy
from course.nn.preprocessing import flatten, standardize

from .conftest import record_metric


def test_u01_logistic_regression_on_faces():
    train_x, train_y, test_x, test_y, _ = load_faces()
    X_train, X_test = standardize(flatten(train_x), flatten(test_x))
    d = logistic.model(X_train, train_y, X_test, test_y, num_iterations=2000, learning_rate=0.005)
    train_acc = accuracy(d["Y_prediction_train"], train_y)
    test_acc = accuracy(d["Y_prediction_test"], test_y)
    record_metric("u01 logistic regression train accuracy", train_acc)
    record_metric("u01 logistic regression test accuracy", test_acc)
    assert train_acc >= 0.95 and test_acc >= 0.9


def test_u02_hidden_layer_beats_logistic_regression_on_the_flower():
    X, Y = load_planar("flower")
    baseline = logistic.model(X, Y, X, Y, num_iterations=2000, learning_rate=0.5)
    parameters = shallow.nn_model(X, Y, 4, 10000, rng=np.random.default_rng(0))
    lr_acc = accuracy(baseline["Y_prediction_train"], Y)
    nn_acc = accuracy(shallow.predict(parameters, X), Y)
    record_metric("u02 flower accuracy, logistic regression", lr_acc)
    record_metric("u02 flower accuracy, 4 hidden units", nn_acc)
    assert nn_acc >= 0.9 and lr_acc <= 0.6
