"""The summary cell that ends every notebook: what passes, what fails, what was not checked."""
from __future__ import annotations

import pytest

from course import notebooks
from course.checks import REGISTRY, CheckFailed, check, runner, summary

from .helpers import source_notebooks


def test_it_counts_what_passed_failed_and_was_not_checked(monkeypatch):
    monkeypatch.setattr(runner, "RESULTS", {})
    sigmoid = REGISTRY["numpy.sigmoid"].reference
    check("numpy.sigmoid", lambda x: sigmoid(x))
    with pytest.raises(CheckFailed):
        check("numpy.L1", lambda yhat, y: 0.0)
    with pytest.raises(CheckFailed) as error:
        summary(["numpy.sigmoid", "numpy.L1", "numpy.L2"])
    assert str(error.value) == ("1 of 3 exercises pass. Still failing: L1 (the message under each test cell says "
                                "what is wrong). Not checked yet: L2 (run their test cells, or Run > Run All Cells).")


def test_a_failed_hidden_check_counts_as_failing_until_the_visible_check_runs_again(monkeypatch, capsys):
    monkeypatch.setattr(runner, "RESULTS", {})
    good = REGISTRY["numpy.sigmoid"].reference
    check("numpy.sigmoid", lambda x: good(x))
    with pytest.raises(CheckFailed):
        check("numpy.sigmoid", lambda x: 0 * x, hidden=True)
    assert runner.RESULTS["numpy.sigmoid"] is False
    check("numpy.sigmoid", lambda x: good(x))
    summary(["numpy.sigmoid"])
    assert "All 1 exercises of this notebook pass" in capsys.readouterr().out


@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_notebook_with_exercises_ends_with_its_summary(path):
    nb = notebooks.read_source(path)
    ids = notebooks.answer_ids(nb)
    last = nb.cells[-1]
    if not ids:
        assert notebooks.cell_role(last) != "summary"
        return
    assert notebooks.cell_role(last) == "summary" and notebooks.nbgrader_meta(last)["points"] == 0
    assert last.source.endswith(f"summary({ids!r})")
