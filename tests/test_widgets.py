"""The explorers, driven programmatically: controls change the model and the figure."""
from __future__ import annotations

import time

import numpy as np
import pytest

from course import widgets
from course.nn.metrics import confusion_matrix, precision_recall_f1

from .conftest import record_metric

REDRAW_BUDGET_SECONDS = 2.0


def test_threshold_explorer_updates_metrics_and_figure():
    rng = np.random.default_rng(0)
    labels = (rng.random(60) < 0.5).astype(int)
    probabilities = np.clip(0.35 * labels + rng.random(60) * 0.65, 0, 1)
    explorer = widgets.threshold_explorer(probabilities[None, :], labels[None, :], ("non-face", "face"))
    before, png = dict(explorer.state), widgets.png_bytes(explorer.figure)
    explorer.controls["threshold"].value = 0.2
    after = explorer.state
    assert explorer.redraws == 2 and widgets.png_bytes(explorer.figure) != png
    assert after["recall"] >= before["recall"] and after["confusion"].sum() == 60
    predictions = probabilities > 0.2
    np.testing.assert_array_equal(after["confusion"], confusion_matrix(predictions, labels))
    assert (after["precision"], after["recall"], after["f1"]) == precision_recall_f1(predictions, labels)


def test_boundary_explorer_retrains_and_redraws_within_budget(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    explorer = widgets.boundary_explorer()
    first_params = explorer.state["parameters"]
    png = widgets.png_bytes(explorer.figure)
    assert explorer.state["accuracy"] > 0.85  # flower, 4 tanh units
    timings = []
    for name, value in [("n_h", 10), ("activation", "relu"), ("learning_rate", 0.1),
                        ("num_iterations", 3000), ("dataset", "moons")]:
        start = time.perf_counter()
        explorer.controls[name].value = value
        new_png = widgets.png_bytes(explorer.figure)
        timings.append(time.perf_counter() - start)
        assert new_png != png, f"changing {name} did not change the figure"
        png = new_png
    assert explorer.state["parameters"]["W1"].shape == (10, 2)
    assert not np.array_equal(explorer.state["parameters"]["W2"], first_params["W2"])
    record_metric("explorer redraw seconds (max of 5 changes)", max(timings))
    assert max(timings) < REDRAW_BUDGET_SECONDS, timings
    explorer.controls["n_h"].value = explorer.controls["n_h"].max  # the slowest settings, for the record
    start = time.perf_counter()
    explorer.controls["num_iterations"].value = explorer.controls["num_iterations"].max
    widgets.png_bytes(explorer.figure)
    record_metric("explorer worst-case redraw seconds (50 units, 5000 iterations)", time.perf_counter() - start)


def test_under_nbgrader_an_explorer_is_one_static_figure(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    explorer = widgets.threshold_explorer(np.array([0.2, 0.8]), np.array([0, 1]))
    explorer.controls["threshold"].value = 0.9
    assert explorer.redraws == 1 and explorer.figure is not None


@pytest.mark.parametrize("predictions,labels,expected", [
    ([1, 1, 0, 0], [1, 0, 1, 0], (0.5, 0.5, 0.5)),
    ([0, 0], [1, 0], (0.0, 0.0, 0.0)),
    ([1, 1, 1], [1, 1, 0], (2 / 3, 1.0, 0.8)),
])
def test_precision_recall_f1(predictions, labels, expected):
    assert precision_recall_f1(np.array(predictions), np.array(labels)) == pytest.approx(expected)
