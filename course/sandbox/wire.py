"""The plain-data format between ``course grade`` and its sandbox (standard library and NumPy only).

A value is sent as a JSON tree plus the arrays it holds, stored with ``np.savez`` and read back
with ``allow_pickle=False``, so nothing the other side sends can run code here. A tree node is a
JSON number, string, boolean or null, or one of these tagged objects:

    {"list": [...]}, {"tuple": [...]}, {"dict": [[key, value], ...]},
    {"array": i}, {"scalar": i}       (array i of the .npz; a scalar is a 0-d array, e.g. np.float64)
    {"complex": [re, im]}, {"generator": state}   (a NumPy Generator, by its PCG64 state)

:func:`decode` checks every node, the depth, the number of nodes and the dtypes, and raises
:class:`WireError` on anything else. A frame on a pipe is one JSON header line (with the size of
the ``.npz`` that follows) and the ``.npz`` bytes: see :func:`pack` and :class:`Reader`.
"""
from __future__ import annotations

import io
import json
import os
import select
import time

import numpy as np

MAX_HEADER = 16 * 2**20        # bytes of JSON in one frame
MAX_ARRAYS = 256 * 2**20       # bytes of .npz in one frame
MAX_NODES = 200_000
MAX_DEPTH = 40
ARRAY_KINDS = "biufcU"         # bool, ints, floats, complex, str: never object or structured


class WireError(ValueError):
    """A value that is not plain data, or a frame that breaks the format."""


class NotData(TypeError):
    """Raised by :func:`encode` for an object that cannot be sent (a class instance, a function)."""


def encode(value) -> tuple[object, list[np.ndarray]]:
    """``(tree, arrays)`` for ``value``; raises :class:`NotData` for anything but plain data."""
    arrays: list[np.ndarray] = []

    def walk(v, depth):
        if depth > MAX_DEPTH:
            raise NotData("nested too deeply")
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, np.generic):
            if v.dtype.kind not in ARRAY_KINDS:
                raise NotData(type(v).__name__)
            arrays.append(np.asarray(v))
            return {"scalar": len(arrays) - 1}
        if isinstance(v, (int, float)):
            return int(v) if isinstance(v, int) else float(v)
        if isinstance(v, complex):
            return {"complex": [v.real, v.imag]}
        if isinstance(v, np.ndarray):
            if v.dtype.kind not in ARRAY_KINDS:
                raise NotData(f"array of dtype {v.dtype}")
            arrays.append(np.array(v, copy=True, subok=False))
            return {"array": len(arrays) - 1}
        if isinstance(v, np.random.Generator):
            return {"generator": v.bit_generator.state}
        if type(v) is tuple:
            return {"tuple": [walk(x, depth + 1) for x in v]}
        if type(v) is list:
            return {"list": [walk(x, depth + 1) for x in v]}
        if type(v) is dict:
            return {"dict": [[walk(k, depth + 1), walk(x, depth + 1)] for k, x in v.items()]}
        raise NotData(type(v).__name__)

    return walk(value, 0), arrays


def decode(tree, arrays: list[np.ndarray]):
    """The value of ``(tree, arrays)``; raises :class:`WireError` unless every node is plain data."""
    count = [0]

    def walk(node, depth):
        count[0] += 1
        if count[0] > MAX_NODES or depth > MAX_DEPTH:
            raise WireError("too large or too deeply nested")
        if node is None or isinstance(node, (bool, str, float)):
            return node
        if isinstance(node, int):
            return node
        if not isinstance(node, dict) or len(node) != 1:
            raise WireError("not a value node")
        (tag, body), = node.items()
        if tag in ("array", "scalar"):
            if type(body) is not int or not 0 <= body < len(arrays):
                raise WireError("bad array index")
            array = arrays[body]
            return array[()] if tag == "scalar" and array.ndim == 0 else array
        if tag == "complex" and isinstance(body, list) and len(body) == 2 \
                and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in body):
            return complex(body[0], body[1])
        if tag in ("list", "tuple") and isinstance(body, list):
            items = [walk(x, depth + 1) for x in body]
            return items if tag == "list" else tuple(items)
        if tag == "dict" and isinstance(body, list):
            out = {}
            for pair in body:
                if not isinstance(pair, list) or len(pair) != 2:
                    raise WireError("bad dict item")
                key = walk(pair[0], depth + 1)
                try:
                    hash(key)
                except TypeError:
                    raise WireError("unhashable dict key") from None
                out[key] = walk(pair[1], depth + 1)
            return out
        if tag == "generator" and isinstance(body, dict):
            generator = np.random.Generator(np.random.PCG64())
            try:
                generator.bit_generator.state = body
            except (TypeError, ValueError, KeyError):
                raise WireError("bad generator state") from None
            return generator
        raise WireError(f"unknown node {tag!r}")

    return walk(tree, 0)


def pack(message: dict, arrays: list[np.ndarray] = ()) -> bytes:
    """One frame: a JSON header line holding ``message`` and the size of the .npz, then the .npz."""
    blob = b""
    if arrays:
        buffer = io.BytesIO()
        np.savez(buffer, *arrays)
        blob = buffer.getvalue()
    header = json.dumps({"message": message, "n_arrays": len(arrays), "npz": len(blob)})
    return header.encode() + b"\n" + blob


def unpack_arrays(blob: bytes, n_arrays: int) -> list[np.ndarray]:
    """The arrays of a frame's .npz, refusing pickles and dtypes that are not plain data."""
    if not n_arrays:
        return []
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            arrays = [npz[f"arr_{i}"] for i in range(n_arrays)]
    except Exception as error:  # noqa: BLE001  anything unreadable is the sender's fault
        raise WireError(f"unreadable arrays ({type(error).__name__})") from None
    if any(a.dtype.kind not in ARRAY_KINDS for a in arrays):
        raise WireError("an array of a dtype that is not plain data")
    return arrays


class Reader:
    """Reads frames from a pipe's file descriptor, each within a deadline and a size cap."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buffer = b""

    def _fill(self, deadline: float | None) -> None:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            raise TimeoutError
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            raise EOFError
        self.buffer += chunk

    def read(self, deadline: float | None = None) -> tuple[dict, list[np.ndarray]]:
        """``(message, arrays)`` of the next frame; TimeoutError, EOFError or WireError."""
        while b"\n" not in self.buffer:
            if len(self.buffer) > MAX_HEADER:
                raise WireError("header too large")
            self._fill(deadline)
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            header = json.loads(line)
        except (ValueError, RecursionError):
            raise WireError("header is not JSON") from None
        if not isinstance(header, dict) or not isinstance(header.get("message"), dict) \
                or type(header.get("npz")) is not int or type(header.get("n_arrays")) is not int \
                or not 0 <= header["npz"] <= MAX_ARRAYS or not 0 <= header["n_arrays"] <= MAX_NODES:
            raise WireError("bad header")
        while len(self.buffer) < header["npz"]:
            self._fill(deadline)
        blob, self.buffer = self.buffer[:header["npz"]], self.buffer[header["npz"]:]
        return header["message"], unpack_arrays(blob, header["n_arrays"])


def write_frame(fd: int, message: dict, arrays: list[np.ndarray] = ()) -> None:
    """Write one frame to ``fd`` (all of it)."""
    data = memoryview(pack(message, arrays))
    while data:
        data = data[os.write(fd, data):]
