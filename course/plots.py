"""Figures the notebooks draw. Each function draws one figure and returns it.

In a notebook, assign the result (``fig = plots.timings(...)``): the inline backend shows the
figure once when the cell ends.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Rectangle

_TWO_CLASSES = ListedColormap(["#c0392b", "#2c5aa0"])  # class 0 red, class 1 blue


def timings(sizes: Sequence[int], seconds: Mapping[str, Sequence[float]],
            title: str = "Time against problem size") -> plt.Figure:
    """Log-log plot of run time against input size, one line per method, with speed-up labels.

    sizes: ``(k,)`` input sizes; seconds: ``{method: (k,) times}``. The first method is the
    baseline; the last point of every other line is labelled with its speed-up over it.
    """
    fig, ax = plt.subplots(figsize=(6.5, 4))
    names = list(seconds)
    for name in names:
        ax.loglog(sizes, seconds[name], "o-", label=name)
    base = np.asarray(seconds[names[0]])
    for name in names[1:]:
        speedup = base[-1] / seconds[name][-1]
        ax.annotate(f"{speedup:,.0f}x faster", (sizes[-1], seconds[name][-1]),
                    textcoords="offset points", xytext=(-10, 10), ha="right")
    return _finish(fig, ax, "number of elements", "seconds (best of several runs)", title)


def _finish(fig: plt.Figure, ax, xlabel: str, ylabel: str, title: str) -> plt.Figure:
    """Labels, title, a light grid and the legend; tight layout."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return fig


def functions(x: np.ndarray, curves: Mapping[str, np.ndarray], title: str = "") -> plt.Figure:
    """Plot several functions of the same ``(n,)`` input ``x`` on one set of axes."""
    fig, ax = plt.subplots(figsize=(6.5, 3.5))
    for label, y in curves.items():
        ax.plot(x, y, label=label)
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_xlabel("x")
    ax.set_title(title)
    ax.legend()
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig


def broadcasting(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> plt.Figure:
    """Draw how arrays of shapes ``shape_a`` and ``shape_b`` (at most 2-D) broadcast in ``a + b``.

    Each operand is drawn as a grid of cells in the result's shape: solid cells hold the array's
    own values, pale dashed cells are values repeated by broadcasting (not copied in memory).
    """
    a2, b2 = _as_2d(shape_a), _as_2d(shape_b)
    out = tuple(max(i, j) if 1 in (i, j) else i for i, j in zip(a2, b2))
    if any(i != j and 1 not in (i, j) for i, j in zip(a2, b2)):
        raise ValueError(f"shapes {shape_a} and {shape_b} do not broadcast")
    width = 3 * (out[1] + 1.5)
    fig, axes = plt.subplots(1, 3, figsize=(min(12, 1.2 + 0.55 * width), 0.6 + 0.55 * out[0] + 0.6))
    panels = [(f"a: shape {tuple(shape_a)}", a2), (f"b: shape {tuple(shape_b)}", b2),
              (f"a + b: shape {out}", out)]
    for ax, (title, own) in zip(axes, panels):
        for r in range(out[0]):
            for c in range(out[1]):
                real = r < own[0] and c < own[1]
                ax.add_patch(Rectangle((c, -r - 1), 1, 1, facecolor="#4c72b0" if real else "#dce6f2",
                                       edgecolor="black" if real else "#8aa",
                                       linestyle="-" if real else "--"))
        ax.set_xlim(-0.2, out[1] + 0.2)
        ax.set_ylim(-out[0] - 0.2, 0.2)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(title, fontsize=10)
    fig.suptitle("solid: the array's values; dashed: values repeated by broadcasting (not copied in memory)",
                 fontsize=9, y=0.02)
    return fig


def _as_2d(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) > 2:
        raise ValueError("only shapes with at most 2 dimensions can be drawn")
    return tuple((1,) * (2 - len(shape)) + tuple(shape))


def image_grid(images: np.ndarray, titles: Sequence[str] | None = None, ncols: int = 8,
               size: float = 1.3, suptitle: str = "", signed: bool = False) -> plt.Figure:
    """Show ``(k, h, w)`` grayscale or ``(k, h, w, 3)`` colour images in a grid, with titles.

    Images hold values in [0, 1]; with ``signed=True`` each image is drawn red (positive) and blue
    (negative) on its own symmetric scale instead (for weights: the patterns matter, not sizes).
    """
    k = len(images)
    ncols = max(1, min(ncols, k))
    nrows = int(np.ceil(k / ncols))
    height = nrows * (size + 0.35 * (titles is not None)) + 0.4 * bool(suptitle)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, height), squeeze=False, layout="constrained")
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < k:
            if signed:
                limit = float(np.max(np.abs(images[i]))) or 1.0
                ax.imshow(images[i], cmap="RdBu_r", vmin=-limit, vmax=limit)
            else:
                ax.imshow(images[i], cmap="gray" if images[i].ndim == 2 else None, vmin=0, vmax=1)
            if titles is not None:
                ax.set_title(titles[i], fontsize=8)
    if suptitle:
        fig.suptitle(suptitle)
    return fig


def learning_curves(curves: Mapping[str, Sequence[float]], every: int = 100,
                    title: str = "Cost during training") -> plt.Figure:
    """Cost against iteration, one line per run; ``curves[label][j]`` is the cost at ``j * every``."""
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for label, costs in curves.items():
        ax.plot(np.arange(len(costs)) * every, costs, label=label)
    return _finish(fig, ax, "iteration", "cost", title)


def weights_image(w: np.ndarray, shape: tuple[int, int], title: str = "Learned weights") -> plt.Figure:
    """Show an ``(n_x, 1)`` weight vector as an image of ``shape``: red pushes towards class 1."""
    fig, ax = plt.subplots(figsize=(3.6, 3.2))
    img = w.reshape(shape)
    limit = float(np.max(np.abs(img))) or 1.0
    shown = ax.imshow(img, cmap="RdBu_r", vmin=-limit, vmax=limit)
    fig.colorbar(shown, ax=ax, shrink=0.8)
    ax.axis("off")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def boundary_grid(X: np.ndarray, steps: int = 200, margin: float = 0.5):
    """A grid over the bounding box of ``X`` ``(2, m)``: ``(xx, yy, points)`` with points ``(2, steps^2)``."""
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, steps), np.linspace(y_min, y_max, steps))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def draw_boundary(ax, predict, X: np.ndarray, Y: np.ndarray, title: str = "") -> None:
    """On ``ax``: the regions where ``predict(points (2, k)) -> (1, k)`` says 0 or 1, and the data."""
    xx, yy, points = boundary_grid(X)
    zz = np.asarray(predict(points)).reshape(xx.shape)
    ax.contourf(xx, yy, zz, levels=[-0.5, 0.5, 1.5], colors=["#f4b6b6", "#b6cdf4"], alpha=0.8)
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=_TWO_CLASSES, s=10, edgecolors="k", linewidths=0.2)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])


def decision_boundaries(panels: Mapping[str, object], X: np.ndarray, Y: np.ndarray) -> plt.Figure:
    """One panel per ``{title: predict}``: each classifier's regions with the data on top."""
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 4), squeeze=False)
    for ax, (title, predict) in zip(axes.flat, panels.items()):
        draw_boundary(ax, predict, X, Y, title)
    fig.tight_layout()
    return fig


def scatter_classes(X: np.ndarray, Y: np.ndarray, title: str = "") -> plt.Figure:
    """The points of ``X`` ``(2, m)`` coloured by ``Y`` ``(1, m)``."""
    fig, ax = plt.subplots(figsize=(4.5, 4.2))
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=_TWO_CLASSES, s=12, edgecolors="k", linewidths=0.2)
    ax.set_title(title)
    ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    return fig


def accuracy_curve(xs: Sequence[float], accuracies: Mapping[str, Sequence[float]], xlabel: str,
                   title: str = "") -> plt.Figure:
    """Accuracy (in %) against a setting, one line per data split, with a log x axis if it spans decades."""
    fig, ax = plt.subplots(figsize=(6, 3.8))
    for label, acc in accuracies.items():
        ax.plot(xs, 100 * np.asarray(acc), "o-", label=label)
    if max(xs) / max(min(xs), 1e-12) >= 20:
        ax.set_xscale("log")
    return _finish(fig, ax, xlabel, "accuracy (%)", title)


# --------------------------------------------------------------------------- u05: optimization


def ewa_bias_correction(series: np.ndarray, betas: Sequence[float] = (0.9, 0.98), zoom: int = 40,
                        title: str = "Exponentially weighted averages") -> plt.Figure:
    """A noisy ``(T,)`` series with its exponentially weighted averages, with and without bias correction.

    For each beta: ``v_t = beta v_{t-1} + (1 - beta) theta_t`` from ``v_0 = 0`` (dashed) and
    ``v_t / (1 - beta^t)`` (solid). The right panel zooms on the first ``zoom`` steps, where the
    uncorrected averages start near 0, far below the data.
    """
    series = np.asarray(series, dtype=float)
    steps = np.arange(1, len(series) + 1)
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), gridspec_kw={"width_ratios": [1.6, 1]})
    for ax, last in zip(axes, (len(series), zoom)):
        ax.plot(steps[:last], series[:last], ".", color="0.6", ms=4, label="data")
        for beta, color in zip(betas, ("#2c5aa0", "#c0392b", "#27864a", "#8e44ad")):
            v, averages = 0.0, []
            for theta in series[:last]:
                v = beta * v + (1 - beta) * theta
                averages.append(v)
            averages = np.array(averages)
            ax.plot(steps[:last], averages, "--", color=color, lw=1.3, label=f"beta = {beta}, uncorrected")
            ax.plot(steps[:last], averages / (1 - beta ** steps[:last]), color=color, lw=1.8,
                    label=f"beta = {beta}, corrected")
        ax.set_xlabel("t")
        ax.grid(True, alpha=0.3)
    axes[0].set_title(title)
    axes[1].set_title(f"the first {zoom} steps")
    axes[0].legend(fontsize=8, ncol=2)
    fig.tight_layout()
    return fig


def lr_schedules(epochs: np.ndarray, curves: Mapping[str, Sequence[float]],
                 title: str = "Learning-rate decay") -> plt.Figure:
    """Learning rate against epoch, one line per schedule."""
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    for label, rates in curves.items():
        ax.plot(epochs, rates, label=label)
    return _finish(fig, ax, "epoch", "learning rate", title)


def cost_curves(curves: Mapping[str, Sequence[float]], xlabel: str = "epoch", log: bool = True,
                title: str = "Cost during training") -> plt.Figure:
    """Cost against epoch (or step), one line per run; a log y axis by default."""
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for label, costs in curves.items():
        ax.plot(np.arange(len(costs)), costs, label=label)
    if log:
        ax.set_yscale("log")
    return _finish(fig, ax, xlabel, "cost", title)


def random_search(learning_rates: Mapping[str, Sequence[float]], scores: Mapping[str, Sequence[float]],
                  ylabel: str = "training accuracy", best: str = "max",
                  title: str = "Random search for the learning rate") -> plt.Figure:
    """Scatter of trials: score against learning rate on a log axis, one colour per group of trials.

    ``learning_rates[name]`` and ``scores[name]`` are ``(k,)``; the best trial of each group
    (``best`` = "max" or "min") is circled and labelled.
    """
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for name in learning_rates:
        rates, values = np.asarray(learning_rates[name]), np.asarray(scores[name])
        points = ax.scatter(rates, values, s=28, alpha=0.8, label=name)
        i = int(np.nanargmax(values) if best == "max" else np.nanargmin(values))
        ax.scatter(rates[i], values[i], s=160, facecolors="none", edgecolors=points.get_facecolor()[0], lw=1.5)
        ax.annotate(f"{rates[i]:.2g}", (rates[i], values[i]), textcoords="offset points", xytext=(6, 6), fontsize=8)
    ax.set_xscale("log")
    return _finish(fig, ax, "learning rate (log scale)", ylabel, title)


def feature_histograms(before: np.ndarray, after: np.ndarray, titles: Sequence[str] = ("before", "after"),
                       bins: int = 30) -> plt.Figure:
    """Histograms of each feature (row) of two ``(n, m)`` arrays, side by side, one colour per feature."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))
    for ax, values, title in zip(axes, (before, after), titles):
        for i, row in enumerate(values):
            ax.hist(row, bins=bins, alpha=0.5, label=f"feature {i + 1}")
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return fig


def running_averages(history: np.ndarray, targets: np.ndarray, ylabel: str = "running mean",
                     title: str = "Running averages during training") -> plt.Figure:
    """``history`` ``(steps, n)``: a running statistic of ``n`` features per step; dashed lines at ``targets`` ``(n,)``."""
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    for i in range(history.shape[1]):
        line, = ax.plot(np.arange(1, len(history) + 1), history[:, i], label=f"feature {i + 1}")
        ax.axhline(targets[i], color=line.get_color(), ls="--", lw=1)
    return _finish(fig, ax, "training step (mini-batch)", ylabel, title)


def multiclass_regions(predict, X: np.ndarray, labels: np.ndarray, title: str = "") -> plt.Figure:
    """The regions where ``predict(points (2, k)) -> (k,)`` class indices, with the points of ``X`` ``(2, m)``."""
    labels = np.ravel(labels).astype(int)
    n_classes = int(labels.max()) + 1
    colors = ["#c0392b", "#2c5aa0", "#27864a", "#e67e22", "#8e44ad", "#16a085"][:n_classes]
    xx, yy, points = boundary_grid(X)
    zz = np.asarray(predict(points)).reshape(xx.shape)
    fig, ax = plt.subplots(figsize=(4.8, 4.3))
    ax.contourf(xx, yy, zz, levels=np.arange(n_classes + 1) - 0.5, colors=colors, alpha=0.25)
    ax.scatter(X[0], X[1], c=labels, cmap=ListedColormap(colors), vmin=-0.5, vmax=n_classes - 0.5, s=12,
               edgecolors="k", linewidths=0.2)
    ax.set_title(title)
    ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- u04: practical aspects


def scatter_panels(panels: Mapping[str, tuple[np.ndarray, np.ndarray]], equal: bool = True) -> plt.Figure:
    """One scatter per ``{title: (X (2, m), Y (1, m))}``, side by side; ``equal``: same scale on both axes."""
    fig, axes = plt.subplots(1, len(panels), figsize=(4.4 * len(panels), 4), squeeze=False)
    for ax, (title, (X, Y)) in zip(axes.flat, panels.items()):
        ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=_TWO_CLASSES, s=10, edgecolors="k", linewidths=0.2)
        if equal:
            ax.set_aspect("equal", adjustable="datalim")
        ax.set_xlabel("feature 1")
        ax.set_ylabel("feature 2")
        ax.set_title(title, fontsize=10)
        ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig


def signal_spread(spreads: Mapping[str, Mapping[str, tuple[np.ndarray, np.ndarray]]],
                  floor: float = 1e-40) -> plt.Figure:
    """Spread of activations (top row) and gradients (bottom row) layer by layer, one column per activation.

    spreads: ``{activation: {initialisation: (act_std (L + 1,), grad_std (L + 1,))}}``. Standard
    deviations are drawn on a log scale; exact zeros (all units equal) are drawn at ``floor`` with
    hollow markers.
    """
    fig, axes = plt.subplots(2, len(spreads), figsize=(5.4 * len(spreads), 7.4), squeeze=False, sharex=True)
    for column, (activation, by_init) in enumerate(spreads.items()):
        for row, what in enumerate(("activations A[l]", "gradients dA[l]")):
            ax = axes[row, column]
            for i, (name, stats) in enumerate(by_init.items()):
                values = np.asarray(stats[row], dtype=float)
                layers = np.arange(len(values))
                color = f"C{i}"
                shown = np.where(values > floor, values, np.nan)
                ax.semilogy(layers, shown, "o-", ms=3, color=color, label=name)
                zero = ~(values > floor)
                if zero.any():
                    ax.semilogy(layers[zero], np.full(zero.sum(), floor), "o", ms=4, mfc="none", color=color)
                    ax.annotate(f"{name}: exactly 0", (layers[zero][0], floor), textcoords="offset points",
                                xytext=(0, 6), fontsize=8, color=color)
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.set_title(f"{activation}: spread of the {what}", fontsize=10)
            ax.set_ylabel("standard deviation")
            ax.grid(True, which="major", alpha=0.3)
            if row == 1:
                ax.set_xlabel("layer l")
        axes[0, column].legend(fontsize=8)
    fig.tight_layout()
    return fig


def finite_difference_errors(epsilons: np.ndarray, errors: Mapping[str, np.ndarray],
                             title: str = "Error of finite differences") -> plt.Figure:
    """Log-log plot of the error of each finite-difference formula against the step ``epsilon``."""
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for label, err in errors.items():
        ax.loglog(epsilons, np.maximum(err, 1e-17), "o-", ms=3, label=label)
    ax.invert_xaxis()
    return _finish(fig, ax, "step epsilon (smaller to the right)", "|approximation - exact derivative|", title)


def gradient_errors(errors: Mapping[str, float], threshold: float = 1e-7,
                    title: str = "Relative error of each gradient") -> plt.Figure:
    """Bars of ``{parameter: relative error}`` on a log scale; red above ``threshold`` (dashed line)."""
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    names, values = list(errors), np.maximum(np.array(list(errors.values()), dtype=float), 1e-16)
    ax.bar(names, values, color=["#c0392b" if v > threshold else "#2c8a4b" for v in values])
    ax.axhline(threshold, color="k", ls="--", lw=1)
    ax.annotate(f"threshold {threshold:g}", (len(names) - 0.5, threshold), textcoords="offset points",
                xytext=(-2, 3), ha="right", fontsize=8)
    ax.set_yscale("log")
    ax.set_ylim(min(1e-12, values.min() / 3), max(1.0, values.max() * 3))
    for x, v in enumerate(values):
        ax.annotate(f"{v:.1e}", (x, v), textcoords="offset points", xytext=(0, 3), ha="center", fontsize=8)
    ax.set_ylabel("relative error")
    ax.set_title(title)
    ax.grid(True, axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def draw_accuracy_bars(ax, results: Mapping[str, tuple[float, float]], best: float | None = None) -> None:
    """On ``ax``: train and test accuracy (in %) of each ``{model: (train, test)}``, side by side."""
    x = np.arange(len(results))
    train, test = (100 * np.array([r[i] for r in results.values()]) for i in (0, 1))
    for offset, values, label, color in ((-0.2, train, "train", "#7f9fcf"), (0.2, test, "test", "#2c5aa0")):
        ax.bar(x + offset, values, 0.4, label=label, color=color)
        for xi, v in zip(x + offset, values):
            ax.annotate(f"{v:.1f}", (xi, v), textcoords="offset points", xytext=(0, 2), ha="center", fontsize=8)
    if best is not None:
        ax.axhline(100 * best, color="k", ls=":", lw=1, label=f"best possible, about {100 * best:.0f}%")
    ax.set_xticks(x, list(results), fontsize=9)
    ax.set_ylim(50, 116)
    ax.set_yticks(range(50, 101, 10))
    ax.set_ylabel("accuracy (%)")
    ax.legend(fontsize=8, loc="upper center", ncol=3)
    ax.grid(True, axis="y", alpha=0.3)


def accuracy_bars(results: Mapping[str, tuple[float, float]], best: float | None = None,
                  title: str = "Train and test accuracy") -> plt.Figure:
    """Grouped bars of ``{model: (train accuracy, test accuracy)}`` (fractions), see :func:`draw_accuracy_bars`."""
    fig, ax = plt.subplots(figsize=(1.9 * len(results) + 2.5, 3.8))
    draw_accuracy_bars(ax, results, best)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def weight_histograms(models: Mapping[str, dict], title: str = "All weights W1, W2, W3") -> plt.Figure:
    """Histograms (log counts) of the weights of each ``{model: parameters}`` on shared bins."""
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    weights = {name: np.concatenate([v.ravel() for k, v in p.items() if k[0] == "W"]) for name, p in models.items()}
    limit = max(float(np.max(np.abs(w))) for w in weights.values())
    bins = np.linspace(-limit, limit, 61)
    for name, w in weights.items():
        ax.hist(w, bins=bins, histtype="step", lw=1.6,
                label=f"{name}: sum of squares {np.sum(w ** 2):.0f}")
    ax.set_yscale("log")
    return _finish(fig, ax, "weight value", "number of weights", title)


def boundaries_with_curve(panels: Mapping[str, object], X: np.ndarray, Y: np.ndarray, curve) -> plt.Figure:
    """As :func:`decision_boundaries`, with the true boundary ``x_2 = curve(x_1)`` dashed on every panel."""
    fig = decision_boundaries(panels, X, Y)
    for ax in fig.axes:
        left, right = ax.get_xlim()
        x1 = np.linspace(left, right, 200)
        ax.plot(x1, curve(x1), "k--", lw=1.2)
        ax.set_xlim(left, right)
    return fig


def layer_graph(n_prev: int | None = None, n: int | None = None, m: int | None = None,
                activation: str = "relu") -> plt.Figure:
    """The computation graph of one dense layer ``l``: forward pass on top, backward pass below.

    Boxes are operations; the label on each arrow names the array flowing along it and its shape
    (with the numbers ``n_prev`` = n[l-1], ``n`` = n[l], ``m`` filled in when all three are given);
    dashed arrows are the caches the forward pass keeps for the backward pass.
    """
    def shape(rows: str, cols: str, r, c) -> str:
        symbolic = f"$({rows}, {cols})$"
        return symbolic if None in (n_prev, n, m) else f"{symbolic} = ({r}, {c})"

    g = {"relu": r"\max(Z, 0)", "sigmoid": r"\sigma(Z)"}[activation]
    g_prime = {"relu": r"\mathbb{1}[Z > 0]", "sigmoid": r"\sigma(Z)(1 - \sigma(Z))"}[activation]
    fig, ax = plt.subplots(figsize=(11, 6.2))
    ax.set_xlim(0, 14)
    ax.set_ylim(-0.4, 8.6)
    ax.axis("off")
    op = dict(boxstyle="round,pad=0.5", facecolor="#dce6f2", edgecolor="#2c5aa0")
    back = dict(boxstyle="round,pad=0.5", facecolor="#f6e0d4", edgecolor="#c0392b")
    array = dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor="grey")
    boxes = {
        "A_prev": ax.text(0.9, 6, "$A^{[l-1]}$", ha="center", va="center", fontsize=12, bbox=array),
        "W": ax.text(4.1, 8.1, "$W^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "b": ax.text(5.9, 8.1, "$b^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "linear": ax.text(5, 6, "linear\n$Z = W^{[l]} A^{[l-1]} + b^{[l]}$", ha="center", va="center",
                          fontsize=11, bbox=op),
        "act": ax.text(9.9, 6, f"{activation}\n$A = {g}$", ha="center", va="center", fontsize=11, bbox=op),
        "A": ax.text(13.2, 6, "$A^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "dA": ax.text(13.2, 2.2, "$dA^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "act_back": ax.text(9.9, 2.2, f"{activation} backward\n$dZ = dA^{{[l]}} \\odot {g_prime}$",
                            ha="center", va="center", fontsize=11, bbox=back),
        "linear_back": ax.text(5, 2.2, "linear backward\n$dW = \\frac{1}{m} dZ A^{[l-1]T}$, "
                               "$db = \\frac{1}{m} \\sum_i dZ^{(i)}$\n$dA^{[l-1]} = W^{[l]T} dZ$",
                               ha="center", va="center", fontsize=11, bbox=back),
        "dA_prev": ax.text(0.9, 2.2, "$dA^{[l-1]}$", ha="center", va="center", fontsize=12, bbox=array),
        "dW": ax.text(3.6, 0.0, "$dW^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "db": ax.text(6.4, 0.0, "$db^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
    }
    edges = [  # (from, anchor on it, to, anchor on it, label, label position, style)
        ("A_prev", (1, 0.5), "linear", (0, 0.5), shape("n^{[l-1]}", "m", n_prev, m), (1.95, 6.35), "-"),
        ("W", (0.5, 0), "linear", (0.3, 1), shape("n^{[l]}", "n^{[l-1]}", n, n_prev), (2.75, 7.2), "-"),
        ("b", (0.5, 0), "linear", (0.7, 1), shape("n^{[l]}", "1", n, 1), (7.15, 7.2), "-"),
        ("linear", (1, 0.5), "act", (0, 0.5), "Z: " + shape("n^{[l]}", "m", n, m), (7.85, 6.35), "-"),
        ("act", (1, 0.5), "A", (0, 0.5), shape("n^{[l]}", "m", n, m), (11.95, 6.35), "-"),
        ("dA", (0, 0.5), "act_back", (1, 0.5), shape("n^{[l]}", "m", n, m), (12.1, 2.6), "-"),
        ("act_back", (0, 0.5), "linear_back", (1, 0.5), "dZ: " + shape("n^{[l]}", "m", n, m), (7.75, 2.6), "-"),
        ("linear_back", (0, 0.5), "dA_prev", (1, 0.5), shape("n^{[l-1]}", "m", n_prev, m), (1.75, 1.85), "-"),
        ("linear_back", (0.3, 0), "dW", (0.5, 1), shape("n^{[l]}", "n^{[l-1]}", n, n_prev), (2.2, 0.85), "-"),
        ("linear_back", (0.7, 0), "db", (0.5, 1), shape("n^{[l]}", "1", n, 1), (7.5, 0.85), "-"),
        ("linear", (0.5, 0), "linear_back", (0.5, 1), "cache: $(A^{[l-1]}, W^{[l]}, b^{[l]})$", (5.1, 4.45), "--"),
        ("act", (0.5, 0), "act_back", (0.5, 1), "cache: $Z$", (10.0, 4.45), "--"),
    ]
    for start, start_at, end, end_at, label, where, style in edges:
        ax.annotate("", xy=end_at, xycoords=boxes[end], xytext=start_at, textcoords=boxes[start],
                    arrowprops=dict(arrowstyle="-|>", linestyle=style, color="#444", lw=1.3,
                                    shrinkA=2, shrinkB=2))
        ax.text(*where, label, ha="left" if style == "--" else "center", va="center", fontsize=9,
                color="#555" if style == "--" else "black")
    ax.text(0.1, 8.4, "forward", fontsize=11, color="#2c5aa0", weight="bold")
    ax.text(0.1, 4.0, "backward", fontsize=11, color="#c0392b", weight="bold")
    ax.set_title(f"One layer l ({activation}): the arrays on each edge, with their shapes")
    fig.tight_layout()
    return fig


def weight_images(W: np.ndarray, shape: tuple[int, int], titles: Sequence[str] | None = None,
                  ncols: int = 8, size: float = 1.5, suptitle: str = "") -> plt.Figure:
    """Show each row of ``W`` ``(k, h * w)`` as an ``(h, w)`` image: red positive, blue negative.

    Each image has its own symmetric colour scale (the patterns matter, not their sizes).
    """
    return image_grid(W.reshape(-1, *shape), titles, ncols, size, suptitle, signed=True)


def learning_curves_log(curves: Mapping[str, Sequence[float]], every: int = 100,
                        title: str = "Cost during training") -> plt.Figure:
    """As :func:`learning_curves`, with a logarithmic cost axis (for costs that span several decades)."""
    fig = learning_curves(curves, every, title)
    fig.axes[0].set_yscale("log")
    return fig


# --------------------------------------------------------------------------- u07: convolutions


def conv_speedup(labels: Sequence[str], loop_seconds: Sequence[float], fast_seconds: Sequence[float],
                 title: str = "Loops against the vectorised layers") -> plt.Figure:
    """Bars of the time of loop and vectorised versions of the same layers (log scale), with the speed-up."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    x = np.arange(len(labels))
    ax.bar(x - 0.2, loop_seconds, 0.4, label="loops (your functions)", color="#c0392b")
    ax.bar(x + 0.2, fast_seconds, 0.4, label="vectorised (course.nn.conv)", color="#2c5aa0")
    for k, (slow, fast) in enumerate(zip(loop_seconds, fast_seconds)):
        ax.text(k, slow * 1.15, f"x{slow / fast:.0f}", ha="center", va="bottom", fontsize=10)
    ax.set_yscale("log")
    ax.set_xticks(x, labels)
    ax.set_ylabel("seconds (log scale)")
    ax.set_ylim(top=max(loop_seconds) * 4)
    ax.set_title(title)
    ax.legend(loc="upper right")
    fig.tight_layout()
    return fig


def feature_map(image: np.ndarray, kernel: np.ndarray, output: np.ndarray, title: str = "") -> plt.Figure:
    """A grey image (H, W), a kernel (f, f) with its values written in, and the feature map it gives."""
    fig = plt.figure(figsize=(11, 4))
    ax_in, ax_k, ax_out = fig.subplots(1, 3, gridspec_kw={"width_ratios": [3, 1.2, 3]})
    ax_in.imshow(image, cmap="gray")
    ax_in.set_title(f"input {image.shape[0]} x {image.shape[1]}")
    bound = float(np.max(np.abs(kernel))) or 1.0
    ax_k.imshow(kernel, cmap="RdBu_r", vmin=-bound, vmax=bound)
    for (i, j), value in np.ndenumerate(kernel):  # white text on the dark (strong) cells
        ax_k.text(j, i, f"{value:.2g}", ha="center", va="center", fontsize=9,
                  color="white" if abs(value) > 0.6 * bound else "black")
    ax_k.set_title(f"kernel {kernel.shape[0]} x {kernel.shape[1]}")
    bound = float(np.percentile(np.abs(output), 99)) or 1.0
    ax_out.imshow(output, cmap="RdBu_r", vmin=-bound, vmax=bound)
    ax_out.set_title(f"feature map {output.shape[0]} x {output.shape[1]}")
    for ax in (ax_in, ax_k, ax_out):
        ax.set_xticks([])
        ax.set_yticks([])
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def distance_timings(seconds: Mapping[str, float], title: str = "Distance matrix: time per version") -> plt.Figure:
    """Horizontal bars of the run time of each version (log scale), labelled with seconds and speed-up."""
    names, values = list(seconds), np.array([seconds[n] for n in seconds], dtype=float)
    fig, ax = plt.subplots(figsize=(7, 0.6 * len(names) + 1.2), layout="constrained")
    ax.barh(names, values, color=["#c0392b", "#e67e22", "#27ae60"][:len(names)] + ["#7f8c8d"] * (len(names) - 3))
    ax.set_xscale("log")
    ax.invert_yaxis()
    fastest = values.min()
    for i, v in enumerate(values):
        ax.text(v, i, f"  {v * 1e3:.1f} ms  ({v / fastest:.0f}x the fastest)", va="center", fontsize=9)
    ax.set_xlim(fastest / 3, values.max() * 30)
    ax.set_xlabel("seconds (log scale)")
    ax.set_title(title)
    return fig


def cross_validation_accuracy(k_choices: Sequence[int], accuracies: np.ndarray,
                              title: str = "k-fold cross-validation of kNN") -> plt.Figure:
    """Each fold's accuracy (dots) and the mean with one standard deviation (error bars) against k.

    accuracies: ``(len(k_choices), num_folds)``.
    """
    accuracies = np.asarray(accuracies, dtype=float)
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    for i, k in enumerate(k_choices):
        ax.scatter([k] * accuracies.shape[1], accuracies[i], color="#95a5a6", s=14, zorder=2)
    mean, std = accuracies.mean(axis=1), accuracies.std(axis=1)
    ax.errorbar(k_choices, mean, yerr=std, color="#2c3e50", marker="o", capsize=4, zorder=3,
                label="mean over folds, +- 1 std")
    best = int(np.argmax(mean))
    ax.scatter([k_choices[best]], [mean[best]], s=160, facecolors="none", edgecolors="#c0392b", zorder=4,
               label=f"best: k = {k_choices[best]}")
    ax.set_xlabel("k (number of neighbours)")
    ax.set_ylabel("validation accuracy")
    ax.set_title(title)
    ax.legend(loc="lower left")
    return fig


def gradient_norms_by_depth(norms: Mapping[str, Sequence[float]],
                            title: str = "Gradient size at each block, at initialisation") -> plt.Figure:
    """One line per network: the norm of dL/d(input of block k) against k (log scale), first block left."""
    fig, ax = plt.subplots(figsize=(7, 3.8))
    for name, values in norms.items():
        ax.plot(np.arange(1, len(values) + 1), values, "o-", label=name)
    ax.set_yscale("log")
    ax.set_xlabel("block (1 = nearest the input)")
    ax.set_ylabel("norm of the gradient (log scale)")
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    return fig
