"""Name the typical mistake a wrong answer looks like, from the exercise's mutants.

On a visible case, a student's outcome that is what one of the exercise's mutants does on the
same call (same values within the exercise's tolerances, same arguments afterwards, or the same
error) is that mutant's mistake, provided the mutant is wrong on this case and right on the
visible cases before it (which the student passed: checks stop at the first failure). The
mutants' descriptions in the registry are therefore written for students.

Never used for hidden cases: naming the mistake there would tell something of the hidden inputs.
Mutants and the reference run once per visible case (their outcomes are kept), so a failing
check of a training exercise costs their training time once per session.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .compare import compare
from .registry import Args, Exercise
from .runner import Outcome, _same, call_student, reference_output, verdict


@dataclass
class _Mutant:
    description: str
    outcome: Outcome
    wrong: bool  # the mutant fails this case


_KEPT: dict[tuple[str, int], tuple[Args, list[_Mutant]]] = {}


def recognised_mistakes(exercise: Exercise, args: Args, outcome: Outcome) -> list[str]:
    """Descriptions of the mutants that do what ``outcome`` did on the visible case ``args``."""
    index = next((k for k, case in enumerate(exercise.cases) if case.args is args), None)
    if index is None:
        return []
    earlier = [_mutants(exercise, case.args) for case in exercise.cases[:index]]
    found = []
    for k, mutant in enumerate(_mutants(exercise, args)):
        if mutant.wrong and not any(case[k].wrong for case in earlier) and _same_outcome(
                mutant.outcome, outcome, exercise):
            found.append(mutant.description)
    return found


def _mutants(exercise: Exercise, args: Args) -> list[_Mutant]:
    """Each mutant's outcome on the visible case ``args`` and whether it is wrong, computed once."""
    key = (exercise.id, id(args))
    if key in _KEPT and _KEPT[key][0] is args:
        return _KEPT[key][1]
    reference = reference_output(exercise, args)
    mutants = []
    for description, mutant in exercise.mutants.items():
        fn = exercise.adapter(mutant) if exercise.adapter else mutant
        theirs = call_student(fn, args, quiet=True, forbidden=exercise.forbidden)
        wrong = verdict(exercise, args, theirs, False, "", reference) is not None
        mutants.append(_Mutant(description, theirs, wrong))
    _KEPT[key] = (args, mutants)
    return mutants


def _same_outcome(a: Outcome, b: Outcome, exercise: Exercise) -> bool:
    if a.used_forbidden or b.used_forbidden:
        return a.used_forbidden == b.used_forbidden
    if a.error or b.error:  # the same exception and text, wherever it was raised
        return bool(a.error and b.error) and a.error.split(" (in ")[0] == b.error.split(" (in ")[0]
    # values=True: outputs judged by properties (random draws, training) match only when the
    # student's draws and steps are the mutant's; skip=(): a skipped cache may be where they differ.
    spec = replace(exercise.compare, values=True, skip=())
    try:
        if compare(a.value, b.value, spec) is not None:
            return False
        if a.args_after is None or b.args_after is None:
            return True
        return all(_same(a.args_after[k], b.args_after[k])
                   or compare(a.args_after[k], b.args_after[k], replace(spec, names=None)) is None
                   for k in a.args_after)
    except TypeError:  # something compare cannot walk (e.g. an object in a cache)
        return False
