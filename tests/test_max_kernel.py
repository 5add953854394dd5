"""conv2d.max-kernel: hand-worked examples, validation and rendering.

Every expected number below was worked out by hand (the arithmetic is in the comments).
"""

import pytest

from probgen.generator import instances, registry, worksheet
from probgen.problems.model import DIFFICULTIES, ParamError

MAX_KERNEL = registry.find("conv2d.max-kernel", 1)


def wrong(inst, name):
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def test_max_kernel_of_the_course_example():
    inst = instances.from_params(MAX_KERNEL, {"channels": 3, "height": 8, "width": 8, "filters": 4})
    # kernel 8x8, one window; 4 filters of 3*8*8 = 192 weights = 768; dense 192 inputs * 4 outputs = 768.
    assert inst.answers == {"a": (8, 8), "b": (4, 1, 1), "c": 768, "d": 768}
    assert wrong(inst, "square-kernel-only") == {}              # a square input: nothing to show
    assert wrong(inst, "forgot-plus-one") == {"b": (4, 0, 0)}
    assert wrong(inst, "channel-dimension-forgotten") == {"b": (1, 1)}
    assert wrong(inst, "forgot-input-channels") == {"c": 256}    # 4 * 64
    assert wrong(inst, "one-filter-counted") == {"c": 192, "d": 192}
    assert wrong(inst, "dense-to-input-size") == {"d": 36864}    # 192 ** 2
    assert not instances.degenerate(inst)


def test_max_kernel_of_a_rectangular_input():
    inst = instances.from_params(MAX_KERNEL, {"channels": 1, "height": 5, "width": 12, "filters": 6})
    # kernel 5x12; 6 * 60 = 360 weights either way.
    assert inst.answers == {"a": (5, 12), "b": (6, 1, 1), "c": 360, "d": 360}
    assert wrong(inst, "square-kernel-only") == {"a": (5, 5)}
    assert wrong(inst, "forgot-input-channels") == {}            # one channel
    for fmt in ("md", "tex", "html"):
        assert "not square" in worksheet.solution(inst, fmt)


@pytest.mark.parametrize("params, words", [
    ({"channels": 3, "height": 0, "width": 8, "filters": 4}, ["height", "at least 1"]),
    ({"channels": 3, "height": 8, "width": 8.5, "filters": 4}, ["width", "whole number"]),
    ({"channels": 3, "height": 8, "width": 8}, ["missing", "filters"]),
])
def test_max_kernel_nonsense_params_are_refused_in_one_sentence(params, words):
    with pytest.raises(ParamError) as info:
        MAX_KERNEL.validate(params)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message
    for word in words:
        assert word in message


def test_max_kernel_hard_inputs_are_rectangular_so_the_square_mistake_shows():
    for seed in range(100):
        inst = instances.sample(MAX_KERNEL, seed, "hard")
        assert inst.params["height"] != inst.params["width"]
        assert wrong(inst, "square-kernel-only")
    assert all(instances.sample(MAX_KERNEL, s, d).answers["b"][1:] == (1, 1) for s in range(20) for d in DIFFICULTIES)
