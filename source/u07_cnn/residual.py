# %% [markdown]
# # Unit 7, part 3: Residual blocks
#
# Stacking more layers should never hurt: a deeper network could copy a shallower one and set its
# extra layers to the identity. In practice, plain networks of a few dozen layers train *worse*
# than shallower ones, even on their training set: the extra layers do not easily learn the
# identity, and the gradient that reaches the first layers has gone through every layer's
# weights and derivatives on its way back.
#
# A **residual block** (He et al., 2016) gives the identity for free. Its layers compute a
# correction $F(x)$ that is added to the block's input, through a *shortcut*:
#
# $$a = \operatorname{relu}\big(F(x) + x\big).$$
#
# If $F$ is small the block is close to the identity. On the way back, the gradient first goes
# through the final relu, which sets it to zero wherever $F(x) + x \le 0$; what is left reaches
# $x$ through the shortcut unchanged, whatever the weights of $F$, and adds to the part that goes
# through $F$.
#
# You write the two blocks of ResNet-50, forward and backward, from the convolutional layers of
# part 1 (imported in the first cell as `conv_forward(A_prev, W, b, hparameters)` and
# `conv_backward(dZ, cache)`, with the conventions and caches of part 1), check their gradients
# numerically, and see what the shortcut does to the gradient of a deep stack.
#
# **Our blocks leave out batch normalisation**, which ResNet applies after every convolution
# (unit 5 covered it): it would not change the structure of the code, only lengthen it.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots
from course.checks import check
from course.nn.activations import relu
from course.nn.conv import conv_backward, conv_forward
from course.nn.gradcheck import numerical_gradient, relative_error
from course.nn.resnet import initialize_block


# %% [markdown]
# ## 1. The identity block
#
# The identity block is used where the input and output have the same shape
# `(m, n_H, n_W, n_C)`. Its main path is a *bottleneck*: a $1 \times 1$ convolution to $F_1$
# channels, an $f \times f$ convolution to $F_2$ channels, a $1 \times 1$ convolution back to
# $n_C$ channels:
#
# $$\begin{aligned}
# Z^{[1]} &= \operatorname{conv}_{1\times 1}(X; W_1, b_1), & A^{[1]} &= \operatorname{relu}(Z^{[1]}),\\
# Z^{[2]} &= \operatorname{conv}_{f\times f,\ \text{same}}(A^{[1]}; W_2, b_2), & A^{[2]} &= \operatorname{relu}(Z^{[2]}),\\
# Z^{[3]} &= \operatorname{conv}_{1\times 1}(A^{[2]}; W_3, b_3), & Z &= Z^{[3]} + X, \qquad A = \operatorname{relu}(Z).
# \end{aligned}$$
#
# All three convolutions have stride 1; the $1 \times 1$ ones have no padding and the
# $f \times f$ one (with $f$ odd) has padding $(f - 1)/2$, so that every $Z$ keeps
# $n_H \times n_W$. `parameters` holds `W1 (1, 1, n_C, F1)`, `W2 (f, f, F1, F2)`,
# `W3 (1, 1, F2, n_C)` and biases `b1`, `b2`, `b3` of shape `(1, 1, 1, F)`.
#
# ### Exercise 1.1: `identity_block`
#
# Write `identity_block(X, parameters)` returning `A` and
# `cache = (cache1, Z1, cache2, Z2, cache3, Z)`, where `cache1`, `cache2`, `cache3` are the caches
# returned by the three `conv_forward` calls and `Z = Z3 + X` (exactly this tuple: the backward
# pass reads it).
#
# *Hint:* `f = parameters["W2"].shape[0]`; `hparameters` is `{"stride": 1, "pad": 0}` for the
# 1x1 convolutions and `{"stride": 1, "pad": (f - 1) // 2}` for the f x f one.

# %% nbgrader={"grade": false, "grade_id": "cnn-identity_block", "locked": false, "schema_version": 3, "solution": true}
def identity_block(X, parameters):
    """A = relu(conv1x1(relu(conv_fxf(relu(conv1x1(X))))) + X) and cache (cache1, Z1, cache2, Z2, cache3, Z)."""
    ### BEGIN SOLUTION
    f = parameters["W2"].shape[0]
    Z1, cache1 = conv_forward(X, parameters["W1"], parameters["b1"], {"stride": 1, "pad": 0})
    Z2, cache2 = conv_forward(relu(Z1), parameters["W2"], parameters["b2"], {"stride": 1, "pad": (f - 1) // 2})
    Z3, cache3 = conv_forward(relu(Z2), parameters["W3"], parameters["b3"], {"stride": 1, "pad": 0})
    Z = Z3 + X
    A = relu(Z)
    cache = (cache1, Z1, cache2, Z2, cache3, Z)
    ### END SOLUTION
    return A, cache


# %% nbgrader={"grade": true, "grade_id": "cnn-identity_block-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.identity_block", identity_block)
### BEGIN HIDDEN TESTS
check("cnn.identity_block", identity_block, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 1.2: `identity_block_backward`
#
# Go back through the block in reverse order. With $dA = \partial J / \partial A$:
#
# $$dZ = dA \odot \mathbb{1}[Z > 0], \qquad
#   dA^{[2]}, dW_3, db_3 = \texttt{conv\_backward}(dZ, \texttt{cache3}),$$
# $$dZ^{[2]} = dA^{[2]} \odot \mathbb{1}[Z^{[2]} > 0], \quad \dots \quad
#   dX_{\text{main}}, dW_1, db_1 = \texttt{conv\_backward}(dZ^{[1]}, \texttt{cache1}).$$
#
# $X$ reaches $Z$ along two paths, the main path and the shortcut $Z = Z^{[3]} + X$, so its
# gradient is the sum of both: $dX = dX_{\text{main}} + dZ$.
#
# Write `identity_block_backward(dA, cache)` returning `(dX, grads)` with
# `grads = {"dW1": ..., "db1": ..., "dW2": ..., "db2": ..., "dW3": ..., "db3": ...}`. `dA` has
# the shape `(m, n_H, n_W, n_C)` of the block's output `A`, `dX` that of `X` (the same), and each
# entry of `grads` the shape of its parameter (`dW1` like `W1`, `db1` like `b1`, and so on).

# %% nbgrader={"grade": false, "grade_id": "cnn-identity_block_backward", "locked": false, "schema_version": 3, "solution": true}
def identity_block_backward(dA, cache):
    """(dX, grads) of the identity block; dA like A, grads dW1, ..., db3 each like its parameter."""
    cache1, Z1, cache2, Z2, cache3, Z = cache
    ### BEGIN SOLUTION
    dZ = dA * (Z > 0)
    dA2, dW3, db3 = conv_backward(dZ, cache3)
    dA1, dW2, db2 = conv_backward(dA2 * (Z2 > 0), cache2)
    dX_main, dW1, db1 = conv_backward(dA1 * (Z1 > 0), cache1)
    dX = dX_main + dZ
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}
    ### END SOLUTION
    return dX, grads


# %% nbgrader={"grade": true, "grade_id": "cnn-identity_block_backward-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.identity_block_backward", identity_block_backward)
### BEGIN HIDDEN TESTS
check("cnn.identity_block_backward", identity_block_backward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 2. The convolutional block
#
# When a stage of the network halves the image and changes the number of channels, $X$ and
# $F(X)$ no longer have the same shape, and the shortcut becomes a $1 \times 1$ convolution with
# the same stride $s$, $Z_s = \operatorname{conv}_{1\times 1,\ \text{stride } s}(X; W_s, b_s)$:
#
# $$A = \operatorname{relu}\big(Z^{[3]} + Z_s\big).$$
#
# In the main path, the **first** $1 \times 1$ convolution takes the stride $s$ (as in the
# original ResNet-50); the $f \times f$ and last $1 \times 1$ convolutions have stride 1.
# `parameters` holds `W1 (1, 1, n_C, F1)`, `W2 (f, f, F1, F2)`, `W3 (1, 1, F2, F3)`,
# `Ws (1, 1, n_C, F3)` and their biases.
#
# ### Exercise 2.1: `convolutional_block`
#
# Write `convolutional_block(X, parameters, s=2)` for `X` of shape `(m, n_H, n_W, n_C)`, returning
# `A` of shape `(m, (n_H - 1) // s + 1, (n_W - 1) // s + 1, F3)` (`F3` filters in the last 1x1
# convolution) and `cache = (cache1, Z1, cache2, Z2, cache3, cache_s, Z)` with `Z = Z3 + Z_s`.

# %% nbgrader={"grade": false, "grade_id": "cnn-convolutional_block", "locked": false, "schema_version": 3, "solution": true}
def convolutional_block(X, parameters, s=2):
    """A = relu(main path (first 1x1 with stride s) + conv1x1(X, Ws, bs, stride s)) and its cache."""
    ### BEGIN SOLUTION
    f = parameters["W2"].shape[0]
    Z1, cache1 = conv_forward(X, parameters["W1"], parameters["b1"], {"stride": s, "pad": 0})
    Z2, cache2 = conv_forward(relu(Z1), parameters["W2"], parameters["b2"], {"stride": 1, "pad": (f - 1) // 2})
    Z3, cache3 = conv_forward(relu(Z2), parameters["W3"], parameters["b3"], {"stride": 1, "pad": 0})
    Z_s, cache_s = conv_forward(X, parameters["Ws"], parameters["bs"], {"stride": s, "pad": 0})
    Z = Z3 + Z_s
    A = relu(Z)
    cache = (cache1, Z1, cache2, Z2, cache3, cache_s, Z)
    ### END SOLUTION
    return A, cache


# %% nbgrader={"grade": true, "grade_id": "cnn-convolutional_block-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.convolutional_block", convolutional_block)
### BEGIN HIDDEN TESTS
check("cnn.convolutional_block", convolutional_block, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.2: `convolutional_block_backward`
#
# As for the identity block, except that the shortcut is a convolution too: its gradient
# comes from `conv_backward(dZ, cache_s)`, which also gives `dWs` and `dbs`, and
# $dX = dX_{\text{main}} + dX_{\text{shortcut}}$.
#
# Write `convolutional_block_backward(dA, cache)` returning `(dX, grads)`, with `grads` holding
# `dW1, db1, dW2, db2, dW3, db3, dWs, dbs`. `dA` has the shape
# `(m, (n_H - 1) // s + 1, (n_W - 1) // s + 1, F3)` of the block's output `A`, `dX` the shape
# `(m, n_H, n_W, n_C)` of `X`, and each entry of `grads` the shape of its parameter (`dWs` like
# `Ws`, `dbs` like `bs`, and so on).

# %% nbgrader={"grade": false, "grade_id": "cnn-convolutional_block_backward", "locked": false, "schema_version": 3, "solution": true}
def convolutional_block_backward(dA, cache):
    """(dX, grads) of the convolutional block; dA like A, grads dW1, ..., dbs each like its parameter."""
    cache1, Z1, cache2, Z2, cache3, cache_s, Z = cache
    ### BEGIN SOLUTION
    dZ = dA * (Z > 0)
    dA2, dW3, db3 = conv_backward(dZ, cache3)
    dA1, dW2, db2 = conv_backward(dA2 * (Z2 > 0), cache2)
    dX_main, dW1, db1 = conv_backward(dA1 * (Z1 > 0), cache1)
    dX_short, dWs, dbs = conv_backward(dZ, cache_s)
    dX = dX_main + dX_short
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3, "dWs": dWs, "dbs": dbs}
    ### END SOLUTION
    return dX, grads


# %% nbgrader={"grade": true, "grade_id": "cnn-convolutional_block_backward-test", "locked": true, "schema_version": 3, "solution": false}
check("cnn.convolutional_block_backward", convolutional_block_backward)
### BEGIN HIDDEN TESTS
check("cnn.convolutional_block_backward", convolutional_block_backward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Gradient check
#
# The checks compared your functions with the course's. Here is an independent test, as in
# unit 4: take the scalar $J = \sum G \odot A$ for a fixed random $G$ (so that
# $\partial J / \partial A = G$), nudge each input entry and each parameter by
# $\pm\varepsilon$, and compare the centred differences
# $\big(J(\theta + \varepsilon) - J(\theta - \varepsilon)\big) / 2\varepsilon$ with your backward
# pass. Relative errors around $10^{-9}$ or below mean the two agree (relu's kink could spoil an
# entry if a nudge crossed zero; with random values that is very unlikely).

# %%
rng = np.random.default_rng(0)
X = rng.normal(0, 1, (2, 5, 5, 3))
checks = {"identity block": (identity_block, identity_block_backward, initialize_block(3, (4, 2, 3), 3, rng), ()),
          "convolutional block": (convolutional_block, convolutional_block_backward,
                                  initialize_block(3, (2, 3, 4), 3, rng, shortcut=True), (2,))}
for name, (forward, backward, parameters, extra) in checks.items():
    parameters = {key: value + rng.normal(0, 0.1, value.shape) for key, value in parameters.items()}
    A, cache = forward(X, parameters, *extra)
    G = rng.normal(0, 1, A.shape)
    dX, grads = backward(G, cache)

    def J():
        return float(np.sum(G * forward(X, parameters, *extra)[0]))

    errors = {"X": relative_error(dX, numerical_gradient(lambda _: J(), X))}
    for key, value in parameters.items():
        errors[key] = relative_error(grads["d" + key], numerical_gradient(lambda _: J(), value))
    print(f"{name:20s}", "  ".join(f"{key}: {error:.1e}" for key, error in errors.items()))

# %% [markdown]
# ## 4. What the shortcut does to the gradient
#
# Stack 12 identity blocks on $8 \times 8 \times 8$ inputs, and the same 12 main paths without
# their shortcuts (a "plain" network of 36 convolutions, $a = \operatorname{relu}(Z^{[3]})$).
# Initialise the weights at half of He's standard deviation, propagate a random gradient back
# from the top, and measure the gradient that reaches the input of each block.

# %%
def plain_block(X, parameters):
    """The identity block's main path without the shortcut: A = relu(Z3), Z3 cached in place of Z."""
    A, (cache1, Z1, cache2, Z2, cache3, Z) = identity_block(X, parameters)
    Z3 = Z - X
    return relu(Z3), (cache1, Z1, cache2, Z2, cache3, Z3)


def plain_block_backward(dA, cache):
    """The identity block's backward pass without the shortcut's term dZ."""
    dX, grads = identity_block_backward(dA, cache)
    return dX - dA * (cache[-1] > 0), grads


def gradient_norms(block, backward, blocks, X, rng):
    """Norm of the gradient at the input of each block, first block first."""
    caches, A = [], X
    for parameters in blocks:
        A, cache = block(A, parameters)
        caches.append(cache)
    dA, norms = rng.normal(0, 1, A.shape), []
    for cache in reversed(caches):
        dA, _ = backward(dA, cache)
        norms.append(float(np.linalg.norm(dA)))
    return norms[::-1]


rng = np.random.default_rng(1)
blocks = [{key: 0.5 * value for key, value in initialize_block(8, (8, 8, 8), 3, rng).items()} for _ in range(12)]
X = rng.normal(0, 1, (4, 8, 8, 8))
norms = {"residual (identity blocks)": gradient_norms(identity_block, identity_block_backward, blocks, X,
                                                      np.random.default_rng(2)),
         "plain (no shortcuts)": gradient_norms(plain_block, plain_block_backward, blocks, X, np.random.default_rng(2))}
fig = plots.gradient_norms_by_depth(norms)
for name, values in norms.items():
    print(f"{name:28s} gradient at block 12: {values[-1]:9.3g}   at block 1: {values[0]:9.3g}")

# %% [markdown]
# In the plain stack each block multiplies the gradient by its three weight matrices and relu
# masks, and at this scale each block shrinks it by roughly a factor of ten: after 12 blocks
# (36 convolutions) almost nothing reaches the first layers, which therefore barely learn. In
# the residual stack the gradient at each block's input is the main path's contribution
# **plus** the gradient that came through the shortcut, masked only by the final relu, so it
# keeps its size all the way down. This is what lets ResNets train with 50, 101 or 152 layers.
#
# ## What to try next
#
# - Repeat section 4 with the weights at full He scale (remove the `0.5 *`), then at `2 *`. What
#   happens to each network's gradient? Which one is more sensitive to the initialisation?
# - Add batch normalisation (unit 5's `batchnorm_forward`, per channel: reshape
#   `(m, n_H, n_W, n_C)` to `(m n_H n_W, n_C)`) after each convolution of the identity block,
#   and extend the gradient check to $\gamma$ and $\beta$.
# - ResNet-50 starts with a $7 \times 7$ convolution with stride 2 and a $3 \times 3$ max pooling
#   with stride 2. Use part 1's `receptive_field` to find how far one unit of the first stage
#   sees, then after each stage of blocks.
# - Count the parameters of an identity block with $n_C = 256$, $F_1 = F_2 = 64$, $f = 3$, and of
#   two plain $3 \times 3$ convolutions with 256 channels: the bottleneck's saving is the same
#   argument as part 1's $1 \times 1$ convolutions.
