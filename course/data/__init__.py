"""Offline datasets: seeded generators and loaders of data shipped in pip packages, cached as HDF5.

Nothing here downloads. See :mod:`course.data.cache` for where the cache lives.
"""
from .cache import cache_dir, cached
from .faces import load_faces
from .planar import DATASETS, load_planar, make_flower

__all__ = ["cache_dir", "cached", "load_faces", "load_planar", "make_flower", "DATASETS"]
