"""Exercises of unit u04_practical: initialisation, regularisation, gradient checking, normalisation."""
from __future__ import annotations

import numpy as np

from course.nn import gradcheck, gradient_checking, init, preprocessing, regularization

from .compare import compare
from .properties import initialization_problem
from .registry import Case, Compare, Exercise, register
from .shapes import with_exact_zeros

# ----------------------------------------------------------------------------- typical mistakes: initialisation


def _zeros(layers_dims, bias_shape=lambda n: (n, 1), transpose=False):
    parameters = {}
    for l in range(1, len(layers_dims)):
        shape = (layers_dims[l], layers_dims[l - 1])
        parameters[f"W{l}"] = np.zeros(shape[::-1] if transpose else shape)
        parameters[f"b{l}"] = np.zeros(bias_shape(layers_dims[l]))
    return parameters


def _zeros_rank1_bias(layers_dims, rng):
    return _zeros(layers_dims, bias_shape=lambda n: (n,))


def _zeros_transposed(layers_dims, rng):
    return _zeros(layers_dims, transpose=True)


def _zeros_one_layer_short(layers_dims, rng):
    return _zeros(layers_dims[:-1])


def _scaled(layers_dims, rng, std, draw="normal", bias_std=0.0, first=1):
    """Weights ``draw * std(n_l, n_{l-1})``; biases ``bias_std * N(0, 1)``: the template of the init
    mutants (``first=0``: the loop starts at layer 0)."""
    parameters = {}
    for l in range(first, len(layers_dims)):
        shape = (layers_dims[l], layers_dims[l - 1])
        values = rng.standard_normal(shape) if draw == "normal" else rng.random(shape)
        parameters[f"W{l}"] = values * std(layers_dims[l], layers_dims[l - 1])
        parameters[f"b{l}"] = rng.standard_normal((layers_dims[l], 1)) * bias_std
    return parameters


def _random_unscaled(layers_dims, rng):
    return _scaled(layers_dims, rng, lambda n, n_prev: 1.0)


def _random_uniform(layers_dims, rng):
    return _scaled(layers_dims, rng, lambda n, n_prev: 10.0, draw="uniform")


def _random_biases(layers_dims, rng):
    return _scaled(layers_dims, rng, lambda n, n_prev: 10.0, bias_std=10.0)


def _random_transposed(layers_dims, rng):
    return {key: value.T if key[0] == "W" else value
            for key, value in _scaled(layers_dims, rng, lambda n, n_prev: 10.0).items()}


def _he_xavier(layers_dims, rng):
    return _scaled(layers_dims, rng, lambda n, n_prev: np.sqrt(1 / n_prev))


def _he_fan_out(layers_dims, rng):
    return _scaled(layers_dims, rng, lambda n, n_prev: np.sqrt(2 / n))


def _he_from_layer_zero(layers_dims, rng):
    return _scaled(layers_dims, rng, lambda n, n_prev: np.sqrt(2 / n_prev), first=0)


def _he_no_sqrt(layers_dims, rng):
    return _scaled(layers_dims, rng, lambda n, n_prev: 2 / n_prev)


# ----------------------------------------------------------------------------- typical mistakes: normalisation


def _normalize_variance(X_train, X_test):
    mu, var = np.mean(X_train, axis=1, keepdims=True), np.var(X_train, axis=1, keepdims=True)
    return (X_train - mu) / var, (X_test - mu) / var


def _normalize_test_own_stats(X_train, X_test):
    def scale(X):
        return (X - np.mean(X, axis=1, keepdims=True)) / np.std(X, axis=1, keepdims=True)
    return scale(X_train), scale(X_test)


# ----------------------------------------------------------------------------- typical mistakes: L2 and dropout


def _cross_entropy(A3, Y):
    return -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / Y.shape[1]


def _sum_sq(parameters, prefix="W"):
    return sum(np.sum(np.square(value)) for key, value in parameters.items() if key[0] in prefix)


def _cost_l2_over_m(A3, Y, parameters, lambd):
    return _cross_entropy(A3, Y) + lambd / Y.shape[1] * _sum_sq(parameters)


def _cost_l2_biases(A3, Y, parameters, lambd):
    return _cross_entropy(A3, Y) + lambd / (2 * Y.shape[1]) * _sum_sq(parameters, "Wb")


def _cost_l2_norms_not_squared(A3, Y, parameters, lambd):
    norms = sum(np.linalg.norm(value) for key, value in parameters.items() if key[0] == "W")
    return _cross_entropy(A3, Y) + lambd / (2 * Y.shape[1]) * norms


def _backward_l2_no_m(X, Y, cache, lambd):
    grads = regularization.backward(X, Y, cache)
    for l in (1, 2, 3):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd * cache[f"W{l}"]
    return grads


def _backward_l2_half(X, Y, cache, lambd):
    return regularization.backward(X, Y, cache, lambd=lambd / 2)


def _backward_l2_on_biases(X, Y, cache, lambd):
    grads = regularization.backward(X, Y, cache, lambd=lambd)
    for l in (1, 2, 3):
        grads[f"db{l}"] = grads[f"db{l}"] + lambd / X.shape[1] * cache[f"b{l}"]
    return grads


def _backward_l2_forgotten(X, Y, cache, lambd):
    return regularization.backward(X, Y, cache)


def _zeros_made_positive(cache):
    """The cache with the exact zeros of Z1 and Z2 replaced by a tiny positive number: the mask
    Z > 0 applied to it is the mistaken mask Z >= 0 applied to the real cache."""
    return {key: np.where(value == 0, 1e-300, value) if key in ("Z1", "Z2") else value
            for key, value in cache.items()}


def _backward_l2_mask_at_zero(X, Y, cache, lambd):
    return regularization.backward(X, Y, _zeros_made_positive(cache), lambd=lambd)


def _backward_dropout_mask_at_zero(X, Y, cache, keep_prob):
    return regularization.backward(X, Y, _zeros_made_positive(cache), keep_prob=keep_prob)


def _dropout_masks(X, parameters, keep_prob, rng, keep=True):
    shapes = [(parameters[f"W{l}"].shape[0], X.shape[1]) for l in (1, 2)]
    return [(rng.random(shape) < keep_prob) if keep else (rng.random(shape) > keep_prob) for shape in shapes]


def _dropout_not_scaled(X, parameters, keep_prob, rng):
    D1, D2 = _dropout_masks(X, parameters, keep_prob, rng)
    A3, cache = regularization.forward_with_masks(X, parameters, 1.0, D1, D2)
    return A3, cache


def _dropout_inverted_masks(X, parameters, keep_prob, rng):
    D1, D2 = _dropout_masks(X, parameters, keep_prob, rng, keep=False)
    return regularization.forward_with_masks(X, parameters, keep_prob, D1, D2)


def _dropout_on_output(X, parameters, keep_prob, rng):
    D1, D2 = _dropout_masks(X, parameters, keep_prob, rng)
    A3, cache = regularization.forward_with_masks(X, parameters, keep_prob, D1, D2)
    A3 = A3 * (rng.random(A3.shape) < keep_prob) / keep_prob
    cache["A3"] = A3
    return A3, cache


def _dropout_one_mask_per_unit(X, parameters, keep_prob, rng):
    D1, D2 = _dropout_masks(X[:, :1], parameters, keep_prob, rng)
    return regularization.forward_with_masks(X, parameters, keep_prob, D1, D2)


def _dropout_masks_not_cached(X, parameters, keep_prob, rng):
    A3, cache = regularization.forward_with_masks(X, parameters, keep_prob, *_dropout_masks(X, parameters, keep_prob, rng))
    return A3, {key: value for key, value in cache.items() if key[0] != "D"}


def _backward_dropout_unmasked(X, Y, cache, keep_prob):
    no_masks = {key: (np.ones_like(value) if key[0] == "D" else value) for key, value in cache.items()}
    return regularization.backward(X, Y, no_masks, keep_prob=keep_prob)


def _backward_dropout_not_scaled(X, Y, cache, keep_prob):
    return regularization.backward(X, Y, cache, keep_prob=1.0)


def _backward_dropout_times_keep_prob(X, Y, cache, keep_prob):
    return regularization.backward(X, Y, cache, keep_prob=1 / keep_prob)


# ----------------------------------------------------------------------------- typical mistakes: gradient checking


def _cube(x, theta):
    return x * theta ** 3


def _check_1d_no_two(x, theta, epsilon):
    gradapprox = (_cube(x, theta + epsilon) - _cube(x, theta - epsilon)) / epsilon
    return gradcheck.relative_error(3 * x * theta ** 2, gradapprox)


def _check_1d_sign(x, theta, epsilon):
    gradapprox = (_cube(x, theta - epsilon) - _cube(x, theta + epsilon)) / (2 * epsilon)
    return gradcheck.relative_error(3 * x * theta ** 2, gradapprox)


def _check_1d_returns_approx(x, theta, epsilon):
    return (_cube(x, theta + epsilon) - _cube(x, theta - epsilon)) / (2 * epsilon)


def _check_1d_zero(x, theta, epsilon):
    return 0.0


def _check_1d_one_sided(x, theta, epsilon):
    gradapprox = (_cube(x, theta + epsilon) - _cube(x, theta)) / epsilon
    return gradcheck.relative_error(3 * x * theta ** 2, gradapprox)


def _check_1d_unnormalised(x, theta, epsilon):
    gradapprox = (_cube(x, theta + epsilon) - _cube(x, theta - epsilon)) / (2 * epsilon)
    return float(abs(3 * x * theta ** 2 - gradapprox))


def _approx_n(parameters, X, Y, epsilon, one_sided=False, denominator=2.0):
    theta = gradcheck.dictionary_to_vector(parameters)
    cost = lambda t: regularization.forward_propagation_n(X, Y, gradcheck.vector_to_dictionary(t, parameters))[0]
    J = cost(theta) if one_sided else None
    approx = np.zeros_like(theta)
    for i in range(theta.size):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        approx[i] = (cost(plus) - (J if one_sided else cost(minus))) / (denominator * epsilon)
    return approx


def _check_n_forward_difference(parameters, gradients, X, Y, epsilon):
    grad = gradcheck.gradients_to_vector(gradients, parameters)
    return gradcheck.relative_error(grad, _approx_n(parameters, X, Y, epsilon, one_sided=True, denominator=1.0))


def _check_n_no_two(parameters, gradients, X, Y, epsilon):
    grad = gradcheck.gradients_to_vector(gradients, parameters)
    return gradcheck.relative_error(grad, _approx_n(parameters, X, Y, epsilon, denominator=1.0))


def _check_n_absolute(parameters, gradients, X, Y, epsilon):
    grad = gradcheck.gradients_to_vector(gradients, parameters)
    return float(np.linalg.norm(grad - _approx_n(parameters, X, Y, epsilon)))


def _check_n_in_place(parameters, gradients, X, Y, epsilon):
    grad = gradcheck.gradients_to_vector(gradients, parameters)
    approx = []
    for value in parameters.values():
        flat = value.reshape(-1)  # a view: nudging it changes the caller's arrays
        for i in range(flat.size):
            flat[i] += epsilon
            J_plus = regularization.forward_propagation_n(X, Y, parameters)[0]
            flat[i] -= 2 * epsilon
            J_minus = regularization.forward_propagation_n(X, Y, parameters)[0]
            approx.append((J_plus - J_minus) / (2 * epsilon))
    return gradcheck.relative_error(grad, np.array(approx))


# ----------------------------------------------------------------------------- properties


def _init_statistics(target_std, how):
    """A ``properties`` check: biases exactly 0, weights random with std ``target_std(n_{l-1})``."""

    def check(args, expected, got) -> str | None:
        return initialization_problem(got, args["layers_dims"], target_std, how)

    return check


def _exactly_zero(args, expected, got) -> str | None:
    for key, value in got.items():
        if np.any(np.asarray(value) != 0):
            return f"{key} should be exactly zero everywhere"
    return None


CACHE_KEYS = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")


def _dropout_behaves(args, expected, got) -> str | None:
    """Masks of the right shape, 0/1, keeping about keep_prob of the units; A3 and the cache are
    what the forward pass gives with the student's own masks (so the order of draws is free)."""
    X, parameters, keep_prob = args["X"], args["parameters"], args["keep_prob"]
    A3, cache = got
    if not isinstance(cache, dict):
        return f"cache should be a dict, got {type(cache).__name__}"
    missing = [key for key in CACHE_KEYS if key not in cache]
    if missing:
        return f"cache is missing the key{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}"
    masks = []
    for l in (1, 2):
        D, want = np.asarray(cache[f"D{l}"]), (parameters[f"W{l}"].shape[0], X.shape[1])
        if D.shape != want:
            return f"cache['D{l}'] should have the shape of A{l}, {want} (one draw per unit and example), got {D.shape}"
        if not np.all((D == 0) | (D == 1)):
            return f"cache['D{l}'] should hold only 0 and 1 (or False and True)"
        kept = float(np.mean(D))
        if D.size >= 1000 and abs(kept - keep_prob) > 0.07:
            return (f"cache['D{l}'] keeps {kept:.1%} of the units; with keep_prob={keep_prob:.2f} it should "
                    f"keep about {keep_prob:.0%} (rng.random(shape) < keep_prob)")
        masks.append(D.astype(bool))
    want_A3, want_cache = regularization.forward_with_masks(X, parameters, keep_prob, *masks)
    hint = "(A[l] = relu(Z[l]) * D[l] / keep_prob on the hidden layers only)"
    message = compare(want_A3, A3, Compare(), show_values=False)
    if message:
        return f"with the masks in your cache, {message.replace('output', 'A3', 1)} {hint}"
    for key in ("Z1", "A1", "Z2", "A2", "Z3", "A3"):
        message = compare(want_cache[key], cache[key], Compare(), show_values=False)
        if message:
            return f"with the masks in your cache, {message.replace('output', f'cache[{key!r}]', 1)} {hint}"
    return None


# ----------------------------------------------------------------------------- cases


def _network(rng, dims, m, weight_std=1.0):
    """Parameters of the three-layer network (random biases too) and data ``(X (dims[0], m), Y)``."""
    parameters = {}
    for l in (1, 2, 3):
        parameters[f"W{l}"] = rng.normal(0, weight_std / np.sqrt(dims[l - 1]), (dims[l], dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(0, 0.3, (dims[l], 1))
    X = rng.normal(0, 1, (dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    Y[0, :2] = [0.0, 1.0]  # both classes always present
    return parameters, X, Y


def _small_dims(rng):
    return [int(rng.integers(2, 6)), int(rng.integers(3, 8)), int(rng.integers(2, 6)), 1]


def _init_case(rng):
    dims = [int(rng.integers(100, 300)), int(rng.integers(20, 50)), int(rng.integers(5, 20))]
    if rng.random() < 0.5:
        dims.append(int(rng.integers(2, 10)))
    return {"layers_dims": dims + [1], "rng": np.random.default_rng(int(rng.integers(2**31)))}


def _normalize_case(rng):
    n = int(rng.integers(2, 7))
    mean, scale = rng.normal(0, 5, (n, 1)), np.exp(rng.uniform(np.log(0.1), np.log(10), (n, 1)))
    return {"X_train": mean + scale * rng.normal(0, 1, (n, int(rng.integers(5, 30)))),
            "X_test": mean + scale * rng.normal(0, 1, (n, int(rng.integers(2, 15))))}


def _cost_case(rng):
    parameters, _, Y = _network(rng, _small_dims(rng), int(rng.integers(3, 20)))
    return {"A3": rng.uniform(0.05, 0.95, Y.shape), "Y": Y, "parameters": parameters,
            "lambd": float(rng.uniform(0.05, 1.0))}


def _relu_zeros(cache, rng):
    """The cache with some negative entries of Z1 and Z2 set to exactly 0 (A1, A2 are unchanged)."""
    return {key: with_exact_zeros(value, rng) if key in ("Z1", "Z2") else value for key, value in cache.items()}


def _backward_l2_case(rng):
    parameters, X, Y = _network(rng, _small_dims(rng), int(rng.integers(3, 20)))
    _, cache = regularization.forward_propagation(X, parameters)
    return {"X": X, "Y": Y, "cache": _relu_zeros(cache, rng), "lambd": float(rng.uniform(0.05, 1.0))}


def _dropout_forward_case(rng):
    dims = [int(rng.integers(2, 6)), int(rng.integers(40, 80)), int(rng.integers(40, 60)), 1]
    parameters, X, _ = _network(rng, dims, int(rng.integers(50, 80)))
    return {"X": X, "parameters": parameters, "keep_prob": float(rng.uniform(0.6, 0.9)),
            "rng": np.random.default_rng(int(rng.integers(2**31)))}


def _dropout_cache(rng, dims, m, keep_prob):
    parameters, X, Y = _network(rng, dims, m)
    _, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob, rng)
    return {"X": X, "Y": Y, "cache": _relu_zeros(cache, rng), "keep_prob": keep_prob}


def _dropout_backward_case(rng):
    return _dropout_cache(rng, _small_dims(rng), int(rng.integers(10, 25)), float(rng.uniform(0.5, 0.85)))


def _check_1d_case(rng):
    """Steps 1e-3 to 3e-2: the centred difference's error x eps^2 is far above rounding, so the
    result eps^2 / (6 theta^2 + eps^2) is compared with rtol 1e-4 and no absolute tolerance."""
    return {"x": float(rng.choice([-1, 1]) * rng.uniform(0.5, 5)),
            "theta": float(rng.choice([-1, 1]) * rng.uniform(0.5, 3)), "epsilon": float(10 ** rng.uniform(-3, -1.5))}


def _bugged(rng, parameters, gradients):
    """``gradients`` with one parameter's gradient wrong (scaled, sign-flipped or noisy)."""
    key = "d" + str(rng.choice(list(parameters)))
    bug = int(rng.integers(3))
    grads = dict(gradients)
    if bug == 0:
        grads[key] = grads[key] * float(rng.choice([0.5, 2.0, 3.0]))
    elif bug == 1:
        grads[key] = -grads[key]
    else:
        grads[key] = grads[key] + rng.normal(0, 0.1, grads[key].shape)
    return grads


def _check_n_case(rng):
    parameters, X, Y = _network(rng, _small_dims(rng), int(rng.integers(3, 10)))
    _, cache = regularization.forward_propagation(X, parameters)
    gradients = regularization.backward_propagation(X, Y, cache)
    if rng.random() < 0.7:
        gradients = _bugged(rng, parameters, gradients)
    return {"parameters": parameters, "gradients": gradients, "X": X, "Y": Y,
            "epsilon": float(10 ** rng.uniform(-4, -2))}


# ----------------------------------------------------------------------------- visible cases

_RNG = np.random.default_rng(4)
_SMALL = _network(_RNG, [3, 4, 3, 1], 5)          # (parameters, X, Y) of a small network
_SMALL_CACHE = regularization.forward_propagation(_SMALL[1], _SMALL[0])[1]
_SMALL_CACHE_TIES = _relu_zeros(_SMALL_CACHE, np.random.default_rng(6))
_A3 = np.array([[0.8, 0.3, 0.6, 0.1, 0.7]])
_WIDE = _network(_RNG, [3, 60, 40, 1], 50)        # wide hidden layers: dropout statistics are reliable
_DROPOUT_CASE = _dropout_cache(np.random.default_rng(5), [3, 5, 4, 1], 12, 0.8)
_CHECK_N_GRADS = regularization.backward_propagation(_SMALL[1], _SMALL[2], _SMALL_CACHE)
_CHECK_N_BUGGED = dict(_CHECK_N_GRADS, dW2=2 * _CHECK_N_GRADS["dW2"])

register(
    Exercise(
        id="practical.initialize_parameters_zeros",
        reference=init.initialize_parameters_zeros,
        cases=(Case({"layers_dims": [2, 10, 5, 1], "rng": np.random.default_rng(0)}),
               Case({"layers_dims": [4, 3, 1], "rng": np.random.default_rng(1)})),
        hidden=_init_case,
        properties=_exactly_zero,
        mutants={"b[l] of shape (n_l,) instead of (n_l, 1)": _zeros_rank1_bias,
                 "W[l] of shape (n_{l-1}, n_l) instead of (n_l, n_{l-1})": _zeros_transposed,
                 "the loop stops one layer early (no W_L, b_L)": _zeros_one_layer_short},
    ),
    Exercise(
        id="practical.initialize_parameters_random",
        reference=init.initialize_parameters_random,
        cases=(Case({"layers_dims": [2, 10, 5, 1], "rng": np.random.default_rng(0)}),
               Case({"layers_dims": [300, 100, 50, 1], "rng": np.random.default_rng(1)})),
        hidden=_init_case,
        compare=Compare(values=False),
        properties=_init_statistics(lambda n_prev: 10.0, "standard normal times 10"),
        mutants={"standard normal without the factor 10": _random_unscaled,
                 "uniform [0, 1) draws (rng.random) times 10": _random_uniform,
                 "biases drawn at random too": _random_biases,
                 "W[l] of shape (n_{l-1}, n_l)": _random_transposed},
    ),
    Exercise(
        id="practical.initialize_parameters_he",
        reference=init.initialize_parameters_he,
        cases=(Case({"layers_dims": [2, 10, 5, 1], "rng": np.random.default_rng(0)}),
               Case({"layers_dims": [300, 100, 50, 1], "rng": np.random.default_rng(1)})),
        hidden=_init_case,
        compare=Compare(values=False),
        properties=_init_statistics(lambda n_prev: np.sqrt(2 / n_prev), "standard normal times sqrt(2 / n_{l-1})"),
        mutants={"sqrt(1 / n_{l-1}) (LeCun's scale) instead of sqrt(2 / n_{l-1})": _he_xavier,
                 "sqrt(2 / n_l): the layer's own size instead of its input size": _he_fan_out,
                 "2 / n_{l-1} without the square root": _he_no_sqrt,
                 "the loop starts at layer 0 (range(0, L + 1)), adding W0 and b0": _he_from_layer_zero},
    ),
    Exercise(
        id="practical.normalize_inputs",
        reference=preprocessing.normalize_inputs,
        cases=(Case({"X_train": np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 30.0, 20.0, 60.0], [0.5, 0.1, 0.3, 0.9]]),
                     "X_test": np.array([[3.0, 0.0], [25.0, 40.0], [0.2, 0.6]])}),),
        hidden=_normalize_case,
        compare=Compare(names=("X_train_norm", "X_test_norm")),
        mutants={"divided by the variance instead of the standard deviation": _normalize_variance,
                 "the test set normalised with its own mean and standard deviation": _normalize_test_own_stats,
                 "one standard deviation for all features instead of one per feature (u01's standardize)":
                     preprocessing.standardize},
    ),
    Exercise(
        id="practical.compute_cost_with_regularization",
        reference=regularization.compute_cost_with_regularization,
        cases=(Case({"A3": _A3, "Y": _SMALL[2], "parameters": _SMALL[0], "lambd": 0.1},
                    regularization.compute_cost_with_regularization(_A3, _SMALL[2], _SMALL[0], 0.1)),),
        hidden=_cost_case,
        mutants={"lambd / m instead of lambd / (2 m)": _cost_l2_over_m,
                 "biases penalised too": _cost_l2_biases,
                 "Frobenius norms not squared": _cost_l2_norms_not_squared},
    ),
    Exercise(
        id="practical.backward_propagation_with_regularization",
        reference=regularization.backward_propagation_with_regularization,
        cases=(Case({"X": _SMALL[1], "Y": _SMALL[2], "cache": _SMALL_CACHE, "lambd": 0.7}),
               Case({"X": _SMALL[1], "Y": _SMALL[2], "cache": _SMALL_CACHE_TIES, "lambd": 0.7})),
        hidden=_backward_l2_case,
        points=2,
        mutants={"L2 term forgotten": _backward_l2_forgotten,
                 "lambd * W without the 1/m": _backward_l2_no_m,
                 "(lambd / (2 m)) W: the factor 2 of the square's derivative lost": _backward_l2_half,
                 "L2 term added to the biases' gradients too": _backward_l2_on_biases,
                 "relu's derivative taken as 1 at Z = 0 (the mask Z >= 0 instead of Z > 0)": _backward_l2_mask_at_zero},
    ),
    Exercise(
        id="practical.forward_propagation_with_dropout",
        reference=regularization.forward_propagation_with_dropout,
        cases=(Case({"X": _SMALL[1], "parameters": _SMALL[0], "keep_prob": 0.7, "rng": np.random.default_rng(1)}),
               Case({"X": _WIDE[1], "parameters": _WIDE[0], "keep_prob": 0.7, "rng": np.random.default_rng(2)})),
        hidden=_dropout_forward_case,
        compare=Compare(names=("A3", "cache"), values=False, skip=("cache",)),
        properties=_dropout_behaves,
        points=2,
        mutants={"kept activations not divided by keep_prob": _dropout_not_scaled,
                 "masks keep a unit with probability 1 - keep_prob": _dropout_inverted_masks,
                 "dropout on the output layer too": _dropout_on_output,
                 "one mask per unit shared by all examples": _dropout_one_mask_per_unit,
                 "masks not stored in the cache": _dropout_masks_not_cached},
    ),
    Exercise(
        id="practical.backward_propagation_with_dropout",
        reference=regularization.backward_propagation_with_dropout,
        cases=(Case(_DROPOUT_CASE),),
        hidden=_dropout_backward_case,
        points=2,
        mutants={"dA1, dA2 not multiplied by the masks": _backward_dropout_unmasked,
                 "dA1, dA2 not divided by keep_prob": _backward_dropout_not_scaled,
                 "dA1, dA2 multiplied by keep_prob instead of divided": _backward_dropout_times_keep_prob,
                 "relu's derivative taken as 1 at Z = 0 (the mask Z >= 0 instead of Z > 0)":
                     _backward_dropout_mask_at_zero},
    ),
    Exercise(
        id="practical.gradient_check",
        reference=gradient_checking.gradient_check,
        cases=(Case({"x": 2.0, "theta": 4.0, "epsilon": 1e-2}, 1.0416655683102836e-06),
               Case({"x": -3.0, "theta": 0.5, "epsilon": 1e-2})),
        hidden=_check_1d_case,
        compare=Compare(rtol=1e-4, atol=0.0),
        mutants={"(J(theta + eps) - J(theta - eps)) / eps: the 2 forgotten": _check_1d_no_two,
                 "J(theta - eps) - J(theta + eps): the sign flipped": _check_1d_sign,
                 "returns the approximate gradient instead of the difference": _check_1d_returns_approx,
                 "returns 0.0": _check_1d_zero,
                 "one-sided difference (J(theta + eps) - J(theta)) / eps": _check_1d_one_sided,
                 "|grad - gradapprox| without dividing by |grad| + |gradapprox|": _check_1d_unnormalised},
    ),
    Exercise(
        id="practical.gradient_check_n",
        reference=gradient_checking.gradient_check_n,
        cases=(Case({"parameters": _SMALL[0], "gradients": _CHECK_N_GRADS, "X": _SMALL[1], "Y": _SMALL[2],
                     "epsilon": 1e-7}),
               Case({"parameters": _SMALL[0], "gradients": _CHECK_N_BUGGED, "X": _SMALL[1], "Y": _SMALL[2],
                     "epsilon": 1e-3})),
        hidden=_check_n_case,
        points=2,
        mutants={"one-sided difference (J(theta + eps) - J(theta)) / eps": _check_n_forward_difference,
                 "(J_plus - J_minus) / eps: the 2 forgotten": _check_n_no_two,
                 "||grad - gradapprox|| without dividing by ||grad|| + ||gradapprox||": _check_n_absolute,
                 "parameters nudged in place and never restored": _check_n_in_place},
    ),
)
