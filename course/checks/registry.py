"""The exercise registry: every graded function of the course, declared once, as data.

An :class:`Exercise` says everything the course knows about one graded function: where its
reference lives, which calls a student sees, how hidden calls are drawn, how outputs are compared
and which typical mistakes the checks must catch. Notebook test cells, the course's own test
suite, ``course grade`` and benchmarks all read the same entries.

Each unit declares its exercises in ``course/checks/<unit>.py`` by calling :func:`register`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

Args = Mapping[str, Any]


@dataclass(frozen=True)
class Case:
    """One visible call of an exercise.

    ``args`` are the arguments, in the order of the function's parameters (functions are called
    with them by position; the names appear in messages). ``expected``, when given, is the output written out in the
    notebook for the student; the test suite proves the reference returns it.
    """

    args: Args
    expected: Any = None


@dataclass(frozen=True)
class Compare:
    """How a student's output is compared with the reference's.

    rtol, atol:   tolerances for floating-point values (``np.allclose`` semantics).
    names:        names of the items of a tuple output, e.g. ``("grads", "cost")``, used in messages.
    exact_type:   the output's type must be exactly the reference's (e.g. ``float``, not ``np.float64``).
    values:       compare values; False compares only structure, types and shapes (for outputs
                  that depend on random draws, whose values an Exercise's ``properties`` judge).
    skip:         names (from ``names``) of tuple outputs not compared at all, e.g. a ``cache``
                  whose layout is the student's choice.
    mix_ups:      ``(name, other, advice)``: when the output ``name`` is wrong because it holds
                  what ``other`` should be (and ``other`` is right too, so nothing is swapped),
                  the message gives ``advice`` instead of the generic "it equals what ... should be".
    """

    rtol: float = 1e-5
    atol: float = 1e-8
    names: tuple[str, ...] | None = None
    exact_type: bool = False
    values: bool = True
    skip: tuple[str, ...] = ()
    mix_ups: tuple[tuple[str, str, str], ...] = ()
    factors: tuple[tuple[float, str], ...] = ()  # set per call: numbers a wrong factor may equal


@dataclass(frozen=True)
class Exercise:
    """A graded function.

    id:        ``<unit>.<function>``, unique in the course. The nbgrader ``grade_id`` of its answer
               cell is the id with a dash for the dot (nbgrader forbids dots in grade ids).
               The part after the dot is the name of the function the student writes.
    reference: the implementation in ``course.nn`` the checks compare with.
    cases:     visible calls.
    hidden:    ``rng -> args`` (ordered like the parameters), drawing new shapes and values.
    mutants:   typical mistakes, ``{description: function}``; every one must fail the checks.
    compare:   how outputs are compared.
    n_hidden:  hidden cases drawn per check.
    points:    nbgrader points of the exercise's test cell.
    modifies_inputs: the function may change its arguments in place (otherwise that is an error).
    updates:   names of arguments the function must update in place (e.g. ``bn_param``'s running
               averages); after the call each is compared with the reference's. Other arguments
               must stay unchanged unless ``modifies_inputs``.
    adapter:   ``student_object -> function``, for exercises whose answer is not a plain function
               (e.g. a class with ``train`` and ``predict``): turns what the answer cell defines
               into a function called like the reference.
    properties: ``(args, expected, got) -> message or None``, run after the comparison: checks of
               statistics or quality (e.g. weights' spread, a trained model's accuracy) for
               outputs that cannot be compared value by value.
    forbidden: NumPy functions the answer must not call, because the exercise is to do their work
               by hand (e.g. ``np.broadcast_shapes``); a call is reported to the student.
    describe:  ``(args, show_values) -> str``, how messages show a call that is not
               ``name(arg=..., ...)`` (with an ``adapter``: what the student's object was asked to do).
    """

    id: str
    reference: Callable
    cases: tuple[Case, ...]
    hidden: Callable[[np.random.Generator], Args]
    mutants: Mapping[str, Callable] = field(default_factory=dict)
    compare: Compare = Compare()
    n_hidden: int = 10
    points: int = 1
    modifies_inputs: bool = False
    updates: tuple[str, ...] = ()
    adapter: Callable[[Any], Callable] | None = None
    properties: Callable[[Args, Any, Any], str | None] | None = None
    forbidden: tuple[Callable, ...] = ()
    describe: Callable[[Args, bool], str] | None = None

    @property
    def name(self) -> str:
        """The name of the function the student writes, e.g. ``"sigmoid"``."""
        return self.id.rsplit(".", 1)[-1]

    @property
    def unit(self) -> str:
        """The id's prefix, e.g. ``"numpy"`` for ``"numpy.sigmoid"``."""
        return self.id.rsplit(".", 1)[0]


REGISTRY: dict[str, Exercise] = {}


def register(*exercises: Exercise) -> None:
    """Add exercises to the registry; an id may be declared only once."""
    for exercise in exercises:
        if exercise.id in REGISTRY:
            raise ValueError(f"exercise {exercise.id!r} is declared twice")
        if not exercise.cases:
            raise ValueError(f"exercise {exercise.id!r} has no visible case")
        REGISTRY[exercise.id] = exercise


def get(exercise_id: str) -> Exercise:
    """The exercise with this id, or a KeyError that lists close ids."""
    try:
        return REGISTRY[exercise_id]
    except KeyError:
        close = [i for i in REGISTRY if i.rsplit(".", 1)[-1] == exercise_id.rsplit(".", 1)[-1]]
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"no exercise called {exercise_id!r}.{hint}") from None
