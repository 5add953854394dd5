"""The conv2d kinds checked against PyTorch, an implementation that shares no code with them.

Values are compared in float64: every sampled input and kernel entry is an integer or a
fraction with denominator 2 or 4, so PyTorch's sums are exact and must equal the reference
answers exactly (as floats).
"""

from fractions import Fraction

import pytest

torch = pytest.importorskip("torch", reason="torch is the independent oracle for these checks; pip install torch")
F = torch.nn.functional

from probgen.generator import registry  # noqa: E402

import oracle  # noqa: E402


def sampled(kind_id):
    return oracle.sampled(registry.find(kind_id))


tensor = oracle.t64


def as_float_rows(M):
    return [[float(Fraction(v)) for v in row] for row in M]


def torch_padding(padding):
    """PyTorch takes "same"/"valid" as they are and an int per side."""
    return padding if isinstance(padding, str) else int(padding)


def test_single_channel_matches_conv2d():
    count = 0
    for inst in sampled("conv2d.single-channel"):
        p = inst.params
        X = tensor(p["X"])[None, None]
        K = tensor(p["kernel"])[None, None]
        Y = F.conv2d(X, K, stride=p["stride"], padding=torch_padding(p["padding"]))[0, 0]
        assert tuple(Y.shape) == inst.answers["a"], inst.id
        assert Y.tolist() == as_float_rows(inst.answers["b"]), inst.id
        count += 1
    assert count >= 200


def test_multi_channel_matches_conv2d():
    count = 0
    for inst in sampled("conv2d.multi-channel"):
        p = inst.params
        X = tensor(p["X"])[None]                       # (1, C_in, H, W)
        W0 = tensor(p["weight"])                       # (C_in, K, K): filter 0
        # The other filters are not given; they only matter for the shape of Z.
        others = torch.zeros((p["filters"] - 1,) + tuple(W0.shape), dtype=torch.float64)
        weight = torch.cat([W0[None], others])         # (F, C_in, K, K)
        Z = F.conv2d(X, weight, stride=p["stride"], padding=torch_padding(p["padding"]))[0]
        assert tuple(weight.shape[1:]) == inst.answers["a"], inst.id
        assert tuple(Z.shape) == inst.answers["b"], inst.id
        for part in inst.parts[2:]:
            i, j = p["entries"][ord(part.label) - ord("c")]
            assert Z[0, i, j].item() == float(Fraction(inst.answers[part.label])), (inst.id, part.label)
        count += 1
    assert count >= 200


def pair(v):
    return tuple(v) if isinstance(v, list) else (v, v)


def test_output_size_matches_conv2d_shape():
    count = 0
    for inst in sampled("conv2d.output-size"):
        p = inst.params
        x = torch.zeros((1, 1, p["height"], p["width"]), dtype=torch.float64)
        w = torch.zeros((1, 1) + pair(p["kernel"]), dtype=torch.float64)
        y = F.conv2d(x, w, stride=pair(p["stride"]), padding=pair(p["padding"]), dilation=pair(p["dilation"]))
        assert tuple(y.shape[2:]) == inst.answers["a"], inst.id
        count += 1
    assert count >= 200


def test_transposed_output_size_matches_conv_transpose2d_shape():
    count = 0
    for inst in sampled("conv2d.transposed-output-size"):
        p = inst.params
        x = torch.zeros((1, 1, p["height"], p["width"]), dtype=torch.float64)
        w = torch.zeros((1, 1) + pair(p["kernel"]), dtype=torch.float64)
        y = F.conv_transpose2d(x, w, stride=pair(p["stride"]), padding=pair(p["padding"]),
                               output_padding=pair(p["output_padding"]))
        assert tuple(y.shape[2:]) == inst.answers["a"], inst.id
        count += 1
    assert count >= 200


@pytest.mark.parametrize("kind_id", ["conv2d.single-channel", "conv2d.multi-channel"])
def test_flipped_kernel_misconception_is_true_convolution(kind_id):
    """The flipped-kernel answers are what a kernel rotated by 180 degrees gives in PyTorch."""
    for inst in list(sampled(kind_id))[:60]:
        p = inst.params
        (wrong,) = [a for m, a in inst.wrong if m.name == "flipped-kernel"]
        if kind_id.endswith("single-channel"):
            X = tensor(p["X"])[None, None]
            K = torch.flip(tensor(p["kernel"]), dims=(0, 1))[None, None]
            Y = F.conv2d(X, K, stride=p["stride"], padding=torch_padding(p["padding"]))[0, 0]
            assert Y.tolist() == as_float_rows(wrong["b"])
        else:
            X = tensor(p["X"])[None]
            K = torch.flip(tensor(p["weight"]), dims=(1, 2))[None]
            Z = F.conv2d(X, K, stride=p["stride"], padding=torch_padding(p["padding"]))[0]
            for label, value in wrong.items():
                i, j = p["entries"][ord(label) - ord("c")]
                assert Z[0, i, j].item() == float(Fraction(value))
