"""Exercises of unit u01_logistic_regression: logistic regression as a single neuron."""
from __future__ import annotations

import numpy as np

from course.nn import activations, logistic, preprocessing

from .registry import Case, Compare, Exercise, register
from .u00_numpy import SIGMOID_MUTANTS, any_array

# ----------------------------------------------------------------------------- typical mistakes


def _facts_pixels_count(train_x_orig, test_x_orig):
    return train_x_orig.shape[0], test_x_orig.shape[0], train_x_orig.shape[1] * train_x_orig.shape[2]


def _facts_swapped(train_x_orig, test_x_orig):
    return test_x_orig.shape[0], train_x_orig.shape[0], train_x_orig.shape[1]


def _flatten_no_transpose(images):
    return images.reshape(images.shape[0], -1)


def _flatten_reshape_only(images):
    return images.reshape(-1, images.shape[0])


def _standardize_test_own_stats(X_train, X_test):
    def scale(X):
        centred = X - np.mean(X, axis=1, keepdims=True)
        return centred / np.std(centred)
    return scale(X_train), scale(X_test)


def _standardize_variance(X_train, X_test):
    mu = np.mean(X_train, axis=1, keepdims=True)
    var = np.var(X_train - mu)
    return (X_train - mu) / var, (X_test - mu) / var


def _standardize_not_centred(X_train, X_test):
    sigma = np.std(X_train)
    return X_train / sigma, X_test / sigma


def _zeros_rank1(dim):
    return np.zeros(dim), 0.0


def _zeros_row(dim):
    return np.zeros((1, dim)), 0.0


def _propagate_no_mean(w, b, X, Y):
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return {"dw": X @ (A - Y).T, "db": np.sum(A - Y)}, cost


def _propagate_cost_sign(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": X @ (A - Y).T / m, "db": np.sum(A - Y) / m}, cost


def _propagate_dz_sign(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": X @ (Y - A).T / m, "db": np.sum(Y - A) / m}, cost


def _optimize_ascent(w, b, X, Y, num_iterations, learning_rate, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = logistic.propagate(w, b, X, Y)
        w, b = w + learning_rate * grads["dw"], b + learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def _optimize_every_cost(w, b, X, Y, num_iterations, learning_rate, print_cost=False):
    costs = []
    for _ in range(num_iterations):
        grads, cost = logistic.propagate(w, b, X, Y)
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
        costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def _optimize_no_bias(w, b, X, Y, num_iterations, learning_rate, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = logistic.propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def _predict_probabilities(w, b, X):
    return 1 / (1 + np.exp(-(w.T @ X + b)))


def _predict_rank1(w, b, X):
    return (1 / (1 + np.exp(-(w.T @ X + b))) > 0.5).astype(float).ravel()


def _predict_tie_as_one(w, b, X):
    return (1 / (1 + np.exp(-(w.T @ X + b))) >= 0.5).astype(float)


def _predict_threshold_on_z(w, b, X):
    return ((w.T @ X + b) > 0.5).astype(float)


def _model_test_on_train(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005,
                         print_cost=False):
    d = logistic.model(X_train, Y_train, X_train, Y_train, num_iterations, learning_rate)
    return d


def _model_untrained_predictions(X_train, Y_train, X_test, Y_test, num_iterations=2000,
                                 learning_rate=0.005, print_cost=False):
    d = logistic.model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    w, b = logistic.initialize_with_zeros(X_train.shape[0])
    d["Y_prediction_test"] = logistic.predict(w, b, X_test)
    return d


# ----------------------------------------------------------------------------- hidden cases


def _image_stacks(rng):
    px = int(rng.integers(4, 30))
    return {"train_x_orig": rng.random((int(rng.integers(5, 40)), px, px)),
            "test_x_orig": rng.random((int(rng.integers(5, 40)), px, px))}


def _images(rng):
    px = int(rng.integers(2, 7))
    return {"images": rng.random((int(rng.integers(2, 9)), px, px))}


def _train_test(rng):
    n = int(rng.integers(3, 9))
    return {"X_train": rng.normal(0.5, 0.2, (n, int(rng.integers(4, 20)))),
            "X_test": rng.normal(0.5, 0.2, (n, int(rng.integers(3, 12))))}


def _dim(rng):
    return {"dim": int(rng.integers(1, 30))}


def _problem(rng, m=None):
    """A small classification problem: X (n, m), Y (1, m) from a noisy linear rule."""
    n, m = int(rng.integers(2, 8)), m or int(rng.integers(5, 40))
    X = rng.normal(0, 1, (n, m))
    Y = ((rng.normal(0, 1, (1, n)) @ X + rng.normal(0, 0.5, (1, m))) > 0).astype(np.float64)
    return X, Y


def _propagate_case(rng):
    X, Y = _problem(rng)
    return {"w": rng.normal(0, 0.5, (X.shape[0], 1)), "b": float(rng.normal()), "X": X, "Y": Y}


def _optimize_case(rng):
    X, Y = _problem(rng)
    return {"w": rng.normal(0, 0.1, (X.shape[0], 1)), "b": float(rng.normal(0, 0.1)), "X": X, "Y": Y,
            "num_iterations": int(rng.integers(101, 400)), "learning_rate": float(rng.uniform(0.01, 0.5)),
            "print_cost": False}


def _predict_case(rng):
    """w, b, X with w^T x + b exactly 0 for one example: a probability of exactly 0.5 (a tie)."""
    X, _ = _problem(rng)
    w = rng.normal(0, 1, (X.shape[0], 1))
    return {"w": w, "b": -float((w.T @ X)[0, int(rng.integers(X.shape[1]))]), "X": X}


def _model_case(rng):
    X, Y = _problem(rng, m=60)
    split = int(rng.integers(30, 50))
    return {"X_train": X[:, :split], "Y_train": Y[:, :split], "X_test": X[:, split:], "Y_test": Y[:, split:],
            "num_iterations": int(rng.integers(101, 400)), "learning_rate": float(rng.uniform(0.01, 0.5)),
            "print_cost": False}


# ----------------------------------------------------------------------------- visible cases

_W = np.array([[1.0], [2.0]])
_B = 1.5
_X = np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]])
_Y = np.array([[1.0, 1.0, 0.0]])
_RNG = np.random.default_rng(1)
_XV = _RNG.normal(0, 1, (4, 7))
_YV = np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0]])
# Four test examples, two predicted 1: predictions of the untrained (all-zero) model differ.
_MODEL_ARGS = {"X_train": _XV, "Y_train": _YV, "X_test": _RNG.normal(0, 1, (4, 4)),
               "Y_test": np.array([[0.0, 1.0, 1.0, 1.0]]), "num_iterations": 300, "learning_rate": 0.1,
               "print_cost": False}

register(
    Exercise(
        id="logistic_regression.dataset_facts",
        reference=preprocessing.dataset_facts,
        cases=(Case({"train_x_orig": np.zeros((150, 25, 25)), "test_x_orig": np.zeros((50, 25, 25))},
                    (150, 50, 25)),
               Case({"train_x_orig": np.zeros((7, 4, 4)), "test_x_orig": np.zeros((3, 4, 4))}, (7, 3, 4))),
        hidden=_image_stacks,
        compare=Compare(names=("m_train", "m_test", "num_px")),
        mutants={"num_px as the number of pixels h * w": _facts_pixels_count,
                 "m_train and m_test swapped": _facts_swapped},
    ),
    Exercise(
        id="logistic_regression.flatten",
        reference=preprocessing.flatten,
        cases=(Case({"images": np.arange(12, dtype=float).reshape(3, 2, 2)},
                    np.array([[0.0, 4.0, 8.0], [1.0, 5.0, 9.0], [2.0, 6.0, 10.0], [3.0, 7.0, 11.0]])),
               Case({"images": np.arange(50, dtype=float).reshape(2, 5, 5) / 50})),
        hidden=_images,
        mutants={"one image per row (m, n_x) instead of per column": _flatten_no_transpose,
                 "reshape(-1, m) without the transpose: pixels of different images mixed": _flatten_reshape_only},
    ),
    Exercise(
        id="logistic_regression.standardize",
        reference=preprocessing.standardize,
        cases=(Case({"X_train": np.array([[0.0, 0.2, 0.4, 0.6], [1.0, 0.8, 0.6, 0.4]]),
                     "X_test": np.array([[0.5, 0.1], [0.5, 0.9]])}),),
        hidden=_train_test,
        compare=Compare(names=("X_train", "X_test")),
        mutants={"the test set standardised with its own statistics": _standardize_test_own_stats,
                 "divided by the variance instead of the standard deviation": _standardize_variance,
                 "scaled but not centred": _standardize_not_centred},
    ),
    Exercise(
        id="logistic_regression.sigmoid",
        reference=activations.sigmoid,
        cases=(Case({"z": np.array([0.0, 2.0])}, np.array([0.5, 0.88079708])),
               Case({"z": np.array([[-1.0, 0.0], [4.0, -6.0]])})),
        hidden=lambda rng: {"z": any_array(rng)["x"]},
        mutants=SIGMOID_MUTANTS,
    ),
    Exercise(
        id="logistic_regression.initialize_with_zeros",
        reference=logistic.initialize_with_zeros,
        cases=(Case({"dim": 2}, (np.zeros((2, 1)), 0.0)), Case({"dim": 625})),
        hidden=_dim,
        compare=Compare(names=("w", "b")),
        mutants={"w of shape (dim,) instead of (dim, 1)": _zeros_rank1,
                 "w of shape (1, dim) instead of (dim, 1)": _zeros_row},
    ),
    Exercise(
        id="logistic_regression.propagate",
        reference=logistic.propagate,
        cases=(Case({"w": _W, "b": _B, "X": _X, "Y": _Y},
                    ({"dw": np.array([[0.25071532], [-0.06604096]]), "db": -0.1250040450043965},
                     0.15900537707692405)),),
        hidden=_propagate_case,
        compare=Compare(names=("grads", "cost")),
        points=2,
        mutants={"no 1/m: sums instead of means": _propagate_no_mean,
                 "cost without the minus sign": _propagate_cost_sign,
                 "dZ = Y - A instead of A - Y": _propagate_dz_sign},
    ),
    Exercise(
        id="logistic_regression.optimize",
        reference=logistic.optimize,
        cases=(Case({"w": _W, "b": _B, "X": _X, "Y": _Y, "num_iterations": 101, "learning_rate": 0.009,
                     "print_cost": False}),
               Case({"w": np.zeros((4, 1)), "b": 0.0, "X": _XV, "Y": _YV, "num_iterations": 250,
                     "learning_rate": 0.1, "print_cost": False})),
        hidden=_optimize_case,
        compare=Compare(names=("params", "grads", "costs")),
        points=2,
        mutants={"w + learning_rate * dw: gradient ascent": _optimize_ascent,
                 "a cost recorded every iteration instead of every 100": _optimize_every_cost,
                 "b never updated": _optimize_no_bias},
    ),
    Exercise(
        id="logistic_regression.predict",
        reference=logistic.predict,
        cases=(Case({"w": np.array([[0.1124579], [0.23106775]]), "b": -0.3,
                     "X": np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])}, np.array([[1.0, 1.0, 0.0]])),
               Case({"w": np.array([[0.5], [-0.5]]), "b": 0.0, "X": np.array([[1.0, 2.0, 3.0], [1.0, -1.0, 3.0]])},
                    np.array([[0.0, 1.0, 0.0]]))),
        hidden=_predict_case,
        mutants={"probabilities instead of 0/1 labels": _predict_probabilities,
                 "rank-1 result (m,) instead of (1, m)": _predict_rank1,
                 "threshold 0.5 applied to z instead of sigmoid(z)": _predict_threshold_on_z,
                 "a probability of exactly 0.5 predicted as 1 (A >= 0.5 instead of A > 0.5)": _predict_tie_as_one},
    ),
    Exercise(
        id="logistic_regression.model",
        reference=logistic.model,
        cases=(Case(_MODEL_ARGS),),
        hidden=_model_case,
        n_hidden=5,
        points=2,
        mutants={"test predictions made on the training set": _model_test_on_train,
                 "test predictions made with the untrained parameters": _model_untrained_predictions},
    ),
)
