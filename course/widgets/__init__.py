"""Interactive explorers built on ipywidgets 8 and matplotlib, one module per explorer.

``base`` holds what they share (:class:`Explorer`: controls that wrap onto rows, a busy state, the
figure shown as PNG bytes in an ``ipywidgets.Image``); ``thresholds`` (u01), ``boundaries`` (u02),
``regularization`` (u04), ``optimizers`` (u05) and ``kernels`` (u07) hold one explorer each, with
the function a notebook calls (``widgets.boundary_explorer()``). Every public name is also here.

When ``NBGRADER_EXECUTION`` is set (nbgrader is running the notebook to validate or grade it),
an explorer observes no control and shows one static image at its default settings.
Explorers never belong in graded or test cells, and are not part of the grading sandbox.
"""
from .base import BUSY, Explorer, png_bytes, static_mode
from .boundaries import BoundaryExplorer, boundary_explorer
from .kernels import KERNELS, KernelExplorer, kernel_explorer
from .optimizers import OPTIMIZER_SURFACES, PATH_OPTIMIZERS, OptimizerPaths, optimizer_path, optimizer_paths
from .regularization import RegularizationExplorer, regularization_explorer
from .thresholds import ThresholdExplorer, threshold_explorer

__all__ = [
    "BUSY", "Explorer", "png_bytes", "static_mode", "BoundaryExplorer", "boundary_explorer", "KERNELS",
    "KernelExplorer", "kernel_explorer", "OPTIMIZER_SURFACES", "PATH_OPTIMIZERS", "OptimizerPaths",
    "optimizer_path", "optimizer_paths", "RegularizationExplorer", "regularization_explorer",
    "ThresholdExplorer", "threshold_explorer",
]
