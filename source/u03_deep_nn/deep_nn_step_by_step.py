# %% [markdown]
# # Unit 3, part 1: A deep network, step by step
#
# Unit 2's network had one hidden layer, and you wrote its forward and backward passes as two
# blocks of equations. A network with $L$ layers needs a better plan: write each *kind* of step
# once, as a pair of functions, and chain the pairs.
#
# - A **forward** function takes a layer's input and returns its output **and a cache**: the
#   values the backward pass will need.
# - The matching **backward** function takes the gradient of the cost with respect to that
#   output, and the cache, and returns the gradients with respect to the input and the
#   parameters.
#
# With three such pairs (linear, relu, sigmoid) you can build a network of any depth. In part 2
# you train it on unit 1's photographs and compare it with logistic regression.
#
# | section | you write |
# |---|---|
# | 2. Initialisation | `initialize_parameters_deep` |
# | 3. Forward propagation | `linear_forward`, `linear_activation_forward`, `L_model_forward` |
# | 4. The cost | `compute_cost` |
# | 5. Backward propagation | `linear_backward`, `linear_activation_backward`, `L_model_backward` |
# | 6. Learning | `update_parameters` |
#
# As before, write your code in each answer cell in place of `raise NotImplementedError()`, then
# run the test cell below it.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots
from course.checks import check

# %% [markdown]
# ## 1. Notation and the plan
#
# The network has $L$ layers of sizes $n^{[1]}, \dots, n^{[L]}$; the input size is
# $n^{[0]} = n_x$. A Python list `layer_dims = [n_0, n_1, ..., n_L]` describes it, so
# `L = len(layer_dims) - 1`. As in every dense network of this course:
#
# - the data $X$ has shape $(n_x, m)$: one example per **column**; the labels $Y$ are $(1, m)$;
# - layer $l$ has weights $W^{[l]}$ of shape $(n^{[l]}, n^{[l-1]})$ and a bias $b^{[l]}$ of shape
#   $(n^{[l]}, 1)$, stored in one dictionary `parameters = {"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}`;
# - $A^{[0]} = X$, and layer $l$ computes, for all examples at once,
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}\big(Z^{[l]}\big),$$
#
# with the activation $g^{[l]}$ = relu, $\max(z, 0)$, for the hidden layers $l = 1, \dots, L-1$,
# and the sigmoid $\sigma$ for the output layer $L$, whose single unit gives the probability
# $\hat y = A^{[L]}$ of class 1. Both $Z^{[l]}$ and $A^{[l]}$ have shape $(n^{[l]}, m)$.
#
# The figure shows one layer as a computation graph. On top, the forward pass: the input
# $A^{[l-1]}$ and the parameters enter the linear step, whose output $Z$ goes through the
# activation. Below, the backward pass runs the other way: it receives $dA^{[l]}$, the gradient
# of the cost with respect to the layer's output, and returns $dA^{[l-1]}$ for the layer below,
# plus $dW^{[l]}$ and $db^{[l]}$ for the update. The dashed arrows are the caches. Each edge
# carries an array, labelled with its shape, here for a layer with $n^{[l-1]} = 20$ inputs,
# $n^{[l]} = 7$ units and $m = 150$ examples. Notice that every gradient has the shape of the
# array it is the gradient of: $dW$ that of $W$, $dA^{[l-1]}$ that of $A^{[l-1]}$. That one
# rule catches most mistakes in a backward pass.

# %%
fig = plots.layer_graph(n_prev=20, n=7, m=150)

# %% [markdown]
# ## 2. Initialisation
#
# As in unit 2, the weights must start random, to break the symmetry between the units of a
# layer, and the biases can start at zero. What changes with depth is the **scale**.
#
# Each entry of $Z^{[l]}$ is a sum of $n^{[l-1]}$ terms $w_{j} a_{j}$. If the weights are
# independent, centred and of variance $\operatorname{Var}(w)$, then
#
# $$\operatorname{Var}\big(z\big) = n^{[l-1]} \operatorname{Var}(w)\, \mathbb{E}\big[a^2\big].$$
#
# With the $0.01$ of unit 2, a layer of 100 inputs multiplies the size of the signal by about
# $0.01 \sqrt{100} = 0.1$, and a relu halves $\mathbb{E}[a^2]$ on top of that: after a few layers
# the activations, and with them the gradients, are nearly zero, and a deep relu network hardly
# learns at all. Choosing $\operatorname{Var}(w) = 1 / n^{[l-1]}$, that is weights of standard
# deviation $1 / \sqrt{n^{[l-1]}}$, makes $n^{[l-1]} \operatorname{Var}(w) = 1$: each layer keeps
# the size of its input, whatever its fan-in $n^{[l-1]}$. (Only the relu's halving remains;
# unit 4 shows the $\sqrt{2 / n^{[l-1]}}$ scale of He et al. that compensates for it.)
#
# ### Exercise 2.1: `initialize_parameters_deep`
#
# Write `initialize_parameters_deep(layer_dims, rng)`. For $l = 1, \dots, L$, in this order:
#
# - `W{l}` is `rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)`, where `n = layer_dims[l]`
#   and `n_prev = layer_dims[l - 1]`;
# - `b{l}` is `np.zeros((n, 1))`.
#
# Return the dictionary `{"W1": ..., "b1": ..., "W2": ..., ...}`. Build the keys with f-strings,
# `f"W{l}"`. Draw from the `rng` you are given (a NumPy `Generator`), never from `np.random`.
#
# The check does not compare your random numbers with the reference's. It checks the keys and
# shapes, that the biases are zero, and that each `W{l}` looks like a sample of
# $\mathcal{N}(0, 1 / n^{[l-1]})$: mean about 0 and standard deviation about
# $1 / \sqrt{n^{[l-1]}}$.
#
# Expected, for `parameters = initialize_parameters_deep([5, 4, 3], np.random.default_rng(0))`:
# `list(parameters)` is `["W1", "b1", "W2", "b2"]`, `parameters["W1"].shape` is `(4, 5)`,
# `parameters["b1"].shape` is `(4, 1)`, `parameters["W2"].shape` is `(3, 4)` and
# `parameters["b2"].shape` is `(3, 1)`.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-initialize_parameters_deep", "locked": false, "schema_version": 3, "solution": true}
def initialize_parameters_deep(layer_dims, rng):
    """W{l} ~ N(0, 1) / sqrt(n_{l-1}) drawn with rng, b{l} zeros, for l = 1..L; returns the dict."""
    parameters = {}
    ### BEGIN SOLUTION
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "deep_nn-initialize_parameters_deep-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.initialize_parameters_deep", initialize_parameters_deep)
### BEGIN HIDDEN TESTS
check("deep_nn.initialize_parameters_deep", initialize_parameters_deep, hidden=True)
### END HIDDEN TESTS

# %%
for key, value in initialize_parameters_deep([5, 4, 3], np.random.default_rng(0)).items():
    print(key, value.shape)

# %% [markdown]
# ## 3. Forward propagation
#
# ### Exercise 3.1: `linear_forward`
#
# The linear step of a layer is $Z = W A + b$: `W` has shape $(n^{[l]}, n^{[l-1]})$, the input
# `A` (the previous layer's activations, or $X$) has shape $(n^{[l-1]}, m)$ and `b` has shape
# $(n^{[l]}, 1)$. NumPy broadcasts the column `b` across the $m$ columns of `W @ A`.
#
# Write `linear_forward(A, W, b)` returning `(Z, cache)` with `cache = (A, W, b)`, a tuple in
# exactly this order: the backward functions, and the checks, read it that way.
#
# Expected, with `A = np.array([[1., -2.], [0.5, 3.], [-1., 0.]])`,
# `W = np.array([[0.2, -0.4, 0.1], [-0.3, 0.5, 0.2]])` and `b = np.array([[0.3], [-0.2]])`:
# `linear_forward(A, W, b)[0]` is `array([[0.2, -1.3], [-0.45, 1.9]])`.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-linear_forward", "locked": false, "schema_version": 3, "solution": true}
def linear_forward(A, W, b):
    """Z = W A + b for A (n_prev, m), W (n, n_prev), b (n, 1); returns (Z, (A, W, b))."""
    ### BEGIN SOLUTION
    Z = W @ A + b
    ### END SOLUTION
    cache = (A, W, b)
    return Z, cache


# %% nbgrader={"grade": true, "grade_id": "deep_nn-linear_forward-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.linear_forward", linear_forward)
### BEGIN HIDDEN TESTS
check("deep_nn.linear_forward", linear_forward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 3.2: `linear_activation_forward`
#
# A whole layer is the linear step followed by an activation:
#
# $$A = g(Z) = g\big(W A_{\text{prev}} + b\big), \qquad
#   \operatorname{relu}(z) = \max(z, 0), \qquad \sigma(z) = \frac{1}{1 + e^{-z}}.$$
#
# Write `linear_activation_forward(A_prev, W, b, activation)` where `activation` is the string
# `"relu"` or `"sigmoid"`. Call your `linear_forward`, then apply the activation element-wise
# (`np.maximum(Z, 0)` for relu). Return `(A, cache)` with
# `cache = (linear_cache, Z)`: the cache of `linear_forward`, then `Z`, which the activation's
# backward step needs.
#
# Expected, with `A`, `W` and `b` of exercise 3.1: `linear_activation_forward(A, W, b, "relu")[0]`
# is `array([[0.2, 0.], [0., 1.9]])` and `linear_activation_forward(A, W, b, "sigmoid")[0]` is
# `array([[0.549834, 0.21416502], [0.38936077, 0.86989153]])`.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-linear_activation_forward", "locked": false, "schema_version": 3, "solution": true}
def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) with g "relu" or "sigmoid"; returns (A, ((A_prev, W, b), Z))."""
    ### BEGIN SOLUTION
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = np.maximum(Z, 0)
    elif activation == "sigmoid":
        A = 1 / (1 + np.exp(-Z))
    ### END SOLUTION
    cache = (linear_cache, Z)
    return A, cache


# %% nbgrader={"grade": true, "grade_id": "deep_nn-linear_activation_forward-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.linear_activation_forward", linear_activation_forward)
### BEGIN HIDDEN TESTS
check("deep_nn.linear_activation_forward", linear_activation_forward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 3.3: `L_model_forward`
#
# The whole network is $L - 1$ relu layers followed by one sigmoid layer:
#
# $$X = A^{[0]} \xrightarrow{\text{relu}} A^{[1]} \xrightarrow{\text{relu}} \cdots
#   \xrightarrow{\text{relu}} A^{[L-1]} \xrightarrow{\text{sigmoid}} A^{[L]} = \hat Y .$$
#
# Write `L_model_forward(X, parameters)`. The number of layers is `L = len(parameters) // 2`
# (each layer has two entries, `W` and `b`). Loop over the layers, feeding each one the previous
# layer's output, and append each layer's cache to a list `caches`. Return `(AL, caches)`:
# `AL` of shape $(1, m)$, and `caches`, the list of the $L$ caches of
# `linear_activation_forward`, layer 1 first (`caches[l - 1]` belongs to layer $l$).
#
# *Hint:* loop `for l in range(1, L)` with `"relu"`, then one more call with `"sigmoid"` for
# layer `L`.
#
# Expected, with `rng = np.random.default_rng(2)`,
# `parameters = {"W1": rng.normal(size=(4, 5)), "b1": rng.normal(size=(4, 1)),
# "W2": rng.normal(size=(1, 4)), "b2": rng.normal(size=(1, 1))}`,
# `X = rng.normal(size=(5, 3))` and `AL, caches = L_model_forward(X, parameters)`: `len(caches)`
# is `2`, `float(AL[0, 1])` is `0.1665349` and `float(AL[0, 2])` is `0.1114077`.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-L_model_forward", "locked": false, "schema_version": 3, "solution": true}
def L_model_forward(X, parameters):
    """[LINEAR -> RELU] x (L - 1) -> LINEAR -> SIGMOID; returns (AL (1, m), list of the L caches)."""
    caches = []
    L = len(parameters) // 2
    ### BEGIN SOLUTION
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    ### END SOLUTION
    return AL, caches


# %% nbgrader={"grade": true, "grade_id": "deep_nn-L_model_forward-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.L_model_forward", L_model_forward)
### BEGIN HIDDEN TESTS
check("deep_nn.L_model_forward", L_model_forward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Why the scale of the weights matters
#
# The caches hold every layer's input: `caches[l - 1][0][0]` is $A^{[l-1]}$. Send 500 random
# examples through a 10-layer network of 100 relu units per layer, initialised once with your
# $1/\sqrt{n^{[l-1]}}$ and once with unit 2's $0.01$, and look at the spread (standard
# deviation) of each layer's input.

# %%
layer_dims = [100] * 10 + [1]
X_demo = np.random.default_rng(0).standard_normal((100, 500))
scaled = initialize_parameters_deep(layer_dims, np.random.default_rng(1))
# the same draws rescaled to unit 2's 0.01 * N(0, 1): every layer here has 100 inputs
small = {key: value * np.sqrt(100) * 0.01 if key[0] == "W" else value for key, value in scaled.items()}
_, caches_scaled = L_model_forward(X_demo, scaled)
_, caches_small = L_model_forward(X_demo, small)
print("input of layer   std with 1/sqrt(n)   std with 0.01")
for l in range(1, len(layer_dims)):
    print(f"{l:14d}   {np.std(caches_scaled[l - 1][0][0]):17.2g}   {np.std(caches_small[l - 1][0][0]):13.2g}")

# %% [markdown]
# With $0.01$ each layer shrinks the signal about fifteenfold, and after ten layers nothing
# is left of the input: the output is $0.5$ for every example, and the gradients that flow back
# are just as small. With $1/\sqrt{n^{[l-1]}}$ the spread only loses a factor of about 0.6 to
# 0.8 per layer (see the table), because the relu sets half of the values to zero.
#
# ## 4. The cost
#
# ### Exercise 4.1: `compute_cost`
#
# The cost is the cross-entropy of units 1 and 2, averaged over the $m$ examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Big(y^{(i)} \log a^{[L](i)} + \big(1 - y^{(i)}\big)
#   \log\big(1 - a^{[L](i)}\big)\Big).$$
#
# Write `compute_cost(AL, Y)` for `AL` and `Y` of shape $(1, m)$; return a number (a Python or
# NumPy float, not a `(1, 1)` array: `.item()` turns a `(1, 1)` array into a number). Take $m$
# from the number of **columns** of `Y`.
#
# Expected: `compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1., 1., 0.]]))` is
# `0.27977656`.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-compute_cost", "locked": false, "schema_version": 3, "solution": true}
def compute_cost(AL, Y):
    """Cross-entropy cost of predictions AL (1, m) for labels Y (1, m); a number."""
    m = Y.shape[1]
    ### BEGIN SOLUTION
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    ### END SOLUTION
    return cost


# %% nbgrader={"grade": true, "grade_id": "deep_nn-compute_cost-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.compute_cost", compute_cost)
### BEGIN HIDDEN TESTS
check("deep_nn.compute_cost", compute_cost, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Backward propagation
#
# Backpropagation runs the graph of section 1 from right to left, one layer at a time. For one
# example $i$ write $dz^{(i)} = \partial \mathcal{L}^{(i)} / \partial z^{(i)}$ for the derivative
# of that example's loss $\mathcal{L}^{(i)}$; the arrays $dZ^{[l]}$ and $dA^{[l]}$ hold these
# per-example derivatives in their columns. The cost is the mean of the losses, so the gradients
# of the parameters, which every example shares, are means over the examples.
#
# ### Exercise 5.1: `linear_backward`
#
# For $Z = W A_{\text{prev}} + b$, the chain rule gives, with $dZ$ of shape $(n^{[l]}, m)$:
#
# $$dW = \frac{\partial J}{\partial W} = \frac{1}{m}\, dZ\, A_{\text{prev}}^T, \qquad
#   db = \frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} dZ^{(i)}, \qquad
#   dA_{\text{prev}} = W^T dZ .$$
#
# Check the shapes: $dZ A_{\text{prev}}^T$ is $(n^{[l]}, m) \times (m, n^{[l-1]})$, the shape of
# $W$; $W^T dZ$ is $(n^{[l-1]}, n^{[l]}) \times (n^{[l]}, m)$, the shape of $A_{\text{prev}}$.
# There is no $1/m$ in $dA_{\text{prev}}$: its column $i$ is still example $i$'s own derivative,
# and the mean is taken once, where the examples meet, in $dW$ and $db$.
#
# Write `linear_backward(dZ, cache)` with `cache = (A_prev, W, b)`, the cache of your
# `linear_forward`; take `m` from `A_prev`. Return `(dA_prev, dW, db)`. Sum `db` over the
# examples, `axis=1`, with `keepdims=True` so that it has the shape $(n^{[l]}, 1)$ of `b`.
#
# Expected, with `A`, `W` and `b` of exercise 3.1, `dZ = np.array([[0.5, -1.], [2., 0.3]])` and
# `dA_prev, dW, db = linear_backward(dZ, (A, W, b))`:
# `dA_prev` is `array([[-0.5, -0.29], [0.8, 0.55], [0.45, -0.04]])`,
# `dW` is `array([[1.25, -1.375, -0.25], [0.7, 0.95, -1.]])` and `db` is `array([[-0.25], [1.15]])`.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-linear_backward", "locked": false, "schema_version": 3, "solution": true}
def linear_backward(dZ, cache):
    """Gradients through Z = W A_prev + b: dZ (n, m), cache (A_prev, W, b) -> (dA_prev, dW, db)."""
    A_prev, W, b = cache
    m = A_prev.shape[1]
    ### BEGIN SOLUTION
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    ### END SOLUTION
    return dA_prev, dW, db


# %% nbgrader={"grade": true, "grade_id": "deep_nn-linear_backward-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.linear_backward", linear_backward)
### BEGIN HIDDEN TESTS
check("deep_nn.linear_backward", linear_backward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 5.2: `linear_activation_backward`
#
# Going back through $A = g(Z)$, an element-wise function, multiplies element-wise by its
# derivative: $dZ = dA \odot g'(Z)$ ($\odot$ is `*` in NumPy). The two derivatives are
#
# $$\operatorname{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}, \qquad
#   \sigma'(z) = \sigma(z)\big(1 - \sigma(z)\big).$$
#
# (The relu has no derivative at $z = 0$; taking 0 there is the usual convention.)
#
# Write `linear_activation_backward(dA, cache, activation)` with
# `cache = (linear_cache, Z)`, the cache of your `linear_activation_forward`: compute `dZ` for
# the given activation (`"relu"` or `"sigmoid"`), then call your `linear_backward(dZ,
# linear_cache)` and return its `(dA_prev, dW, db)`.
#
# *Hint:* `Z > 0` is an array of booleans; multiplying by it turns `True` into 1 and `False` into 0.
#
# Expected, with `A`, `W` and `b` of exercise 3.1, `dA = np.array([[0.5, -1.], [2., 0.3]])`, the
# cache `cache = linear_activation_forward(A, W, b, "relu")[1]` and
# `dA_prev, dW, db = linear_activation_backward(dA, cache, "relu")`:
# `dA_prev` is `array([[0.1, -0.09], [-0.2, 0.15], [0.05, 0.06]])`,
# `dW` is `array([[0.25, 0.125, -0.25], [-0.3, 0.45, 0.]])` and `db` is `array([[0.25], [0.15]])`.
# Expected for the sigmoid, with the same `dA` and
# `cache = linear_activation_forward(A, W, b, "sigmoid")[1]`:
# `linear_activation_backward(dA, cache, "sigmoid")[2]` is `array([[-0.02227004], [0.254736]])`
# (its `db`).

# %% nbgrader={"grade": false, "grade_id": "deep_nn-linear_activation_backward", "locked": false, "schema_version": 3, "solution": true}
def linear_activation_backward(dA, cache, activation):
    """Gradients through A = g(W A_prev + b): cache ((A_prev, W, b), Z) -> (dA_prev, dW, db)."""
    linear_cache, Z = cache
    ### BEGIN SOLUTION
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    ### END SOLUTION
    return dA_prev, dW, db


# %% nbgrader={"grade": true, "grade_id": "deep_nn-linear_activation_backward-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.linear_activation_backward", linear_activation_backward)
### BEGIN HIDDEN TESTS
check("deep_nn.linear_activation_backward", linear_activation_backward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 5.3: `L_model_backward`
#
# The backward pass starts at the output, with the derivative of the loss with respect to
# $a^{[L]}$ (as in unit 1):
#
# $$dA^{[L]} = \frac{\partial \mathcal{L}}{\partial A^{[L]}}
#   = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right)
#   \quad\text{(element-wise)}.$$
#
# (Through the sigmoid this becomes $dZ^{[L]} = A^{[L]} - Y$, unit 1's simple result; here we
# keep the two steps separate so that every layer uses the same functions.) Then go down the
# layers, $l = L, L-1, \dots, 1$: layer $l$'s backward step takes $dA^{[l]}$ and the cache
# `caches[l - 1]`, uses `"sigmoid"` for layer $L$ and `"relu"` below, and returns
# $dA^{[l-1]}$ (which the next step down takes as its input), $dW^{[l]}$ and $db^{[l]}$.
#
# Write `L_model_backward(AL, Y, caches)` returning the dictionary `grads` with, for each layer
# $l$, the keys `f"dA{l - 1}"`, `f"dW{l}"` and `f"db{l}"`. Gradients are keyed by the layer they
# belong to: `"dA{l-1}"` is the gradient flowing **out** of layer $l$, towards its input, so the
# keys run from `"dA0"` (the gradient with respect to $X$) to `"dA{L-1}"`. For $L = 2$:
# `{"dA1", "dW2", "db2", "dA0", "dW1", "db1"}`. `AL` and `Y` are `(1, m)`; each gradient has the
# shape of what it differentiates: `grads["dA{l-1}"]` that of $A^{[l-1]}$, $(n^{[l-1]}, m)$, and
# `grads["dW{l}"]`, `grads["db{l}"]` those of $W^{[l]}$ and $b^{[l]}$.
#
# Expected, with `AL` and `caches` of the `L_model_forward` example and
# `grads = L_model_backward(AL, np.array([[1., 0., 1.]]), caches)`: `sorted(grads)` is
# `['dA0', 'dA1', 'dW1', 'dW2', 'db1', 'db2']`, `float(np.mean(grads["dW2"]))` is `-0.6392489`,
# `float(np.mean(grads["db1"]))` is `-0.02112934` and `float(np.mean(grads["dA0"]))` is `-0.2008752`.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-L_model_backward", "locked": false, "schema_version": 3, "solution": true}
def L_model_backward(AL, Y, caches):
    """Gradients {"dA{l-1}", "dW{l}", "db{l}"} for l = L..1 of the cross-entropy of AL and Y, both (1, m).

    Each is shaped like what it differentiates: dA{l-1} like A[l-1], dW{l} like W[l], db{l} like b[l].
    """
    grads = {}
    L = len(caches)
    ### BEGIN SOLUTION
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else "relu"
        dA, dW, db = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
        grads[f"dW{l}"] = dW
        grads[f"db{l}"] = db
    ### END SOLUTION
    return grads


# %% nbgrader={"grade": true, "grade_id": "deep_nn-L_model_backward-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.L_model_backward", L_model_backward)
### BEGIN HIDDEN TESTS
check("deep_nn.L_model_backward", L_model_backward, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Are these gradients right?
#
# A derivative is a slope, so it can be estimated without any calculus: nudge one weight by
# $\pm\varepsilon$ and see how the cost changes,
#
# $$\frac{\partial J}{\partial w} \approx \frac{J(w + \varepsilon) - J(w - \varepsilon)}{2 \varepsilon}.$$
#
# The cell below does this for a few weights of a small random network, with your forward pass
# and cost, and compares with your `L_model_backward`. The two should agree to about seven
# digits or better. (Unit 4 turns this into a tool, gradient checking, and uses it to find bugs.)

# %%
rng = np.random.default_rng(2)
X_small, Y_small = rng.standard_normal((4, 6)), np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0]])
p_small = initialize_parameters_deep([4, 5, 3, 1], rng)
AL, caches = L_model_forward(X_small, p_small)
grads = L_model_backward(AL, Y_small, caches)
eps = 1e-6
for key, index in [("W1", (0, 1)), ("W1", (4, 3)), ("b2", (2, 0)), ("W3", (0, 0)), ("b3", (0, 0))]:
    plus = {k: v.copy() for k, v in p_small.items()}
    minus = {k: v.copy() for k, v in p_small.items()}
    plus[key][index] += eps
    minus[key][index] -= eps
    numeric = (compute_cost(L_model_forward(X_small, plus)[0], Y_small)
               - compute_cost(L_model_forward(X_small, minus)[0], Y_small)) / (2 * eps)
    print(f"d{key}{list(index)}: backprop {grads['d' + key][index]: .9f}   finite difference {numeric: .9f}")

# %% [markdown]
# ## 6. Learning
#
# ### Exercise 6.1: `update_parameters`
#
# One step of gradient descent moves every parameter against its gradient:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]},
#   \qquad l = 1, \dots, L,$$
#
# where $\alpha$ is the learning rate. Write `update_parameters(params, grads, learning_rate)`
# returning the updated parameters in a new dictionary `parameters` with the same keys as
# `params`, leaving the arrays of `params` unchanged (`W - ...`, not `W -= ...`). `grads` is
# what `L_model_backward` returns; its `dA` entries are not needed here.
# Every layer, layer $L$ included, must be updated.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-update_parameters", "locked": false, "schema_version": 3, "solution": true}
def update_parameters(params, grads, learning_rate):
    """One gradient-descent step on W1, b1, ..., WL, bL; returns the updated parameters."""
    L = len(params) // 2
    ### BEGIN SOLUTION
    parameters = {}
    for l in range(1, L + 1):
        parameters[f"W{l}"] = params[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = params[f"b{l}"] - learning_rate * grads[f"db{l}"]
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "deep_nn-update_parameters-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.update_parameters", update_parameters)
### BEGIN HIDDEN TESTS
check("deep_nn.update_parameters", update_parameters, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### All the pieces together
#
# Forward, cost, backward, update: that is one iteration of gradient descent. A few hundred
# iterations on the small random problem above should drive its cost towards zero (six examples
# are easy to memorise).

# %%
parameters = initialize_parameters_deep([4, 5, 3, 1], np.random.default_rng(2))
for i in range(501):
    AL, caches = L_model_forward(X_small, parameters)
    if i % 100 == 0:
        print(f"iteration {i:3d}: cost {compute_cost(AL, Y_small):.4f}")
    grads = L_model_backward(AL, Y_small, caches)
    parameters = update_parameters(parameters, grads, learning_rate=0.1)

# %% [markdown]
# In part 2 (`deep_nn_application`) you wrap this loop into `two_layer_model` and
# `L_layer_model` and train them on unit 1's photographs of faces.
#
# ## What to try next
#
# - Add `"tanh"` to `linear_activation_forward` and `linear_activation_backward`
#   ($\tanh'(z) = 1 - \tanh^2(z)$) and rerun the gradient comparison with it in the hidden layers.
# - In the table of section 3, replace $1/\sqrt{n^{[l-1]}}$ by $\sqrt{2/n^{[l-1]}}$. What happens
#   to the spread from layer to layer, and why?
# - Run the last cell with learning rates 0.01, 1 and 5. Which one learns fastest, and what goes
#   wrong with the largest?
# - Change the gradient comparison's `eps` to `1e-2` and `1e-10`. Why does the agreement get
#   worse in both directions?
