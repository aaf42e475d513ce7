"""An HDF5 cache of generated or converted datasets, outside the repository.

The cache folder is ``$COURSE_DATA_DIR`` if set, else ``$XDG_CACHE_HOME/dl-course`` (by default
``~/.cache/dl-course``). Each dataset is one HDF5 file holding its arrays and a ``version``
attribute that encodes everything the arrays depend on (generator version, seed, sizes). A file
that is missing, unreadable or of another version is rebuilt; files are written to a temporary
name and renamed, so an interrupted build never leaves a half-written cache.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

import h5py
import numpy as np

ENV_VARIABLE = "COURSE_DATA_DIR"


def cache_dir() -> Path:
    """The folder of the dataset cache (created if needed)."""
    if os.environ.get(ENV_VARIABLE):
        folder = Path(os.environ[ENV_VARIABLE])
    else:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        folder = Path(base) / "dl-course"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cached(name: str, version: str, build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The arrays of dataset ``name``: read from the cache, or built by ``build()`` and stored.

    ``version`` must change whenever ``build`` would return different arrays.
    """
    path = cache_dir() / f"{name}.h5"
    arrays = _read(path, version)
    if arrays is not None:
        return arrays
    arrays = build()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".h5")
    os.close(fd)
    try:
        with h5py.File(tmp, "w") as f:
            for key, value in arrays.items():
                f.create_dataset(key, data=value)
            f.attrs["version"] = version
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return arrays


def _read(path: Path, version: str) -> dict[str, np.ndarray] | None:
    if not path.exists():
        return None
    try:
        with h5py.File(path, "r") as f:
            if f.attrs.get("version") != version:
                return None
            return {key: f[key][()] for key in f}
    except (OSError, KeyError):  # truncated or foreign file: rebuild it
        return None
