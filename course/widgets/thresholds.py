"""u01: move a classifier's decision threshold (precision, recall, F1, confusion matrix)."""
from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from ..nn.metrics import accuracy, confusion_matrix, precision_recall_f1
from .base import Explorer


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
