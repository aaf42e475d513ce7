"""Shared fixtures, and the report of notebook runtimes at the end of the run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / ".test-reports"
RUNTIMES = REPORTS / "notebook-runtimes.json"

METRICS = REPORTS / "metrics.json"

_runtimes: dict[str, float] = {}
_metrics: dict[str, float] = {}


def record_runtime(name: str, seconds: float) -> None:
    """Remember a notebook's runtime for the summary and for .test-reports/."""
    _runtimes[name] = seconds
    REPORTS.mkdir(exist_ok=True)
    RUNTIMES.write_text(json.dumps(_runtimes, indent=2, sort_keys=True) + "\n")


def record_metric(name: str, value: float) -> None:
    """Remember a measured result (accuracy, timing) for the summary and for .test-reports/."""
    _metrics[name] = value
    REPORTS.mkdir(exist_ok=True)
    METRICS.write_text(json.dumps(_metrics, indent=2, sort_keys=True) + "\n")


def pytest_configure(config):
    # Build matplotlib's font cache now, so that no notebook writes the one-time
    # "building the font cache" message to stderr.
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401


def pytest_terminal_summary(terminalreporter):
    if _runtimes:
        terminalreporter.section("notebook runtimes (solutions filled in, budget 60 s each)")
        for name, seconds in sorted(_runtimes.items()):
            terminalreporter.write_line(f"{seconds:6.1f} s  {name}")
    if _metrics:
        terminalreporter.section("measured results")
        for name, value in sorted(_metrics.items()):
            terminalreporter.write_line(f"{value:8.3f}  {name}")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
