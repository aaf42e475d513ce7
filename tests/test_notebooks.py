"""Every notebook runs top to bottom with the solutions in, offline, in the time budget, quietly."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course import notebooks

from .conftest import record_metric, record_runtime
from .helpers import source_notebooks

BUDGET_SECONDS = 60
NO_NETWORK = Path(__file__).parent / "support" / "no_network"


@pytest.fixture
def offline_kernel_env(monkeypatch):
    """Kernels started in this test load tests/support/no_network/sitecustomize.py."""
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", str(NO_NETWORK) + (os.pathsep + path if path else ""))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")


def execute(nb, cwd: Path, timeout: int = 2 * BUDGET_SECONDS):
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


def stderr_outputs(nb):
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                yield i, notebooks.cell_role(cell), output["text"]


@pytest.mark.slow
@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_notebook_runs_with_solutions_within_budget(path, offline_kernel_env):
    nb = notebooks.read_source(path)
    start = time.perf_counter()
    execute(nb, path.parent)
    seconds = time.perf_counter() - start
    record_runtime(f"{path.parent.name}/{path.stem}", seconds)
    noisy = list(stderr_outputs(nb))
    assert not noisy, f"cells wrote to stderr: {noisy}"
    assert seconds <= BUDGET_SECONDS, f"{path.name} took {seconds:.1f} s (budget {BUDGET_SECONDS} s)"
    if path.stem == "cnn_application":
        check_cnn_beats_dense(stdout(nb))


def stdout(nb) -> str:
    return "".join(output["text"] for cell in nb.cells for output in cell.get("outputs", [])
                   if output.get("output_type") == "stream" and output.get("name") == "stdout")


def check_cnn_beats_dense(text: str) -> None:
    """u07's result, from the lines the notebook prints: "CNN: 16.6 s, train accuracy 90.1%, test
    accuracy 73.0%" and the same for "dense". The dense network must do clearly worse (issue: the
    hand signs must be hard enough for that)."""
    test = {}
    for model in ("CNN", "dense"):
        match = re.search(rf"^{model}: ([\d.]+) s, train accuracy ([\d.]+)%, test accuracy ([\d.]+)%$", text, re.M)
        assert match, f"no '{model}: ... test accuracy ...' line in cnn_application's output"
        test[model] = float(match.group(3)) / 100
        record_metric(f"u07 {model} test accuracy (6 epochs)", test[model])
        record_metric(f"u07 {model} training seconds", float(match.group(1)))
    assert test["CNN"] >= test["dense"] + 0.1, test


def test_kernels_in_notebook_tests_have_no_network(offline_kernel_env, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import urllib.request\n"
        "try:\n"
        "    urllib.request.urlopen('http://example.com', timeout=5)\n"
        "    print('REACHED')\n"
        "except OSError as error:\n"
        "    print('BLOCKED', error)\n")]
    execute(nb, tmp_path, timeout=60)
    text = nb.cells[0].outputs[0]["text"]
    assert text.startswith("BLOCKED") and "disabled" in text
