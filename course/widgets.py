"""Interactive explorers built on ipywidgets 8 and matplotlib.

Each explorer keeps its controls in ``.controls`` (name -> widget), redraws into ``.output`` when a
control changes, and keeps the last figure in ``.figure`` and what it computed in ``.state``, so
tests can drive it without a browser. Show one by making it the last expression of a cell.

When ``NBGRADER_EXECUTION`` is set (nbgrader is running the notebook to validate or grade it),
an explorer builds no controls and shows one static figure at its default settings.
Explorers never belong in graded or test cells.
"""
from __future__ import annotations

import io
import os
import time

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from . import plots
from .data import DATASETS, load_planar
from .nn import shallow
from .nn.metrics import accuracy, confusion_matrix, precision_recall_f1


def static_mode() -> bool:
    """True while nbgrader executes the notebook: draw static figures, build no controls."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def png_bytes(figure: Figure) -> bytes:
    """The figure rendered as PNG (used to tell whether a redraw changed anything)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


class Explorer:
    """Base class: subclasses set ``self.controls`` then call ``self._start()``, and implement ``draw``."""

    controls: dict
    layout_width = "34%"

    def _start(self) -> None:
        self.output = w.Output()
        self.figure: Figure | None = None
        self.state: dict = {}
        self.redraws = 0
        self.seconds = 0.0
        if not static_mode():
            for control in self.controls.values():
                control.observe(self.update, names="value")
        self.update()

    def values(self) -> dict:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None) -> None:
        """Recompute and redraw from the controls' values."""
        start = time.perf_counter()
        self.figure = self.draw(**self.values())
        self.redraws += 1
        self.seconds = time.perf_counter() - start
        if not static_mode() and _in_ipython():
            self.output.clear_output(wait=True)
            with self.output:
                _display(self.figure)

    def draw(self, **values) -> Figure:
        raise NotImplementedError

    @property
    def widget(self) -> w.Widget:
        """The controls beside the figure."""
        panel = w.VBox(list(self.controls.values()), layout=w.Layout(width=self.layout_width))
        return w.HBox([panel, self.output])

    def _ipython_display_(self) -> None:
        _display(self.figure if static_mode() else self.widget)


def _in_ipython() -> bool:
    from IPython import get_ipython
    return get_ipython() is not None


def _display(obj) -> None:
    from IPython.display import display
    if _in_ipython():
        display(obj)


# --------------------------------------------------------------------------- u01: thresholds


class ThresholdExplorer(Explorer):
    """Move a classifier's decision threshold; see precision, recall, F1 and the confusion matrix.

    probabilities: ``(1, m)`` or ``(m,)`` predicted probabilities of class 1; labels: 0/1, same size.
    """

    def __init__(self, probabilities: np.ndarray, labels: np.ndarray, class_names=("class 0", "class 1")):
        self.probabilities = np.ravel(probabilities)
        self.labels = np.ravel(labels).astype(int)
        self.class_names = list(class_names)
        self.controls = {"threshold": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.01,
                                                   description="threshold", continuous_update=False)}
        self._start()

    def draw(self, threshold: float) -> Figure:
        predictions = (self.probabilities > threshold).astype(int)
        precision, recall, f1 = precision_recall_f1(predictions, self.labels)
        matrix = confusion_matrix(predictions, self.labels)
        self.state = {"threshold": threshold, "precision": precision, "recall": recall, "f1": f1,
                      "accuracy": accuracy(predictions, self.labels), "confusion": matrix}
        fig = Figure(figsize=(10, 3.6))
        ax_hist, ax_conf = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.6, 1]})
        bins = np.linspace(0, 1, 26)
        for label, color in ((0, "#c0392b"), (1, "#2c5aa0")):
            ax_hist.hist(self.probabilities[self.labels == label], bins=bins, alpha=0.6, color=color,
                         label=f"true {self.class_names[label]}")
        ax_hist.axvline(threshold, color="k", ls="--", label=f"threshold {threshold:.2f}")
        ax_hist.set_xlabel(f"predicted probability of {self.class_names[1]}")
        ax_hist.set_ylabel("examples")
        ax_hist.legend(fontsize=8)
        ax_hist.set_title(f"precision {precision:.2f}   recall {recall:.2f}   F1 {f1:.2f}   "
                          f"accuracy {self.state['accuracy']:.2f}", fontsize=10)
        ax_conf.imshow(matrix, cmap="Blues", vmin=0, vmax=max(1, matrix.max()))
        for (i, j), count in np.ndenumerate(matrix):
            ax_conf.text(j, i, f"{['TN', 'FP', 'FN', 'TP'][2 * i + j]}\n{count}", ha="center", va="center",
                         color="white" if count > matrix.max() / 2 else "black")
        ax_conf.set_xticks([0, 1], [f"pred. {n}" for n in self.class_names], fontsize=8)
        ax_conf.set_yticks([0, 1], [f"true {n}" for n in self.class_names], fontsize=8)
        ax_conf.set_title("confusion matrix", fontsize=10)
        fig.tight_layout()
        return fig


def threshold_explorer(probabilities, labels, class_names=("class 0", "class 1")) -> ThresholdExplorer:
    """A :class:`ThresholdExplorer`; make it the last expression of a cell to show it."""
    return ThresholdExplorer(probabilities, labels, class_names)


# --------------------------------------------------------------------------- u02: boundaries


class BoundaryExplorer(Explorer):
    """Retrain a one-hidden-layer network (``course.nn.shallow``) and redraw its decision boundary.

    Controls: dataset, hidden units, activation, learning rate, iterations. Each change retrains
    from the same seeded initialisation and redraws the regions, the points and the cost curve.
    ``.seconds`` is the time the last retrain-and-redraw took.
    """

    layout_width = "32%"

    def __init__(self, dataset: str = "flower", n_h: int = 4, activation: str = "tanh",
                 learning_rate: float = 1.2, num_iterations: int = 2000, m: int = 400, seed: int = 0):
        self.m, self.seed = m, seed
        style = {"description_width": "96px"}
        self.controls = {
            "dataset": w.Dropdown(options=DATASETS, value=dataset, description="dataset", style=style),
            "n_h": w.IntSlider(value=n_h, min=1, max=50, description="hidden units",
                               continuous_update=False, style=style),
            "activation": w.Dropdown(options=list(shallow.ACTIVATIONS), value=activation,
                                     description="activation", style=style),
            "learning_rate": w.FloatLogSlider(value=learning_rate, base=10, min=-2, max=1, step=0.05,
                                              description="learning rate", continuous_update=False, style=style),
            "num_iterations": w.IntSlider(value=num_iterations, min=100, max=10000, step=100,
                                          description="iterations", continuous_update=False, style=style),
        }
        self._start()

    def draw(self, dataset, n_h, activation, learning_rate, num_iterations) -> Figure:
        X, Y = load_planar(dataset, self.m)
        costs: list = []
        with np.errstate(all="ignore"):
            parameters = shallow.nn_model(X, Y, n_h, num_iterations, learning_rate,
                                          rng=np.random.default_rng(self.seed), activation=activation, costs=costs)
            train_accuracy = accuracy(shallow.predict(parameters, X, activation), Y)
        self.state = {"parameters": parameters, "costs": costs, "accuracy": train_accuracy}
        fig = Figure(figsize=(9, 4))
        ax_map, ax_cost = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        plots.draw_boundary(ax_map, lambda P: shallow.predict(parameters, P, activation), X, Y,
                            f"{dataset}: {n_h} {activation} units, accuracy {train_accuracy:.0%}")
        ax_cost.plot(costs)
        ax_cost.set_xlabel("iteration")
        ax_cost.set_ylabel("cost")
        ax_cost.set_title(f"cost, final {costs[-1]:.3f}" if costs else "cost")
        ax_cost.grid(True, alpha=0.3)
        fig.tight_layout()
        return fig


def boundary_explorer(**defaults) -> BoundaryExplorer:
    """A :class:`BoundaryExplorer`; make it the last expression of a cell to show it."""
    return BoundaryExplorer(**defaults)
