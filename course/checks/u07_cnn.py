"""Exercises of unit u07_cnn: convolution and pooling, forward and backward, and their arithmetic."""
from __future__ import annotations

import numpy as np

from course.nn import conv, resnet

from .registry import Case, Compare, Exercise, register
from .shapes import with_exact_zeros

# ----------------------------------------------------------------------------- typical mistakes


def _pad_every_axis(X, pad):
    return np.pad(X, pad)


def _pad_height_only(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (0, 0), (0, 0)))


def _pad_one_side(X, pad):
    return np.pad(X, ((0, 0), (2 * pad, 0), (2 * pad, 0), (0, 0)))


def _step_no_bias(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W))


def _step_bias_per_entry(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W + b))


def _step_no_sum(a_slice_prev, W, b):
    return a_slice_prev * W + b


def _conv_flipped(A_prev, W, b, hparameters):
    return conv.conv_forward(A_prev, W[::-1, ::-1], b, hparameters)


def _conv_no_bias(A_prev, W, b, hparameters):
    return conv.conv_forward(A_prev, W, np.zeros_like(b), hparameters)


def _conv_no_pad(A_prev, W, b, hparameters):
    Z, _ = conv.conv_forward(A_prev, W, b, {"stride": hparameters["stride"], "pad": 0})
    return Z, (A_prev, W, b, hparameters)


def _conv_stride_ignored(A_prev, W, b, hparameters):
    Z, _ = conv.conv_forward(A_prev, W, b, {"stride": 1, "pad": hparameters["pad"]})
    return Z, (A_prev, W, b, hparameters)


def _pool_modes_swapped(A_prev, hparameters, mode="max"):
    return conv.pool_forward(A_prev, hparameters, "average" if mode == "max" else "max")


def _pool_stride_is_f(A_prev, hparameters, mode="max"):
    A, _ = conv.pool_forward(A_prev, {"f": hparameters["f"], "stride": hparameters["f"]}, mode)
    return A, (A_prev, hparameters)


def _pool_no_cache(A_prev, hparameters, mode="max"):
    return conv.pool_forward(A_prev, hparameters, mode)[0]


def _conv_backward_db_mean(dZ, cache):
    dA_prev, dW, db = conv.conv_backward(dZ, cache)
    return dA_prev, dW, db / dZ.shape[0]


def _conv_backward_padded(dZ, cache):
    A_prev, W, b, hparameters = cache
    p = hparameters["pad"]
    dA_prev, dW, db = conv.conv_backward(dZ, (conv.zero_pad(A_prev, p), W, b, {**hparameters, "pad": 0}))
    return dA_prev, dW, db


def _conv_backward_strip_minus_p(dZ, cache):
    """The padding stripped with [p:-p], which is empty for pad 0."""
    dA_prev, dW, db = conv.conv_backward(dZ, cache)
    p = cache[3]["pad"]
    return conv.zero_pad(dA_prev, p)[:, p:-p, p:-p, :], dW, db


def _conv_backward_flipped(dZ, cache):
    A_prev, W, b, hparameters = cache
    dA_prev, _, db = conv.conv_backward(dZ, (A_prev, W[::-1, ::-1], b, hparameters))
    _, dW, _ = conv.conv_backward(dZ, cache)
    return dA_prev, dW, db


def _mask_of_min(x):
    return x == np.min(x)


def _mask_argmax(x):
    return np.argmax(x)


def _distribute_undivided(dz, shape):
    return np.full(shape, float(dz))


def _distribute_over_sum(dz, shape):
    return np.full(shape, dz / (shape[0] + shape[1]))


def _distribute_over_rows(dz, shape):
    return np.full(shape, dz / shape[0])


def _pool_backward_average_undivided(dA, cache, mode="max"):
    if mode == "max":
        return conv.pool_backward(dA, cache, mode)
    f = cache[1]["f"]
    return conv.pool_backward(dA * f * f, cache, mode)


def _pool_backward_assigned(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros(A_prev.shape)
    for h in range(dA.shape[1]):
        for w in range(dA.shape[2]):
            window = A_prev[:, h * s:h * s + f, w * s:w * s + f, :]
            share = dA[:, h:h + 1, w:w + 1, :]
            if mode == "max":
                share = share * (window == window.max(axis=(1, 2), keepdims=True))
            else:
                share = share * np.ones(window.shape) / (f * f)
            dA_prev[:, h * s:h * s + f, w * s:w * s + f, :] = share  # = where += is needed
    return dA_prev


def _pool_backward_modes_swapped(dA, cache, mode="max"):
    return conv.pool_backward(dA, cache, "average" if mode == "max" else "max")


def _pool_backward_whole_window(dA, cache, mode="max"):
    f = cache[1]["f"]
    return conv.pool_backward(dA * (f * f if mode == "max" else 1), cache, "average")


def _size_no_plus_one(n, f, p, s):
    return (n + 2 * p - f) // s


def _size_true_division(n, f, p, s):
    return (n + 2 * p - f) / s + 1


def _size_pad_once(n, f, p, s):
    return (n + p - f) // s + 1


def _same_extra_at_start(n, f, s):
    p_start, p_end, n_out = conv.same_padding(n, f, s)
    return p_end, p_start, n_out


def _same_floor(n, f, s):
    n_out = n // s
    total = max((n_out - 1) * s + f - n, 0)
    return total // 2, total - total // 2, n_out


def _same_stride_ignored(n, f, s):
    total = f - 1
    return total // 2, total - total // 2, -(-n // s)


def _field_strides_ignored(layers):
    return 1 + sum(f - 1 for f, _ in layers)


def _field_own_stride(layers):
    r, jump = 1, 1
    for f, s in layers:
        jump *= s
        r += (f - 1) * jump
    return r


def _field_product(layers):
    r = 1
    for f, s in layers:
        r = r * s + f - 1
    return r


def _params_no_bias(layer):
    n = conv.count_parameters(layer)
    if layer["type"] == "conv":
        return n - layer["n_C"]
    return n - layer["n"] if layer["type"] == "dense" else n


def _params_no_input_channels(layer):
    if layer["type"] == "conv":
        return layer["f"] ** 2 * layer["n_C"] + layer["n_C"]
    return conv.count_parameters(layer)


def _params_bias_per_weight(layer):
    if layer["type"] == "conv":
        return 2 * layer["f"] ** 2 * layer["n_C_prev"] * layer["n_C"]
    return conv.count_parameters(layer)


# ----------------------------------------------------------------------------- hidden cases


def _images(rng, low=3, high=8):
    m, n_H, n_W, n_C = (int(rng.integers(1, 4)), int(rng.integers(low, high)),
                        int(rng.integers(low, high)), int(rng.integers(2, 4)))
    return rng.normal(0, 1, (m, n_H, n_W, n_C))


def _pad_case(rng):
    return {"X": _images(rng), "pad": int(rng.integers(1, 4))}


def _step_case(rng):
    f, n_C = int(rng.integers(2, 5)), int(rng.integers(1, 4))
    return {"a_slice_prev": rng.normal(0, 1, (f, f, n_C)), "W": rng.normal(0, 1, (f, f, n_C)),
            "b": rng.normal(1, 0.5, (1, 1, 1))}


def _conv_args(rng):
    """Shapes where padding and stride both matter: f >= 2, pad >= 1, stride 2 or 3."""
    A_prev = _images(rng, 6, 10)
    f, n_C = int(rng.integers(2, 4)), int(rng.integers(1, 4))
    W = rng.normal(0, 1, (f, f, A_prev.shape[3], n_C))
    b = rng.normal(1, 0.5, (1, 1, 1, n_C))
    return A_prev, W, b, {"stride": int(rng.integers(2, 4)), "pad": int(rng.integers(1, 3))}


def _conv_case(rng):
    A_prev, W, b, hparameters = _conv_args(rng)
    return {"A_prev": A_prev, "W": W, "b": b, "hparameters": hparameters}


def _pool_hparameters(rng):
    f = int(rng.integers(2, 4))
    return {"f": f, "stride": f - 1}


def _pool_case(rng):
    return {"A_prev": _images(rng, 5, 9), "hparameters": _pool_hparameters(rng),
            "mode": ("max", "average")[int(rng.integers(2))]}


def _conv_backward_case(rng):
    """As conv_forward's cases, but a third without padding (where dA_pad[:, p:-p] is empty)."""
    A_prev, W, b, hparameters = _conv_args(rng)
    if rng.random() < 1 / 3:
        hparameters = {**hparameters, "pad": 0}
    Z, cache = conv.conv_forward(A_prev, W, b, hparameters)
    return {"dZ": rng.normal(0, 1, Z.shape), "cache": cache}


def _mask_case(rng):
    return {"x": rng.normal(0, 1, (int(rng.integers(2, 5)), int(rng.integers(2, 5))))}


def _distribute_case(rng):
    n_H, n_W = int(rng.integers(3, 6)), int(rng.integers(2, 6))
    return {"dz": float(rng.normal(0, 2)), "shape": (n_H, n_W)}


def _pool_backward_case(rng):
    A_prev, hparameters = _images(rng, 5, 9), _pool_hparameters(rng)
    mode = ("max", "average")[int(rng.integers(2))]
    A, cache = conv.pool_forward(A_prev, hparameters, mode)
    return {"dA": rng.normal(0, 1, A.shape), "cache": cache, "mode": mode}


def _size_case(rng):
    f, s = int(rng.integers(2, 8)), int(rng.integers(2, 5))
    return {"n": int(rng.integers(20, 300)) * s + int(rng.integers(1, s)), "f": f,
            "p": int(rng.integers(s, s + 3)), "s": s}


def _same_case(rng):
    """n = k s + r with 2 <= r < s, and an odd total padding f - r (so its split is uneven)."""
    s = int(rng.integers(3, 6))
    r = int(rng.integers(2, s))
    f = int(rng.integers(r + 1, 12))
    if (f - r) % 2 == 0:
        f += 1
    return {"n": int(rng.integers(20, 200)) * s + r, "f": f, "s": s}


def _field_case(rng):
    n = int(rng.integers(3, 6))
    layers = [(int(rng.integers(2, 6)), int(rng.integers(2, 3)) if l < 2 else int(rng.integers(1, 3)))
              for l in range(n)]
    return {"layers": layers}


def _params_case(rng):
    kind = int(rng.integers(4))
    if kind == 3:
        return {"layer": {"type": "dense", "n_prev": int(rng.integers(2, 500)), "n": int(rng.integers(2, 50))}}
    return {"layer": {"type": "conv", "f": int(rng.integers(2, 8)), "n_C_prev": int(rng.integers(2, 64)),
                      "n_C": int(rng.integers(2, 64))}}


# ----------------------------------------------------------------------------- visible cases


_RNG = np.random.default_rng(1)
_X = _RNG.normal(0, 1, (2, 3, 3, 2))
_SLICE, _FILTER, _BIAS = _RNG.normal(0, 1, (3, 3, 2)), _RNG.normal(0, 1, (3, 3, 2)), np.array([[[0.5]]])
_A_CONV = _RNG.normal(0, 1, (2, 5, 7, 3))
_W_CONV = _RNG.normal(0, 1, (3, 3, 3, 4))
_B_CONV = _RNG.normal(1, 0.5, (1, 1, 1, 4))
_HP_CONV = {"stride": 2, "pad": 1}
_Z_CONV, _CACHE_CONV = conv.conv_forward(_A_CONV, _W_CONV, _B_CONV, _HP_CONV)
_DZ_CONV = _RNG.normal(0, 1, _Z_CONV.shape)
_A_POOL = _RNG.normal(0, 1, (2, 5, 5, 3))
_HP_POOL = {"f": 3, "stride": 2}
_DA_POOL = _RNG.normal(0, 1, (2, 2, 2, 3))
_WINDOW = np.array([[1.0, 3.0], [4.0, 2.0], [0.5, -1.0]])
_Z_CONV0, _CACHE_CONV0 = conv.conv_forward(_A_CONV, _W_CONV, _B_CONV, {"stride": 1, "pad": 0})
_DZ_CONV0 = _RNG.normal(0, 1, _Z_CONV0.shape)

register(
    Exercise(
        id="cnn.zero_pad",
        reference=conv.zero_pad,
        cases=(Case({"X": _X, "pad": 2}),),
        hidden=_pad_case,
        mutants={"the examples and channels padded too": _pad_every_axis,
                 "only the height padded": _pad_height_only,
                 "all the padding on one side": _pad_one_side},
    ),
    Exercise(
        id="cnn.conv_single_step",
        reference=conv.conv_single_step,
        cases=(Case({"a_slice_prev": _SLICE, "W": _FILTER, "b": _BIAS},
                    conv.conv_single_step(_SLICE, _FILTER, _BIAS)),),
        hidden=_step_case,
        mutants={"the bias forgotten": _step_no_bias,
                 "the bias added to every product before the sum": _step_bias_per_entry,
                 "the products not summed": _step_no_sum},
    ),
    Exercise(
        id="cnn.conv_forward",
        reference=conv.conv_forward,
        cases=(Case({"A_prev": _A_CONV, "W": _W_CONV, "b": _B_CONV, "hparameters": _HP_CONV}),),
        hidden=_conv_case,
        compare=Compare(names=("Z", "cache")),
        points=3,
        mutants={"the filter flipped (a true convolution, not the cross-correlation)": _conv_flipped,
                 "the bias forgotten": _conv_no_bias,
                 "the input not padded": _conv_no_pad,
                 "the stride ignored": _conv_stride_ignored},
    ),
    Exercise(
        id="cnn.pool_forward",
        reference=conv.pool_forward,
        cases=(Case({"A_prev": _A_POOL, "hparameters": _HP_POOL, "mode": "max"}),
               Case({"A_prev": _A_POOL, "hparameters": _HP_POOL, "mode": "average"})),
        hidden=_pool_case,
        compare=Compare(names=("A", "cache")),
        points=2,
        mutants={"max and average swapped": _pool_modes_swapped,
                 "stride taken equal to f": _pool_stride_is_f,
                 "A returned without the cache": _pool_no_cache},
    ),
    Exercise(
        id="cnn.conv_backward",
        reference=conv.conv_backward,
        cases=(Case({"dZ": _DZ_CONV, "cache": _CACHE_CONV}), Case({"dZ": _DZ_CONV0, "cache": _CACHE_CONV0})),
        hidden=_conv_backward_case,
        compare=Compare(names=("dA_prev", "dW", "db")),
        points=3,
        mutants={"db averaged over the examples": _conv_backward_db_mean,
                 "dA_prev returned with its padding": _conv_backward_padded,
                 "the filter flipped when sending the gradient back": _conv_backward_flipped,
                 "the padding stripped with [p:-p] (empty when pad = 0)": _conv_backward_strip_minus_p},
    ),
    Exercise(
        id="cnn.create_mask_from_window",
        reference=conv.create_mask_from_window,
        cases=(Case({"x": _WINDOW}, np.array([[False, False], [True, False], [False, False]])),),
        hidden=_mask_case,
        mutants={"the minimum's position marked": _mask_of_min,
                 "the index of the maximum (np.argmax) instead of a mask": _mask_argmax},
    ),
    Exercise(
        id="cnn.distribute_value",
        reference=conv.distribute_value,
        cases=(Case({"dz": 2.0, "shape": (2, 2)}, np.full((2, 2), 0.5)),
               Case({"dz": 6.0, "shape": (3, 4)}, np.full((3, 4), 0.5))),
        hidden=_distribute_case,
        mutants={"dz copied to every entry, not divided": _distribute_undivided,
                 "divided by n_H + n_W": _distribute_over_sum,
                 "divided by n_H only": _distribute_over_rows},
    ),
    Exercise(
        id="cnn.pool_backward",
        reference=conv.pool_backward,
        cases=(Case({"dA": _DA_POOL, "cache": (_A_POOL, _HP_POOL), "mode": "max"}),
               Case({"dA": _DA_POOL, "cache": (_A_POOL, _HP_POOL), "mode": "average"})),
        hidden=_pool_backward_case,
        points=3,
        mutants={"average mode: the gradient not divided by f * f": _pool_backward_average_undivided,
                 "max and average swapped": _pool_backward_modes_swapped,
                 "max mode: the gradient sent to the whole window": _pool_backward_whole_window,
                 "= instead of +=: where windows overlap, a window's share overwrites the one before":
                     _pool_backward_assigned},
    ),
    Exercise(
        id="cnn.conv_output_size",
        reference=conv.conv_output_size,
        cases=(Case({"n": 227, "f": 11, "p": 0, "s": 4}, 55), Case({"n": 64, "f": 5, "p": 2, "s": 2}, 32)),
        hidden=_size_case,
        compare=Compare(exact_type=True),
        mutants={"the + 1 forgotten": _size_no_plus_one,
                 "true division instead of floor": _size_true_division,
                 "the padding counted on one side only": _size_pad_once},
    ),
    Exercise(
        id="cnn.same_padding",
        reference=conv.same_padding,
        cases=(Case({"n": 227, "f": 11, "s": 4}, (4, 4, 57)), Case({"n": 64, "f": 4, "s": 1}, (1, 2, 64)),
               Case({"n": 10, "f": 6, "s": 3}, (2, 3, 4)),
               Case({"n": 10, "f": 1, "s": 4}, (0, 0, 3))),  # stride above f: no padding, never negative
        hidden=_same_case,
        compare=Compare(names=("p_start", "p_end", "n_out")),
        mutants={"the extra pixel of padding at the start": _same_extra_at_start,
                 "n_out = floor(n / s) instead of ceil": _same_floor,
                 "total padding f - 1 whatever the stride": _same_stride_ignored},
    ),
    Exercise(
        id="cnn.receptive_field",
        reference=conv.receptive_field,
        cases=(Case({"layers": [(3, 1), (3, 1)]}, 5), Case({"layers": [(3, 2), (3, 2), (3, 1)]}, 15)),
        hidden=_field_case,
        mutants={"the strides ignored": _field_strides_ignored,
                 "each layer's own stride counted in its jump": _field_own_stride,
                 "the recursion run backwards": _field_product},
    ),
    Exercise(
        id="cnn.count_parameters",
        reference=conv.count_parameters,
        cases=(Case({"layer": {"type": "conv", "f": 5, "n_C_prev": 3, "n_C": 6}}, 456),
               Case({"layer": {"type": "pool", "f": 2, "stride": 2}}, 0),
               Case({"layer": {"type": "dense", "n_prev": 400, "n": 120}}, 48120)),
        hidden=_params_case,
        mutants={"the biases forgotten": _params_no_bias,
                 "the input channels forgotten": _params_no_input_channels,
                 "one bias per weight": _params_bias_per_weight},
    ),
)


# ============================================================================= part 3: residual blocks


def _identity_no_shortcut(X, parameters):
    Z3, caches = resnet._main_path(X, parameters, 1)
    return resnet.relu(Z3), caches + (Z3,)


def _identity_relu_before_sum(X, parameters):
    Z3, caches = resnet._main_path(X, parameters, 1)
    return resnet.relu(Z3) + X, caches + (Z3 + X,)


def _identity_no_middle_relu(X, parameters):
    f = parameters["W2"].shape[0]
    Z1, cache1 = conv.conv_forward(X, parameters["W1"], parameters["b1"], {"stride": 1, "pad": 0})
    Z2, cache2 = conv.conv_forward(resnet.relu(Z1), parameters["W2"], parameters["b2"], {"stride": 1, "pad": (f - 1) // 2})
    Z3, cache3 = conv.conv_forward(Z2, parameters["W3"], parameters["b3"], {"stride": 1, "pad": 0})
    Z = Z3 + X
    return resnet.relu(Z), (cache1, Z1, cache2, Z2, cache3, Z)


def _identity_backward_no_shortcut(dA, cache):
    return resnet._main_path_backward(dA * (cache[-1] > 0), cache[:-1])


def _identity_backward_no_mask(dA, cache):
    dX, grads = resnet._main_path_backward(dA, cache[:-1])
    return dX + dA, grads


def _identity_backward_unmasked_shortcut(dA, cache):
    dX, grads = resnet._main_path_backward(dA * (cache[-1] > 0), cache[:-1])
    return dX + dA, grads


def _convolutional_stride_in_middle(X, parameters, s=2):
    f = parameters["W2"].shape[0]
    Z1, cache1 = conv.conv_forward(X, parameters["W1"], parameters["b1"], {"stride": 1, "pad": 0})
    Z2, cache2 = conv.conv_forward(resnet.relu(Z1), parameters["W2"], parameters["b2"], {"stride": s, "pad": (f - 1) // 2})
    Z3, cache3 = conv.conv_forward(resnet.relu(Z2), parameters["W3"], parameters["b3"], {"stride": 1, "pad": 0})
    Z_s, cache_s = conv.conv_forward(X, parameters["Ws"], parameters["bs"], {"stride": s, "pad": 0})
    Z = Z3 + Z_s
    return resnet.relu(Z), (cache1, Z1, cache2, Z2, cache3, cache_s, Z)


def _convolutional_relu_on_shortcut(X, parameters, s=2):
    Z3, caches = resnet._main_path(X, parameters, s)
    Z_s, cache_s = conv.conv_forward(X, parameters["Ws"], parameters["bs"], {"stride": s, "pad": 0})
    Z = Z3 + resnet.relu(Z_s)
    return resnet.relu(Z), caches + (cache_s, Z)


def _convolutional_no_shortcut_bias(X, parameters, s=2):
    return resnet.convolutional_block(X, {**parameters, "bs": np.zeros_like(parameters["bs"])}, s)


def _convolutional_backward_no_shortcut(dA, cache):
    dZ = dA * (cache[-1] > 0)
    dX, grads = resnet._main_path_backward(dZ, cache[:5])
    _, grads["dWs"], grads["dbs"] = conv.conv_backward(dZ, cache[5])
    return dX, grads


def _convolutional_backward_no_shortcut_grads(dA, cache):
    dZ = dA * (cache[-1] > 0)
    dX, grads = resnet._main_path_backward(dZ, cache[:5])
    return dX + conv.conv_backward(dZ, cache[5])[0], grads


def _convolutional_backward_no_mask(dA, cache):
    dX, grads = resnet._main_path_backward(dA, cache[:5])
    dX_short, grads["dWs"], grads["dbs"] = conv.conv_backward(dA, cache[5])
    return dX + dX_short, grads


_RELU_INPUTS = (1, 3, -1)  # where a block's cache holds pre-activations: Z1, Z2 and the sum Z


def _relu_zeros(cache, rng):
    """A block's cache with some negative pre-activations set to exactly 0 (the relu outputs that
    the next convolutions' caches hold are unchanged)."""
    cache = list(cache)
    for i in _RELU_INPUTS:
        cache[i] = with_exact_zeros(cache[i], rng)
    return tuple(cache)


def _zeros_made_positive(cache):
    """The cache with its pre-activations' exact zeros replaced by a tiny positive number: the
    mask Z > 0 applied to it is the mistaken mask Z >= 0 applied to the real cache."""
    cache = list(cache)
    for i in _RELU_INPUTS:
        cache[i] = np.where(cache[i] == 0, 1e-300, cache[i])
    return tuple(cache)


def _identity_backward_mask_at_zero(dA, cache):
    return resnet.identity_block_backward(dA, _zeros_made_positive(cache))


def _convolutional_backward_mask_at_zero(dA, cache):
    return resnet.convolutional_block_backward(dA, _zeros_made_positive(cache))


def _block_parameters(rng, n_C, shortcut):
    F1, F2 = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    F3 = int(rng.integers(2, 6)) if shortcut else n_C
    parameters = resnet.initialize_block(n_C, (F1, F2, F3), 3, rng, shortcut)
    return {key: value + rng.normal(0, 0.3, value.shape) if key.startswith("b") else value
            for key, value in parameters.items()}


def _block_input(rng):
    return rng.normal(0, 1, (int(rng.integers(1, 4)), int(rng.integers(4, 8)), int(rng.integers(4, 8)),
                             int(rng.integers(2, 5))))


def _identity_case(rng):
    X = _block_input(rng)
    return {"X": X, "parameters": _block_parameters(rng, X.shape[3], False)}


def _identity_backward_case(rng):
    A, cache = resnet.identity_block(**_identity_case(rng))
    return {"dA": rng.normal(0, 1, A.shape), "cache": _relu_zeros(cache, rng)}


def _convolutional_case(rng):
    X = _block_input(rng)
    return {"X": X, "parameters": _block_parameters(rng, X.shape[3], True), "s": int(rng.integers(2, 4))}


def _convolutional_backward_case(rng):
    A, cache = resnet.convolutional_block(*_convolutional_case(rng).values())
    return {"dA": rng.normal(0, 1, A.shape), "cache": _relu_zeros(cache, rng)}


_BLOCK_RNG = np.random.default_rng(7)
_X_ID = _block_input(_BLOCK_RNG)
_P_ID = _block_parameters(_BLOCK_RNG, _X_ID.shape[3], False)
_A_ID, _CACHE_ID = resnet.identity_block(_X_ID, _P_ID)
_DA_ID = _BLOCK_RNG.normal(0, 1, _A_ID.shape)
_X_CB = _BLOCK_RNG.normal(0, 1, (2, 6, 6, 3))
_P_CB = _block_parameters(_BLOCK_RNG, 3, True)
_A_CB, _CACHE_CB = resnet.convolutional_block(_X_CB, _P_CB, 2)
_DA_CB = _BLOCK_RNG.normal(0, 1, _A_CB.shape)

register(
    Exercise(
        id="cnn.identity_block",
        reference=resnet.identity_block,
        cases=(Case({"X": _X_ID, "parameters": _P_ID}),),
        hidden=_identity_case,
        compare=Compare(names=("A", "cache")),
        points=2,
        mutants={"the shortcut forgotten": _identity_no_shortcut,
                 "relu applied before adding the shortcut": _identity_relu_before_sum,
                 "no relu after the second convolution": _identity_no_middle_relu},
    ),
    Exercise(
        id="cnn.identity_block_backward",
        reference=resnet.identity_block_backward,
        cases=(Case({"dA": _DA_ID, "cache": _CACHE_ID}),
               Case({"dA": _DA_ID, "cache": _relu_zeros(_CACHE_ID, np.random.default_rng(8))})),
        hidden=_identity_backward_case,
        compare=Compare(names=("dX", "grads")),
        points=3,
        mutants={"the shortcut's gradient left out of dX": _identity_backward_no_shortcut,
                 "the last relu's derivative skipped": _identity_backward_no_mask,
                 "dA sent through the shortcut without the relu's derivative": _identity_backward_unmasked_shortcut,
                 "relu's derivative taken as 1 at Z = 0 (the mask Z >= 0 instead of Z > 0)":
                     _identity_backward_mask_at_zero},
    ),
    Exercise(
        id="cnn.convolutional_block",
        reference=resnet.convolutional_block,
        cases=(Case({"X": _X_CB, "parameters": _P_CB, "s": 2}),),
        hidden=_convolutional_case,
        compare=Compare(names=("A", "cache")),
        points=2,
        mutants={"the stride on the f x f convolution instead of the first 1x1": _convolutional_stride_in_middle,
                 "relu applied to the shortcut before the sum": _convolutional_relu_on_shortcut,
                 "the shortcut's bias forgotten": _convolutional_no_shortcut_bias},
    ),
    Exercise(
        id="cnn.convolutional_block_backward",
        reference=resnet.convolutional_block_backward,
        cases=(Case({"dA": _DA_CB, "cache": _CACHE_CB}),
               Case({"dA": _DA_CB, "cache": _relu_zeros(_CACHE_CB, np.random.default_rng(9))})),
        hidden=_convolutional_backward_case,
        compare=Compare(names=("dX", "grads")),
        points=3,
        mutants={"the shortcut's gradient left out of dX": _convolutional_backward_no_shortcut,
                 "dWs and dbs missing from grads": _convolutional_backward_no_shortcut_grads,
                 "the last relu's derivative skipped": _convolutional_backward_no_mask,
                 "relu's derivative taken as 1 at Z = 0 (the mask Z >= 0 instead of Z > 0)":
                     _convolutional_backward_mask_at_zero},
    ),
)
