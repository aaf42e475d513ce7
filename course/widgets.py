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
    COST_EVERY = 10  # iterations between two points of the cost curve

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
            "num_iterations": w.IntSlider(value=num_iterations, min=100, max=5000, step=100,
                                          description="iterations", continuous_update=False, style=style),
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


# --------------------------------------------------------------------------- u05: optimizer paths


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
    from .nn import optim

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
    steps. Choosing a surface also sets the learning rate and steps that suit it. Left: contours
    and the four paths; right: the loss along each path (log scale). ``.state`` holds the paths,
    their losses and which diverged.
    """

    layout_width = "30%"

    def __init__(self, surface: str = "ravine", learning_rate: float | None = None, beta1: float = 0.9,
                 beta2: float = 0.999, steps: int | None = None):
        defaults = OPTIMIZER_SURFACES[surface]
        style = {"description_width": "96px"}
        self._holding = False
        self.controls = {
            "surface": w.Dropdown(options=list(OPTIMIZER_SURFACES), value=surface, description="surface",
                                  style=style),
            "learning_rate": w.FloatLogSlider(value=learning_rate or defaults["learning_rate"], base=10, min=-3,
                                              max=0, step=0.05, description="learning rate",
                                              continuous_update=False, style=style),
            "beta1": w.FloatSlider(value=beta1, min=0.0, max=0.99, step=0.01, description="beta1",
                                   continuous_update=False, style=style),
            "beta2": w.FloatSlider(value=beta2, min=0.9, max=0.999, step=0.001, readout_format=".3f",
                                   description="beta2", continuous_update=False, style=style),
            "steps": w.IntSlider(value=steps or defaults["steps"], min=10, max=1000, step=10, description="steps",
                                 continuous_update=False, style=style),
        }
        self._start()

    def update(self, change=None) -> None:
        """Redraw; a new surface first takes its own learning rate and steps (one redraw in all)."""
        if self._holding:
            return
        if change is not None and change["owner"] is self.controls["surface"]:
            defaults = OPTIMIZER_SURFACES[change["new"]]
            self._holding = True
            try:
                self.controls["learning_rate"].value = defaults["learning_rate"]
                self.controls["steps"].value = defaults["steps"]
            finally:
                self._holding = False
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


# --------------------------------------------------------------------------- u04: regularisation


class RegularizationExplorer(Explorer):
    """Train u04's three-layer network on the wave data with L2 (lambda) and dropout (keep_prob).

    Controls: lambda, keep_prob, iterations. Each change retrains ``course.nn.regularization``
    from the same seeded He initialisation (trained settings are remembered, so going back is
    instant) and redraws the decision boundary over the training points, with the true boundary
    dashed, beside the train and test accuracy of this setting and of the previous one.
    """

    layout_width = "30%"

    def __init__(self, lambd: float = 0.0, keep_prob: float = 1.0, num_iterations: int = 5000,
                 learning_rate: float = 0.6, layers_dims=(2, 40, 20, 1), seed: int = 0):
        self.learning_rate, self.layers_dims, self.seed = learning_rate, list(layers_dims), seed
        self.trained: dict = {}
        self.previous = None
        style = {"description_width": "80px"}
        self.controls = {
            "lambd": w.FloatSlider(value=lambd, min=0.0, max=2.0, step=0.05, description="λ (L2)",
                                   continuous_update=False, style=style),
            "keep_prob": w.FloatSlider(value=keep_prob, min=0.5, max=1.0, step=0.05, description="keep_prob",
                                       continuous_update=False, style=style),
            "num_iterations": w.IntSlider(value=num_iterations, min=1000, max=20000, step=1000,
                                          description="iterations", continuous_update=False, style=style),
        }
        self._start()

    def train(self, lambd: float, keep_prob: float, num_iterations: int) -> tuple[dict, float, float]:
        """``(parameters, train accuracy, test accuracy)`` of one setting, trained once and remembered."""
        from .data.planar import load_wave
        from .nn import regularization

        key = (round(lambd, 6), round(keep_prob, 6), int(num_iterations))
        if key not in self.trained:
            X, Y, X_test, Y_test = load_wave()
            parameters = regularization.model(X, Y, self.layers_dims, self.learning_rate, num_iterations,
                                              lambd, keep_prob, rng=np.random.default_rng(self.seed))
            self.trained[key] = (parameters, accuracy(regularization.predict(parameters, X), Y),
                                 accuracy(regularization.predict(parameters, X_test), Y_test))
        return self.trained[key]

    def draw(self, lambd, keep_prob, num_iterations) -> Figure:
        from .data.planar import load_wave, wave_curve, wave_rule
        from .nn import regularization

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


# --------------------------------------------------------------------------- u07: kernels


KERNELS = {
    "vertical edges": np.array([[1.0, 0.0, -1.0], [1.0, 0.0, -1.0], [1.0, 0.0, -1.0]]),
    "horizontal edges": np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -1.0, -1.0]]),
    "Sobel (vertical edges)": np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]),
    "Scharr (vertical edges)": np.array([[3.0, 0.0, -3.0], [10.0, 0.0, -10.0], [3.0, 0.0, -3.0]]),
    "blur (5 x 5 box)": np.full((5, 5), 1 / 25),
    "sharpen": np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
}


def _sample_image(name: str) -> np.ndarray:
    """A grey image in [0, 1] from the files inside scikit-image (no download), halved to about 256 pixels."""
    import skimage.data
    image = np.asarray(getattr(skimage.data, name)(), dtype=np.float64) / 255.0
    if image.ndim == 3:
        image = image[..., :3] @ np.array([0.299, 0.587, 0.114])
    return image[::2, ::2]


class KernelExplorer(Explorer):
    """Pick a kernel, a stride and a padding; see the feature map, and its size, on a real image.

    The map is ``course.nn.conv.conv_forward`` of the grey image (1, H, W, 1) with the kernel as
    its single (f, f, 1, 1) filter and no bias.
    """

    def __init__(self, image: str = "camera", kernel: str = "vertical edges", stride: int = 1, pad: int = 0):
        from .nn import conv
        self._conv = conv
        self.controls = {
            "image": w.Dropdown(options=["camera", "astronaut", "coffee", "chelsea"], value=image,
                                description="image"),
            "kernel": w.Dropdown(options=list(KERNELS), value=kernel, description="kernel"),
            "stride": w.IntSlider(value=stride, min=1, max=8, description="stride", continuous_update=False),
            "pad": w.IntSlider(value=pad, min=0, max=20, description="padding", continuous_update=False),
        }
        self._start()

    def draw(self, image: str, kernel: str, stride: int, pad: int) -> Figure:
        grey = _sample_image(image)
        K = KERNELS[kernel]
        Z, _ = self._conv.conv_forward(grey[None, :, :, None], K[:, :, None, None], np.zeros((1, 1, 1, 1)),
                                       {"stride": stride, "pad": pad})
        output = Z[0, :, :, 0]
        f = K.shape[0]
        expected = self._conv.conv_output_size(grey.shape[0], f, pad, stride)
        self.state = {"output": output, "shape": output.shape, "expected_rows": expected}
        return plots.feature_map(grey, K, output,
                                 f"n_out = floor(({grey.shape[0]} + 2*{pad} - {f}) / {stride}) + 1 = {expected}")


def kernel_explorer(**defaults) -> KernelExplorer:
    """A :class:`KernelExplorer`; make it the last expression of a cell to show it."""
    return KernelExplorer(**defaults)
