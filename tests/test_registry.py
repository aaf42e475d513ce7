"""Every exercise in the registry: the reference passes, the released stub fails, every mutant fails."""
from __future__ import annotations

import numpy as np
import pytest

from course import notebooks
from course.checks import REGISTRY, Compare, run_check
from course.checks.compare import compare
from course.checks.runner import hidden_cases

from .helpers import release_notebooks, source_notebooks

SEEDS = (0, 1, 2024)
EXERCISES = sorted(REGISTRY)
MUTANTS = [(i, name) for i in EXERCISES for name in REGISTRY[i].mutants]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_passes_visible_and_hidden(exercise_id):
    exercise = REGISTRY[exercise_id]
    result = run_check(exercise, exercise.reference, forbid_reference=False)
    assert result.passed, result.message
    for seed in SEEDS:
        result = run_check(exercise, exercise.reference, hidden=True, seed=seed, forbid_reference=False)
        assert result.passed, result.message


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_written_out_expected_values_are_the_references(exercise_id):
    exercise = REGISTRY[exercise_id]
    for case in exercise.cases:
        if case.expected is not None:
            got = exercise.reference(*case.args.values())
            assert compare(case.expected, got, Compare(rtol=1e-6, atol=1e-8)) is None, case.args


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_exercise_has_at_least_two_typical_mistakes(exercise_id):
    assert len(REGISTRY[exercise_id].mutants) >= 2


@pytest.mark.parametrize("exercise_id,mutant", MUTANTS)
def test_every_mutant_fails_visible_and_hidden_cases(exercise_id, mutant):
    exercise = REGISTRY[exercise_id]
    fn = exercise.mutants[mutant]
    # forbid_reference=False: a mutant that calls the reference (e.g. u07's, built on conv.*) must
    # fail on its own mistake, not because it calls the reference.
    visible = run_check(exercise, fn, forbid_reference=False)
    assert not visible.passed, f"mutant {mutant!r} passes the visible cases"
    # The student who makes this mistake is told so (course/checks/mistakes.py), first.
    assert visible.message.startswith("This looks like"), visible.message
    assert f"{mutant}." in visible.message or f"{mutant};" in visible.message, visible.message
    for seed in SEEDS:
        hidden = run_check(exercise, fn, hidden=True, seed=seed, forbid_reference=False)
        assert not hidden.passed, f"mutant {mutant!r} passes the hidden cases of seed {seed}"
        assert "typical mistake" not in hidden.message  # it would tell something of the hidden inputs


def _canonical(value):
    """A string that is equal for equal case arguments (generators compared by their state)."""
    if isinstance(value, np.random.Generator):
        return repr(value.bit_generator.state)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_canonical(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_canonical(v) for v in value) + "]"
    if isinstance(value, np.ndarray):
        return repr(value.shape) + value.tobytes().hex()
    return repr(value)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_hidden_cases_change_with_the_seed(exercise_id):
    exercise = REGISTRY[exercise_id]
    a, b = hidden_cases(exercise, 1), hidden_cases(exercise, 2)
    assert _canonical(a) != _canonical(b)
    assert _canonical(a) == _canonical(hidden_cases(exercise, 1))


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_passing_the_reference_to_check_is_rejected(exercise_id):
    """In the lab only the reference object itself is refused; a function that calls it cannot be
    graded, because answers are graded where no reference exists (tests/test_sandbox.py)."""
    exercise = REGISTRY[exercise_id]
    result = run_check(exercise, exercise.reference)
    assert not result.passed and "reference implementation" in result.message


def _release_stubs():
    for path in release_notebooks():
        for exercise_id, fn in notebooks.answer_functions(notebooks.read_ipynb(path)).items():
            yield pytest.param(exercise_id, fn, id=exercise_id)


@pytest.mark.parametrize("exercise_id,stub", list(_release_stubs()))
def test_released_stub_fails(exercise_id, stub):
    exercise = REGISTRY[exercise_id]
    for hidden in (False, True):
        result = run_check(exercise, stub, hidden=hidden, seed=0)
        assert not result.passed
        assert "NotImplementedError" in result.message


def _source_solutions():
    for path in source_notebooks():
        for exercise_id, fn in notebooks.answer_functions(notebooks.read_source(path)).items():
            yield pytest.param(exercise_id, fn, id=exercise_id)


@pytest.mark.parametrize("exercise_id,solution", list(_source_solutions()))
def test_notebook_solution_passes(exercise_id, solution):
    exercise = REGISTRY[exercise_id]
    assert run_check(exercise, solution).passed
    for seed in SEEDS:
        result = run_check(exercise, solution, hidden=True, seed=seed)
        assert result.passed, result.message


def test_every_exercise_is_in_exactly_one_notebook_with_a_matching_test_cell():
    seen: dict[str, str] = {}
    for path in source_notebooks():
        nb = notebooks.read_source(path)
        tests = {notebooks.nbgrader_meta(c)["grade_id"]: c for c in nb.cells
                 if notebooks.cell_role(c) == "test"}
        for exercise_id in notebooks.answer_ids(nb):
            assert exercise_id in REGISTRY, f"{path.name}: answer cell {exercise_id} is not in the registry"
            assert exercise_id not in seen, f"{exercise_id} is in {seen.get(exercise_id)} and {path.name}"
            seen[exercise_id] = path.name
            test = tests.get(notebooks.grade_id(exercise_id, test=True))
            assert test is not None, f"{exercise_id} has no test cell"
            assert notebooks.nbgrader_meta(test)["points"] == REGISTRY[exercise_id].points  # set by read_source
            assert '"points"' not in path.read_text(), f"{path.name}: points belong in the registry only"
            name = REGISTRY[exercise_id].name
            visible, _, rest = test.source.partition("### BEGIN HIDDEN TESTS")
            assert f'check("{exercise_id}", {name})' in visible
            assert f'check("{exercise_id}", {name}, hidden=True)' in rest.split("### END HIDDEN TESTS")[0]
    assert sorted(seen) == EXERCISES, "exercises declared in the registry but used by no notebook"


def test_check_prints_one_line_on_success(capsys):
    from course.checks import check
    check("numpy.sigmoid", lambda x: 1 / (1 + np.exp(-x)))
    out = capsys.readouterr()
    assert out.out.count("\n") == 1 and "passed" in out.out and out.err == ""
