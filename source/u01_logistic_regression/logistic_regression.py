# %% [markdown]
# # Unit 1: Logistic regression as a single neuron
#
# In this unit you build a classifier that looks at a small grayscale photograph and says whether
# it shows a face. The model is logistic regression, which is a neural network with a single
# neuron, and you write every part of it: preparing the images, the forward pass and the cost,
# the gradients, gradient descent, prediction, and finally the whole training pipeline.
#
# You will write:
#
# | section | functions |
# |---|---|
# | 1. The data | `dataset_facts`, `flatten`, `standardize` |
# | 2. The model | `sigmoid`, `initialize_with_zeros`, `propagate` |
# | 3. Learning | `optimize`, `predict`, `model` |
#
# Then you will look at what the model learned and move its decision threshold with a widget.
# As in unit 0, run each test cell after its answer cell; it prints one line when your function
# is right and a precise message when it is not.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots, widgets
from course.checks import check
from course.data import load_faces

# %% [markdown]
# ## 1. The data: faces and non-faces
#
# The photographs come with scikit-image, so nothing is downloaded: 200 grayscale images of
# $25 \times 25$ pixels with values between 0 (black) and 1 (white). Half are faces from the
# *Labeled Faces in the Wild* collection; the other half are patches of other photographs. A fixed
# random split keeps 150 images for training and 50 for testing, half of each set faces.
#
# - `train_x_orig` has shape `(m_train, 25, 25)`: one image per index of the first axis.
# - `train_y` has shape `(1, m_train)`: label 1 for a face, 0 for a non-face.
# - `classes[label]` is the name of a label.

# %%
train_x_orig, train_y, test_x_orig, test_y, classes = load_faces()
fig = plots.image_grid(train_x_orig[:16], [classes[label] for label in train_y[0, :16]],
                       suptitle="The first 16 training images")

# %% [markdown]
# ### Exercise 1.1: `dataset_facts`
#
# Write `dataset_facts(train_x_orig, test_x_orig)` returning the tuple `(m_train, m_test, num_px)`:
# the number of training images, the number of test images, and the height (= width) of an image
# in pixels. Read them from the arrays' `shape`; do not write numbers in.
#
# Expected here, for stacks of the faces' sizes:
# `dataset_facts(np.zeros((150, 25, 25)), np.zeros((50, 25, 25)))` is `(150, 50, 25)`.

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-dataset_facts", "locked": false, "schema_version": 3, "solution": true}
def dataset_facts(train_x_orig, test_x_orig):
    """(m_train, m_test, num_px) for image stacks of shape (m, num_px, num_px)."""
    ### BEGIN SOLUTION
    m_train = train_x_orig.shape[0]
    m_test = test_x_orig.shape[0]
    num_px = train_x_orig.shape[1]
    return m_train, m_test, num_px
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-dataset_facts-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.dataset_facts", dataset_facts)
### BEGIN HIDDEN TESTS
check("logistic_regression.dataset_facts", dataset_facts, hidden=True)
### END HIDDEN TESTS

# %%
m_train, m_test, num_px = dataset_facts(train_x_orig, test_x_orig)
print(f"{m_train} training images, {m_test} test images, each {num_px} x {num_px} pixels")

# %% [markdown]
# ### Exercise 1.2: `flatten`
#
# The neuron takes each example as a column vector $x \in \mathbb{R}^{n_x}$ with
# $n_x = 25 \cdot 25 = 625$, and a whole dataset as a matrix $X$ of shape $(n_x, m)$ whose column
# $i$ is example $i$. (The course keeps this convention for every dense network: examples are
# columns.)
#
# Write `flatten(images)`: `images` has shape `(m, h, w)`; return shape `(h * w, m)` where column
# `i` is image `i` flattened in row-major order.
#
# *Hint:* `images.reshape(images.shape[0], -1)` gives one image per **row**; a transpose turns rows
# into columns. Note that `images.reshape(-1, m)` has the right shape but the wrong content: it
# cuts the data into pieces of the wrong length and mixes pixels of different images.
#
# Expected, for `images = np.arange(12.).reshape(3, 2, 2)`: `flatten(images)` is
# `array([[0., 4., 8.], [1., 5., 9.], [2., 6., 10.], [3., 7., 11.]])`.

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-flatten", "locked": false, "schema_version": 3, "solution": true}
def flatten(images):
    """Images (m, h, w) -> matrix (h * w, m) whose column i is image i, row-major."""
    ### BEGIN SOLUTION
    return images.reshape(images.shape[0], -1).T
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-flatten-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.flatten", flatten)
### BEGIN HIDDEN TESTS
check("logistic_regression.flatten", flatten, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 1.3: `standardize`
#
# Gradient descent converges faster when the inputs are centred on 0 and of moderate size. We
# use two statistics **of the training set only**:
#
# - the mean training image $\mu = \frac{1}{m_{\text{train}}} \sum_i x^{(i)}$, shape `(n_x, 1)`
#   (the mean of each pixel over the training images), and
# - one number $\sigma$: the standard deviation of all the centred training values
#   $x^{(i)}_j - \mu_j$, over every pixel and every image.
#
# Both sets become $(X - \mu) / \sigma$. The test set must use the *training* $\mu$ and $\sigma$:
# the model is trained on data prepared one way, and must see new data prepared the same way (and
# in practice a single test image has no statistics of its own). Dividing by one $\sigma$ for all
# pixels, rather than one per pixel, keeps the relative contrast between pixels.
#
# Write `standardize(X_train, X_test)` for matrices of shape `(n_x, m_train)` and `(n_x, m_test)`;
# return the tuple `(X_train_s, X_test_s)`. Use `np.mean(..., axis=1, keepdims=True)` and
# `np.std`. Note: $\sigma$ is the standard deviation, the square root of the variance.

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-standardize", "locked": false, "schema_version": 3, "solution": true}
def standardize(X_train, X_test):
    """Centre with the mean training example and divide by one training standard deviation."""
    ### BEGIN SOLUTION
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma = np.std(X_train - mu)
    return (X_train - mu) / sigma, (X_test - mu) / sigma
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-standardize-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.standardize", standardize)
### BEGIN HIDDEN TESTS
check("logistic_regression.standardize", standardize, hidden=True)
### END HIDDEN TESTS

# %%
train_X, test_X = standardize(flatten(train_x_orig), flatten(test_x_orig))
print("train_X:", train_X.shape, " test_X:", test_X.shape)
print(f"training set after standardising: mean {train_X.mean():.3f}, standard deviation {train_X.std():.3f}")

# %% [markdown]
# ## 2. The model
#
# For one example $x$, the neuron computes a weighted sum and squashes it into a probability:
#
# $$z = w^T x + b, \qquad \hat y = a = \sigma(z) = \frac{1}{1 + e^{-z}},$$
#
# with weights $w$ of shape $(n_x, 1)$ and a bias $b$ (a number). It predicts "face" when
# $a > 0.5$. How wrong $a$ is for the true label $y \in \{0, 1\}$ is measured by the
# cross-entropy loss, and the cost averages it over the $m$ training examples:
#
# $$\mathcal{L}(a, y) = -\big(y \log a + (1 - y) \log(1 - a)\big), \qquad
#   J(w, b) = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\big(a^{(i)}, y^{(i)}\big).$$
#
# When $y = 1$ the loss is $-\log a$, small when $a$ is close to 1; when $y = 0$ it is
# $-\log(1 - a)$, small when $a$ is close to 0. Learning means finding $w$ and $b$ that make $J$
# small.
#
# ### Exercise 2.1: `sigmoid`
#
# Write `sigmoid(z)` for an array of any shape (as in unit 0).

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-sigmoid", "locked": false, "schema_version": 3, "solution": true}
def sigmoid(z):
    """Element-wise sigmoid of z (any shape)."""
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-z))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-sigmoid-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.sigmoid", sigmoid)
### BEGIN HIDDEN TESTS
check("logistic_regression.sigmoid", sigmoid, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.2: `initialize_with_zeros`
#
# Write `initialize_with_zeros(dim)` returning `(w, b)`: `w` a column of zeros of shape
# `(dim, 1)` and `b = 0.0`. Starting from zeros is fine for a single neuron: the gradient differs
# from pixel to pixel, so the weights become different after the first step. (Unit 2 shows why a
# network with a hidden layer needs random starting weights instead.)

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-initialize_with_zeros", "locked": false, "schema_version": 3, "solution": true}
def initialize_with_zeros(dim):
    """w of zeros with shape (dim, 1), and b = 0.0."""
    ### BEGIN SOLUTION
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-initialize_with_zeros-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.initialize_with_zeros", initialize_with_zeros)
### BEGIN HIDDEN TESTS
check("logistic_regression.initialize_with_zeros", initialize_with_zeros, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.3: `propagate`
#
# Gradient descent needs the derivatives of $J$ with respect to $w$ and $b$. For one example,
# the chain rule through $a = \sigma(z)$ (with $\sigma'(z) = a(1 - a)$) gives a remarkably simple
# result:
#
# $$\frac{\partial \mathcal{L}}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}, \qquad
#   \frac{\partial \mathcal{L}}{\partial z} = \frac{\partial \mathcal{L}}{\partial a}\, a(1 - a)
#   = a - y,$$
#
# and since $z = w^T x + b$: $\partial \mathcal{L} / \partial w = x\,(a - y)$ and
# $\partial \mathcal{L} / \partial b = a - y$. Averaged over all examples at once, with
# $A = \sigma(w^T X + b)$ of shape $(1, m)$:
#
# $$J = -\frac{1}{m} \sum_{i=1}^m \left(y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)})\right),
#   \qquad \frac{\partial J}{\partial w} = \frac{1}{m} X (A - Y)^T, \qquad
#   \frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^m \big(a^{(i)} - y^{(i)}\big).$$
#
# Write `propagate(w, b, X, Y)` returning `(grads, cost)` where `grads = {"dw": dw, "db": db}`,
# `dw` has the shape of `w`, and `db` and `cost` are numbers: `np.sum` returns a number, and
# `.item()` turns a (1, 1) array into one (`float(...)` of an array that is not 0-d is an error in
# NumPy 2.4). No loops over examples.
#
# Expected, with `w = np.array([[1.], [2.]])`, `b = 1.5`,
# `X = np.array([[1., -2., -1.], [3., 0.5, -3.2]])`, `Y = np.array([[1., 1., 0.]])` and
# `grads, cost = propagate(w, b, X, Y)`: `grads["dw"]` is `array([[0.25071532], [-0.06604096]])`,
# `grads["db"]` is `-0.12500405` and `cost` is `0.15900538`.

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-propagate", "locked": false, "schema_version": 3, "solution": true}
def propagate(w, b, X, Y):
    """Cost and gradients: w (n_x, 1), b number, X (n_x, m), Y (1, m) -> ({"dw", "db"}, cost)."""
    m = X.shape[1]
    ### BEGIN SOLUTION
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = X @ (A - Y).T / m
    db = np.sum(A - Y) / m
    ### END SOLUTION
    grads = {"dw": dw, "db": db}
    return grads, cost


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-propagate-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.propagate", propagate)
### BEGIN HIDDEN TESTS
check("logistic_regression.propagate", propagate, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Learning
#
# ### Exercise 3.1: `optimize`
#
# Gradient descent repeats one step: compute the gradients, then move against them,
#
# $$w \leftarrow w - \alpha \frac{\partial J}{\partial w}, \qquad b \leftarrow b - \alpha \frac{\partial J}{\partial b},$$
#
# where $\alpha$ is the learning rate. Write `optimize(w, b, X, Y, num_iterations, learning_rate,
# print_cost=False)`: run `num_iterations` steps with your `propagate`; at every iteration `i`
# with `i % 100 == 0`, append the cost (computed in that iteration, before the update) to a list
# `costs`, and print it if `print_cost` is true. Return `(params, grads, costs)` with
# `params = {"w": w, "b": b}` after the last step and `grads` the gradients of the last
# iteration.

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-optimize", "locked": false, "schema_version": 3, "solution": true}
def optimize(w, b, X, Y, num_iterations, learning_rate, print_cost=False):
    """Gradient descent from (w, b); returns ({"w", "b"}, last grads, costs every 100 iterations)."""
    costs = []
    ### BEGIN SOLUTION
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    ### END SOLUTION
    params = {"w": w, "b": b}
    return params, grads, costs


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-optimize-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.optimize", optimize)
### BEGIN HIDDEN TESTS
check("logistic_regression.optimize", optimize, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 3.2: `predict`
#
# Write `predict(w, b, X)`: compute $A = \sigma(w^T X + b)$ and return an array of shape `(1, m)`
# holding 1.0 where $a > 0.5$ and 0.0 elsewhere. A comparison such as `A > 0.5` gives booleans;
# `.astype(float)` turns them into numbers.

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-predict", "locked": false, "schema_version": 3, "solution": true}
def predict(w, b, X):
    """Labels (1, m): 1.0 where sigmoid(w^T X + b) > 0.5, else 0.0."""
    ### BEGIN SOLUTION
    A = sigmoid(w.T @ X + b)
    return (A > 0.5).astype(float)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-predict-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.predict", predict)
### BEGIN HIDDEN TESTS
check("logistic_regression.predict", predict, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 3.3: `model`
#
# Put it together. Write `model(X_train, Y_train, X_test, Y_test, num_iterations=2000,
# learning_rate=0.005, print_cost=False)`: initialise with zeros, optimise on the training set, and
# predict both sets with the learned parameters. Return the dictionary
#
# ```python
# {"costs": costs, "Y_prediction_test": ..., "Y_prediction_train": ..., "w": w, "b": b,
#  "learning_rate": learning_rate, "num_iterations": num_iterations}
# ```

# %% nbgrader={"grade": false, "grade_id": "logistic_regression-model", "locked": false, "schema_version": 3, "solution": true}
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005, print_cost=False):
    """Train logistic regression from zeros and predict both sets; returns a dict (see above)."""
    ### BEGIN SOLUTION
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    ### END SOLUTION
    return {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


# %% nbgrader={"grade": true, "grade_id": "logistic_regression-model-test", "locked": true, "schema_version": 3, "solution": false}
check("logistic_regression.model", model)
### BEGIN HIDDEN TESTS
check("logistic_regression.model", model, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Now train on the photographs. Accuracy is the percentage of correct predictions.

# %%
d = model(train_X, train_y, test_X, test_y, num_iterations=2000, learning_rate=0.005, print_cost=True)
train_accuracy = 100 * np.mean(d["Y_prediction_train"] == train_y)
test_accuracy = 100 * np.mean(d["Y_prediction_test"] == test_y)
print(f"train accuracy: {train_accuracy:.1f} %   test accuracy: {test_accuracy:.1f} %")

# %% [markdown]
# With 625 weights and only 150 training images the model fits the training set perfectly or
# almost; the test accuracy, on images it never saw, is the number that matters.
#
# ## 4. What the model learned
#
# **The learning rate.** Too small and the cost falls slowly; larger rates fall faster. The
# curves below start from the same zeros, and all three fall smoothly. A rate that is too large
# overshoots: with 0.5 the cost goes from 0.69 up to 1.31 by the third step and the training
# accuracy swings between 76 % and 99 %; worse, some probabilities round to exactly 1, and at
# most steps the cost is `nan` ($0 \cdot \log 0$).

# %%
curves = {}
for rate in (0.001, 0.005, 0.02):
    run = model(train_X, train_y, test_X, test_y, num_iterations=1500, learning_rate=rate)
    curves[f"learning rate {rate} (test {100 * np.mean(run['Y_prediction_test'] == test_y):.0f} %)"] = run["costs"]
fig = plots.learning_curves(curves, title="Cost during training, for three learning rates")

# %% [markdown]
# **The mistakes.** Here are the test images the model gets wrong, with the true label and the
# prediction. Are they hard for you too?

# %%
wrong = np.flatnonzero(d["Y_prediction_test"][0] != test_y[0])
titles = [f"true {classes[test_y[0, i]]}\nsaid {classes[int(d['Y_prediction_test'][0, i])]}" for i in wrong]
if len(wrong):
    fig = plots.image_grid(test_x_orig[wrong], titles, size=1.6)
else:
    print("No mistakes on the test set.")

# %% [markdown]
# **The weights as an image.** Each weight multiplies one pixel, so $w$ can be drawn as a
# $25 \times 25$ image. Red pixels push the prediction towards "face" when they are bright, blue
# ones towards "non-face". A single neuron learns one template: you may recognise the outline of
# a face, bright cheeks and forehead, dark eyes.

# %%
fig = plots.weights_image(d["w"], (num_px, num_px), title="w, reshaped to 25 x 25")

# %% [markdown]
# ## 5. The decision threshold
#
# `predict` calls an image a face when the probability exceeds 0.5. That threshold is a choice.
# A lower one finds more faces (higher *recall*: the fraction of true faces found) at the price
# of more false alarms (lower *precision*: the fraction of "face" predictions that are right).
# With $TP$, $FP$, $FN$ the true positives, false positives and false negatives,
#
# $$\text{precision} = \frac{TP}{TP + FP}, \qquad \text{recall} = \frac{TP}{TP + FN}, \qquad
#   F_1 = \frac{2\,\text{precision}\cdot\text{recall}}{\text{precision} + \text{recall}}.$$
#
# Move the slider and watch the test set's confusion matrix and the three numbers change.

# %%
test_probabilities = sigmoid(d["w"].T @ test_X + d["b"])
explorer = widgets.threshold_explorer(test_probabilities, test_y, classes)
explorer

# %% [markdown]
# ## What to try next
#
# - Train for 10 000 iterations with learning rate 0.005. Does the test accuracy improve, or does
#   the model only fit the training set better?
# - Skip `standardize` (use `flatten(...)` directly) and compare the learning curves.
# - Find the threshold with the best F1 on the test set. Why is choosing it on the test set
#   cheating, and what should you use instead?
# - Unit 2 adds a hidden layer, which lets the model draw curved decision boundaries.
