# %% [markdown]
# # Unit 7, part 2: A convolutional network on hand signs
#
# Part 1 built convolution and pooling layers. Here a small convolutional network, trained in
# NumPy with unit 5's Adam, learns to count the raised fingers of a hand, and we compare it with
# a dense network of the kind you built in units 3 to 5, on the same images and with the same
# optimiser.
#
# Nothing is graded in this notebook: read the code, run it, and try the experiments at the end.
# It uses the course's vectorised layers (`course.nn.conv`, which compute exactly what your
# part 1 functions compute, tens to hundreds of times faster: see part 1's chart) so that
# training takes seconds.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
import os
import time

import numpy as np

from course import plots
from course.data.signs import load_signs
from course.nn.conv import conv_backward, conv_forward, pool_backward, pool_forward
from course.nn.deep import linear_activation_backward, linear_activation_forward, linear_backward, linear_forward
from course.nn.optim import initialize_adam, update_parameters_with_adam
from course.nn.softmax import softmax_cross_entropy

# %% [markdown]
# ## 1. The data
#
# The images are generated (with a fixed seed, then cached): $64 \times 64$ colour pictures of a
# hand raising 0 to 5 fingers, in counting order (index, middle, ring, little finger, then the
# thumb). Skin tone, hand size, position and rotation (up to 25 degrees), finger lengths and
# angles, the background's colours and clutter, and pixel noise vary from image to image. The
# label is the number of raised fingers. There are 2000 training and 300 test images, each class
# about one sixth of them.

# %%
train_x_orig, train_y, test_x_orig, test_y, classes = load_signs()
print("train:", train_x_orig.shape, train_y.shape, " test:", test_x_orig.shape, test_y.shape)
print("images per class in the training set:", np.bincount(train_y[0]))
order = np.argsort(train_y[0], kind="stable")
samples = np.concatenate([order[train_y[0, order] == k][:4] for k in range(6)])
fig = plots.image_grid(train_x_orig[samples], ["1 finger" if label == 1 else f"{label} fingers" for label in train_y[0, samples]],
                       ncols=8, suptitle="Four training images of each class")

# %% [markdown]
# Each colour channel is standardised with the mean and standard deviation of the training
# pixels (the test set uses the training statistics). Labels become one-hot columns, $(6, m)$,
# for the softmax of unit 5.

# %%
mean = train_x_orig.mean(axis=(0, 1, 2))
std = train_x_orig.std(axis=(0, 1, 2))
train_x = ((train_x_orig - mean) / std).astype(np.float64)
test_x = ((test_x_orig - mean) / std).astype(np.float64)
train_Y, test_Y = np.eye(6)[train_y[0]].T, np.eye(6)[test_y[0]].T
print("train_x:", train_x.shape, " train_Y:", train_Y.shape)

# %% [markdown]
# ## 2. The network
#
# Three stages of CONV $\to$ RELU $\to$ MAXPOOL ($2 \times 2$, stride 2), then a softmax layer:
#
# | layer | filters | output |
# |---|---|---|
# | input | | $64 \times 64 \times 3$ |
# | conv $5 \times 5$, stride 2, pad 2; relu; max pool | 8 | $32 \times 32 \times 8 \to 16 \times 16 \times 8$ |
# | conv $3 \times 3$, stride 1, pad 1; relu; max pool | 16 | $16 \times 16 \times 16 \to 8 \times 8 \times 16$ |
# | conv $3 \times 3$, stride 1, pad 1; relu; max pool | 32 | $8 \times 8 \times 32 \to 4 \times 4 \times 32$ |
# | flatten, dense, softmax | 6 | $6$ |
#
# The parameters are named `W1, b1, ..., W4, b4`, so that unit 5's
# `update_parameters_with_adam` updates them as it is (it only needs the keys; the arrays can have
# any shape). The flattened features are a $(512, m)$ matrix, one example per column, as in the
# dense networks of earlier units.

# %%
CONV_LAYERS = ((1, {"stride": 2, "pad": 2}), (2, {"stride": 1, "pad": 1}), (3, {"stride": 1, "pad": 1}))
POOL = {"f": 2, "stride": 2}


def initialize_cnn(rng):
    """He initialisation of the three conv layers and the softmax layer."""
    shapes = {1: (5, 5, 3, 8), 2: (3, 3, 8, 16), 3: (3, 3, 16, 32)}
    parameters = {}
    for l, shape in shapes.items():
        parameters[f"W{l}"] = rng.normal(0, np.sqrt(2 / np.prod(shape[:3])), shape)
        parameters[f"b{l}"] = np.zeros((1, 1, 1, shape[3]))
    parameters["W4"] = rng.normal(0, np.sqrt(1 / 512), (6, 512))
    parameters["b4"] = np.zeros((6, 1))
    return parameters


def cnn_forward(X, parameters):
    """Scores Z4 (6, m) and the caches of every layer."""
    A, caches = X, []
    for l, hparameters in CONV_LAYERS:
        Z, conv_cache = conv_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hparameters)
        A, pool_cache = pool_forward(np.maximum(Z, 0), POOL, "max")
        caches.append((conv_cache, Z, pool_cache))
    features = A.reshape(A.shape[0], -1).T
    return parameters["W4"] @ features + parameters["b4"], (caches, features, A.shape)


def cnn_backward(dZ4, cache, parameters):
    """Gradients of the mean cost; dZ4 = A4 - Y (6, m) from softmax_cross_entropy."""
    caches, features, shape = cache
    m = dZ4.shape[1]
    grads = {"dW4": dZ4 @ features.T / m, "db4": np.sum(dZ4, axis=1, keepdims=True) / m}
    dA = (parameters["W4"].T @ dZ4 / m).T.reshape(shape)
    for l in (3, 2, 1):
        conv_cache, Z, pool_cache = caches[l - 1]
        dZ = pool_backward(dA, pool_cache, "max") * (Z > 0)
        # The first layer's input is the image: its gradient is not needed, so it is skipped.
        dA, grads[f"dW{l}"], grads[f"db{l}"] = conv_backward(dZ, conv_cache, input_gradient=l > 1)
    return grads


def accuracy(forward, X, y, parameters, batch=500):
    """Fraction of examples whose highest score is the true class (evaluated in batches)."""
    scores = np.concatenate([forward(X[k:k + batch], parameters)[0] for k in range(0, len(X), batch)], axis=1)
    return float(np.mean(np.argmax(scores, axis=0) == y[0]))


# %% [markdown]
# ## 3. Training
#
# Mini-batches of 64 images, shuffled every epoch, and Adam with learning rate 0.003 (unit 5's
# defaults $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$). The same `train`
# function trains the dense network below; only `forward`, `backward` and the arrays differ.
# It prints one line per epoch (the epoch's mean cost, the test accuracy and the seconds since
# the start), so that you can follow the training, which takes about 15 seconds for the CNN.

# %%
def train(forward, backward, parameters, X, Y, y, X_test, y_test, epochs, learning_rate, rng, batch_size=64,
          name=""):
    """Adam on shuffled mini-batches; returns parameters and per-epoch cost and test accuracy.

    Prints one line per epoch, starting with name: its cost, the test accuracy and the seconds so far."""
    started = time.perf_counter()
    v, s = initialize_adam(parameters)
    t, history = 0, {"cost": [], "test accuracy": []}
    m = len(y[0])
    for epoch in range(epochs):
        permutation, total = rng.permutation(m), 0.0
        for start in range(0, m, batch_size):
            batch = permutation[start:start + batch_size]
            Z, cache = forward(X[batch], parameters)
            cost, dZ = softmax_cross_entropy(Z, Y[:, batch])
            t += 1
            parameters, v, s, _, _ = update_parameters_with_adam(parameters, backward(dZ, cache, parameters),
                                                                 v, s, t, learning_rate)
            total += cost * len(batch)
        history["cost"].append(total / m)
        history["test accuracy"].append(accuracy(forward, X_test, y_test, parameters))
        print(f"{name} epoch {epoch + 1}/{epochs}: cost {history['cost'][-1]:.4f}, "
              f"test accuracy {history['test accuracy'][-1]:.1%}, {time.perf_counter() - started:.1f} s", flush=True)
    return parameters, history


# When nbgrader runs this notebook (Validate, autograde), 2 epochs instead of 6 save time.
EPOCHS = 2 if os.environ.get("NBGRADER_EXECUTION") else 6
start = time.perf_counter()
cnn_parameters, cnn_history = train(cnn_forward, cnn_backward, initialize_cnn(np.random.default_rng(0)),
                                    train_x, train_Y, train_y, test_x, test_y, epochs=EPOCHS, learning_rate=0.003,
                                    rng=np.random.default_rng(1), name="CNN")
cnn_seconds = time.perf_counter() - start
cnn_train_accuracy = accuracy(cnn_forward, train_x, train_y, cnn_parameters)
print(f"CNN: {cnn_seconds:.1f} s, train accuracy {cnn_train_accuracy:.1%}, "
      f"test accuracy {cnn_history['test accuracy'][-1]:.1%}")

# %% [markdown]
# ## 4. The dense network
#
# For comparison: a dense network with one hidden layer of 64 relu units on the 12 288 pixel
# values of each image (standardised in the same way), then softmax. It has
# $12\,288 \times 64 + 64 + 64 \times 6 + 6 = 786\,886$ parameters, against the CNN's
# $608 + 1\,168 + 4\,640 + 3\,078 = 9\,494$.

# %%
def dense_forward(images, parameters):
    """Images (m, 64, 64, 3), flattened to X (12288, m), -> scores (6, m) through one relu layer.

    Unit 3's layers (course.nn.deep); the output layer is linear, its softmax is in the cost."""
    X = images.reshape(images.shape[0], -1).T
    A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
    Z2, cache2 = linear_forward(A1, parameters["W2"], parameters["b2"])
    return Z2, (cache1, cache2)


def dense_backward(dZ2, cache, parameters):
    """Gradients of the mean cost, with unit 3's backward functions."""
    cache1, cache2 = cache
    dA1, dW2, db2 = linear_backward(dZ2, cache2)
    _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


rng = np.random.default_rng(0)
dense_parameters = {"W1": rng.normal(0, np.sqrt(2 / 12288), (64, 12288)), "b1": np.zeros((64, 1)),
                    "W2": rng.normal(0, np.sqrt(1 / 64), (6, 64)), "b2": np.zeros((6, 1))}
start = time.perf_counter()
dense_parameters, dense_history = train(dense_forward, dense_backward, dense_parameters, train_x, train_Y, train_y,
                                        test_x, test_y, epochs=EPOCHS, learning_rate=0.0005, rng=np.random.default_rng(1),
                                        name="dense")
dense_seconds = time.perf_counter() - start
dense_train_accuracy = accuracy(dense_forward, train_x, train_y, dense_parameters)
print(f"dense: {dense_seconds:.1f} s, train accuracy {dense_train_accuracy:.1%}, "
      f"test accuracy {dense_history['test accuracy'][-1]:.1%}")

# %% [markdown]
# (The dense network's learning rate, 0.0005, is lower than the CNN's: at 0.003 its 786 886
# weights on raw pixels jump around and it does worse.)
#
# ## 5. Comparison

# %%
epochs = np.arange(1, EPOCHS + 1)
fig = plots.accuracy_curve(epochs, {"CNN": cnn_history["test accuracy"], "dense": dense_history["test accuracy"]},
                           "epoch", "Test accuracy after each epoch")
fig = plots.cost_curves({"CNN": cnn_history["cost"], "dense": dense_history["cost"]}, log=False,
                        title="Mean training cost of each epoch")
print(f"{'':6s} {'parameters':>10s} {'train':>7s} {'test':>7s} {'seconds':>8s}")
for name, parameters, train_accuracy, history, seconds in [
        ("CNN", cnn_parameters, cnn_train_accuracy, cnn_history, cnn_seconds),
        ("dense", dense_parameters, dense_train_accuracy, dense_history, dense_seconds)]:
    n_parameters = sum(value.size for value in parameters.values())
    print(f"{name:6s} {n_parameters:10,d} {train_accuracy:7.1%} {history['test accuracy'][-1]:7.1%} {seconds:8.1f}")

# %% [markdown]
# The CNN, with about 80 times fewer parameters, generalises much better: its filters look for
# the same local patterns (edges of a finger, a fingertip) everywhere in the image, and max
# pooling makes the answer tolerant to where exactly they are. The dense network must learn
# each position and each rotation of each finger separately, from about 330 images per class: it fits
# the training images better than it recognises new ones.
#
# Which images does the CNN get wrong? The first eight test mistakes, titled "true / predicted":

# %%
scores = cnn_forward(test_x, cnn_parameters)[0]
predicted = np.argmax(scores, axis=0)
wrong = np.flatnonzero(predicted != test_y[0])[:8]
fig = plots.image_grid(test_x_orig[wrong], [f"{test_y[0, k]} / {predicted[k]}" for k in wrong], ncols=8,
                       suptitle="CNN mistakes on test images (true / predicted)")

# %% [markdown]
# ## What to try next
#
# - Train for more epochs (each takes two to three seconds): how far does the CNN's test accuracy
#   go, and when does it start to overfit?
# - Remove the third conv stage (so the softmax sees $8 \times 8 \times 16 = 1024$ features): does
#   the accuracy drop? Replace max pooling with average pooling.
# - Look at the first layer's eight $5 \times 5 \times 3$ filters with `plots.image_grid`
#   (rescale each to [0, 1]): do some of them look like part 1's edge kernels?
# - Give the dense network as many epochs as the CNN's training time allows. Does it catch up?
# - Use `load_signs(n_train=1000)`: which of the two networks suffers more from less data?
