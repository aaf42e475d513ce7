"""Every reference passes its own hidden cases on many seeds, not only on the three of test_registry.

An honest student must never lose points to an unlucky draw, so each exercise's hidden cases
are drawn from up to MAX_SEEDS consecutive seeds (starting at FIRST_SEED, away from the seeds
the other tests use). Cheap exercises get all of them; a training exercise gets as many as fit
in BUDGET_SECONDS, but never fewer than MIN_SEEDS. `utils/seed_sweep.py` runs longer sweeps.
"""
from __future__ import annotations

import time

import pytest

from course.checks import REGISTRY, run_check

from .conftest import record_metric

FIRST_SEED = 10_000
MAX_SEEDS = 200
MIN_SEEDS = 5
BUDGET_SECONDS = 1.5

_tried: dict[str, int] = {}


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_reference_passes_its_hidden_cases_on_many_seeds(exercise_id):
    exercise = REGISTRY[exercise_id]
    started = time.perf_counter()
    for n, seed in enumerate(range(FIRST_SEED, FIRST_SEED + MAX_SEEDS)):
        if n >= MIN_SEEDS and time.perf_counter() - started > BUDGET_SECONDS:
            break
        result = run_check(exercise, exercise.reference, hidden=True, seed=seed, forbid_reference=False)
        assert result.passed, f"seed {seed}: {result.message}"
    else:
        n = MAX_SEEDS
    _tried[exercise_id] = n
    record_metric("seed sweep: fewest seeds tried for one exercise", min(_tried.values()))
    record_metric("seed sweep: exercises given all 200 seeds", sum(v == MAX_SEEDS for v in _tried.values()))
