"""PyTorch as an independent oracle for conv1d.true-convolution.

Part (a) is torch's conv1d. Part (b) comes from the definition of the convolution of sequences,
(x * k)[t] = sum over i + j = t of x[i] k[j] (the coefficients of the product of two polynomials),
computed from an outer product in float64 with no kernel flip anywhere: output i of the true
convolution over the padded input is entry i s + k - 1 of that full convolution.
"""

import pytest

torch = pytest.importorskip("torch", reason="the oracle tests compare against PyTorch, which is not installed")
F = torch.nn.functional

from probgen.generator import instances, registry  # noqa: E402

import oracle  # noqa: E402

KIND = registry.find("conv1d.true-convolution", 1)


def padded(p, x, k):
    padding = p.get("padding", 0)
    if padding == "same":
        return F.pad(x, (( k - 1) // 2, k - 1 - (k - 1) // 2))
    return F.pad(x, (padding, padding))


def full_convolution(x, k):
    """(x * k)[t] = sum_{i + j = t} x[i] k[j], from the outer product's anti-diagonals."""
    outer = torch.outer(x, k)
    n, m = outer.shape
    return torch.stack([sum(outer[i, t - i] for i in range(max(0, t - m + 1), min(n, t + 1)))
                        for t in range(n + m - 1)])


def check(inst):
    p = inst.params
    x, k = oracle.t64(p["x"]), oracle.t64(p["kernel"])
    s = p.get("stride", 1)
    xp = padded(p, x, len(k))
    library = F.conv1d(xp.reshape(1, 1, -1), k.reshape(1, 1, -1), stride=s).reshape(-1)
    full = full_convolution(xp, k)
    true = full[len(k) - 1::s][:len(library)]
    return (torch.allclose(oracle.t64(inst.answers["a"]), library, rtol=0, atol=1e-9)
            and torch.allclose(oracle.t64(inst.answers["b"]), true, rtol=0, atol=1e-9))


def test_true_convolution_matches_torch_and_the_definition():
    bad = [(inst.id, inst.params, inst.answers) for inst in oracle.sampled(KIND) if not check(inst)]
    assert bad == []


def test_true_convolution_beyond_the_sampler_with_padding_stride_and_fractions():
    import random

    rng = random.Random(14)
    bad = []
    for _ in range(200):
        k = rng.randint(1, 4)
        n = rng.randint(k, 9)
        stride = rng.randint(1, 3)
        padding = rng.choice([0, rng.randint(0, k - 1)] + (["same"] if stride == 1 else []))
        num = lambda: rng.choice([rng.randint(-6, 6), f"{rng.randint(-6, 6)}/{rng.choice([2, 3])}"])  # noqa: E731
        params = {"x": [num() for _ in range(n)], "kernel": [num() for _ in range(k)],
                  "padding": padding, "stride": stride}
        if not check(instances.from_params(KIND, params)):
            bad.append(params)
    assert bad == []
