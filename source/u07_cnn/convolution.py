# %% [markdown]
# # Unit 7, part 1: Convolution and pooling, step by step
#
# A dense layer connects every pixel to every unit: a $64 \times 64 \times 3$ image feeding
# 1000 hidden units already needs $12\,288\,000$ weights. A **convolutional layer** instead slides
# a small filter, say $3 \times 3 \times 3$, over the image: the same 27 weights are used at
# every position (*parameter sharing*), and each output depends only on a small window of the
# input (*sparse connections*). A filter that detects a vertical edge in one corner detects it
# everywhere.
#
# In this notebook you write, with plain loops, the forward and backward passes of a
# convolutional layer and of a pooling layer, and the arithmetic of their sizes. Then you time
# your loops against the vectorised layers of the course package, play with kernels on a real
# photograph, and count what $1 \times 1$ convolutions save.
#
# **Conventions.** A batch of images is an array `(m, n_H, n_W, n_C)`: examples, height, width,
# channels (channels last). A convolutional layer with $n_C$ filters of size $f \times f$ has
# weights `W` of shape `(f, f, n_C_prev, n_C)` and a bias `b` of shape `(1, 1, 1, n_C)`; its
# stride and padding come in a dictionary `hparameters = {"stride": s, "pad": p}`.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import time

import numpy as np

from course import plots, widgets
from course.checks import check

# %% [markdown]
# ## 1. Sizes
#
# Sliding an $f \times f$ window with stride $s$ over an input of size $n$ padded with $p$ zeros
# on each side gives
#
# $$n_{\text{out}} = \left\lfloor \frac{n + 2p - f}{s} \right\rfloor + 1$$
#
# positions along that axis (the floor drops a last window that would stick out of the input).
#
# ### Exercise 1.1: `conv_output_size`
#
# Write `conv_output_size(n, f, p, s)`, returning $n_{\text{out}}$ as a Python `int`.
#
# *Hint:* `//` is floor division on integers. Expected: `conv_output_size(227, 11, 0, 4)` is
# `55` (AlexNet's first layer).

# %% nbgrader={"grade": false, "grade_id": "cnn-conv_output_size", "locked": false, "schema_version": 3, "solution": true}
def conv_output_size(n, f, p, s):
    """Number of window positions along one axis of size n: floor((n + 2p - f) / s) + 1."""
    ### BEGIN SOLUTION
    return (n + 2 * p - f) // s + 1
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cnn-conv_output_size-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.conv_output_size", conv_output_size)
### BEGIN HIDDEN TESTS
check("cnn.conv_output_size", conv_output_size, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 1.2: `same_padding`
#
# "Same" padding asks for $n_{\text{out}} = \lceil n / s \rceil$ (with stride 1: the output as
# large as the input). The last window starts at $(n_{\text{out}} - 1) s$ and ends at
# $(n_{\text{out}} - 1) s + f$, so the total padding needed is
#
# $$p_{\text{total}} = \max\big((n_{\text{out}} - 1)\, s + f - n,\; 0\big).$$
#
# When it is odd it cannot be split evenly: put $\lfloor p_{\text{total}} / 2 \rfloor$ at the
# start and the rest at the end (TensorFlow's rule).
#
# Write `same_padding(n, f, s)` returning the tuple `(p_start, p_end, n_out)` of ints.
#
# *Hint:* $\lceil n / s \rceil$ is `-(-n // s)` in integer arithmetic. Expected:
# `same_padding(227, 11, 4)` is `(4, 4, 57)` and `same_padding(64, 4, 1)` is `(1, 2, 64)`.

# %% nbgrader={"grade": false, "grade_id": "cnn-same_padding", "locked": false, "schema_version": 3, "solution": true}
def same_padding(n, f, s):
    """(p_start, p_end, n_out) of "same" padding: n_out = ceil(n / s), any odd pixel at the end."""
    ### BEGIN SOLUTION
    n_out = -(-n // s)
    total = max((n_out - 1) * s + f - n, 0)
    return total // 2, total - total // 2, n_out
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cnn-same_padding-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.same_padding", same_padding)
### BEGIN HIDDEN TESTS
check("cnn.same_padding", same_padding, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 1.3: `receptive_field`
#
# One unit of a deep layer sees a region of the input, its *receptive field*. Stack two
# $3 \times 3$ convolutions with stride 1: a unit of the second sees $3 \times 3$ units of the
# first, which together see $5 \times 5$ pixels. In general, with layers $l = 1, \dots, L$ of
# window $f_l$ and stride $s_l$, let $j_l = s_1 s_2 \cdots s_{l-1}$ be the distance in pixels
# between neighbouring units of layer $l - 1$ ($j_1 = 1$); then
#
# $$r = 1 + \sum_{l=1}^{L} (f_l - 1)\, j_l .$$
#
# Write `receptive_field(layers)`, where `layers` is a list of `(f, s)` pairs, first layer
# first, returning $r$ as an int.
#
# *Hint:* keep `r` and `jump` in a loop; update `r` with the current `jump` **before**
# multiplying `jump` by the layer's stride. Expected: `receptive_field([(3, 1), (3, 1)])` is `5`
# and `receptive_field([(3, 2), (3, 2), (3, 1)])` is `15`.

# %% nbgrader={"grade": false, "grade_id": "cnn-receptive_field", "locked": false, "schema_version": 3, "solution": true}
def receptive_field(layers):
    """Receptive field (in input pixels) of one unit of the last layer; layers: [(f, s), ...]."""
    ### BEGIN SOLUTION
    r, jump = 1, 1
    for f, s in layers:
        r += (f - 1) * jump
        jump *= s
    return r
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cnn-receptive_field-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.receptive_field", receptive_field)
### BEGIN HIDDEN TESTS
check("cnn.receptive_field", receptive_field, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 1.4: `count_parameters`
#
# A layer is described by a dictionary:
#
# - `{"type": "conv", "f": f, "n_C_prev": n_C_prev, "n_C": n_C}`: $n_C$ filters of
#   $f \times f \times n_{C,\text{prev}}$ weights, plus one bias each:
#   $f^2\, n_{C,\text{prev}}\, n_C + n_C$ parameters, whatever the size of the image;
# - `{"type": "pool", ...}`: nothing to learn, 0;
# - `{"type": "dense", "n_prev": n_prev, "n": n}`: $n_{\text{prev}}\, n + n$.
#
# Write `count_parameters(layer)` returning an int. Expected, for six $5 \times 5$ filters (the
# first layer of LeNet-5) on colour images,
# `count_parameters({"type": "conv", "f": 5, "n_C_prev": 3, "n_C": 6})` is `456`, and on LeNet-5's
# own grey images, `count_parameters({"type": "conv", "f": 5, "n_C_prev": 1, "n_C": 6})` is `156`.

# %% nbgrader={"grade": false, "grade_id": "cnn-count_parameters", "locked": false, "schema_version": 3, "solution": true}
def count_parameters(layer):
    """Trainable parameters of a "conv", "pool" or "dense" layer described by a dict."""
    ### BEGIN SOLUTION
    if layer["type"] == "conv":
        return layer["f"] ** 2 * layer["n_C_prev"] * layer["n_C"] + layer["n_C"]
    if layer["type"] == "dense":
        return layer["n_prev"] * layer["n"] + layer["n"]
    return 0
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cnn-count_parameters-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.count_parameters", count_parameters)
### BEGIN HIDDEN TESTS
check("cnn.count_parameters", count_parameters, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 2. The convolutional layer, forward
#
# ### Exercise 2.1: `zero_pad`
#
# Padding adds $p$ rows and columns of zeros around each image, so that windows can be centred
# on the border pixels too and the image does not shrink layer after layer. Write
# `zero_pad(X, pad)`: `X` of shape `(m, n_H, n_W, n_C)` becomes
# `(m, n_H + 2 pad, n_W + 2 pad, n_C)`; the examples and channels are not padded.
#
# *Hint:* `np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)`
# gives each axis its own `(before, after)`.

# %% nbgrader={"grade": false, "grade_id": "cnn-zero_pad", "locked": false, "schema_version": 3, "solution": true}
def zero_pad(X, pad):
    """X (m, n_H, n_W, n_C) padded with zeros: (m, n_H + 2 pad, n_W + 2 pad, n_C)."""
    ### BEGIN SOLUTION
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cnn-zero_pad-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.zero_pad", zero_pad)
### BEGIN HIDDEN TESTS
check("cnn.zero_pad", zero_pad, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.2: `conv_single_step`
#
# One output value is one filter applied to one window: multiply entry by entry, sum everything,
# add the filter's bias,
#
# $$z = \sum_{i, j, k} a_{ijk}\, w_{ijk} + b .$$
#
# Write `conv_single_step(a_slice_prev, W, b)`: `a_slice_prev` and `W` have shape
# `(f, f, n_C_prev)`, `b` has shape `(1, 1, 1)`. Return a Python `float`.
#
# *Hint:* `np.sum(...) + b` is a `(1, 1, 1)` array, which `float(...)` does not accept in NumPy 2;
# sum `b` too (`np.sum(...) + np.sum(b)`) or take its one value with `b.item()`.

# %% nbgrader={"grade": false, "grade_id": "cnn-conv_single_step", "locked": false, "schema_version": 3, "solution": true}
def conv_single_step(a_slice_prev, W, b):
    """sum(a_slice_prev * W) + b, as a float; a_slice_prev, W: (f, f, n_C_prev), b: (1, 1, 1)."""
    ### BEGIN SOLUTION
    return float(np.sum(a_slice_prev * W) + np.sum(b))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cnn-conv_single_step-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.conv_single_step", conv_single_step)
### BEGIN HIDDEN TESTS
check("cnn.conv_single_step", conv_single_step, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.3: `conv_forward`
#
# The layer slides each of its $n_C$ filters over each padded image with stride $s$:
#
# $$Z[i, h, w, c] = \sum_{u=0}^{f-1} \sum_{v=0}^{f-1} \sum_{k} A_{\text{pad}}[i,\, hs + u,\, ws + v,\, k]\; W[u, v, k, c] + b[c].$$
#
# (Deep learning libraries call this a convolution, although without flipping the filter it is,
# strictly, a *cross-correlation*. Do not flip the filter.)
#
# Write `conv_forward(A_prev, W, b, hparameters)`:
#
# - `A_prev (m, n_H_prev, n_W_prev, n_C_prev)`, `W (f, f, n_C_prev, n_C)`, `b (1, 1, 1, n_C)`,
#   `hparameters = {"stride": s, "pad": p}`;
# - compute `n_H`, `n_W` with `conv_output_size`, pad `A_prev` with `zero_pad`;
# - loop over examples `i`, rows `h`, columns `w` and filters `c`; with the padded input
#   `A_prev_pad = zero_pad(A_prev, p)`, the window is
#   `A_prev_pad[i, vert_start:vert_start + f, horiz_start:horiz_start + f, :]` with
#   `vert_start = h * s`, `horiz_start = w * s`; `Z[i, h, w, c]` is `conv_single_step` of the
#   window with `W[:, :, :, c]` and `b[:, :, :, c]`;
# - return `Z` of shape `(m, n_H, n_W, n_C)` and `cache = (A_prev, W, b, hparameters)`
#   (exactly this tuple: the backward pass reads it).
#
# Expected, with `rng = np.random.default_rng(1)`, `A_prev = rng.normal(size=(2, 5, 7, 4))`,
# `W = rng.normal(size=(3, 3, 4, 8))`, `b = rng.normal(size=(1, 1, 1, 8))` and
# `Z, cache_conv = conv_forward(A_prev, W, b, {"stride": 2, "pad": 1})`: `Z.shape` is
# `(2, 3, 4, 8)`, `float(np.mean(Z))` is `0.2368488` and `float(Z[0, 1, 2, 3])` is `-6.820629`.

# %% nbgrader={"grade": false, "grade_id": "cnn-conv_forward", "locked": false, "schema_version": 3, "solution": true}
def conv_forward(A_prev, W, b, hparameters):
    """Z (m, n_H, n_W, n_C) of a convolutional layer and cache = (A_prev, W, b, hparameters)."""
    ### BEGIN SOLUTION
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    s, p = hparameters["stride"], hparameters["pad"]
    n_H, n_W = conv_output_size(n_H_prev, f, p, s), conv_output_size(n_W_prev, f, p, s)
    A_prev_pad = zero_pad(A_prev, p)
    Z = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                window = A_prev_pad[i, h * s:h * s + f, w * s:w * s + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(window, W[:, :, :, c], b[:, :, :, c])
    ### END SOLUTION
    cache = (A_prev, W, b, hparameters)
    return Z, cache


# %% nbgrader={"grade": true, "grade_id": "cnn-conv_forward-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.conv_forward", conv_forward)
### BEGIN HIDDEN TESTS
check("cnn.conv_forward", conv_forward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Pooling, forward
#
# A pooling layer shrinks each channel separately: each $f \times f$ window (stride $s$, no
# padding) is replaced by its maximum (*max pooling*) or its mean (*average pooling*). It has
# no parameters; its `hparameters` are `{"f": f, "stride": s}`, and the output has
# $n_H = \lfloor (n_{H,\text{prev}} - f) / s \rfloor + 1$ rows, similarly for columns, and as
# many channels as its input.
#
# ### Exercise 3.1: `pool_forward`
#
# Write `pool_forward(A_prev, hparameters, mode="max")` with `mode` either `"max"` or
# `"average"`: loop over `i`, `h`, `w`, `c`, take the window
# `A_prev[i, h*s:h*s + f, w*s:w*s + f, c]` and store its `np.max` or `np.mean`. Return `A` and
# `cache = (A_prev, hparameters)`.
#
# Expected, with `A_prev` of the `conv_forward` example and
# `A, cache_pool = pool_forward(A_prev, {"f": 3, "stride": 2})` and
# `A_avg, cache_avg = pool_forward(A_prev, {"f": 3, "stride": 2}, mode="average")`: `A.shape` is
# `(2, 2, 3, 4)`, `float(np.mean(A))` is `1.22729` and `float(np.mean(A_avg))` is `-0.1289743`.

# %% nbgrader={"grade": false, "grade_id": "cnn-pool_forward", "locked": false, "schema_version": 3, "solution": true}
def pool_forward(A_prev, hparameters, mode="max"):
    """A (m, n_H, n_W, n_C) of max or average pooling and cache = (A_prev, hparameters)."""
    ### BEGIN SOLUTION
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, s = hparameters["f"], hparameters["stride"]
    n_H, n_W = conv_output_size(n_H_prev, f, 0, s), conv_output_size(n_W_prev, f, 0, s)
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = A_prev[i, h * s:h * s + f, w * s:w * s + f, c]
                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)
    ### END SOLUTION
    cache = (A_prev, hparameters)
    return A, cache


# %% nbgrader={"grade": true, "grade_id": "cnn-pool_forward-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.pool_forward", pool_forward)
### BEGIN HIDDEN TESTS
check("cnn.pool_forward", pool_forward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Backward passes
#
# ### Exercise 4.1: `conv_backward`
#
# Given $dZ = \partial J / \partial Z$ of shape `(m, n_H, n_W, n_C)`, each output
# $Z[i, h, w, c]$ received its window times filter $c$, plus $b_c$. So, for every
# `(i, h, w, c)`, with the window at `vert_start = h * s`, `horiz_start = w * s`:
#
# $$dA_{\text{pad}}[i, \text{window}] \mathrel{+}= W[:, :, :, c]\; dZ[i, h, w, c], \qquad
#   dW[:, :, :, c] \mathrel{+}= A_{\text{pad}}[i, \text{window}]\; dZ[i, h, w, c], \qquad
#   db[c] \mathrel{+}= dZ[i, h, w, c].$$
#
# The sums run over the examples too, and there is no division by $m$ here. Units 3 to 5 start
# from $dZ = A - Y$ and divide by $m$ when they form $dW$ and $db$; `conv_backward` instead
# expects the caller to have put the cost's $1/m$ into $dZ$ already (the network of
# `cnn_application` divides once, in the gradient it sends back from its last layer). Finally
# remove the padding:
# `dA_prev[i] = dA_prev_pad[i, p:p + n_H_prev, p:p + n_W_prev, :]` (or `p:-p` when `p > 0`).
#
# Write `conv_backward(dZ, cache)` with `cache = (A_prev, W, b, hparameters)` from
# `conv_forward`; return `(dA_prev, dW, db)` shaped like `A_prev`, `W` and `b`.
#
# Expected, with `Z` and `cache_conv` of the `conv_forward` example and
# `dA_prev, dW, db = conv_backward(Z, cache_conv)`: `float(np.mean(dA_prev))` is `0.5592482`,
# `float(np.mean(dW))` is `-0.8850703` and `float(np.mean(db))` is `5.684371`.

# %% nbgrader={"grade": false, "grade_id": "cnn-conv_backward", "locked": false, "schema_version": 3, "solution": true}
def conv_backward(dZ, cache):
    """(dA_prev, dW, db) of a convolutional layer, from dZ (m, n_H, n_W, n_C) and conv_forward's cache."""
    A_prev, W, b, hparameters = cache
    ### BEGIN SOLUTION
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, _, _, n_C = W.shape
    s, p = hparameters["stride"], hparameters["pad"]
    _, n_H, n_W, _ = dZ.shape
    A_prev_pad = zero_pad(A_prev, p)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW, db = np.zeros(W.shape), np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, columns = slice(h * s, h * s + f), slice(w * s, w * s + f)
                for c in range(n_C):
                    dA_prev_pad[i, rows, columns, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, rows, columns, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    dA_prev = dA_prev_pad[:, p:p + n_H_prev, p:p + n_W_prev, :]
    ### END SOLUTION
    return dA_prev, dW, db


# %% nbgrader={"grade": true, "grade_id": "cnn-conv_backward-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.conv_backward", conv_backward)
### BEGIN HIDDEN TESTS
check("cnn.conv_backward", conv_backward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4.2: `create_mask_from_window`
#
# In max pooling only the largest entry of each window reached the output, so only it receives
# the gradient. Write `create_mask_from_window(x)`: for a 2-D window `x` of any shape (a pooling
# window is `(f, f)`, the example below is `(3, 2)`), a boolean array of the same shape, `True`
# where `x` equals its maximum.
#
# *Hint:* `x == np.max(x)`. Expected:
# `create_mask_from_window(np.array([[1., 3.], [4., 2.], [0.5, -1.]]))` is
# `array([[False, False], [True, False], [False, False]])`.

# %% nbgrader={"grade": false, "grade_id": "cnn-create_mask_from_window", "locked": false, "schema_version": 3, "solution": true}
def create_mask_from_window(x):
    """Boolean mask of x's maximum entries, shaped like x."""
    ### BEGIN SOLUTION
    return x == np.max(x)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cnn-create_mask_from_window-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.create_mask_from_window", create_mask_from_window)
### BEGIN HIDDEN TESTS
check("cnn.create_mask_from_window", create_mask_from_window, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4.3: `distribute_value`
#
# In average pooling every entry of an $n_H \times n_W$ window contributed $1/(n_H n_W)$ of the
# output, so the gradient $dz$ is shared out equally. Write `distribute_value(dz, shape)`
# returning an array of shape `shape = (n_H, n_W)` filled with $dz / (n_H n_W)$.
#
# Expected: `distribute_value(2.0, (2, 2))` is `array([[0.5, 0.5], [0.5, 0.5]])`.

# %% nbgrader={"grade": false, "grade_id": "cnn-distribute_value", "locked": false, "schema_version": 3, "solution": true}
def distribute_value(dz, shape):
    """An array of shape (n_H, n_W) holding dz / (n_H * n_W) in every entry."""
    ### BEGIN SOLUTION
    n_H, n_W = shape
    return np.full((n_H, n_W), dz / (n_H * n_W))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cnn-distribute_value-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.distribute_value", distribute_value)
### BEGIN HIDDEN TESTS
check("cnn.distribute_value", distribute_value, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4.4: `pool_backward`
#
# Write `pool_backward(dA, cache, mode="max")`, with `dA` of shape `(m, n_H, n_W, n_C)` (like
# `pool_forward`'s output) and `cache = (A_prev, hparameters)` from `pool_forward`, returning
# `dA_prev` of the shape of `A_prev`. Start from `dA_prev = np.zeros(A_prev.shape)`; for every
# `(i, h, w, c)`:
#
# - `"max"`: take the window `A_prev[i, h*s:h*s + f, w*s:w*s + f, c]` and add
#   `create_mask_from_window(window) * dA[i, h, w, c]` to the same window of `dA_prev`;
# - `"average"`: add `distribute_value(dA[i, h, w, c], (f, f))` to it.
#
# Use `+=`: windows overlap when $s < f$, and each window adds its share.
#
# Expected, with `A`, `cache_pool`, `A_avg` and `cache_avg` of the `pool_forward` example:
# `float(np.mean(pool_backward(A, cache_pool, "max")))` is `0.2103926` and
# `float(np.mean(pool_backward(A_avg, cache_avg, "average")))` is `-0.02210988`.

# %% nbgrader={"grade": false, "grade_id": "cnn-pool_backward", "locked": false, "schema_version": 3, "solution": true}
def pool_backward(dA, cache, mode="max"):
    """dA_prev (shaped like A_prev) of a max or average pooling layer; dA is (m, n_H, n_W, n_C)."""
    A_prev, hparameters = cache
    ### BEGIN SOLUTION
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, columns = slice(h * s, h * s + f), slice(w * s, w * s + f)
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, columns, c])
                        dA_prev[i, rows, columns, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, columns, c] += distribute_value(dA[i, h, w, c], (f, f))
    ### END SOLUTION
    return dA_prev


# %% nbgrader={"grade": true, "grade_id": "cnn-pool_backward-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.pool_backward", pool_backward)
### BEGIN HIDDEN TESTS
check("cnn.pool_backward", pool_backward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Loops against vectorised layers
#
# Your loops call `conv_single_step` once per output value: $m\, n_H\, n_W\, n_C$ small NumPy
# calls. The course package's layers (`course.nn.conv`) compute the same numbers differently:
# they gather every window into one row of a matrix (*im2col*: a matrix of
# $m\, n_H\, n_W$ rows and $f^2 n_{C,\text{prev}}$ columns), then do **one** matrix product with
# the filters reshaped to $(f^2 n_{C,\text{prev}}, n_C)$. The backward pass is two more products
# and a loop over the $f^2$ positions inside a window only. Let us check they agree, and time both.

# %%
from course.nn import conv as fast

rng = np.random.default_rng(0)
A_prev = rng.normal(0, 1, (4, 16, 16, 8))
W, b = rng.normal(0, 0.1, (3, 3, 8, 16)), rng.normal(0, 0.1, (1, 1, 1, 16))
hparameters, pool_hparameters = {"stride": 1, "pad": 1}, {"f": 2, "stride": 2}
Z, cache = conv_forward(A_prev, W, b, hparameters)
Z_fast, cache_fast = fast.conv_forward(A_prev, W, b, hparameters)
print("conv forward: largest difference", np.max(np.abs(Z - Z_fast)))
dZ = rng.normal(0, 1, Z.shape)
print("conv backward: largest difference",
      max(np.max(np.abs(mine - theirs)) for mine, theirs in zip(conv_backward(dZ, cache), fast.conv_backward(dZ, cache))))


def seconds(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


P, pool_cache = pool_forward(Z, pool_hparameters)
dP = rng.normal(0, 1, P.shape)
loops = [seconds(conv_forward, A_prev, W, b, hparameters), seconds(conv_backward, dZ, cache),
         seconds(pool_forward, Z, pool_hparameters), seconds(pool_backward, dP, pool_cache)]
vectorised = [seconds(fast.conv_forward, A_prev, W, b, hparameters), seconds(fast.conv_backward, dZ, cache),
              seconds(fast.pool_forward, Z, pool_hparameters), seconds(fast.pool_backward, dP, pool_cache)]
fig = plots.conv_speedup(["conv forward", "conv backward", "max pool forward", "max pool backward"],
                         loops, vectorised, "4 images 16 x 16 x 8, 16 filters 3 x 3, then 2 x 2 max pooling")

# %% [markdown]
# The vectorised layers are tens to hundreds of times faster (the chart shows this run's numbers;
# they vary with the machine and its load): fast enough to train a
# small convolutional network in NumPy in part 2. `course bench conv` compares them with
# PyTorch's CPU layers.
#
# ## 6. Kernels on a real image
#
# Before networks learned their filters, image processing designed them by hand. A vertical
# edge detector such as $\begin{pmatrix} 1 & 0 & -1 \end{pmatrix}$ in every row responds where
# the brightness changes from left to right; Sobel and Scharr weigh the centre row more: each row,
# a multiple of $\begin{pmatrix} 1 & 0 & -1 \end{pmatrix}$, still differentiates across the edge,
# and the column of weights ($1, 2, 1$ for Sobel, $3, 10, 3$ for Scharr) averages along it, which
# smooths out noise; a box blur averages; sharpening adds the difference between a pixel and its
# neighbours back. Pick a kernel, a stride and a padding, and watch the feature map and
# its size (red: positive response, blue: negative).

# %%
widgets.kernel_explorer()

# %% [markdown]
# Things to notice: with stride $s$ the map shrinks about $s$ times along each axis, as
# `conv_output_size` predicts; padding adds a frame whose values come from the zeros (a bright
# image against a zero border makes a strong "edge" there); the 5 x 5 blur shrinks the map by 4
# pixels without padding, the 3 x 3 kernels by 2.
#
# ## 7. Why $1 \times 1$ convolutions: the bottleneck
#
# A $1 \times 1$ convolution mixes channels at each pixel, like a dense layer applied at every
# position. Inception uses it to shrink the number of channels before an expensive convolution.
# Take a $28 \times 28 \times 192$ input and 32 filters of $5 \times 5$ with "same" padding,
# against first 16 filters of $1 \times 1$, then the 32 filters of $5 \times 5$ on the
# 16-channel result. Count parameters with your `count_parameters` and multiplications
# ($n_H\, n_W\, n_C\, f^2\, n_{C,\text{prev}}$: one per weight per output position):

# %%
def multiplies(layer, n_H, n_W):
    return n_H * n_W * layer["n_C"] * layer["f"] ** 2 * layer["n_C_prev"]


direct = [{"type": "conv", "f": 5, "n_C_prev": 192, "n_C": 32}]
bottleneck = [{"type": "conv", "f": 1, "n_C_prev": 192, "n_C": 16}, {"type": "conv", "f": 5, "n_C_prev": 16, "n_C": 32}]
for name, layers in [("5x5 directly", direct), ("1x1 bottleneck, then 5x5", bottleneck)]:
    print(f"{name:26s} parameters {sum(count_parameters(l) for l in layers):8,d}   "
          f"multiplications {sum(multiplies(l, 28, 28) for l in layers):13,d}")

# %% [markdown]
# The bottleneck needs about a tenth of the multiplications and parameters, for the same output
# shape. Whether it loses accuracy is an empirical question; in Inception it did not.
#
# ## What to try next
#
# - Write `conv_forward` with only two loops, over `h` and `w`, by multiplying the window of
#   every example at once: `np.tensordot(A_prev_pad[:, rows, columns, :], W, axes=3)`. How much of
#   the gap to the vectorised layer does it close?
# - With the kernel explorer, find a stride and padding that give a feature map of exactly half
#   the image's size; check your answer with `same_padding`.
# - Compute the receptive field of VGG-16's last convolution (13 convolutions of 3 x 3 with
#   stride 1 and 4 max poolings of 2 x 2 with stride 2, in VGG's order) with `receptive_field`.
# - In `pool_backward` with `"max"`, what happens when a window has two equal maxima? Compare
#   with what PyTorch's `max_pool2d` does.
