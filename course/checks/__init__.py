"""The exercise registry and the checks that notebook test cells call.

    from course.checks import check
    check("numpy.sigmoid", sigmoid)                  # visible cases
    check("numpy.sigmoid", sigmoid, hidden=True)     # random cases against the reference

Each unit declares its exercises in a module ``course/checks/uNN_<name>.py``; every such module
is imported here, which registers them.
"""
import importlib
import pkgutil

from .registry import REGISTRY, Case, Compare, Exercise, get, register
from .runner import CheckFailed, Result, check, run_check, summary

for _unit in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name[:1] == "u" and m.name[1:3].isdigit()):
    importlib.import_module(f"{__name__}.{_unit}")

__all__ = ["REGISTRY", "Case", "Compare", "Exercise", "CheckFailed", "Result",
           "check", "get", "register", "run_check", "summary"]
