# %% [markdown]
# # Unit 4, part 2: Regularisation
#
# A network large enough to learn a hard problem is usually large enough to learn its training
# set by heart, noise included. It then does very well on the examples it has seen and worse on
# new ones: it **overfits**. Regularisation is the family of techniques that trade a little
# training accuracy for a better fit to new data. In this notebook you implement the two most
# common ones, L2 regularisation and dropout, in the three-layer network of this unit, and see
# what they do to its decision boundary.
#
# | section | functions you write |
# |---|---|
# | 3. L2 regularisation | `compute_cost_with_regularization`, `backward_propagation_with_regularization` |
# | 4. Dropout | `forward_propagation_with_dropout`, `backward_propagation_with_dropout` |

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots, widgets
from course.checks import check
from course.data.planar import load_wave, wave_curve, wave_rule
from course.nn import init, regularization
from course.nn.metrics import accuracy

# %% [markdown]
# ## 1. Data to overfit
#
# Points are spread uniformly over a square; class 1 (blue) lies above the wavy curve
# $x_2 = 0.5 \sin(\pi x_1)$ (dashed below), class 0 (red) below it, except that the boundary is
# blurred: each point's height gets a small random shift (standard deviation 0.05) before it is
# compared with the curve. Then one label in ten, chosen at random anywhere, is flipped. Both are
# noise that no rule can predict, so even the true curve classifies only about 87 % of the test
# points correctly: the flipped labels (11 % of this test set) cost most of the 13 %, the blur
# about 2 %. There are only
# 150 training points, and 1000 test points drawn in the same way to measure accuracy on new data.

# %%
X_train, Y_train, X_test, Y_test = load_wave()
best = accuracy(wave_rule(X_test), Y_test)
print("X_train:", X_train.shape, " X_test:", X_test.shape)
print(f"the true curve's accuracy on the test set: {best:.1%}")
fig = plots.boundaries_with_curve({"150 training points and the true boundary": wave_rule}, X_train, Y_train,
                                  wave_curve)

# %% [markdown]
# ## 2. The network, its cache, and overfitting
#
# The network is the one of this unit, with `layers_dims = [2, 40, 20, 1]`: far more capacity
# than a wavy line needs.
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]},\quad A^{[1]} = \text{relu}(Z^{[1]}),\quad
#   Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},\quad A^{[2]} = \text{relu}(Z^{[2]}),\quad
#   Z^{[3]} = W^{[3]} A^{[2]} + b^{[3]},\quad A^{[3]} = \sigma(Z^{[3]}).$$
#
# **The cache.** Every forward pass in this notebook returns `(A3, cache)`, and every backward
# pass takes that cache. It is a dictionary with exactly these entries (the checks feed your
# backward passes caches built this way):
#
# | key | value | shape |
# |---|---|---|
# | `"Z1"`, `"A1"` | pre-activation and activation of layer 1 | `(n1, m)` |
# | `"Z2"`, `"A2"` | the same for layer 2 | `(n2, m)` |
# | `"Z3"`, `"A3"` | the same for the output layer | `(1, m)` |
# | `"W1"`, `"b1"`, `"W2"`, `"b2"`, `"W3"`, `"b3"` | the parameters used | as in `parameters` |
# | `"D1"`, `"D2"` (dropout only) | the dropout masks of layers 1 and 2 | `(n1, m)`, `(n2, m)` |
#
# **The gradients.** Every backward pass returns the dictionary
# `{"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}`, each entry
# shaped like the quantity it is the gradient of. The plain backward pass is unit 3's, for this
# network:
#
# $$dZ^{[3]} = A^{[3]} - Y,\qquad dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T},\qquad
#   db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)},$$
# $$dA^{[l-1]} = W^{[l]T} dZ^{[l]},\qquad dZ^{[l-1]} = dA^{[l-1]} \odot \mathbb{1}\big[Z^{[l-1]} > 0\big],$$
#
# with $A^{[0]} = X$; $\mathbb{1}[Z > 0]$ is the derivative of the ReLU (`Z > 0` in NumPy).
#
# The cell below is the training loop used in this notebook. It starts from He initialisation
# (part 1) and runs batch gradient descent. Depending on its arguments it uses the plain forward
# and backward passes (the course's, in `regularization`), or your functions for L2
# regularisation or dropout, once you have written them. The cost is recorded from $Z^{[3]}$,
# a form that stays finite when the network becomes very confident.

# %%
layers_dims = [2, 40, 20, 1]


def model(X, Y, learning_rate=0.6, num_iterations=10000, lambd=0.0, keep_prob=1.0, seed=0, costs=None):
    """Train the three-layer network; lambd > 0 uses your L2 functions, keep_prob < 1 your dropout."""
    if lambd > 0 and keep_prob < 1:
        raise ValueError("this loop uses L2 or dropout, not both (the explorer below combines them)")
    rng = np.random.default_rng(seed)
    parameters = init.initialize_parameters_he(layers_dims, rng)
    with np.errstate(over="ignore"):  # exp(-z) may overflow to inf for very negative z; 1 / inf = 0 is right
        for i in range(num_iterations):
            if keep_prob < 1:
                A3, cache = forward_propagation_with_dropout(X, parameters, keep_prob, rng)
            else:
                A3, cache = regularization.forward_propagation(X, parameters)
            if costs is not None and i % 100 == 0:
                costs.append(regularization.cost_from_logits(cache["Z3"], Y)
                             + regularization.l2_penalty(parameters, lambd, X.shape[1]))
            if lambd > 0:
                grads = backward_propagation_with_regularization(X, Y, cache, lambd)
            elif keep_prob < 1:
                grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
            else:
                grads = regularization.backward_propagation(X, Y, cache)
            parameters = regularization.update_parameters(parameters, grads, learning_rate)
    return parameters


def evaluate(name, parameters):
    """Print and return (train accuracy, test accuracy)."""
    train_acc = accuracy(regularization.predict(parameters, X_train), Y_train)
    test_acc = accuracy(regularization.predict(parameters, X_test), Y_test)
    print(f"{name}: train accuracy {train_acc:.1%}, test accuracy {test_acc:.1%}")
    return train_acc, test_acc


# %% [markdown]
# Train without any regularisation (10000 iterations, a few seconds).

# %%
costs = {"no regularisation": []}
parameters_plain = model(X_train, Y_train, costs=costs["no regularisation"])
results = {"no regularisation": evaluate("no regularisation", parameters_plain)}
fig = plots.boundaries_with_curve({"no regularisation": lambda P: regularization.predict(parameters_plain, P)},
                                  X_train, Y_train, wave_curve)

# %% [markdown]
# The network gets almost every training point right, flipped ones included: the boundary grows
# islands and bays around single points. On the test set it is clearly worse than on the training
# set, and worse than the true curve. This gap between training and test accuracy is the
# signature of overfitting (high *variance*).
#
# ## 3. L2 regularisation
#
# L2 regularisation adds to the cost a penalty on the size of the weights:
#
# $$J_{\text{regularised}} = \underbrace{-\frac{1}{m} \sum_{i=1}^{m} \Big(y^{(i)} \log a^{[3](i)}
#   + \big(1 - y^{(i)}\big) \log\big(1 - a^{[3](i)}\big)\Big)}_{\text{cross-entropy}}
#   + \underbrace{\frac{\lambda}{2m} \sum_{l=1}^{3} \big\lVert W^{[l]} \big\rVert_F^2}_{\text{L2 penalty}},
#   \qquad \big\lVert W \big\rVert_F^2 = \sum_{k} \sum_{j} W_{kj}^2 .$$
#
# Every weight now costs something, so the network keeps only the weights that pay for themselves
# by lowering the cross-entropy substantially. Small weights make a smoother function of the
# input: a boundary that cannot bend around a single point. The biases are not penalised (they
# shift units but do not make the function steeper). $\lambda$ (written `lambd` in code, since
# `lambda` is a Python keyword) sets the trade-off. The course writes the penalty with
# $\frac{\lambda}{2m}$, so that its gradient is the tidy $\frac{\lambda}{m} W$.
#
# ### Exercise 3.1: `compute_cost_with_regularization`
#
# Write `compute_cost_with_regularization(A3, Y, parameters, lambd)`, for `A3` and `Y` of shape
# `(1, m)`, storing $J_{\text{regularised}}$ in `cost`: the cross-entropy (as in unit 2) plus the
# L2 penalty over `W1`, `W2` and `W3`. The locked last line returns `float(cost)`, so `cost` must
# be a number, not a `(1, 1)` array such as `np.dot(Y, np.log(A3).T)`: sum with `np.sum`, or turn
# a `(1, 1)` array into a number with `.item()`.
#
# *Hint:* $\lVert W \rVert_F^2$ is `np.sum(np.square(W))`. (`np.linalg.norm(W)` is
# $\lVert W \rVert_F$, not squared.)
#
# Expected, with `A3 = np.array([[0.8, 0.3, 0.6, 0.1, 0.7]])`, `Y = np.array([[1., 0., 1., 0., 1.]])`
# and the weights and biases of a tiny network,
# `parameters = {"W1": np.array([[1., -2.]]), "b1": np.array([[1.]]), "W2": np.array([[0.5]]),
# "b2": np.array([[1.]]), "W3": np.array([[2.]]), "b3": np.array([[1.]])}`:
# `compute_cost_with_regularization(A3, Y, parameters, 0.1)` is `0.40303592` and
# `compute_cost_with_regularization(A3, Y, parameters, 0.)` is `0.31053592`, the cross-entropy
# alone; the difference is the penalty $\frac{0.1}{2 \cdot 5} (1 + 4 + 0.25 + 4) = 0.0925$.
#
# The check's visible case is not this example: it has the same `A3` and `lambd = 0.1`, but
# `Y = np.array([[0., 1., 0., 1., 1.]])` and the random weights of a 3-4-3-1 network, `W1` of
# shape `(4, 3)`, `W2` `(3, 4)` and `W3` `(1, 3)`.

# %% nbgrader={"grade": false, "grade_id": "practical-compute_cost_with_regularization", "locked": false, "schema_version": 3, "solution": true}
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy of A3 (1, m) against Y (1, m) plus lambd / (2 m) * sum of squared weights; a number."""
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    ### BEGIN SOLUTION
    cross_entropy = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    penalty = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    cost = cross_entropy + penalty
    ### END SOLUTION
    return float(cost)


# %% nbgrader={"grade": true, "grade_id": "practical-compute_cost_with_regularization-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.compute_cost_with_regularization", compute_cost_with_regularization)
### BEGIN HIDDEN TESTS
check("practical.compute_cost_with_regularization", compute_cost_with_regularization, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 3.2: `backward_propagation_with_regularization`
#
# The penalty depends on the weights only, and
# $\frac{\partial}{\partial W} \frac{\lambda}{2m} \lVert W \rVert_F^2 = \frac{\lambda}{m} W$.
# So each weight gradient gains one term, and nothing else changes:
#
# $$dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}.$$
#
# In a gradient-descent step this term shrinks every weight by the factor
# $1 - \alpha\frac{\lambda}{m}$ before the usual update, which is why L2 regularisation is also
# called **weight decay**.
#
# Write `backward_propagation_with_regularization(X, Y, cache, lambd)`: the plain backward pass
# of section 2, layer 3 down to layer 1, with $\frac{\lambda}{m} W^{[l]}$ added to each `dW`.
# The `db` are unchanged. Return the gradients dictionary of section 2 (the return statement is
# written for you).

# %% nbgrader={"grade": false, "grade_id": "practical-backward_propagation_with_regularization", "locked": false, "schema_version": 3, "solution": true}
def backward_propagation_with_regularization(X, Y, cache, lambd):
    """Gradients of the L2-regularised cost: the plain ones plus (lambd / m) W[l] in each dW[l]."""
    m = X.shape[1]
    Z1, A1, W1 = cache["Z1"], cache["A1"], cache["W1"]
    Z2, A2, W2 = cache["Z2"], cache["A2"], cache["W2"]
    A3, W3 = cache["A3"], cache["W3"]
    ### BEGIN SOLUTION
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m + lambd / m * W3
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)
    dW2 = dZ2 @ A1.T / m + lambd / m * W2
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = dZ1 @ X.T / m + lambd / m * W1
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    ### END SOLUTION
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


# %% nbgrader={"grade": true, "grade_id": "practical-backward_propagation_with_regularization-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.backward_propagation_with_regularization", backward_propagation_with_regularization)
### BEGIN HIDDEN TESTS
check("practical.backward_propagation_with_regularization", backward_propagation_with_regularization, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Train with $\lambda = 0.7$, using your two functions.

# %%
lambd = 0.7
costs[f"L2, lambda = {lambd}"] = []
parameters_l2 = model(X_train, Y_train, lambd=lambd, costs=costs[f"L2, lambda = {lambd}"])
results[f"L2 (λ = {lambd})"] = evaluate(f"L2, lambda = {lambd}", parameters_l2)

# %% [markdown]
# Training accuracy drops (the flipped points are no longer all memorised) and test accuracy
# rises: the gap shrinks. The figure at the end of the notebook compares the boundaries. Too
# large a $\lambda$ would flatten the network into a nearly linear function that misses even the
# wave (high *bias*); the explorer at the end lets you find that point.
#
# ## 4. Dropout
#
# Dropout takes another route. At every training iteration, each hidden unit is switched off
# with probability $1 - p$, independently for each example, where $p$ is `keep_prob`. The
# network seen by each iteration is a different random sub-network, so no unit can rely on any
# particular other unit being present; each must be useful on its own, spreading its weights
# instead of building fragile combinations that fit single points. At test time all units are
# used, with no randomness.
#
# **Inverted dropout.** Switching off a fraction $1 - p$ of the units shrinks the expected value
# of the next layer's input by the factor $p$. Dividing the kept activations by $p$ during
# training restores it, $\mathbb{E}\big[a \cdot d / p\big] = a \cdot p / p = a$ for a mask entry
# $d$ that is 1 with probability $p$, so the network needs no change at test time.
#
# ### Exercise 4.1: `forward_propagation_with_dropout`
#
# Write `forward_propagation_with_dropout(X, parameters, keep_prob, rng)`, the forward pass with
# dropout on the two **hidden** layers (never on the input or the output). For $l = 1, 2$:
#
# 1. compute $Z^{[l]}$ and $A^{[l]} = \text{relu}(Z^{[l]})$ as usual;
# 2. draw the mask `D{l} = rng.random(A{l}.shape) < keep_prob`: a boolean array of the shape of
#    `A{l}`, True (keep) with probability `keep_prob`, one draw per unit **and** per example;
# 3. drop and rescale: `A{l} = A{l} * D{l} / keep_prob`;
#
# then the output layer, $A^{[3]} = \sigma(W^{[3]} A^{[2]} + b^{[3]})$. Store in the cache the
# masks and the activations *after* dropout (they are what the next layer used). The return
# statement is written for you.
#
# The check does not compare your masks with the course's: it checks their shapes, that they
# hold only 0 and 1, that they keep about `keep_prob` of the units, and that `A3` and the cache
# are exactly what the forward pass gives with *your* masks.

# %% nbgrader={"grade": false, "grade_id": "practical-forward_propagation_with_dropout", "locked": false, "schema_version": 3, "solution": true}
def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    """Inverted dropout on the hidden layers; returns (A3 (1, m), cache with the masks D1, D2)."""
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    ### BEGIN SOLUTION
    Z1 = W1 @ X + b1
    A1 = np.maximum(Z1, 0)
    D1 = rng.random(A1.shape) < keep_prob
    A1 = A1 * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    A2 = np.maximum(Z2, 0)
    D2 = rng.random(A2.shape) < keep_prob
    A2 = A2 * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = 1 / (1 + np.exp(-Z3))
    ### END SOLUTION
    cache = {"Z1": Z1, "D1": D1, "A1": A1, "W1": W1, "b1": b1,
             "Z2": Z2, "D2": D2, "A2": A2, "W2": W2, "b2": b2,
             "Z3": Z3, "A3": A3, "W3": W3, "b3": b3}
    return A3, cache


# %% nbgrader={"grade": true, "grade_id": "practical-forward_propagation_with_dropout-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.forward_propagation_with_dropout", forward_propagation_with_dropout)
### BEGIN HIDDEN TESTS
check("practical.forward_propagation_with_dropout", forward_propagation_with_dropout, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# A quick look at one mask: the fraction of units kept, and the mean activation of layer 1 with
# and without dropout. Thanks to the division by `keep_prob`, the two means are close.

# %%
A3_plain, cache_plain = regularization.forward_propagation(X_train, parameters_plain)
A3_drop, cache_drop = forward_propagation_with_dropout(X_train, parameters_plain, 0.7, np.random.default_rng(0))
print(f"fraction of layer-1 units kept: {np.mean(cache_drop['D1']):.3f} (keep_prob 0.7)")
print(f"mean of A1 without dropout {cache_plain['A1'].mean():.3f}, with inverted dropout {cache_drop['A1'].mean():.3f}")

# %% [markdown]
# ### Exercise 4.2: `backward_propagation_with_dropout`
#
# A dropped unit contributed nothing to the output, so it receives no gradient; a kept unit's
# activation was multiplied by $1/p$, so its gradient is too. The backward pass applies the same
# masks, read from the cache, at the same places:
#
# $$dA^{[2]} = \big(W^{[3]T} dZ^{[3]}\big) \odot D^{[2]} / p, \qquad
#   dA^{[1]} = \big(W^{[2]T} dZ^{[2]}\big) \odot D^{[1]} / p,$$
#
# and everything else is the plain backward pass of section 2 (with `A1`, `A2` from the cache,
# which are the activations after dropout).
#
# Write `backward_propagation_with_dropout(X, Y, cache, keep_prob)`. Nothing is random here: the
# check feeds your function a cache made by the course's forward pass and compares every
# gradient.

# %% nbgrader={"grade": false, "grade_id": "practical-backward_propagation_with_dropout", "locked": false, "schema_version": 3, "solution": true}
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Gradients of the cost with dropout: dA1, dA2 masked with D1, D2 and divided by keep_prob."""
    m = X.shape[1]
    Z1, D1, A1, W1 = cache["Z1"], cache["D1"], cache["A1"], cache["W1"]
    Z2, D2, A2, W2 = cache["Z2"], cache["D2"], cache["A2"], cache["W2"]
    A3, W3 = cache["A3"], cache["W3"]
    ### BEGIN SOLUTION
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dA2 = dA2 * D2 / keep_prob
    dZ2 = dA2 * (Z2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dA1 = dA1 * D1 / keep_prob
    dZ1 = dA1 * (Z1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    ### END SOLUTION
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


# %% nbgrader={"grade": true, "grade_id": "practical-backward_propagation_with_dropout-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.backward_propagation_with_dropout", backward_propagation_with_dropout)
### BEGIN HIDDEN TESTS
check("practical.backward_propagation_with_dropout", backward_propagation_with_dropout, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Train with `keep_prob = 0.7`, using your two dropout functions. Each iteration draws new
# masks from the same `rng` that initialised the weights.

# %%
keep_prob = 0.7
costs[f"dropout, keep_prob = {keep_prob}"] = []
parameters_dropout = model(X_train, Y_train, keep_prob=keep_prob, costs=costs[f"dropout, keep_prob = {keep_prob}"])
results[f"dropout (keep {keep_prob})"] = evaluate(f"dropout, keep_prob = {keep_prob}", parameters_dropout)

# %% [markdown]
# ## 5. The three networks side by side

# %%
fig = plots.boundaries_with_curve({
    f"no regularisation: test {results['no regularisation'][1]:.1%}":
        lambda P: regularization.predict(parameters_plain, P),
    f"L2, λ = {lambd}: test {results[f'L2 (λ = {lambd})'][1]:.1%}":
        lambda P: regularization.predict(parameters_l2, P),
    f"dropout, keep_prob = {keep_prob}: test {results[f'dropout (keep {keep_prob})'][1]:.1%}":
        lambda P: regularization.predict(parameters_dropout, P),
}, X_train, Y_train, wave_curve)

# %%
fig = plots.accuracy_bars(results, best=best, title="Regularisation trades training accuracy for test accuracy")

# %% [markdown]
# Both regularised networks follow the wave more closely and give up most of the islands around
# flipped points; their test accuracy rises towards the true curve's. The cost curves show the
# other side: without regularisation the cross-entropy keeps falling towards 0 (the network
# grows ever more certain of every training label, flipped ones included); with L2 the cost
# levels off where the penalty balances the fit; with dropout it is noisy, since every
# iteration trains another random sub-network. The occasional spikes of the unregularised curve
# come from the large learning rate: as the boundary sharpens around single points the cost
# surface becomes steep, a step overshoots, and the next few steps recover.

# %%
fig = plots.learning_curves_log(costs, every=100, title="Training cost (cross-entropy, plus the L2 penalty for L2)")

# %% [markdown]
# And the weights themselves: L2 keeps them small, which is its whole mechanism. Dropout's
# weights are about as large as those of the unregularised network: it works differently, by
# making every unit useful without relying on particular other units, not by shrinking weights.

# %%
fig = plots.weight_histograms({"no regularisation": parameters_plain, f"L2, λ = {lambd}": parameters_l2,
                               f"dropout, keep_prob = {keep_prob}": parameters_dropout})

# %% [markdown]
# A few practical remarks:
#
# - Dropout is used only during training. `regularization.predict` runs the plain forward pass.
# - With dropout the cost $J$ is a random quantity, different at every iteration, so the cost
#   curve is no longer a reliable check that training works. Debug with `keep_prob = 1` first.
# - Both methods have a hyper-parameter to tune on data the network did not train on (a
#   validation set), never on the test set you report.
#
# ## 6. The regularisation explorer
#
# Move $\lambda$ and `keep_prob` (they can be combined here) and the number of iterations; each
# change retrains the course's implementation from the same He initialisation and redraws the
# boundary over the training points, with the train and test accuracy of the new setting beside
# those of the previous one. The explorer trains for 5000 iterations by default, to answer
# quickly, so its numbers differ a little from those above. Things to try:
#
# - $\lambda$ from 0 up to 2: where does the test accuracy peak, and when does the boundary
#   become too flat to follow the wave?
# - `keep_prob` 0.5 against 0.9, with $\lambda = 0$;
# - without regularisation, 2000 against 20000 iterations: overfitting grows with training time
#   (stopping early is a regulariser too).

# %%
explorer = widgets.regularization_explorer()
explorer

# %% [markdown]
# ## What to try next
#
# - Apply dropout to the input layer too, with a `keep_prob` close to 1 (0.9): a form of data
#   augmentation by noise. Does it help here?
# - Combine L2 and dropout in your own `model` (the backward pass needs both changes). Is the
#   combination better than the best of the two alone?
# - Make the training set larger with `load_wave(m_train=1000)`. Does the unregularised network
#   still overfit? More data is the most reliable regulariser of all.
# - L1 regularisation penalises $\frac{\lambda}{m}\sum |W_{kj}|$ instead. Derive its gradient
#   and compare the histograms of the weights: which one produces exact zeros?
