# %% [markdown]
# # Unit 4, part 3: Gradient checking
#
# Backpropagation code fails quietly. A wrong factor in one gradient rarely raises an error: the
# network still trains, only worse, and nothing tells you why. Gradient checking catches such
# bugs by comparing the gradients your backward pass computes with gradients estimated directly
# from the cost, by nudging each parameter a little and watching the cost change.
#
# You first check a one-parameter function, then the whole three-layer network of this unit.
# Then you use your checker to find three bugs planted in a backward pass. The same idea, in the
# module `course.nn.gradcheck`, is how this course tests every backward pass from here on.
#
# | section | functions you write |
# |---|---|
# | 1. One dimension | `gradient_check` |
# | 2. N dimensions | `gradient_check_n` |

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots
from course.checks import check
from course.nn import gradcheck, init, regularization
from course.nn.activations import sigmoid
from course.nn.gradcheck import dictionary_to_vector, gradients_to_vector, vector_to_dictionary
from course.nn.regularization import forward_propagation_n

# %% [markdown]
# ## 1. One dimension
#
# The derivative of a function $J$ of one number $\theta$ is the limit
#
# $$\frac{dJ}{d\theta} = \lim_{\varepsilon \to 0} \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2 \varepsilon}.$$
#
# With a small but finite $\varepsilon$, the **centred difference** on the right is an estimate
# of the derivative. Why centred, and not the one-sided $\frac{J(\theta + \varepsilon) - J(\theta)}{\varepsilon}$?
# Taylor's formula $J(\theta \pm \varepsilon) = J(\theta) \pm \varepsilon J'(\theta) + \frac{\varepsilon^2}{2} J''(\theta) \pm \frac{\varepsilon^3}{6} J'''(\theta) + \dots$
# gives
#
# $$\frac{J(\theta + \varepsilon) - J(\theta)}{\varepsilon} = J'(\theta) + \frac{\varepsilon}{2} J''(\theta) + \dots,
#   \qquad
#   \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon} = J'(\theta) + \frac{\varepsilon^2}{6} J'''(\theta) + \dots$$
#
# The even terms cancel in the centred difference: its error shrinks like $\varepsilon^2$
# instead of $\varepsilon$. But $\varepsilon$ cannot be made arbitrarily small: $J(\theta + \varepsilon)$
# and $J(\theta - \varepsilon)$ are computed with about 16 significant digits, and their
# difference loses more of them the closer they are. The figure shows both errors for
# $J(\theta) = \theta^3$ at $\theta = 2$, where $J'(2) = 12$.

# %%
epsilons = np.logspace(-1, -13, 49)
J = lambda theta: theta ** 3
errors = {"one-sided (J(θ+ε) - J(θ)) / ε": np.abs((J(2 + epsilons) - J(2)) / epsilons - 12),
          "centred (J(θ+ε) - J(θ-ε)) / 2ε": np.abs((J(2 + epsilons) - J(2 - epsilons)) / (2 * epsilons) - 12)}
fig = plots.finite_difference_errors(epsilons, errors, title="Error of the estimated derivative of θ³ at θ = 2")

# %% [markdown]
# The step $\varepsilon$ shrinks from left to right. As it shrinks, the error first falls, as
# $6\varepsilon$ (one-sided) or exactly $\varepsilon^2$ (centred, for a cubic), then rises again
# when rounding takes over, roughly as $10^{-16} / \varepsilon$. The centred difference reaches
# about $10^{-10}$ for $\varepsilon$ between $10^{-6}$ and $10^{-5}$. The classic choice
# $\varepsilon = 10^{-7}$, used below, lies a little on the rounding side of that minimum but
# still estimates the derivative to about 9 significant digits, far more than a check needs.
#
# To judge an analytic gradient `grad` against the estimate `gradapprox`, the check uses the
# **relative difference**
#
# $$\text{difference} = \frac{\lVert \text{grad} - \text{gradapprox} \rVert_2}{\lVert \text{grad} \rVert_2 + \lVert \text{gradapprox} \rVert_2},$$
#
# which does not depend on the scale of the gradients and is between 0 and 1. Below about
# $10^{-7}$ the gradient is almost certainly right; above $10^{-3}$ it is almost certainly wrong.
#
# ### Exercise 1.1: `gradient_check`
#
# Take the cubic of the figure scaled by a number $x$, $J(\theta) = x \theta^3$, whose derivative
# is $\frac{dJ}{d\theta} = 3 x \theta^2$. Write `gradient_check(x, theta, epsilon)`:
#
# 1. `J_plus = x * (theta + epsilon) ** 3` and `J_minus = x * (theta - epsilon) ** 3`;
# 2. `gradapprox = (J_plus - J_minus) / (2 * epsilon)`;
# 3. `grad = 3 * x * theta ** 2`, the analytic derivative;
# 4. store the relative difference of `grad` and `gradapprox` in `difference` (the locked last
#    line returns it as a number, `float(difference)`).
#
# *Hint:* `np.linalg.norm` of a single number is its absolute value, so the formula above can be
# written once, with `np.linalg.norm`, and reused for vectors in the next exercise.
#
# Expected: `gradient_check(2.0, 4.0, 1e-2)` is `1.04e-06`. For a cubic the centred difference
# is exactly $3x\theta^2 + x\varepsilon^2$ (the $\frac{\varepsilon^2}{6} J'''(\theta)$ term above,
# with $J''' = 6x$), so the relative difference is $\varepsilon^2 / (6\theta^2 + \varepsilon^2)$:
# small, and smaller for a smaller $\varepsilon$, until rounding takes over.

# %% nbgrader={"grade": false, "grade_id": "practical-gradient_check", "locked": false, "schema_version": 3, "solution": true}
def gradient_check(x, theta, epsilon=1e-7):
    """Relative difference between dJ/dtheta = 3 x theta^2 and its centred estimate, for J = x theta^3."""
    ### BEGIN SOLUTION
    J_plus = x * (theta + epsilon) ** 3
    J_minus = x * (theta - epsilon) ** 3
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = 3 * x * theta ** 2
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    ### END SOLUTION
    return float(difference)


# %% nbgrader={"grade": true, "grade_id": "practical-gradient_check-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.gradient_check", gradient_check)
### BEGIN HIDDEN TESTS
check("practical.gradient_check", gradient_check, hidden=True)
### END HIDDEN TESTS

# %%
for epsilon in (1e-2, 1e-4, 1e-7):
    print(f"gradient_check(2, 4, {epsilon:.0e}) = {gradient_check(2.0, 4.0, epsilon):.2e}")

# %% [markdown]
# ## 2. N dimensions
#
# A network's cost depends on all its parameters at once. Put them, one after the other, into a
# single vector $\theta = (\theta_1, \dots, \theta_n)$ and estimate each partial derivative in
# turn, nudging one entry while the others stay fixed:
#
# $$\text{gradapprox}_i = \frac{J(\theta_1, \dots, \theta_i + \varepsilon, \dots, \theta_n) - J(\theta_1, \dots, \theta_i - \varepsilon, \dots, \theta_n)}{2\varepsilon}.$$
#
# That takes $2n$ forward passes, which is why gradient checking is a debugging tool and never
# part of training.
#
# The network is this unit's three-layer network, LINEAR → RELU → LINEAR → RELU → LINEAR →
# SIGMOID, with the cross-entropy cost. Four helpers are imported in the setup cell:
#
# - `dictionary_to_vector(parameters)`: all entries of `W1, b1, W2, b2, W3, b3` as one vector of
#   shape `(n,)`, in that order;
# - `vector_to_dictionary(theta, parameters)`: the reverse, a new dictionary with the keys and
#   shapes of `parameters` filled from `theta`;
# - `gradients_to_vector(gradients, parameters)`: the entries `dW1, db1, ..., db3` of a gradients
#   dictionary as one vector, lined up with `dictionary_to_vector(parameters)` (other entries
#   such as `dA1` are left out);
# - `forward_propagation_n(X, Y, parameters)`: the forward pass followed by the cost; returns
#   `(cost, cache)`.

# %%
rng = np.random.default_rng(7)
X = rng.standard_normal((4, 5))
Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0]])
parameters = init.initialize_parameters_he([4, 5, 3, 1], rng)
parameters = {key: value + (rng.normal(0, 0.2, value.shape) if key[0] == "b" else 0)
              for key, value in parameters.items()}  # non-zero biases, so their gradients are tested too
theta = dictionary_to_vector(parameters)
print("parameters:", {key: value.shape for key, value in parameters.items()})
print("theta:", theta.shape, " cost J(theta):", round(forward_propagation_n(X, Y, parameters)[0], 6))

# %% [markdown]
# ### Exercise 2.1: `gradient_check_n`
#
# Write `gradient_check_n(parameters, gradients, X, Y, epsilon)`, for the dictionaries
# `parameters` (`W1, b1, ..., b3`) and `gradients` (`dW1, db1, ..., db3`, and possibly more), the
# inputs `X` of shape `(n_x, m)` and the labels `Y` of shape `(1, m)`:
#
# 1. `theta = dictionary_to_vector(parameters)` and `grad = gradients_to_vector(gradients, parameters)`;
# 2. for each index `i` of `theta`:
#    - `theta_plus = np.copy(theta)`, then `theta_plus[i] += epsilon`, and
#      `J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))`;
#    - the same with `theta_minus` and `- epsilon`, giving `J_minus`;
#    - `gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)`;
# 3. store the relative difference of `grad` and `gradapprox` in `difference`, as in
#    exercise 1.1 (the locked last line returns `float(difference)`).
#
# Copy `theta` before nudging it: changing `theta` (or the arrays of `parameters`) in place
# would shift every later estimate, and would change the caller's parameters.
#
# *Hint:* start with `gradapprox = np.zeros_like(theta)`.
#
# Expected, with `rng = np.random.default_rng(0)`,
# `parameters = init.initialize_parameters_he([3, 4, 3, 1], rng)`, `X = rng.normal(size=(3, 5))`,
# `Y = np.array([[1., 0., 1., 1., 0.]])`, `cache = regularization.forward_propagation(X, parameters)[1]`,
# `gradients = regularization.backward_propagation(X, Y, cache)` (right) and
# `bugged = dict(gradients, dW2=2 * gradients["dW2"])` (one gradient doubled):
# `gradient_check_n(parameters, gradients, X, Y, 1e-7) < 1e-7` is `True` and
# `gradient_check_n(parameters, bugged, X, Y, 1e-7)` is `0.15064`.

# %% nbgrader={"grade": false, "grade_id": "practical-gradient_check_n", "locked": false, "schema_version": 3, "solution": true}
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    """Relative difference between the network's gradients and their centred-difference estimates.

    parameters and gradients are dictionaries; X is (n_x, m), Y is (1, m).
    """
    ### BEGIN SOLUTION
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients, parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.size):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))
        theta_minus = np.copy(theta)
        theta_minus[i] -= epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    ### END SOLUTION
    return float(difference)


# %% nbgrader={"grade": true, "grade_id": "practical-gradient_check_n-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.gradient_check_n", gradient_check_n)
### BEGIN HIDDEN TESTS
check("practical.gradient_check_n", gradient_check_n, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Finding bugs with your checker
#
# Here is a backward pass for the network, written from the equations of the regularisation
# notebook (section 2) with the cache layout described there. It runs without error and returns
# gradients of the right shapes. It also contains **three bugs**.

# %%
def backward_propagation_n(X, Y, cache):
    """Gradients of the three-layer network's cost (with three planted bugs)."""
    m = X.shape[1]
    Z1, A1, W1 = cache["Z1"], cache["A1"], cache["W1"]
    Z2, A2, W2 = cache["Z2"], cache["A2"], cache["W2"]
    A3, W3 = cache["A3"], cache["W3"]
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 >= 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.mean(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


cost, cache = forward_propagation_n(X, Y, parameters)
gradients = backward_propagation_n(X, Y, cache)
difference = gradient_check_n(parameters, gradients, X, Y, 1e-7)
print(f"difference = {difference:.3e}:", "looks right" if difference < 1e-7 else "there is a mistake in the backward pass!")

# %% [markdown]
# Your checker says that something is wrong, but not where. To find out, apply the same test to
# each parameter's gradient separately: `gradcheck.check_gradients(f, parameters, gradients)`,
# the course's version, returns the relative difference for every key of `parameters`.

# %%
cost_of = lambda p: forward_propagation_n(X, Y, p)[0]
fig = plots.gradient_errors(gradcheck.check_gradients(cost_of, parameters, gradients, epsilon=1e-7),
                            title="Relative error of each gradient: the buggy backward pass")

# %% [markdown]
# Read the bars from right to left: the output layer's `W3` and `b3` are on the right.
# Backpropagation computes the gradients from layer 3 to layer 1, so a mistake in a layer also
# spoils every gradient computed *after* it (to its left); the bug to look for first is in the
# right-most red bar. Here `dW3` is wrong while `db3` is right, so the mistake is in the line of
# `dW3` itself. To their left, everything from layer 2 down is red: look at the lines between
# `dW3` and `dW2`.
#
# Before reading on, find the three bugs in `backward_propagation_n` by comparing each line
# with the equations (the relative errors of the bars are a clue too: a wrong factor such as
# $m$ gives an error of $\frac{m - 1}{m + 1}$).
#
# <details><summary><b>The three bugs</b> (click to open once you have looked for them)</summary>
#
# 1. `dW3 = dZ3 @ A2.T` lacks the division by $m$: `dW3` is $m = 5$ times too large, a relative
#    error of $\frac{5 - 1}{5 + 1} = 0.67$.
# 2. `dZ2 = dA2 * (A2 >= 0)`: since $A^{[2]} = \text{relu}(Z^{[2]}) \ge 0$ always, this multiplies
#    by 1 everywhere, as if the ReLU were the identity. The derivative of the ReLU is
#    `Z2 > 0` (or `A2 > 0`). Every gradient below inherits the error.
# 3. `db1 = np.mean(dZ1, axis=1, keepdims=True) / m` divides by $m$ twice: `np.mean` already
#    divides by $m$. (The third bug is hidden behind the second in the first figure: both make
#    `db1` wrong. Fixing the bugs from the output layer down, and checking after each fix,
#    reveals it.)
#
# </details>
#
# The next cell holds the fixed backward pass, with the three fixes marked: run it, and read it
# after you have looked for the bugs yourself.

# %%
def backward_propagation_n_fixed(X, Y, cache):
    """Gradients of the three-layer network's cost (the three bugs fixed)."""
    m = X.shape[1]
    Z1, A1, W1 = cache["Z1"], cache["A1"], cache["W1"]
    Z2, A2, W2 = cache["Z2"], cache["A2"], cache["W2"]
    A3, W3 = cache["A3"], cache["W3"]
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m                                # fixed: divide by m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)                                # fixed: the ReLU's derivative
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m        # fixed: sum, then divide by m once
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


gradients = backward_propagation_n_fixed(X, Y, cache)
difference = gradient_check_n(parameters, gradients, X, Y, 1e-7)
print(f"difference = {difference:.3e}:", "looks right" if difference < 1e-7 else "there is a mistake in the backward pass!")
fig = plots.gradient_errors(gradcheck.check_gradients(cost_of, parameters, gradients, epsilon=1e-7),
                            title="Relative error of each gradient: the fixed backward pass")

# %% [markdown]
# ## 4. Using gradient checking well
#
# - **Check the cost you differentiate.** With L2 regularisation, $J$ must include the penalty,
#   or the correct gradients $dW^{[l]}$ (which include $\frac{\lambda}{m} W^{[l]}$) will be
#   flagged as wrong. The cell below checks the course's L2 backward pass both ways.
# - **Turn dropout off.** With dropout, $J$ depends on random masks: every forward pass is a
#   different function. Check with `keep_prob = 1`, or with the masks held fixed.
# - **Mind the kinks.** ReLU has no derivative at 0. If some $Z$ lies within $\varepsilon$ of 0,
#   the two nudges fall on different sides of the kink and the estimate is off. It is rare with
#   random inputs; if one entry keeps failing, look at its $Z$.
# - **Check, then train.** Checking is slow ($2n$ forward passes), so check at a few random
#   points (and perhaps once more after some training), then switch it off.

# %%
lambd = 0.7
gradients_l2 = regularization.backward_propagation_with_regularization(X, Y, cache, lambd)
with_penalty = lambda p: regularization.compute_cost_with_regularization(
    regularization.forward_propagation(X, p)[0], Y, p, lambd)
errors_with = gradcheck.check_gradients(with_penalty, parameters, gradients_l2, epsilon=1e-7)
errors_without = gradcheck.check_gradients(cost_of, parameters, gradients_l2, epsilon=1e-7)
for key in parameters:
    print(f"{key}: J with the penalty {errors_with[key]:.1e}   J without it {errors_without[key]:.1e}")

# %% [markdown]
# ## 5. The course's tool: `course.nn.gradcheck`
#
# The function you wrote checks one particular network. The module `course.nn.gradcheck` holds
# the same ideas in a general form, and later units use it to test every backward pass:
#
# - `numerical_gradient(f, x, epsilon)`: the centred-difference gradient of any scalar function
#   `f` with respect to every entry of an array `x` (nudged in place and restored);
# - `relative_error(a, b)`: $\lVert a - b \rVert / (\lVert a \rVert + \lVert b \rVert)$;
# - `check_gradients(f, parameters, gradients)`: the relative error of each parameter's gradient,
#   as used above.
#
# A layer's backward pass takes the gradient `dout` of the cost with respect to the layer's
# output and returns the gradient with respect to its input. To test it without a network, use
# the scalar $f(x) = \sum \big(\text{layer}(x) \odot \text{dout}\big)$, whose gradient is exactly
# what the backward pass should return. For the sigmoid, whose backward pass is
# $dx = \text{dout} \odot \sigma(x)(1 - \sigma(x))$:

# %%
rng = np.random.default_rng(0)
x, dout = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
numeric = gradcheck.numerical_gradient(lambda x: np.sum(sigmoid(x) * dout), x)
analytic = dout * sigmoid(x) * (1 - sigmoid(x))
print(f"sigmoid backward: relative error {gradcheck.relative_error(analytic, numeric):.1e}")

# %% [markdown]
# ## What to try next
#
# - Plant a bug of your own in `backward_propagation_n_fixed`, say `db2` summed over the wrong
#   axis and broadcast back, and see how the bars point to it.
# - Add an $\varepsilon$ loop around `gradient_check_n` (from $10^{-1}$ to $10^{-12}$) for the
#   fixed backward pass and plot the difference against $\varepsilon$: where is the minimum, and
#   does it match the figure of section 1?
# - Check the sigmoid's backward pass with a one-sided difference instead: how much larger is
#   the relative error?
# - Make the check faster: estimate the gradient only along a few random directions $u$, with
#   $\frac{J(\theta + \varepsilon u) - J(\theta - \varepsilon u)}{2\varepsilon} \approx \text{grad} \cdot u$.
#   Why does one direction already catch most bugs?
