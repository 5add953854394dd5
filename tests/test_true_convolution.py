"""conv1d.true-convolution: hand-worked examples, defaults, validation and rendering.

Every expected number below was worked out by hand (the arithmetic is in the comments).
"""

import pytest

from probgen.generator import instances, registry, worksheet
from probgen.problems.model import DIFFICULTIES, ParamError

TRUE = registry.find("conv1d.true-convolution", 1)


def wrong(inst, name):
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def test_true_convolution_of_the_course_example_takes_the_default_padding_and_stride():
    inst = instances.from_params(TRUE, {"x": [3, 4, 5], "kernel": [1, 2]})
    # a: 1*3 + 2*4 = 11, 1*4 + 2*5 = 14; b with (2, 1): 2*3 + 1*4 = 10, 2*4 + 1*5 = 13.
    assert inst.answers == {"a": (11, 14), "b": (10, 13)}
    assert wrong(inst, "flipped-kernel") == {"a": (10, 13)}
    assert wrong(inst, "kernel-not-flipped") == {"b": (11, 14)}
    assert wrong(inst, "window-shift") == {"a": (14, 5)}          # windows (4, 5) and (5, pad): 1*5
    # full convolution, every overlap: 1*3, 2*3 + 1*4, 2*4 + 1*5, 2*5 = (3, 10, 13, 10).
    assert wrong(inst, "full-convolution") == {"b": (3, 10, 13, 10)}
    assert not instances.degenerate(inst)


def test_true_convolution_with_padding_and_stride():
    inst = instances.from_params(TRUE, {"x": [3, 4, 5, 1, 2, 6], "kernel": [1, 2, 0, -1], "padding": 1, "stride": 2})
    # padded (0, 3, 4, 5, 1, 2, 6, 0), windows from entries 1, 3, 5:
    # a: 0 + 6 + 0 - 5 = 1; 4 + 10 + 0 - 2 = 12; 1 + 4 + 0 - 0 = 5.
    # b with (-1, 0, 2, 1): 0 + 0 + 8 + 5 = 13; -4 + 0 + 2 + 2 = 0; -1 + 0 + 12 + 0 = 11.
    assert inst.answers == {"a": (1, 12, 5), "b": (13, 0, 11)}


def test_sampled_problems_use_the_defaults_and_a_kernel_that_is_not_symmetric():
    for difficulty in DIFFICULTIES:
        for seed in range(100):
            inst = instances.sample(TRUE, seed, difficulty)
            p = inst.params
            assert p["padding"] == 0 and p["stride"] == 1
            assert p["kernel"] != p["kernel"][::-1] and inst.answers["a"] != inst.answers["b"]
            # hand-sized: each part takes m * k multiply-adds
            assert len(inst.answers["a"]) * len(p["kernel"]) <= 40


@pytest.mark.parametrize("params, words", [
    ({"x": [1, 2], "kernel": [1, 2, 3]}, ["kernel", "larger", "length 2"]),
    ({"x": [1, 2, 3], "kernel": [1, 2], "stride": 0}, ["stride", "at least 1"]),
    ({"x": [1, 2, 3], "kernel": [1, 2], "padding": "same", "stride": 2}, ["same", "stride 1"]),
    ({"x": [1, 2, 3], "kernel": [1, 2], "padding": 2}, ["padding 2", "kernel size 2"]),
    ({"kernel": [1, 2]}, ["missing", "x"]),
])
def test_true_convolution_nonsense_params_are_refused_in_one_sentence(params, words):
    with pytest.raises(ParamError) as info:
        TRUE.validate(params)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("fmt", ["md", "tex", "html"])
def test_true_convolution_solution_shows_both_kernels(fmt):
    inst = instances.from_params(TRUE, {"x": [3, 4, 5], "kernel": [1, 2]})
    solution = worksheet.solution(inst, fmt)
    assert "flipped" in solution
    for text in ("11", "14", "10", "13"):
        assert text in solution


def test_the_statement_says_b_uses_the_same_windows_as_a():
    inst = instances.from_params(TRUE, {"x": [1, 2, 3, 4], "kernel": [1, 2, 3]})
    text = worksheet.statement(inst, "md")
    assert "over the same windows as (a), with the kernel flipped" in text


@pytest.mark.parametrize("params, answers, says, never", [
    # a: 1+4+3 = 8, 2+6+4 = 12; the kernel reads the same backwards, so b is a.
    ({"x": [1, 2, 3, 4], "kernel": [1, 2, 1]}, {"a": (8, 12), "b": (8, 12)},
     "the kernel is symmetric, so flipping it changes nothing", "with this one they differ"),
    # a: 1*1 + 2*1 = 3 twice; b with (2, 1): 3 twice, on a constant input any order gives the same sums.
    ({"x": [1, 1, 1], "kernel": [1, 2]}, {"a": (3, 3), "b": (3, 3)},
     "happen to agree, although the kernel is not symmetric", "with this one they differ"),
    ({"x": [1, 2, 3, 4], "kernel": [1, 2, 3]}, {"a": (14, 20), "b": (10, 16)},
     "with this one they differ", "Here the two"),
])
def test_the_solution_says_whether_the_two_differ_from_its_own_answers(params, answers, says, never):
    inst = instances.from_params(TRUE, params)
    assert inst.answers == answers
    text = worksheet.solution(inst, "md")
    assert says in text and never not in text
