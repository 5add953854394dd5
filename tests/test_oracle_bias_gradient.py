"""PyTorch as an independent oracle for backprop.bias-gradient.

For each sampled instance a convolutional layer with a bias runs on a batch in float64; the loss
sum(Z * G) has the upstream gradient G, and autograd's gradient of the bias must equal the answer.
"""

import pytest

torch = pytest.importorskip("torch", reason="the oracle tests compare against PyTorch, which is not installed")

from probgen.generator import registry  # noqa: E402

import oracle  # noqa: E402

KIND = registry.find("backprop.bias-gradient", 1)


def bias_gradient(upstream, generator):
    G = oracle.t64(upstream)
    n, c_out, h, w = G.shape
    c_in, k = 2, 2
    conv = torch.nn.Conv2d(c_in, c_out, k, dtype=torch.float64)
    images = torch.randn(n, c_in, h + k - 1, w + k - 1, dtype=torch.float64, generator=generator)
    (conv(images) * G).sum().backward()
    return conv.bias.grad


def test_bias_gradient_matches_autograd():
    generator = torch.Generator().manual_seed(0)
    bad = []
    for inst in oracle.sampled(KIND):
        got = bias_gradient(inst.params["upstream"], generator)
        if not torch.allclose(oracle.t64(inst.answers["a"]), got, rtol=0, atol=1e-9):
            bad.append((inst.id, inst.answers["a"], got.tolist()))
    assert bad == []
