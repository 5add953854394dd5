"""The conv2d kinds: hand-worked examples, validation messages, sampling and rendering.

Every expected value below was worked out by hand (the arithmetic is in the comments), not
produced by the code under test.
"""

import json
import re
from fractions import Fraction

import pytest

from probgen.generator import instances, registry, render, worksheet
from probgen.problems.model import DIFFICULTIES, ParamError

SC = registry.find("conv2d.single-channel", 1)
MC = registry.find("conv2d.multi-channel", 1)
OS = registry.find("conv2d.output-size", 1)
TR = registry.find("conv2d.transposed-output-size", 1)


def wrong(inst, name):
    """The answers of the named misconception on this instance."""
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def refused(kind, params, *words):
    """validate refuses the params with one sentence that names what is wrong."""
    with pytest.raises(ParamError) as info:
        kind.validate(params)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message
    for word in words:
        assert word in message, message
    return message


# ---- conv2d.single-channel ------------------------------------------------------------


def test_single_channel_valid_stride_one():
    # X 3x3, K 2x2, no padding, stride 1: H' = W' = 3 - 2 + 1 = 2.
    inst = instances.from_params(SC, {"X": [[1, 2, 0], [3, -1, 4], [2, 5, 1]], "kernel": [[1, 2], [0, -1]],
                                      "padding": 0, "stride": 1})
    # Y00 = 1*1 + 2*2 + 3*0 + (-1)(-1) = 6       Y01 = 2*1 + 0*2 + (-1)*0 + 4*(-1) = -2
    # Y10 = 3*1 + (-1)*2 + 2*0 + 5*(-1) = -4     Y11 = (-1)*1 + 4*2 + 5*0 + 1*(-1) = 6
    assert inst.answers == {"a": (2, 2), "b": ((6, -2), (-4, 6))}
    # Rotated by 180 degrees the kernel is [[-1, 0], [2, 1]]:
    # F00 = -1 + 0 + 3*2 + (-1)*1 = 4    F01 = -2 + 0 + (-1)*2 + 4 = 0
    # F10 = -3 + 0 + 2*2 + 5 = 6         F11 = 1 + 0 + 5*2 + 1 = 12
    assert wrong(inst, "flipped-kernel") == {"b": ((4, 0), (6, 12))}
    assert wrong(inst, "forgot-plus-one") == {"a": (1, 1)}
    assert wrong(inst, "padding-once") == {}           # no padding to count
    assert wrong(inst, "stride-before-padding") == {}
    assert not instances.degenerate(inst)


def test_single_channel_rational_kernel_padding_and_stride():
    # X = 1..16 row by row, K diagonal (1/4, 1/2, -1), padding 1, stride 2:
    # H' = floor((4 + 2 - 3)/2) + 1 = 2. Y[i, j] = K00 P[2i, 2j] + K11 P[2i+1, 2j+1] + K22 P[2i+2, 2j+2],
    # with P[a, b] = X[a-1, b-1] inside and 0 on the border.
    X = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]
    inst = instances.from_params(SC, {"X": X, "kernel": [["1/4", 0, 0], [0, "1/2", 0], [0, 0, -1]],
                                      "padding": 1, "stride": 2})
    assert inst.answers["a"] == (2, 2)
    # Y00 = 0/4 + 1/2 - 6 = -11/2        Y01 = 0 + 3/2 - 8 = -13/2
    # Y10 = 0 + 9/2 - 14 = -19/2         Y11 = 6/4 + 11/2 - 16 = -9
    assert inst.answers["b"] == ((Fraction(-11, 2), Fraction(-13, 2)), (Fraction(-19, 2), -9))
    assert type(inst.answers["b"][1][1]) is int
    assert wrong(inst, "forgot-plus-one") == {"a": (1, 1)}                 # floor(3/2)
    assert wrong(inst, "stride-before-padding") == {"a": (3, 3)}           # floor((4-3)/2) + 1 + 2
    # Padded on top and left only: still floor((4+1-3)/2) + 1 = 2, and the windows at rows and
    # columns 0 and 2 of the 5x5 padded input see the same numbers, so the mistake does not show.
    assert wrong(inst, "padding-once") == {}
    # Flipped: diagonal (-1, 1/2, 1/4). F00 = 0 + 1/2 + 6/4 = 2 ...
    assert wrong(inst, "flipped-kernel")["b"][0][0] == 2


def test_single_channel_same_padding_shifts():
    # A kernel with one 1 right of centre picks X[i, j+1]; "same" pads 1 on each side.
    X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    inst = instances.from_params(SC, {"X": X, "kernel": [[0, 0, 0], [0, 0, 1], [0, 0, 0]],
                                      "padding": "same", "stride": 1})
    assert inst.answers == {"a": (3, 3), "b": ((2, 3, 0), (5, 6, 0), (8, 9, 0))}
    # Flipped, the 1 sits left of centre: X[i, j-1].
    assert wrong(inst, "flipped-kernel") == {"b": ((0, 1, 2), (0, 4, 5), (0, 7, 8))}
    # One row and column of zeros on top and left only: (3 + 1 - 3) + 1 = 2 rows, Y'[i, j] = X[i, j+1].
    # The shape (2, 2) is also what forgetting the +1 gives (3 + 2 - 3 = 2); that mistake is listed
    # first and claims it, so padding once is named by its matrix only.
    assert wrong(inst, "forgot-plus-one") == {"a": (2, 2)}
    assert wrong(inst, "padding-once") == {"b": ((2, 3), (5, 6))}


def test_single_channel_valid_word_means_no_padding():
    inst = instances.from_params(SC, {"X": [[1, 2, 0], [3, -1, 4], [2, 5, 1]], "kernel": [[1, 2], [0, -1]],
                                      "padding": "valid", "stride": 1})
    assert inst.answers["b"] == ((6, -2), (-4, 6))


def test_single_channel_defaults():
    # padding defaults to 0 and stride to 1.
    inst = instances.from_params(SC, {"X": [[1, 2, 0], [3, -1, 4], [2, 5, 1]], "kernel": [[1, 2], [0, -1]]})
    assert inst.answers["a"] == (2, 2)


def test_single_channel_validation():
    X = [[1, 2], [3, 4]]
    refused(SC, {"X": X, "kernel": [[1, 0], [0, 1]], "padding": 0, "stride": 0}, "'stride'", "at least 1")
    refused(SC, {"X": X, "kernel": [[1, 0, 0]] * 3, "padding": 0, "stride": 1}, "kernel", "larger", "size 2")
    refused(SC, {"X": [[1, 2], [3]], "kernel": [[1]], "padding": 0, "stride": 1}, "'X'", "ragged")
    refused(SC, {"X": X, "kernel": [[1, "a"]], "padding": 0, "stride": 1}, "'kernel'", "number")
    refused(SC, {"X": X, "kernel": [[1, 2]], "padding": "full", "stride": 1}, "'padding'", "same", "valid")
    refused(SC, {"X": [[1] * 5] * 5, "kernel": [[1, 2, 3]] * 3, "padding": "same", "stride": 2}, "same", "stride 1")
    refused(SC, {"X": X, "kernel": [[1, 2], [3, 4]], "padding": "same", "stride": 1}, "same", "odd")
    refused(SC, {"X": X, "kernel": [[1]], "padding": -1, "stride": 1}, "'padding'", "at least 0")


# ---- conv2d.multi-channel -------------------------------------------------------------

X2 = [[[1, 2, 0], [0, 1, 3], [2, 1, 1]],
      [[2, 0, 3], [1, 1, 0], [0, 2, 2]]]
W2 = [[[1, 0], [0, 2]],
      [[0, 1], [-1, 0]]]


def test_multi_channel_default_entries():
    inst = instances.from_params(MC, {"X": X2, "weight": W2, "filters": 4, "padding": 0, "stride": 1})
    labels = [p.label for p in inst.parts]
    assert labels == ["a", "b", "c", "d"]
    assert "Z[0, 0, 1]" in inst.parts[3].prompt and "0-based" in inst.parts[3].prompt
    # Z[0,0,0]: channel 0: 1*1 + 2*0 + 0*0 + 1*2 = 3; channel 1: 2*0 + 0*1 + 1*(-1) + 1*0 = -1; sum 2.
    # Z[0,0,1]: channel 0: 2*1 + 0*0 + 1*0 + 3*2 = 8; channel 1: 0*0 + 3*1 + 1*(-1) + 0*0 = 2; sum 10.
    assert inst.answers == {"a": (2, 2, 2), "b": (4, 2, 2), "c": 2, "d": 10}
    assert wrong(inst, "channel-dimension-forgotten") == {"a": (2, 2), "b": (2, 2)}
    assert wrong(inst, "first-channel-only") == {"c": 3, "d": 8}
    # Flipped kernels [[2, 0], [0, 1]] and [[0, -1], [1, 0]]:
    # Z000: 1*2 + 1*1 = 3 and 0*(-1) + 1*1 = 1 -> 4;  Z001: 2*2 + 3*1 = 7 and 3*(-1) + 1*1 = -2 -> 5.
    assert wrong(inst, "flipped-kernel") == {"c": 4, "d": 5}
    # Averaging gives 2/2 = 1 and 10/2 = 5; the 5 is the flipped kernel's answer too, and that mistake
    # (listed first) claims it.
    assert wrong(inst, "channels-averaged") == {"c": 1}
    assert wrong(inst, "forgot-plus-one") == {"b": (4, 1, 1)}
    assert not instances.degenerate(inst)


def test_multi_channel_padding_stride_and_entries():
    # padding 1, stride 2: H' = floor((3 + 2 - 2)/2) + 1 = 2.
    inst = instances.from_params(MC, {"X": X2, "weight": W2, "filters": 8, "padding": 1, "stride": 2,
                                      "entries": [[0, 0], [1, 1]]})
    # Z[0,0,0]: window rows -1..0, columns -1..0; only X[c][0][0] is real, under kernel entry [1][1]:
    #   channel 0: 1*2 = 2, channel 1: 2*0 = 0; sum 2.
    # Z[0,1,1]: window rows 1..2, columns 1..2:
    #   channel 0: 1*1 + 3*0 + 1*0 + 1*2 = 3, channel 1: 1*0 + 0*1 + 2*(-1) + 2*0 = -2; sum 1.
    assert inst.answers == {"a": (2, 2, 2), "b": (8, 2, 2), "c": 2, "d": 1}
    # Channel 0 alone gives 2 and 3; for Z[0,0,0] channel 1 adds 0, so that mistake shows only in d.
    assert wrong(inst, "first-channel-only") == {"d": 3}
    # Averaging gives 2/2 = 1 and 1/2. Flipped kernels put 2 and 0 at [1][1], so the flipped Z[0,0,0]
    # is 1*1 + 2*0 = 1 as well; that mistake is listed first and claims the 1.
    assert wrong(inst, "flipped-kernel")["c"] == 1
    assert wrong(inst, "channels-averaged") == {"d": Fraction(1, 2)}


def test_multi_channel_one_channel_has_no_channel_mistakes():
    inst = instances.from_params(MC, {"X": X2[:1], "weight": W2[:1], "filters": 2, "padding": 0, "stride": 1})
    assert inst.answers["a"] == (1, 2, 2)
    assert wrong(inst, "first-channel-only") == {}
    assert wrong(inst, "channels-averaged") == {}


def test_multi_channel_validation():
    base = {"X": X2, "weight": W2, "filters": 4, "padding": 0, "stride": 1}
    refused(MC, {**base, "weight": W2[:1]}, "'weight'", "1 channel", "'X' has 2")
    refused(MC, {**base, "entries": [[2, 0]]}, "[2, 0]", "outside", "0..1")
    refused(MC, {**base, "entries": [[0, 1], [0, 1]]}, "[0, 1]", "twice")
    refused(MC, {**base, "entries": [[0]]}, "'entries'", "[i, j]")
    refused(MC, {**base, "entries": []}, "'entries'")
    refused(MC, {**base, "X": [[[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]]]}, "channel 1", "'X'", "same shape")
    refused(MC, {**base, "X": [[1, 2], [3, 4]]}, "'X'", "list of channels")
    refused(MC, {**base, "filters": 0}, "'filters'")
    refused(MC, {**base, "weight": [[[1] * 4] * 4] * 2}, "kernel", "larger")


# ---- conv2d.output-size ---------------------------------------------------------------


def test_output_size_same_padding():
    # 32 + 2*1 - 3 + 1 = 32.
    inst = instances.from_params(OS, {"height": 32, "width": 32, "kernel": 3, "padding": 1, "stride": 1})
    assert inst.answers == {"a": (32, 32)}
    assert wrong(inst, "forgot-plus-one") == {"a": (31, 31)}
    # Padding once gives 32 + 1 - 3 + 1 = 31 too; forgetting the +1 is listed first and claims it.
    assert wrong(inst, "padding-once") == {}
    assert wrong(inst, "dilation-ignored") == {}
    assert wrong(inst, "stride-before-padding") == {}


def test_output_size_resnet_stem():
    # 224x224, 7x7, stride 2, padding 3: floor((224 + 6 - 7)/2) + 1 = 111 + 1 = 112.
    inst = instances.from_params(OS, {"height": 224, "width": 224, "kernel": 7, "padding": 3, "stride": 2,
                                      "dilation": 1})
    assert inst.answers == {"a": (112, 112)}
    assert wrong(inst, "forgot-plus-one") == {"a": (111, 111)}
    assert wrong(inst, "padding-once") == {}                         # floor(220/2) + 1 = 111, claimed above
    assert wrong(inst, "stride-before-padding") == {"a": (115, 115)}  # floor(217/2) + 1 + 6


def test_output_size_padding_two():
    # 32 + 4 - 5 + 1 = 32; without the +1: 31; padded once: 32 + 2 - 5 + 1 = 30.
    inst = instances.from_params(OS, {"height": 32, "width": 32, "kernel": 5, "padding": 2, "stride": 1,
                                      "dilation": 1})
    assert inst.answers == {"a": (32, 32)}
    assert wrong(inst, "forgot-plus-one") == {"a": (31, 31)}
    assert wrong(inst, "padding-once") == {"a": (30, 30)}


def test_output_size_dilation():
    # 64x48, k 3, p 2, s 1, d 2: the kernel spans 2*2 + 1 = 5; 64 + 4 - 5 + 1 = 64 and 48 + 4 - 5 + 1 = 48.
    inst = instances.from_params(OS, {"height": 64, "width": 48, "kernel": 3, "padding": 2, "stride": 1,
                                      "dilation": 2})
    assert inst.answers == {"a": (64, 48)}
    assert wrong(inst, "dilation-ignored") == {"a": (66, 50)}    # 64 + 4 - 3 + 1
    assert wrong(inst, "padding-once") == {"a": (62, 46)}        # 64 + 2 - 5 + 1


def test_output_size_pairs():
    # H: floor((28 + 2 - 3)/2) + 1 = 14; W: (20 + 0 - 5)/1 + 1 = 16.
    inst = instances.from_params(OS, {"height": 28, "width": 20, "kernel": [3, 5], "padding": [1, 0],
                                      "stride": [2, 1], "dilation": [1, 1]})
    assert inst.answers == {"a": (14, 16)}
    assert wrong(inst, "forgot-plus-one") == {"a": (13, 15)}
    # Padding once along the height: floor((28 + 1 - 3)/2) + 1 = 14, the same: the mistake does not show.
    assert wrong(inst, "padding-once") == {}
    # Stride before padding along the height: floor(25/2) + 1 + 2 = 15.
    assert wrong(inst, "stride-before-padding") == {"a": (15, 16)}


def test_output_size_validation():
    refused(OS, {"height": 5, "width": 5, "kernel": 3, "padding": 0, "stride": 1, "dilation": 3}, "span 7",
            "larger")
    refused(OS, {"height": 5, "width": 5, "kernel": [3, 3, 3], "padding": 0, "stride": 1}, "'kernel'", "pair")
    refused(OS, {"height": 5, "width": 5, "kernel": 3, "padding": 0, "stride": 0}, "'stride'", "at least 1")
    refused(OS, {"height": 5, "width": 5, "kernel": 3, "padding": 0, "stride": 1, "dilation": 0}, "'dilation'")
    refused(OS, {"height": 0, "width": 5, "kernel": 1}, "'height'")
    refused(OS, {"width": 5, "kernel": 1}, "'height'", "missing")


# ---- conv2d.transposed-output-size ----------------------------------------------------


def test_transposed_doubles_with_stride_two():
    # (16 - 1)*2 - 2*1 + 4 + 0 = 30 - 2 + 4 = 32: the usual 2x upsampling layer.
    inst = instances.from_params(TR, {"height": 16, "width": 16, "kernel": 4, "padding": 1, "stride": 2,
                                      "output_padding": 0})
    assert inst.answers == {"a": (32, 32)}
    assert wrong(inst, "forward-formula") == {"a": (8, 8)}          # floor((16 + 2 - 4)/2) + 1
    assert wrong(inst, "padding-added") == {"a": (36, 36)}          # 30 + 2 + 4
    assert wrong(inst, "forgot-output-padding") == {}


def test_transposed_output_padding_and_pairs():
    # H: (5 - 1)*2 - 2*1 + 3 + 1 = 10; W: (7 - 1)*3 - 0 + 2 + 2 = 22.
    inst = instances.from_params(TR, {"height": 5, "width": 7, "kernel": [3, 2], "padding": [1, 0],
                                      "stride": [2, 3], "output_padding": [1, 2]})
    assert inst.answers == {"a": (10, 22)}
    assert wrong(inst, "forgot-output-padding") == {"a": (9, 20)}
    assert wrong(inst, "padding-added") == {"a": (14, 22)}           # 8 + 2 + 3 + 1
    # Forward: floor((5 + 2 - 3)/2) + 1 = 3 and floor((7 - 2)/3) + 1 = 2.
    assert wrong(inst, "forward-formula") == {"a": (3, 2)}


def test_transposed_validation():
    base = {"height": 4, "width": 4, "kernel": 3, "padding": 0, "stride": 2}
    refused(TR, {**base, "output_padding": 2}, "output_padding 2", "smaller than the stride 2", "PyTorch")
    refused(TR, {**base, "stride": 1, "output_padding": 1}, "output_padding 1", "stride 1")
    # (4 - 1)*1 - 2*3 + 2 = -1: nothing left.
    refused(TR, {"height": 4, "width": 4, "kernel": 2, "padding": 3, "stride": 1}, "padding 3", "too large")
    refused(TR, {**base, "output_padding": -1}, "'output_padding'")


def outside_math(text):
    """The prose of a rendered text: display and inline math and `code` removed."""
    for pattern in (r"\$\$.*?\$\$", r"\\\[.*?\\\]", r"\$[^$]*\$", r"`[^`]*`"):
        text = re.sub(pattern, "", text, flags=re.S)
    return text


# ---- every kind: sampling, JSON, rendering --------------------------------------------


@pytest.mark.parametrize("kind", [SC, MC, OS, TR], ids=lambda k: k.id)
def test_sampled_instances_are_valid_and_test_every_mistake(kind):
    for difficulty in DIFFICULTIES:
        for seed in range(500):
            inst = instances.sample(kind, seed, difficulty)
            kind.validate(inst.params)
            assert not instances.degenerate(inst)
            assert set(inst.params) >= {"padding", "stride"}
            if kind is SC:
                assert wrong(inst, "flipped-kernel").keys() == {"b"}
            if kind is MC:
                entries = {p.label for p in inst.parts[2:]}
                assert wrong(inst, "flipped-kernel").keys() == entries
                if len(inst.params["X"]) > 1:
                    assert wrong(inst, "first-channel-only").keys() == entries
                    assert wrong(inst, "channels-averaged").keys() == entries


def test_sampled_params_are_complete_and_json():
    names = {SC: {"X", "kernel", "padding", "stride"},
             MC: {"X", "weight", "filters", "padding", "stride", "entries"},
             OS: {"height", "width", "kernel", "padding", "stride", "dilation"},
             TR: {"height", "width", "kernel", "padding", "stride", "output_padding"}}
    for kind, expected in names.items():
        for difficulty in DIFFICULTIES:
            inst = instances.sample(kind, 7, difficulty)
            assert set(inst.params) == expected
            assert json.loads(json.dumps(inst.params)) == inst.params


def test_difficulty_shapes():
    for seed in range(40):
        easy = instances.sample(SC, seed, "easy").params
        assert len(easy["X"]) in (4, 5) and len(easy["kernel"]) == 2
        assert easy["stride"] == 1 and easy["padding"] == 0
        mc = instances.sample(MC, seed, "easy").params
        assert len(mc["X"]) in (1, 2) and mc["stride"] == 1 and mc["padding"] == 0
        hard = instances.sample(SC, seed, "hard").params
        assert any(isinstance(v, str) for row in hard["kernel"] for v in row)  # rationals in hard kernels


@pytest.mark.parametrize("kind", [SC, MC, OS, TR], ids=lambda k: k.id)
@pytest.mark.parametrize("fmt", render.FORMATS)
def test_rendering_says_what_matters(kind, fmt):
    for difficulty in DIFFICULTIES:
        for seed in range(6):
            inst = instances.sample(kind, seed, difficulty)
            statement = worksheet.statement(inst, fmt)
            solution = worksheet.solution(inst, fmt)
            for text in (statement, solution):
                assert "None" not in text and text.count("$") % 2 == 0
                prose = outside_math(text)
                assert not re.search(r"[%&#]|(?<!\\)_", prose), prose
            if kind in (SC, MC):
                assert "cross-correlation" in statement and "0-based" in (statement + solution)
            if kind is TR:
                assert "ConvTranspose2d" in statement
            # The answers appear in the worked solution.
            if kind in (OS, TR):
                assert f"{inst.answers['a'][0]} \\times {inst.answers['a'][1]}" in solution


# ---- issue 11: hard output-size problems stopped on a few seeds -------------------------------


def test_transposed_output_size_hard_seed_1707_makes_a_sheet(run_probgen):
    """Replays the red-team finding: the sheet seed 1707 drew padding that cropped the output to nothing."""
    res = run_probgen("make", "--template", "conv2d.transposed-output-size", "--difficulty", "hard", "--seed", "1707")
    assert res.returncode == 0, res.stderr
    assert "internal error" not in res.stderr
    assert "`conv2d.transposed-output-size@1:84612071:hard`" in res.stdout
    assert "height $H = 18$ and width $W = 14$" in res.stdout


@pytest.mark.parametrize("kind_id, seeds", [
    ("conv2d.output-size", (1976, 3313)),
    ("conv2d.transposed-output-size", (1348, 1672, 1732, 1915, 2770, 2938, 3357, 3555, 4169, 4522)),
])
def test_hard_output_size_seeds_that_used_to_stop_give_valid_problems(kind_id, seeds):
    kind = registry.find(kind_id, 1)
    for seed in seeds:
        inst = instances.sample(kind, seed, "hard")
        kind.validate(inst.params)
        assert all(side >= 1 for side in inst.answers["a"])


@pytest.mark.parametrize("kind_id", ["conv2d.output-size", "conv2d.transposed-output-size"])
def test_hard_output_size_sweep_of_6000_seeds_never_stops(kind_id):
    """About one seed in 1,500 used to draw invalid params; the sampler now draws again instead."""
    kind = registry.find(kind_id, 1)
    for seed in range(6000):
        inst = instances.sample(kind, seed, "hard")
        assert not instances.degenerate(inst)


def test_an_id_from_a_seed_that_used_to_stop_regenerates_for_grading():
    """Grading without a key regenerates the problem from its id; this one stopped the batch before."""
    inst = instances.from_id("conv2d.transposed-output-size@1:84612071:hard")
    # (18 - 1) 1 - 2 * 2 + 1 + 0 = 14 and (14 - 1) 3 - 2 * 2 + 3 + 2 = 40
    assert inst.answers["a"] == (14, 40)
