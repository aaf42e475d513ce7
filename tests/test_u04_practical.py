"""Unit 4: the gradient checker every later unit relies on, the three-layer network, the wave data,
initialisations, normalisation, regularisation results and the regularisation explorer."""
from __future__ import annotations

import time

import numpy as np
import pytest

from course import widgets
from course.data.planar import load_wave, make_wave, wave_rule
from course.nn import gradcheck, gradient_checking, init, preprocessing, regularization
from course.nn.metrics import accuracy

from .conftest import record_metric

REDRAW_BUDGET_SECONDS = 2.0


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))


def _network(seed=0, dims=(4, 6, 3, 1), m=7):
    rng = np.random.default_rng(seed)
    parameters = init.initialize_parameters_he(list(dims), rng)
    parameters = {k: v + (rng.normal(0, 0.3, v.shape) if k[0] == "b" else 0) for k, v in parameters.items()}
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return parameters, X, Y


# --------------------------------------------------------------------------- course.nn.gradcheck


def test_numerical_gradient_of_known_functions_and_x_is_restored():
    rng = np.random.default_rng(0)
    x, c = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    before = x.copy()
    np.testing.assert_allclose(gradcheck.numerical_gradient(lambda v: np.sum(v ** 2), x), 2 * x, rtol=1e-7)
    np.testing.assert_allclose(gradcheck.numerical_gradient(lambda v: np.sum(np.sin(v) * c), x),
                               np.cos(x) * c, rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(x, before)
    with pytest.raises(TypeError):
        gradcheck.numerical_gradient(lambda v: float(np.sum(v)), np.zeros(3, dtype=np.float32))


def test_relative_error():
    a = np.array([1.0, 2.0, 2.0])
    assert gradcheck.relative_error(a, a) == 0.0
    assert gradcheck.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert gradcheck.relative_error(a, -a) == pytest.approx(1.0)
    assert gradcheck.relative_error(a, 2 * a) == pytest.approx(1 / 3)
    assert gradcheck.relative_error(3.0, 3.0 + 3e-9) == pytest.approx(5e-10)


def test_vector_helpers_round_trip_and_line_up():
    parameters, X, Y = _network()
    theta = gradcheck.dictionary_to_vector(parameters)
    assert theta.shape == (sum(v.size for v in parameters.values()),)
    back = gradcheck.vector_to_dictionary(theta, parameters)
    assert list(back) == list(parameters)
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])
    grads = regularization.backward_propagation(X, Y, regularization.forward_propagation(X, parameters)[1])
    vector = gradcheck.gradients_to_vector(grads, parameters)
    assert vector.shape == theta.shape
    assert vector[0] == grads["dW1"].flat[0] and vector[-1] == grads["db3"].flat[0]
    with pytest.raises(ValueError):
        gradcheck.vector_to_dictionary(theta[:-1], parameters)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_three_layer_backward_passes_agree_with_numerical_gradients(seed):
    parameters, X, Y = _network(seed)
    cost = lambda p: regularization.forward_propagation_n(X, Y, p)[0]
    cache = regularization.forward_propagation(X, parameters)[1]
    errors = gradcheck.check_gradients(cost, parameters, regularization.backward_propagation(X, Y, cache))
    assert max(errors.values()) < 1e-7, errors
    # with L2: the cost must include the penalty
    lambd = 0.7
    l2_cost = lambda p: regularization.compute_cost_with_regularization(
        regularization.forward_propagation(X, p)[0], Y, p, lambd)
    l2_grads = regularization.backward_propagation_with_regularization(X, Y, cache, lambd)
    errors = gradcheck.check_gradients(l2_cost, parameters, l2_grads)
    assert max(errors.values()) < 1e-7, errors
    assert min(gradcheck.check_gradients(cost, parameters, l2_grads)[k] for k in ("W1", "W2", "W3")) > 1e-3
    # with dropout: the masks held fixed make the cost a deterministic function
    keep_prob = 0.8
    _, drop_cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob, np.random.default_rng(seed))
    masks = drop_cache["D1"], drop_cache["D2"]
    drop_cost = lambda p: regularization.compute_cost(regularization.forward_with_masks(X, p, keep_prob, *masks)[0], Y)
    drop_grads = regularization.backward_propagation_with_dropout(X, Y, drop_cache, keep_prob)
    errors = gradcheck.check_gradients(drop_cost, parameters, drop_grads)
    assert max(errors.values()) < 1e-7, errors


def test_gradient_check_n_tells_right_from_wrong_and_leaves_parameters_alone():
    parameters, X, Y = _network(3)
    before = {k: v.copy() for k, v in parameters.items()}
    grads = regularization.backward_propagation(X, Y, regularization.forward_propagation(X, parameters)[1])
    assert gradient_checking.gradient_check_n(parameters, grads, X, Y, 1e-7) < 1e-7
    wrong = dict(grads, db2=grads["db2"] * 2)
    assert gradient_checking.gradient_check_n(parameters, wrong, X, Y, 1e-7) > 1e-3
    for key in parameters:
        np.testing.assert_array_equal(parameters[key], before[key])
    assert gradient_checking.gradient_check(2.0, 4.0, 1e-7) < 1e-7


# --------------------------------------------------------------------------- references and data


def test_dropout_forward_statistics_and_replay():
    parameters, X, _ = _network(0, dims=(3, 200, 150, 1), m=100)
    A3, cache = regularization.forward_propagation_with_dropout(X, parameters, 0.7, np.random.default_rng(0))
    assert cache["D1"].shape == (200, 100) and cache["D2"].shape == (150, 100)
    assert abs(cache["D1"].mean() - 0.7) < 0.01 and abs(cache["D2"].mean() - 0.7) < 0.01
    A3_again, _ = regularization.forward_with_masks(X, parameters, 0.7, cache["D1"], cache["D2"])
    np.testing.assert_array_equal(A3, A3_again)
    # inverted dropout keeps the expected activation: the mean of A1 barely moves
    plain = regularization.forward_propagation(X, parameters)[1]["A1"]
    assert abs(cache["A1"].mean() / plain.mean() - 1) < 0.03


def test_initialisations_and_signal_spread():
    rng = np.random.default_rng(0)
    he = init.initialize_parameters_he([500, 300, 1], rng)
    assert he["W1"].shape == (300, 500) and abs(he["W1"].std() / np.sqrt(2 / 500) - 1) < 0.02
    assert not np.any(init.initialize_parameters_zeros([3, 2, 1], rng)["W1"])
    assert abs(init.initialize_parameters_random([400, 300, 1], rng)["W1"].std() / 10 - 1) < 0.02
    X = np.random.default_rng(1).standard_normal((100, 200))
    act, grad = init.signal_spread(X, 10, 100, init.WEIGHT_SCALES["He: sqrt(2/n)"], "relu", np.random.default_rng(2))
    assert act.shape == grad.shape == (11,) and 0.1 < act[-1] < 10 and 0.1 < grad[0] < 10
    act, grad = init.signal_spread(X, 10, 100, init.WEIGHT_SCALES["N(0,1) x 0.01"], "relu", np.random.default_rng(2))
    assert act[-1] < 1e-8 and grad[0] < 1e-8
    act, _ = init.signal_spread(X, 10, 100, init.WEIGHT_SCALES["zeros"], "tanh", np.random.default_rng(2))
    assert np.all(act[1:] == 0)


def test_normalize_inputs_uses_training_statistics_per_feature():
    rng = np.random.default_rng(0)
    X_train = np.array([[3.0], [-2.0]]) + np.array([[10.0], [0.1]]) * rng.standard_normal((2, 50))
    X_test = X_train[:, :5] + 1.0
    train, test = preprocessing.normalize_inputs(X_train, X_test)
    np.testing.assert_allclose(train.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(train.std(axis=1), 1, rtol=1e-12)
    np.testing.assert_allclose(test, train[:, :5] + 1.0 / X_train.std(axis=1, keepdims=True), rtol=1e-12)


def test_wave_data_is_seeded_cached_and_noisy(tmp_cache):
    X, Y, X_test, Y_test = load_wave()
    assert X.shape == (2, 150) and Y.shape == (1, 150) and X_test.shape == (2, 1000) and Y_test.shape == (1, 1000)
    assert set(np.unique(Y)) == {0, 1}
    again = load_wave()
    np.testing.assert_array_equal(again[0], X)
    X_big, Y_big = make_wave(20000, seed=5)
    assert 0.86 < accuracy(wave_rule(X_big), Y_big) < 0.9  # a tenth flipped, a little jitter


def test_regularisation_reduces_overfitting_on_the_wave(tmp_cache):
    """The results the unit reports: the notebook's settings, with the course's references."""
    X, Y, X_test, Y_test = load_wave()
    results = {}
    for name, lambd, keep_prob in (("none", 0.0, 1.0), ("L2 0.7", 0.7, 1.0), ("dropout 0.7", 0.0, 0.7)):
        parameters = regularization.model(X, Y, [2, 40, 20, 1], 0.6, 10000, lambd, keep_prob,
                                          rng=np.random.default_rng(0))
        results[name] = (accuracy(regularization.predict(parameters, X), Y),
                         accuracy(regularization.predict(parameters, X_test), Y_test))
        record_metric(f"u04 wave, {name}: train accuracy", results[name][0])
        record_metric(f"u04 wave, {name}: test accuracy", results[name][1])
    train, test = results["none"]
    assert train > 0.97 and train - test > 0.15
    for name in ("L2 0.7", "dropout 0.7"):
        assert results[name][1] > test + 0.025, results
        assert results[name][0] - results[name][1] < (train - test) / 1.5, results


# --------------------------------------------------------------------------- the explorer


def test_regularization_explorer_retrains_and_redraws_within_budget(tmp_cache):
    explorer = widgets.regularization_explorer(num_iterations=2000)
    first = dict(explorer.state)
    png = explorer.png
    assert first["train_accuracy"] > first["test_accuracy"]
    timings = []
    for name, value in [("lambd", 0.7), ("keep_prob", 0.8), ("num_iterations", 1000), ("lambd", 0.0)]:
        start = time.perf_counter()
        explorer.controls[name].value = value
        new_png = explorer.png
        timings.append(time.perf_counter() - start)
        assert new_png != png, f"changing {name} did not change the figure"
        assert explorer.state[name] == value
        png = new_png
    assert explorer.redraws == 5 and len(explorer.trained) == 5
    assert not np.array_equal(explorer.state["parameters"]["W1"], first["parameters"]["W1"])
    # a setting trained before is taken from memory: the same model
    explorer.controls["keep_prob"].value = 1.0
    explorer.controls["num_iterations"].value = 2000
    assert explorer.state["test_accuracy"] == first["test_accuracy"]
    record_metric("u04 regularization explorer redraw seconds (max of 4 changes)", max(timings))
    assert max(timings) < REDRAW_BUDGET_SECONDS, timings


def test_regularization_explorer_l2_lowers_the_gap(tmp_cache):
    explorer = widgets.regularization_explorer(num_iterations=4000)
    gap = explorer.state["train_accuracy"] - explorer.state["test_accuracy"]
    explorer.controls["lambd"].value = 0.7
    assert explorer.state["train_accuracy"] - explorer.state["test_accuracy"] < gap


def test_regularization_explorer_is_static_under_nbgrader(tmp_cache, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    explorer = widgets.regularization_explorer(num_iterations=1000)
    explorer.controls["lambd"].value = 1.0
    assert explorer.redraws == 1 and explorer.figure is not None
