"""An open deep-learning course: deep learning from scratch in NumPy.

Subpackages: ``course.nn`` (reference implementations), ``course.checks`` (the exercise registry
and the checks notebooks call), ``course.data`` (offline datasets), ``course.plots`` (figures,
one module per topic), ``course.widgets`` (explorers, one module each); module ``course.cli``
(the ``course`` command).
"""
__version__ = "0.1.0"
