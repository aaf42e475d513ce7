"""Unit 7: the vectorised conv and pool layers against PyTorch and centred differences, the
kernel explorer, and the conv benchmark."""
from __future__ import annotations

import numpy as np
import pytest

from course import bench, widgets
from course.nn import conv
from course.nn.gradcheck import numerical_gradient, relative_error

from .conftest import record_metric

REDRAW_BUDGET_SECONDS = 2.0


def _conv_problem(seed):
    """Random shapes, strides and paddings (including windows that do not tile the input)."""
    rng = np.random.default_rng(seed)
    m, n_C_prev, n_C = (int(k) for k in rng.integers(1, 4, 3))
    n_H, n_W = (int(k) for k in rng.integers(4, 10, 2))
    f, s, p = int(rng.integers(1, 4)), int(rng.integers(1, 4)), int(rng.integers(0, 3))
    A = rng.normal(0, 1, (m, n_H, n_W, n_C_prev))
    W = rng.normal(0, 1, (f, f, n_C_prev, n_C))
    b = rng.normal(0, 1, (1, 1, 1, n_C))
    return rng, A, W, b, {"stride": s, "pad": p}


def _to_torch(array, requires_grad=True):
    torch = pytest.importorskip("torch")
    return torch.tensor(np.ascontiguousarray(array.transpose(0, 3, 1, 2)), requires_grad=requires_grad)


def _from_torch(tensor):
    return tensor.detach().numpy().transpose(0, 2, 3, 1)


@pytest.mark.parametrize("seed", range(12))
def test_conv_matches_torch_forward_and_backward(seed):
    torch = pytest.importorskip("torch")
    rng, A, W, b, hparameters = _conv_problem(seed)
    Z, cache = conv.conv_forward(A, W, b, hparameters)
    A_t = _to_torch(A)
    W_t = torch.tensor(np.ascontiguousarray(W.transpose(3, 2, 0, 1)), requires_grad=True)
    b_t = torch.tensor(b.ravel(), requires_grad=True)
    Z_t = torch.nn.functional.conv2d(A_t, W_t, b_t, stride=hparameters["stride"], padding=hparameters["pad"])
    np.testing.assert_allclose(Z, _from_torch(Z_t), rtol=1e-10, atol=1e-12)
    dZ = rng.normal(0, 1, Z.shape)
    Z_t.backward(_to_torch(dZ, requires_grad=False))
    dA, dW, db = conv.conv_backward(dZ, cache)
    np.testing.assert_allclose(dA, _from_torch(A_t.grad), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dW, W_t.grad.numpy().transpose(2, 3, 1, 0), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(db.ravel(), b_t.grad.numpy(), rtol=1e-10, atol=1e-12)
    assert dA.shape == A.shape and dW.shape == W.shape and db.shape == b.shape


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("mode", ["max", "average"])
def test_pool_matches_torch_forward_and_backward(seed, mode):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(seed)
    A = rng.normal(0, 1, (int(rng.integers(1, 4)), int(rng.integers(4, 10)), int(rng.integers(4, 10)),
                          int(rng.integers(1, 4))))
    f, s = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    P, cache = conv.pool_forward(A, {"f": f, "stride": s}, mode)
    A_t = _to_torch(A)
    pool = torch.nn.functional.max_pool2d if mode == "max" else torch.nn.functional.avg_pool2d
    P_t = pool(A_t, f, s)
    np.testing.assert_allclose(P, _from_torch(P_t), rtol=1e-12, atol=1e-14)
    dP = rng.normal(0, 1, P.shape)
    P_t.backward(_to_torch(dP, requires_grad=False))
    np.testing.assert_allclose(conv.pool_backward(dP, cache, mode), _from_torch(A_t.grad), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_conv_backward_matches_centred_differences(seed):
    rng, A, W, b, hparameters = _conv_problem(seed)
    Z, cache = conv.conv_forward(A, W, b, hparameters)
    G = rng.normal(0, 1, Z.shape)  # J = sum(G * Z), so dJ/dZ = G
    dA, dW, db = conv.conv_backward(G, cache)

    def J():
        return float(np.sum(G * conv.conv_forward(A, W, b, hparameters)[0]))

    for analytic, x in [(dA, A), (dW, W), (db, b)]:
        assert relative_error(analytic, numerical_gradient(lambda _: J(), x)) < 1e-7


@pytest.mark.parametrize("mode", ["max", "average"])
def test_pool_backward_matches_centred_differences(mode):
    rng = np.random.default_rng(5)
    A = rng.normal(0, 1, (2, 7, 6, 3))
    hparameters = {"f": 3, "stride": 2}
    P, cache = conv.pool_forward(A, hparameters, mode)
    G = rng.normal(0, 1, P.shape)
    numeric = numerical_gradient(lambda x: float(np.sum(G * conv.pool_forward(x, hparameters, mode)[0])), A)
    assert relative_error(conv.pool_backward(G, cache, mode), numeric) < 1e-7


def test_max_pool_backward_sends_a_tie_to_every_maximum():
    A = np.array([[1.0, 3.0], [3.0, 0.0]]).reshape(1, 2, 2, 1)
    _, cache = conv.pool_forward(A, {"f": 2, "stride": 2}, "max")
    np.testing.assert_array_equal(conv.pool_backward(np.ones((1, 1, 1, 1)), cache, "max")[0, :, :, 0],
                                  [[0.0, 1.0], [1.0, 0.0]])


def test_conv_forward_works_in_chunks_of_examples():
    """Batches larger than one chunk give the same result as one example at a time."""
    rng = np.random.default_rng(0)
    A, W, b = rng.normal(0, 1, (70, 12, 12, 8)), rng.normal(0, 1, (3, 3, 8, 4)), rng.normal(0, 1, (1, 1, 1, 4))
    hparameters = {"stride": 1, "pad": 1}
    assert len(conv._chunks(70, 144, 72)) > 1
    Z, cache = conv.conv_forward(A, W, b, hparameters)
    dZ = rng.normal(0, 1, Z.shape)
    dA, dW, db = conv.conv_backward(dZ, cache)
    singles = [conv.conv_backward(dZ[i:i + 1], conv.conv_forward(A[i:i + 1], W, b, hparameters)[1]) for i in range(70)]
    np.testing.assert_allclose(Z, np.concatenate([conv.conv_forward(A[i:i + 1], W, b, hparameters)[0] for i in range(70)]))
    np.testing.assert_allclose(dA, np.concatenate([g[0] for g in singles]))
    np.testing.assert_allclose(dW, sum(g[1] for g in singles))
    np.testing.assert_allclose(db, sum(g[2] for g in singles))


def test_size_arithmetic():
    assert conv.same_padding(227, 11, 4) == (4, 4, 57)
    assert conv.conv_output_size(227, 11, 0, 4) == 55
    for n, f, s in [(64, 3, 1), (64, 4, 1), (65, 5, 2), (10, 6, 3), (7, 1, 2)]:
        p_start, p_end, n_out = conv.same_padding(n, f, s)
        assert (n + p_start + p_end - f) // s + 1 == n_out == -(-n // s)
        assert 0 <= p_end - p_start <= 1
    assert conv.receptive_field([(3, 1)] * 2) == 5 and conv.receptive_field([(3, 2), (3, 2), (3, 1)]) == 15


def test_kernel_explorer_shows_the_predicted_size_and_redraws_within_budget():
    explorer = widgets.kernel_explorer()
    png = explorer.png
    assert explorer.state["shape"] == (254, 254)  # 256 x 256 camera, 3 x 3 kernel, no padding
    timings = []
    for name, value in [("stride", 3), ("pad", 4), ("kernel", "blur (5 x 5 box)"), ("image", "coffee")]:
        explorer.controls[name].value = value
        new_png = explorer.png
        assert new_png != png, f"changing {name} did not change the figure"
        png = new_png
        timings.append(explorer.seconds)
        assert explorer.state["shape"][0] == explorer.state["expected_rows"]
    assert explorer.state["shape"] == (conv.conv_output_size(200, 5, 4, 3), conv.conv_output_size(300, 5, 4, 3))
    record_metric("kernel explorer redraw seconds (max of 4 changes)", max(timings))
    assert max(timings) < REDRAW_BUDGET_SECONDS, timings


def test_kernel_explorer_is_static_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    explorer = widgets.kernel_explorer(kernel="sharpen")
    assert explorer.figure is not None and explorer.redraws == 1


def test_conv_benchmark_prints_a_row_per_layer(capsys):
    layers = [("tiny", 2, 8, 3, 4, 3, 1, 1), ("tiny strided", 2, 9, 4, 4, 3, 2, 0)]
    rows = bench.conv_benchmark(layers, repeats=1)
    out = capsys.readouterr().out
    assert len(rows) == 2 and "| tiny strided |" in out and "GFLOP/s" in out
    assert all(row["course_seconds"] > 0 and row["course_gflops"] > 0 for row in rows)
    assert all(0 < row["numpy_gemm_seconds"] for row in rows) and "3 products, NumPy ms" in out
    assert bench.conv_flops(2, 8, 3, 4, 3, 1, 1) == 3 * 2 * 2 * 8 * 8 * 4 * 9 * 3
    if rows[0]["torch_seconds"] != rows[0]["torch_seconds"]:  # nan: PyTorch is not installed
        assert "nan" not in out and "pip install torch" in out and "PyTorch ms" not in out


@pytest.mark.parametrize("kind", ["identity", "convolutional"])
def test_residual_blocks_match_centred_differences(kind):
    from course.nn import resnet
    rng = np.random.default_rng(3)
    X = rng.normal(0, 1, (2, 5, 6, 3))
    if kind == "identity":
        parameters = resnet.initialize_block(3, (4, 2, 3), 3, rng)
        forward, backward, extra = resnet.identity_block, resnet.identity_block_backward, ()
    else:
        parameters = resnet.initialize_block(3, (2, 3, 4), 3, rng, shortcut=True)
        forward, backward, extra = resnet.convolutional_block, resnet.convolutional_block_backward, (2,)
    parameters = {key: value + rng.normal(0, 0.1, value.shape) for key, value in parameters.items()}
    A, cache = forward(X, parameters, *extra)
    G = rng.normal(0, 1, A.shape)
    dX, grads = backward(G, cache)

    def J(_):
        return float(np.sum(G * forward(X, parameters, *extra)[0]))

    assert relative_error(dX, numerical_gradient(J, X)) < 1e-7
    assert set(grads) == {"d" + key for key in parameters}
    for key, value in parameters.items():
        assert relative_error(grads["d" + key], numerical_gradient(J, value)) < 1e-7, key


def test_hand_signs_are_seeded_balanced_and_cached(tmp_path, monkeypatch):
    from course.data import signs
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    train_x, train_y, test_x, test_y, classes = signs.load_signs(n_train=60, n_test=12)
    assert train_x.shape == (60, 64, 64, 3) and test_x.shape == (12, 64, 64, 3) and train_y.shape == (1, 60)
    assert 0 <= train_x.min() and train_x.max() <= 1 and list(classes) == ["0", "1", "2", "3", "4", "5"]
    assert set(np.concatenate([train_y[0], test_y[0]])) == set(range(6))
    assert np.bincount(np.concatenate([train_y[0], test_y[0]])).tolist() == [12] * 6
    assert len(list(tmp_path.glob("signs-*.h5"))) == 1
    again = signs.load_signs(n_train=60, n_test=12)
    np.testing.assert_array_equal(again[0], train_x)
    one, other = signs.make_sign(3, np.random.default_rng(0)), signs.make_sign(3, np.random.default_rng(0))
    np.testing.assert_array_equal(one, other)
    assert not np.array_equal(signs.make_sign(0, np.random.default_rng(1)), signs.make_sign(5, np.random.default_rng(1)))
