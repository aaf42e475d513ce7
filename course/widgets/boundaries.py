"""u02: retrain a one-hidden-layer network and redraw its decision boundary."""
from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from .. import plots
from ..data import DATASETS, load_planar
from ..nn import shallow
from ..nn.metrics import accuracy
from .base import Explorer


class BoundaryExplorer(Explorer):
    """Retrain a one-hidden-layer network (``course.nn.shallow``) and redraw its decision boundary.

    Controls: dataset, hidden units, activation, learning rate, iterations. Each change retrains
    from the same seeded initialisation and redraws the regions, the points and the cost curve.
    ``.seconds`` is the time the last retrain-and-redraw took.
    """

    COST_EVERY = 10  # iterations between two points of the cost curve

    def __init__(self, dataset: str = "flower", n_h: int = 4, activation: str = "tanh",
                 learning_rate: float = 1.2, num_iterations: int = 2000, m: int = 400, seed: int = 0):
        self.m, self.seed = m, seed
        self.controls = {
            "dataset": w.Dropdown(options=DATASETS, value=dataset, description="dataset"),
            "n_h": w.IntSlider(value=n_h, min=1, max=50, description="hidden units",
                               continuous_update=False),
            "activation": w.Dropdown(options=list(shallow.ACTIVATIONS), value=activation,
                                     description="activation"),
            "learning_rate": w.FloatLogSlider(value=learning_rate, base=10, min=-2, max=1, step=0.05,
                                              description="learning rate", continuous_update=False),
            "num_iterations": w.IntSlider(value=num_iterations, min=100, max=5000, step=100,
                                          description="iterations", continuous_update=False),
        }
        self._start()

    def draw(self, dataset, n_h, activation, learning_rate, num_iterations) -> Figure:
        X, Y = load_planar(dataset, self.m)
        costs: list = []
        with np.errstate(all="ignore"):
            parameters = shallow.nn_model(X, Y, n_h, num_iterations, learning_rate,
                                          rng=np.random.default_rng(self.seed), activation=activation,
                                          costs=costs, cost_every=self.COST_EVERY)
            train_accuracy = accuracy(shallow.predict(parameters, X, activation), Y)
        self.state = {"parameters": parameters, "costs": costs, "accuracy": train_accuracy}
        fig = Figure(figsize=(9, 4))
        ax_map, ax_cost = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        plots.draw_boundary(ax_map, lambda P: shallow.predict(parameters, P, activation), X, Y,
                            f"{dataset}: {n_h} {activation} units, accuracy {train_accuracy:.0%}")
        ax_cost.plot(np.arange(len(costs)) * self.COST_EVERY, costs)
        ax_cost.set_xlabel("iteration")
        ax_cost.set_ylabel("cost")
        ax_cost.set_title(f"cost, final {costs[-1]:.3f}" if costs else "cost")
        ax_cost.grid(True, alpha=0.3)
        fig.tight_layout()
        return fig


def boundary_explorer(**defaults) -> BoundaryExplorer:
    """A :class:`BoundaryExplorer`; make it the last expression of a cell to show it."""
    return BoundaryExplorer(**defaults)
