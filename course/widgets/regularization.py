"""u04: L2 and dropout on the wave data, boundary and train/test accuracy."""
from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from .. import plots
from ..data.planar import load_wave, wave_curve, wave_rule
from ..nn import regularization
from ..nn.metrics import accuracy
from .base import Explorer


class RegularizationExplorer(Explorer):
    """Train u04's three-layer network on the wave data with L2 (lambda) and dropout (keep_prob).

    Controls: lambda, keep_prob, iterations. Each change retrains ``course.nn.regularization``
    from the same seeded He initialisation (trained settings are remembered, so going back is
    instant) and redraws the decision boundary over the training points, with the true boundary
    dashed, beside the train and test accuracy of this setting and of the previous one.
    """

    def __init__(self, lambd: float = 0.0, keep_prob: float = 1.0, num_iterations: int = 5000,
                 learning_rate: float = 0.6, layers_dims=(2, 40, 20, 1), seed: int = 0):
        self.learning_rate, self.layers_dims, self.seed = learning_rate, list(layers_dims), seed
        self.trained: dict = {}
        self.previous = None
        self.controls = {
            "lambd": w.FloatSlider(value=lambd, min=0.0, max=2.0, step=0.05, description="λ (L2)",
                                   continuous_update=False),
            "keep_prob": w.FloatSlider(value=keep_prob, min=0.5, max=1.0, step=0.05, description="keep_prob",
                                       continuous_update=False),
            "num_iterations": w.IntSlider(value=num_iterations, min=1000, max=20000, step=1000,
                                          description="iterations", continuous_update=False),
        }
        self._start()

    def train(self, lambd: float, keep_prob: float, num_iterations: int) -> tuple[dict, float, float]:
        """``(parameters, train accuracy, test accuracy)`` of one setting, trained once and remembered."""
        key = (round(lambd, 6), round(keep_prob, 6), int(num_iterations))
        if key not in self.trained:
            X, Y, X_test, Y_test = load_wave()
            parameters = regularization.model(X, Y, self.layers_dims, self.learning_rate, num_iterations,
                                              lambd, keep_prob, rng=np.random.default_rng(self.seed))
            self.trained[key] = (parameters, accuracy(regularization.predict(parameters, X), Y),
                                 accuracy(regularization.predict(parameters, X_test), Y_test))
        return self.trained[key]

    def draw(self, lambd, keep_prob, num_iterations) -> Figure:
        X, Y, X_test, Y_test = load_wave()
        parameters, train, test = self.train(lambd, keep_prob, num_iterations)
        label = f"λ={lambd:g}, keep={keep_prob:g}, {num_iterations // 1000}k it."
        bars = {} if self.previous is None or self.previous[0] == label else {"before: " + self.previous[0]: self.previous[1]}
        bars["now: " + label] = (train, test)
        self.previous = (label, (train, test))
        self.state = {"parameters": parameters, "train_accuracy": train, "test_accuracy": test,
                      "lambd": lambd, "keep_prob": keep_prob, "num_iterations": num_iterations}
        fig = Figure(figsize=(10.5, 4.2))
        ax_map, ax_bars = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.1]})
        plots.draw_boundary(ax_map, lambda P: regularization.predict(parameters, P), X, Y,
                            f"train {train:.1%}, test {test:.1%} (gap {100 * (train - test):.1f} points)")
        left, right = ax_map.get_xlim()
        x1 = np.linspace(left, right, 200)
        ax_map.plot(x1, wave_curve(x1), "k--", lw=1.2)
        ax_map.set_xlim(left, right)
        plots.draw_accuracy_bars(ax_bars, bars, best=accuracy(wave_rule(X_test), Y_test))
        ax_bars.tick_params(axis="x", labelsize=7)
        ax_bars.set_title("accuracy: the dotted line is the true boundary's on the test set", fontsize=9)
        fig.tight_layout()
        return fig


def regularization_explorer(**defaults) -> RegularizationExplorer:
    """A :class:`RegularizationExplorer`; make it the last expression of a cell to show it."""
    return RegularizationExplorer(**defaults)
