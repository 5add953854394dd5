"""PyTorch as an independent oracle for conv2d.max-kernel.

For each sampled instance torch's Conv2d with the answered kernel runs on the input: it has the
answered weight count and output shape, a kernel one row or column larger is refused by torch,
and on random numbers the layer computes exactly what torch's Linear layer with the same weights
computes, whose weight count is part (d).
"""

import pytest

torch = pytest.importorskip("torch", reason="the oracle tests compare against PyTorch, which is not installed")

from probgen.generator import registry  # noqa: E402

import oracle  # noqa: E402

KIND = registry.find("conv2d.max-kernel", 1)


def check(inst, generator):
    p = inst.params
    c, h, w, f = p["channels"], p["height"], p["width"], p["filters"]
    images = torch.randn(2, c, h, w, dtype=torch.float64, generator=generator)
    conv = torch.nn.Conv2d(c, f, inst.answers["a"], bias=False, dtype=torch.float64)
    out = conv(images)
    dense = torch.nn.Linear(c * h * w, f, bias=False, dtype=torch.float64)
    with torch.no_grad():
        dense.weight.copy_(conv.weight.reshape(f, -1))
    problems = []
    if tuple(out.shape[1:]) != inst.answers["b"]:
        problems.append(("output shape", tuple(out.shape[1:])))
    if conv.weight.numel() != inst.answers["c"] or dense.weight.numel() != inst.answers["d"]:
        problems.append(("weights", conv.weight.numel(), dense.weight.numel()))
    if not torch.allclose(out.reshape(2, f), dense(images.flatten(1)), rtol=1e-12, atol=1e-12):
        problems.append("the convolution is not the dense layer")
    for bigger in ((h + 1, w), (h, w + 1)):
        with pytest.raises(RuntimeError):
            torch.nn.functional.conv2d(images, torch.zeros(f, c, *bigger, dtype=torch.float64))
    return problems


def test_max_kernel_matches_torch_and_is_a_dense_layer():
    generator = torch.Generator().manual_seed(0)
    bad = [(inst.id, inst.params, problems) for inst in oracle.sampled(KIND) if (problems := check(inst, generator))]
    assert bad == []
