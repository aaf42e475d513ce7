"""An open deep-learning course: deep learning from scratch in NumPy.

Subpackages: ``course.nn`` (reference implementations), ``course.checks`` (the exercise registry
and the checks notebooks call), ``course.data`` (offline datasets); modules ``course.plots``
(figures) and ``course.cli`` (the ``course`` command).
"""
__version__ = "0.1.0"
