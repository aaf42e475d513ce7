"""What a student reads when a check fails: which call, which output, what is wrong; no internals."""
from __future__ import annotations

import numpy as np
import pytest

from course.checks import CheckFailed, Compare, check
from course.checks.compare import compare

SPEC = Compare()
GRADS = Compare(names=("grads", "cost"))


@pytest.mark.parametrize("expected,got,message", [
    (np.zeros((2, 1)), np.zeros((1, 2)), "output has the wrong shape: expected (2, 1), got (1, 2)"),
    (np.zeros(3), [0.0, 0.0, 0.0], "output should be a NumPy array of shape (3,), got list"),
    (1.5, np.ones((1, 1)), "output should be a number, got an array of shape (1, 1) "
                           "(use .item() to turn a one-element array into a number)"),
    (1.5, np.ones((1, 1, 1)), "output should be a number, got an array of shape (1, 1, 1) "
                              "(use .item() to turn a one-element array into a number)"),
    (1.5, np.ones(2), "output should be a number, got an array of shape (2,)"),
    (1.5, 2.5, "output is wrong: expected 1.5, got 2.5"),
    (3, 3.0, "output should be an integer, got float"),
    ((3, 4), None, "output should be a tuple, got None"),
    (None, (3, 4), "output should be None, got tuple"),
    ({"dw": np.zeros(2)}, {"dW": np.zeros(2)}, "output is missing the key 'dw'"),
    ({"W1": 1.0, "b1": 0.0}, {"W0": 1.0, "b0": 0.0, "W1": 1.0, "b1": 0.0},
     "output has extra keys 'W0', 'b0': return only the keys 'W1', 'b1'"),
    ({"W1": 1.0}, {"W1": 1.0, "cache": None}, "output has an extra key 'cache': return only the keys 'W1'"),
])
def test_structural_messages(expected, got, message):
    assert compare(expected, got, SPEC) == message


def test_named_tuple_outputs_say_which_output_and_key():
    expected = ({"dw": np.array([[1.0], [2.0]]), "db": 0.5}, 0.7)
    got = ({"dw": np.array([[1.0], [2.5]]), "db": 0.5}, 0.7)
    message = compare(expected, got, GRADS)
    assert message.startswith("grads['dw'] has wrong values: 1 of 2 entries differ, max abs error 0.5 at [1, 0]")
    assert "expected vs got: [1, 0] 2 vs 2.5" in message
    assert compare(expected, (expected[0],), GRADS) == "the function should return 2 values (grads, cost), got 1"


def test_hidden_messages_show_sizes_of_errors_but_no_values():
    message = compare(np.array([1.0, 2.0]), np.array([1.0, 3.0]), SPEC, show_values=False)
    assert "max abs error 1 at [1]" in message and "expected vs got" not in message
    assert compare(2.0, 3.0, SPEC, show_values=False) == "output is wrong: off by 1 (rel 0.5)"


def test_nan_is_reported_as_an_overflow_hint():
    message = compare(np.ones(3), np.array([1.0, np.nan, np.inf]), SPEC)
    assert message.startswith("output has 2 nan or inf entries where finite values were expected, first at [1]")


def test_tolerances_are_rtol_1e5_atol_1e8():
    assert compare(np.array([1.0]), np.array([1.0 + 5e-6]), SPEC) is None
    assert compare(np.array([1.0]), np.array([1.0 + 5e-5]), SPEC) is not None


def test_failure_renders_as_one_message_without_checker_frames():
    with pytest.raises(CheckFailed) as info:
        check("numpy.softmax", lambda x: x.T)
    rendered = info.value._render_traceback_()
    assert len(rendered) == 1
    assert "softmax(x=<array of shape (2, 5)>): output has the wrong shape: expected (2, 5), got (5, 2)" in rendered[0]
    assert ".py" not in rendered[0] and "Traceback" not in rendered[0]


def test_student_exception_points_at_the_students_line():
    def L2(yhat, y):
        d = yhat @ np.ones((3, 3))
        return d

    with pytest.raises(CheckFailed, match=r"raised ValueError: .* \(in L2, line \d+: d = yhat @ np.ones\(\(3, 3\)\)\)"):
        check("numpy.L2", L2)


def test_changing_an_input_in_place_is_reported():
    def normalize_rows(x):
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        return x

    with pytest.raises(CheckFailed, match="changed its argument x in place"):
        check("numpy.normalize_rows", normalize_rows)


def test_warnings_and_stderr_of_student_code_stay_out_of_the_cell(capsys):
    def sigmoid(x):
        import sys
        print("debug", file=sys.stderr)
        return 1 / (1 + np.exp(-x * 1.0))

    check("numpy.sigmoid", sigmoid, hidden=True, seed=1)
    assert capsys.readouterr().err == ""


def test_unknown_exercise_suggests_the_right_id():
    with pytest.raises(KeyError, match="numpy.sigmoid"):
        check("sigmoid", lambda x: x)


def _accumulate(state, x):
    state["total"] = state["total"] + x
    return float(np.sum(x))


def _accumulate_forgets_state(state, x):
    return float(np.sum(x))


def test_arguments_updated_in_place_are_compared_with_the_reference():
    from course.checks import Case, Exercise, run_check
    exercise = Exercise(id="demo.accumulate", reference=_accumulate,
                        cases=(Case({"state": {"total": np.zeros(2)}, "x": np.array([1.0, 2.0])}),),
                        hidden=lambda rng: {"state": {"total": rng.normal(size=3)}, "x": rng.normal(size=3)},
                        updates=("state",), mutants={})
    assert run_check(exercise, _accumulate, forbid_reference=False).passed
    result = run_check(exercise, _accumulate_forgets_state)
    assert not result.passed
    assert "after the call, state is not updated as it should be: state['total'] has wrong values" in result.message


def test_skipped_outputs_are_not_compared():
    spec = Compare(names=("out", "cache"), skip=("cache",))
    assert compare((np.ones(2), {"a": 1}), (np.ones(2), "anything"), spec) is None
    assert compare((np.ones(2), {"a": 1}), (np.zeros(2), "anything"), spec) is not None


class _Counter:
    def __init__(self):
        self.total = 0.0

    def add(self, x):
        self.total += float(np.sum(x))
        return self.total


def _count_with(cls, xs):
    counter = cls()
    return [counter.add(x) for x in xs]


def test_an_adapter_checks_a_class_through_a_function():
    from course.checks import Case, Exercise, run_check

    class Broken(_Counter):
        def add(self, x):
            return float(np.sum(x))

    exercise = Exercise(id="demo.Counter", reference=lambda xs: _count_with(_Counter, xs),
                        cases=(Case({"xs": [np.ones(2), np.ones(3)]}, [2.0, 5.0]),),
                        hidden=lambda rng: {"xs": [rng.normal(size=2) for _ in range(3)]},
                        adapter=lambda cls: (lambda xs: _count_with(cls, xs)))
    assert run_check(exercise, _Counter).passed
    result = run_check(exercise, Broken)
    assert not result.passed and "output[1] is wrong: expected 5, got 3" in result.message


def test_calls_to_forbidden_numpy_functions_are_reported():
    from course.checks import get
    wrapper = get("numpy.broadcast_shape").mutants["np.broadcast_shapes wrapped, which the exercise forbids"]

    def by_arrays(shape_a, shape_b):  # raises on incompatible shapes: the forbidden call is reported first
        return (np.zeros(shape_a) + np.zeros(shape_b)).shape

    for fn, name in ((wrapper, "np.broadcast_shapes"), (by_arrays, "np.zeros")):
        for hidden in (False, True):
            with pytest.raises(CheckFailed, match=f"calls {name}, which this exercise asks you to do without"):
                check("numpy.broadcast_shape", fn, hidden=hidden, seed=0)


def test_forbidden_calls_are_reported_through_the_grading_sandbox_too():
    from course.grading import Settings, grade_notebook
    from course.sandbox.host import bwrap_works

    answer = "def broadcast_shape(shape_a, shape_b):\n    return np.broadcast_shapes(shape_a, shape_b)\n"
    grade, = grade_notebook("import numpy as np\n", {"numpy.broadcast_shape": answer}, ["numpy.broadcast_shape"],
                            seed=0, settings=Settings(isolate=bwrap_works()))
    assert grade.score == 0 and "calls np.broadcast_shapes" in grade.message


def test_linear_classifier_messages_describe_the_class_calls():
    from course.checks import REGISTRY, run_check
    exercise = REGISTRY["linear_classifiers.LinearClassifier"]
    mutant = exercise.mutants["predict takes argmax over axis 0 (the examples) instead of axis 1"]
    visible, hidden = run_check(exercise, mutant), run_check(exercise, mutant, hidden=True, seed=0)
    assert visible.message.startswith("This looks like a typical mistake: predict takes argmax over axis 0 (the "
                                      "examples) instead of axis 1. LinearClassifier(svm_loss_vectorized).train("
                                      "X=<array of shape (150, 7)>, ")
    assert "rng=np.random.default_rng(0)), then .predict(X_test=<array of shape (50, 7)>): y_pred" in visible.message
    assert "seed=" not in hidden.message and "rng=np.random.default_rng(<seed>))" in hidden.message


def test_dropout_cache_messages_give_the_formula():
    from course.checks import REGISTRY, run_check
    exercise = REGISTRY["practical.forward_propagation_with_dropout"]

    def wrong_a1(*args):
        A3, cache = exercise.reference(*args)
        return A3, {**cache, "A1": cache["A1"] * 2}

    message = run_check(exercise, wrong_a1, forbid_reference=False).message
    assert "with the masks in your cache, cache['A1'] has wrong values" in message
    assert message.endswith("(A[l] = relu(Z[l]) * D[l] / keep_prob on the hidden layers only)")


def test_outputs_returned_in_another_order_are_named():
    spec = Compare(names=("dx", "dgamma", "dbeta"))
    expected = (np.ones((2, 3)), np.array([1.0, 2.0]), np.array([3.0, 4.0]))
    message = compare(expected, (expected[0], expected[2], expected[1]), spec)
    assert message.startswith("dgamma has wrong values")
    assert message.endswith("(it matches what dbeta should be: return (dx, dgamma, dbeta) in this order)")
    assert "in this order" not in compare(expected, (expected[0], expected[1] + 1, expected[2]), spec)
    copied = compare(expected, (expected[0], expected[2], expected[2]), spec)
    assert copied.endswith("(it equals what dbeta should be)") and "in this order" not in copied


def test_adam_with_the_corrected_value_stored_in_v_says_v_stays_uncorrected():
    from course.checks import REGISTRY, run_check
    exercise = REGISTRY["optimization.update_parameters_with_adam"]
    message = run_check(exercise, exercise.mutants["bias correction stored back into v and s"],
                        forbid_reference=False).message
    assert message.endswith("; v must stay uncorrected (the bias-corrected value is only used for the step)")
    assert "in this order" not in message

    def swapped(*args):
        parameters, v, s, v_corrected, s_corrected = exercise.reference(*args)
        return parameters, v_corrected, s, v, s_corrected

    message = run_check(exercise, swapped, forbid_reference=False).message
    assert message.endswith("(it matches what v_corrected should be: "
                            "return (parameters, v, s, v_corrected, s_corrected) in this order)")


def test_dictionary_arguments_show_their_numbers_in_visible_cases():
    from course.checks.runner import describe_value
    bn_param = {"mode": "train", "eps": 1e-5, "running_mean": np.zeros((3, 1))}
    assert describe_value(bn_param, True) == "{'mode': 'train', 'eps': 1e-05, 'running_mean': <array of shape (3, 1)>}"
    assert describe_value(bn_param, False) == "{'mode': 'train', 'eps': <float>, 'running_mean': <array of shape (3, 1)>}"


@pytest.mark.parametrize("exercise_id,answer,diagnosis", [
    ("deep_nn.linear_backward",
     lambda dZ, cache: (cache[1].T @ dZ, dZ @ cache[0].T, np.sum(dZ, axis=1, keepdims=True) / dZ.shape[1]),
     "dW is 2 times what it should be (a factor 2 or m = 2, the number of columns of dZ). linear_backward("),
    ("numpy.sigmoid", lambda x: -1 / (1 + np.exp(-x)),
     "output has the wrong sign: it is exactly minus what it should be. sigmoid("),
    ("numpy.sigmoid", lambda x: 1 / (1 + np.exp(-x)) + 0.1,
     "Every entry of output is off by the same amount, 0.1. sigmoid("),
    ("numpy.center_rows", lambda x: (x - x.mean(axis=1, keepdims=True)).T,
     "output is the transpose of the expected array. center_rows("),
    ("numpy.L1", lambda yhat, y: 2 * np.sum(np.abs(y - yhat)),
     "output is 2 times what it should be (a factor 2). L1("),
    ("deep_nn.compute_cost", lambda AL, Y: float("nan"),
     "output is nan where a finite number was expected (an overflow in exp, a log of 0 or a division by zero?). "
     "compute_cost("),
])
def test_generic_diagnoses_come_first(exercise_id, answer, diagnosis):
    from course.checks import REGISTRY, run_check
    assert run_check(REGISTRY[exercise_id], answer).message.startswith(diagnosis)


def test_no_diagnosis_without_clear_evidence_nor_on_hidden_cases():
    from course.checks import REGISTRY, run_check
    noisy = run_check(REGISTRY["numpy.sigmoid"], lambda x: 1 / (1 + np.exp(-x)) + 0.01 * x ** 2).message
    assert noisy.startswith("sigmoid(")
    hidden = run_check(REGISTRY["numpy.sigmoid"], lambda x: -1 / (1 + np.exp(-x)), hidden=True, seed=0).message
    assert hidden.startswith("hidden case 1 of") and "wrong sign" not in hidden
