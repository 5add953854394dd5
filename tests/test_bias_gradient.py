"""backprop.bias-gradient: hand-worked examples, validation, hand-sized sampling and rendering.

Every expected number below was worked out by hand (the arithmetic is in the comments).
"""

from fractions import Fraction

import pytest

from probgen.generator import instances, registry, worksheet
from probgen.problems.model import ParamError

BIAS = registry.find("backprop.bias-gradient", 1)
COURSE = {"upstream": [[[[1, 2], [3, 4]]], [[[0, -1], [2, 5]]]]}


def wrong(inst, name):
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def test_bias_gradient_of_the_course_example():
    inst = instances.from_params(BIAS, COURSE)
    # image 0: 1 + 2 + 3 + 4 = 10; image 1: 0 - 1 + 2 + 5 = 6; 10 + 6 = 16.
    assert inst.answers == {"a": (16,)}
    assert wrong(inst, "bias-mean") == {"a": (2,)}                   # 16 / 8 entries
    assert wrong(inst, "batch-averaged") == {"a": (8,)}              # 16 / 2 images
    assert wrong(inst, "first-image-only") == {"a": (10,)}
    assert wrong(inst, "per-image-sums") == {"a": (10, 6)}
    assert not instances.degenerate(inst)


def test_bias_gradient_with_two_channels():
    upstream = [[[[1, -2, 0]], [[3, 3, 1]]],      # image 0: channel 0 sums to -1, channel 1 to 7
                [[[2, 2, 2]], [[-1, 0, 4]]],      # image 1: 6 and 3
                [[[0, 1, 0]], [[0, 0, -2]]]]      # image 2: 1 and -2
    inst = instances.from_params(BIAS, {"upstream": upstream})
    assert inst.answers == {"a": (6, 8)}          # -1 + 6 + 1, 7 + 3 - 2
    assert wrong(inst, "bias-mean") == {"a": (Fraction(6, 9), Fraction(8, 9))}
    assert wrong(inst, "first-image-only") == {"a": (-1, 7)}
    assert wrong(inst, "per-image-sums") == {"a": (6, 9, -1)}   # -1 + 7, 6 + 3, 1 - 2
    solution = worksheet.solution(inst, "md")
    assert "(1 + (-2) + 0)" in solution and "-1 + 6 + 1 = 6" in solution


@pytest.mark.parametrize("upstream, words", [
    ([[1, 2], [3, 4]], ["upstream[0]", "list of channels"]),
    ([[[[1, 2]]], [[[1, 2], [3, 4]]]], ["image 1", "1x2x2", "image 0 is 1x1x2"]),
    ([[[[1, "x"]]]], ["upstream[0]", "number"]),
    ([], ["upstream", "4-D list"]),
    ([[[[1]]]] * 9, ["9 images", "at most 8"]),
])
def test_bias_gradient_nonsense_params_are_refused_in_one_sentence(upstream, words):
    with pytest.raises(ParamError) as info:
        BIAS.validate({"upstream": upstream})
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("difficulty, most", [("easy", 40), ("medium", 40), ("hard", 100)])
def test_bias_gradient_is_hand_sized_and_always_sums_a_batch(difficulty, most):
    for seed in range(200):
        images = instances.sample(BIAS, seed, difficulty).params["upstream"]
        entries = len(images) * len(images[0]) * len(images[0][0]) * len(images[0][0][0])
        assert len(images) >= 2 and entries <= most
