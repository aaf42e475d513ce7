"""Offline datasets: the HDF5 cache (where it lives, rebuilt when missing or stale) and the loaders."""
from __future__ import annotations

import numpy as np
import pytest

from course.data import cache, load_faces, load_planar
from course.data.planar import DATASETS, load_pinwheel, make_pinwheel
from course.nn import logistic
from course.nn.metrics import accuracy


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cache_folder_follows_the_environment(tmp_cache, monkeypatch):
    assert cache.cache_dir() == tmp_cache and tmp_cache.is_dir()
    monkeypatch.delenv(cache.ENV_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_cache.parent / "xdg"))
    assert cache.cache_dir() == tmp_cache.parent / "xdg" / "dl-course"


def test_cache_builds_once_then_reads(tmp_cache):
    calls = []

    def build():
        calls.append(1)
        return {"a": np.arange(3.0)}

    first = cache.cached("thing", "v1", build)
    second = cache.cached("thing", "v1", build)
    assert len(calls) == 1 and (tmp_cache / "thing.h5").exists()
    np.testing.assert_array_equal(first["a"], second["a"])


def test_cache_rebuilds_when_stale_or_corrupt(tmp_cache):
    cache.cached("thing", "v1", lambda: {"a": np.zeros(2)})
    assert cache.cached("thing", "v2", lambda: {"a": np.ones(2)})["a"].tolist() == [1.0, 1.0]
    (tmp_cache / "thing.h5").write_bytes(b"not an HDF5 file")
    assert cache.cached("thing", "v2", lambda: {"a": np.full(2, 7.0)})["a"].tolist() == [7.0, 7.0]
    assert sorted(p.name for p in tmp_cache.iterdir()) == ["thing.h5"]  # no temporary files left


def test_faces_split_is_fixed_balanced_and_disjoint(tmp_cache):
    train_x, train_y, test_x, test_y, classes = load_faces()
    assert train_x.shape == (150, 25, 25) and test_x.shape == (50, 25, 25)
    assert train_y.shape == (1, 150) and test_y.shape == (1, 50)
    assert train_y.mean() == 0.5 and test_y.mean() == 0.5 and list(classes) == ["non-face", "face"]
    assert 0.0 <= train_x.min() and train_x.max() <= 1.0
    flat_train = {x.tobytes() for x in train_x}
    assert not any(x.tobytes() in flat_train for x in test_x)
    again = load_faces()
    np.testing.assert_array_equal(again[0], train_x)  # read back from the cache
    assert (tmp_cache / "faces-seed0-test25.h5").exists()


@pytest.mark.parametrize("name", DATASETS)
def test_planar_datasets_are_columns_of_two_classes_and_seeded(tmp_cache, name):
    X, Y = load_planar(name)
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    assert set(np.unique(Y)) == {0, 1}
    X2, _ = load_planar(name, seed=2)
    assert not np.allclose(X, X2)
    np.testing.assert_array_equal(load_planar(name)[0], X)


def test_flower_is_not_linearly_separable(tmp_cache):
    X, Y = load_planar("flower")
    d = logistic.model(X, Y, X, Y, num_iterations=2000, learning_rate=0.5)
    assert accuracy(d["Y_prediction_train"], Y) < 0.6


def test_pinwheel_is_three_balanced_classes_seeded_and_cached(tmp_cache):
    X, labels = load_pinwheel(50)
    assert X.shape == (2, 150) and labels.shape == (150,) and labels.dtype.kind == "i"
    assert np.bincount(labels).tolist() == [50, 50, 50]
    assert np.all(np.hypot(X[0], X[1]) <= 1.0)
    made = make_pinwheel(50)
    np.testing.assert_array_equal(made[0], X)
    np.testing.assert_array_equal(made[1], labels)
    assert not np.allclose(load_pinwheel(50, seed=4)[0], X)
    assert (tmp_cache / "pinwheel-m50-seed3.h5").exists()
    np.testing.assert_array_equal(load_pinwheel(50)[0], X)  # read back from the cache
