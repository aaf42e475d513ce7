"""The exercise registry and the checks that notebook test cells call.

    from course.checks import check
    check("numpy.sigmoid", sigmoid)                  # visible cases
    check("numpy.sigmoid", sigmoid, hidden=True)     # random cases against the reference
"""
from . import u00_numpy  # noqa: F401  (each unit module registers its exercises)
from .registry import REGISTRY, Case, Compare, Exercise, get, register
from .runner import CheckFailed, Result, check, run_check

__all__ = ["REGISTRY", "Case", "Compare", "Exercise", "CheckFailed", "Result",
           "check", "get", "register", "run_check"]
