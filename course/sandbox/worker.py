"""The program that runs a submission's answer cells inside the sandbox (stdlib and NumPy only).

    python -I -S worker.py RESULT_FD STAGE_DIR SITE_DIR ...

It reads frames (:mod:`course.sandbox.wire`) on file descriptor 0 and answers on ``RESULT_FD``:

1. ``{"op": "start", "setup", "answers", "stubs", "forbidden"}``: run the setup cell (the
   instructor's) and the answer cells, and answer ``{"errors": {exercise id: why}, "setup_error"}``;
2. ``{"op": "call", "exercise", "name", "adapter", "helpers", "forbidden", "calls"}``: call the
   function the answer cells defined on each argument tuple of ``calls`` and answer
   ``{"outcomes": [{"value", "error", "after", "forbidden"}]}``.

Nothing here judges: the host compares the outcomes with the references, which this process
never has. Modules the setup cell imports but the sandbox does not hold (``course.checks``,
``course.widgets``, ...) are stand-ins whose functions say they are not available while grading.
"""
from __future__ import annotations

import copy
import importlib.abc
import importlib.machinery
import importlib.util
import linecache
import os
import sys
import traceback
import types
import warnings

OUTPUT_CAP = 1 << 20   # bytes of stdout and of stderr kept from the answer cells
LAZY = ("course.plots",)  # student-side modules loaded on first use (see _LazyFinder)


class _CappedStream:
    """A text stream that writes to a descriptor until ``cap`` bytes, then drops the rest."""

    def __init__(self, fd: int, cap: int = OUTPUT_CAP):
        self.fd, self.left = fd, cap

    def write(self, text) -> int:
        data = str(text).encode("utf-8", "replace")[: max(self.left, 0)]
        self.left -= len(data)
        try:
            if data:
                os.write(self.fd, data)
        except OSError:
            self.left = 0
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Unavailable:
    """What a name of a module the sandbox does not hold stands for."""

    def __init__(self, name: str):
        self._name = name

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f"{self._name} is not available while grading: "
                           f"an answer may use NumPy and the helpers the notebook's first cell imports")

    def __getattr__(self, attribute):
        return _Unavailable(f"{self._name}.{attribute}")


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports of the given modules (and their submodules) give :class:`_Unavailable` stand-ins."""

    def __init__(self, names):
        self.names = tuple(names)

    def find_spec(self, fullname, path=None, target=None):
        if any(fullname == n or fullname.startswith(n + ".") for n in self.names):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__, module.__file__ = [], None
        module.__getattr__ = lambda attribute: _Unavailable(f"{spec.name}.{attribute}")
        return module

    def exec_module(self, module):
        pass


class _LazyFinder(importlib.abc.MetaPathFinder):
    """Imports of ``names`` (e.g. ``course.plots``, which pulls in matplotlib: 0.6 s) are only
    executed when an attribute is first used: setup cells import them, answers seldom use them."""

    def __init__(self, names):
        self.names = set(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


class _Tripwires:
    """NumPy functions an exercise may not call: each call is noted while its exercise runs."""

    def __init__(self, np, names):
        self.active: frozenset = frozenset()
        self.called: list[str] = []
        for name in names:
            original = getattr(np, name, None)
            if callable(original):
                setattr(np, name, self._wrap(name, original))

    def _wrap(self, name, original):
        def tripwire(*args, **kwargs):
            if name in self.active and not self.called:
                self.called.append(f"np.{name}")
            return original(*args, **kwargs)
        tripwire.__name__ = name
        tripwire.__doc__ = original.__doc__
        return tripwire


def _where(error: BaseException) -> str:
    """' (in f, line N: code)' for the innermost frame of the student's own cells, if any."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<answer")]
    if not frames:
        return ""
    frame = frames[-1]
    code = f": {frame.line.strip()}" if frame.line else ""
    return f" (in {frame.name}, line {frame.lineno}{code})"


def _describe(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:  # noqa: BLE001  a student's exception whose str() fails
        text = ""
    return f"raised {type(error).__name__}: {text[:500]}{_where(error)}"


def _run_cell(source: str, name: str, namespace: dict) -> None:
    lines = source.splitlines(True)
    linecache.cache[name] = (len(source), None, lines, name)
    code = "".join("\n" if line.lstrip().startswith(("%", "!")) else line for line in lines)
    exec(compile(code, name, "exec"), namespace)


def _fit_with(cls, losses):
    """The adapter of a class like LinearClassifier: ``(X, y, X_test, loss, ...)`` -> outputs."""
    import numpy as np

    def fit(X, y, X_test, loss, learning_rate, reg, num_iters, batch_size, seed):
        model = cls(losses[loss])
        history = model.train(X, y, learning_rate, reg, num_iters, batch_size, np.random.default_rng(seed))
        return np.asarray(history, dtype=np.float64), model.predict(X_test)
    return fit


class Worker:
    def __init__(self, wire, np):
        self.wire, self.np = wire, np
        self.namespace: dict = {"__name__": "__answers__"}
        self.tripwires = None

    def start(self, message) -> dict:
        sys.meta_path.append(_StubFinder(message.get("stubs", [])))  # after the real files
        sys.meta_path.insert(0, _LazyFinder(LAZY))
        self.tripwires = _Tripwires(self.np, message.get("forbidden", []))
        try:
            _run_cell(message["setup"], "<setup>", self.namespace)
        except BaseException as error:  # noqa: BLE001
            return {"errors": {}, "setup_error": _describe(error)}
        errors = {}
        for exercise, source in message["answers"].items():
            try:
                _run_cell(source, f"<answer {exercise}>", self.namespace)
            except BaseException as error:  # noqa: BLE001  an unfinished answer is graded as such
                errors[exercise] = f"{type(error).__name__}: {str(error)[:500]}"
        return {"errors": errors, "setup_error": None}

    def call(self, message, arrays) -> tuple[dict, list]:
        np, wire = self.np, self.wire
        fn = self.namespace.get(message["name"])
        if message.get("adapter") == "class_fit" and isinstance(fn, type):
            helpers = {"np": np}
            exec(compile(message.get("helpers", ""), "<helpers>", "exec"), helpers)
            fn = _fit_with(fn, helpers["LOSSES"])
        calls = wire.decode(message["calls"], arrays)
        outcomes, out_arrays = [], []
        for args in calls:
            outcome = {"value": None, "error": None, "after": None, "forbidden": None}
            if not callable(fn):
                outcome["error"] = "is not defined by your answer cell"
                outcomes.append(outcome)
                continue
            self.tripwires.active, self.tripwires.called = frozenset(message.get("forbidden", [])), []
            student_args = copy.deepcopy(args)
            try:
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    value = fn(*student_args)
            except Exception as error:  # noqa: BLE001  the student's bug
                outcome["error"] = _describe(error)
                value = student_args = None
            finally:
                self.tripwires.active = frozenset()
            outcome["forbidden"] = next(iter(self.tripwires.called), None)
            if outcome["error"] is None:
                try:
                    outcome["value"] = self._encode(value, out_arrays)
                except wire.NotData as error:
                    outcome["error"] = (f"returned an object of type {error}, which cannot be checked; "
                                        f"return NumPy arrays, numbers, tuples or dicts")
                try:
                    outcome["after"] = self._encode(list(student_args), out_arrays)
                except wire.NotData:
                    outcome["after"] = None
            outcomes.append(outcome)
        return {"outcomes": outcomes}, out_arrays

    def _encode(self, value, arrays: list):
        tree, new = self.wire.encode(value)
        offset = len(arrays)
        arrays.extend(new)
        return _shift(tree, offset)


def _shift(tree, offset: int):
    """A tree whose array indices are moved by ``offset`` (trees share one array list)."""
    if isinstance(tree, dict):
        (tag, body), = tree.items()
        if tag in ("array", "scalar"):
            return {tag: body + offset}
        if tag in ("list", "tuple"):
            return {tag: [_shift(x, offset) for x in body]}
        if tag == "dict":
            return {tag: [[_shift(k, offset), _shift(v, offset)] for k, v in body]}
    return tree


def _seed_font_cache(source: str, target: str | None) -> None:
    """Copy matplotlib's font list into its (empty, private) config folder: no rebuild per sandbox."""
    if not target or not os.path.isdir(source):
        return
    import shutil
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(source):
        shutil.copy(os.path.join(source, name), os.path.join(target, name))


def main(argv: list[str]) -> None:
    result_fd, stage, *site_dirs = argv
    sys.path[:0] = [stage, *site_dirs]
    results = int(result_fd)
    sys.stdout, sys.stderr = _CappedStream(1), _CappedStream(2)
    os.environ.setdefault("MPLBACKEND", "Agg")
    _seed_font_cache(os.path.join(stage, "mpl"), os.environ.get("MPLCONFIGDIR"))
    import numpy as np

    from course.sandbox import wire
    reader, worker = wire.Reader(0), Worker(wire, np)
    while True:
        try:
            message, arrays = reader.read()
        except EOFError:
            return
        if message.get("op") == "start":
            reply, out = worker.start(message), []
        elif message.get("op") == "call":
            reply, out = worker.call(message, arrays)
        else:
            return
        wire.write_frame(results, reply, out)


if __name__ == "__main__":
    main(sys.argv[1:])
