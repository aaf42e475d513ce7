"""Unit 3's seed study: test accuracy of the two networks of deep_nn_application for seeds 0 to 19.

Reproduces the table in source/u03_deep_nn/deep_nn_application.py (section "One run is not a
proof"). Run: .venv/bin/python utils/u03_seed_study.py  (about a minute).
"""
import numpy as np

from course.data import load_faces
from course.nn.deep import predict
from course.nn.deep_training import L_layer_model, two_layer_model
from course.nn.metrics import accuracy
from course.nn.preprocessing import flatten, standardize

BASELINE = 0.94  # unit 1's logistic regression on the same split

train_x, train_y, test_x, test_y, _ = load_faces()
X_train, X_test = standardize(flatten(train_x), flatten(test_x))
runs = {
    "2 layers, 1000 iterations at 0.0075": lambda rng: two_layer_model(
        X_train, train_y, (625, 7, 1), num_iterations=1000, rng=rng)[0],
    "4 layers, 1000 iterations at 0.02": lambda rng: L_layer_model(
        X_train, train_y, [625, 20, 7, 5, 1], learning_rate=0.02, num_iterations=1000, rng=rng)[0],
}
print("| model | mean | range | better than 94 % | equal | worse |")
print("|---|---|---|---|---|---|")
for name, train in runs.items():
    acc = np.array([accuracy(predict(train(np.random.default_rng(seed)), X_test), test_y) for seed in range(20)])
    better, equal = int(np.sum(acc > BASELINE + 1e-9)), int(np.sum(np.isclose(acc, BASELINE)))
    print(f"| {name} | {acc.mean():.1%} | {acc.min():.0%} to {acc.max():.0%} | {better} seeds | {equal} "
          f"| {20 - better - equal} |")
