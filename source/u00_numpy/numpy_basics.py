# %% [markdown]
# # Unit 0: Python and NumPy for deep learning
#
# Every later unit of this course builds neural networks out of NumPy arrays, so this one makes
# sure the tools feel natural. You will write ten small functions:
#
# | section | you write | the idea |
# |---|---|---|
# | 1 | `basic_sigmoid`, `sigmoid`, `sigmoid_derivative` | `math` works on numbers, NumPy on whole arrays |
# | 2 | `image2vector`, `normalize_rows` | shapes, `reshape`, `keepdims` |
# | 3 | `broadcast_shape`, `center_rows` | broadcasting, and the rank-1 array bug |
# | 4 | `softmax` | a numerically safe softmax |
# | 5 | `L1`, `L2` | vectorised losses, and why vectorising matters |
#
# **How this notebook works.** Write your code between `# YOUR CODE HERE` and the end of each
# answer cell (delete the `raise NotImplementedError()` line). Then run the test cell below it.
# A correct function prints one line, such as `numpy.sigmoid: all 2 visible cases passed.`
# A wrong one stops with a message saying which call went wrong, which output, and how:
# the wrong type, the wrong shape, or wrong values with the expected and the actual numbers.
# When grading, the same tests also run on hidden random inputs, so write general code, not
# code that only fits the examples. Do not import the course's reference solutions
# (`course.nn`): the checks notice.
#
# Run the next cell first: it imports everything this notebook needs.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import math
import time

import numpy as np

from course import plots
from course.checks import check

# %% [markdown]
# ## 1. The sigmoid function, with `math` and with NumPy
#
# The sigmoid (or logistic) function squashes any real number into the interval $(0, 1)$:
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}.$$
#
# It is the output unit of logistic regression (unit 1), where $\sigma(z)$ is read as the
# probability that an example belongs to the positive class.
#
# ### Exercise 1.1: `basic_sigmoid`
#
# Write `basic_sigmoid(x)` for a single real number `x`, using `math.exp` from Python's standard
# library. It must return a Python `float`.
#
# *Hint:* `math.exp(2.0)` is $e^2 \approx 7.389$.
#
# Expected: `basic_sigmoid(3.0)` is `0.9525741268224334`.

# %% nbgrader={"grade": false, "grade_id": "numpy-basic_sigmoid", "locked": false, "schema_version": 3, "solution": true}
def basic_sigmoid(x):
    """Sigmoid of one real number x, computed with math.exp; returns a Python float."""
    ### BEGIN SOLUTION
    return 1 / (1 + math.exp(-x))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-basic_sigmoid-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.basic_sigmoid", basic_sigmoid)
### BEGIN HIDDEN TESTS
check("numpy.basic_sigmoid", basic_sigmoid, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# In deep learning we rarely apply a function to a single number: we apply it to a whole vector
# or matrix of numbers at once. `math.exp` cannot do that. Run the next cell to see what happens
# when it is given an array.

# %%
x = np.array([1.0, 2.0, 3.0])
try:
    math.exp(x)
except TypeError as error:
    print("math.exp on an array fails:", error)
print("np.exp works element by element:", np.exp(x))

# %% [markdown]
# NumPy functions such as `np.exp`, `np.log` and `np.abs`, and the operators `+ - * / **`, act
# *element-wise*: on an array of any shape they return an array of the same shape, each entry
# computed from the corresponding entry (or entries) of the inputs. For $x = (x_1, \dots, x_n)$,
#
# $$\sigma(x) = \left(\frac{1}{1+e^{-x_1}}, \dots, \frac{1}{1+e^{-x_n}}\right).$$
#
# ### Exercise 1.2: `sigmoid`
#
# Write `sigmoid(x)` for a NumPy array `x` of any shape, using `np.exp`. The output has the shape
# of `x`. No loops.
#
# Expected: `sigmoid(np.array([1.0, 2.0, 3.0]))` is `array([0.73105858, 0.88079708, 0.95257413])`.

# %% nbgrader={"grade": false, "grade_id": "numpy-sigmoid", "locked": false, "schema_version": 3, "solution": true}
def sigmoid(x):
    """Element-wise sigmoid of an array x of any shape; same shape out."""
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-x))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-sigmoid-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.sigmoid", sigmoid)
### BEGIN HIDDEN TESTS
check("numpy.sigmoid", sigmoid, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 1.3: `sigmoid_derivative`
#
# Backpropagation (unit 1 onwards) needs the derivative of every function in the network. The
# sigmoid's derivative has a convenient form. With $s = \sigma(x)$,
#
# $$\sigma'(x) = \frac{e^{-x}}{(1+e^{-x})^2}
#   = \frac{1}{1+e^{-x}} \cdot \frac{(1 + e^{-x}) - 1}{1+e^{-x}} = s\,(1 - s).$$
#
# Write `sigmoid_derivative(x)`: compute `s` with your `sigmoid`, then return `s * (1 - s)`,
# element-wise, same shape as `x`.
#
# Expected: `sigmoid_derivative(np.array([1.0, 2.0, 3.0]))` is
# `array([0.19661193, 0.10499359, 0.04517666])`.

# %% nbgrader={"grade": false, "grade_id": "numpy-sigmoid_derivative", "locked": false, "schema_version": 3, "solution": true}
def sigmoid_derivative(x):
    """Element-wise derivative of the sigmoid at x (any shape); same shape out."""
    ### BEGIN SOLUTION
    s = sigmoid(x)
    return s * (1 - s)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-sigmoid_derivative-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.sigmoid_derivative", sigmoid_derivative)
### BEGIN HIDDEN TESTS
check("numpy.sigmoid_derivative", sigmoid_derivative, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Here are both functions. The derivative is largest at $x = 0$, where it equals
# $\tfrac12 \cdot \tfrac12 = \tfrac14$, and almost zero when $|x|$ is large: there the sigmoid is
# flat, or *saturated*, and a gradient passing through it nearly vanishes. Unit 4 returns to
# this when it studies how networks are initialised.

# %%
xs = np.linspace(-8, 8, 401)
fig = plots.functions(xs, {r"$\sigma(x)$": sigmoid(xs), r"$\sigma'(x) = s(1-s)$": sigmoid_derivative(xs)},
                      title="The sigmoid and its derivative")

# %% [markdown]
# ## 2. Shapes: reshaping and normalising
#
# Every NumPy array has a `shape`, the tuple of its sizes along each axis. Most bugs in a
# network written by hand are shape bugs, so this course states the shape of every input and
# output, and the checks report a wrong shape before anything else.
#
# ### Exercise 2.1: `image2vector`
#
# A colour image is stored as an array of shape $(\text{height}, \text{width}, 3)$: one value
# per pixel and colour channel. A fully connected network wants each example as one column
# vector, so the image must be flattened to shape $(\text{height} \cdot \text{width} \cdot 3, 1)$.
#
# Write `image2vector(image)` for an array of shape `(h, w, c)`, returning shape `(h * w * c, 1)`,
# entries in NumPy's default (row-major) order. Use `image.reshape`; read the sizes from
# `image.shape` rather than writing numbers in.
#
# *Hint:* in `reshape`, one size may be `-1`, meaning "whatever makes the total right".
#
# Expected, for the image `image = np.arange(18).reshape(3, 3, 2) / 10`:
# `image2vector(image).shape` is `(18, 1)` and `image2vector(image)[:3]` is
# `array([[0.], [0.1], [0.2]])` (the first three rows).

# %% nbgrader={"grade": false, "grade_id": "numpy-image2vector", "locked": false, "schema_version": 3, "solution": true}
def image2vector(image):
    """Flatten an image of shape (h, w, c) into a column vector of shape (h * w * c, 1)."""
    ### BEGIN SOLUTION
    return image.reshape(-1, 1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-image2vector-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.image2vector", image2vector)
### BEGIN HIDDEN TESTS
check("numpy.image2vector", image2vector, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# **Reshaping is cheap.** `reshape` usually copies nothing: it returns a *view*, a new shape
# laid over the same block of memory. The next cell reshapes a 67 MB array in microseconds and
# shows that the view shares memory with the original.

# %%
big = np.zeros((2048, 4096))
start = time.perf_counter()
flat = big.reshape(-1, 1)
elapsed = time.perf_counter() - start
print(f"reshaped {big.nbytes / 1e6:.0f} MB in {elapsed * 1e6:.1f} microseconds")
print("shares memory with the original:", np.shares_memory(big, flat))
del big, flat

# %% [markdown]
# ### Exercise 2.2: `normalize_rows`
#
# Gradient descent often works better when the inputs are on comparable scales. One way is to
# divide each row $x_i$ of a matrix by its Euclidean norm,
#
# $$\|x_i\| = \sqrt{\textstyle\sum_j x_{ij}^2}, \qquad x_i \leftarrow \frac{x_i}{\|x_i\|},$$
#
# so every row then has length 1. For
# $x = \begin{pmatrix} 0 & 3 & 4 \\ 1 & 6 & 4 \end{pmatrix}$ the norms are $5$ and
# $\sqrt{53}$.
#
# Write `normalize_rows(x)` for `x` of shape `(m, n)`, returning shape `(m, n)`. Compute all the
# norms at once with `np.linalg.norm(x, axis=1, keepdims=True)`, shape `(m, 1)`, and divide.
# `keepdims=True` keeps the summed axis with size 1, so that the `(m, 1)` norms line up with the
# `(m, n)` matrix (section 3 explains why). Return a new array; do not change `x` in place.
#
# Expected: `normalize_rows(np.array([[0., 3., 4.], [1., 6., 4.]]))` is
# `array([[0., 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]])`.

# %% nbgrader={"grade": false, "grade_id": "numpy-normalize_rows", "locked": false, "schema_version": 3, "solution": true}
def normalize_rows(x):
    """Divide each row of x, shape (m, n), by its Euclidean norm; shape (m, n) out."""
    ### BEGIN SOLUTION
    return x / np.linalg.norm(x, axis=1, keepdims=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-normalize_rows-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.normalize_rows", normalize_rows)
### BEGIN HIDDEN TESTS
check("numpy.normalize_rows", normalize_rows, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Broadcasting, and the rank-1 array bug
#
# In `normalize_rows` you divided an `(m, n)` matrix by an `(m, 1)` column. NumPy made that work
# by *broadcasting*: it behaves as if the column were copied $n$ times side by side, without
# copying anything in memory. The rules, for an operation on arrays `a` and `b`:
#
# 1. Write the two shapes one above the other, **aligned on the right**. If one shape is
#    shorter, pad it on the left with 1s.
# 2. Compare the sizes column by column. Two sizes are compatible when they are **equal, or one
#    of them is 1**. Otherwise NumPy raises `ValueError: operands could not be broadcast`.
# 3. The result's size in each column is the larger of the two; an operand of size 1 there is
#    repeated along that axis.
#
# For example `(3, 4)` with `(4,)`: pad to `(1, 4)`, compare `3 / 1` and `4 / 4`, result `(3, 4)`:
# the row vector is added to every row. The figure shows this case and an outer-sum case where
# both operands are stretched.

# %%
fig = plots.broadcasting((3, 4), (4,))
fig = plots.broadcasting((3, 1), (1, 4))

# %% [markdown]
# **Quiz.** Before running the next cell, predict the shape of `a + b` (or an error) for each
# pair of shapes. Then run it to see what NumPy says.

# %%
quiz = [((3, 4), (4,)), ((2, 1), (1, 3)), ((3,), (4,)), ((5, 1, 4), (3, 1)), ((4, 3), (4,)), ((1,), (7, 1))]
for shape_a, shape_b in quiz:
    try:
        result = (np.zeros(shape_a) + np.zeros(shape_b)).shape
    except ValueError:
        result = "error: incompatible"
    print(f"{str(shape_a):>10} + {str(shape_b):<8} -> {result}")

# %% [markdown]
# ### Exercise 3.1: `broadcast_shape`
#
# Now turn the rules into code. Write `broadcast_shape(shape_a, shape_b)`: given two shapes as
# tuples of positive integers, return the shape of `a + b` as a tuple of ints, or `None` if the
# shapes are incompatible. Do not create arrays or call NumPy's broadcasting functions:
# implement the three rules above with tuples and a loop.
#
# *Hint:* pad the shorter shape with `(1,) * k` on the left, then walk both with `zip`.
#
# Expected: `broadcast_shape((5, 1, 4), (3, 1))` is `(5, 3, 4)`, and
# `broadcast_shape((4, 3), (4,))` is `None`. The quiz pairs above are the visible test cases.

# %% nbgrader={"grade": false, "grade_id": "numpy-broadcast_shape", "locked": false, "schema_version": 3, "solution": true}
def broadcast_shape(shape_a, shape_b):
    """Shape (a tuple) of a + b for arrays of shapes shape_a and shape_b, or None if incompatible."""
    ### BEGIN SOLUTION
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    result = []
    for size_a, size_b in zip(a, b):
        if size_a == size_b or size_b == 1:
            result.append(size_a)
        elif size_a == 1:
            result.append(size_b)
        else:
            return None
    return tuple(result)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-broadcast_shape-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.broadcast_shape", broadcast_shape)
### BEGIN HIDDEN TESTS
check("numpy.broadcast_shape", broadcast_shape, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Rank-1 arrays: `(n,)` is not `(n, 1)`
#
# An array of shape `(n,)` has one axis: it is neither a row nor a column. Reductions such as
# `x.sum(axis=1)` or `x.mean(axis=1)` return one, and so does indexing such as `x[:, 0]`. By
# rule 1 above, a shape `(n,)` is padded *on the left* to `(1, n)`, so in arithmetic with a matrix
# it behaves as a **row**, even when you meant it as a column. The result is one of two bugs:
#
# - a `ValueError` when the shapes happen to be incompatible (the lucky case), or
# - silently wrong numbers when the matrix is square, because then `(n,)` lines up with the
#   columns and broadcasts without complaint.
#
# The function below is meant to subtract from each row of `x` the mean of that row. Run it on a
# `(2, 3)` matrix and on a `(3, 3)` one.

# %%
def center_rows_buggy(x):
    row_means = x.mean(axis=1)     # shape (m,): a rank-1 array
    return x - row_means           # (m, n) - (m,) broadcasts (m,) as a row


try:
    center_rows_buggy(np.array([[1.0, 2.0, 3.0], [4.0, 6.0, 8.0]]))
except ValueError as error:
    print("(2, 3) matrix:", error)
square = np.array([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0], [0.0, 0.0, 3.0]])
print("(3, 3) matrix, no error, but the rows are not centred:\n", center_rows_buggy(square))

# %% [markdown]
# Each row of a correct result would have mean 0, like `[-1, 0, 1]` for the first row; the
# square case above returns nothing of the sort, and raises no error.
#
# ### Exercise 3.2: `center_rows`
#
# Write the fixed version, `center_rows(x)`: `x` has shape `(m, n)`; subtract from each row its
# own mean; return shape `(m, n)`. Keep the means as a column of shape `(m, 1)`, with
# `keepdims=True` (or `.reshape(-1, 1)`). A good habit when a shape matters: state it with an
# `assert`, e.g. `assert row_means.shape == (x.shape[0], 1)`.
#
# Expected, with the matrix above, `square = np.array([[1., 2., 3.], [10., 20., 30.], [0., 0., 3.]])`:
# `center_rows(square)` is `array([[-1., 0., 1.], [-10., 0., 10.], [-1., -1., 2.]])`.

# %% nbgrader={"grade": false, "grade_id": "numpy-center_rows", "locked": false, "schema_version": 3, "solution": true}
def center_rows(x):
    """Subtract from each row of x, shape (m, n), the mean of that row; shape (m, n) out."""
    ### BEGIN SOLUTION
    row_means = np.mean(x, axis=1, keepdims=True)
    assert row_means.shape == (x.shape[0], 1)
    return x - row_means
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-center_rows-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.center_rows", center_rows)
### BEGIN HIDDEN TESTS
check("numpy.center_rows", center_rows, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Softmax
#
# Softmax turns a vector of $n$ real scores into $n$ probabilities that sum to 1. It is the
# output layer of every multi-class classifier in this course. For a row $x = (x_1, \dots, x_n)$,
#
# $$\operatorname{softmax}(x)_j = \frac{e^{x_j}}{\sum_{k=1}^{n} e^{x_k}}.$$
#
# Written directly, this fails on large scores: $e^{1000}$ overflows to `inf` and the division
# gives `nan`. The fix costs nothing. For any constant $c$,
#
# $$\frac{e^{x_j - c}}{\sum_k e^{x_k - c}} = \frac{e^{-c}\, e^{x_j}}{e^{-c} \sum_k e^{x_k}}
#   = \frac{e^{x_j}}{\sum_k e^{x_k}},$$
#
# so subtracting $c = \max_k x_k$ from every score changes nothing mathematically. After the
# shift the largest exponent is $e^0 = 1$: nothing can overflow, and the sum is at least 1.
#
# ### Exercise 4.1: `softmax`
#
# Write `softmax(x)` for `x` of shape `(m, n)`: apply softmax to **each row** independently and
# return shape `(m, n)`. Subtract each row's own maximum before `np.exp` (a maximum over the
# whole array is not enough: a row far below it would underflow to all zeros). Use `axis=1` and
# `keepdims=True` for the maximum and the sum.
#
# Expected: `softmax(np.array([[1000., 1001., 1002.], [-2., 0., 2.]]))` is
# `array([[0.09003057, 0.24472847, 0.66524096], [0.01587624, 0.11731043, 0.86681333]])`.
# The first row is `[0, 1, 2]` plus 1000, and its softmax is that of `[0, 1, 2]`: only the
# differences between scores matter.
#
# The check's first case appears in its messages only as an array of shape `(2, 5)`; here it is.
# Expected: `softmax(np.array([[9., 2., 5., 0., 0.], [7., 5., 0., 0., 0.]]))` is
# `array([[0.98090, 0.00089, 0.01797, 0.00012, 0.00012], [0.87868, 0.11892, 0.00080, 0.00080, 0.00080]])`.

# %% nbgrader={"grade": false, "grade_id": "numpy-softmax", "locked": false, "schema_version": 3, "solution": true}
def softmax(x):
    """Row-wise softmax of x, shape (m, n), shifted by each row's maximum; shape (m, n) out."""
    ### BEGIN SOLUTION
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-softmax-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.softmax", softmax)
### BEGIN HIDDEN TESTS
check("numpy.softmax", softmax, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Vectorisation, and two loss functions
#
# A Python loop over the entries of an array runs the interpreter once per entry; a NumPy
# function runs one compiled loop over the whole block of memory. The next cell times the dot
# product $\sum_i a_i b_i$ both ways for sizes from $10^2$ to $10^6$ and plots the times on
# log-log axes. The loop's line is straight with slope 1: its time is proportional to $n$.
# NumPy's is almost flat for small arrays, where the fixed cost of one function call dominates,
# and then grows with $n$ too, but lower: about 30 times lower at $10^2$ elements, and several
# hundred times lower for the large arrays (the exact factors depend on the machine and on how
# many cores NumPy may use).

# %%
def loop_dot(a, b):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


def best_time(fn, *args, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


rng = np.random.default_rng(0)
sizes = [10**2, 10**3, 10**4, 10**5, 10**6]
seconds = {"Python loop": [], "np.dot": []}
for n in sizes:
    a, b = rng.random(n), rng.random(n)
    assert np.isclose(loop_dot(a, b), np.dot(a, b))
    seconds["Python loop"].append(best_time(loop_dot, a, b, repeat=1 if n >= 10**6 else 3))
    seconds["np.dot"].append(best_time(np.dot, a, b, repeat=20))
fig = plots.timings(sizes, seconds, title="Dot product: Python loop vs NumPy")

# %% [markdown]
# A network's cost function compares its predictions $\hat y$ with the true labels $y$. Two
# simple ones, for vectors of $m$ values:
#
# $$L_1(\hat y, y) = \sum_{i=1}^{m} |y_i - \hat y_i|, \qquad
#   L_2(\hat y, y) = \sum_{i=1}^{m} (y_i - \hat y_i)^2.$$
#
# Note that $L_2$ here is the *sum of squares*, with no square root (the Euclidean norm would be
# its square root) and no division by $m$ (a mean would be).
#
# ### Exercise 5.1: `L1` and Exercise 5.2: `L2`
#
# Write both for `yhat` and `y` of shape `(m,)`, vectorised (no loops), each returning a number
# (a Python or NumPy float). For `L2`, `np.sum` of squares or `np.dot` of the difference with
# itself both work.
#
# Expected, with `yhat = np.array([.9, .2, .1, .4, .9])` and `y = np.array([1., 0., 0., 1., 1.])`:
# `L1(yhat, y)` is `1.1` and `L2(yhat, y)` is `0.43`.

# %% nbgrader={"grade": false, "grade_id": "numpy-L1", "locked": false, "schema_version": 3, "solution": true}
def L1(yhat, y):
    """L1 loss: sum of |y - yhat| over all entries; yhat and y have shape (m,). Returns a number."""
    ### BEGIN SOLUTION
    return np.sum(np.abs(y - yhat))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-L1-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.L1", L1)
### BEGIN HIDDEN TESTS
check("numpy.L1", L1, hidden=True)
### END HIDDEN TESTS

# %% nbgrader={"grade": false, "grade_id": "numpy-L2", "locked": false, "schema_version": 3, "solution": true}
def L2(yhat, y):
    """L2 loss: sum of (y - yhat)^2 over all entries; yhat and y have shape (m,). Returns a number."""
    ### BEGIN SOLUTION
    diff = y - yhat
    return np.dot(diff, diff)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "numpy-L2-test", "locked": true, "schema_version": 3, "solution": false}
check("numpy.L2", L2)
### BEGIN HIDDEN TESTS
check("numpy.L2", L2, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## What to try next
#
# - Time `sigmoid` on a $10^6$-element array against a list comprehension of `basic_sigmoid`,
#   and add the two lines to the timing plot.
# - Call your `softmax` on a `(1, 3)` row and on a `(3,)` rank-1 array. Which one fails, and
#   why? How would you make it accept both (look up `axis=-1`)?
# - Find the broadcasting in your own code: for each `+ - * /` between arrays of different
#   shapes, write down the two shapes and check them against the rules with `broadcast_shape`.
# - Unit 1 uses everything here to train logistic regression on real photographs: images
#   flattened with `image2vector`, standardised inputs, and the sigmoid as the output unit.
#
# When every test cell passes, save the notebook and press **Validate** in the toolbar.
