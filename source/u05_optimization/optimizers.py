# %% [markdown]
# # Unit 5: Optimization algorithms
#
# So far every network learned by gradient descent on the whole training set: one step per pass
# over all the data. That is slow when the data is large, and slow again when the cost surface is
# a long, narrow valley, where the gradient points mostly across the valley instead of along it.
# This notebook builds the tools that fix both problems:
#
# 1. gradient descent for a network with any number of layers, `update_parameters_with_gd`;
# 2. mini-batches, `random_mini_batches`;
# 3. exponentially weighted averages and their bias correction (a figure, no exercise);
# 4. momentum, `initialize_velocity` and `update_parameters_with_momentum`;
# 5. RMSprop, `initialize_rmsprop` and `update_parameters_with_rmsprop`;
# 6. Adam, `initialize_adam` and `update_parameters_with_adam`;
# 7. a training loop that uses any of them, `model`, and a race of the four on the same data;
# 8. learning-rate decay, `update_lr` and `schedule_lr_decay`;
# 9. an explorer of the optimizers' paths on 2-D loss surfaces;
# 10. a random search for the learning rate on a log scale.
#
# The second notebook of the unit, `batchnorm_softmax`, adds batch normalisation and the softmax
# output layer.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import math

import numpy as np

from course import plots, widgets
from course.checks import check
from course.data import load_planar
from course.nn import shallow
from course.nn.metrics import accuracy

# %% [markdown]
# ## Conventions
#
# As in units 2 and 3, a network with $L$ layers keeps its parameters in a dictionary
# `parameters = {"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}` with $W^{[l]}$ of shape
# $(n_l, n_{l-1})$ and $b^{[l]}$ of shape $(n_l, 1)$, and its gradients in
# `grads = {"dW1": ..., "db1": ..., ...}`, each shaped like its parameter. The number of layers is
# `L = len(parameters) // 2`. The optimizers below keep extra state per parameter (a velocity
# `v`, a mean square `s`); these dictionaries are keyed like the **gradients**: `v["dW1"]`,
# `v["db1"]`, ...
#
# The update functions may change the dictionaries they are given in place, and they also return
# them.
#
# ## 1. Gradient descent, for any number of layers
#
# One step of gradient descent with learning rate $\alpha$ moves every parameter against its
# gradient:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]},
#   \qquad l = 1, \dots, L.$$
#
# ### Exercise 1: `update_parameters_with_gd`
#
# Write `update_parameters_with_gd(parameters, grads, learning_rate)` for any number of layers
# (loop over `l` from 1 to `L` included, and build the keys with f-strings: `f"W{l}"`,
# `f"dW{l}"`). Return `parameters`.
#
# Expected, with the first layer of the test's values,
# `parameters = {"W1": np.array([[0.5, -1.], [1.5, 0.2], [-0.3, 0.8]]),
# "b1": np.array([[0.1], [-0.2], [0.]])}` and `grads = {"dW1": np.array([[0.2, -0.1], [1e-6, 0.4],
# [-0.3, 0.05]]), "db1": np.array([[0.1], [-2e-7], [0.3]])}`:
# `update_parameters_with_gd(parameters, grads, 0.1)["W1"]` is
# `array([[0.48, -0.99], [1.4999999, 0.16], [-0.27, 0.795]])`.

# %% nbgrader={"grade": false, "grade_id": "optimization-update_parameters_with_gd", "locked": false, "schema_version": 3, "solution": true}
def update_parameters_with_gd(parameters, grads, learning_rate):
    """One gradient-descent step on W1, b1, ..., WL, bL; returns the parameters."""
    L = len(parameters) // 2
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "optimization-update_parameters_with_gd-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.update_parameters_with_gd", update_parameters_with_gd)
### BEGIN HIDDEN TESTS
check("optimization.update_parameters_with_gd", update_parameters_with_gd, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Mini-batches
#
# Gradient descent on the whole training set (*batch* gradient descent) computes the exact
# gradient of the cost, but takes only one step per pass over the data. At the other extreme,
# *stochastic* gradient descent takes one step per example: many cheap, noisy steps, and no
# vectorisation. *Mini-batch* gradient descent sits in between: cut the training set into
# mini-batches of, say, 64 examples and take one step per mini-batch. One pass over all the
# mini-batches is an **epoch**. The gradient of a mini-batch is a noisy estimate of the full
# gradient, good enough to make progress, and cheap enough to take many steps per epoch.
#
# Two steps build the mini-batches of an epoch:
#
# 1. **Shuffle.** Draw one random permutation of the $m$ examples and apply it to the columns of
#    `X` *and* of `Y`, so each example keeps its label. Shuffling again at every epoch gives
#    different mini-batches each time, so the noise of their gradients averages out.
# 2. **Partition.** Cut the shuffled columns into pieces of `mini_batch_size` examples. If $m$ is
#    not a multiple of the size, the last mini-batch is smaller: it holds the remaining
#    $m - \text{mini\_batch\_size} \times \lfloor m / \text{mini\_batch\_size} \rfloor$ examples.
#    Keep it: dropping it would leave those examples out of the epoch.
#
# With $m = 148$ and `mini_batch_size = 64`, the mini-batches have 64, 64 and 20 examples.
#
# ### Exercise 2: `random_mini_batches`
#
# Write `random_mini_batches(X, Y, mini_batch_size, rng)` for `X` of shape `(n_x, m)` and `Y` of
# shape `(n_y, m)`. Draw the permutation with `rng.permutation(m)` (an array holding
# $0, \dots, m-1$ in random order) and apply it to the columns with `X[:, permutation]`. Return a
# list of pairs `(mini_batch_X, mini_batch_Y)` of shapes `(n_x, size)` and `(n_y, size)`.
#
# Hint: slicing past the end of an array is allowed in NumPy (`a[:, 140:204]` of an array with 148
# columns has 8 columns), so `range(0, m, mini_batch_size)` gives the start of every mini-batch,
# the short last one included.
#
# Your permutation will differ from the reference's if you draw in another way, so the check does
# not compare values: it checks the number and shapes of the mini-batches, that every example
# appears exactly once with its own label, and that the order was shuffled.

# %% nbgrader={"grade": false, "grade_id": "optimization-random_mini_batches", "locked": false, "schema_version": 3, "solution": true}
def random_mini_batches(X, Y, mini_batch_size, rng):
    """Shuffle the columns of X (n_x, m) and Y (n_y, m) alike, then cut them into mini-batches.

    Returns a list of (mini_batch_X, mini_batch_Y); the last one is smaller when m is not a
    multiple of mini_batch_size.
    """
    m = X.shape[1]
    mini_batches = []
    ### BEGIN SOLUTION
    permutation = rng.permutation(m)
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    for k in range(0, m, mini_batch_size):
        mini_batches.append((shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size]))
    ### END SOLUTION
    return mini_batches


# %% nbgrader={"grade": true, "grade_id": "optimization-random_mini_batches-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.random_mini_batches", random_mini_batches)
### BEGIN HIDDEN TESTS
check("optimization.random_mini_batches", random_mini_batches, hidden=True)
### END HIDDEN TESTS

# %%
demo = random_mini_batches(np.zeros((2, 148)), np.zeros((1, 148)), 64, np.random.default_rng(0))
print("mini-batch sizes:", [mini_batch_X.shape[1] for mini_batch_X, _ in demo])

# %% [markdown]
# Mini-batch sizes are usually powers of two (32, 64, 128, 256, 512), which suit how memory is
# laid out; a mini-batch should also fit in the memory of the processor that computes it.
#
# ## 3. Exponentially weighted averages
#
# Momentum, RMSprop and Adam all smooth a noisy sequence with an **exponentially weighted
# average**. For a sequence $\theta_1, \theta_2, \dots$ (a daily temperature, or the gradient at
# each step) it is
#
# $$v_0 = 0, \qquad v_t = \beta\, v_{t-1} + (1 - \beta)\, \theta_t.$$
#
# Unrolled, $v_t = (1 - \beta) \sum_{i=1}^{t} \beta^{t-i} \theta_i$: the weights decay
# geometrically into the past, and $v_t$ averages roughly the last $1 / (1 - \beta)$ values (10 for
# $\beta = 0.9$, 50 for $\beta = 0.98$). A larger $\beta$ gives a smoother curve that reacts later.
#
# **Bias correction.** Because $v_0 = 0$, the early averages are too small. The weights
# $(1 - \beta)\beta^{t-i}$ add up to $(1 - \beta) \sum_{i=1}^{t} \beta^{t-i} = 1 - \beta^t$, not to 1:
# at $t = 1$, $v_1 = (1 - \beta)\theta_1$ is only a tenth of $\theta_1$ for $\beta = 0.9$. Dividing by
# the sum of the weights fixes this:
#
# $$\hat v_t = \frac{v_t}{1 - \beta^t}.$$
#
# As $t$ grows, $\beta^t \to 0$ and the correction fades away. Note that $\hat v_t$ is only *read*;
# the recursion keeps updating the uncorrected $v_t$ (feeding $\hat v_t$ back into the recursion
# would be wrong: it would count the correction again at every step).
#
# The figure shows 200 days of made-up spring temperatures (grey dots), their averages without
# correction (dashed) and with it (solid); the figure counts the days as steps $t = 1, 2, \dots$
# Look at the first steps on the right: the dashed curves start near 0 degrees, far below any
# temperature, and creep up; the corrected ones follow the data from day 1.

# %%
rng = np.random.default_rng(0)
days = np.arange(200)
temperatures = 10 + 12 * np.sin(np.pi * days / 400) + rng.normal(0, 3, days.size)
fig = plots.ewa_bias_correction(temperatures, betas=(0.9, 0.98),
                                title="Daily temperatures and their exponentially weighted averages")

# %% [markdown]
# ## 4. Momentum
#
# In a long, narrow valley, gradient descent zigzags: the gradient points mostly across the valley,
# so the steps bounce from wall to wall while progress along the valley floor is slow. A larger
# learning rate would make the bouncing diverge. **Momentum** steps along an exponentially weighted
# average of the gradients instead of the last gradient. The components across the valley change
# sign from step to step and average out; the component along the valley keeps its sign and
# builds up. With $\beta$ typically 0.9, for each layer:
#
# $$v_{dW^{[l]}} = \beta\, v_{dW^{[l]}} + (1 - \beta)\, dW^{[l]}, \qquad W^{[l]} \leftarrow W^{[l]} - \alpha\, v_{dW^{[l]}},$$
# $$v_{db^{[l]}} = \beta\, v_{db^{[l]}} + (1 - \beta)\, db^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha\, v_{db^{[l]}}.$$
#
# The velocity is updated first, and the step uses the new velocity. (Some texts drop the factor
# $1 - \beta$; their learning rate is then $1 / (1 - \beta)$ times smaller for the same steps. This
# course keeps it.) Momentum is usually run without bias correction: after about ten steps it
# no longer matters.
#
# ### Exercise 3: `initialize_velocity`
#
# Write `initialize_velocity(parameters)`: return a dictionary `v` with `v["dW1"]`, `v["db1"]`,
# ..., `v["dWL"]`, `v["dbL"]`, each an array of zeros shaped like its parameter
# (`np.zeros_like(parameters[f"W{l}"])`).

# %% nbgrader={"grade": false, "grade_id": "optimization-initialize_velocity", "locked": false, "schema_version": 3, "solution": true}
def initialize_velocity(parameters):
    """Zeros keyed like the gradients: {"dW1": zeros like W1, "db1": zeros like b1, ...}."""
    L = len(parameters) // 2
    v = {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        v[f"dW{l}"] = np.zeros_like(parameters[f"W{l}"])
        v[f"db{l}"] = np.zeros_like(parameters[f"b{l}"])
    ### END SOLUTION
    return v


# %% nbgrader={"grade": true, "grade_id": "optimization-initialize_velocity-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.initialize_velocity", initialize_velocity)
### BEGIN HIDDEN TESTS
check("optimization.initialize_velocity", initialize_velocity, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4: `update_parameters_with_momentum`
#
# Write `update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)` implementing
# the four equations above for every layer. Return `(parameters, v)`.
#
# Expected, with `parameters` and `grads` of exercise 1, a velocity left by earlier steps,
# `v = {"dW1": np.ones((3, 2)), "db1": np.zeros((3, 1))}`, and `W1_before = parameters["W1"].copy()`:
# `update_parameters_with_momentum(parameters, grads, v, 0.9, 0.1)[0]["W1"] - W1_before` is
# `array([[-0.092, -0.089], [-0.09000001, -0.094], [-0.087, -0.0905]])`, that is
# -0.1 (0.9 + 0.1 dW1) entry by entry.

# %% nbgrader={"grade": false, "grade_id": "optimization-update_parameters_with_momentum", "locked": false, "schema_version": 3, "solution": true}
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One momentum step on every layer; returns (parameters, v)."""
    L = len(parameters) // 2
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        v[f"dW{l}"] = beta * v[f"dW{l}"] + (1 - beta) * grads[f"dW{l}"]
        v[f"db{l}"] = beta * v[f"db{l}"] + (1 - beta) * grads[f"db{l}"]
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * v[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * v[f"db{l}"]
    ### END SOLUTION
    return parameters, v


# %% nbgrader={"grade": true, "grade_id": "optimization-update_parameters_with_momentum-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.update_parameters_with_momentum", update_parameters_with_momentum)
### BEGIN HIDDEN TESTS
check("optimization.update_parameters_with_momentum", update_parameters_with_momentum, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. RMSprop
#
# Momentum averages the gradients; **RMSprop** (root mean square propagation) averages their
# *squares*, entry by entry, and divides each step by the square root of that average. A
# parameter whose gradient is large and oscillating (across the valley) gets a smaller step; one
# whose gradient is small but steady (along the valley) gets a larger one. Every parameter gets
# its own effective learning rate. With $\beta_2$ typically 0.999 and a small $\varepsilon$
# (`1e-8`) that keeps the division safe:
#
# $$s_{dW^{[l]}} = \beta_2\, s_{dW^{[l]}} + (1 - \beta_2)\, \big(dW^{[l]}\big)^2, \qquad
#   W^{[l]} \leftarrow W^{[l]} - \alpha\, \frac{dW^{[l]}}{\sqrt{s_{dW^{[l]}}} + \varepsilon},$$
#
# and the same for $b^{[l]}$. The square, the square root and the division are element-wise.
# Note where $\varepsilon$ goes: **outside** the square root, added to $\sqrt{s}$. (Some libraries
# put it inside, $\sqrt{s + \varepsilon}$; the two differ a lot where $s$ is tiny, and the checks
# use the form above.)
#
# ### Exercise 5: `initialize_rmsprop`
#
# Write `initialize_rmsprop(parameters)`: like `initialize_velocity`, a dictionary `s` of zeros
# keyed `"dW1"`, `"db1"`, ...

# %% nbgrader={"grade": false, "grade_id": "optimization-initialize_rmsprop", "locked": false, "schema_version": 3, "solution": true}
def initialize_rmsprop(parameters):
    """Zeros keyed like the gradients: {"dW1": zeros like W1, "db1": zeros like b1, ...}."""
    L = len(parameters) // 2
    s = {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        s[f"dW{l}"] = np.zeros_like(parameters[f"W{l}"])
        s[f"db{l}"] = np.zeros_like(parameters[f"b{l}"])
    ### END SOLUTION
    return s


# %% nbgrader={"grade": true, "grade_id": "optimization-initialize_rmsprop-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.initialize_rmsprop", initialize_rmsprop)
### BEGIN HIDDEN TESTS
check("optimization.initialize_rmsprop", initialize_rmsprop, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 6: `update_parameters_with_rmsprop`
#
# Write `update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8)`
# for every layer; return `(parameters, s)`. Update `s` first, then use the new `s` in the step.
#
# Hint: `np.sqrt` and `**` act element-wise. The test's gradients include a few tiny entries (about
# $10^{-6}$): there, putting $\varepsilon$ inside the square root gives a very different step.
#
# Expected, with `parameters` and `grads` of exercise 1, `s = initialize_rmsprop(parameters)` and
# `W1_before = parameters["W1"].copy()`:
# `update_parameters_with_rmsprop(parameters, grads, s, 0.999, 0.01)[0]["W1"] - W1_before` is
# `array([[-0.31622727, 0.31622677], [-0.24025307, -0.31622752], [0.31622743, -0.31622577]])`:
# after one step from zero, s is 0.001 dW1 squared, so most entries move by 0.01 / sqrt(0.001),
# and the one whose gradient is 1e-6 by less, because there epsilon is not small beside sqrt(s).

# %% nbgrader={"grade": false, "grade_id": "optimization-update_parameters_with_rmsprop", "locked": false, "schema_version": 3, "solution": true}
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """One RMSprop step on every layer; returns (parameters, s)."""
    L = len(parameters) // 2
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = grads[f"d{p}{l}"]
            s[f"d{p}{l}"] = beta2 * s[f"d{p}{l}"] + (1 - beta2) * g ** 2
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * g / (np.sqrt(s[f"d{p}{l}"]) + epsilon)
    ### END SOLUTION
    return parameters, s


# %% nbgrader={"grade": true, "grade_id": "optimization-update_parameters_with_rmsprop-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.update_parameters_with_rmsprop", update_parameters_with_rmsprop)
### BEGIN HIDDEN TESTS
check("optimization.update_parameters_with_rmsprop", update_parameters_with_rmsprop, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Adam
#
# **Adam** (adaptive moment estimation) combines the two: momentum's average of the gradients
# $v$ (the first moment) and RMSprop's average of their squares $s$ (the second moment), both with
# bias correction. It is the default optimizer of much of deep learning. For each parameter, at
# update number $t$:
#
# $$v_{dW} = \beta_1 v_{dW} + (1 - \beta_1)\, dW, \qquad s_{dW} = \beta_2 s_{dW} + (1 - \beta_2)\, (dW)^2,$$
# $$v^{\text{corrected}}_{dW} = \frac{v_{dW}}{1 - \beta_1^{\,t}}, \qquad
#   s^{\text{corrected}}_{dW} = \frac{s_{dW}}{1 - \beta_2^{\,t}},$$
# $$W \leftarrow W - \alpha\, \frac{v^{\text{corrected}}_{dW}}{\sqrt{s^{\text{corrected}}_{dW}} + \varepsilon},$$
#
# with the usual $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$. Three details matter,
# and the checks test each of them:
#
# - **What $t$ counts.** $t$ is the number of the current update: 1 for the first update of
#   training, 2 for the second, and so on, increased by one for every mini-batch. It is the same
#   for all the layers of one update, and it is not the epoch number. The training loop owns $t$
#   (section 7); `update_parameters_with_adam` receives it and uses it as it is.
# - **The correction is only read.** $v^{\text{corrected}}$ and $s^{\text{corrected}}$ are
#   computed for the step; the dictionaries `v` and `s` keep the *uncorrected* averages, which the
#   next update continues from.
# - **$\varepsilon$ outside the square root**, as in RMSprop.
#
# At the first update ($t = 1$, `v` and `s` zero), the corrections give exactly
# $v^{\text{corrected}} = dW$ and $s^{\text{corrected}} = (dW)^2$, so the step is
# $\alpha\, dW / (|dW| + \varepsilon)$: every parameter moves by about $\alpha$, whatever the size
# of its gradient. Adam's steps are bounded by roughly the learning rate.
#
# ### Exercise 7: `initialize_adam`
#
# Write `initialize_adam(parameters)` returning `(v, s)`: two *separate* dictionaries of zeros keyed
# `"dW1"`, `"db1"`, ... (call `np.zeros_like` for each; `v = s = {...}` would make them one
# dictionary).

# %% nbgrader={"grade": false, "grade_id": "optimization-initialize_adam", "locked": false, "schema_version": 3, "solution": true}
def initialize_adam(parameters):
    """Two dicts of zeros keyed like the gradients; returns (v, s)."""
    L = len(parameters) // 2
    v, s = {}, {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        v[f"dW{l}"] = np.zeros_like(parameters[f"W{l}"])
        v[f"db{l}"] = np.zeros_like(parameters[f"b{l}"])
        s[f"dW{l}"] = np.zeros_like(parameters[f"W{l}"])
        s[f"db{l}"] = np.zeros_like(parameters[f"b{l}"])
    ### END SOLUTION
    return v, s


# %% nbgrader={"grade": true, "grade_id": "optimization-initialize_adam-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.initialize_adam", initialize_adam)
### BEGIN HIDDEN TESTS
check("optimization.initialize_adam", initialize_adam, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 8: `update_parameters_with_adam`
#
# Write `update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
# beta2=0.999, epsilon=1e-8)`. For every layer and for both `W` and `b`: update `v` and `s`,
# compute the corrected values into two new dictionaries `v_corrected` and `s_corrected` (keyed
# like the gradients), and take the step. Return the five dictionaries
# `(parameters, v, s, v_corrected, s_corrected)`; returning the corrected values lets the check
# tell you which part is wrong.
#
# Do not change `t` inside the function.
#
# Expected, as in the second test case, with `parameters` and `grads` of exercise 1,
# `v, s = initialize_adam(parameters)` (zeros), $t = 1$ and a learning rate of 0.01: every entry
# of `W1` moves by $\pm 0.01$, except the one whose gradient is $10^{-6}$, which moves by
# $0.01 \times 10^{-6} / (10^{-6} + 10^{-8}) \approx 0.0099$; with `W1 = parameters["W1"].copy()`,
# `update_parameters_with_adam(parameters, grads, v, s, 1, 0.01)[0]["W1"] - W1` is
# `array([[-0.01, 0.01], [-0.00990099, -0.01], [0.01, -0.01]])`.

# %% nbgrader={"grade": false, "grade_id": "optimization-update_parameters_with_adam", "locked": false, "schema_version": 3, "solution": true}
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                                epsilon=1e-8):
    """Adam's t-th update (t counted from 1) on every layer.

    Returns (parameters, v, s, v_corrected, s_corrected); v and s stay uncorrected.
    """
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = f"d{p}{l}"
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            s[key] = beta2 * s[key] + (1 - beta2) * grads[key] ** 2
            v_corrected[key] = v[key] / (1 - beta1 ** t)
            s_corrected[key] = s[key] / (1 - beta2 ** t)
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v_corrected[key] / (
                np.sqrt(s_corrected[key]) + epsilon)
    ### END SOLUTION
    return parameters, v, s, v_corrected, s_corrected


# %% nbgrader={"grade": true, "grade_id": "optimization-update_parameters_with_adam-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.update_parameters_with_adam", update_parameters_with_adam)
### BEGIN HIDDEN TESTS
check("optimization.update_parameters_with_adam", update_parameters_with_adam, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 7. A training loop for every optimizer
#
# The network is unit 2's: one hidden layer of $n_h$ tanh units and a sigmoid output, whose
# functions come from the course's package (`shallow.initialize_parameters`,
# `shallow.forward_propagation`, `shallow.compute_cost`, `shallow.backward_propagation`, with the
# same signatures as the functions you wrote in unit 2). What changes is the loop around them: an
# epoch loop, a mini-batch loop inside it, and the optimizer's update for each mini-batch.
#
# ### Exercise 9: `model`
#
# Complete `model(X, Y, n_h, optimizer, learning_rate, mini_batch_size, num_epochs, rng, beta=0.9,
# beta1=0.9, beta2=0.999, epsilon=1e-8, print_cost=False)`, where `optimizer` is `"gd"`,
# `"momentum"`, `"rmsprop"` or `"adam"`:
#
# 1. Before the loops (given): initialise the parameters with `rng` and set `t = 0`.
#    **Your part:** initialise the optimizer's state with your `initialize_velocity` (momentum),
#    `initialize_rmsprop` (RMSprop) or `initialize_adam` (Adam); gradient descent has none.
# 2. For each epoch, the given code draws new mini-batches with your `random_mini_batches(X, Y,
#    mini_batch_size, rng)` and computes the gradients of each one. **Your part**, for each
#    mini-batch: increase `t` by one, then update the parameters with the chosen optimizer
#    (momentum takes `beta`; RMSprop takes `beta2` and `epsilon`; Adam takes `t`, `beta1`, `beta2`
#    and `epsilon`).
# 3. Return `(parameters, costs, t)`; `costs` (given) holds the mean cost of each epoch and `t`
#    ends as the number of updates made.
#
# Never reset `t`, and increase it once per mini-batch: with 7 mini-batches per epoch, `t` is 7 at
# the end of the first epoch and 14 at the end of the second. The check trains your network on a
# small dataset and compares the returned `t` with the reference's, and your training accuracy
# with the reference's (your shuffles differ from the reference's if you draw differently, so
# the parameters themselves are not compared).

# %% nbgrader={"grade": false, "grade_id": "optimization-model", "locked": false, "schema_version": 3, "solution": true}
def model(X, Y, n_h, optimizer, learning_rate, mini_batch_size, num_epochs, rng, beta=0.9, beta1=0.9,
          beta2=0.999, epsilon=1e-8, print_cost=False):
    """Train a one-hidden-layer network with mini-batches and the chosen optimizer.

    Returns (parameters, costs, t): costs[e] is the mean cost over the examples in epoch e, and t
    the number of updates made.
    """
    m = X.shape[1]
    parameters = shallow.initialize_parameters(X.shape[0], n_h, Y.shape[0], rng)
    costs, t = [], 0
    ### BEGIN SOLUTION
    if optimizer == "momentum":
        v = initialize_velocity(parameters)
    elif optimizer == "rmsprop":
        s = initialize_rmsprop(parameters)
    elif optimizer == "adam":
        v, s = initialize_adam(parameters)
    ### END SOLUTION
    for epoch in range(num_epochs):
        total = 0.0
        for mini_batch_X, mini_batch_Y in random_mini_batches(X, Y, mini_batch_size, rng):
            A2, cache = shallow.forward_propagation(mini_batch_X, parameters)
            total += shallow.compute_cost(A2, mini_batch_Y) * mini_batch_X.shape[1]
            grads = shallow.backward_propagation(parameters, cache, mini_batch_X, mini_batch_Y)
            ### BEGIN SOLUTION
            t = t + 1
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif optimizer == "rmsprop":
                parameters, s = update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon)
            elif optimizer == "adam":
                parameters, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s, t, learning_rate,
                                                                     beta1, beta2, epsilon)
            ### END SOLUTION
        costs.append(total / m)
        if print_cost and epoch % 100 == 0:
            print(f"Cost after epoch {epoch}: {costs[-1]:.6f}")
    return parameters, costs, t


# %% nbgrader={"grade": true, "grade_id": "optimization-model-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.model", model)
### BEGIN HIDDEN TESTS
check("optimization.model", model, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Four optimizers, one dataset
#
# Train the same network (8 hidden units) on the same 400 "moons" from the same starting weights,
# with the same learning rate of 0.02, mini-batches of 64 and 300 epochs, once with each
# optimizer. Each run takes a second or less.

# %%
X, Y = load_planar("moons")
settings = {"n_h": 8, "learning_rate": 0.02, "mini_batch_size": 64, "num_epochs": 300}
runs, curves = {}, {}
for name in ("gd", "momentum", "rmsprop", "adam"):
    runs[name], curves[name], t = model(X, Y, optimizer=name, rng=np.random.default_rng(0), **settings)
    A2, _ = shallow.forward_propagation(X, runs[name])
    train_accuracy = accuracy(shallow.predict(runs[name], X), Y)
    print(f"{name:9s} {t} updates, final cost {shallow.compute_cost(A2, Y):.4f}, training accuracy {train_accuracy:.1%}")
fig = plots.cost_curves(curves, title="Moons: cost per epoch, learning rate 0.02, mini-batches of 64")

# %%
fig = plots.decision_boundaries({name: (lambda P, p=p: shallow.predict(p, P)) for name, p in runs.items()}, X, Y)

# %% [markdown]
# The curves show two plateaus. The first, at a cost of $\log 2 \approx 0.69$, comes from the
# small starting weights: the output is about 0.5 for every example and the gradients are tiny.
# Gradient descent and momentum need about 60 epochs to leave it, because their steps are the
# learning rate *times* these tiny gradients. RMSprop and Adam divide by the root mean square of
# the gradients, so even tiny gradients give steps of about the learning rate: they leave it in a
# few epochs. The second plateau, near 0.3, is the best almost straight boundary (about 86 %
# accuracy); bending the boundary around the moons takes a while longer. RMSprop leaves it first
# here: without bias correction its first steps are very large ($s$ starts at 0, so $\sqrt{s}$ is
# tiny for the first updates), which happens to help on this problem; Adam's correction keeps the
# first steps at the size you asked for. With other seeds the two adaptive methods finish in
# various orders, always far ahead of the other two; gradient descent and momentum (in the form
# with $1 - \beta$, whose steps have the same average size) hardly differ.
#
# Do not conclude that gradient descent is hopeless: its good learning rates are simply much
# larger (unit 2 used 1.2). Comparing optimizers fairly means tuning each one's learning rate,
# which section 10 does.
#
# ## 8. Learning-rate decay
#
# With mini-batches, the parameters never settle exactly: each step follows a noisy gradient, and
# near the minimum they wander around it. Shrinking the learning rate as training goes on makes
# the wandering smaller: big steps early, small steps late. A common schedule is inverse-time
# decay,
#
# $$\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \times \text{epoch\_num}},$$
#
# and since decaying at every epoch can shrink $\alpha$ too fast when there are thousands of epochs,
# a variant decays in steps, once every `time_interval` epochs:
#
# $$\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \times \left\lfloor \dfrac{\text{epoch\_num}}{\text{time\_interval}} \right\rfloor}.$$
#
# ### Exercise 10: `update_lr`
#
# Write `update_lr(learning_rate0, epoch_num, decay_rate)` with the first formula. Expected:
# `update_lr(0.5, 2, 1.0)` is `0.16666667` (one third of 0.5).

# %% nbgrader={"grade": false, "grade_id": "optimization-update_lr", "locked": false, "schema_version": 3, "solution": true}
def update_lr(learning_rate0, epoch_num, decay_rate):
    """Inverse-time decay: learning_rate0 / (1 + decay_rate * epoch_num)."""
    ### BEGIN SOLUTION
    return learning_rate0 / (1 + decay_rate * epoch_num)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "optimization-update_lr-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.update_lr", update_lr)
### BEGIN HIDDEN TESTS
check("optimization.update_lr", update_lr, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 11: `schedule_lr_decay`
#
# Write `schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000)` with the
# second formula; $\lfloor \cdot \rfloor$ is `math.floor` (or the integer division
# `epoch_num // time_interval`). Expected: `schedule_lr_decay(0.5, 105, 1.0, 10)` is `0.04545455`
# ($\lfloor 105 / 10 \rfloor = 10$, and $0.5 / 11$).

# %% nbgrader={"grade": false, "grade_id": "optimization-schedule_lr_decay", "locked": false, "schema_version": 3, "solution": true}
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))."""
    ### BEGIN SOLUTION
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "optimization-schedule_lr_decay-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.schedule_lr_decay", schedule_lr_decay)
### BEGIN HIDDEN TESTS
check("optimization.schedule_lr_decay", schedule_lr_decay, hidden=True)
### END HIDDEN TESTS

# %%
epochs = np.arange(0, 3001)
fig = plots.lr_schedules(epochs, {
    "update_lr, decay_rate 0.01": [update_lr(0.1, e, 0.01) for e in epochs],
    "schedule_lr_decay, decay_rate 1, every 500 epochs": [schedule_lr_decay(0.1, e, 1.0, 500) for e in epochs],
}, title="Two decay schedules from a learning rate of 0.1")

# %% [markdown]
# ## 9. Where the optimizers go
#
# Real cost surfaces have millions of dimensions, but their trouble spots look like 2-D ones:
# a round **bowl**, an elongated **ravine** (an ill-conditioned quadratic: curvature 0.2 along
# $x$, 10 across), a **saddle** point (downhill in one direction, uphill in the other), and the
# curved valley of the **Rosenbrock** function. The explorer runs the course's reference versions
# of your four update functions from the same starting point (black dot) towards the minimum
# (star) and plots the loss along the way. Momentum uses `beta1` as its $\beta$; RMSprop uses
# `beta2`. Choosing a surface also picks a learning rate and a number of steps that suit it.
#
# Things to try:
#
# - On the ravine, raise the learning rate until gradient descent diverges (above $2 / 10 = 0.2$,
#   twice the inverse of the largest curvature). Which optimizers survive, and why do Adam and
#   RMSprop not care about the curvature?
# - On the ravine, set `beta1` to 0 (momentum becomes gradient descent) and then to 0.97.
# - On the saddle, the start lies almost exactly on the line $y = 0$, which leads straight into the
#   saddle point, where the gradient vanishes. How many steps does each optimizer need to turn
#   away towards one of the two minima?
# - Watch RMSprop's first steps with `beta2` 0.999 and with 0.9. Which part of Adam prevents the
#   jump?
# - On Rosenbrock, give gradient descent 1000 steps. Does it reach the minimum?

# %%
explorer = widgets.optimizer_paths()
explorer

# %% [markdown]
# ## 10. Searching for the learning rate on a log scale
#
# The learning rate is the hyper-parameter that matters most, and its good values can lie anywhere
# between $10^{-4}$ and $10$. Trying values on a regular grid such as $0.1, 0.2, \dots, 1$ would
# spend nine trials out of ten on one decade. Instead, draw the **exponent** uniformly:
# $r \sim \mathcal{U}(-4, 1)$ and $\alpha = 10^r$, so that every decade gets the same share of the
# trials. Random trials also beat a grid when several hyper-parameters are searched at once:
# each trial tries a new value of every one of them.
#
# Below, 14 random learning rates between $10^{-4}$ and $10$ for gradient descent and 14 for Adam
# each train the network for 100 epochs; each trial is scored by its accuracy on a second, fresh sample of moons (a
# validation set).

# %%
X_val, Y_val = load_planar("moons", seed=2)
search_rng = np.random.default_rng(1)
trial_rates, trial_scores = {}, {}
for name in ("gd", "adam"):
    trial_rates[name] = 10 ** search_rng.uniform(-4, 1, 14)
    trial_scores[name] = []
    for learning_rate in trial_rates[name]:
        with np.errstate(all="ignore"):
            parameters, _, _ = model(X, Y, 8, name, learning_rate, 64, 100, np.random.default_rng(0))
            trial_scores[name].append(accuracy(shallow.predict(parameters, X_val), Y_val))
    best = int(np.argmax(trial_scores[name]))
    print(f"{name}: best learning rate {trial_rates[name][best]:.3g}, "
          f"validation accuracy {trial_scores[name][best]:.1%}")
fig = plots.random_search(trial_rates, trial_scores, ylabel="validation accuracy",
                          title="Random search: 14 trials per optimizer, 100 epochs each")

# %% [markdown]
# Each optimizer has its own range of good learning rates. Gradient descent does best with rates
# of several units (its steps are the rate *times* gradients that are small here) and then gets
# well past the 86 % of the race in section 7; in this search Adam does best near 0.05 to 0.4 and
# fails at a few units, where steps of about the learning rate jump across the whole problem. Many
# trials of both end on the plateau of the almost straight boundary (86 to 87 %): 100 epochs is
# short. A search usually runs in two rounds: a coarse one over several decades, then a finer
# one, again on a log scale, around the best trials.
#
# ## What to try next
#
# - Add learning-rate decay to `model` (a `decay` argument such as `update_lr`, applied at the
#   start of every epoch) and train gradient descent with a large starting rate.
# - Train with `mini_batch_size` 1, 16, 64 and 400 (the whole set) for the same number of
#   *updates*, and compare the cost curves and the time taken.
# - Momentum and Adam with $\beta_1 = 0.99$: how does the cost curve change?
# - Turn off Adam's bias correction in a copy of your function and compare its first ten steps on
#   the explorer's bowl with the corrected version.
# - The second notebook of this unit, `batchnorm_softmax`, normalises the inputs of each layer,
#   which makes the cost surface rounder and the choice of learning rate less delicate.
