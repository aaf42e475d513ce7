"""release/ is what nbgrader makes of source/, committed and current; nothing leaks into it."""
from __future__ import annotations

import json

from course import notebooks
from course.build import check_release, released_files

from .helpers import ROOT, release_notebooks, source_notebooks


def test_release_is_current():
    problems = check_release(ROOT)
    assert not problems, "release/ is stale; run `make build` and commit release/:\n" + "\n".join(problems)


def test_every_source_notebook_is_released_and_nothing_else():
    released = set(released_files(ROOT / "release"))  # Jupyter's litter (checkpoints) left out
    expected = {p.relative_to(ROOT / "source").with_suffix(".ipynb") for p in source_notebooks()}
    assert released == expected


def test_release_has_no_solutions_hidden_tests_or_outputs():
    for path in release_notebooks():
        text = path.read_text()
        for secret in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "hidden=True"):
            assert secret not in text, f"{path.name} contains {secret!r}"
        nb = json.loads(text)
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None


def test_source_notebooks_have_a_locked_setup_cell_first():
    for path in source_notebooks():
        code = [c for c in notebooks.read_source(path).cells if c.cell_type == "code"]
        assert notebooks.cell_role(code[0]) == "setup", f"{path.name}: first code cell is not `setup`"
        assert notebooks.nbgrader_meta(code[0])["locked"]
