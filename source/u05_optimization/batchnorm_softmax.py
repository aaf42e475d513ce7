# %% [markdown]
# # Unit 5, part 2: Batch normalisation and the softmax output layer
#
# Unit 4 normalised the *inputs* of a network: every feature centred and divided by its standard
# deviation, so that the cost surface is rounder and gradient descent can take larger steps.
# **Batch normalisation** does the same inside the network, for the pre-activations of a hidden
# layer, using the statistics of the current mini-batch. It is known to make deep networks train
# faster and less sensitive to the learning rate and the initial weights (this notebook builds it
# and uses it; comparing training with and without it is one of the things to try at the end).
#
# The second half of the notebook replaces the sigmoid output, which separates two classes, by
# the **softmax**, which gives a probability to each of $C$ classes, with its cross-entropy cost.
# At the end, both go into a small network that tells three classes apart.
#
# You will write `batchnorm_forward`, `batchnorm_backward` and `softmax_cross_entropy`.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import copy

import numpy as np

from course import plots
from course.checks import check
from course.data.planar import load_pinwheel
from course.nn import optim
from course.nn.gradcheck import numerical_gradient, relative_error
from course.nn.metrics import accuracy

# %% [markdown]
# ## 1. Batch normalisation, forward
#
# Take a layer's pre-activations for a mini-batch of $m$ examples, $x$ of shape $(n, m)$: $n$
# features (units), one example per column. For each feature, normalise over the examples of the
# mini-batch (`axis=1`), then scale and shift with two learned parameters $\gamma$ and $\beta$
# of shape $(n, 1)$:
#
# $$\mu = \frac{1}{m} \sum_{i=1}^{m} x^{(i)}, \qquad \sigma^2 = \frac{1}{m} \sum_{i=1}^{m} \big(x^{(i)} - \mu\big)^2,$$
# $$\hat x^{(i)} = \frac{x^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
#   \text{out}^{(i)} = \gamma\, \hat x^{(i)} + \beta.$$
#
# Each row of $\hat x$ has mean 0 and standard deviation (almost exactly) 1. Note the square root:
# dividing by the variance $\sigma^2$ instead of the standard deviation $\sqrt{\sigma^2}$ would not
# give unit spread. $\varepsilon$ (say $10^{-5}$) keeps the division safe when a feature is nearly
# constant in the mini-batch. $\gamma$ and $\beta$ let the network choose the mean and spread
# that suit the next activation; it can even undo the normalisation ($\gamma = \sqrt{\sigma^2 +
# \varepsilon}$, $\beta = \mu$). Since $\beta$ shifts every unit, the layer's own bias $b$ becomes
# useless and is dropped.
#
# **At test time** there may be a single example, and a prediction should not depend on which other
# examples share its mini-batch. So during training we also keep running averages of the batch
# statistics, exponentially weighted as in the first notebook, with `momentum` playing the part
# of $\beta$ (typically 0.9):
#
# $$\mu_{\text{running}} \leftarrow \text{momentum}\; \mu_{\text{running}} + (1 - \text{momentum})\; \mu, \qquad
#   \sigma^2_{\text{running}} \leftarrow \text{momentum}\; \sigma^2_{\text{running}} + (1 - \text{momentum})\; \sigma^2,$$
#
# and at test time we normalise with $\mu_{\text{running}}$ and $\sigma^2_{\text{running}}$ instead
# of the batch's statistics. (This course averages the same biased variance, divided by $m$, that
# normalises the batch; some libraries average the unbiased one, divided by $m - 1$.)
#
# Everything the layer needs besides $x$, $\gamma$, $\beta$ travels in a dictionary `bn_param`:
#
# | key | value |
# |---|---|
# | `"mode"` | `"train"` or `"test"` |
# | `"eps"` | $\varepsilon$ |
# | `"momentum"` | the running averages' momentum |
# | `"running_mean"` | $\mu_{\text{running}}$, shape $(n, 1)$ |
# | `"running_var"` | $\sigma^2_{\text{running}}$, shape $(n, 1)$ |
#
# ### Exercise 1: `batchnorm_forward`
#
# Write `batchnorm_forward(x, gamma, beta, bn_param)` returning `(out, cache)`:
#
# - in `"train"` mode: compute $\mu$ and $\sigma^2$ of each row with `np.mean` and `np.var`
#   (`axis=1, keepdims=True`, so they have shape $(n, 1)$), normalise with them, and **update the
#   running averages in `bn_param`** (assign the new arrays to `bn_param["running_mean"]` and
#   `bn_param["running_var"]`: the caller's dictionary must see them);
# - in `"test"` mode: normalise with `bn_param["running_mean"]` and `bn_param["running_var"]`,
#   and leave `bn_param` unchanged;
# - in both modes, `cache = {"x": x, "x_hat": x_hat, "mu": mu, "var": var, "eps": eps,
#   "gamma": gamma}`, where `mu` and `var` are the statistics used to normalise.
#
# The check compares `out` and the updated `bn_param` with the reference's (the cache is yours to
# use in the backward pass; its layout is prescribed so that the next check can give your
# `batchnorm_backward` a cache from the reference).
#
# Expected for the first test case (training mode),
# `x = np.array([[1., 2., 3., 6.], [-4., 0., 2., 10.], [0.5, 0.5, 0.7, 0.3]])`,
# `gamma = np.array([[1.], [2.], [0.5]])`, `beta = np.array([[0.], [1.], [-1.]])` and
# `bn_param = {"mode": "train", "eps": 1e-5, "momentum": 0.9,
# "running_mean": np.array([[2.], [1.], [0.5]]), "running_var": np.array([[4.], [9.], [0.25]])}`,
# with `out, cache = batchnorm_forward(x, gamma, beta, bn_param)`: the first row
# `out[0]` is `array([-1.06904344, -0.53452172, 0., 1.60356516])` and
# `bn_param["running_mean"]` is `array([[2.1], [1.1], [0.5]])`.

# %% nbgrader={"grade": false, "grade_id": "optimization-batchnorm_forward", "locked": false, "schema_version": 3, "solution": true}
def batchnorm_forward(x, gamma, beta, bn_param):
    """Batch norm of x (n, m) over the examples; gamma, beta (n, 1).

    Returns (out (n, m), cache). In "train" mode also updates bn_param's running averages.
    """
    eps, momentum = bn_param["eps"], bn_param["momentum"]
    ### BEGIN SOLUTION
    if bn_param["mode"] == "train":
        mu = np.mean(x, axis=1, keepdims=True)
        var = np.var(x, axis=1, keepdims=True)
        bn_param["running_mean"] = momentum * bn_param["running_mean"] + (1 - momentum) * mu
        bn_param["running_var"] = momentum * bn_param["running_var"] + (1 - momentum) * var
    else:
        mu, var = bn_param["running_mean"], bn_param["running_var"]
    x_hat = (x - mu) / np.sqrt(var + eps)
    out = gamma * x_hat + beta
    ### END SOLUTION
    cache = {"x": x, "x_hat": x_hat, "mu": mu, "var": var, "eps": eps, "gamma": gamma}
    return out, cache


# %% nbgrader={"grade": true, "grade_id": "optimization-batchnorm_forward-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.batchnorm_forward", batchnorm_forward)
### BEGIN HIDDEN TESTS
check("optimization.batchnorm_forward", batchnorm_forward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Three features on very different scales, before and after your batch norm (with $\gamma = 1$,
# $\beta = 0$):

# %%
rng = np.random.default_rng(0)
x = rng.normal(loc=[[3.0], [-5.0], [0.0]], scale=[[0.5], [4.0], [1.0]], size=(3, 500))
bn_param = {"mode": "train", "eps": 1e-5, "momentum": 0.9,
            "running_mean": np.zeros((3, 1)), "running_var": np.ones((3, 1))}
out, _ = batchnorm_forward(x, np.ones((3, 1)), np.zeros((3, 1)), bn_param)
print("means after:", out.mean(axis=1).round(6) + 0.0, " standard deviations after:", out.std(axis=1).round(6))
fig = plots.feature_histograms(x, out, titles=("pre-activations x", "after batch norm (gamma = 1, beta = 0)"))

# %% [markdown]
# And the running averages: 150 training steps, each on a fresh mini-batch of 32 examples drawn from
# the same three distributions. The running means approach the true means (dashed) and then
# fluctuate around them; they remember roughly the last $1 / (1 - 0.9) = 10$ mini-batches.

# %%
bn_param = {"mode": "train", "eps": 1e-5, "momentum": 0.9,
            "running_mean": np.zeros((3, 1)), "running_var": np.ones((3, 1))}
history = []
for step in range(150):
    batch = rng.normal(loc=[[3.0], [-5.0], [0.0]], scale=[[0.5], [4.0], [1.0]], size=(3, 32))
    batchnorm_forward(batch, np.ones((3, 1)), np.zeros((3, 1)), bn_param)
    history.append(bn_param["running_mean"][:, 0].copy())
fig = plots.running_averages(np.array(history), np.array([3.0, -5.0, 0.0]),
                             title="Running means of three features (momentum 0.9, from 0)")

# %% [markdown]
# ## 2. Batch normalisation, backward
#
# Given `dout`, the gradient of the cost with respect to `out` (shape $(n, m)$), we need the
# gradients with respect to $\gamma$, $\beta$ and $x$. The first two are like a bias and a weight
# shared by all the examples, so their gradients sum over the examples:
#
# $$d\beta = \sum_{i=1}^{m} d\text{out}^{(i)}, \qquad d\gamma = \sum_{i=1}^{m} d\text{out}^{(i)}\, \hat x^{(i)}.$$
#
# For $x$, each $x^{(i)}$ changes $\hat x^{(i)}$ directly, and also changes *every* $\hat x^{(j)}$ of
# the mini-batch through $\mu$ and $\sigma^2$. With $d\hat x = d\text{out} \cdot \gamma$ and
# $s = \sqrt{\sigma^2 + \varepsilon}$ (so $\hat x = (x - \mu) / s$), the chain rule along the
# three paths gives
#
# $$d\sigma^2 = -\frac{1}{2 s^3} \sum_{j} d\hat x^{(j)} \big(x^{(j)} - \mu\big), \qquad
#   d\mu = -\frac{1}{s} \sum_{j} d\hat x^{(j)}$$
#
# (the path from $\mu$ through $\sigma^2$ contributes $-\frac{2}{m} d\sigma^2 \sum_j (x^{(j)} - \mu)
# = 0$), and then
#
# $$dx^{(i)} = \frac{d\hat x^{(i)}}{s} + d\sigma^2\, \frac{2 \big(x^{(i)} - \mu\big)}{m} + \frac{d\mu}{m}.$$
#
# Substituting $x^{(i)} - \mu = s\, \hat x^{(i)}$ simplifies this to one line, with means over
# the examples:
#
# $$dx = \frac{1}{s}\Big(d\hat x - \operatorname{mean}\big(d\hat x\big) - \hat x \cdot \operatorname{mean}\big(d\hat x \cdot \hat x\big)\Big).$$
#
# Read it as: the gradient that reaches $\hat x$, minus its average (shifting all the $x$ together
# changes nothing after centring), minus its component along $\hat x$ (scaling all the $x$ together
# changes nothing after dividing by the spread), all divided by $s$.
#
# ### Exercise 2: `batchnorm_backward`
#
# Write `batchnorm_backward(dout, cache)` for a cache made by `batchnorm_forward` in training mode
# (the only mode a network is trained in). Return `(dx, dgamma, dbeta)` with shapes $(n, m)$,
# $(n, 1)$, $(n, 1)$: sum with `axis=1, keepdims=True`. Either the three-path version or the
# one-line version is fine.

# %% nbgrader={"grade": false, "grade_id": "optimization-batchnorm_backward", "locked": false, "schema_version": 3, "solution": true}
def batchnorm_backward(dout, cache):
    """Gradients (dx (n, m), dgamma (n, 1), dbeta (n, 1)) of a training-mode batch norm."""
    x_hat, gamma, var, eps = cache["x_hat"], cache["gamma"], cache["var"], cache["eps"]
    ### BEGIN SOLUTION
    sigma = np.sqrt(var + eps)
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * x_hat, axis=1, keepdims=True)
    dx_hat = dout * gamma
    dx = (dx_hat - np.mean(dx_hat, axis=1, keepdims=True)
          - x_hat * np.mean(dx_hat * x_hat, axis=1, keepdims=True)) / sigma
    ### END SOLUTION
    return dx, dgamma, dbeta


# %% nbgrader={"grade": true, "grade_id": "optimization-batchnorm_backward-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.batchnorm_backward", batchnorm_backward)
### BEGIN HIDDEN TESTS
check("optimization.batchnorm_backward", batchnorm_backward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# A gradient check, as in unit 4: for a random `dout`, the scalar $\sum \text{out} \cdot d\text{out}$
# has gradient `dx` with respect to $x$ (and `dgamma`, `dbeta` with respect to $\gamma$, $\beta$).
# Centred differences of that scalar should agree with your analytic gradients to about
# $10^{-9}$ (relative error).

# %%
rng = np.random.default_rng(1)
x, gamma, beta = rng.normal(2, 3, (4, 6)), rng.uniform(0.5, 2, (4, 1)), rng.normal(0, 1, (4, 1))
dout = rng.normal(0, 1, (4, 6))
train_param = {"mode": "train", "eps": 1e-5, "momentum": 0.9,
               "running_mean": np.zeros((4, 1)), "running_var": np.ones((4, 1))}


def weighted_out(x, gamma, beta):
    """sum(out * dout) for a fresh copy of bn_param (the running averages do not affect out)."""
    return np.sum(batchnorm_forward(x, gamma, beta, copy.deepcopy(train_param))[0] * dout)


dx, dgamma, dbeta = batchnorm_backward(dout, batchnorm_forward(x, gamma, beta, copy.deepcopy(train_param))[1])
for name, analytic, numeric in [
        ("dx", dx, numerical_gradient(lambda v: weighted_out(v, gamma, beta), x)),
        ("dgamma", dgamma, numerical_gradient(lambda v: weighted_out(x, v, beta), gamma)),
        ("dbeta", dbeta, numerical_gradient(lambda v: weighted_out(x, gamma, v), beta))]:
    print(f"{name:6s} relative error {relative_error(analytic, numeric):.1e}")

# %% [markdown]
# ## 3. The softmax output layer
#
# For $C$ classes, the output layer has $C$ units with scores $z_1, \dots, z_C$ (the logits) and
# the softmax turns them into probabilities:
#
# $$a_k = \frac{e^{z_k}}{\sum_{j=1}^{C} e^{z_j}}, \qquad k = 1, \dots, C.$$
#
# They are positive and add up to 1; the largest score gets the largest probability. With $C = 2$
# the softmax is the sigmoid of $z_1 - z_2$. Subtracting the column's maximum from every score
# before `exp` changes nothing mathematically (the factor $e^{-\max}$ cancels), but keeps `exp`
# from overflowing: $e^{1000}$ is `inf` in float64, and `inf / inf` is `nan`.
#
# The labels are **one-hot**: $y$ has a 1 in the row of the true class and 0 elsewhere. The
# cross-entropy of one example is $-\sum_k y_k \log a_k = -\log a_{\text{true class}}$, and the cost
# is its mean over the $m$ examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{C} y_k^{(i)} \log a_k^{(i)}.$$
#
# Its derivative is the same simple one as for the sigmoid with its cross-entropy. For one example,
# $\partial a_j / \partial z_k = a_j (\delta_{jk} - a_k)$, so
#
# $$\frac{\partial}{\partial z_k}\Big(-\sum_j y_j \log a_j\Big) = -\sum_j y_j (\delta_{jk} - a_k) = a_k - y_k
#   \quad\text{(using } \textstyle\sum_j y_j = 1\text{)}, \qquad\text{that is}\qquad dZ = A - Y.$$
#
# **Convention: where the $1/m$ goes.** As in unit 2's `backward_propagation`, `dZ = A - Y` is the
# derivative of each example's own loss, without the $1/m$ of the mean; the $1/m$ is applied when
# the parameters' gradients are formed, $dW = \frac{1}{m} dZ\, A_{\text{prev}}^T$ and
# $db = \frac{1}{m} \sum_i dZ^{(i)}$. (The derivative of the cost $J$ itself with respect to $Z$ is
# $(A - Y) / m$.)
#
# ### Exercise 3: `softmax_cross_entropy`
#
# Write `softmax_cross_entropy(Z, Y)` for `Z` and one-hot `Y` of shape $(C, m)$ (one example per
# column, so the softmax runs down each column: `axis=0`). Shift by the maximum of each column
# (`np.max(Z, axis=0, keepdims=True)`), compute `A`, and return `(cost, dZ)` with `cost` a number
# (the mean cross-entropy) and `dZ = A - Y`.
#
# Expected, for `Z = np.array([[1., 2.], [2., 1.], [0., 0.]])`,
# `Y = np.array([[0., 1.], [1., 0.], [0., 0.]])` and `cost, dZ = softmax_cross_entropy(Z, Y)`:
# `cost` is `0.40760596` and `dZ` is
# `array([[0.24472847, -0.33475904], [-0.33475904, 0.24472847], [0.09003057, 0.09003057]])`.
# The test case has a column of scores near 1000.

# %% nbgrader={"grade": false, "grade_id": "optimization-softmax_cross_entropy", "locked": false, "schema_version": 3, "solution": true}
def softmax_cross_entropy(Z, Y):
    """Mean cross-entropy of softmax(Z) for one-hot Y, both (C, m); returns (cost, dZ = A - Y)."""
    m = Z.shape[1]
    ### BEGIN SOLUTION
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    A = E / np.sum(E, axis=0, keepdims=True)
    cost = -np.sum(Y * np.log(A)) / m
    dZ = A - Y
    ### END SOLUTION
    return float(cost), dZ


# %% nbgrader={"grade": true, "grade_id": "optimization-softmax_cross_entropy-test", "locked": true, "schema_version": 3, "solution": false}
check("optimization.softmax_cross_entropy", softmax_cross_entropy)
### BEGIN HIDDEN TESTS
check("optimization.softmax_cross_entropy", softmax_cross_entropy, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# A check of the convention with centred differences: the gradient of the *cost* with respect to
# `Z` is `dZ / m`.

# %%
rng = np.random.default_rng(2)
Z = rng.normal(0, 2, (4, 5))
Y = np.eye(4)[:, rng.integers(0, 4, 5)]
cost, dZ = softmax_cross_entropy(Z, Y)
numeric = numerical_gradient(lambda v: softmax_cross_entropy(v, Y)[0], Z)
print(f"cost {cost:.4f}; relative error of dZ / m against centred differences: "
      f"{relative_error(dZ / Z.shape[1], numeric):.1e}")

# %% [markdown]
# ## 4. Putting it together: three classes
#
# Three interleaved arms of points, one class each (a pinwheel), and a network with one hidden
# layer of 32 tanh units, batch norm before the tanh, and a softmax output:
#
# $$Z^{[1]} = W^{[1]} X, \quad \tilde Z^{[1]} = \text{BN}_{\gamma, \beta}\big(Z^{[1]}\big), \quad
#   A^{[1]} = \tanh\big(\tilde Z^{[1]}\big), \quad Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \quad
#   A^{[2]} = \text{softmax}\big(Z^{[2]}\big).$$
#
# The code below uses your three functions and the course's `random_mini_batches` (the one you
# wrote in the first notebook), and backpropagates by hand: `dZ2` from `softmax_cross_entropy`,
# then through $W^{[2]}$ and tanh, then `batchnorm_backward`. The gradients that flow backwards are
# sums over the mini-batch's examples; they are divided by $m$ when the parameters' gradients are
# formed, as the convention says. Plain mini-batch gradient descent is enough here: batch norm
# keeps every hidden unit's input at the same scale.

# %%
def forward(X, net, bn_param):
    """Scores Z2 (3, m) and what backpropagation needs."""
    Z1_norm, bn_cache = batchnorm_forward(net["W1"] @ X, net["gamma"], net["beta"], bn_param)
    A1 = np.tanh(Z1_norm)
    return net["W2"] @ A1 + net["b2"], (A1, bn_cache)


def backward(X, net, dZ2, A1, bn_cache):
    """Gradients of the mean cost, keyed like net."""
    m = X.shape[1]
    dZ1, dgamma, dbeta = batchnorm_backward((net["W2"].T @ dZ2) * (1 - A1 ** 2), bn_cache)
    return {"W1": dZ1 @ X.T / m, "gamma": dgamma / m, "beta": dbeta / m,
            "W2": dZ2 @ A1.T / m, "b2": np.sum(dZ2, axis=1, keepdims=True) / m}


X, labels = load_pinwheel(100)
Y = np.eye(3)[:, labels]
rng = np.random.default_rng(3)
n_h, learning_rate = 32, 0.5
net = {"W1": rng.normal(0, 1, (n_h, 2)), "gamma": np.ones((n_h, 1)), "beta": np.zeros((n_h, 1)),
       "W2": rng.normal(0, 1, (3, n_h)) / np.sqrt(n_h), "b2": np.zeros((3, 1))}
bn_param = {"mode": "train", "eps": 1e-5, "momentum": 0.9,
            "running_mean": np.zeros((n_h, 1)), "running_var": np.ones((n_h, 1))}
costs = []
for epoch in range(300):
    epoch_cost = 0.0
    for X_batch, Y_batch in optim.random_mini_batches(X, Y, 32, rng):
        Z2, (A1, bn_cache) = forward(X_batch, net, bn_param)
        cost, dZ2 = softmax_cross_entropy(Z2, Y_batch)
        epoch_cost += cost * X_batch.shape[1]
        grads = backward(X_batch, net, dZ2, A1, bn_cache)
        net = {key: value - learning_rate * grads[key] for key, value in net.items()}
    costs.append(epoch_cost / X.shape[1])

test_param = dict(bn_param, mode="test")
train_accuracy = accuracy(np.argmax(forward(X, net, test_param)[0], axis=0), labels)
print(f"cost {costs[0]:.3f} after the first epoch, {costs[-1]:.3f} after the last; "
      f"training accuracy (test mode) {train_accuracy:.1%}")
fig = plots.multiclass_regions(lambda P: np.argmax(forward(P, net, test_param)[0], axis=0), X, labels,
                               title=f"Batch norm + softmax: {train_accuracy:.0%} of 300 points")

# %% [markdown]
# The regions are drawn in **test mode**, with the running averages: every point of the grid is
# classified on its own. What would go wrong in training mode? Predict one example at a time: with
# a mini-batch of one, $x - \mu = 0$ for every feature, so every example gets the same output.
# (`dict(bn_param, mode="train")` is a copy, so these calls leave the network's running averages
# alone.)

# %%
print("training mode, one example at a time:",
      [int(np.argmax(forward(X[:, [i]], net, dict(bn_param, mode="train"))[0])) for i in range(0, 300, 50)])
print("test mode, one example at a time:    ",
      [int(np.argmax(forward(X[:, [i]], net, test_param)[0])) for i in range(0, 300, 50)])
print("true classes:                        ", labels[::50].tolist())

# %% [markdown]
# ## What to try next
#
# - Train the same network without batch norm (give layer 1 a bias and drop $\gamma$, $\beta$), with
#   learning rates 0.001, 0.01 and 0.1, and compare the cost curves with the ones above.
# - Put batch norm *after* the tanh instead of before it. Does it still train?
# - Set `momentum` to 0.99 and to 0.5: how close are the running averages to the statistics of the
#   whole training set at the end of training?
# - With $C = 2$, check numerically that `softmax_cross_entropy` gives the same cost as unit 2's
#   sigmoid cross-entropy with $z = z_1 - z_2$.
# - Deep-learning libraries combine softmax and cross-entropy in one function that never computes
#   $\log$ of a tiny probability: derive $\log a_k = (z_k - \max) - \log \sum_j e^{z_j - \max}$ and
#   use it.
