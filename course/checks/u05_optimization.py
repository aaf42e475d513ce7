"""Exercises of unit u05_optimization: optimizers, learning-rate decay, batch norm, softmax."""
from __future__ import annotations

import math

import numpy as np

from course.nn import batchnorm, optim, shallow, softmax
from course.nn.metrics import accuracy

from .registry import Case, Compare, Exercise, register

# ----------------------------------------------------------------------------- typical mistakes


def _gd_ascent(parameters, grads, learning_rate):
    return {k: parameters[k] + learning_rate * grads["d" + k] for k in parameters}


def _gd_last_layer_skipped(parameters, grads, learning_rate):
    updated = dict(parameters)
    for l in range(1, len(parameters) // 2):
        for p in ("W", "b"):
            updated[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * grads[f"d{p}{l}"]
    return updated


def _gd_biases_kept(parameters, grads, learning_rate):
    return {k: parameters[k] - learning_rate * grads["d" + k] if k[0] == "W" else parameters[k]
            for k in parameters}


def _batches(X, Y, size, perm_x, perm_y, drop_last=False, overlap_last=False):
    """Mini-batches of the columns of X[:, perm_x] and Y[:, perm_y], with the chosen mistakes."""
    m = X.shape[1]
    starts = list(range(0, m - size + 1 if drop_last else m, size))
    batches = []
    for k in starts:
        if overlap_last and k + size > m:
            k = m - size
        batches.append((X[:, perm_x][:, k:k + size], Y[:, perm_y][:, k:k + size]))
    return batches


def _batches_two_permutations(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    return _batches(X, Y, mini_batch_size, rng.permutation(m), rng.permutation(m))


def _batches_not_shuffled(X, Y, mini_batch_size, rng):
    order = np.arange(X.shape[1])
    return _batches(X, Y, mini_batch_size, order, order)


def _batches_last_dropped(X, Y, mini_batch_size, rng):
    perm = rng.permutation(X.shape[1])
    return _batches(X, Y, mini_batch_size, perm, perm, drop_last=True)


def _batches_last_overlapping(X, Y, mini_batch_size, rng):
    perm = rng.permutation(X.shape[1])
    return _batches(X, Y, mini_batch_size, perm, perm, overlap_last=True)


def _batches_rows(X, Y, mini_batch_size, rng):
    perm = rng.permutation(X.shape[1])
    X, Y = X[:, perm], Y[:, perm]
    return [(X[k:k + mini_batch_size], Y[k:k + mini_batch_size]) for k in range(0, X.shape[1], mini_batch_size)]


def _zeros(parameters, prefix="d", last=True, biases=True):
    """Zeros like the parameters, keyed ``prefix + name``; optionally without the last layer or biases."""
    L = len(parameters) // 2
    state = {}
    for l in range(1, L + 1 if last else L):
        state[f"{prefix}W{l}"] = np.zeros_like(parameters[f"W{l}"])
        if biases:
            state[f"{prefix}b{l}"] = np.zeros_like(parameters[f"b{l}"])
    return state


def _zeros_keyed_like_parameters(parameters):
    return _zeros(parameters, prefix="")


def _zeros_last_layer_missing(parameters):
    return _zeros(parameters, last=False)


def _zeros_weights_only(parameters):
    return _zeros(parameters, biases=False)


_ZEROS_MUTANTS = {"keyed like the parameters (W1) instead of the gradients (dW1)": _zeros_keyed_like_parameters,
                  "the last layer is missing": _zeros_last_layer_missing,
                  "no entries for the biases": _zeros_weights_only}


def _adam_init_keyed_like_parameters(parameters):
    return _zeros(parameters, prefix=""), _zeros(parameters, prefix="")


def _adam_init_last_layer_missing(parameters):
    return _zeros(parameters, last=False), _zeros(parameters, last=False)


def _adam_init_v_only(parameters):
    return _zeros(parameters)


def _adam_init_shared_dict(parameters):
    v = s = _zeros(parameters)
    return v, s


def _adam_init_shared_arrays(parameters):
    v = _zeros(parameters)
    return v, dict(v)


def _momentum(parameters, grads, v, beta, learning_rate, new_weight=None, step="v"):
    """Momentum with a chosen mistake: ``new_weight`` of the gradient, what the step uses."""
    parameters, v = dict(parameters), dict(v)
    for l in optim.layer_numbers(parameters):
        for p in ("W", "b"):
            key = f"d{p}{l}"
            old = v[key]
            v[key] = beta * old + (1 - beta if new_weight is None else new_weight(beta)) * grads[key]
            direction = {"v": v[key], "grad": grads[key], "old": old}[step]
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * direction
    return parameters, v


def _momentum_no_one_minus_beta(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, beta, learning_rate, new_weight=lambda beta: 1.0)


def _momentum_betas_swapped(parameters, grads, v, beta, learning_rate):
    parameters, v = dict(parameters), dict(v)
    for key in v:
        v[key] = (1 - beta) * v[key] + beta * grads[key]
        parameters[key[1:]] = parameters[key[1:]] - learning_rate * v[key]
    return parameters, v


def _momentum_steps_with_gradient(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, beta, learning_rate, step="grad")


def _momentum_steps_with_old_velocity(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, beta, learning_rate, step="old")


def _rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8, square=True, root=np.sqrt,
             eps_inside=False):
    """RMSprop with a chosen mistake."""
    parameters, s = dict(parameters), dict(s)
    for key in s:
        g = grads[key]
        s[key] = beta2 * s[key] + (1 - beta2) * (g ** 2 if square else g)
        scale = root(s[key] + epsilon) if eps_inside else root(s[key]) + epsilon
        parameters[key[1:]] = parameters[key[1:]] - learning_rate * g / scale
    return parameters, s


def _rmsprop_not_squared(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    return _rmsprop(parameters, grads, s, beta2, learning_rate, epsilon, square=False, root=np.abs)


def _rmsprop_eps_inside(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    return _rmsprop(parameters, grads, s, beta2, learning_rate, epsilon, eps_inside=True)


def _rmsprop_no_root(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    return _rmsprop(parameters, grads, s, beta2, learning_rate, epsilon, root=lambda x: x)


def _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
          t_of_layer=lambda t, l: t, correct=True, store_corrected=False, eps_inside=False):
    """Adam with a chosen mistake: which t each layer uses, whether and where v and s are corrected."""
    parameters, v, s = dict(parameters), dict(v), dict(s)
    v_corrected, s_corrected = {}, {}
    for l in optim.layer_numbers(parameters):
        tl = t_of_layer(t, l)
        for p in ("W", "b"):
            key, g = f"d{p}{l}", grads[f"d{p}{l}"]
            v[key] = beta1 * v[key] + (1 - beta1) * g
            s[key] = beta2 * s[key] + (1 - beta2) * g ** 2
            v_corrected[key] = v[key] / (1 - beta1 ** tl) if correct else v[key]
            s_corrected[key] = s[key] / (1 - beta2 ** tl) if correct else s[key]
            if store_corrected:
                v[key], s[key] = v_corrected[key], s_corrected[key]
            scale = np.sqrt(s_corrected[key] + epsilon) if eps_inside else np.sqrt(s_corrected[key]) + epsilon
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v_corrected[key] / scale
    return parameters, v, s, v_corrected, s_corrected


def _adam_corrected_stored(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                           epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, store_corrected=True)


def _adam_uncorrected_step(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                           epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, correct=False)


def _adam_t_per_layer(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                      epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 t_of_layer=lambda t, l: t + l - 1)


def _adam_layer_as_t(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                     epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, t_of_layer=lambda t, l: l)


def _adam_t_never_incremented(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                              epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, t_of_layer=lambda t, l: 1)


def _adam_t_incremented_inside(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                               epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 t_of_layer=lambda t, l: t + 1)


def _adam_eps_inside(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, eps_inside=True)


def _lr_precedence(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / 1 + decay_rate * epoch_num


def _lr_no_one(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (decay_rate * epoch_num) if epoch_num else learning_rate0


def _lr_epoch_from_one(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * (epoch_num + 1))


def _schedule_no_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)


def _schedule_interval_ignored(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * epoch_num)


def _schedule_decay_in_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + math.floor(decay_rate * epoch_num / time_interval))


def _bn(x, gamma, beta, bn_param, axis=1, root=np.sqrt, update=True, swap=False, test_batch_stats=False):
    """Batch norm forward with a chosen mistake."""
    eps, momentum = bn_param["eps"], bn_param["momentum"]
    if bn_param["mode"] == "train" or test_batch_stats:
        mu, var = np.mean(x, axis=axis, keepdims=True), np.var(x, axis=axis, keepdims=True)
        if update and bn_param["mode"] == "train":
            keep, new = (1 - momentum, momentum) if swap else (momentum, 1 - momentum)
            bn_param["running_mean"] = keep * bn_param["running_mean"] + new * mu
            bn_param["running_var"] = keep * bn_param["running_var"] + new * var
    else:
        mu, var = bn_param["running_mean"], bn_param["running_var"]
    x_hat = (x - mu) / root(var + eps)
    return gamma * x_hat + beta, {"x": x, "x_hat": x_hat, "mu": mu, "var": var, "eps": eps, "gamma": gamma}


def _bn_variance(x, gamma, beta, bn_param):
    return _bn(x, gamma, beta, bn_param, root=lambda var: var)


def _bn_over_features(x, gamma, beta, bn_param):
    return _bn(x, gamma, beta, bn_param, axis=0)


def _bn_running_not_updated(x, gamma, beta, bn_param):
    return _bn(x, gamma, beta, bn_param, update=False)


def _bn_momentum_swapped(x, gamma, beta, bn_param):
    return _bn(x, gamma, beta, bn_param, swap=True)


def _bn_test_with_batch_stats(x, gamma, beta, bn_param):
    return _bn(x, gamma, beta, bn_param, test_batch_stats=True)


def _bn_backward(dout, cache, dx_terms=("mean", "var"), keepdims=True, gamma_input="x_hat"):
    """Batch norm backward with a chosen mistake."""
    x_hat, gamma = cache["x_hat"], cache["gamma"]
    sigma = np.sqrt(cache["var"] + cache["eps"])
    dbeta = np.sum(dout, axis=1, keepdims=keepdims)
    dgamma = np.sum(dout * cache[gamma_input], axis=1, keepdims=keepdims)
    dx_hat = dout * gamma
    dx = dx_hat
    if "mean" in dx_terms:
        dx = dx - np.mean(dx_hat, axis=1, keepdims=True)
    if "var" in dx_terms:
        dx = dx - x_hat * np.mean(dx_hat * x_hat, axis=1, keepdims=True)
    return dx / sigma, dgamma, dbeta


def _bn_backward_no_statistics_paths(dout, cache):
    return _bn_backward(dout, cache, dx_terms=())


def _bn_backward_no_mean_path(dout, cache):
    return _bn_backward(dout, cache, dx_terms=("var",))


def _bn_backward_no_keepdims(dout, cache):
    return _bn_backward(dout, cache, keepdims=False)


def _bn_backward_dgamma_with_x(dout, cache):
    return _bn_backward(dout, cache, gamma_input="x")


def _softmax_ce(Z, Y, shift=True, axis=0, dz_scale=1.0, mean=True, by=np.max):
    """Softmax cross-entropy with a chosen mistake."""
    m = Z.shape[1]
    E = np.exp(Z - by(Z, axis=axis, keepdims=True) if shift else Z)
    A = E / np.sum(E, axis=axis, keepdims=True)
    cost = -float(np.sum(Y * np.log(A)))
    return (cost / m if mean else cost), (A - Y) * dz_scale


def _softmax_no_shift(Z, Y):
    return _softmax_ce(Z, Y, shift=False)


def _softmax_min_shift(Z, Y):
    return _softmax_ce(Z, Y, by=np.min)


def _softmax_over_examples(Z, Y):
    return _softmax_ce(Z, Y, axis=1)


def _softmax_dz_over_m(Z, Y):
    return _softmax_ce(Z, Y, dz_scale=1.0 / Z.shape[1])


def _softmax_cost_summed(Z, Y):
    return _softmax_ce(Z, Y, mean=False)


def _model_t_per_epoch(X, Y, n_h, optimizer, learning_rate, mini_batch_size, num_epochs, rng, beta=0.9,
                       beta1=0.9, beta2=0.999, epsilon=1e-8, print_cost=False):
    return _train(X, Y, n_h, optimizer, learning_rate, mini_batch_size, num_epochs, rng, beta, beta1, beta2,
                  epsilon, count="epoch")


def _model_t_reset_every_epoch(X, Y, n_h, optimizer, learning_rate, mini_batch_size, num_epochs, rng, beta=0.9,
                               beta1=0.9, beta2=0.999, epsilon=1e-8, print_cost=False):
    return _train(X, Y, n_h, optimizer, learning_rate, mini_batch_size, num_epochs, rng, beta, beta1, beta2,
                  epsilon, count="reset")


def _model_untrained(X, Y, n_h, optimizer, learning_rate, mini_batch_size, num_epochs, rng, beta=0.9,
                     beta1=0.9, beta2=0.999, epsilon=1e-8, print_cost=False):
    return _train(X, Y, n_h, optimizer, 0.0, mini_batch_size, num_epochs, rng, beta, beta1, beta2, epsilon)


def _train(X, Y, n_h, optimizer, learning_rate, mini_batch_size, num_epochs, rng, beta, beta1, beta2, epsilon,
           count="update"):
    """The reference training loop with Adam's t counted per update, per epoch, or reset every epoch."""
    parameters = shallow.initialize_parameters(X.shape[0], n_h, Y.shape[0], rng)
    v, s = optim.initialize_adam(parameters)
    costs, t = [], 0
    for _ in range(num_epochs):
        total = 0.0
        if count == "epoch":
            t += 1
        elif count == "reset":
            t = 0
        for mini_batch_X, mini_batch_Y in optim.random_mini_batches(X, Y, mini_batch_size, rng):
            A2, cache = shallow.forward_propagation(mini_batch_X, parameters)
            total += shallow.compute_cost(A2, mini_batch_Y) * mini_batch_X.shape[1]
            grads = shallow.backward_propagation(parameters, cache, mini_batch_X, mini_batch_Y)
            if count != "epoch":
                t += 1
            if optimizer == "gd":
                parameters = optim.update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = optim.update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif optimizer == "rmsprop":
                parameters, s = optim.update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate,
                                                                     epsilon)
            else:
                parameters, v, s, _, _ = optim.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate,
                                                                           beta1, beta2, epsilon)
        costs.append(total / X.shape[1])
    return parameters, costs, t


# ----------------------------------------------------------------------------- properties


def _v_and_s_separate(args, expected, got) -> str | None:
    """v and s share no dictionary and no array: updating one in place must not change the other."""
    v, s = got
    if v is s:
        return "v and s are the same dictionary: create two dictionaries (v = {} and s = {}, not v = s = {})."
    shared = [key for key in v if key in s and np.shares_memory(v[key], s[key])]
    if shared:
        return (f"v[{shared[0]!r}] and s[{shared[0]!r}] are the same array: "
                f"create each with its own np.zeros_like call.")
    return None


def _one_permutation_of_the_examples(args, expected, got) -> str | None:
    """Every example exactly once, X and Y columns moved together, and not in the original order."""
    X, Y = args["X"], args["Y"]
    column_of = {X[:, j].tobytes(): j for j in range(X.shape[1])}
    order = []
    for k, (mini_batch_X, mini_batch_Y) in enumerate(got):
        for i in range(mini_batch_X.shape[1]):
            j = column_of.get(np.ascontiguousarray(mini_batch_X[:, i]).tobytes())
            if j is None:
                return (f"column {i} of mini-batch {k}'s X is not a column of X: "
                        f"take whole columns (examples) of X, unchanged")
            if not np.array_equal(mini_batch_Y[:, i], Y[:, j]):
                return (f"mini-batch {k}: column {i} of X is example {j}, but its Y is not example {j}'s label: "
                        f"shuffle X and Y with the same permutation")
            order.append(j)
    if len(set(order)) != len(order):
        return "some examples appear in more than one mini-batch; each example must appear exactly once"
    if order == list(range(X.shape[1])):
        return "the examples are in their original order: shuffle them first with rng.permutation(m)"
    return None


def _counts_updates_and_trains(args, expected, got) -> str | None:
    """t is the number of updates made, and the network learned about as well as the reference's."""
    _, _, t_expected = expected
    t_got = got[2]
    if t_got != t_expected:
        return (f"t is {t_got} after training, expected {t_expected} = num_epochs x mini-batches per epoch: "
                f"increase t by one before every update (each mini-batch), never reset it")
    X, Y = args["X"], args["Y"]
    with np.errstate(all="ignore"):
        ours = accuracy(shallow.predict(expected[0], X), Y)
        theirs = accuracy(shallow.predict(got[0], X), Y)
    if theirs < ours - 0.05 and theirs < 0.75:  # shuffles differ: a plateau near 85 % is not an error
        return (f"the trained network reaches {theirs:.0%} training accuracy, the reference {ours:.0%}: "
                f"is every mini-batch updating the parameters with the chosen optimizer?")
    return None


# ----------------------------------------------------------------------------- cases


def _params(rng, L=None):
    """Random parameters of an L-layer dense network (L = 2 or 3 unless given)."""
    L = L or int(rng.integers(2, 4))
    dims = [int(n) for n in rng.integers(1, 6, L + 1)]
    parameters = {}
    for l in range(1, L + 1):
        parameters[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(0, 1, (dims[l], 1))
    return parameters


def _like_grads(rng, parameters, low=-6, high=0, positive=False):
    """Arrays keyed like the gradients, entries of magnitude 10^low to 10^high; the first entry of
    each is tiny (about 10^low), so that where epsilon goes makes a visible difference."""
    state = {}
    for key, value in parameters.items():
        scale = 10.0 ** rng.uniform(low, high, value.shape)
        scale.flat[0] = 10.0 ** low
        draw = rng.normal(0, 1, value.shape)
        state["d" + key] = (draw ** 2 if positive else draw) * scale
    return state


def _gd_case(rng):
    parameters = _params(rng)
    return {"parameters": parameters, "grads": _like_grads(rng, parameters, -2, 0),
            "learning_rate": float(rng.uniform(0.01, 1.0))}


def _labels(rng, m):
    return (rng.permutation(m) % 2)[None, :].astype(np.float64)


def _mini_batch_case(rng):
    size = int(rng.choice([4, 8, 16, 32, 64]))
    m = int(rng.integers(max(20, size + 1), 200))
    if m % size == 0:
        m += 1
    return {"X": rng.normal(0, 1, (int(rng.integers(1, 5)), m)), "Y": _labels(rng, m), "mini_batch_size": size,
            "rng": np.random.default_rng(int(rng.integers(2**31)))}


def _init_case(rng):
    return {"parameters": _params(rng)}


def _momentum_case(rng):
    parameters = _params(rng)
    return {"parameters": parameters, "grads": _like_grads(rng, parameters, -2, 0),
            "v": _like_grads(rng, parameters, -2, 0), "beta": float(rng.uniform(0.5, 0.99)),
            "learning_rate": float(rng.uniform(0.01, 0.5))}


def _rmsprop_case(rng):
    parameters = _params(rng)
    return {"parameters": parameters, "grads": _like_grads(rng, parameters),
            "s": _like_grads(rng, parameters, -12, 0, positive=True), "beta2": float(rng.uniform(0.9, 0.999)),
            "learning_rate": float(rng.uniform(0.001, 0.05)), "epsilon": 1e-8}


def _adam_case(rng):
    parameters = _params(rng)
    return {"parameters": parameters, "grads": _like_grads(rng, parameters),
            "v": _like_grads(rng, parameters, -6, -1), "s": _like_grads(rng, parameters, -12, -2, positive=True),
            "t": int(rng.integers(2, 31)), "learning_rate": float(rng.uniform(0.001, 0.05)),
            "beta1": float(rng.uniform(0.8, 0.95)), "beta2": float(rng.uniform(0.99, 0.9999)), "epsilon": 1e-8}


def _update_lr_case(rng):
    return {"learning_rate0": float(rng.uniform(0.01, 1.0)), "epoch_num": int(rng.integers(1, 500)),
            "decay_rate": float(rng.uniform(0.1, 2.0))}


def _schedule_case(rng):
    time_interval = int(rng.integers(2, 2000))
    epoch_num = int(rng.integers(1, 6)) * time_interval + int(rng.integers(1, time_interval))
    return {"learning_rate0": float(rng.uniform(0.01, 1.0)), "epoch_num": epoch_num,
            "decay_rate": float(rng.uniform(0.1, 2.0)), "time_interval": time_interval}


def _bn_param(rng, n, mode):
    return {"mode": mode, "eps": 1e-5, "momentum": float(rng.uniform(0.8, 0.99)),
            "running_mean": rng.normal(0, 1, (n, 1)), "running_var": rng.uniform(0.5, 3.0, (n, 1))}


def _bn_input(rng, n, m):
    """(n, m) pre-activations, each feature with its own mean and spread (0.3 to 5)."""
    return rng.normal(rng.normal(0, 3, (n, 1)), rng.uniform(0.3, 5.0, (n, 1)), (n, m))


def _bn_forward_case(rng):
    n, m = int(rng.integers(1, 7)), int(rng.integers(4, 20))
    if m == n:
        m += 1
    return {"x": _bn_input(rng, n, m), "gamma": rng.uniform(0.5, 2.0, (n, 1)), "beta": rng.normal(0, 1, (n, 1)),
            "bn_param": _bn_param(rng, n, str(rng.choice(["train", "test"])))}


def _bn_backward_case(rng):
    n, m = int(rng.integers(1, 7)), int(rng.integers(4, 20))
    _, cache = batchnorm.batchnorm_forward(_bn_input(rng, n, m), rng.uniform(0.5, 2.0, (n, 1)),
                                           rng.normal(0, 1, (n, 1)), _bn_param(rng, n, "train"))
    return {"dout": rng.normal(0, 1, (n, m)), "cache": cache}


def _one_hot(labels, C):
    return np.eye(C)[:, labels]


def _softmax_case(rng):
    C, m = int(rng.integers(2, 7)), int(rng.integers(2, 13))
    Z = rng.normal(0, 2, (C, m))
    Z[:, int(rng.integers(m))] += rng.uniform(750, 1000)  # overflows exp without the max shift
    labels = rng.integers(0, C, m)
    # One column whose range exp cannot hold (e^710 is inf): only the shift by the max is safe.
    # The range stays below 745, where exp(min - max) would underflow to 0 and the reference's
    # own Y * log(A) would be 0 * -inf; its label is the raised class.
    j = int(rng.integers(m))
    Z[labels[j], j] = np.min(Z[:, j]) + rng.uniform(715, 740)
    return {"Z": Z, "Y": _one_hot(labels, C)}


def _moons(m, noise, rng):
    """Two interleaved half circles, X (2, m), Y (1, m)."""
    Y = _labels(rng, m)
    angle = rng.uniform(0, np.pi, m)
    X = np.where(Y == 1, np.vstack([1 - np.cos(angle), 0.5 - np.sin(angle)]), np.vstack([np.cos(angle), np.sin(angle)]))
    return X + rng.normal(0, noise, (2, m)), Y


_MODEL_RATES = {"gd": (0.3, 0.8), "momentum": (0.3, 0.8), "rmsprop": (0.002, 0.01), "adam": (0.005, 0.02)}


def _model_case(rng):
    size = int(rng.choice([16, 32, 64]))
    m = size * int(rng.integers(3, 200 // size + 1)) + int(rng.integers(size // 2, size))
    X, Y = _moons(m, float(rng.uniform(0.1, 0.2)), rng)  # the last batch holds at least half a batch
    optimizer = str(rng.choice(optim.OPTIMIZERS))
    return {"X": X, "Y": Y, "n_h": int(rng.integers(4, 8)), "optimizer": optimizer,
            "learning_rate": float(rng.uniform(*_MODEL_RATES[optimizer])), "mini_batch_size": size,
            "num_epochs": int(rng.integers(30, 50)), "rng": np.random.default_rng(int(rng.integers(2**31)))}


# ----------------------------------------------------------------------------- visible cases

_P = {"W1": np.array([[0.5, -1.0], [1.5, 0.2], [-0.3, 0.8]]), "b1": np.array([[0.1], [-0.2], [0.0]]),
      "W2": np.array([[1.0, -0.5, 0.25]]), "b2": np.array([[0.3]])}
_G = {"dW1": np.array([[0.2, -0.1], [1e-6, 0.4], [-0.3, 0.05]]), "db1": np.array([[0.1], [-2e-7], [0.3]]),
      "dW2": np.array([[-0.6, 0.2, 1e-7]]), "db2": np.array([[0.5]])}
_V = {k: 0.1 * (1 - 0.9) * g for k, g in _G.items()}  # as after an earlier update
_S = {k: (1 - 0.999) * (0.1 * g) ** 2 for k, g in _G.items()}
_RNG = np.random.default_rng(5)
_X148 = _RNG.normal(0, 1, (2, 148))
_X128 = _RNG.normal(0, 1, (3, 128))
_BN_X = np.array([[1.0, 2.0, 3.0, 6.0], [-4.0, 0.0, 2.0, 10.0], [0.5, 0.5, 0.7, 0.3]])
_BN_G, _BN_B = np.array([[1.0], [2.0], [0.5]]), np.array([[0.0], [1.0], [-1.0]])


def _visible_bn_param(mode):
    return {"mode": mode, "eps": 1e-5, "momentum": 0.9,
            "running_mean": np.array([[2.0], [1.0], [0.5]]), "running_var": np.array([[4.0], [9.0], [0.25]])}


_Z = np.array([[1.0, 2.0, 1000.0, -1.0], [2.0, 2.0, 1001.0, 0.0], [0.5, 2.0, 999.0, 3.0]])
_Y = np.array([[0.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
_MOONS = _moons(240, 0.15, np.random.default_rng(7))

register(
    Exercise(
        id="optimization.update_parameters_with_gd",
        reference=optim.update_parameters_with_gd,
        cases=(Case({"parameters": _P, "grads": _G, "learning_rate": 0.1}),),
        hidden=_gd_case,
        modifies_inputs=True,
        mutants={"W + learning_rate * dW: gradient ascent": _gd_ascent,
                 "the last layer is not updated (range(1, L) instead of range(1, L + 1))": _gd_last_layer_skipped,
                 "biases not updated": _gd_biases_kept},
    ),
    Exercise(
        id="optimization.random_mini_batches",
        reference=optim.random_mini_batches,
        cases=(Case({"X": _X148, "Y": _labels(_RNG, 148), "mini_batch_size": 64, "rng": np.random.default_rng(0)}),
               Case({"X": _X128, "Y": _labels(_RNG, 128), "mini_batch_size": 32, "rng": np.random.default_rng(1)})),
        hidden=_mini_batch_case,
        compare=Compare(values=False),
        properties=_one_permutation_of_the_examples,
        points=2,
        mutants={"X and Y shuffled with two different permutations": _batches_two_permutations,
                 "examples not shuffled": _batches_not_shuffled,
                 "the last, shorter mini-batch dropped": _batches_last_dropped,
                 "the last mini-batch filled up with examples already used": _batches_last_overlapping,
                 "mini-batches cut along the rows (features) instead of the columns": _batches_rows},
    ),
    Exercise(
        id="optimization.initialize_velocity",
        reference=optim.initialize_velocity,
        cases=(Case({"parameters": _P}),),
        hidden=_init_case,
        mutants=_ZEROS_MUTANTS,
    ),
    Exercise(
        id="optimization.update_parameters_with_momentum",
        reference=optim.update_parameters_with_momentum,
        cases=(Case({"parameters": _P, "grads": _G, "v": _V, "beta": 0.9, "learning_rate": 0.1}),),
        hidden=_momentum_case,
        compare=Compare(names=("parameters", "v")),
        modifies_inputs=True,
        points=2,
        mutants={"v = beta v + dW, without the factor (1 - beta)": _momentum_no_one_minus_beta,
                 "beta and 1 - beta swapped": _momentum_betas_swapped,
                 "the step uses the gradient instead of the velocity": _momentum_steps_with_gradient,
                 "the step uses the velocity before it is updated": _momentum_steps_with_old_velocity},
    ),
    Exercise(
        id="optimization.initialize_rmsprop",
        reference=optim.initialize_rmsprop,
        cases=(Case({"parameters": _P}),),
        hidden=_init_case,
        mutants=_ZEROS_MUTANTS,
    ),
    Exercise(
        id="optimization.update_parameters_with_rmsprop",
        reference=optim.update_parameters_with_rmsprop,
        cases=(Case({"parameters": _P, "grads": _G, "s": _S, "beta2": 0.999, "learning_rate": 0.01,
                     "epsilon": 1e-8}),),
        hidden=_rmsprop_case,
        compare=Compare(names=("parameters", "s")),
        modifies_inputs=True,
        points=2,
        mutants={"s averages the gradient instead of its square": _rmsprop_not_squared,
                 "epsilon inside the square root": _rmsprop_eps_inside,
                 "divides by s instead of sqrt(s)": _rmsprop_no_root},
    ),
    Exercise(
        id="optimization.initialize_adam",
        reference=optim.initialize_adam,
        cases=(Case({"parameters": _P}),),
        hidden=_init_case,
        compare=Compare(names=("v", "s")),
        properties=_v_and_s_separate,
        mutants={"keyed like the parameters (W1) instead of the gradients (dW1)": _adam_init_keyed_like_parameters,
                 "the last layer is missing": _adam_init_last_layer_missing,
                 "only v returned": _adam_init_v_only,
                 "v = s = {...}: one dictionary for both": _adam_init_shared_dict,
                 "s a shallow copy of v: the same arrays in both": _adam_init_shared_arrays},
    ),
    Exercise(
        id="optimization.update_parameters_with_adam",
        reference=optim.update_parameters_with_adam,
        cases=(Case({"parameters": _P, "grads": _G, "v": _V, "s": _S, "t": 2, "learning_rate": 0.01,
                     "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}),
               Case({"parameters": _P, "grads": _G, "v": optim.initialize_adam(_P)[0],
                     "s": optim.initialize_adam(_P)[1], "t": 1, "learning_rate": 0.01, "beta1": 0.9,
                     "beta2": 0.999, "epsilon": 1e-8})),
        hidden=_adam_case,
        compare=Compare(names=("parameters", "v", "s", "v_corrected", "s_corrected"),
                        mix_ups=(("v", "v_corrected", "v must stay uncorrected (the bias-corrected value "
                                                      "is only used for the step)"),
                                 ("s", "s_corrected", "s must stay uncorrected (the bias-corrected value "
                                                      "is only used for the step)"))),
        modifies_inputs=True,
        points=3,
        mutants={"bias correction stored back into v and s": _adam_corrected_stored,
                 "no bias correction in the step": _adam_uncorrected_step,
                 "t increased once per layer (layer l uses t + l - 1)": _adam_t_per_layer,
                 "the layer number l used as t": _adam_layer_as_t,
                 "t never incremented (always 1)": _adam_t_never_incremented,
                 "t incremented inside the update (uses t + 1)": _adam_t_incremented_inside,
                 "epsilon inside the square root": _adam_eps_inside},
    ),
    Exercise(
        id="optimization.update_lr",
        reference=optim.update_lr,
        cases=(Case({"learning_rate0": 0.5, "epoch_num": 2, "decay_rate": 1.0}, 0.5 / 3),
               Case({"learning_rate0": 0.1, "epoch_num": 10, "decay_rate": 0.3}, 0.025)),
        hidden=_update_lr_case,
        mutants={"learning_rate0 / 1 + decay_rate * epoch_num: missing parentheses": _lr_precedence,
                 "learning_rate0 / (decay_rate * epoch_num): the 1 is missing": _lr_no_one,
                 "epochs counted from 1": _lr_epoch_from_one},
    ),
    Exercise(
        id="optimization.schedule_lr_decay",
        reference=optim.schedule_lr_decay,
        cases=(Case({"learning_rate0": 0.5, "epoch_num": 105, "decay_rate": 1.0, "time_interval": 10}, 0.5 / 11),
               Case({"learning_rate0": 0.3, "epoch_num": 1500, "decay_rate": 0.5, "time_interval": 1000}, 0.2)),
        hidden=_schedule_case,
        mutants={"no floor: epoch_num / time_interval": _schedule_no_floor,
                 "time_interval ignored": _schedule_interval_ignored,
                 "decay_rate inside the floor": _schedule_decay_in_floor},
    ),
    Exercise(
        id="optimization.model",
        reference=optim.model,
        cases=(Case({"X": _MOONS[0], "Y": _MOONS[1], "n_h": 5, "optimizer": "adam", "learning_rate": 0.01,
                     "mini_batch_size": 32, "num_epochs": 40, "rng": np.random.default_rng(1)}),
               Case({"X": _MOONS[0], "Y": _MOONS[1], "n_h": 5, "optimizer": "momentum", "learning_rate": 0.8,
                     "mini_batch_size": 64, "num_epochs": 40, "rng": np.random.default_rng(2)})),
        hidden=_model_case,
        n_hidden=3,
        compare=Compare(names=("parameters", "costs", "t"), values=False),
        properties=_counts_updates_and_trains,
        points=2,
        mutants={"t counted per epoch instead of per update": _model_t_per_epoch,
                 "t reset to 0 at every epoch": _model_t_reset_every_epoch,
                 "the parameters are never updated": _model_untrained},
    ),
    Exercise(
        id="optimization.batchnorm_forward",
        reference=batchnorm.batchnorm_forward,
        cases=(Case({"x": _BN_X, "gamma": _BN_G, "beta": _BN_B, "bn_param": _visible_bn_param("train")}),
               Case({"x": _BN_X, "gamma": _BN_G, "beta": _BN_B, "bn_param": _visible_bn_param("test")})),
        hidden=_bn_forward_case,
        compare=Compare(names=("out", "cache"), skip=("cache",)),
        updates=("bn_param",),
        points=2,
        mutants={"divides by the variance instead of the standard deviation": _bn_variance,
                 "statistics over the features (axis=0) instead of the examples (axis=1)": _bn_over_features,
                 "running averages not updated": _bn_running_not_updated,
                 "momentum and 1 - momentum swapped in the running averages": _bn_momentum_swapped,
                 "test mode normalises with the batch's statistics": _bn_test_with_batch_stats},
    ),
    Exercise(
        id="optimization.batchnorm_backward",
        reference=batchnorm.batchnorm_backward,
        cases=(Case({"dout": np.array([[0.5, -1.0, 0.2, 0.3], [1.0, 0.0, -0.5, 2.0], [0.1, 0.4, -0.3, -0.2]]),
                     "cache": batchnorm.batchnorm_forward(_BN_X, _BN_G, _BN_B, _visible_bn_param("train"))[1]}),),
        hidden=_bn_backward_case,
        compare=Compare(names=("dx", "dgamma", "dbeta")),
        points=2,
        mutants={"dx = dout * gamma / sigma: the paths through mu and var are missing":
                     _bn_backward_no_statistics_paths,
                 "dx without the path through mu": _bn_backward_no_mean_path,
                 "dgamma and dbeta summed without keepdims": _bn_backward_no_keepdims,
                 "dgamma = sum(dout * x) instead of sum(dout * x_hat)": _bn_backward_dgamma_with_x},
    ),
    Exercise(
        id="optimization.softmax_cross_entropy",
        reference=softmax.softmax_cross_entropy,
        cases=(Case({"Z": _Z, "Y": _Y}),
               Case({"Z": np.array([[720.0, 1.0], [0.0, 2.0], [1.0, 0.0]]), "Y": _one_hot(np.array([0, 1]), 3)})),
        hidden=_softmax_case,
        compare=Compare(names=("cost", "dZ")),
        mutants={"no max shift: exp overflows": _softmax_no_shift,
                 "shifted by each column's min instead of its max: exp overflows when a column's values are far apart":
                     _softmax_min_shift,
                 "softmax over the examples (axis=1) instead of the classes (axis=0)": _softmax_over_examples,
                 "dZ divided by m": _softmax_dz_over_m,
                 "cost summed over the examples instead of averaged": _softmax_cost_summed},
    ),
)
