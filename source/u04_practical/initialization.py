# %% [markdown]
# # Unit 4, part 1: Initialisation and input normalisation
#
# A network that is written correctly can still refuse to learn. Two choices made *before* the
# first step of gradient descent decide a lot: the initial values of the weights, and the scale of
# the inputs. In this notebook you try three initialisations on the same network and data and
# watch what each does to training, you follow the signal through a deep network layer by layer to
# see why one of them works, and you normalise the inputs.
#
# Unit 4 has three notebooks: this one, `regularization` (fighting overfitting with L2 and
# dropout) and `gradient_checking` (testing a backward pass against numerical derivatives).
#
# | section | functions you write |
# |---|---|
# | 2. Three initialisations | `initialize_parameters_zeros`, `initialize_parameters_random`, `initialize_parameters_he` |
# | 4. Normalising the inputs | `normalize_inputs` |

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

from course import plots
from course.checks import check
from course.data import load_planar
from course.nn import init, regularization
from course.nn.metrics import accuracy

# %% [markdown]
# ## 1. The data and the network
#
# Two concentric circles: the inner circle is blue (class 1), the outer ring red (class 0). No
# straight line separates them. We draw 300 training points and, from another seed, 100 test
# points. As everywhere in this course, examples are columns: `X_train` has shape `(2, 300)` and
# `Y_train` shape `(1, 300)`.

# %%
X_train, Y_train = load_planar("circles", m=300, seed=1)
X_test, Y_test = load_planar("circles", m=100, seed=2)
print("X_train:", X_train.shape, " X_test:", X_test.shape)
fig = plots.scatter_classes(X_train, Y_train, title="Circles: 300 training points")

# %% [markdown]
# The model of this unit is a network with three layers,
#
# $$\text{LINEAR} \to \text{RELU} \to \text{LINEAR} \to \text{RELU} \to \text{LINEAR} \to \text{SIGMOID},$$
#
# here with `layers_dims = [2, 10, 5, 1]`: two inputs, hidden layers of 10 and 5 units, one
# output. Layer $l$ has weights $W^{[l]}$ of shape $(n^{[l]}, n^{[l-1]})$ and a bias $b^{[l]}$ of
# shape $(n^{[l]}, 1)$. You wrote such networks in units 2 and 3; here the course's own
# implementation, `regularization.model`, trains it, and you provide only the function that
# creates the initial parameters. It is called as `initialization(layers_dims, rng)` and must
# return the dictionary `{"W1": ..., "b1": ..., "W2": ..., "b2": ..., "W3": ..., "b3": ...}`.

# %%
layers_dims = [2, 10, 5, 1]


def train(initialization, X, Y, costs=None, num_iterations=15000, learning_rate=0.01):
    """Train the three-layer network from `initialization`; return its parameters."""
    return regularization.model(X, Y, layers_dims, learning_rate, num_iterations,
                                initialization=initialization, rng=np.random.default_rng(1), costs=costs)


def report(name, parameters):
    """Print the train and test accuracy of a trained network."""
    train_acc = accuracy(regularization.predict(parameters, X_train), Y_train)
    test_acc = accuracy(regularization.predict(parameters, X_test), Y_test)
    print(f"{name}: train accuracy {train_acc:.1%}, test accuracy {test_acc:.1%}")
    return train_acc, test_acc


# %% [markdown]
# ## 2. Three initialisations
#
# ### Exercise 2.1: `initialize_parameters_zeros`
#
# The simplest idea is to start from nothing: every weight and every bias equal to zero.
#
# Write `initialize_parameters_zeros(layers_dims, rng)`. For each layer $l = 1, \dots, L$ (where
# `L = len(layers_dims) - 1`) set `W{l}` to `np.zeros((layers_dims[l], layers_dims[l-1]))` and
# `b{l}` to `np.zeros((layers_dims[l], 1))`. The argument `rng` is not used here; it is there so
# that the three initialisations can be called the same way.
#
# Expected: `initialize_parameters_zeros([3, 2, 1], np.random.default_rng(0))` is
# `{"W1": array([[0., 0., 0.], [0., 0., 0.]]), "b1": array([[0.], [0.]]),
# "W2": array([[0., 0.]]), "b2": array([[0.]])}`.
#
# *Hint:* build the keys with an f-string, `f"W{l}"`, inside `for l in range(1, L + 1)`.

# %% nbgrader={"grade": false, "grade_id": "practical-initialize_parameters_zeros", "locked": false, "schema_version": 3, "solution": true}
def initialize_parameters_zeros(layers_dims, rng):
    """{"W1", "b1", ..., "WL", "bL"}, all zeros; W[l] (n_l, n_{l-1}), b[l] (n_l, 1)."""
    parameters = {}
    L = len(layers_dims) - 1
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "practical-initialize_parameters_zeros-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.initialize_parameters_zeros", initialize_parameters_zeros)
### BEGIN HIDDEN TESTS
check("practical.initialize_parameters_zeros", initialize_parameters_zeros, hidden=True)
### END HIDDEN TESTS

# %% [markdown]
# Train the network from zeros and look at the cost, which is printed every 1000 iterations.

# %%
costs = {}
costs["zeros"] = []
parameters_zeros = train(initialize_parameters_zeros, X_train, Y_train, costs["zeros"])
print("cost every 1000 iterations:", np.round(costs["zeros"][::10], 6))
results = {"zeros": report("zeros", parameters_zeros)}

# %% [markdown]
# Nothing happens: the cost stays at $\ln 2 \approx 0.693147$ and the network predicts the same
# class everywhere. Follow one forward pass to see why. With all weights and biases zero,
# $Z^{[1]} = 0$, so $A^{[1]} = \text{relu}(0) = 0$, and likewise $A^{[2]} = 0$; the output is
# $\sigma(0) = 0.5$ for every example, a cost of $-\ln 0.5 = \ln 2$. Going backwards,
# $dW^{[3]} = \frac{1}{m} dZ^{[3]} A^{[2]T} = 0$ and $dA^{[2]} = W^{[3]T} dZ^{[3]} = 0$, so every
# gradient but $db^{[3]}$ is zero, and the weights never move.
#
# The deeper problem is **symmetry**. Even with a non-zero constant, every unit of a layer would
# compute the same function of the input and receive the same gradient, so the units would stay
# identical forever and a layer of ten units would be no better than one. The initial weights
# must be different from one another: random.
#
# ### Exercise 2.2: `initialize_parameters_random`
#
# Random weights break the symmetry. How large should they be? Try *too large* first, to see
# what goes wrong: standard normal draws multiplied by 10.
#
# Write `initialize_parameters_random(layers_dims, rng)`: for each layer,
# `W{l} = rng.standard_normal((layers_dims[l], layers_dims[l-1])) * 10` and `b{l}` zeros of
# shape `(layers_dims[l], 1)` (the biases need no randomness: the weights already break the
# symmetry). Draw only from the `rng` you are given, never from `np.random` directly.
#
# The check cannot compare your random numbers with the course's (they depend on the order in
# which you draw them); it checks the shapes, that the biases are exactly zero, and that the
# weights look like draws of standard deviation 10 and mean 0.

# %% nbgrader={"grade": false, "grade_id": "practical-initialize_parameters_random", "locked": false, "schema_version": 3, "solution": true}
def initialize_parameters_random(layers_dims, rng):
    """Weights 10 * N(0, 1) drawn with rng (deliberately too large), biases zero."""
    parameters = {}
    L = len(layers_dims) - 1
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * 10
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "practical-initialize_parameters_random-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.initialize_parameters_random", initialize_parameters_random)
### BEGIN HIDDEN TESTS
check("practical.initialize_parameters_random", initialize_parameters_random, hidden=True)
### END HIDDEN TESTS

# %%
costs["random x 10"] = []
parameters_random = train(initialize_parameters_random, X_train, Y_train, costs["random x 10"])
print("cost every 1000 iterations:", np.round(costs["random x 10"][::10], 3))
results["random x 10"] = report("random x 10", parameters_random)

# %% [markdown]
# The symmetry is broken and the network learns, but badly. The first cost is enormous: with
# weights of size 10, $Z^{[3]}$ is in the hundreds for many examples, the sigmoid rounds to exactly
# 0 or 1, and a confident mistake costs $-\ln(\sigma(z)) \approx |z|$. (Computed naively as
# `np.log(A3)` that cost would be $-\ln 0 = \infty$; the course's model computes it from $Z^{[3]}$,
# as $\ln(1 + e^{z}) - y z$, which stays finite.) Gradient descent first corrects the worst of
# these mistakes, so the cost falls fast, and then crawls: the outputs stay extreme (for about half
# of the training points $|z^{[3]}| > 10$, a probability beyond 0.99995, where the sigmoid is flat
# and passes back almost no gradient), and a learning rate of 0.01 moves weights of size 10
# only by tiny relative amounts. After 15000 iterations the boundary is still poor.
#
# ### Exercise 2.3: `initialize_parameters_he`
#
# A good scale keeps the signal neither growing nor shrinking from layer to layer. Unit
# $i$ of layer $l$ computes $z_i = \sum_{j=1}^{n^{[l-1]}} W_{ij} a_j$, a sum of $n^{[l-1]}$ terms.
# If the weights are independent with mean 0 and variance $\text{Var}(W)$,
#
# $$\text{Var}(z_i) = n^{[l-1]}\, \text{Var}(W)\, \mathbb{E}\big[a_j^2\big].$$
#
# A ReLU zeroes the negative half of a symmetric $z$, so $\mathbb{E}[a^2] = \frac{1}{2}\text{Var}(z)$
# of the layer below. The variance of $z$ is therefore the same in every layer when
# $n^{[l-1]}\,\text{Var}(W) \cdot \frac{1}{2} = 1$, that is
#
# $$W^{[l]} = \text{standard normal} \times \sqrt{\frac{2}{n^{[l-1]}}}.$$
#
# This is **He initialisation** (He et al., 2015), made for ReLU networks. (For $\tanh$, which
# does not halve the signal, the same argument gives $\sqrt{1 / n^{[l-1]}}$, LeCun's scale
# (LeCun et al., 1998), which some courses call Xavier. Glorot and Bengio's (2010) "Xavier"
# initialisation averages the fan-in and the fan-out, $\sqrt{2 / (n^{[l-1]} + n^{[l]})}$; the two
# agree when a layer has as many inputs as units.) Note that the
# scale depends on $n^{[l-1]}$, the number of *inputs* of the layer, not on its own size.
#
# Write `initialize_parameters_he(layers_dims, rng)`: for each layer,
# `W{l} = rng.standard_normal((layers_dims[l], layers_dims[l-1])) * np.sqrt(2 / layers_dims[l-1])`,
# and `b{l}` zeros.

# %% nbgrader={"grade": false, "grade_id": "practical-initialize_parameters_he", "locked": false, "schema_version": 3, "solution": true}
def initialize_parameters_he(layers_dims, rng):
    """Weights N(0, 1) * sqrt(2 / n_{l-1}) drawn with rng, biases zero."""
    parameters = {}
    L = len(layers_dims) - 1
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        scale = np.sqrt(2 / layers_dims[l - 1])
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    ### END SOLUTION
    return parameters


# %% nbgrader={"grade": true, "grade_id": "practical-initialize_parameters_he-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.initialize_parameters_he", initialize_parameters_he)
### BEGIN HIDDEN TESTS
check("practical.initialize_parameters_he", initialize_parameters_he, hidden=True)
### END HIDDEN TESTS

# %%
costs["He"] = []
parameters_he = train(initialize_parameters_he, X_train, Y_train, costs["He"])
print("cost every 1000 iterations:", np.round(costs["He"][::10], 4))
results["He"] = report("He", parameters_he)

# %% [markdown]
# ### The three side by side
#
# Same network, same data, same learning rate and number of iterations; only the starting point
# differs.

# %%
fig = plots.learning_curves_log(costs, every=100, title="Cost during training, three initialisations")

# %%
fig = plots.decision_boundaries({
    f"zeros (test {results['zeros'][1]:.0%})": lambda P: regularization.predict(parameters_zeros, P),
    f"random x 10 (test {results['random x 10'][1]:.0%})": lambda P: regularization.predict(parameters_random, P),
    f"He (test {results['He'][1]:.0%})": lambda P: regularization.predict(parameters_he, P),
}, X_train, Y_train)

# %% [markdown]
# Zeros never leave the start; weights that are too large start with a huge cost and learn a
# rough boundary slowly; He initialisation separates the circles almost perfectly. With three
# layers the difference is already large. With twenty it decides whether a network learns at all,
# as the next section shows.
#
# ## 3. Beyond: the signal through a deep network
#
# Take a chain of 20 layers of 100 units (no biases), feed it 500 random inputs, and measure the
# standard deviation of the activations $A^{[l]}$ layer by layer. Then send a random gradient
# $dA^{[20]}$ back through the chain, $dA^{[l-1]} = W^{[l]T}\big(dA^{[l]} \odot g'(Z^{[l]})\big)$,
# and measure the spread of $dA^{[l]}$ too. The gradients of the weights are
# $dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}$, so if either the activations or the gradients
# die out (or blow up) along the way, the early layers cannot learn. Five weight scales are
# compared, for ReLU and for $\tanh$: `init.signal_spread` does the computation.

# %%
inputs = np.random.default_rng(0).standard_normal((100, 500))
spreads = {activation: {name: init.signal_spread(inputs, 20, 100, scale, activation, np.random.default_rng(1))
                        for name, scale in init.WEIGHT_SCALES.items()}
           for activation in ("relu", "tanh")}
fig = plots.signal_spread(spreads)

# %% [markdown]
# The vertical axes are logarithmic. Reading the figure:
#
# - **zeros**: every activation after the first layer is exactly 0, and so is every gradient
#   below the top: nothing can be learned (drawn at the bottom, since $\log 0$ does not exist).
# - **N(0,1) x 10** with ReLU: each layer multiplies the spread by about $10\sqrt{100/2} \approx 70$;
#   after 20 layers the activations are around $10^{36}$ and the gradients of the first layers
#   are just as large: *exploding*. With $\tanh$ the activations cannot explode; they saturate at
#   $\pm 1$ and no longer depend on the input, while the gradients still explode.
# - **N(0,1) x 0.01**: the mirror image. Each layer shrinks the signal by about
#   $0.01\sqrt{50} \approx 0.07$; after 20 layers nothing is left: *vanishing*. (The factor 0.01
#   that served the two-layer network of unit 2 well is fatal here.)
# - **Xavier** $\sqrt{1/n}$ (LeCun's scale; with 100 inputs and 100 units per layer it is also
#   Glorot's): made for $\tanh$, where it decays slowly (activations and gradients fall five- to
#   sixfold over 20 layers, against about $10^{20}$ for both with the factor 0.01, and $10^{13}$
#   for the gradients with the factor 10); with ReLU it loses half the variance per layer, a
#   factor $\sqrt 2$ in spread: $2^{-10} \approx 10^{-3}$ after 20 layers (the figure shows
#   about $4 \times 10^{-4}$).
# - **He** $\sqrt{2/n}$: made for ReLU: the gradients stay flat and the activations within a
#   factor of about 2.5 over 20 layers.
#
# ## 4. Normalising the inputs
#
# The scale of the *inputs* matters for the same reason as the scale of the weights. Suppose the
# first feature had been recorded in other units, ten times larger and shifted, and the second
# ten times smaller. The circles become a flat sliver (both axes below are drawn to the same
# scale).

# %%
scale, shift = np.array([[10.0], [0.1]]), np.array([[5.0], [0.5]])
X_train_raw, X_test_raw = scale * X_train + shift, scale * X_test + shift
print("feature means:", X_train_raw.mean(axis=1).round(3), " standard deviations:", X_train_raw.std(axis=1).round(3))

# %% [markdown]
# Gradient descent uses one learning rate for all weights. The weights of the large feature get
# large gradients and those of the small feature tiny ones; a learning rate small enough for the
# first is far too small for the second, and the cost surface becomes a long narrow valley in
# which gradient descent zigzags. The cure costs one line: give every feature mean 0 and standard
# deviation 1.
#
# ### Exercise 4.1: `normalize_inputs`
#
# For each feature (row) $j$ of the training set, compute its mean and its standard deviation
# over the $m$ training examples:
#
# $$\mu_j = \frac{1}{m}\sum_{i=1}^{m} x_j^{(i)}, \qquad
#   \sigma_j = \sqrt{\frac{1}{m}\sum_{i=1}^{m} \big(x_j^{(i)} - \mu_j\big)^2},$$
#
# and map every example, of the training **and** the test set, to $(x - \mu) / \sigma$. Three
# details matter:
#
# - divide by the standard deviation $\sigma$, not by the variance $\sigma^2$ (only $\sigma$ has
#   the units of $x$, so only $(x - \mu)/\sigma$ has standard deviation 1);
# - $\mu$ and $\sigma$ come from the training set only, and the test set is transformed with
#   *them*: the network learned on training inputs mapped by that transformation, and a test
#   example must be mapped the same way (at prediction time there may be a single example,
#   whose own statistics mean nothing);
# - each feature has its own $\mu_j$ and $\sigma_j$: `mu` and `sigma` have shape `(n_x, 1)`.
#
# Write `normalize_inputs(X_train, X_test)`, for `X_train` of shape `(n_x, m_train)` and `X_test`
# of shape `(n_x, m_test)`, returning `(X_train_norm, X_test_norm)` of the same shapes.
#
# *Hint:* `np.mean(X_train, axis=1, keepdims=True)` and `np.std(X_train, axis=1, keepdims=True)`
# have shape `(n_x, 1)` and broadcast over the columns of both sets.
#
# Expected, for the first visible case,
# `X_train = np.array([[1., 2., 3., 6.], [10., 30., 20., 60.], [0.5, 0.1, 0.3, 0.9]])` and
# `X_test = np.array([[3., 0.], [25., 40.], [0.2, 0.6]])`: the first feature of the training set,
# 1, 2, 3 and 6, has $\mu = 3$ and $\sigma = \sqrt{3.5}$, and
# `normalize_inputs(X_train, X_test)[0][0]` is `array([-1.06904497, -0.53452248, 0., 1.60356745])`.

# %% nbgrader={"grade": false, "grade_id": "practical-normalize_inputs", "locked": false, "schema_version": 3, "solution": true}
def normalize_inputs(X_train, X_test):
    """(X_train_norm, X_test_norm), shaped like X_train (n_x, m_train) and X_test (n_x, m_test).

    Each feature (row) is centred and scaled by the training set's mean and standard deviation.
    """
    ### BEGIN SOLUTION
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma = np.std(X_train, axis=1, keepdims=True)
    X_train_norm = (X_train - mu) / sigma
    X_test_norm = (X_test - mu) / sigma
    ### END SOLUTION
    return X_train_norm, X_test_norm


# %% nbgrader={"grade": true, "grade_id": "practical-normalize_inputs-test", "locked": true, "schema_version": 3, "solution": false}
check("practical.normalize_inputs", normalize_inputs)
### BEGIN HIDDEN TESTS
check("practical.normalize_inputs", normalize_inputs, hidden=True)
### END HIDDEN TESTS

# %%
X_train_norm, X_test_norm = normalize_inputs(X_train_raw, X_test_raw)
print("after: means", X_train_norm.mean(axis=1).round(6), " standard deviations", X_train_norm.std(axis=1).round(6))
fig = plots.scatter_panels({"raw features (same scale on both axes)": (X_train_raw, Y_train),
                            "normalised features": (X_train_norm, Y_train)})

# %% [markdown]
# Now train the same network with He initialisation, once on the raw features and once on the
# normalised ones, with the same learning rate and number of iterations.

# %%
curves = {"raw features": [], "normalised features": []}
parameters_raw = train(initialize_parameters_he, X_train_raw, Y_train, curves["raw features"])
parameters_norm = train(initialize_parameters_he, X_train_norm, Y_train, curves["normalised features"])
for name, parameters, X, Xt in (("raw", parameters_raw, X_train_raw, X_test_raw),
                                ("normalised", parameters_norm, X_train_norm, X_test_norm)):
    print(f"{name:>10}: train {accuracy(regularization.predict(parameters, X), Y_train):.1%}, "
          f"test {accuracy(regularization.predict(parameters, Xt), Y_test):.1%}")
fig = plots.learning_curves_log(curves, every=100, title="He initialisation, raw against normalised inputs")

# %% [markdown]
# On the raw features the network stalls far from a good solution: the tiny second feature
# barely moves its weights. Normalised, the same network learns the circles as well as in
# section 2. (The data is the same up to an invertible change of units; only the geometry of the
# optimisation changed.) Normalise by default, and remember to keep $\mu$ and $\sigma$ to apply
# them to every future input.
#
# ## What to try next
#
# - Change the factor 10 of `initialize_parameters_random` to 1 and to 0.1, and retrain. Which
#   factor is best for this small network, and how close is it to He's $\sqrt{2/n^{[l-1]}}$
#   (which is 1 for the first layer and about 0.45 and 0.63 for the others)?
# - Give `init.signal_spread` a depth of 50 and compare He and Xavier for ReLU. By how much does
#   Xavier's spread shrink, and is that what $\sqrt{2}^{-50}$ predicts?
# - In `normalize_inputs`, what happens if one feature is constant on the training set? Decide
#   what a robust version should do (a common choice divides by $\sigma + \varepsilon$).
# - Normalise with the test set's own statistics instead, for a test set shifted by a constant.
#   What does the network then predict, and why is that wrong?
