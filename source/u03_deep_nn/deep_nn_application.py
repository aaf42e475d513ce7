# %% [markdown]
# # Unit 3, part 2: Deep networks on real photographs
#
# In unit 1 a single neuron learned to tell faces from other images: logistic regression fitted
# all 150 training photographs and got 47 of the 50 test photographs right (94 %). Can a network
# with hidden layers do better on images it has never seen?
#
# You will write two training functions, `two_layer_model` and `L_layer_model`, out of the
# building blocks of part 1, train both on the photographs, and compare them with logistic
# regression: accuracy, learning curves, the mistakes, and what the hidden units look at.
#
# The building blocks (`initialize_parameters_deep`, `linear_activation_forward`,
# `L_model_forward`, `compute_cost`, `linear_activation_backward`, `L_model_backward`,
# `update_parameters`) are imported from the course's package in the first cell. They have the
# names, arguments and conventions of part 1, so you can use them exactly as you wrote them, and
# a slip in part 1 cannot spoil this part. `predict(parameters, X)` is new: it runs
# `L_model_forward` and returns 1.0 where $a^{[L]} > 0.5$, else 0.0.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots
from course.checks import check
from course.data import load_faces
from course.nn import logistic
from course.nn.deep import (L_model_backward, L_model_forward, compute_cost, initialize_parameters_deep,
                            linear_activation_backward, linear_activation_forward, predict,
                            update_parameters)
from course.nn.metrics import accuracy
from course.nn.preprocessing import flatten, standardize

# %% [markdown]
# ## 1. The data and the baseline
#
# The same split as in unit 1: 150 training and 50 test images of $25 \times 25$ pixels, half of
# each faces (label 1). Each image becomes a column of $n_x = 625$ pixel values, centred with the
# mean training image and divided by one number, the standard deviation of all the centred
# training pixel values (unit 1's `flatten` and `standardize`).

# %%
train_x_orig, train_y, test_x_orig, test_y, classes = load_faces()
train_X, test_X = standardize(flatten(train_x_orig), flatten(test_x_orig))
print("train_X:", train_X.shape, " train_y:", train_y.shape, " test_X:", test_X.shape, " test_y:", test_y.shape)
fig = plots.image_grid(test_x_orig[:8], [classes[label] for label in test_y[0, :8]],
                       suptitle="The first 8 test images")

# %% [markdown]
# Unit 1's logistic regression, with its settings (2000 iterations, learning rate 0.005),
# trained here with the course's own implementation:

# %%
baseline = logistic.model(train_X, train_y, test_X, test_y, num_iterations=2000, learning_rate=0.005)
results = {"logistic regression": (accuracy(baseline["Y_prediction_train"], train_y),
                                   accuracy(baseline["Y_prediction_test"], test_y))}
print("logistic regression: train {:.1%}, test {:.1%}".format(*results["logistic regression"]))

# %% [markdown]
# ## 2. A network with one hidden layer
#
# The first network has one hidden layer of relu units and a sigmoid output:
#
# $$X \xrightarrow{\;W^{[1]},\, b^{[1]}\;} \text{relu} \xrightarrow{\;W^{[2]},\, b^{[2]}\;}
#   \text{sigmoid} \to \hat Y, \qquad \texttt{layers\_dims} = (n_x, n_h, n_y).$$
#
# ### Exercise 2.1: `two_layer_model`
#
# Write `two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
# print_cost=False, rng=None)`, for inputs `X` of shape `(n_x, m)` and labels `Y` of shape
# `(1, m)`:
#
# 1. initialise with `initialize_parameters_deep(layers_dims, rng)`;
# 2. for each iteration `i` in `range(num_iterations)`:
#    - forward: `linear_activation_forward` with `"relu"` for layer 1, then with `"sigmoid"` for
#      layer 2, keeping both caches;
#    - the cost with `compute_cost`; when `i % 100 == 0`, append it to the list `costs` (so the
#      cost is recorded before that iteration's update), and if `print_cost` is true and
#      `i % 500 == 0`, print it too;
#    - backward: start from
#      $dA^{[2]} = -\big(Y / A^{[2]} - (1 - Y) / (1 - A^{[2]})\big)$, then
#      `linear_activation_backward` through layer 2 (`"sigmoid"`), and through layer 1
#      (`"relu"`) with the `dA1` that layer 2 returned;
#    - put `dW1`, `db1`, `dW2`, `db2` in a dictionary `grads` and update with
#      `update_parameters(parameters, grads, learning_rate)`. It returns the new parameters:
#      keep them.
# 3. return `(parameters, costs)`.
#
# The check trains your function on small made-up problems and compares the training accuracy
# it reaches with the reference's, and the number of recorded costs. It cannot compare the
# parameters themselves, which depend on the random start.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-two_layer_model", "locked": false, "schema_version": 3, "solution": true}
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
    """LINEAR -> RELU -> LINEAR -> SIGMOID trained on X (n_x, m), Y (1, m); returns (parameters, costs)."""
    if rng is None:
        rng = np.random.default_rng(0)
    costs = []
    ### BEGIN SOLUTION
    parameters = initialize_parameters_deep(layers_dims, rng)
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost and i % 500 == 0:
                print(f"Cost after iteration {i}: {cost:.6f}")
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
    ### END SOLUTION
    return parameters, costs


# %% nbgrader={"grade": true, "grade_id": "deep_nn-two_layer_model-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.two_layer_model", two_layer_model)
### BEGIN HIDDEN TESTS
check("deep_nn.two_layer_model", two_layer_model, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Now train it on the photographs: 7 hidden units, 1000 iterations at the default learning rate
# 0.0075. This takes a second or so.

# %%
two_layer_parameters, two_layer_costs = two_layer_model(
    train_X, train_y, (625, 7, 1), num_iterations=1000, print_cost=True, rng=np.random.default_rng(1))
results["2 layers (625, 7, 1)"] = (accuracy(predict(two_layer_parameters, train_X), train_y),
                                   accuracy(predict(two_layer_parameters, test_X), test_y))
print("2 layers: train {:.1%}, test {:.1%}".format(*results["2 layers (625, 7, 1)"]))

# %% [markdown]
# **What the hidden units look at.** Row $j$ of $W^{[1]}$ holds the 625 weights of hidden unit
# $j$, one per pixel, so it can be drawn as a $25 \times 25$ image, like unit 1's single weight
# vector: red pixels raise the unit's input $z_j$ when they are bright, blue ones lower it.
#
# Drawn as they are, the rows look like noise:

# %%
W1 = two_layer_parameters["W1"]
fig = plots.weight_images(W1, (25, 25), [f"unit {j + 1}" for j in range(7)],
                          suptitle="The rows of W1 after training")

# %% [markdown]
# The random start, of standard deviation $1/\sqrt{625} = 0.04$, is still larger than what 1000
# small steps of gradient descent added to it. Subtract the start (`initialize_parameters_deep`
# with the same seed gives it back) and faces appear: instead of unit 1's single template, the
# network has learned seven. The output layer combines them with the weights $w^{[2]}_j$ shown in
# the titles: a unit with a positive weight votes "face" when it responds, one with a negative
# weight votes "non-face".

# %%
W1_start = initialize_parameters_deep((625, 7, 1), np.random.default_rng(1))["W1"]
w2 = two_layer_parameters["W2"][0]
fig = plots.weight_images(W1 - W1_start, (25, 25), [f"unit {j + 1}, w2 = {w:+.2f}" for j, w in enumerate(w2)],
                          suptitle="What training added to the rows of W1")

# %% [markdown]
# ## 3. A deeper network
#
# ### Exercise 3.1: `L_layer_model`
#
# Write `L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
# print_cost=False, rng=None)`, the same loop for any depth, with part 1's whole-network
# functions:
#
# 1. `parameters = initialize_parameters_deep(layers_dims, rng)`;
# 2. for each iteration `i`: `AL, caches = L_model_forward(X, parameters)`; the cost, recorded
#    (and printed) exactly as in `two_layer_model`;
#    `grads = L_model_backward(AL, Y, caches)`;
#    `parameters = update_parameters(parameters, grads, learning_rate)`;
# 3. return `(parameters, costs)`.

# %% nbgrader={"grade": false, "grade_id": "deep_nn-L_layer_model", "locked": false, "schema_version": 3, "solution": true}
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
    """[LINEAR -> RELU] x (L - 1) -> LINEAR -> SIGMOID trained by gradient descent; returns (parameters, costs)."""
    if rng is None:
        rng = np.random.default_rng(0)
    costs = []
    ### BEGIN SOLUTION
    parameters = initialize_parameters_deep(layers_dims, rng)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost and i % 500 == 0:
                print(f"Cost after iteration {i}: {cost:.6f}")
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
    ### END SOLUTION
    return parameters, costs


# %% nbgrader={"grade": true, "grade_id": "deep_nn-L_layer_model-test", "locked": true, "schema_version": 3, "solution": false}
check("deep_nn.L_layer_model", L_layer_model)
### BEGIN HIDDEN TESTS
check("deep_nn.L_layer_model", L_layer_model, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Train a four-layer network, `[625, 20, 7, 5, 1]`, for 1000 iterations. Its cost falls more
# slowly than the two-layer network's at the default learning rate (try it), so it gets a larger
# one, 0.02.

# %%
layers_dims = [625, 20, 7, 5, 1]
deep_parameters, deep_costs = L_layer_model(train_X, train_y, layers_dims, learning_rate=0.02,
                                            num_iterations=1000, print_cost=True, rng=np.random.default_rng(1))
results["4 layers [625, 20, 7, 5, 1]"] = (accuracy(predict(deep_parameters, train_X), train_y),
                                          accuracy(predict(deep_parameters, test_X), test_y))
print("4 layers: train {:.1%}, test {:.1%}".format(*results["4 layers [625, 20, 7, 5, 1]"]))

# %% [markdown]
# ## 4. The comparison
#
# All three models fit the training set (or nearly). On the test set:

# %%
for name, (train_accuracy, test_accuracy) in results.items():
    print(f"{name:28s} train {train_accuracy:6.1%}   test {test_accuracy:6.1%}   "
          f"({round((1 - test_accuracy) * test_y.shape[1])} of {test_y.shape[1]} test images wrong)")
fig = plots.learning_curves({"logistic regression (learning rate 0.005)": baseline["costs"],
                             "2 layers (learning rate 0.0075)": two_layer_costs,
                             "4 layers (learning rate 0.02)": deep_costs},
                            title="Training cost of the three models")

# %% [markdown]
# With seed 1 both networks make one mistake on the test set where logistic regression makes
# three. One run is not a proof, though: with 50 test images every mistake moves the accuracy by
# 2 points, and the random start matters. The same runs with the 20 seeds 0 to 19 give these test
# accuracies (`utils/u03_seed_study.py` computes this table in about a minute):
#
# | model | mean | range | better than 94 % | equal | worse |
# |---|---|---|---|---|---|
# | 2 layers, 1000 iterations at 0.0075 | 96.5 % | 94 to 98 % | 15 seeds | 5 | 0 |
# | 4 layers, 1000 iterations at 0.02 | 96.8 % | 94 to 98 % | 19 seeds | 1 | 0 |
#
# The hidden layers help a little, about one test image in fifty, and never hurt here; on 150
# training images, more depth buys little more.
#
# **The mistakes.** The test images that at least one model gets wrong, with the models that get
# them wrong:

# %%
predictions = {"LR": baseline["Y_prediction_test"], "2L": predict(two_layer_parameters, test_X),
               "4L": predict(deep_parameters, test_X)}
wrong = {name: p[0] != test_y[0] for name, p in predictions.items()}
shown = np.flatnonzero(np.any(list(wrong.values()), axis=0))
titles = [f"a {classes[test_y[0, i]]}\nwrong: {', '.join(n for n in wrong if wrong[n][i])}" for i in shown]
fig = plots.image_grid(test_x_orig[shown], titles, size=1.6,
                       suptitle="Test mistakes (LR: logistic regression, 2L/4L: the networks)")

# %% [markdown]
# Which images fool every model, and which only logistic regression? Would you have hesitated
# on any of them yourself?

# %% [markdown]
# ## What to try next
#
# - Train the two-layer network with 2, 20 and 50 hidden units. Does the test accuracy follow
#   the number of units?
# - Train both networks for 5000 iterations. The training cost keeps falling; does the test
#   accuracy keep rising?
# - Repeat the four-layer run with seeds 0 to 4 and compute the mean and spread of the test
#   accuracy. How many test images is the difference with logistic regression worth?
# - Initialise the four-layer network with unit 2's `0.01 * N(0, 1)` weights (write your own
#   initialisation) and watch the cost: part 1's table explains what you see.
# - Unit 4 adds regularisation, which matters more as networks grow and data stays small.
