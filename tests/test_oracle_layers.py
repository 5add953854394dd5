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


# ---- layers.flops ---------------------------------------------------------------------------


def multiply_adds(module, x):
    """Multiply-adds torch's flop counter finds for ``module(x)`` (it counts 2 FLOPs per multiply-add)."""
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter:
        out = module(x)
    return counter.get_total_flops() // 2, out


def test_flops_match_torchs_flop_counter():
    kind = registry.find("layers.flops", 1)
    bad = []
    for inst in oracle.sampled(kind):
        p = inst.params
        conv = torch.nn.Conv2d(p["channels"], p["filters"], p["kernel"], stride=p["stride"], padding=p["padding"],
                               bias=False, device="meta")
        image = torch.zeros(1, p["channels"], p["height"], p["width"], device="meta")
        conv_cost, out = multiply_adds(conv, image)
        dense = torch.nn.Linear(image.numel(), out.numel(), bias=False, device="meta")
        dense_cost, _ = multiply_adds(dense, image.flatten(1))
        expected = {"a": conv_cost, "b": dense_cost, "c": Fraction(dense_cost, conv_cost)}
        if inst.answers != expected:
            bad.append((inst.id, p, inst.answers, expected))
    assert bad == []


def test_flops_count_the_products_of_a_real_convolution():
    """The flop counter checked on real numbers: every output multiplies C k^2 numbers (padded zeros
    included), so with the padding made of ones and a kernel of ones, each output is its number of
    products and the outputs add up to the layer's multiply-adds."""
    kind = registry.find("layers.flops", 1)
    for inst in oracle.sampled(kind, n=30)[:9]:
        p = inst.params
        if p["height"] * p["width"] > 64 * 64:
            continue
        ones = torch.ones(1, p["channels"], p["height"], p["width"], dtype=torch.float64)
        weight = torch.ones(p["filters"], p["channels"], p["kernel"], p["kernel"], dtype=torch.float64)
        padded = torch.nn.functional.pad(ones, [p["padding"]] * 4, value=1.0)
        out = torch.nn.functional.conv2d(padded, weight, stride=p["stride"])
        assert int(out.sum().item()) == inst.answers["a"]


# ---- layers.batched-shapes ------------------------------------------------------------------


def batched_shapes(p):
    """The shapes torch's layer, pool and autograd give, on the meta device (shapes only)."""
    images = torch.zeros(p["batch"], p["in_channels"], p["height"], p["width"], device="meta", requires_grad=True)
    conv = torch.nn.Conv2d(p["in_channels"], p["filters"], p["kernel"], stride=p["stride"], padding=p["padding"],
                           device="meta")
    out = conv(images)
    shapes = {"a": images.shape, "b": conv.weight.shape, "c": conv.bias.shape, "d": out.shape}
    if p["pool"]:
        out = torch.nn.functional.max_pool2d(out, p["pool"], stride=p["pool"])
        shapes["e"] = out.shape
    out.sum().backward()
    shapes["f"], shapes["g"] = conv.weight.grad.shape, images.grad.shape
    return {label: tuple(shape) for label, shape in shapes.items()}


def test_batched_shapes_match_torch_and_autograd():
    kind = registry.find("layers.batched-shapes", 1)
    bad = []
    instances = oracle.sampled(kind)
    for inst in instances:
        expected = batched_shapes(inst.params)
        if inst.answers != expected or [p.label for p in inst.parts] != sorted(expected):
            bad.append((inst.id, inst.params, inst.answers, expected))
    assert bad == []
    assert {bool(inst.params["pool"]) for inst in instances} == {True, False}
