"""u05: gradient descent, momentum, RMSprop and Adam on 2-D loss surfaces."""
from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from ..nn import optim
from .base import Explorer


def _rosenbrock(x, y):
    return ((1 - x) ** 2 + 100 * (y - x ** 2) ** 2) / 100


OPTIMIZER_SURFACES = {
    "bowl": {"f": lambda x, y: (x ** 2 + y ** 2) / 2, "grad": lambda x, y: (x, y),
             "formula": "(x² + y²) / 2", "start": (-2.0, 1.5), "box": (-2.5, 2.5, -2.0, 2.0),
             "minima": [(0.0, 0.0)], "learning_rate": 0.1, "steps": 100},
    "ravine": {"f": lambda x, y: (0.2 * x ** 2 + 10 * y ** 2) / 2, "grad": lambda x, y: (0.2 * x, 10 * y),
               "formula": "(0.2 x² + 10 y²) / 2: curvatures 0.2 and 10", "start": (-4.5, 1.0),
               "box": (-5.0, 5.0, -1.6, 1.6), "minima": [(0.0, 0.0)], "learning_rate": 0.18, "steps": 100},
    "saddle": {"f": lambda x, y: x ** 2 / 2 - y ** 2 / 2 + y ** 4 / 4 + 0.25,
               "grad": lambda x, y: (x, y ** 3 - y), "formula": "x²/2 - y²/2 + y⁴/4 + 1/4: a saddle at (0, 0)",
               "start": (-2.0, 0.01), "box": (-2.5, 2.5, -1.8, 1.8), "minima": [(0.0, -1.0), (0.0, 1.0)],
               "learning_rate": 0.1, "steps": 100},
    "Rosenbrock": {"f": _rosenbrock,
                   "grad": lambda x, y: ((-2 * (1 - x) - 400 * x * (y - x ** 2)) / 100, 2 * (y - x ** 2)),
                   "formula": "((1 - x)² + 100 (y - x²)²) / 100: a curved valley", "start": (-1.2, 1.0),
                   "box": (-2.0, 2.0, -1.0, 3.0), "minima": [(1.0, 1.0)], "learning_rate": 0.1, "steps": 500},
}
"""2-D loss surfaces: f(x, y) and its gradient (both work on arrays), a start, a view box
(x_min, x_max, y_min, y_max), the minima, and a learning rate and number of steps that suit it.
Each surface's minimum value is 0."""


PATH_OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")


_PATH_COLORS = {"gd": "#c0392b", "momentum": "#e67e22", "rmsprop": "#27864a", "adam": "#2c5aa0"}


def optimizer_path(optimizer: str, grad, start, learning_rate: float, beta1: float, beta2: float,
                   steps: int) -> tuple[np.ndarray, bool]:
    """The points ``(k, 2)`` visited by ``optimizer`` from ``start`` on a 2-D surface, and whether it diverged.

    Runs the course's reference updates (``course.nn.optim``) on a one-layer "network" whose
    weights ``W1`` ``(1, 2)`` are the point (its bias gets zero gradient, so it never moves).
    Momentum uses ``beta1`` as its beta; RMSprop uses ``beta2``. Stops early if the point runs away.
    """
    parameters = {"W1": np.array([start], dtype=float), "b1": np.zeros((1, 1))}
    v, s = optim.initialize_adam(parameters)
    points = [parameters["W1"][0].copy()]
    for t in range(1, steps + 1):
        gx, gy = grad(*parameters["W1"][0])
        grads = {"dW1": np.array([[gx, gy]]), "db1": np.zeros((1, 1))}
        if optimizer == "gd":
            parameters = optim.update_parameters_with_gd(parameters, grads, learning_rate)
        elif optimizer == "momentum":
            parameters, v = optim.update_parameters_with_momentum(parameters, grads, v, beta1, learning_rate)
        elif optimizer == "rmsprop":
            parameters, s = optim.update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate)
        else:
            parameters, v, s, _, _ = optim.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate,
                                                                       beta1, beta2)
        point = parameters["W1"][0].copy()
        if not np.all(np.isfinite(point)) or np.max(np.abs(point)) > 1e3:
            return np.array(points), True
        points.append(point)
    return np.array(points), False


class OptimizerPaths(Explorer):
    """Gradient descent, momentum, RMSprop and Adam from the same start on a 2-D loss surface.

    Controls: surface, learning rate, beta1 (Adam's and momentum's), beta2 (Adam's and RMSprop's),
    steps. Choosing a surface also sets the learning rate and steps that suit it, and the status
    line names those it changed. Left: contours and the four paths; right: the loss along each
    path (log scale). ``.state`` holds the paths, their losses and which diverged.
    """

    def __init__(self, surface: str = "ravine", learning_rate: float | None = None, beta1: float = 0.9,
                 beta2: float = 0.999, steps: int | None = None):
        defaults = OPTIMIZER_SURFACES[surface]
        self._holding = False
        self.controls = {
            "surface": w.Dropdown(options=list(OPTIMIZER_SURFACES), value=surface, description="surface"),
            "learning_rate": w.FloatLogSlider(value=learning_rate or defaults["learning_rate"], base=10, min=-3,
                                              max=0, step=0.05, description="learning rate",
                                              continuous_update=False),
            "beta1": w.FloatSlider(value=beta1, min=0.0, max=0.99, step=0.01, description="beta1",
                                   continuous_update=False),
            "beta2": w.FloatSlider(value=beta2, min=0.9, max=0.999, step=0.001, readout_format=".3f",
                                   description="beta2", continuous_update=False),
            "steps": w.IntSlider(value=steps or defaults["steps"], min=10, max=1000, step=10, description="steps",
                                 continuous_update=False),
        }
        self._start()

    def update(self, change=None) -> None:
        """Redraw; a new surface first takes its own learning rate and steps (one redraw in all),
        and the status line says which of the two changed."""
        if self._holding:
            return
        if change is not None and change["owner"] is self.controls["surface"]:
            defaults = OPTIMIZER_SURFACES[change["new"]]
            reset = []
            self._holding = True
            try:
                for name, label in (("learning_rate", "learning rate"), ("steps", "steps")):
                    control = self.controls[name]
                    if control.value != defaults[name]:
                        reset.append(f"{label} {control.value:g} → {defaults[name]:g}")
                        control.value = defaults[name]
            finally:
                self._holding = False
            if reset:
                self.note = f"New surface, so its own settings: {', '.join(reset)}."
        super().update(change)

    def draw(self, surface, learning_rate, beta1, beta2, steps) -> Figure:
        spec = OPTIMIZER_SURFACES[surface]
        paths, losses, diverged = {}, {}, []
        with np.errstate(all="ignore"):
            for name in PATH_OPTIMIZERS:
                paths[name], ran_away = optimizer_path(name, spec["grad"], spec["start"], learning_rate, beta1,
                                                       beta2, steps)
                losses[name] = spec["f"](paths[name][:, 0], paths[name][:, 1])
                if ran_away:
                    diverged.append(name)
        self.state = {"surface": surface, "paths": paths, "losses": losses, "diverged": diverged,
                      "final_loss": {name: float(loss[-1]) for name, loss in losses.items()}}
        fig = Figure(figsize=(10.5, 4.3))
        ax_map, ax_loss = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
        x0, x1, y0, y1 = spec["box"]
        xx, yy = np.meshgrid(np.linspace(x0, x1, 160), np.linspace(y0, y1, 160))
        zz = spec["f"](xx, yy)
        levels = np.unique(np.quantile(zz, np.linspace(0.0, 0.97, 16) ** 2))
        ax_map.contourf(xx, yy, zz, levels=levels, cmap="Greys", alpha=0.35, extend="max")
        ax_map.contour(xx, yy, zz, levels=levels, colors="0.45", linewidths=0.5)
        for name in PATH_OPTIMIZERS:
            label = name + (" (diverged)" if name in diverged else "")
            ax_map.plot(paths[name][:, 0], paths[name][:, 1], ".-", ms=2.5, lw=1.2, color=_PATH_COLORS[name],
                        label=label)
            ax_loss.plot(np.maximum(losses[name], 1e-12), color=_PATH_COLORS[name], label=label)
        ax_map.plot(*spec["start"], "ko", ms=6)
        for minimum in spec["minima"]:
            ax_map.plot(*minimum, "*", color="gold", ms=14, markeredgecolor="k")
        ax_map.set_xlim(x0, x1)
        ax_map.set_ylim(y0, y1)
        ax_map.set_title(f"{surface}: f = {spec['formula']}", fontsize=9)
        ax_map.legend(fontsize=8, loc="lower right")
        ax_loss.set_yscale("log")
        ax_loss.set_xlabel("step")
        ax_loss.set_ylabel("loss (0 at the minimum)")
        ax_loss.set_title(f"learning rate {learning_rate:.3g}, beta1 {beta1:.2f}, beta2 {beta2:.3f}", fontsize=9)
        ax_loss.grid(True, which="both", alpha=0.3)
        fig.tight_layout()
        return fig


def optimizer_paths(**defaults) -> OptimizerPaths:
    """An :class:`OptimizerPaths` explorer; make it the last expression of a cell to show it."""
    return OptimizerPaths(**defaults)
