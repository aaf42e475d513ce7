"""Exercises of unit u03_deep_nn: an L-layer network, step by step, then applied."""
from __future__ import annotations

import numpy as np

from course.nn import deep, deep_training
from course.nn.activations import sigmoid
from course.nn.metrics import accuracy

from .properties import initialization_problem
from .registry import Case, Compare, Exercise, register
from .shapes import with_exact_zeros

# ----------------------------------------------------------------------------- typical mistakes


def _init_classic_scale(layer_dims, rng):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _init_from_layer_zero(layer_dims, rng):
    parameters = {}
    for l in range(0, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _init_over_fan_in(layer_dims, rng):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / layer_dims[l - 1]
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _init_own_size(layer_dims, rng):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _init_transposed(layer_dims, rng):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l - 1], layer_dims[l])) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _linear_no_bias(A, W, b):
    return W @ A, (A, W, b)


def _linear_cache_order(A, W, b):
    return W @ A + b, (W, A, b)


def _linear_no_cache(A, W, b):
    return W @ A + b


def _activation_swapped(A_prev, W, b, activation):
    Z, linear_cache = deep.linear_forward(A_prev, W, b)
    return (sigmoid(Z) if activation == "relu" else deep.relu(Z)), (linear_cache, Z)


def _activation_caches_output(A_prev, W, b, activation):
    Z, linear_cache = deep.linear_forward(A_prev, W, b)
    A = deep.relu(Z) if activation == "relu" else sigmoid(Z)
    return A, (linear_cache, A)


def _activation_cache_order(A_prev, W, b, activation):
    Z, linear_cache = deep.linear_forward(A_prev, W, b)
    return (deep.relu(Z) if activation == "relu" else sigmoid(Z)), (Z, linear_cache)


def _forward_with(X, parameters, hidden, output):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = deep.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                                  output if l == L else hidden)
        caches.append(cache)
    return A, caches


def _forward_all_sigmoid(X, parameters):
    return _forward_with(X, parameters, "sigmoid", "sigmoid")


def _forward_relu_output(X, parameters):
    return _forward_with(X, parameters, "relu", "relu")


def _forward_last_cache_missing(X, parameters):
    AL, caches = _forward_with(X, parameters, "relu", "sigmoid")
    return AL, caches[:-1]


def _forward_layers_miscounted(X, parameters):
    L = len(parameters)
    A, caches = X, []
    for l in range(1, L):
        A, cache = deep.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = deep.linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    return AL, caches + [cache]


def _cost_m_from_rows(AL, Y):
    m = Y.shape[0]
    return -float(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))) / m


def _cost_dot_array(AL, Y):
    m = Y.shape[1]
    return -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m


def _cost_sign_of_second_term(AL, Y):
    m = Y.shape[1]
    return float(np.sum(-Y * np.log(AL) + (1 - Y) * np.log(1 - AL))) / m


def _linear_backward_no_mean(dZ, cache):
    A_prev, W, _ = cache
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)


def _linear_backward_da_mean(dZ, cache):
    A_prev, W, _ = cache
    m = dZ.shape[1]
    return W.T @ dZ / m, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def _linear_backward_db_rank1(dZ, cache):
    A_prev, W, _ = cache
    m = dZ.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1) / m


def _activation_backward_swapped(dA, cache, activation):
    linear_cache, Z = cache
    s = sigmoid(Z)
    dZ = dA * s * (1 - s) if activation == "relu" else dA * (Z > 0)
    return deep.linear_backward(dZ, linear_cache)


def _activation_backward_mask_at_zero(dA, cache, activation):
    linear_cache, Z = cache
    s = sigmoid(Z)
    dZ = dA * (Z >= 0) if activation == "relu" else dA * s * (1 - s)
    return deep.linear_backward(dZ, linear_cache)


def _activation_backward_no_derivative(dA, cache, activation):
    return deep.linear_backward(dA, cache[0])


def _activation_backward_g_not_g_prime(dA, cache, activation):
    linear_cache, Z = cache
    g = deep.relu(Z) if activation == "relu" else sigmoid(Z)
    return deep.linear_backward(dA * g, linear_cache)


def _backward_with(AL, Y, caches, dAL, hidden, output, key_offset=0, step=deep.linear_activation_backward):
    L = len(caches)
    grads, dA = {}, dAL
    for l in range(L, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = step(
            dA, caches[l - 1], output if l == L else hidden)
        grads[f"dA{l - 1 + key_offset}"] = dA
    return grads


def _backward_dal_sign(AL, Y, caches):
    return _backward_with(AL, Y, caches, Y / AL - (1 - Y) / (1 - AL), "relu", "sigmoid")


def _backward_relu_output(AL, Y, caches):
    return _backward_with(AL, Y, caches, -(Y / AL - (1 - Y) / (1 - AL)), "relu", "relu")


def _backward_all_sigmoid(AL, Y, caches):
    return _backward_with(AL, Y, caches, -(Y / AL - (1 - Y) / (1 - AL)), "sigmoid", "sigmoid")


def _backward_mask_at_zero(AL, Y, caches):
    return _backward_with(AL, Y, caches, -(Y / AL - (1 - Y) / (1 - AL)), "relu", "sigmoid",
                          step=_activation_backward_mask_at_zero)


def _backward_keys_shifted(AL, Y, caches):
    return _backward_with(AL, Y, caches, -(Y / AL - (1 - Y) / (1 - AL)), "relu", "sigmoid", key_offset=1)


def _update_ascent(params, grads, learning_rate):
    return {k: v + learning_rate * grads["d" + k] for k, v in params.items()}


def _update_in_place(params, grads, learning_rate):
    for k in params:
        params[k] -= learning_rate * grads["d" + k]
    return params


def _update_no_rate(params, grads, learning_rate):
    return {k: v - grads["d" + k] for k, v in params.items()}


def _update_last_layer_skipped(params, grads, learning_rate):
    L = len(params) // 2
    updated = dict(params)
    for l in range(1, L):
        updated[f"W{l}"] = params[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        updated[f"b{l}"] = params[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return updated


def _backward_negatives_sign(AL, Y, caches):
    return _backward_with(AL, Y, caches, -(Y / AL + (1 - Y) / (1 - AL)), "relu", "sigmoid")


def _train(X, Y, layers_dims, learning_rate, num_iterations, rng, keep_update=True, every=100,
           last_too=False, backward=deep.L_model_backward, cost_after=False):
    """A training loop with the mistakes the model mutants make (the reference's loop otherwise)."""
    parameters = deep.initialize_parameters_deep(layers_dims, rng)
    costs = []
    for i in range(num_iterations):
        AL, caches = deep.L_model_forward(X, parameters)
        updated = deep.update_parameters(parameters, backward(AL, Y, caches), learning_rate)
        if i % every == 0 or (last_too and i == num_iterations - 1):
            costs.append(deep.compute_cost(deep.L_model_forward(X, updated)[0] if cost_after else AL, Y))
        if keep_update:
            parameters = updated
    return parameters, costs


def _model_update_discarded(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                            print_cost=False, rng=None):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, rng, keep_update=False)


def _model_every_cost(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                      print_cost=False, rng=None):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, rng, every=1)


def _model_last_cost_too(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                         print_cost=False, rng=None):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, rng, last_too=True)


def _model_negatives_sign(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                          print_cost=False, rng=None):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, rng, backward=_backward_negatives_sign)


def _model_cost_after_update(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                             print_cost=False, rng=None):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, rng, cost_after=True)


def _model_ascent(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False, rng=None):
    return _train(X, Y, layers_dims, -learning_rate, num_iterations, rng)


# ----------------------------------------------------------------------------- properties

#: Relative tolerance on the costs and parameters of a training run repeated from the same rng.
COST_RTOL = 1e-4


def _weights_scaled_by_fan_in(args, expected, got) -> str | None:
    """W[l] ~ N(0, 1 / n_{l-1}): centred, spread 1/sqrt(n_{l-1}), not constant; biases exactly zero."""
    return initialization_problem(got, args["layer_dims"], lambda n_prev: 1 / np.sqrt(n_prev),
                                  "standard normal times 1/sqrt(n_{l-1})")


def _trains_as_well(args, expected, got) -> str | None:
    """The learned parameters fit the training set nearly as well as the reference's; costs fall."""
    X, Y = args["X"], args["Y"]
    parameters, costs = got
    with np.errstate(all="ignore"):
        ours = accuracy(deep.predict(expected[0], X), Y)
        theirs = accuracy(deep.predict(parameters, X), Y)
    if not theirs >= ours - 0.1:
        return (f"the returned parameters reach {theirs:.0%} training accuracy, the reference "
                f"{ours:.0%}: does every iteration update the parameters, downhill?")
    if not np.all(np.isfinite(expected[1])):
        # The reference itself overflowed on this draw (an output saturated at exactly 0 or 1,
        # so (1 - Y) / (1 - AL) is 0/0): its costs say nothing about the student's.
        return None
    if len(costs) > 1 and not costs[-1] < costs[0]:
        return f"the recorded cost went from {costs[0]:.4g} to {costs[-1]:.4g}; it should fall"
    if not all(np.all(np.isfinite(value)) for value in expected[0].values()):
        # It overflowed after its last recorded cost (seed 124 of utils/seed_sweep.py, case 2).
        return None
    return _same_training(expected, got)


def _same_training(expected, got) -> str | None:
    """The rng and the initialiser are given, so a right answer repeats the reference's training:
    the same costs and final parameters, up to rounding (rtol COST_RTOL)."""
    (ours, our_costs), (theirs, their_costs) = expected, got
    their_costs = np.asarray(their_costs, dtype=float).ravel()
    if their_costs.shape == (len(our_costs),):
        off = ~np.isclose(their_costs, our_costs, rtol=COST_RTOL, atol=1e-8)
        if off.any():
            i = int(np.argmax(off))
            return (f"costs[{i}] (iteration {100 * i}) is {their_costs[i]:.6g}, but the reference, "
                    f"started from the same rng, records {our_costs[i]:.6g}: initialise with "
                    f"initialize_parameters_deep(layers_dims, rng), record the cost before each update, "
                    f"and check the gradients (dAL) and the update")
    for key, value in ours.items():
        if key in theirs and np.shape(theirs[key]) == value.shape and not np.allclose(
                theirs[key], value, rtol=COST_RTOL, atol=1e-6):
            return (f"parameters[{key!r}] differs from the reference's, which starts from the same rng "
                    f"and takes the same steps: check the gradients (dAL) and the update")
    return None


# ----------------------------------------------------------------------------- hidden cases


def _generator(rng):
    return np.random.default_rng(int(rng.integers(2**31)))


def _init_case(rng):
    dims = [int(rng.integers(60, 160)), int(rng.integers(8, 20))]
    dims += [int(n) for n in rng.integers(1, 40, int(rng.integers(0, 3)))]
    return {"layer_dims": dims, "rng": _generator(rng)}


def _layer(rng, n_prev, n, scale=1.0):
    return rng.normal(0, scale / np.sqrt(n_prev), (n, n_prev)), rng.normal(0, 0.5, (n, 1))


def _linear_case(rng):
    n_prev, n, m = (int(k) for k in rng.integers(1, 7, 3))
    W, b = _layer(rng, n_prev, n)
    return {"A": rng.normal(0, 1, (n_prev, m)), "W": W, "b": b}


def _centred_layer(rng):
    """A_prev, W, b with Z = W A_prev + b of mixed signs in every row (so relu's kink matters)."""
    n_prev, n, m = int(rng.integers(1, 6)), int(rng.integers(1, 6)), int(rng.integers(3, 7))
    A_prev = rng.normal(0, 1, (n_prev, m))
    W = rng.normal(0, 1, (n, n_prev))
    b = -np.mean(W @ A_prev, axis=1, keepdims=True) + rng.normal(0, 0.05, (n, 1))
    return A_prev, W, b


def _activation_case(rng):
    A_prev, W, b = _centred_layer(rng)
    return {"A_prev": A_prev, "W": W, "b": b, "activation": ("relu", "sigmoid")[int(rng.integers(2))]}


def _network(rng):
    """X (n_x, m) and the parameters of an L-layer network, L from 2 to 4, one output unit."""
    dims = [int(n) for n in rng.integers(2, 7, int(rng.integers(2, 5)))] + [1]
    m = int(rng.integers(3, 9))
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"], parameters[f"b{l}"] = _layer(rng, dims[l - 1], dims[l], scale=1.5)
    return rng.normal(0, 1, (dims[0], m)), parameters


def _labels(rng, m):
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    Y[0, :2] = (0.0, 1.0)
    return Y


def _forward_case(rng):
    X, parameters = _network(rng)
    return {"X": X, "parameters": parameters}


def _cost_case(rng):
    m = int(rng.integers(3, 20))
    return {"AL": rng.uniform(0.05, 0.95, (1, m)), "Y": _labels(rng, m)}


def _linear_backward_case(rng):
    A_prev, W, b = _centred_layer(rng)
    return {"dZ": rng.normal(0, 1, (W.shape[0], A_prev.shape[1])), "cache": (A_prev, W, b)}


def _activation_backward_case(rng):
    A_prev, W, b = _centred_layer(rng)
    activation = ("relu", "sigmoid")[int(rng.integers(2))]
    _, cache = deep.linear_activation_forward(A_prev, W, b, activation)
    if activation == "relu":
        cache = (cache[0], with_exact_zeros(cache[1], rng))
    return {"dA": rng.normal(0, 1, (W.shape[0], A_prev.shape[1])), "cache": cache, "activation": activation}


def _relu_zeros(caches, rng):
    """The caches of L_model_forward with some negative pre-activations of the relu layers set to 0."""
    return [(linear, with_exact_zeros(Z, rng)) for linear, Z in caches[:-1]] + caches[-1:]


def _backward_case(rng):
    X, parameters = _network(rng)
    AL, caches = deep.L_model_forward(X, parameters)
    return {"AL": AL, "Y": _labels(rng, X.shape[1]), "caches": _relu_zeros(caches, rng)}


def _grads(rng, parameters):
    grads = {"d" + k: rng.normal(0, 1, v.shape) for k, v in parameters.items()}
    grads["dA0"] = rng.normal(0, 1, (parameters["W1"].shape[1], 3))
    return grads


def _update_case(rng):
    _, parameters = _network(rng)
    return {"params": parameters, "grads": _grads(rng, parameters), "learning_rate": float(rng.uniform(0.01, 1))}


def _circle(rng, n_x: int, m: int, flipped: float = 0.0):
    """Points uniform in [-2, 2]^n_x, labelled 1 outside the sphere holding half of them.

    No line separates the classes, so an untrained network stays near chance, while a trained
    one fits them well. A fraction ``flipped`` of the labels is then inverted, which makes it
    rarer for a small network to drive an output to exactly 0 or 1 (then ``(1 - Y) / (1 - AL)``
    is 0/0 and the parameters NaN). Rarer, not impossible: over seeds 0 to 299 the reference
    still overflowed on 3 of 900 L_layer_model cases and 1 of 900 two_layer_model cases, which
    is why ``_trains_as_well`` gives no cost verdict when the reference's own costs are NaN.
    """
    X = rng.uniform(-2, 2, (n_x, m))
    r = np.sum(X ** 2, axis=0, keepdims=True)
    Y = (r > np.median(r)).astype(np.float64)
    flip = rng.permutation(m)[:int(round(flipped * m))]
    Y[0, flip] = 1.0 - Y[0, flip]
    return X, Y


def _iterations(rng, low: int, high: int) -> int:
    """A number of iterations whose last one is not a multiple of 100 (nor the first after one)."""
    return 100 * int(rng.integers(low, high)) + int(rng.integers(10, 90))


def _two_layer_case(rng):
    X, Y = _circle(rng, int(rng.integers(2, 6)), int(rng.integers(60, 100)), flipped=0.1)
    return {"X": X, "Y": Y, "layers_dims": (X.shape[0], int(rng.integers(8, 16)), 1),
            "learning_rate": float(rng.uniform(0.2, 0.5)), "num_iterations": _iterations(rng, 8, 12),
            "print_cost": False, "rng": _generator(rng)}


def _L_layer_case(rng):
    X, Y = _circle(rng, int(rng.integers(2, 6)), int(rng.integers(60, 100)), flipped=0.1)
    return {"X": X, "Y": Y, "layers_dims": [X.shape[0], int(rng.integers(8, 16)), 8, 1],
            "learning_rate": float(rng.uniform(0.05, 0.1)), "num_iterations": _iterations(rng, 15, 20),
            "print_cost": False, "rng": _generator(rng)}


# ----------------------------------------------------------------------------- visible cases

_A = np.array([[1.0, -2.0], [0.5, 3.0], [-1.0, 0.0]])
_W = np.array([[0.2, -0.4, 0.1], [-0.3, 0.5, 0.2]])
_B = np.array([[0.3], [-0.2]])
_Z = np.array([[0.2, -1.3], [-0.45, 1.9]])
_RNG = np.random.default_rng(3)
_X3, _PARAMS3 = _network(_RNG)
_CACHE_RELU = deep.linear_activation_forward(_A, _W, _B, "relu")[1]
_CACHE_SIGMOID = deep.linear_activation_forward(_A, _W, _B, "sigmoid")[1]
_CACHE_RELU_TIE = ((_A, _W, _B), np.array([[0.2, 0.0], [-0.45, 1.9]]))  # Z = 0: relu'(0) = 0
_DA = np.array([[0.5, -1.0], [2.0, 0.3]])
_AL3, _CACHES3 = deep.L_model_forward(_X3, _PARAMS3)
_CACHES3_TIES = _relu_zeros(_CACHES3, np.random.default_rng(9))
_CIRCLE = _circle(np.random.default_rng(4), 2, 80)

register(
    Exercise(
        id="deep_nn.initialize_parameters_deep",
        reference=deep.initialize_parameters_deep,
        cases=(Case({"layer_dims": [625, 20, 7, 5, 1], "rng": np.random.default_rng(0)}),
               Case({"layer_dims": [100, 300, 40, 1], "rng": np.random.default_rng(1)})),
        hidden=_init_case,
        compare=Compare(values=False),
        properties=_weights_scaled_by_fan_in,
        mutants={"0.01 * standard normal (the scale that makes deep relu networks stall)": _init_classic_scale,
                 "divided by n_{l-1} instead of sqrt(n_{l-1})": _init_over_fan_in,
                 "divided by sqrt(n_l), the layer's own size, instead of its input size": _init_own_size,
                 "W[l] of shape (n_{l-1}, n_l) instead of (n_l, n_{l-1})": _init_transposed,
                 "the loop starts at layer 0 (range(0, L + 1)), adding W0 and b0": _init_from_layer_zero},
    ),
    Exercise(
        id="deep_nn.linear_forward",
        reference=deep.linear_forward,
        cases=(Case({"A": _A, "W": _W, "b": _B}, (_Z, (_A, _W, _B))),),
        hidden=_linear_case,
        compare=Compare(names=("Z", "cache")),
        mutants={"the bias forgotten": _linear_no_bias,
                 "cache in another order, (W, A, b)": _linear_cache_order,
                 "Z returned without the cache": _linear_no_cache},
    ),
    Exercise(
        id="deep_nn.linear_activation_forward",
        reference=deep.linear_activation_forward,
        cases=(Case({"A_prev": _A, "W": _W, "b": _B, "activation": "relu"},
                    (np.array([[0.2, 0.0], [0.0, 1.9]]), ((_A, _W, _B), _Z))),
               Case({"A_prev": _A, "W": _W, "b": _B, "activation": "sigmoid"},
                    (np.array([[0.549834, 0.21416502], [0.38936077, 0.86989153]]), ((_A, _W, _B), _Z)))),
        hidden=_activation_case,
        compare=Compare(names=("A", "cache")),
        mutants={"relu and sigmoid swapped": _activation_swapped,
                 "the activation A cached instead of Z": _activation_caches_output,
                 "cache in another order, (Z, linear_cache)": _activation_cache_order},
    ),
    Exercise(
        id="deep_nn.L_model_forward",
        reference=deep.L_model_forward,
        cases=(Case({"X": _X3, "parameters": _PARAMS3}),),
        hidden=_forward_case,
        compare=Compare(names=("AL", "caches")),
        points=2,
        mutants={"sigmoid in every layer": _forward_all_sigmoid,
                 "relu on the output layer too": _forward_relu_output,
                 "the output layer's cache not appended": _forward_last_cache_missing,
                 "L = len(parameters): two entries per layer counted as two layers": _forward_layers_miscounted},
    ),
    Exercise(
        id="deep_nn.compute_cost",
        reference=deep.compute_cost,
        cases=(Case({"AL": np.array([[0.8, 0.9, 0.4]]), "Y": np.array([[1.0, 1.0, 0.0]])}, 0.2797765635793423),),
        hidden=_cost_case,
        mutants={"m = Y.shape[0], the number of rows (1), instead of the number of examples": _cost_m_from_rows,
                 "a (1, 1) array from np.dot instead of a number": _cost_dot_array,
                 "plus sign in front of the (1 - y) log(1 - a) term": _cost_sign_of_second_term},
    ),
    Exercise(
        id="deep_nn.linear_backward",
        reference=deep.linear_backward,
        cases=(Case({"dZ": _DA, "cache": (_A, _W, _B)},
                    (np.array([[-0.5, -0.29], [0.8, 0.55], [0.45, -0.04]]),
                     np.array([[1.25, -1.375, -0.25], [0.7, 0.95, -1.0]]), np.array([[-0.25], [1.15]]))),),
        hidden=_linear_backward_case,
        compare=Compare(names=("dA_prev", "dW", "db")),
        points=2,
        mutants={"dW and db not divided by m": _linear_backward_no_mean,
                 "dA_prev divided by m as well": _linear_backward_da_mean,
                 "db summed without keepdims: shape (n_l,)": _linear_backward_db_rank1},
    ),
    Exercise(
        id="deep_nn.linear_activation_backward",
        reference=deep.linear_activation_backward,
        cases=(Case({"dA": _DA, "cache": _CACHE_RELU, "activation": "relu"},
                    (np.array([[0.1, -0.09], [-0.2, 0.15], [0.05, 0.06]]),
                     np.array([[0.25, 0.125, -0.25], [-0.3, 0.45, 0.0]]), np.array([[0.25], [0.15]]))),
               Case({"dA": _DA, "cache": _CACHE_SIGMOID, "activation": "sigmoid"},
                    (np.array([[-0.11790372, -0.0438459], [0.18825565, 0.08429638], [0.10747941, -0.01003902]]),
                     np.array([[0.23017751, -0.22150797, -0.06187914], [0.20380488, 0.1698106, -0.23775896]]),
                     np.array([[-0.02227004], [0.254736]]))),
               Case({"dA": _DA, "cache": _CACHE_RELU_TIE, "activation": "relu"})),
        hidden=_activation_backward_case,
        compare=Compare(names=("dA_prev", "dW", "db")),
        mutants={"relu and sigmoid swapped": _activation_backward_swapped,
                 "the activation's derivative forgotten (dZ = dA)": _activation_backward_no_derivative,
                 "multiplied by g(Z) instead of g'(Z)": _activation_backward_g_not_g_prime,
                 "relu's derivative taken as 1 at Z = 0 (the mask Z >= 0 instead of Z > 0)":
                     _activation_backward_mask_at_zero},
    ),
    Exercise(
        id="deep_nn.L_model_backward",
        reference=deep.L_model_backward,
        cases=(Case({"AL": _AL3, "Y": _labels(np.random.default_rng(5), _AL3.shape[1]), "caches": _CACHES3}),
               Case({"AL": _AL3, "Y": _labels(np.random.default_rng(5), _AL3.shape[1]), "caches": _CACHES3_TIES})),
        hidden=_backward_case,
        points=2,
        mutants={"dAL with the wrong sign": _backward_dal_sign,
                 "relu's derivative for the output layer too": _backward_relu_output,
                 "sigmoid's derivative in every layer": _backward_all_sigmoid,
                 "relu's derivative taken as 1 at Z = 0 (the mask Z >= 0 instead of Z > 0)": _backward_mask_at_zero,
                 "dA keyed by the layer it enters (dA1..dAL) instead of dA0..dA{L-1}": _backward_keys_shifted},
    ),
    Exercise(
        id="deep_nn.update_parameters",
        reference=deep.update_parameters,
        cases=(Case({"params": _PARAMS3, "grads": _grads(np.random.default_rng(6), _PARAMS3),
                     "learning_rate": 0.1}),),
        hidden=_update_case,
        mutants={"P + learning_rate * dP: gradient ascent": _update_ascent,
                 "the caller's arrays changed in place (P -= ...)": _update_in_place,
                 "learning rate ignored": _update_no_rate,
                 "the last layer never updated (range(1, L))": _update_last_layer_skipped},
    ),
    Exercise(
        id="deep_nn.two_layer_model",
        reference=deep_training.two_layer_model,
        cases=(Case({"X": _CIRCLE[0], "Y": _CIRCLE[1], "layers_dims": (2, 10, 1), "learning_rate": 0.3,
                     "num_iterations": 1000, "print_cost": False, "rng": np.random.default_rng(7)}),),
        hidden=_two_layer_case,
        n_hidden=3,
        compare=Compare(names=("parameters", "costs"), values=False),
        properties=_trains_as_well,
        points=2,
        mutants={"update_parameters' result discarded: the parameters never change": _model_update_discarded,
                 "a cost recorded at every iteration": _model_every_cost,
                 "the last iteration's cost recorded as well": _model_last_cost_too,
                 "gradient ascent": _model_ascent,
                 "dAL = -(Y / AL + (1 - Y) / (1 - AL)): the wrong sign on the negative examples' term":
                     _model_negatives_sign,
                 "each cost recorded after the update instead of before it": _model_cost_after_update},
    ),
    Exercise(
        id="deep_nn.L_layer_model",
        reference=deep_training.L_layer_model,
        cases=(Case({"X": _CIRCLE[0], "Y": _CIRCLE[1], "layers_dims": [2, 12, 8, 1], "learning_rate": 0.075,
                     "num_iterations": 1500, "print_cost": False, "rng": np.random.default_rng(8)}),),
        hidden=_L_layer_case,
        n_hidden=3,
        compare=Compare(names=("parameters", "costs"), values=False),
        properties=_trains_as_well,
        points=2,
        mutants={"update_parameters' result discarded: the parameters never change": _model_update_discarded,
                 "a cost recorded at every iteration": _model_every_cost,
                 "the last iteration's cost recorded as well": _model_last_cost_too,
                 "dAL = -(Y / AL + (1 - Y) / (1 - AL)): the wrong sign on the negative examples' term":
                     _model_negatives_sign,
                 "each cost recorded after the update instead of before it": _model_cost_after_update},
    ),
)
