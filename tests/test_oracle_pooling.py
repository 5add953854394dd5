"""The pooling kinds checked against PyTorch's pooling functions and autograd.

Max pooling pads with minus infinity and average pooling counts the padded zeros in the
divisor (count_include_pad=True). The backward kinds are checked against the gradient of
(y * upstream).sum() with respect to X. All in float64; exact answers are compared as floats
with a tolerance far below any difference a wrong answer makes.
"""

import math
from fractions import Fraction

import pytest

torch = pytest.importorskip("torch", reason="torch is the independent oracle for these checks; pip install torch")
F = torch.nn.functional

from probgen.generator import instances, registry  # noqa: E402
from probgen.problems import params as P  # noqa: E402
from probgen.problems.model import DIFFICULTIES  # noqa: E402

import oracle  # noqa: E402

N = oracle.N


def kind_or_skip(kind_id):
    try:
        return registry.find(kind_id)
    except registry.UnknownKind:
        pytest.skip(f"{kind_id} is not registered yet")


sampled = oracle.sampled
tensor = oracle.t64


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def assert_matrix(torch_rows, answer, where):
    assert len(torch_rows) == len(answer), where
    for got_row, want_row in zip(torch_rows, answer):
        assert len(got_row) == len(want_row), where
        for got, want in zip(got_row, want_row):
            assert close(got, float(Fraction(want))), (where, got, want)


def test_output_size_matches_max_pool1d():
    kind = kind_or_skip("pooling.output-size")
    count = 0
    for inst in sampled(kind):
        p = inst.params
        x = torch.zeros((1, 1, p["size"]), dtype=torch.float64)
        y = F.max_pool1d(x, p["kernel"], stride=p["stride"], padding=p["padding"])
        assert y.shape[-1] == inst.answers["a"], inst.id
        count += 1
    assert count >= 200


@pytest.mark.parametrize("kind_id", ["pooling.max-values", "pooling.avg-values"])
def test_values_match_pool2d(kind_id):
    kind = kind_or_skip(kind_id)
    count = 0
    for inst in sampled(kind):
        p = inst.params
        X = tensor(p["X"])[None, None]
        padding = p.get("padding", 0)
        if kind_id == "pooling.max-values":
            Y = F.max_pool2d(X, p["kernel"], stride=p["stride"], padding=padding)
        else:
            Y = F.avg_pool2d(X, p["kernel"], stride=p["stride"], padding=padding, count_include_pad=True)
        Y = Y[0, 0]
        assert tuple(Y.shape) == tuple(inst.answers["a"]), inst.id
        assert_matrix(Y.tolist(), inst.answers["b"], inst.id)
        count += 1
    assert count >= 200


def numeric_upstream(inst):
    """The upstream as numbers, and the answer with those numbers put in for any symbols.

    Symbolic instances get the values 1, 2, 3, ... for their symbols in order of first use,
    so they are checked too, not skipped.
    """
    names = []
    for row in inst.params["upstream"]:
        for v in row:
            if isinstance(v, str) and not _is_number(v) and v.strip() not in names:
                names.append(v.strip())
    values = {name: i + 2 for i, name in enumerate(names)}  # 2, 3, ...: distinct and nonzero
    G = [[values[v.strip()] if isinstance(v, str) and v.strip() in values else P.number(v, "upstream")
          for v in row] for row in inst.params["upstream"]]
    answer = inst.answers["a"]
    if names:
        import sympy

        subs = {sympy.Symbol(n): v for n, v in values.items()}
        answer = [[Fraction(str(sympy.nsimplify(sympy.S(e).subs(subs)))) for e in row] for row in answer]
    return G, answer, bool(names)


def _is_number(text):
    try:
        Fraction(text.strip())
        return True
    except ValueError:
        return False


@pytest.mark.parametrize("kind_id", ["pooling.max-backward", "pooling.avg-backward"])
def test_backward_matches_autograd(kind_id):
    kind = kind_or_skip(kind_id)
    numeric = symbolic = 0
    seeds = iter(range(10_000))
    while numeric < 200:
        seed = next(seeds)
        for difficulty in DIFFICULTIES:
            inst = instances.sample(kind, seed, difficulty)
            p = inst.params
            G, answer, was_symbolic = numeric_upstream(inst)
            X = tensor(p["X"])[None, None].requires_grad_(True)
            if kind_id == "pooling.max-backward":
                Y = F.max_pool2d(X, p["kernel"], stride=p["stride"], padding=p.get("padding", 0))
            else:
                Y = F.avg_pool2d(X, p["kernel"], stride=p["stride"], padding=p.get("padding", 0),
                                 count_include_pad=True)
            upstream = torch.tensor([[float(v) for v in row] for row in G], dtype=torch.float64)[None, None]
            assert Y.shape == upstream.shape, inst.id
            (Y * upstream).sum().backward()
            assert_matrix(X.grad[0, 0].tolist(), answer, inst.id)
            if was_symbolic:
                symbolic += 1
            else:
                numeric += 1
    assert numeric >= 200
