# %% [markdown]
# # Unit 2: A network with one hidden layer
#
# Logistic regression draws a straight line (a hyperplane) between the classes. Most data is not
# so kind. In this unit you add a hidden layer of neurons between the input and the output, and
# watch the network bend its decision boundary around data that no line can separate.
#
# You will write the whole network: `layer_sizes`, `initialize_parameters`,
# `forward_propagation`, `compute_cost`, `backward_propagation`, `update_parameters`,
# `nn_model` and `predict`. At the end, the decision-boundary explorer lets you retrain the
# network with other datasets, sizes, activations and learning rates and see the result at once.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots, widgets
from course.checks import check
from course.data import load_planar
from course.nn import logistic
from course.nn.metrics import accuracy

# %% [markdown]
# ## 1. The data: a flower
#
# Each example is a point in the plane, $x = (x_1, x_2)$, and its label is red (0) or blue (1).
# The points lie along the petals of a flower, and neighbouring petals belong to different
# classes. As always in this course, `X` has one example per column: shape `(2, 400)`; `Y` has
# shape `(1, 400)`.

# %%
X, Y = load_planar("flower")
print("X:", X.shape, " Y:", Y.shape)
fig = plots.scatter_classes(X, Y, title="The flower: 400 points, two classes")

# %% [markdown]
# ### A baseline: logistic regression
#
# Unit 1's model, trained here with the course's own implementation, can only split the plane
# with a straight line. On the flower it does little better than guessing.

# %%
baseline = logistic.model(X, Y, X, Y, num_iterations=2000, learning_rate=0.5)
baseline_accuracy = accuracy(baseline["Y_prediction_train"], Y)
print(f"logistic regression, training accuracy: {baseline_accuracy:.1%}")

# %% [markdown]
# ## 2. The network
#
# The network has $n_x = 2$ inputs, one hidden layer of $n_h$ units with the activation
# $\tanh$, and one sigmoid output unit. For the whole dataset at once (columns are examples):
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}, \qquad A^{[1]} = \tanh\big(Z^{[1]}\big),$$
# $$Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \qquad A^{[2]} = \sigma\big(Z^{[2]}\big),$$
#
# with shapes $W^{[1]}: (n_h, n_x)$, $b^{[1]}: (n_h, 1)$, $W^{[2]}: (n_y, n_h)$,
# $b^{[2]}: (n_y, 1)$, and $A^{[1]}: (n_h, m)$, $A^{[2]}: (n_y, m)$, with $n_y = 1$ here. The
# bias columns are broadcast across the $m$ examples. Each hidden unit computes its own
# "logistic regression" feature of the input; the output unit combines them, and the combination
# of several straight boundaries can be curved.
#
# ### Exercise 2.1: `layer_sizes`
#
# Write `layer_sizes(X, Y)` returning `(n_x, n_h, n_y)`: the input size (rows of `X`), the
# hidden size fixed to 4, and the output size (rows of `Y`).

# %% nbgrader={"grade": false, "grade_id": "shallow_nn-layer_sizes", "locked": false, "schema_version": 3, "solution": true}
def layer_sizes(X, Y):
    """(n_x, n_h, n_y) for X (n_x, m), Y (n_y, m), with n_h = 4."""
    ### BEGIN SOLUTION
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return n_x, n_h, n_y
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "shallow_nn-layer_sizes-test", "locked": true, "schema_version": 3, "solution": false}
check("shallow_nn.layer_sizes", layer_sizes)
### BEGIN HIDDEN TESTS
check("shallow_nn.layer_sizes", layer_sizes, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.2: `initialize_parameters`
#
# If all weights started equal (zeros, say), every hidden unit would compute the same thing and
# receive the same gradient, so they would stay identical forever: the layer would be as good as
# one unit. Random weights break this *symmetry*. They are kept small so that $\tanh$ starts in
# its steep middle part, where gradients are large.
#
# Write `initialize_parameters(n_x, n_h, n_y, rng)`: draw `W1` of shape `(n_h, n_x)` and `W2` of
# shape `(n_y, n_h)` from the standard normal distribution with `rng.standard_normal(shape)`,
# multiplied by 0.01; set `b1` `(n_h, 1)` and `b2` `(n_y, 1)` to zeros. Return the dictionary
# `{"W1": W1, "b1": b1, "W2": W2, "b2": b2}`. Always draw from the `rng` you are given (a NumPy
# `Generator`), never from `np.random` directly: that is what makes results reproducible.
#
# The check does not compare your random numbers with the reference's: it checks the shapes,
# that the biases are zero, and that the weights look like draws from $\mathcal{N}(0, 0.01^2)$.

# %% nbgrader={"grade": false, "grade_id": "shallow_nn-initialize_parameters", "locked": false, "schema_version": 3, "solution": true}
def initialize_parameters(n_x, n_h, n_y, rng):
    """Weights ~ 0.01 * N(0, 1) drawn with rng, biases zero; returns {"W1", "b1", "W2", "b2"}."""
    ### BEGIN SOLUTION
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    b2 = np.zeros((n_y, 1))
    ### END SOLUTION
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# %% nbgrader={"grade": true, "grade_id": "shallow_nn-initialize_parameters-test", "locked": true, "schema_version": 3, "solution": false}
check("shallow_nn.initialize_parameters", initialize_parameters)
### BEGIN HIDDEN TESTS
check("shallow_nn.initialize_parameters", initialize_parameters, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.3: `forward_propagation`
#
# Write `forward_propagation(X, parameters)` implementing the four equations above with `@` (or
# `np.dot`), `np.tanh` and a sigmoid. Return `(A2, cache)` where
# `cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}`: backpropagation will need these values.

# %% nbgrader={"grade": false, "grade_id": "shallow_nn-forward_propagation", "locked": false, "schema_version": 3, "solution": true}
def forward_propagation(X, parameters):
    """X (n_x, m) -> (A2 (1, m), cache {"Z1", "A1", "Z2", "A2"}); tanh hidden layer, sigmoid output."""
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    ### BEGIN SOLUTION
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = 1 / (1 + np.exp(-Z2))
    ### END SOLUTION
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


# %% nbgrader={"grade": true, "grade_id": "shallow_nn-forward_propagation-test", "locked": true, "schema_version": 3, "solution": false}
check("shallow_nn.forward_propagation", forward_propagation)
### BEGIN HIDDEN TESTS
check("shallow_nn.forward_propagation", forward_propagation, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.4: `compute_cost`
#
# The cost is unit 1's cross-entropy, averaged over the $m$ examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Big(y^{(i)} \log a^{[2](i)} + \big(1 - y^{(i)}\big) \log\big(1 - a^{[2](i)}\big)\Big).$$
#
# Write `compute_cost(A2, Y)` returning a number (not a `(1, 1)` array: `np.sum` returns a number,
# `np.dot(Y, np.log(A2).T)` gives a `(1, 1)` array, which `.item()` turns into a number).
#
# Expected: `compute_cost(np.array([[0.8, 0.3, 0.6]]), np.array([[1., 0., 1.]]))` is
# `0.36354804`.

# %% nbgrader={"grade": false, "grade_id": "shallow_nn-compute_cost", "locked": false, "schema_version": 3, "solution": true}
def compute_cost(A2, Y):
    """Cross-entropy cost of predictions A2 (1, m) for labels Y (1, m); a number."""
    m = Y.shape[1]
    ### BEGIN SOLUTION
    cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
    ### END SOLUTION
    return cost


# %% nbgrader={"grade": true, "grade_id": "shallow_nn-compute_cost-test", "locked": true, "schema_version": 3, "solution": false}
check("shallow_nn.compute_cost", compute_cost)
### BEGIN HIDDEN TESTS
check("shallow_nn.compute_cost", compute_cost, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.5: `backward_propagation`
#
# Backpropagation applies the chain rule from the output back to the first layer. The output
# layer is unit 1's neuron, so $dZ^{[2]} = A^{[2]} - Y$. Going through $W^{[2]}$ and then
# through $\tanh$, whose derivative is $1 - \tanh^2(z)$, that is $1 - \big(A^{[1]}\big)^2$:
#
# $$dZ^{[2]} = A^{[2]} - Y, \qquad dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}, \qquad
#   db^{[2]} = \frac{1}{m} \sum_{i} dZ^{[2](i)},$$
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot \big(1 - (A^{[1]})^2\big), \qquad
#   dW^{[1]} = \frac{1}{m} dZ^{[1]} X^T, \qquad db^{[1]} = \frac{1}{m} \sum_{i} dZ^{[1](i)},$$
#
# where $\odot$ is the element-wise product (`*` in NumPy) and the sums run over the examples,
# that is over `axis=1`, with `keepdims=True` so that `db1` has the shape `(n_h, 1)` of `b1`.
#
# Write `backward_propagation(parameters, cache, X, Y)` returning
# `{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}`, each gradient shaped like its parameter.

# %% nbgrader={"grade": false, "grade_id": "shallow_nn-backward_propagation", "locked": false, "schema_version": 3, "solution": true}
def backward_propagation(parameters, cache, X, Y):
    """Gradients {"dW1", "db1", "dW2", "db2"} of the cost, each shaped like its parameter."""
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    ### BEGIN SOLUTION
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = W2.T @ dZ2 * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    ### END SOLUTION
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# %% nbgrader={"grade": true, "grade_id": "shallow_nn-backward_propagation-test", "locked": true, "schema_version": 3, "solution": false}
check("shallow_nn.backward_propagation", backward_propagation)
### BEGIN HIDDEN TESTS
check("shallow_nn.backward_propagation", backward_propagation, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.6: `update_parameters`
#
# Write `update_parameters(parameters, grads, learning_rate=1.2)`: one step of gradient descent,
# $\theta \leftarrow \theta - \alpha\, d\theta$ for each of `W1`, `b1`, `W2`, `b2`. Return the
# updated parameters in a new dictionary, with the same keys and shapes, and leave the arrays of
# `parameters` unchanged (`W1 = W1 - ...`, not `W1 -= ...`, which would also change the
# caller's arrays).

# %% nbgrader={"grade": false, "grade_id": "shallow_nn-update_parameters", "locked": false, "schema_version": 3, "solution": true}
def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step on W1, b1, W2, b2; returns the updated parameters."""
    ### BEGIN SOLUTION
    return {key: parameters[key] - learning_rate * grads["d" + key] for key in ("W1", "b1", "W2", "b2")}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "shallow_nn-update_parameters-test", "locked": true, "schema_version": 3, "solution": false}
check("shallow_nn.update_parameters", update_parameters)
### BEGIN HIDDEN TESTS
check("shallow_nn.update_parameters", update_parameters, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.7: `nn_model`
#
# Put the pieces together. Write `nn_model(X, Y, n_h, num_iterations=10000, learning_rate=1.2,
# print_cost=False, rng=None)`, for inputs `X` of shape `(n_x, m)` and labels `Y` of shape
# `(1, m)`: initialise with `initialize_parameters(n_x, n_h, n_y, rng)` (take `n_x` and `n_y`
# from `layer_sizes`), then for each iteration run forward propagation, backward propagation and
# an update. If `print_cost`, print the cost every 1000 iterations. Return the learned parameters.
#
# The check trains your network on a flower and compares the accuracy it reaches with the
# reference's: since your random starting weights differ from the reference's, the parameters
# themselves cannot be compared.

# %% nbgrader={"grade": false, "grade_id": "shallow_nn-nn_model", "locked": false, "schema_version": 3, "solution": true}
def nn_model(X, Y, n_h, num_iterations=10000, learning_rate=1.2, print_cost=False, rng=None):
    """Train a network with n_h tanh hidden units on X (n_x, m), Y (1, m); returns its parameters."""
    if rng is None:
        rng = np.random.default_rng(0)
    ### BEGIN SOLUTION
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y, rng)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {compute_cost(A2, Y):.6f}")
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "shallow_nn-nn_model-test", "locked": true, "schema_version": 3, "solution": false}
check("shallow_nn.nn_model", nn_model)
### BEGIN HIDDEN TESTS
check("shallow_nn.nn_model", nn_model, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.8: `predict`
#
# Write `predict(parameters, X)`: run forward propagation and return a `(1, m)` array with 1.0
# where $a^{[2]} > 0.5$ and 0.0 elsewhere.

# %% nbgrader={"grade": false, "grade_id": "shallow_nn-predict", "locked": false, "schema_version": 3, "solution": true}
def predict(parameters, X):
    """Labels (1, m): 1.0 where the network's output exceeds 0.5, else 0.0."""
    ### BEGIN SOLUTION
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(float)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "shallow_nn-predict-test", "locked": true, "schema_version": 3, "solution": false}
check("shallow_nn.predict", predict)
### BEGIN HIDDEN TESTS
check("shallow_nn.predict", predict, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Training on the flower
#
# Train a network with 4 hidden units and compare its decision boundary with logistic
# regression's.

# %%
parameters = nn_model(X, Y, n_h=4, num_iterations=10000, print_cost=True, rng=np.random.default_rng(0))
network_accuracy = accuracy(predict(parameters, X), Y)
print(f"4 hidden units: {network_accuracy:.1%}   logistic regression: {baseline_accuracy:.1%}")
fig = plots.decision_boundaries({
    f"logistic regression ({baseline_accuracy:.0%})":
        lambda P: logistic.predict(baseline["w"], baseline["b"], P),
    f"4 tanh hidden units ({network_accuracy:.0%})": lambda P: predict(parameters, P),
}, X, Y)

# %% [markdown]
# ### How many hidden units?
#
# More hidden units let the boundary bend more. To see whether that helps on *new* points, draw
# a second flower with another seed as a test set, and train networks of several sizes.

# %%
X_test, Y_test = load_planar("flower", seed=2)
sizes = [1, 2, 3, 4, 5, 10, 20, 50]
train_acc, test_acc = [], []
for n_h in sizes:
    p = nn_model(X, Y, n_h, num_iterations=5000, rng=np.random.default_rng(0))
    train_acc.append(accuracy(predict(p, X), Y))
    test_acc.append(accuracy(predict(p, X_test), Y_test))
    print(f"{n_h:3d} hidden units: train {train_acc[-1]:.1%}, test {test_acc[-1]:.1%}")
fig = plots.accuracy_curve(sizes, {"train": train_acc, "test": test_acc}, "hidden units",
                           title="Accuracy against the size of the hidden layer")

# %% [markdown]
# One or two units are too few for eight petals. From three or four units the network captures the
# flower; beyond that, extra units buy little, and a large layer can start fitting the noise of
# the training points (watch the gap between the two curves). Unit 4 introduces regularisation
# against that.
#
# ## 4. The decision-boundary explorer
#
# Pick a dataset and the network's settings; each change retrains the network (the course's
# reference implementation, from the same random start) and redraws its decision regions and its
# cost curve. Things to try:
#
# - the circles with 1, 2 and 3 hidden units: how many straight pieces does a circle need?
# - `relu` against `tanh` on the flower, and the learning rate at 0.01 and 10;
# - the blobs (an XOR layout) with 2 hidden units.

# %%
explorer = widgets.boundary_explorer()
explorer

# %% [markdown]
# ## What to try next
#
# - Replace $\tanh$ with the ReLU $\max(0, z)$ in your own network. What is its derivative, and
#   what becomes of `backward_propagation`?
# - With `learning_rate=5`, print the cost during training. What happens, and why?
# - Add a second hidden layer by hand. Unit 3 writes the general $L$-layer network.
