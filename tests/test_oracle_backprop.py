"""PyTorch as an independent oracle for the backprop and receptive-field kinds.

Every reference answer is recomputed with ``torch.nn.functional`` and autograd in float64 over
hundreds of sampled instances (all difficulties) plus instances drawn outside the samplers'
ranges, and must agree exactly (to rounding) with 0 mismatches. The receptive field is found
by a different method altogether: the span of input positions whose gradient is nonzero for
one output of the last layer.
"""

import random
from fractions import Fraction

import pytest

torch = pytest.importorskip("torch", reason="PyTorch (CPU) is the test oracle; install it with the test extra")
F = torch.nn.functional

from probgen.generator import instances, registry  # noqa: E402
from probgen.problems.model import DIFFICULTIES  # noqa: E402

import oracle  # noqa: E402

SYM = registry.find("backprop.conv1d-symbolic", 1)
NUM = registry.find("backprop.conv1d-numeric", 1)
C2 = registry.find("backprop.conv2d-numeric", 1)
RF = registry.find("receptive-field.stack", 1)

SEEDS = range(70)  # x 3 difficulties = 210 sampled instances per kind


def sampled(kind):
    return oracle.sampled(kind, n=len(SEEDS) * len(DIFFICULTIES))


t64 = oracle.t64


def close(answer, tensor):
    """An exact answer (nested tuples of ints and Fractions) against a float64 tensor."""
    want = t64(answer)
    return want.shape == tensor.shape and torch.allclose(want, tensor.detach(), rtol=1e-12, atol=1e-9)


# ---- backprop.conv1d-numeric -------------------------------------------------------------


def conv1d_oracle(x, kernel, upstream):
    xt = t64(x).reshape(1, 1, -1).requires_grad_()
    kt = t64(kernel).reshape(1, 1, -1).requires_grad_()
    y = F.conv1d(xt, kt)
    (y * t64(upstream).reshape(1, 1, -1)).sum().backward()
    return y.reshape(-1), kt.grad.reshape(-1), xt.grad.reshape(-1)


def check_conv1d_numeric(inst):
    p = inst.params
    y, dk, dx = conv1d_oracle(p["x"], p["kernel"], p["upstream"])
    return close(inst.answers["a"], y) and close(inst.answers["b"], dk) and close(inst.answers["c"], dx)


def test_conv1d_numeric_matches_torch_on_sampled_instances():
    bad = [i.id for i in sampled(NUM) if not check_conv1d_numeric(i)]
    assert bad == []


def test_conv1d_numeric_matches_torch_beyond_the_sampler():
    rng = random.Random(1234)
    bad = []
    for _ in range(200):
        n = rng.randint(1, 12)
        k = rng.randint(1, n)
        num = lambda: rng.choice([rng.randint(-9, 9), f"{rng.randint(-9, 9)}/{rng.choice([2, 3, 4])}"])  # noqa: E731
        params = {"x": [num() for _ in range(n)], "kernel": [num() for _ in range(k)],
                  "upstream": [num() for _ in range(n - k + 1)]}
        if not check_conv1d_numeric(instances.from_params(NUM, params)):
            bad.append(params)
    assert bad == []


# ---- backprop.conv1d-symbolic ------------------------------------------------------------


def check_conv1d_symbolic(inst, rng):
    import sympy

    p = inst.params
    n, k = p["n"], p["k"]
    s, pad = p.get("stride", 1), p.get("padding", 0)
    xt = torch.tensor([float(rng.randint(-9, 9)) for _ in range(n)], dtype=torch.float64)
    kt = torch.tensor([float(rng.randint(-9, 9)) for _ in range(k)], dtype=torch.float64)
    xt = xt.reshape(1, 1, n).requires_grad_()
    kt = kt.reshape(1, 1, k).requires_grad_()
    y = F.conv1d(xt, kt, stride=s, padding=pad)
    m = y.shape[-1]
    g = torch.tensor([float(rng.randint(-9, 9)) for _ in range(m)], dtype=torch.float64)
    (y.reshape(-1) * g).sum().backward()
    values = {}
    for name, t in (("x", xt), ("k", kt)):
        for i, v in enumerate(t.detach().reshape(-1).tolist(), start=1):
            values[sympy.Symbol(f"{name}{i}")] = sympy.Integer(int(v))
    for i, v in enumerate(g.tolist(), start=1):
        values[sympy.Symbol(f"g{i}")] = sympy.Integer(int(v))
    # Every symbol the answers use is declared, and the declared g's match the true output length.
    declared = {sym for part in inst.parts for sym in part.options["symbols"]}
    used = {str(s) for part in ("a", "b") for e in inst.answers[part] for s in sympy.S(e).free_symbols}
    assert used <= declared
    assert {f"g{i}" for i in range(1, m + 1)} <= declared and f"g{m + 1}" not in declared
    dk = [int(sympy.S(e).xreplace(values)) for e in inst.answers["a"]]
    dx = [int(sympy.S(e).xreplace(values)) for e in inst.answers["b"]]
    return dk == [int(v) for v in kt.grad.reshape(-1).tolist()] and dx == [int(v) for v in xt.grad.reshape(-1).tolist()]


def test_conv1d_symbolic_matches_torch_on_sampled_instances():
    rng = random.Random(99)
    bad = [i.id for i in sampled(SYM) if not check_conv1d_symbolic(i, rng)]
    assert bad == []


def test_conv1d_symbolic_matches_torch_beyond_the_sampler():
    rng = random.Random(7)
    bad = []
    for _ in range(200):
        k = rng.randint(1, 6)
        pad = rng.randint(0, k - 1)
        n = rng.randint(max(1, k - 2 * pad), 14)
        params = {"n": n, "k": k, "stride": rng.randint(1, 4), "padding": pad}
        if not check_conv1d_symbolic(instances.from_params(SYM, params), rng):
            bad.append(params)
    assert bad == []


# ---- backprop.conv2d-numeric -------------------------------------------------------------


def conv2d_oracle(p):
    X = t64(p["X"]).unsqueeze(0).requires_grad_()
    W = t64(p["weight"]).requires_grad_()
    b = t64(p["bias"]).requires_grad_()
    pad = p["padding"]
    if pad == "valid":
        pad = 0
    elif pad == "same":
        pad = (W.shape[-1] - 1) // 2
    Z = F.conv2d(X, W, b, stride=p["stride"], padding=pad)
    G = t64(p["upstream"]).unsqueeze(0)
    assert Z.shape == G.shape
    (Z * G).sum().backward()
    return b.grad, W.grad, X.grad.squeeze(0)


def check_conv2d(inst):
    db, dW, dX = conv2d_oracle(inst.params)
    return close(inst.answers["a"], db) and close(inst.answers["b"], dW) and close(inst.answers["c"], dX)


def test_conv2d_numeric_matches_torch_on_sampled_instances():
    bad = [i.id for i in sampled(C2) if not check_conv2d(i)]
    assert bad == []


def test_conv2d_numeric_matches_torch_beyond_the_sampler():
    """Rectangular inputs and kernels, more channels, larger strides and paddings, rationals."""
    rng = random.Random(2024)
    bad = []
    for _ in range(200):
        c_in, c_out = rng.randint(1, 3), rng.randint(1, 3)
        kh, kw = rng.randint(1, 3), rng.randint(1, 3)
        pad = rng.randint(0, min(kh, kw) - 1)
        s = rng.randint(1, 3)
        H, W = rng.randint(max(1, kh - 2 * pad), 6), rng.randint(max(1, kw - 2 * pad), 6)
        oh, ow = (H + 2 * pad - kh) // s + 1, (W + 2 * pad - kw) // s + 1
        num = lambda: rng.choice([rng.randint(-5, 5), rng.randint(-5, 5), f"{rng.randint(-5, 5)}/{rng.choice([2, 3])}"])  # noqa: E731
        params = {
            "X": [[[num() for _ in range(W)] for _ in range(H)] for _ in range(c_in)],
            "weight": [[[[num() for _ in range(kw)] for _ in range(kh)] for _ in range(c_in)] for _ in range(c_out)],
            "bias": [num() for _ in range(c_out)],
            "padding": pad, "stride": s,
            "upstream": [[[num() for _ in range(ow)] for _ in range(oh)] for _ in range(c_out)],
        }
        if not check_conv2d(instances.from_params(C2, params)):
            bad.append(params)
    assert bad == []


def test_conv2d_same_padding_matches_torch():
    rng = random.Random(5)
    for _ in range(20):
        params = {"X": [[[rng.randint(-3, 3) for _ in range(4)] for _ in range(4)]],
                  "weight": [[[[rng.randint(-2, 2) for _ in range(3)] for _ in range(3)]]],
                  "bias": [1], "padding": "same", "stride": 1,
                  "upstream": [[[rng.randint(-2, 2) for _ in range(4)] for _ in range(4)]]}
        assert check_conv2d(instances.from_params(C2, params))


# ---- receptive-field.stack ---------------------------------------------------------------


def span_of_first_output(layers, size=4096):
    """Input positions that one output of the last layer depends on: nonzero gradient span."""
    x = torch.ones(1, 1, size, dtype=torch.float64, requires_grad=True)
    h = x
    for layer in layers:
        k, s, d = layer["kernel"], layer["stride"], layer.get("dilation", 1)
        if layer["type"] == "pool" and d == 1:
            h = F.avg_pool1d(h, k, stride=s)
        else:
            h = F.conv1d(h, torch.ones(1, 1, k, dtype=torch.float64), stride=s, dilation=d)
    h[0, 0, 0].backward()
    nz = torch.nonzero(x.grad.reshape(-1)).reshape(-1)
    assert int(nz[0]) == 0
    return int(nz[-1]) - int(nz[0]) + 1


def check_rf(inst):
    layers = inst.params["layers"]
    spans = tuple(span_of_first_output(layers[:i]) for i in range(1, len(layers) + 1))
    return inst.answers["b"] == spans and inst.answers["a"] == spans[-1]


def test_receptive_field_matches_gradient_span_on_sampled_instances():
    bad = [i.id for i in sampled(RF) if not check_rf(i)]
    assert bad == []


def test_receptive_field_matches_gradient_span_beyond_the_sampler():
    rng = random.Random(11)
    bad = []
    for _ in range(200):
        layers = []
        for _ in range(rng.randint(1, 5)):
            layer = {"type": rng.choice(["conv", "pool"]), "kernel": rng.randint(1, 5), "stride": rng.randint(1, 3)}
            if rng.random() < 0.5:
                layer["dilation"] = rng.randint(1, 3)
            layers.append(layer)
        if not check_rf(instances.from_params(RF, {"layers": layers})):
            bad.append(layers)
    assert bad == []


def test_oracle_helpers_agree_with_a_hand_example():
    # x = (2, -1, 3), kernel (1, -2), upstream (1, 2): y = (4, -7), dL/dk = (0, 5), dL/dx = (1, 0, -4).
    y, dk, dx = conv1d_oracle([2, -1, 3], [1, -2], [1, 2])
    assert y.tolist() == [4, -7] and dk.tolist() == [0, 5] and dx.tolist() == [1, 0, -4]
    assert span_of_first_output([{"type": "conv", "kernel": 3, "stride": 1}] * 2) == 5
    assert close((Fraction(1, 2), 3), torch.tensor([0.5, 3.0], dtype=torch.float64))
