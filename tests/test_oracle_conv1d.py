"""An independent oracle for the conv1d and weight-sharing kinds: PyTorch in float64.

The reference answers come from exact Python arithmetic and SymPy; here the same instances
go through ``torch.nn.functional.conv1d`` (padding "same" is passed to torch as the string, so
torch's own rule checks ours). Symbolic answers are checked by putting random numbers in for
the x_i and k_j. Over 240 sampled instances per kind, mixing difficulties, nothing may differ.
"""

import random
import warnings
from fractions import Fraction

import pytest

torch = pytest.importorskip("torch", reason="the oracle tests compare against PyTorch, which is not installed")
import torch.nn.functional as F  # noqa: E402

from probgen.generator import instances, registry  # noqa: E402
from probgen.problems.model import DIFFICULTIES  # noqa: E402

SAMPLES = [(seed, DIFFICULTIES[seed % 3]) for seed in range(240)]
TOL = 1e-9


def torch_padding(params):
    """The padding argument torch takes: an int, or the strings "same" / "valid" passed through."""
    value = params["padding"]
    return value.strip().lower() if isinstance(value, str) else int(value)


def torch_conv(x, kernel, params):
    """conv1d of one input channel with one filter, float64, as a flat list."""
    xt = torch.tensor([float(v) for v in x], dtype=torch.float64).reshape(1, 1, -1)
    wt = torch.tensor([float(v) for v in kernel], dtype=torch.float64).reshape(1, 1, -1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch warns that "same" with an even kernel copies the input
        out = F.conv1d(xt, wt, stride=int(params["stride"]), padding=torch_padding(params))
    return out.reshape(-1).tolist()


def exact(value):
    return Fraction(value) if isinstance(value, (int, Fraction)) else Fraction(str(value))


def random_inputs(rng, n, k):
    xs = [rng.uniform(-3, 3) for _ in range(n)]
    ks = [rng.uniform(-3, 3) for _ in range(k)]
    values = {f"x{i + 1}": v for i, v in enumerate(xs)}
    values.update({f"k{j + 1}": v for j, v in enumerate(ks)})
    return xs, ks, values


def evaluate(expr, values):
    """The expression with numbers put in (xreplace: plain substitution, no simplification)."""
    import sympy

    return float(sympy.S(expr).xreplace({sympy.Symbol(name): sympy.Float(v, 30) for name, v in values.items()}))


def test_output_length_matches_torch():
    kind = registry.find("conv1d.output-length")
    mismatches = []
    for seed, difficulty in SAMPLES:
        inst = instances.sample(kind, seed, difficulty)
        p = inst.params
        out = torch_conv([0] * p["n"], [1] * p["k"], p)
        if len(out) != inst.answers["a"]:
            mismatches.append((inst.id, p, len(out), inst.answers["a"]))
    assert mismatches == []


def test_numeric_matches_torch():
    kind = registry.find("conv1d.numeric")
    mismatches = []
    for seed, difficulty in SAMPLES:
        inst = instances.sample(kind, seed, difficulty)
        p = inst.params
        x = [exact(Fraction(v)) for v in p["x"]]
        kernel = [exact(Fraction(v)) for v in p["kernel"]]
        expected = torch_conv(x, kernel, p)
        got = inst.answers["a"]
        if len(got) != len(expected) or any(abs(float(g) - e) > TOL for g, e in zip(got, expected)):
            mismatches.append((inst.id, p, got, expected))
    assert mismatches == []


def test_entries_match_torch_with_numbers_put_in():
    kind = registry.find("conv1d.entries")
    rng = random.Random(1)
    mismatches = []
    for seed, difficulty in SAMPLES:
        inst = instances.sample(kind, seed, difficulty)
        p = inst.params
        xs, ks, values = random_inputs(rng, p["n"], p["k"])
        y = torch_conv(xs, ks, p)
        if inst.answers["a"] != len(y):
            mismatches.append((inst.id, "length", inst.answers["a"], len(y)))
        # The positions asked for: given, or by default the first, second and last output.
        positions = p["positions"] or sorted({1, min(2, len(y)), len(y)})
        for part, position in zip(inst.parts[1:], positions):
            assert part.prompt.startswith(f"$y_{{{position}}}$")
            got = evaluate(inst.answers[part.label], values)
            if abs(got - y[position - 1]) > TOL:
                mismatches.append((inst.id, position, inst.answers[part.label], got, y[position - 1]))
    assert mismatches == []


def test_toeplitz_times_x_matches_torch():
    kind = registry.find("weight-sharing.toeplitz")
    rng = random.Random(2)
    mismatches = []
    for seed, difficulty in SAMPLES:
        inst = instances.sample(kind, seed, difficulty)
        p = inst.params
        xs, ks, values = random_inputs(rng, p["n"], p["k"])
        y = torch_conv(xs, ks, p)
        K = [[evaluate(entry, values) for entry in row] for row in inst.answers["b"]]
        rows, cols = inst.answers["a"]
        if (rows, cols) != (len(y), p["n"]) or len(K) != rows or any(len(r) != cols for r in K):
            mismatches.append((inst.id, "shape", inst.answers["a"], len(y)))
            continue
        Kx = (torch.tensor(K, dtype=torch.float64) @ torch.tensor(xs, dtype=torch.float64)).tolist()
        if any(abs(a - b) > TOL for a, b in zip(Kx, y)):
            mismatches.append((inst.id, p, Kx, y))
    assert mismatches == []


def test_weight_counts_match_torch_layers():
    """No-sharing and locally-connected counts from torch's own layers and output shapes."""
    no_sharing = registry.find("weight-sharing.no-sharing")
    lc2d = registry.find("weight-sharing.locally-connected-2d")
    mismatches = []
    for seed, difficulty in SAMPLES:
        inst = instances.sample(no_sharing, seed, difficulty)
        p = inst.params
        m = len(torch_conv([0] * p["n"], [1] * p["k"], p))
        conv = torch.nn.Conv1d(1, 1, p["k"], stride=p["stride"], padding=torch_padding(p), bias=False)
        dense = torch.nn.Linear(p["n"], m, bias=False)
        expected = {"a": conv.weight.numel(), "b": conv.weight.numel() * m, "c": dense.weight.numel()}
        if inst.answers != expected:
            mismatches.append((inst.id, inst.answers, expected))

        inst = instances.sample(lc2d, seed, difficulty)
        p = inst.params
        # On the meta device: shapes only, no weights drawn and no arithmetic done.
        conv = torch.nn.Conv2d(p["channels"], p["filters"], p["kernel"], stride=p["stride"],
                               padding=torch_padding(p), bias=False, device="meta")
        with torch.no_grad():
            out = conv(torch.zeros(1, p["channels"], p["height"], p["width"], device="meta"))
        positions = out.shape[2] * out.shape[3]
        expected = {"a": conv.weight.numel(), "b": conv.weight.numel() * positions,
                    "c": p["channels"] * p["height"] * p["width"] * out[0].numel()}
        if inst.answers != expected:
            mismatches.append((inst.id, inst.answers, expected))
    assert mismatches == []
