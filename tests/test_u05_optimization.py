"""Unit 5: the references against centred differences and known values, and the optimizer-paths explorer."""
from __future__ import annotations

import copy
import math
import time

import numpy as np
import pytest

from course import widgets
from course.checks import REGISTRY, run_check
from course.nn import batchnorm, optim, softmax
from course.nn.gradcheck import numerical_gradient, relative_error

from .conftest import record_metric

REDRAW_BUDGET_SECONDS = 2.0


def _bn_param(n, mode="train", momentum=0.9):
    return {"mode": mode, "eps": 1e-5, "momentum": momentum,
            "running_mean": np.zeros((n, 1)), "running_var": np.ones((n, 1))}


# ----------------------------------------------------------------------------- batch norm


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_batchnorm_backward_matches_centred_differences(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 6)), int(rng.integers(3, 12))
    x = rng.normal(rng.normal(0, 3, (n, 1)), rng.uniform(0.5, 4, (n, 1)), (n, m))
    gamma, beta = rng.uniform(0.5, 2, (n, 1)), rng.normal(0, 1, (n, 1))
    dout = rng.normal(0, 1, (n, m))

    def weighted(x, gamma, beta):
        return np.sum(batchnorm.batchnorm_forward(x, gamma, beta, _bn_param(n))[0] * dout)

    dx, dgamma, dbeta = batchnorm.batchnorm_backward(dout, batchnorm.batchnorm_forward(x, gamma, beta, _bn_param(n))[1])
    assert relative_error(dx, numerical_gradient(lambda v: weighted(v, gamma, beta), x)) < 1e-7
    assert relative_error(dgamma, numerical_gradient(lambda v: weighted(x, v, beta), gamma)) < 1e-7
    assert relative_error(dbeta, numerical_gradient(lambda v: weighted(x, gamma, v), beta)) < 1e-7


def test_batchnorm_forward_normalises_each_feature_and_updates_running_averages():
    rng = np.random.default_rng(0)
    x = rng.normal([[5.0], [-2.0]], [[3.0], [0.1]], (2, 200))
    bn_param = _bn_param(2, momentum=0.8)
    out, cache = batchnorm.batchnorm_forward(x, np.ones((2, 1)), np.zeros((2, 1)), bn_param)
    np.testing.assert_allclose(out.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=1), 1, atol=1e-3)  # eps makes it a little below 1
    np.testing.assert_allclose(bn_param["running_mean"], 0.2 * x.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(bn_param["running_var"], 0.8 + 0.2 * x.var(axis=1, keepdims=True))
    assert set(cache) == {"x", "x_hat", "mu", "var", "eps", "gamma"}

    test_param = dict(bn_param, mode="test")
    before = copy.deepcopy(test_param)
    out, _ = batchnorm.batchnorm_forward(x[:, :1], np.full((2, 1), 2.0), np.ones((2, 1)), test_param)
    expected = 2 * (x[:, :1] - before["running_mean"]) / np.sqrt(before["running_var"] + 1e-5) + 1
    np.testing.assert_allclose(out, expected)
    np.testing.assert_array_equal(test_param["running_mean"], before["running_mean"])


# ----------------------------------------------------------------------------- softmax


def test_softmax_cross_entropy_gradient_is_m_times_the_cost_gradient():
    rng = np.random.default_rng(0)
    Z = rng.normal(0, 2, (5, 7))
    Y = np.eye(5)[:, rng.integers(0, 5, 7)]
    cost, dZ = softmax.softmax_cross_entropy(Z, Y)
    numeric = numerical_gradient(lambda v: softmax.softmax_cross_entropy(v, Y)[0], Z)
    assert relative_error(dZ / 7, numeric) < 1e-7
    assert isinstance(cost, float)
    shifted_cost, shifted_dZ = softmax.softmax_cross_entropy(Z + 900.0, Y)  # no overflow
    assert shifted_cost == pytest.approx(cost) and np.allclose(shifted_dZ, dZ)
    assert softmax.softmax_cross_entropy(np.zeros((4, 3)), np.eye(4)[:, :3])[0] == pytest.approx(math.log(4))


# ----------------------------------------------------------------------------- optimizers


def _one_layer(rng):
    return {"W1": rng.normal(0, 1, (3, 2)), "b1": rng.normal(0, 1, (3, 1))}


def test_adam_corrections_are_exact_for_a_constant_gradient_and_the_averages_stay_uncorrected():
    rng = np.random.default_rng(0)
    parameters = _one_layer(rng)
    grads = {"dW1": rng.normal(0, 1, (3, 2)), "db1": rng.normal(0, 1, (3, 1))}
    v, s = optim.initialize_adam(parameters)
    for t in range(1, 6):
        before = copy.deepcopy(parameters)
        parameters, v, s, v_hat, s_hat = optim.update_parameters_with_adam(parameters, grads, v, s, t, 0.01)
        np.testing.assert_allclose(v_hat["dW1"], grads["dW1"])          # the corrected average is exact
        np.testing.assert_allclose(s_hat["dW1"], grads["dW1"] ** 2)
        np.testing.assert_allclose(v["dW1"], (1 - 0.9 ** t) * grads["dW1"])  # the stored one is not
        np.testing.assert_allclose(s["dW1"], (1 - 0.999 ** t) * grads["dW1"] ** 2)
        np.testing.assert_allclose(np.abs(parameters["W1"] - before["W1"]), 0.01, rtol=1e-6)  # steps of lr


def test_adam_and_model_mutants_for_t_and_bias_correction_are_registered():
    adam = REGISTRY["optimization.update_parameters_with_adam"].mutants
    assert "bias correction stored back into v and s" in adam
    assert any("per layer" in name for name in adam) and "t never incremented (always 1)" in adam
    assert "t counted per epoch instead of per update" in REGISTRY["optimization.model"].mutants


def test_model_counts_one_update_per_mini_batch():
    rng = np.random.default_rng(0)
    X = rng.normal(0, 1, (2, 150))
    Y = (X[:1] * X[1:] > 0).astype(float)
    for optimizer in optim.OPTIMIZERS:
        _, costs, t = optim.model(X, Y, 4, optimizer, 0.01, 32, 6, np.random.default_rng(1))
        assert t == 6 * 5 and len(costs) == 6


def test_random_mini_batches_keep_pairs_and_the_short_last_batch():
    X = np.arange(2 * 70, dtype=float).reshape(2, 70)
    Y = X[:1] * 10
    batches = optim.random_mini_batches(X, Y, 32, np.random.default_rng(0))
    assert [b[0].shape[1] for b in batches] == [32, 32, 6]
    columns = np.hstack([b[0] for b in batches])
    np.testing.assert_array_equal(np.hstack([b[1] for b in batches]), columns[:1] * 10)
    assert sorted(columns[0]) == list(X[0]) and list(columns[0]) != list(X[0])


def test_learning_rate_decay_values():
    assert optim.update_lr(0.5, 0, 1.0) == 0.5
    assert optim.update_lr(0.3, 4, 0.5) == pytest.approx(0.1)
    assert optim.schedule_lr_decay(0.3, 999, 0.5) == 0.3
    assert optim.schedule_lr_decay(0.3, 2500, 0.5) == pytest.approx(0.15)


def test_the_epsilon_and_t_mutants_fail_the_visible_adam_cases_with_a_message_on_the_values():
    exercise = REGISTRY["optimization.update_parameters_with_adam"]
    for name in ("epsilon inside the square root", "bias correction stored back into v and s"):
        result = run_check(exercise, exercise.mutants[name])
        assert not result.passed and "wrong values" in result.message


# ----------------------------------------------------------------------------- the explorer


def test_optimizer_paths_explorer_redraws_on_every_control_within_budget():
    explorer = widgets.optimizer_paths()
    state, png = explorer.state, explorer.png
    assert state["surface"] == "ravine" and set(state["paths"]) == set(widgets.PATH_OPTIMIZERS)
    for path in state["paths"].values():
        np.testing.assert_array_equal(path[0], widgets.OPTIMIZER_SURFACES["ravine"]["start"])
    timings = []
    for name, value in [("learning_rate", 0.05), ("beta1", 0.5), ("beta2", 0.95), ("steps", 300),
                        ("surface", "Rosenbrock")]:
        before = explorer.state
        start = time.perf_counter()
        explorer.controls[name].value = value
        new_png = explorer.png
        timings.append(time.perf_counter() - start)
        assert new_png != png, f"changing {name} did not change the figure"
        assert explorer.state is not before
        png = new_png
    assert explorer.redraws == 6  # one per change, the surface's included
    record_metric("optimizer paths redraw seconds (max of 5 changes)", max(timings))
    assert max(timings) < REDRAW_BUDGET_SECONDS, timings


def test_choosing_a_surface_sets_its_learning_rate_and_steps():
    explorer = widgets.optimizer_paths(surface="bowl")
    explorer.controls["learning_rate"].value = 0.5
    explorer.controls["surface"].value = "Rosenbrock"
    defaults = widgets.OPTIMIZER_SURFACES["Rosenbrock"]
    assert explorer.controls["learning_rate"].value == pytest.approx(defaults["learning_rate"])
    assert len(explorer.state["paths"]["gd"]) == defaults["steps"] + 1


def test_gradient_descent_diverges_on_the_ravine_above_two_over_the_curvature():
    explorer = widgets.optimizer_paths(surface="ravine", learning_rate=0.15, steps=200)
    assert "gd" not in explorer.state["diverged"] and explorer.state["final_loss"]["gd"] < 1e-3
    explorer.controls["learning_rate"].value = 0.25
    assert "gd" in explorer.state["diverged"]
    assert explorer.state["final_loss"]["adam"] < 1e-2  # Adam's steps do not depend on the curvature


def test_optimizer_paths_is_one_static_figure_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    explorer = widgets.optimizer_paths()
    explorer.controls["steps"].value = 20
    assert explorer.redraws == 1 and explorer.figure is not None
