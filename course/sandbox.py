"""The process in which ``course grade`` runs a student's answer cells: ``python -m course.sandbox``.

The parent (``course.grading``) writes a request file: the trusted setup cell, the student's answer
cells, and the arguments of every call to make. This process runs the setup and answer cells
only, calls each function, and writes back what each call returned or raised. It never compares
anything: the parent holds the references and judges the outcomes, so code in an answer cell
cannot change how it is judged. Results travel as a pickle that the parent reads with
:func:`load_results`, which accepts only plain containers, numbers and NumPy arrays.
"""
from __future__ import annotations

import contextlib
import io
import os
import pickle
import sys

SAFE_GLOBALS = {
    ("builtins", "complex"), ("builtins", "slice"), ("builtins", "frozenset"), ("builtins", "set"),
    ("numpy", "ndarray"), ("numpy", "dtype"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "scalar"),
    ("numpy.core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"),
    ("collections", "OrderedDict"),
}


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) in SAFE_GLOBALS or (module == "numpy.dtypes" and name.endswith("DType")):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"a result may not contain {module}.{name}")


def load_results(path: str) -> dict:
    """Read a result file written by this module, refusing anything but data."""
    with open(path, "rb") as f:
        return _SafeUnpickler(f).load()


def _is_plain(value) -> bool:
    """True if ``value`` is plain data that :func:`load_results` will accept."""
    try:
        _SafeUnpickler(io.BytesIO(pickle.dumps(value))).load()
        return True
    except Exception:  # noqa: BLE001
        return False


def _outcome(outcome) -> dict:
    """An Outcome as a dict of plain data; a value that is not plain data becomes an error."""
    if outcome.error is None and not _is_plain(outcome.value):
        return {"value": None, "used_reference": outcome.used_reference, "args_after": None,
                "used_forbidden": outcome.used_forbidden,
                "error": (f"returned an object of type {type(outcome.value).__name__}, which cannot be "
                          f"checked; return NumPy arrays, numbers, tuples or dicts")}
    args_after = outcome.args_after if _is_plain(outcome.args_after) else None
    return {"value": outcome.value, "error": outcome.error, "used_reference": outcome.used_reference,
            "args_after": args_after, "used_forbidden": outcome.used_forbidden}


def run(request: dict) -> dict:
    """Run the cells of ``request`` and make its calls; return ``{exercise id: [outcome dict]}``."""
    from .checks import get
    from .checks.runner import call_student
    from .notebooks import run_answer_cells

    namespace, errors = run_answer_cells(request["setup"], request["answers"])
    errors = {i: f"could not be defined: your answer cell raised {e}" for i, e in errors.items()}
    results = {}
    for exercise_id, calls in request["calls"].items():
        exercise = get(exercise_id)
        fn = namespace.get(exercise.name)
        outcomes = []
        for args in calls:
            if not callable(fn):
                outcome = {"error": errors.get(exercise_id) or "is not defined by your answer cell",
                           "value": None, "used_reference": False, "args_after": None, "used_forbidden": None}
            else:
                call = exercise.adapter(fn) if exercise.adapter else fn
                outcome = _outcome(call_student(call, args, exercise.reference, quiet=True,
                                                forbidden=exercise.forbidden))
            outcomes.append(outcome)
        results[exercise_id] = outcomes
    return results


def main(request_path: str, result_path: str) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    with open(request_path, "rb") as f:
        request = pickle.load(f)  # written by our parent process: trusted
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        results = run(request)
    with open(result_path, "wb") as f:
        pickle.dump(results, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
