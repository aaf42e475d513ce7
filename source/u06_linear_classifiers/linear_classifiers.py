# %% [markdown]
# # Unit 6: Image classification with kNN, SVM and softmax on handwritten digits
#
# This unit classifies real images: 8 x 8 photographs of handwritten digits that ship with
# scikit-learn. You will build three classifiers from scratch and compare them:
#
# 1. **k-nearest neighbours (kNN)**: no training at all; a test image gets the majority label of
#    the $k$ training images closest to it. You will compute the distances three ways (two loops,
#    one loop, no loops) and time them, then choose $k$ by **k-fold cross-validation**.
# 2. A **linear SVM**: scores $s = xW$, trained with the multiclass hinge loss.
# 3. A **softmax classifier**: the same scores, trained with the cross-entropy loss.
#
# Both linear classifiers are trained by **mini-batch stochastic gradient descent** in a small
# `LinearClassifier` class, and their weights can be looked at as one template image per digit.
#
# You will write `compute_distances_two_loops`, `compute_distances_one_loop`,
# `compute_distances_no_loops`, `predict_labels`, `cross_validate_k`, `svm_loss_naive`,
# `svm_loss_vectorized`, `softmax_loss_naive`, `softmax_loss_vectorized` and `LinearClassifier`.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots
from course.bench import best_seconds
from course.checks import check
from course.data.digits import load_digits
from course.nn.gradcheck import numerical_gradient, relative_error
from course.nn.metrics import accuracy

# %% [markdown]
# ## 1. The data, and rows as examples
#
# `load_digits()` reads scikit-learn's bundled digits (no download): 1797 grayscale images of
# 8 x 8 pixels. The raw intensities are integers 0..16; the loader divides them by 16, so pixels lie
# in $[0, 1]$, and flattens each image into 64 values. It splits them with a fixed seed into
# **1497 training** and **300 test** images (30 of each digit).
#
# **Rows as examples.** Until now the course put one example per *column*: $X$ of shape
# $(n_x, m)$ and $Z = WX + b$. This unit follows the other common convention, used by most
# libraries (scikit-learn, PyTorch, pandas): one example per **row**,
#
# $$X \in \mathbb{R}^{N \times D}, \qquad y \in \{0, \dots, C-1\}^N, \qquad W \in \mathbb{R}^{D \times C},
#   \qquad S = XW \in \mathbb{R}^{N \times C},$$
#
# so that row $i$ of $S$ holds the $C$ class scores of example $i$. Both conventions describe the
# same computation: transposing everything, $S^\top = W^\top X^\top$, turns one into the other
# (`X_cols = X_rows.T`, `W_cols = W_rows.T`). Columns match the maths of a single neuron
# ($z = w^\top x + b$ with column vectors); rows match how data is stored on disk, one record
# per line, and make `X[i]` the $i$-th example.
#
# **The bias.** Instead of a separate $b$, we append a column of ones to $X$ (so $D = 64 + 1$): the
# last row of $W$ then plays the part of $b$, and every formula below needs only $W$.

# %%
X_train_raw, y_train, X_test_raw, y_test = load_digits()
print("X_train:", X_train_raw.shape, " y_train:", y_train.shape, " X_test:", X_test_raw.shape, " y_test:", y_test.shape)
print("pixel range:", X_train_raw.min(), "to", X_train_raw.max(), "  labels:", np.unique(y_train))
fig = plots.image_grid(X_train_raw[:20].reshape(-1, 8, 8), [f"label {c}" for c in y_train[:20]], ncols=10,
                       suptitle="The first 20 training images")

# %% [markdown]
# ## 2. k-nearest neighbours
#
# kNN memorises the training set. To label a test image $x$ it finds the $k$ training images
# nearest to $x$ and takes a vote. "Nearest" uses the Euclidean (L2) distance between the flattened
# images:
#
# $$d(x, t) = \lVert x - t \rVert_2 = \sqrt{\sum_{p=1}^{D} (x_p - t_p)^2}.$$
#
# All distances between the `num_test` rows of `X` and the `num_train` rows of `X_train` form a
# matrix `dists` of shape `(num_test, num_train)`, with `dists[i, j]` $= d(X_i, \text{X\_train}_j)$.
# You will compute it three times, each faster than the last.
#
# ### Exercise 1: `compute_distances_two_loops`
#
# Loop over the test rows `i` and the training rows `j`; compute each `dists[i, j]` from the two
# rows `X[i]` and `X_train[j]` (one `np.sum` and one `np.sqrt`).
#
# Expected, for the first test case, `X = np.array([[0., 0.], [1., 2.], [3., 1.]])` and
# `X_train = np.array([[0., 1.], [2., 2.], [3., 0.], [-1., -1.]])`:
# `compute_distances_two_loops(X, X_train)` is `array([[1., 2.82842712, 3., 1.41421356],
# [1.41421356, 1., 2.82842712, 3.60555128], [3., 1.41421356, 1., 4.47213595]])`.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-compute_distances_two_loops", "locked": false, "schema_version": 3, "solution": true}
def compute_distances_two_loops(X, X_train):
    """Euclidean distances between the rows of X (num_test, D) and X_train (num_train, D).

    Returns dists (num_test, num_train), computed with two nested loops.
    """
    dists = np.zeros((X.shape[0], X_train.shape[0]))
    for i in range(X.shape[0]):
        for j in range(X_train.shape[0]):
            ### BEGIN SOLUTION
            dists[i, j] = np.sqrt(np.sum((X[i] - X_train[j]) ** 2))
            ### END SOLUTION
    return dists


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-compute_distances_two_loops-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.compute_distances_two_loops", compute_distances_two_loops)
### BEGIN HIDDEN TESTS
check("linear_classifiers.compute_distances_two_loops", compute_distances_two_loops, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2: `compute_distances_one_loop`
#
# Loop over the test rows only. `X_train - X[i]` broadcasts the row `X[i]` (shape `(D,)`) against
# every training row, giving `(num_train, D)` differences; sum their squares along the features
# (`axis=1`) and take the square root to fill the whole row `dists[i]` at once.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-compute_distances_one_loop", "locked": false, "schema_version": 3, "solution": true}
def compute_distances_one_loop(X, X_train):
    """Euclidean distances between the rows of X (num_test, D) and X_train (num_train, D).

    Returns dists (num_test, num_train), computed with one loop over the test rows.
    """
    dists = np.zeros((X.shape[0], X_train.shape[0]))
    for i in range(X.shape[0]):
        ### BEGIN SOLUTION
        dists[i] = np.sqrt(np.sum((X_train - X[i]) ** 2, axis=1))
        ### END SOLUTION
    return dists


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-compute_distances_one_loop-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.compute_distances_one_loop", compute_distances_one_loop)
### BEGIN HIDDEN TESTS
check("linear_classifiers.compute_distances_one_loop", compute_distances_one_loop, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 3: `compute_distances_no_loops`
#
# Expand the square:
#
# $$\lVert x - t \rVert^2 = \lVert x \rVert^2 - 2\, x \cdot t + \lVert t \rVert^2 .$$
#
# For all pairs at once, each of the three terms is an array you can build without a loop:
#
# - $\lVert X_i \rVert^2$: `np.sum(X ** 2, axis=1)`, shape `(num_test,)`; make it a column
#   `(num_test, 1)`;
# - $X_i \cdot \text{X\_train}_j$ for all $i, j$: the matrix product `X @ X_train.T`,
#   shape `(num_test, num_train)`;
# - $\lVert \text{X\_train}_j \rVert^2$: `np.sum(X_train ** 2, axis=1)`, shape `(num_train,)`, which
#   broadcasts as a row.
#
# Add them (broadcasting gives `(num_test, num_train)`), then take the square root. **No Python
# loop and no list comprehension.** Rounding can make the sum a tiny negative number when two rows
# are (almost) equal: clip it with `np.maximum(..., 0)` before `np.sqrt`.
#
# Hint: `a[:, None]` turns a `(n,)` array into a `(n, 1)` column. The values must equal those of
# the loop versions; below, the notebook times all three.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-compute_distances_no_loops", "locked": false, "schema_version": 3, "solution": true}
def compute_distances_no_loops(X, X_train):
    """Euclidean distances between the rows of X (num_test, D) and X_train (num_train, D).

    Returns dists (num_test, num_train), computed without loops.
    """
    ### BEGIN SOLUTION
    squared = np.sum(X ** 2, axis=1)[:, None] - 2 * X @ X_train.T + np.sum(X_train ** 2, axis=1)[None, :]
    dists = np.sqrt(np.maximum(squared, 0))
    ### END SOLUTION
    return dists


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-compute_distances_no_loops-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.compute_distances_no_loops", compute_distances_no_loops)
### BEGIN HIDDEN TESTS
check("linear_classifiers.compute_distances_no_loops", compute_distances_no_loops, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# The three versions on the digits: the first 100 test images against all 1497 training images
# (the two-loop version is too slow for more). The three matrices agree, and the difference in
# speed comes from doing the arithmetic in NumPy's compiled loops (and, for the last version, in
# one matrix product) instead of in Python. (The checks compare values only; that your no-loops
# version really has no loop is what this timing shows.)

# %%
X_small = X_test_raw[:100]
d_two = compute_distances_two_loops(X_small, X_train_raw)
d_one = compute_distances_one_loop(X_small, X_train_raw)
d_none = compute_distances_no_loops(X_small, X_train_raw)
print("max |two loops - one loop|:", np.max(np.abs(d_two - d_one)),
      "  max |two loops - no loops|:", np.max(np.abs(d_two - d_none)))
# best_seconds: the fastest of a few timed runs (the least disturbed by other work on the machine)
timings = {"two loops": best_seconds(lambda: compute_distances_two_loops(X_small, X_train_raw), repeats=1),
           "one loop": best_seconds(lambda: compute_distances_one_loop(X_small, X_train_raw), repeats=3),
           "no loops": best_seconds(lambda: compute_distances_no_loops(X_small, X_train_raw), repeats=3)}
for name, seconds in timings.items():
    print(f"{name:>9}: {seconds * 1e3:8.2f} ms")
fig = plots.distance_timings(timings, title="Distances of 100 test to 1497 training images")

# %% [markdown]
# ### Exercise 4: `predict_labels`
#
# For each test row $i$: sort the distances `dists[i]` (`np.argsort` gives the training indices
# from nearest to farthest), keep the first `k` indices, read their labels in `y_train`, and
# predict the most common of those labels. **A tie goes to the smallest label**: that is exactly
# what `np.argmax(np.bincount(labels))` does (`np.bincount` counts how often each label 0, 1, 2, ...
# occurs; `np.argmax` returns the first maximum).
#
# Return an integer array of shape `(num_test,)`.
#
# Expected, with the visible test's
# `dists = np.array([[0.5, 2., 1., 3., 0.7, 4.], [3., 0.2, 2.5, 0.4, 5., 0.3], [1., 2., 3., 4., 5., 6.]])`
# and `y_train = np.array([2, 0, 1, 0, 1, 2])`: `predict_labels(dists, y_train, k=1)` is
# `array([2, 0, 2])`, `predict_labels(dists, y_train, k=3)` is `array([1, 0, 0])`, and
# `predict_labels(dists, y_train, k=2)` is `array([1, 0, 0])` (where the first row's two nearest
# labels, 2 and 1, tie and 1 wins).

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-predict_labels", "locked": false, "schema_version": 3, "solution": true}
def predict_labels(dists, y_train, k=1):
    """Majority vote of the k nearest training labels.

    dists: (num_test, num_train); y_train: (num_train,) int labels; k: int.
    Returns y_pred (num_test,) int labels; ties go to the smallest label.
    """
    y_pred = np.zeros(dists.shape[0], dtype=np.int64)
    for i in range(dists.shape[0]):
        ### BEGIN SOLUTION
        closest_y = y_train[np.argsort(dists[i])[:k]]
        y_pred[i] = np.argmax(np.bincount(closest_y))
        ### END SOLUTION
    return y_pred


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-predict_labels-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.predict_labels", predict_labels)
### BEGIN HIDDEN TESTS
check("linear_classifiers.predict_labels", predict_labels, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Choosing k by cross-validation
#
# $k$ is a **hyperparameter**: nothing in the data's loss tells us its value, and choosing it by
# test accuracy would make the test accuracy an optimistic estimate. We hold out part of the
# training set instead. **k-fold cross-validation** (here the letter $k$ is unfortunately taken
# twice: call the number of folds $F$) splits the training set into $F$ folds, and for each fold
# $f$ trains on the other $F - 1$ folds and measures the accuracy on fold $f$. Every training
# example is used for validation exactly once, and the $F$ accuracies also show how much the
# estimate varies.
#
# ### Exercise 5: `cross_validate_k`
#
# Write `cross_validate_k(X, y, k_choices, num_folds)` returning an array `accuracies` of shape
# `(len(k_choices), num_folds)`, where `accuracies[a, f]` is the fraction of the rows of fold `f`
# that kNN with `k = k_choices[a]` labels correctly when trained on the other folds.
#
# - Split **in order, without shuffling**: `X_folds = np.array_split(X, num_folds)` and the same
#   for `y` (the folds then are deterministic; shuffle the data beforehand if it is sorted).
# - For each fold `f`: the training set is the other folds concatenated in order
#   (`np.concatenate(X_folds[:f] + X_folds[f + 1:])`); compute the distances **once** with your
#   `compute_distances_no_loops(X_folds[f], X_tr)`, then for every `k` call your `predict_labels`.
# - The accuracy is `np.mean(y_pred == y_folds[f])`.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-cross_validate_k", "locked": false, "schema_version": 3, "solution": true}
def cross_validate_k(X, y, k_choices, num_folds):
    """kNN validation accuracy for each k and each fold.

    X: (N, D); y: (N,); k_choices: list of ints; num_folds: int.
    Returns accuracies (len(k_choices), num_folds).
    """
    X_folds, y_folds = np.array_split(X, num_folds), np.array_split(y, num_folds)
    accuracies = np.zeros((len(k_choices), num_folds))
    ### BEGIN SOLUTION
    for f in range(num_folds):
        X_tr = np.concatenate(X_folds[:f] + X_folds[f + 1:])
        y_tr = np.concatenate(y_folds[:f] + y_folds[f + 1:])
        dists = compute_distances_no_loops(X_folds[f], X_tr)
        for a, k in enumerate(k_choices):
            accuracies[a, f] = np.mean(predict_labels(dists, y_tr, k) == y_folds[f])
    ### END SOLUTION
    return accuracies


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-cross_validate_k-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.cross_validate_k", cross_validate_k)
### BEGIN HIDDEN TESTS
check("linear_classifiers.cross_validate_k", cross_validate_k, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Five folds on the 1497 training digits (already in random order, so splitting in order is fine),
# for a range of $k$. Each dot is one fold; the error bars show the mean plus or minus one standard
# deviation over the folds.

# %%
k_choices = [1, 3, 5, 8, 10, 12, 15, 20, 50]
accuracies = cross_validate_k(X_train_raw, y_train, k_choices, num_folds=5)
for k, row in zip(k_choices, accuracies):
    print(f"k = {k:2d}: mean accuracy {row.mean():.4f} (std {row.std():.4f})")
best_k = k_choices[int(np.argmax(accuracies.mean(axis=1)))]
fig = plots.cross_validation_accuracy(k_choices, accuracies)

# %% [markdown]
# Small $k$ wins on these clean digits; large $k$ lets far-away images of other digits vote. With
# the chosen $k$, trained on the whole training set, on the test set:

# %%
dists_test = compute_distances_no_loops(X_test_raw, X_train_raw)
knn_test_accuracy = accuracy(predict_labels(dists_test, y_train, best_k), y_test)
print(f"kNN with k = {best_k}: test accuracy {knn_test_accuracy:.4f}")

# %% [markdown]
# kNN is accurate here, but it is slow at test time (a distance to *every* training image) and
# stores the whole training set. A linear classifier keeps only $W$, $(D \times C)$ numbers, and
# classifies with one matrix product.
#
# ## 4. The multiclass SVM loss
#
# Before the linear classifiers, two preprocessing steps: subtract the **mean training image** from
# every image (features centred at 0 make gradient descent better conditioned) and **append the
# bias column** of ones, so $D = 65$.

# %%
mean_image = X_train_raw.mean(axis=0)
X_train = np.hstack([X_train_raw - mean_image, np.ones((X_train_raw.shape[0], 1))])
X_test = np.hstack([X_test_raw - mean_image, np.ones((X_test_raw.shape[0], 1))])
print("X_train:", X_train.shape, " X_test:", X_test.shape)

# %% [markdown]
# With scores $s_i = x_i W$ (a row of $C$ numbers), the multiclass SVM wants the correct class's
# score $s_{i y_i}$ to beat every other score by at least a margin $\Delta = 1$. Each class that
# violates the margin costs how much it violates it (the **hinge loss**):
#
# $$L = \frac{1}{N} \sum_{i=1}^{N} \sum_{j \neq y_i} \max\big(0,\; s_{ij} - s_{i y_i} + 1\big)
#      \;+\; \lambda \sum_{d, c} W_{dc}^2 .$$
#
# The data term is an **average over the $N$ examples** (not over the classes). The
# regularization term, with strength $\lambda$ = `reg`, is $\lambda \lVert W \rVert^2$ over all of
# $W$ (bias row included, for simplicity); its gradient is $2 \lambda W$. This unit uses the same
# convention for the softmax below. (Unit 4 writes the L2 penalty as
# $\frac{\lambda}{2m}\sum \lVert W \rVert_F^2$, with gradient $\frac{\lambda}{m} W$; here the data
# term is already an average, and $\lambda$ multiplies $\lVert W \rVert^2$ directly, as linear
# classifiers are usually written. Only the scale of a good $\lambda$ differs.)
#
# **Gradient.** Call a term *active* if $s_{ij} - s_{i y_i} + 1 > 0$. Since
# $s_{ij} = x_i \cdot W_{:, j}$, each active term $(i, j)$ adds $x_i$ to column $j$ of the
# gradient and subtracts $x_i$ from column $y_i$:
#
# $$\frac{\partial L}{\partial W_{:, c}} = \frac{1}{N} \sum_{i=1}^{N} \Big(\mathbb{1}[c \ne y_i \text{ and } (i, c) \text{ active}]
#   \;-\; \mathbb{1}[c = y_i]\; n_i\Big)\, x_i^\top, \qquad n_i = \#\{j \ne y_i : (i, j) \text{ active}\},$$
#
# plus $2 \lambda W$. (At a margin exactly 0 the hinge has a kink and no derivative; we take the
# derivative to be 0 there.)
#
# ### Exercise 6: `svm_loss_naive`
#
# Write the loss and its gradient `dW` (shape of `W`) with loops: over examples `i`, and over
# classes `j != y[i]`. Compute `scores = X[i] @ W`; for each active margin add it to the loss and
# update the columns `dW[:, j]` and `dW[:, y[i]]`. After the loops divide both by `N` and add the
# regularization terms. Return `(loss, dW)` with `loss` a Python float.
#
# The check compares `loss` and `dW` with the reference's (whose `dW` the course's tests compare
# with a numerical gradient; you will do the same for yours below). Its cases use a
# regularization strength large enough that leaving the term out is caught.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-svm_loss_naive", "locked": false, "schema_version": 3, "solution": true}
def svm_loss_naive(W, X, y, reg):
    """Multiclass SVM loss with loops. W (D, C), X (N, D), y (N,), reg float.

    Returns (loss float, dW (D, C)).
    """
    N, C = X.shape[0], W.shape[1]
    loss, dW = 0.0, np.zeros_like(W)
    ### BEGIN SOLUTION
    for i in range(N):
        scores = X[i] @ W
        for j in range(C):
            if j == y[i]:
                continue
            margin = scores[j] - scores[y[i]] + 1
            if margin > 0:
                loss += margin
                dW[:, j] += X[i]
                dW[:, y[i]] -= X[i]
    loss = loss / N + reg * np.sum(W * W)
    dW = dW / N + 2 * reg * W
    ### END SOLUTION
    return float(loss), dW


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-svm_loss_naive-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.svm_loss_naive", svm_loss_naive)
### BEGIN HIDDEN TESTS
check("linear_classifiers.svm_loss_naive", svm_loss_naive, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# **Sanity value.** With tiny random weights all scores are about 0, so every one of the $C - 1$
# wrong classes has margin about $0 - 0 + 1 = 1$: the loss should be close to $C - 1 = 9$. And your
# gradient should agree with centred differences (relative error well below $10^{-7}$).

# %%
rng = np.random.default_rng(0)
W_small = 0.0001 * rng.standard_normal((65, 10))
loss, dW = svm_loss_naive(W_small, X_train[:500], y_train[:500], 0.0)
print(f"SVM loss at small random W: {loss:.4f} (expected close to 9)")
W_check = 0.01 * rng.standard_normal((65, 10))
X_check, y_check = X_train[:50], y_train[:50]
_, dW = svm_loss_naive(W_check, X_check, y_check, 0.1)
numeric = numerical_gradient(lambda V: svm_loss_naive(V, X_check, y_check, 0.1)[0], W_check)
print("relative error of dW against centred differences:", relative_error(dW, numeric))

# %% [markdown]
# ### Exercise 7: `svm_loss_vectorized`
#
# The same loss and gradient without loops:
#
# 1. `scores = X @ W` `(N, C)`; the correct scores `scores[np.arange(N), y]` `(N,)`, made a column.
# 2. `margins = np.maximum(0, scores - correct + 1)`, then set `margins[np.arange(N), y] = 0`
#    (the correct class is not in the sum). The loss is `margins.sum() / N + reg * np.sum(W * W)`.
# 3. For the gradient build a coefficient matrix `coeff` `(N, C)`: 1 where a margin is active,
#    and at `[i, y_i]` minus the number of active margins of row `i`. Then
#    `dW = X.T @ coeff / N + 2 * reg * W`: each column `j` of `X.T @ coeff` is the sum of the
#    rows $x_i$ weighted by `coeff[i, j]`, exactly what the loops accumulated.
#
# Expected: the same values as `svm_loss_naive`, much faster; for example, with
# `W = np.array([[1., -1., 0.], [0.5, 0., 2.]])`, `X = np.array([[1., 2.], [-1., 0.5]])`,
# `y = np.array([0, 2])` and `loss, dW = svm_loss_vectorized(W, X, y, 0.1)`: `loss` is `2.625`
# and `dW` is `array([[-0.3, -0.7, 1.], [-0.9, 0.25, 1.15]])`.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-svm_loss_vectorized", "locked": false, "schema_version": 3, "solution": true}
def svm_loss_vectorized(W, X, y, reg):
    """Multiclass SVM loss without loops. W (D, C), X (N, D), y (N,), reg float.

    Returns (loss float, dW (D, C)).
    """
    N = X.shape[0]
    ### BEGIN SOLUTION
    rows = np.arange(N)
    scores = X @ W
    margins = np.maximum(0, scores - scores[rows, y][:, None] + 1)
    margins[rows, y] = 0
    loss = np.sum(margins) / N + reg * np.sum(W * W)
    coeff = (margins > 0).astype(np.float64)
    coeff[rows, y] = -np.sum(coeff, axis=1)
    dW = X.T @ coeff / N + 2 * reg * W
    ### END SOLUTION
    return float(loss), dW


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-svm_loss_vectorized-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.svm_loss_vectorized", svm_loss_vectorized)
### BEGIN HIDDEN TESTS
check("linear_classifiers.svm_loss_vectorized", svm_loss_vectorized, hidden=True)
### END HIDDEN TESTS

# %%
W_check = 0.01 * rng.standard_normal((65, 10))
naive_loss, naive_dW = svm_loss_naive(W_check, X_train, y_train, 0.05)
vector_loss, vector_dW = svm_loss_vectorized(W_check, X_train, y_train, 0.05)
print(f"loss naive {naive_loss:.6f}, vectorized {vector_loss:.6f}; max |dW difference| {np.max(np.abs(naive_dW - vector_dW)):.2e}")
naive_seconds = best_seconds(lambda: svm_loss_naive(W_check, X_train, y_train, 0.05), repeats=1)
vector_seconds = best_seconds(lambda: svm_loss_vectorized(W_check, X_train, y_train, 0.05), repeats=3)
print(f"time on all training images: naive {naive_seconds * 1e3:.1f} ms, vectorized {vector_seconds * 1e3:.2f} ms")

# %% [markdown]
# ## 5. The softmax loss
#
# The softmax classifier reads the scores as unnormalised log-probabilities:
#
# $$p_{ij} = \frac{e^{s_{ij}}}{\sum_{c} e^{s_{ic}}}, \qquad
#   L = -\frac{1}{N} \sum_{i=1}^{N} \log p_{i y_i} \;+\; \lambda \sum_{d, c} W_{dc}^2 ,$$
#
# with the same averaging over examples and the same regularization as the SVM. Its gradient
# with respect to the scores is the probabilities minus the one-hot labels, so
#
# $$\frac{\partial L}{\partial W} = \frac{1}{N} X^\top (P - Y_{\text{onehot}}) + 2 \lambda W .$$
#
# **Numerical stability.** $e^{s}$ overflows for $s > 709$. Subtracting each row's maximum score
# before `np.exp` leaves the probabilities unchanged (numerator and denominator are multiplied by
# the same $e^{-\max}$) and makes every exponent $\le 0$.
#
# ### Exercise 8: `softmax_loss_naive`
#
# Loop over the examples: `scores = X[i] @ W`, shift by `np.max(scores)`, compute the probabilities,
# add `-np.log(p[y[i]])` to the loss, and add `np.outer(X[i], p - onehot)` to `dW` (subtract 1 from
# `p[y[i]]` to get `p - onehot`). Divide by `N`, add the regularization terms, and return
# `(loss float, dW)`.
#
# The cases include an example whose highest score is 2000: without the shift you get `nan`.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-softmax_loss_naive", "locked": false, "schema_version": 3, "solution": true}
def softmax_loss_naive(W, X, y, reg):
    """Softmax cross-entropy loss with a loop over examples. W (D, C), X (N, D), y (N,), reg float.

    Returns (loss float, dW (D, C)).
    """
    N = X.shape[0]
    loss, dW = 0.0, np.zeros_like(W)
    ### BEGIN SOLUTION
    for i in range(N):
        scores = X[i] @ W
        scores = scores - np.max(scores)
        p = np.exp(scores) / np.sum(np.exp(scores))
        loss -= np.log(p[y[i]])
        p[y[i]] -= 1
        dW += np.outer(X[i], p)
    loss = loss / N + reg * np.sum(W * W)
    dW = dW / N + 2 * reg * W
    ### END SOLUTION
    return float(loss), dW


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-softmax_loss_naive-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.softmax_loss_naive", softmax_loss_naive)
### BEGIN HIDDEN TESTS
check("linear_classifiers.softmax_loss_naive", softmax_loss_naive, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# **Sanity value.** With tiny random weights all $C = 10$ probabilities are about $1/10$, so the
# loss should be close to $-\log(1/10) = \log 10 \approx 2.3026$; the second visible case of the
# check is such a point. With zero weights the probabilities are exactly $1/10$. Expected:
# `softmax_loss_naive(np.zeros((3, 10)), np.ones((4, 3)), np.array([0, 1, 2, 3]), 0.0)[0]` is
# `2.30258509`. If you get something else, look at your averaging first.

# %%
loss, _ = softmax_loss_naive(W_small, X_train[:500], y_train[:500], 0.0)
print(f"softmax loss at small random W: {loss:.4f};  log(10) = {np.log(10):.4f}")
assert abs(loss - np.log(10)) < 0.01
_, dW = softmax_loss_naive(W_check, X_check, y_check, 0.1)
numeric = numerical_gradient(lambda V: softmax_loss_naive(V, X_check, y_check, 0.1)[0], W_check)
print("relative error of dW against centred differences:", relative_error(dW, numeric))

# %% [markdown]
# ### Exercise 9: `softmax_loss_vectorized`
#
# Without loops: `scores = X @ W`, minus `np.max(scores, axis=1, keepdims=True)`; the
# probabilities `P` `(N, C)` by dividing `np.exp(scores)` by its row sums; the loss from
# `P[np.arange(N), y]`; then subtract 1 at `P[np.arange(N), y]` and `dW = X.T @ P / N + 2 * reg * W`.
#
# Hint: `np.log(P[np.arange(N), y])` can be `-inf` if a correct-class probability underflows to 0;
# computing the log-probabilities as `scores - np.log(np.sum(np.exp(scores), axis=1, keepdims=True))`
# avoids that.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-softmax_loss_vectorized", "locked": false, "schema_version": 3, "solution": true}
def softmax_loss_vectorized(W, X, y, reg):
    """Softmax cross-entropy loss without loops. W (D, C), X (N, D), y (N,), reg float.

    Returns (loss float, dW (D, C)).
    """
    N = X.shape[0]
    ### BEGIN SOLUTION
    rows = np.arange(N)
    scores = X @ W
    scores = scores - np.max(scores, axis=1, keepdims=True)
    log_p = scores - np.log(np.sum(np.exp(scores), axis=1, keepdims=True))
    loss = -np.sum(log_p[rows, y]) / N + reg * np.sum(W * W)
    P = np.exp(log_p)
    P[rows, y] -= 1
    dW = X.T @ P / N + 2 * reg * W
    ### END SOLUTION
    return float(loss), dW


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-softmax_loss_vectorized-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.softmax_loss_vectorized", softmax_loss_vectorized)
### BEGIN HIDDEN TESTS
check("linear_classifiers.softmax_loss_vectorized", softmax_loss_vectorized, hidden=True)
### END HIDDEN TESTS

# %%
naive_loss, naive_dW = softmax_loss_naive(W_check, X_train, y_train, 0.05)
vector_loss, vector_dW = softmax_loss_vectorized(W_check, X_train, y_train, 0.05)
print(f"loss naive {naive_loss:.6f}, vectorized {vector_loss:.6f}; max |dW difference| {np.max(np.abs(naive_dW - vector_dW)):.2e}")

# %% [markdown]
# ## 6. Training with mini-batch SGD
#
# A linear classifier predicts $\hat y_i = \arg\max_c (x_i W)_c$ and learns $W$ by **stochastic
# gradient descent**: at each iteration draw a mini-batch of `batch_size` training rows at random,
# compute the loss and gradient on that batch only, and step
# $W \leftarrow W - \alpha\, \partial L / \partial W$. A mini-batch gradient is a noisy but cheap
# estimate of the full one; many cheap steps beat few exact ones.
#
# ### Exercise 10: `LinearClassifier`
#
# Complete the class. `LinearClassifier(loss_function)` keeps the loss function
# (`svm_loss_vectorized` gives a linear SVM, `softmax_loss_vectorized` a softmax classifier) and
# `self.W = None`.
#
# `train(X, y, learning_rate, reg, num_iters, batch_size, rng)`:
#
# - if `self.W is None`, initialise it to `0.001 * rng.standard_normal((D, C))` with
#   `C = np.max(y) + 1` (small weights: the sanity values above);
# - repeat `num_iters` times: draw `batch = rng.choice(N, batch_size)` (indices **with
#   replacement**, fast and good enough), compute `loss, dW` with `self.loss_function` on
#   `X[batch], y[batch]` and `reg`, append `loss` to the history, and update `self.W`;
# - return the list of the `num_iters` losses.
#
# `predict(X)` returns the labels `(N,)`: the index of the highest score in each row.
#
# The check trains your class on small random problems. Your draws need not be the reference's, so
# it checks properties: the history has `num_iters` entries, starts where the reference's starts
# (within 5%), ends about as low, and at least 85% of your test predictions agree with the
# reference's.

# %% nbgrader={"grade": false, "grade_id": "linear_classifiers-LinearClassifier", "locked": false, "schema_version": 3, "solution": true}
class LinearClassifier:
    """argmax(X @ W), trained by mini-batch SGD on loss_function(W, X, y, reg) -> (loss, dW)."""

    def __init__(self, loss_function):
        self.loss_function = loss_function
        self.W = None

    def train(self, X, y, learning_rate=1e-3, reg=1e-5, num_iters=100, batch_size=200, rng=None):
        """SGD on X (N, D), y (N,). Returns the list of the num_iters mini-batch losses."""
        rng = np.random.default_rng() if rng is None else rng
        N, D = X.shape
        loss_history = []
        ### BEGIN SOLUTION
        if self.W is None:
            self.W = 0.001 * rng.standard_normal((D, int(np.max(y)) + 1))
        for _ in range(num_iters):
            batch = rng.choice(N, batch_size)
            loss, dW = self.loss_function(self.W, X[batch], y[batch], reg)
            loss_history.append(loss)
            self.W = self.W - learning_rate * dW
        ### END SOLUTION
        return loss_history

    def predict(self, X):
        """Labels (N,) of the rows of X (N, D)."""
        ### BEGIN SOLUTION
        y_pred = np.argmax(X @ self.W, axis=1)
        ### END SOLUTION
        return y_pred


# %% nbgrader={"grade": true, "grade_id": "linear_classifiers-LinearClassifier-test", "locked": true, "schema_version": 3, "solution": false}
check("linear_classifiers.LinearClassifier", LinearClassifier)
### BEGIN HIDDEN TESTS
check("linear_classifiers.LinearClassifier", LinearClassifier, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ### Choosing the learning rate and the regularization
#
# Both are hyperparameters again. This time a single **validation set** is enough (training is
# cheap, but running $F$ folds for every pair is not needed to see the trend): the last 297
# training images. For each loss, try a small grid and keep the pair with the best validation
# accuracy; then retrain on the whole training set and measure the test accuracy once.

# %%
X_tr, y_tr, X_val, y_val = X_train[:1200], y_train[:1200], X_train[1200:], y_train[1200:]
losses = {"linear SVM": svm_loss_vectorized, "softmax": softmax_loss_vectorized}
best = {}
for name, loss_function in losses.items():
    results = {}
    for learning_rate in (0.05, 0.2, 0.5):
        for reg in (1e-4, 1e-3, 1e-2):
            model = LinearClassifier(loss_function)
            model.train(X_tr, y_tr, learning_rate, reg, num_iters=1000, batch_size=200, rng=np.random.default_rng(0))
            results[learning_rate, reg] = accuracy(model.predict(X_val), y_val)
    best[name] = max(results, key=results.get)
    print(f"{name}: best validation accuracy {results[best[name]]:.4f} at learning_rate, reg = {best[name]}")

# %%
models, histories, test_accuracy = {}, {}, {}
for name, loss_function in losses.items():
    learning_rate, reg = best[name]
    models[name] = LinearClassifier(loss_function)
    histories[name] = models[name].train(X_train, y_train, learning_rate, reg, num_iters=1500, batch_size=200,
                                         rng=np.random.default_rng(1))
    test_accuracy[name] = accuracy(models[name].predict(X_test), y_test)
    print(f"{name}: first loss {histories[name][0]:.4f}, last loss {histories[name][-1]:.4f}, "
          f"test accuracy {test_accuracy[name]:.4f}")
print(f"kNN (k = {best_k}): test accuracy {knn_test_accuracy:.4f}")
fig = plots.learning_curves(histories, every=1)

# %% [markdown]
# The SVM's loss starts near 9 and the softmax's near $\log 10 \approx 2.30$, the sanity values of
# sections 4 and 5. Both curves are noisy, because each point is the loss of a different
# mini-batch.
#
# ### What the classifiers learned
#
# Column $c$ of $W$ (without the bias row) has one weight per pixel: the score of class $c$ is the
# dot product of the (centred) image with this **template**. Drawn as 8 x 8 images (red positive,
# blue negative), each template rewards ink where its digit usually has ink and penalises ink where
# other digits have it: the 0 is a red ring around a blue centre, where a 0 has no ink.

# %%
for name, model in models.items():
    fig = plots.weight_images(model.W[:-1].T, (8, 8), [f"class {c}" for c in range(10)], ncols=10, size=1.2,
                              suptitle=f"{name} (reg = {best[name][1]:g}): one template per class (columns of W)")

# %% [markdown]
# With the small `reg` that validation chose, nothing stops $W$ from fitting single pixels, yet
# the templates are only a little speckled: 1500 small steps from $W \approx 0$ leave little
# time to fit details. A much stronger regularization mostly pulls the weights towards 0 (below,
# the largest weight shrinks more than tenfold), at some cost in test accuracy. The patterns
# change less than the scale (each image has its own colour scale): as `reg` grows, each template
# tends to the mean image of its class minus the mean of all training images.

# %%
smooth = LinearClassifier(softmax_loss_vectorized)
smooth.train(X_train, y_train, 0.5, 0.1, num_iters=1500, batch_size=200, rng=np.random.default_rng(1))
largest = {reg: np.abs(model.W[:-1]).max() for reg, model in ((0.1, smooth), (best["softmax"][1], models["softmax"]))}
print(f"softmax with reg = 0.1: test accuracy {accuracy(smooth.predict(X_test), y_test):.4f}")
print("largest |weight| of the templates:", ", ".join(f"{largest[reg]:.2f} with reg = {reg:g}" for reg in largest))
fig = plots.weight_images(smooth.W[:-1].T, (8, 8), [f"class {c}" for c in range(10)], ncols=10, size=1.2,
                          suptitle="softmax (reg = 0.1): smaller weights, templates near the centred class means")

# %% [markdown]
# ## What to try next
#
# - Plot the test accuracy and the templates for `reg` from $10^{-4}$ to $1$: where does the
#   accuracy start to drop, and what do the templates look like there?
# - Replace the L2 distance with the L1 distance ($\sum_p |x_p - t_p|$) in kNN and cross-validate
#   again. Which distance suits these digits better?
# - Set the SVM margin $\Delta$ to 10 instead of 1. With regularization, does the margin's value
#   matter, or does $W$ just scale up? (Hint: compare $\Delta$ with $\lambda \lVert W \rVert^2$.)
# - Which test images do the three classifiers get wrong? Show them with `plots.image_grid`, with
#   the predicted and true labels as titles.
# - A linear classifier draws one template per class; a network with a hidden layer (unit 2 and
#   unit 3) can learn many. Train the unit-3 network on these digits (transpose $X$: examples as
#   columns) and compare its test accuracy.
