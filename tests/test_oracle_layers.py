"""PyTorch as an independent oracle for the layers kinds' counts and shapes.

Parameter counts come from torch's own layers (``numel`` of their weights and biases), output
shapes from running the layer on the meta device (shapes only, no arithmetic), gradient shapes
from autograd, and multiply-adds from counting the products a float64 convolution does. Over
240 sampled instances per kind, mixing difficulties, nothing may differ.
"""

from fractions import Fraction

import pytest

torch = pytest.importorskip("torch", reason="the oracle tests compare against PyTorch, which is not installed")

from probgen.generator import registry  # noqa: E402

import oracle  # noqa: E402


def numel(*layers):
    return sum(p.numel() for layer in layers for p in layer.parameters())


# ---- layers.depthwise-separable -------------------------------------------------------------


def depthwise_separable_counts(p):
    """(standard, separable) parameter counts of torch's layers for the params."""
    cin, cout, k, bias = p["in_channels"], p["out_channels"], p["kernel"], p["bias"]
    standard = torch.nn.Conv2d(cin, cout, k, bias=bool(bias), device="meta")
    depthwise = torch.nn.Conv2d(cin, cin, k, groups=cin, bias=bias is True, device="meta")
    pointwise = torch.nn.Conv2d(cin, cout, 1, bias=bool(bias), device="meta")
    return numel(standard), numel(depthwise, pointwise)


@pytest.mark.parametrize("version", [1, 2])
def test_depthwise_separable_counts_match_torch_layers(version):
    kind = registry.find("layers.depthwise-separable", version)
    bad = []
    for inst in oracle.sampled(kind):
        standard, separable = depthwise_separable_counts(inst.params)
        expected = {"a": standard, "b": separable, "c": Fraction(separable, standard)}
        if inst.answers != expected:
            bad.append((inst.id, inst.params, inst.answers, expected))
    assert bad == []
    if version == 2:
        assert {inst.params["bias"] for inst in oracle.sampled(kind)} == {True, False, "pointwise"}
