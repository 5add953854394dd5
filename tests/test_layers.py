"""The layers kinds: hand-worked examples, validation messages, sampling and rendering.

Every expected number below was worked out by hand (the arithmetic is in the comments), not
produced by the code under test.
"""

import re
from fractions import Fraction

import pytest

from probgen.generator import instances, registry, render
from probgen.problems.model import DIFFICULTIES, ParamError

CVD = registry.find("layers.conv-vs-dense", 1)
SVS = registry.find("layers.stacked-vs-single", 1)
DWS = registry.find("layers.depthwise-separable", 1)
DWS2 = registry.find("layers.depthwise-separable", 2)


def wrong(inst, name):
    """The answers of the named misconception on this instance."""
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


# ---- layers.conv-vs-dense -------------------------------------------------------------


def test_conv_vs_dense_small_rgb_same_padding():
    inst = instances.from_params(CVD, {"channels": 3, "height": 32, "width": 32, "filters": 16,
                                       "kernel": 3, "stride": 1, "padding": 1})
    assert inst.answers == {
        "a": (3, 32, 32),
        "b": (3, 3, 3),
        "c": (16, 3, 3, 3),
        "d": (16, 32, 32),          # (32 + 2 - 3)/1 + 1 = 32
        "e": 432,                   # 16 * 3 * 9
        "f": 50331648,              # (3*32*32 = 3072) * (16*32*32 = 16384)
        "g": (16,),
    }
    assert isinstance(inst.answers["f"], int)
    assert wrong(inst, "channel-dimension-forgotten") == {"b": (3, 3), "c": (16, 3, 3)}
    assert wrong(inst, "forgot-plus-one") == {"d": (16, 31, 31)}
    assert wrong(inst, "padding-once") == {"d": (16, 31, 31)}      # 32 + 1 - 3 + 1
    assert wrong(inst, "stride-ignored") == {}                      # stride 1: nothing to ignore
    assert wrong(inst, "forgot-input-channels") == {"e": 144}       # 16 * 9
    assert wrong(inst, "dense-to-input-size") == {"f": 9437184}     # 3072 ** 2
    assert wrong(inst, "dense-as-locally-connected") == {"f": 442368}  # 432 * 1024 positions
    assert wrong(inst, "bias-per-position") == {"g": (16, 32, 32)}
    assert not instances.degenerate(inst)


def test_conv_vs_dense_large_image_count_is_exact():
    # 3x256x256, 64 filters 7x7, stride 2, padding 3: H' = floor((256 + 6 - 7)/2) + 1 = 127 + 1 = 128.
    inst = instances.from_params(CVD, {"channels": 3, "height": 256, "width": 256, "filters": 64,
                                       "kernel": 7, "stride": 2, "padding": 3})
    assert inst.answers["d"] == (64, 128, 128)
    assert inst.answers["e"] == 9408                # 64 * 3 * 49
    # 3*256*256 = 196608 = 3 * 2**16; 64*128*128 = 1048576 = 2**20; product 3 * 2**36.
    assert inst.answers["f"] == 206158430208
    assert type(inst.answers["f"]) is int
    assert wrong(inst, "stride-ignored") == {"d": (64, 256, 256)}   # 256 + 6 - 7 + 1
    assert wrong(inst, "forgot-plus-one") == {"d": (64, 127, 127)}
    assert wrong(inst, "padding-once") == {"d": (64, 127, 127)}     # floor(252/2) + 1


def test_conv_vs_dense_rectangular_with_stride():
    # 1x28x20, 8 filters 5x5, stride 2, no padding: H' = floor(23/2)+1 = 12, W' = floor(15/2)+1 = 8.
    inst = instances.from_params(CVD, {"channels": 1, "height": 28, "width": 20, "filters": 8,
                                       "kernel": 5, "stride": 2, "padding": 0})
    assert inst.answers["a"] == (1, 28, 20)
    assert inst.answers["d"] == (8, 12, 8)
    assert inst.answers["e"] == 200                 # 8 * 1 * 25
    assert inst.answers["f"] == 560 * 768 == 430080  # 1*28*20 = 560 inputs, 8*12*8 = 768 outputs
    assert wrong(inst, "padding-once") == {}        # no padding to count
    assert wrong(inst, "forgot-input-channels") == {}  # one input channel


# ---- layers.stacked-vs-single ---------------------------------------------------------


def test_stacked_vs_single_with_bias():
    inst = instances.from_params(SVS, {"channels": 64, "kernel": 5, "bias": True})
    # a: 64*64*25 + 64 = 102400 + 64; b: 2 layers of 64*64*9 + 64 = 36928; c: 1 + 2*2.
    assert inst.answers == {"a": 102464, "b": 73856, "c": 5}
    assert wrong(inst, "receptive-field-grows-by-one") == {"b": 3 * 36928}
    assert wrong(inst, "receptive-field-sum-of-kernels") == {"c": 6}
    assert wrong(inst, "forgot-bias") == {"a": 102400, "b": 73728}
    assert wrong(inst, "added-bias") == {}
    assert wrong(inst, "bias-per-channel-pair") == {"a": 102400 + 4096, "b": 2 * (36864 + 4096)}
    assert wrong(inst, "forgot-input-channels") == {"a": 64 * 25 + 64, "b": 2 * (64 * 9 + 64)}
    assert not instances.degenerate(inst)


def test_stacked_vs_single_seven_without_bias():
    inst = instances.from_params(SVS, {"channels": 32, "kernel": 7, "bias": False})
    # a: 32*32*49 = 50176; b: 3 layers of 32*32*9 = 9216 -> 27648; c: 7.
    assert inst.answers == {"a": 50176, "b": 27648, "c": 7}
    assert wrong(inst, "forgot-bias") == {}
    assert wrong(inst, "added-bias") == {"a": 50176 + 32, "b": 3 * (9216 + 32)}
    assert wrong(inst, "receptive-field-sum-of-kernels") == {"c": 9}


def test_stacked_vs_single_accepts_any_odd_kernel():
    inst = instances.from_params(SVS, {"channels": 2, "kernel": 9, "bias": False})
    # 4 layers of 2*2*9 = 36 -> 144; single 2*2*81 = 324.
    assert inst.answers == {"a": 324, "b": 144, "c": 9}


# ---- layers.depthwise-separable -------------------------------------------------------


def test_depthwise_separable_without_bias():
    inst = instances.from_params(DWS, {"in_channels": 32, "out_channels": 64, "kernel": 3, "bias": False})
    # a: 64*32*9 = 18432; b: 32*9 + 32*64 = 288 + 2048 = 2336; 2336/18432 = (32*73)/(32*576).
    assert inst.answers == {"a": 18432, "b": 2336, "c": Fraction(73, 576)}
    assert isinstance(inst.answers["c"], Fraction)
    assert Fraction(73, 576) == Fraction(1, 64) + Fraction(1, 9)
    assert wrong(inst, "depthwise-as-full-conv") == {"b": 18432 + 2048, "c": Fraction(20480, 18432)}
    assert wrong(inst, "forgot-pointwise") == {"b": 288, "c": Fraction(1, 64)}
    assert wrong(inst, "ratio-inverted") == {"c": Fraction(576, 73)}
    assert wrong(inst, "forgot-bias") == {}


def test_depthwise_separable_with_bias():
    inst = instances.from_params(DWS, {"in_channels": 16, "out_channels": 32, "kernel": 5, "bias": True})
    # a: 32*16*25 + 32 = 12800 + 32 = 12832; depthwise 16*25 + 16 = 416; pointwise 16*32 + 32 = 544.
    assert inst.answers["a"] == 12832
    assert inst.answers["b"] == 960
    assert inst.answers["c"] == Fraction(960, 12832) == Fraction(30, 401)
    assert wrong(inst, "forgot-bias") == {"a": 12800, "b": 912, "c": Fraction(912, 12800)}


def test_depthwise_separable_pointwise_bias_only_is_the_courses_4736():
    inst = instances.from_params(DWS2, {"in_channels": 64, "out_channels": 64, "kernel": 3, "bias": "pointwise"})
    # depthwise 64*9 = 576, no bias; pointwise 64*64 + 64 = 4160; 576 + 4160 = 4736.
    # standard 64*64*9 + 64 = 36864 + 64 = 36928; 4736/36928 = (64*74)/(64*577).
    assert inst.answers == {"a": 36928, "b": 4736, "c": Fraction(74, 577)}
    assert wrong(inst, "depthwise-bias-counted") == {"b": 4736 + 64, "c": Fraction(4800, 36928)}
    assert wrong(inst, "pointwise-bias-forgotten") == {"a": 36864, "b": 576 + 4096, "c": Fraction(4672, 36864)}
    assert wrong(inst, "forgot-bias") == {}
    # A full depthwise conv (64*64*9, no bias on it) plus the pointwise 4160.
    assert wrong(inst, "depthwise-as-full-conv") == {"b": 36864 + 4160, "c": Fraction(41024, 36928)}
    assert not instances.degenerate(inst)


def test_depthwise_separable_pointwise_solution_limits_the_redundant_bias_to_linear_steps():
    from probgen.generator import worksheet

    inst = instances.from_params(DWS2, {"in_channels": 64, "out_channels": 64, "kernel": 3, "bias": "pointwise"})
    text = " ".join(worksheet.solution(inst, "md").split())
    # MobileNet puts batch normalization and a ReLU between the steps, so the claim holds only without them.
    assert "When nothing nonlinear sits between the two steps, a bias on the depthwise step would add nothing" in text
    assert "as in MobileNet, the depthwise step's offset comes from the normalization's shift" in text


def test_depthwise_separable_version_2_counts_true_and_false_as_version_1():
    for bias in (True, False):
        params = {"in_channels": 16, "out_channels": 32, "kernel": 5, "bias": bias}
        assert instances.from_params(DWS2, params).answers == instances.from_params(DWS, params).answers
        assert wrong(instances.from_params(DWS2, params), "depthwise-bias-counted") == {}


def test_depthwise_separable_version_1_still_draws_only_true_and_false():
    assert {instances.sample(DWS, s).params["bias"] for s in range(60)} == {True, False}
    assert {instances.sample(DWS2, s).params["bias"] for s in range(60)} == {True, False, "pointwise"}


# ---- validation -----------------------------------------------------------------------

GOOD_CVD = {"channels": 3, "height": 32, "width": 32, "filters": 16, "kernel": 3, "stride": 1, "padding": 1}


@pytest.mark.parametrize("kind, params, words", [
    (CVD, {**GOOD_CVD, "kernel": 9, "padding": 0, "height": 5}, ["kernel", "larger", "height"]),
    (CVD, {**GOOD_CVD, "kernel": 40, "padding": 3}, ["kernel", "larger", "padded"]),
    (CVD, {**GOOD_CVD, "stride": 0}, ["stride", "at least 1"]),
    (CVD, {**GOOD_CVD, "height": -4}, ["height", "at least 1"]),
    (CVD, {**GOOD_CVD, "padding": -1}, ["padding", "at least 0"]),
    (CVD, {**GOOD_CVD, "filters": 2.5}, ["filters", "whole number"]),
    (CVD, {k: v for k, v in GOOD_CVD.items() if k != "width"}, ["missing", "width"]),
    (SVS, {"channels": 64, "kernel": 4, "bias": True}, ["kernel", "odd"]),
    (SVS, {"channels": 64, "kernel": 1, "bias": True}, ["kernel", "at least 3"]),
    (SVS, {"channels": 64, "kernel": 5, "bias": 1}, ["bias", "true or false"]),
    (SVS, {"channels": 0, "kernel": 5, "bias": False}, ["channels", "at least 1"]),
    (DWS, {"in_channels": 32, "out_channels": 64, "kernel": 3, "bias": "yes"}, ["bias", "true or false"]),
    (DWS, {"in_channels": 32, "out_channels": -64, "kernel": 3, "bias": False}, ["out_channels", "at least 1"]),
    (DWS, {"in_channels": 32, "out_channels": 64, "kernel": 0, "bias": False}, ["kernel", "at least 1"]),
    (DWS, {"in_channels": 32, "out_channels": 64, "kernel": 3, "bias": "pointwise"}, ["bias", "true or false"]),
    (DWS2, {"in_channels": 32, "out_channels": 64, "kernel": 3, "bias": "yes"}, ["bias", '"pointwise"']),
    (DWS2, {"in_channels": 32, "out_channels": 64, "kernel": 3}, ["missing", "bias"]),
])
def test_nonsense_params_are_refused_in_one_sentence(kind, params, words):
    with pytest.raises(ParamError) as info:
        kind.validate(params)
    message = str(info.value)
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    for word in words:
        assert word in message


# ---- sampling -------------------------------------------------------------------------


# The 500-seed property (valid params, every misconception differs) is in test_catalog.py.


def test_sampled_sizes_are_realistic():
    easy = [instances.sample(CVD, s, "easy").params for s in range(100)]
    assert all(1 <= p["channels"] <= 3 and 8 <= p["height"] <= 32 and p["kernel"] == 3 and p["stride"] == 1
               for p in easy)
    hard = [instances.sample(CVD, s, "hard").params for s in range(100)]
    assert all(p["height"] <= 256 and p["width"] <= 256 and 64 <= p["filters"] <= 256 and p["stride"] <= 4
               for p in hard)
    assert {instances.sample(SVS, s).params["kernel"] for s in range(50)} == {5, 7}
    assert {instances.sample(SVS, s).params["bias"] for s in range(50)} == {True, False}


# ---- rendering ------------------------------------------------------------------------


def rendered(inst, block, fmt):
    ctx = {"params": inst.params, "answers": inst.answers, "parts": inst.parts, "steps": inst.steps()}
    return render.render_block(inst.kind.template_name, block, ctx, fmt)


def shown(value, fmt):
    """How an answer appears in a solution: digits for counts, the tuple or fraction as math."""
    if isinstance(value, tuple):
        return "(" + ", ".join(map(str, value)) + ",)" if len(value) == 1 else render.tex(value)
    return render.tex(value)


@pytest.mark.parametrize("fmt", render.FORMATS)
@pytest.mark.parametrize("kind, params", [
    (CVD, GOOD_CVD),
    (CVD, {"channels": 3, "height": 100, "width": 75, "filters": 16, "kernel": 5, "stride": 2, "padding": 2}),
    (SVS, {"channels": 64, "kernel": 5, "bias": True}),
    (SVS, {"channels": 32, "kernel": 7, "bias": False}),
    (DWS, {"in_channels": 32, "out_channels": 64, "kernel": 3, "bias": False}),
    (DWS, {"in_channels": 16, "out_channels": 32, "kernel": 5, "bias": True}),
    (DWS2, {"in_channels": 64, "out_channels": 64, "kernel": 3, "bias": "pointwise"}),
])
def test_statement_and_solution_render_with_the_answers(kind, params, fmt):
    inst = instances.from_params(kind, params)
    statement = rendered(inst, "statement", fmt)
    solution = rendered(inst, "solution", fmt)
    for text in (statement, solution):
        assert "{{" not in text and "{%" not in text and "None" not in text
        assert text.count("$") % 2 == 0
        outside_math = re.sub(r"\$\$.*?\$\$|\\\[.*?\\\]|\$.*?\$", " ", text, flags=re.S)
        assert "\\" not in outside_math and "$" not in outside_math
        assert not any(c in outside_math for c in "%&#_")
        if fmt == "tex":
            assert "$$" not in text
            assert text.count(r"\[") == text.count(r"\]")
            assert text.count("{") == text.count("}")
    for value in inst.answers.values():
        assert shown(value, fmt) in solution
    for value in params.values():
        if not isinstance(value, (bool, str)):
            assert str(value) in statement
    if params.get("bias") == "pointwise":
        assert "Only the pointwise step has a bias" in statement


def test_sampled_instances_render_in_both_formats():
    for kind in (CVD, SVS, DWS, DWS2):
        for difficulty in DIFFICULTIES:
            for seed in range(5):
                inst = instances.sample(kind, seed, difficulty)
                for fmt in render.FORMATS:
                    solution = rendered(inst, "solution", fmt)
                    assert rendered(inst, "statement", fmt).strip()
                    for label in ("a", "b"):
                        assert shown(inst.answers[label], fmt) in solution
