"""Exercises of unit u06_linear_classifiers: kNN, multiclass SVM and softmax with rows as examples."""
from __future__ import annotations

from functools import partial

import numpy as np

from course.nn import knn, linear

from .registry import Case, Compare, Exercise, register
from .runner import describe_value

# ----------------------------------------------------------------------------- typical mistakes: kNN


def _two_loops_squared(X, X_train):
    return np.array([[np.sum((x - t) ** 2) for t in X_train] for x in X])


def _two_loops_l1(X, X_train):
    return np.array([[np.sum(np.abs(x - t)) for t in X_train] for x in X])


def _two_loops_transposed(X, X_train):
    return np.array([[np.sqrt(np.sum((x - t) ** 2)) for x in X] for t in X_train])


def _one_loop_squared(X, X_train):
    return np.array([np.sum((X_train - x) ** 2, axis=1) for x in X])


def _one_loop_no_axis(X, X_train):
    return np.array([np.full(X_train.shape[0], np.sqrt(np.sum((X_train - x) ** 2))) for x in X])


def _no_loops_squared(X, X_train):
    return np.sum(X ** 2, axis=1)[:, None] - 2 * X @ X_train.T + np.sum(X_train ** 2, axis=1)[None, :]


def _no_loops_plus_cross(X, X_train):
    squared = np.sum(X ** 2, axis=1)[:, None] + 2 * X @ X_train.T + np.sum(X_train ** 2, axis=1)[None, :]
    return np.sqrt(np.maximum(squared, 0))


def _no_loops_total_norms(X, X_train):
    squared = np.sum(X ** 2) - 2 * X @ X_train.T + np.sum(X_train ** 2)
    return np.sqrt(np.maximum(squared, 0))


def _vote_farthest(dists, y_train, k=1):
    return np.array([np.argmax(np.bincount(y_train[np.argsort(row)[-k:]])) for row in dists])


def _vote_nearest_only(dists, y_train, k=1):
    return y_train[np.argmin(dists, axis=1)].astype(np.int64)


def _vote_ties_to_largest(dists, y_train, k=1):
    out = []
    for row in dists:
        counts = np.bincount(y_train[np.argsort(row)[:k]])
        out.append(len(counts) - 1 - np.argmax(counts[::-1]))
    return np.array(out, dtype=np.int64)


def _cv(X, y, k_choices, num_folds, keep_validation=False, only_fold_zero=False):
    """k-fold accuracies written again (mutants must not call the reference), with two mistakes."""
    X_folds, y_folds = np.array_split(X, num_folds), np.array_split(y, num_folds)
    accuracies = np.zeros((len(k_choices), num_folds))
    for f in range(num_folds):
        v = 0 if only_fold_zero else f
        X_tr = X if keep_validation else np.concatenate(X_folds[:v] + X_folds[v + 1:])
        y_tr = y if keep_validation else np.concatenate(y_folds[:v] + y_folds[v + 1:])
        dists = knn.compute_distances_no_loops(X_folds[v], X_tr)
        for i, k in enumerate(k_choices):
            accuracies[i, f] = np.mean(knn.predict_labels(dists, y_tr, k) == y_folds[v])
    return accuracies


def _cv_validation_in_training(X, y, k_choices, num_folds):
    return _cv(X, y, k_choices, num_folds, keep_validation=True)


def _cv_always_fold_zero(X, y, k_choices, num_folds):
    return _cv(X, y, k_choices, num_folds, only_fold_zero=True)


def _cv_transposed(X, y, k_choices, num_folds):
    return _cv(X, y, k_choices, num_folds).T


# ----------------------------------------------------------------------------- typical mistakes: losses


def _svm_data(W, X, y, delta_at_correct=0.0):
    """The SVM's data loss and its gradient (no regularization), written again for the mutants."""
    N, rows = X.shape[0], np.arange(X.shape[0])
    scores = X @ W
    margins = np.maximum(0, scores - scores[rows, y][:, None] + 1)
    margins[rows, y] = delta_at_correct
    coeff = (scores - scores[rows, y][:, None] + 1 > 0).astype(np.float64)
    coeff[rows, y] = 0
    coeff[rows, y] = -np.sum(coeff, axis=1)
    return float(np.sum(margins)), X.T @ coeff


def _svm_no_reg(W, X, y, reg):
    loss, dW = _svm_data(W, X, y)
    return loss / X.shape[0], dW / X.shape[0]


def _svm_mean_over_classes(W, X, y, reg):
    loss, dW = _svm_data(W, X, y)
    C = W.shape[1]
    return loss / C + reg * np.sum(W * W), dW / C + 2 * reg * W


def _svm_counts_correct_class(W, X, y, reg):
    loss, dW = _svm_data(W, X, y, delta_at_correct=1.0)
    return loss / X.shape[0] + reg * np.sum(W * W), dW / X.shape[0] + 2 * reg * W


def _svm_reg_gradient_without_2(W, X, y, reg):
    loss, dW = _svm_data(W, X, y)
    return loss / X.shape[0] + reg * np.sum(W * W), dW / X.shape[0] + reg * W


def _softmax_data(W, X, y, shift=True, onehot=True):
    """The softmax's summed data loss and its gradient (no regularization), for the mutants."""
    rows = np.arange(X.shape[0])
    scores = X @ W
    if shift:
        scores = scores - np.max(scores, axis=1, keepdims=True)
    exp = np.exp(scores)
    probs = exp / np.sum(exp, axis=1, keepdims=True)
    loss = -np.sum(np.log(probs[rows, y]))
    if onehot:
        probs[rows, y] -= 1
    return float(loss), X.T @ probs


def _softmax_mutant(W, X, y, reg, divide_by_classes=False, use_reg=True, shift=True, onehot=True):
    loss, dW = _softmax_data(W, X, y, shift, onehot)
    n = W.shape[1] if divide_by_classes else X.shape[0]
    reg = reg if use_reg else 0.0
    return loss / n + reg * np.sum(W * W), dW / n + 2 * reg * W


def _softmax_no_reg(W, X, y, reg):
    return _softmax_mutant(W, X, y, reg, use_reg=False)


def _softmax_mean_over_classes(W, X, y, reg):
    return _softmax_mutant(W, X, y, reg, divide_by_classes=True)


def _softmax_no_shift(W, X, y, reg):
    return _softmax_mutant(W, X, y, reg, shift=False)


def _softmax_gradient_without_onehot(W, X, y, reg):
    return _softmax_mutant(W, X, y, reg, onehot=False)


# ----------------------------------------------------------------------------- typical mistakes: training


class _NoUpdate(linear.LinearClassifier):
    def train(self, X, y, learning_rate=1e-3, reg=1e-5, num_iters=100, batch_size=200, rng=None):
        return super().train(X, y, 0.0, reg, num_iters, batch_size, rng)


class _Ascent(linear.LinearClassifier):
    def train(self, X, y, learning_rate=1e-3, reg=1e-5, num_iters=100, batch_size=200, rng=None):
        return super().train(X, y, -learning_rate, reg, num_iters, batch_size, rng)


class _HistoryEvery10(linear.LinearClassifier):
    def train(self, X, y, learning_rate=1e-3, reg=1e-5, num_iters=100, batch_size=200, rng=None):
        return super().train(X, y, learning_rate, reg, num_iters, batch_size, rng)[::10]


class _PredictAxis0(linear.LinearClassifier):
    def predict(self, X):
        return np.argmax(X @ self.W, axis=0)


def _fit_with(cls):
    """The adapter: a class like LinearClassifier -> a function called like the reference.

    Anything that is not a class (the reference function itself, in the course's own tests) is
    returned unchanged.
    """
    return partial(linear.fit_with, cls) if isinstance(cls, type) else cls


def _describe_fit(args, show_values) -> str:
    """What the student's class was asked to do, e.g. ``LinearClassifier(svm_loss_vectorized)
    .train(X=..., ..., rng=np.random.default_rng(0)), then .predict(X_test=...)``."""
    value = lambda name: describe_value(args[name], show_values)
    train = ", ".join(f"{name}={value(name)}" for name in ("X", "y", "learning_rate", "reg", "num_iters", "batch_size"))
    seed = args["seed"] if show_values else "<seed>"
    return (f"LinearClassifier({linear.LOSSES[args['loss']].__name__}).train({train}, "
            f"rng=np.random.default_rng({seed})), then .predict(X_test={value('X_test')})")


# ----------------------------------------------------------------------------- properties


def _training_quality(args, expected, got) -> str | None:
    """The loss history starts where the reference's does and ends as low; predictions agree."""
    history, y_pred = np.asarray(got[0], dtype=np.float64), got[1]
    ref_history, ref_pred = expected
    if not np.all(np.isfinite(history)):
        return "the loss history holds nan or inf values: is the learning rate applied with the right sign?"
    if abs(history[0] - ref_history[0]) > 0.05 * ref_history[0]:
        return (f"the first loss is {history[0]:.4g}, expected about {ref_history[0]:.4g}: record the loss of "
                f"each mini-batch before the update, starting from W = 0.001 * rng.standard_normal((D, C))")
    tail = max(1, len(history) // 10)
    end, ref_end = float(np.mean(history[-tail:])), float(np.mean(ref_history[-tail:]))
    if end > 1.3 * ref_end + 0.05:
        return (f"the loss ends at {end:.4g} (mean of the last {tail} iterations), the reference's at "
                f"{ref_end:.4g}: is W updated with W -= learning_rate * dW at every iteration?")
    agreement = float(np.mean(y_pred == ref_pred))
    if agreement < 0.85:
        return f"only {agreement:.0%} of the predictions agree with the reference's (at least 85% expected)"
    return None


# ----------------------------------------------------------------------------- hidden cases


def _points(rng):
    D = int(rng.integers(2, 9))
    X = rng.normal(0, 1, (int(rng.integers(2, 8)), D))
    X_train = rng.normal(0, 1, (int(rng.integers(9, 20)), D))
    return {"X": X, "X_train": X_train}


def _vote_case(rng):
    """Random distances, plus a first test row built so that its k nearest labels tie between two
    labels, the larger one nearest, while every farther training example has the larger label."""
    k = int(rng.integers(2, 8))
    num_train, num_test = int(rng.integers(k + 6, 30)), int(rng.integers(3, 10))
    low, high = 0, int(rng.integers(1, 4))
    half = k // 2
    nearest = [high] * half + [low] * half + ([high + 1] if k % 2 else [])
    by_rank = np.r_[nearest, [high] * (num_train - k)].astype(np.int64)
    rank = rng.permutation(num_train)  # rank[p]: how near training example p is to test row 0
    dists = rng.uniform(0.1, 10, (num_test, num_train))
    dists[0] = np.sort(rng.uniform(0.1, 10, num_train))[rank]
    y_train = by_rank[rank]
    return {"dists": dists, "y_train": y_train, "k": k}


def _cv_case(rng):
    C, D = int(rng.integers(2, 4)), int(rng.integers(2, 5))
    N = int(rng.integers(30, 60))
    y = rng.integers(0, C, N)
    X = rng.normal(0, 1, (C, D))[y] + rng.normal(0, 1, (N, D))
    ks = [1] + sorted(rng.choice([2, 3, 5, 7], size=int(rng.integers(1, 3)), replace=False).tolist())
    return {"X": X, "y": y.astype(np.int64), "k_choices": ks, "num_folds": int(rng.integers(4, 6))}


def _loss_problem(rng):
    N, D, C = int(rng.integers(8, 30)), int(rng.integers(3, 10)), int(rng.integers(3, 7))
    return (rng.normal(0, 0.5, (D, C)), rng.normal(0, 1, (N, D)), rng.integers(0, C, N).astype(np.int64),
            float(10 ** rng.uniform(-2, 0)))


def _svm_case(rng):
    """No margin within 1e-3 of the hinge's kink, so centred differences are exact."""
    while True:
        W, X, y, reg = _loss_problem(rng)
        scores = X @ W
        margins = scores - scores[np.arange(len(y)), y][:, None] + 1
        margins[np.arange(len(y)), y] = 1.0
        if np.min(np.abs(margins)) > 1e-3:
            return {"W": W, "X": X, "y": y, "reg": reg}


def _softmax_case(rng):
    """One example scaled so that its highest score is 2000, and labelled with that class: exp
    overflows without the max shift, while its probabilities stay finite with it."""
    W, X, y, reg = _loss_problem(rng)
    r = int(rng.integers(0, len(y)))
    scores = X[r] @ W
    top = int(np.argmax(np.abs(scores)))
    X[r] *= 2000 / scores[top]
    y[r] = top
    return {"W": W, "X": X, "y": y, "reg": reg}


def _blobs(rng, C, D, n):
    means = rng.normal(0, 3, (C, D))
    y = rng.integers(0, C, n)
    X = means[y] + rng.normal(0, 1, (n, D))
    return np.hstack([X, np.ones((n, 1))]), y.astype(np.int64)


def _train_case(rng):
    C, D = int(rng.integers(3, 6)), int(rng.integers(4, 12))
    X, y = _blobs(rng, C, D, int(rng.integers(100, 200)) + 50)
    return {"X": X[50:], "y": y[50:], "X_test": X[:50], "loss": str(rng.choice(["svm", "softmax"])),
            "learning_rate": float(rng.uniform(0.05, 0.2)), "reg": float(10 ** rng.uniform(-4, -2)),
            "num_iters": int(rng.integers(100, 200)), "batch_size": int(rng.integers(16, 64)),
            "seed": int(rng.integers(0, 2**31))}


# ----------------------------------------------------------------------------- visible cases

_RNG = np.random.default_rng(6)
_XQ = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, 1.0]])
_XT = np.array([[0.0, 1.0], [2.0, 2.0], [3.0, 0.0], [-1.0, -1.0]])
_DIST_CASES = (Case({"X": _XQ, "X_train": _XT},
                    np.array([[1.0, 2.82842712, 3.0, 1.41421356],
                              [1.41421356, 1.0, 2.82842712, 3.60555128],
                              [3.0, 1.41421356, 1.0, 4.47213595]])),
               Case({"X": _RNG.normal(0, 1, (5, 7)), "X_train": _RNG.normal(0, 1, (12, 7))}))
_DIST_VOTE = np.array([[0.5, 2.0, 1.0, 3.0, 0.7, 4.0],
                       [3.0, 0.2, 2.5, 0.4, 5.0, 0.3],
                       [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]])
_Y_VOTE = np.array([2, 0, 1, 0, 1, 2])
_CV = _cv_case(np.random.default_rng(60))


def _loss_visible(problem_case):
    rng = np.random.default_rng(61)
    sanity = {"W": 1e-4 * rng.standard_normal((11, 10)), "X": rng.normal(0, 1, (20, 11)),
              "y": np.arange(20) % 10, "reg": 0.01}
    small = {"W": np.array([[0.2, -0.5, 0.1], [0.4, 0.3, -0.2]]),
             "X": np.array([[1.0, 2.0], [-1.0, 0.5], [0.5, -1.5], [2.0, 1.0]]),
             "y": np.array([0, 2, 1, 1]), "reg": 0.1}
    return (Case(small), Case(sanity), Case(problem_case(np.random.default_rng(62))))


_SVM_MUTANTS = {"the regularization term left out": _svm_no_reg,
                "the data term divided by the number of classes C instead of the number of examples N":
                    _svm_mean_over_classes,
                "the correct class counted in the sum (j = y_i adds a margin of 1)": _svm_counts_correct_class,
                "the gradient of reg * sum(W**2) written reg * W instead of 2 * reg * W":
                    _svm_reg_gradient_without_2}
_SOFTMAX_MUTANTS = {"the regularization term left out": _softmax_no_reg,
                    "the data term divided by the number of classes C instead of the number of examples N":
                        _softmax_mean_over_classes,
                    "scores not shifted by their max: exp overflows": _softmax_no_shift,
                    "dscores = probabilities, without subtracting 1 at the correct class":
                        _softmax_gradient_without_onehot}
def _loss_exercise(name, reference, hidden, mutants):
    """A ``(loss, dW)`` exercise, both compared with the reference (whose dW the unit's tests check
    against centred differences)."""
    return Exercise(id=f"linear_classifiers.{name}", reference=reference, cases=_loss_visible(hidden),
                    hidden=hidden, compare=Compare(names=("loss", "dW")), points=2, mutants=mutants)



_X_FIT, _Y_FIT = _blobs(np.random.default_rng(63), 4, 6, 200)

register(
    Exercise(
        id="linear_classifiers.compute_distances_two_loops",
        reference=knn.compute_distances_two_loops,
        cases=_DIST_CASES,
        hidden=_points,
        mutants={"squared distances (no square root)": _two_loops_squared,
                 "L1 distances (sum of absolute differences)": _two_loops_l1,
                 "shape (num_train, num_test) instead of (num_test, num_train)": _two_loops_transposed},
    ),
    Exercise(
        id="linear_classifiers.compute_distances_one_loop",
        reference=knn.compute_distances_one_loop,
        cases=_DIST_CASES,
        hidden=_points,
        mutants={"squared distances (no square root)": _one_loop_squared,
                 "np.sum without axis=1: one number for the whole row": _one_loop_no_axis},
    ),
    Exercise(
        id="linear_classifiers.compute_distances_no_loops",
        reference=knn.compute_distances_no_loops,
        cases=_DIST_CASES,
        hidden=_points,
        mutants={"squared distances (no square root)": _no_loops_squared,
                 "+ 2 X X_train^T instead of - 2 X X_train^T": _no_loops_plus_cross,
                 "np.sum(X**2) over all entries instead of one squared norm per row": _no_loops_total_norms},
    ),
    Exercise(
        id="linear_classifiers.predict_labels",
        reference=knn.predict_labels,
        cases=(Case({"dists": _DIST_VOTE, "y_train": _Y_VOTE, "k": 1}, np.array([2, 0, 2])),
               Case({"dists": _DIST_VOTE, "y_train": _Y_VOTE, "k": 3}, np.array([1, 0, 0])),
               Case({"dists": _DIST_VOTE, "y_train": _Y_VOTE, "k": 2}, np.array([1, 0, 0]))),
        hidden=_vote_case,
        mutants={"the k farthest neighbours (argsort's end) instead of the nearest": _vote_farthest,
                 "k ignored: the label of the nearest neighbour only": _vote_nearest_only,
                 "a tie goes to the largest label instead of the smallest": _vote_ties_to_largest},
    ),
    Exercise(
        id="linear_classifiers.cross_validate_k",
        reference=knn.cross_validate_k,
        cases=(Case(_CV),),
        hidden=_cv_case,
        n_hidden=5,
        points=2,
        mutants={"the validation fold also kept in the training set": _cv_validation_in_training,
                 "fold 0 used for validation every time": _cv_always_fold_zero,
                 "shape (num_folds, len(k_choices)) instead of (len(k_choices), num_folds)": _cv_transposed},
    ),
    _loss_exercise("svm_loss_naive", linear.svm_loss_naive, _svm_case, _SVM_MUTANTS),
    _loss_exercise("svm_loss_vectorized", linear.svm_loss_vectorized, _svm_case, _SVM_MUTANTS),
    _loss_exercise("softmax_loss_naive", linear.softmax_loss_naive, _softmax_case, _SOFTMAX_MUTANTS),
    _loss_exercise("softmax_loss_vectorized", linear.softmax_loss_vectorized, _softmax_case, _SOFTMAX_MUTANTS),
    Exercise(
        id="linear_classifiers.LinearClassifier",
        reference=linear.train_and_predict,
        cases=(Case({"X": _X_FIT[50:], "y": _Y_FIT[50:], "X_test": _X_FIT[:50], "loss": "svm",
                     "learning_rate": 0.1, "reg": 1e-3, "num_iters": 150, "batch_size": 32, "seed": 0}),
               Case({"X": _X_FIT[50:], "y": _Y_FIT[50:], "X_test": _X_FIT[:50], "loss": "softmax",
                     "learning_rate": 0.1, "reg": 1e-3, "num_iters": 150, "batch_size": 32, "seed": 1})),
        hidden=_train_case,
        n_hidden=4,
        compare=Compare(names=("loss_history", "y_pred"), values=False),
        adapter=_fit_with,
        describe=_describe_fit,
        properties=_training_quality,
        points=3,
        mutants={"W never updated (learning rate not applied)": _NoUpdate,
                 "W += learning_rate * dW: gradient ascent": _Ascent,
                 "the loss recorded every 10 iterations instead of every iteration": _HistoryEvery10,
                 "predict takes argmax over axis 0 (the examples) instead of axis 1": _PredictAxis0},
    ),
)
