"""The exercise registry and the checks that notebook test cells call.

    from course.checks import check
    check("numpy.sigmoid", sigmoid)                  # visible cases
    check("numpy.sigmoid", sigmoid, hidden=True)     # random cases against the reference
"""
from . import u00_numpy, u01_logistic_regression, u02_shallow_nn  # noqa: F401  (units register their exercises)
from .registry import REGISTRY, Case, Compare, Exercise, get, register
from .runner import CheckFailed, Result, check, run_check

__all__ = ["REGISTRY", "Case", "Compare", "Exercise", "CheckFailed", "Result",
           "check", "get", "register", "run_check"]
