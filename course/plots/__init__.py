"""Figures the notebooks draw, one module per topic. Each function draws one figure and returns it.

In a notebook, assign the result (``fig = plots.timings(...)``): the inline backend shows the
figure once when the cell ends. Functions named ``draw_*`` draw onto axes (or a figure) they are
given, for explorers and for figures made of several panels.

Modules: ``basics`` (timings, functions, broadcasting, learning and accuracy curves), ``images``
(image and weight grids), ``boundaries`` (2-D data and decision regions), ``graphs`` (a layer's
computation graph), ``initialization``, ``regularization`` and ``gradcheck`` (u04),
``optimization`` (u05), ``linear`` (u06), ``cnn`` (u07). Every name is also here, so
``from course.plots import image_grid`` and ``plots.image_grid`` work. This package is student-side:
it is copied into the grading sandbox and imports only NumPy and matplotlib.
"""
from .basics import (accuracy_curve, broadcasting, cost_curves, functions, learning_curves,
                     learning_curves_log, timings)
from .boundaries import (boundaries_with_curve, boundary_grid, decision_boundaries, draw_boundary,
                         multiclass_regions, scatter_classes, scatter_panels)
from .cnn import conv_speedup, draw_feature_map, feature_map, gradient_norms_by_depth
from .gradcheck import finite_difference_errors, gradient_errors
from .graphs import layer_graph
from .images import image_grid, weight_images, weights_image
from .initialization import signal_spread
from .linear import cross_validation_accuracy, distance_timings
from .optimization import ewa_bias_correction, feature_histograms, lr_schedules, random_search, running_averages
from .regularization import accuracy_bars, draw_accuracy_bars, weight_histograms

__all__ = [
    "accuracy_curve", "broadcasting", "cost_curves", "functions", "learning_curves", "learning_curves_log",
    "timings", "boundaries_with_curve", "boundary_grid", "decision_boundaries", "draw_boundary",
    "multiclass_regions", "scatter_classes", "scatter_panels", "conv_speedup", "draw_feature_map",
    "feature_map", "gradient_norms_by_depth", "finite_difference_errors", "gradient_errors", "layer_graph",
    "image_grid", "weight_images", "weights_image", "signal_spread", "cross_validation_accuracy",
    "distance_timings", "ewa_bias_correction", "feature_histograms", "lr_schedules", "random_search",
    "running_averages", "accuracy_bars", "draw_accuracy_bars", "weight_histograms",
]
