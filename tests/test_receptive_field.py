"""The receptive-field kind: hand-worked examples, validation messages, sampling and rendering.

Every expected value below was worked out by hand with r_l = r_{l-1} + (k_l - 1) d_l J_{l-1},
r_0 = 1, J the product of the earlier strides (the arithmetic is in the comments).
"""

import re

import pytest

from probgen.generator import instances, registry, render, worksheet
from probgen.problems.model import DIFFICULTIES, ParamError

RF = registry.find("receptive-field.stack", 1)


def conv(k, s=1, d=None):
    layer = {"type": "conv", "kernel": k, "stride": s}
    if d is not None:
        layer["dilation"] = d
    return layer


def pool(k, s):
    return {"type": "pool", "kernel": k, "stride": s, "dilation": 1}


def wrong(inst, name):
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def test_two_3x3_convolutions_see_5x5():
    inst = instances.from_params(RF, {"layers": [conv(3), conv(3)]})
    assert inst.answers == {"a": 5, "b": (3, 5)}          # 1 + 2 = 3, 3 + 2 = 5
    assert wrong(inst, "kernels-added") == {"a": 6, "b": (3, 6)}
    for name in ("stride-including-current", "strides-ignored", "dilation-ignored"):
        assert wrong(inst, name) == {}


def test_vgg_style_blocks():
    layers = [conv(3), conv(3), pool(2, 2), conv(3), conv(3), pool(2, 2)]
    inst = instances.from_params(RF, {"layers": layers})
    # 3, 5, then the pool adds (2-1)*1*1: 6 (J becomes 2); the convs add 2*2 each: 10, 14;
    # the last pool adds (2-1)*1*2: 16.
    assert inst.answers == {"a": 16, "b": (3, 5, 6, 10, 14, 16)}
    # Own stride included: the first pool grows by 1*2 = 2 (7), the convs by 2*2 (11, 15), the last pool by 1*4 (19).
    assert wrong(inst, "stride-including-current") == {"a": 19, "b": (3, 5, 7, 11, 15, 19)}
    # Strides ignored: 1 + 2 + 2 + 1 + 2 + 2 + 1 = 11.
    assert wrong(inst, "strides-ignored") == {"a": 11, "b": (3, 5, 6, 8, 10, 11)}
    assert wrong(inst, "dilation-ignored") == {}
    assert wrong(inst, "kernels-added") == {"a": 16, "b": (3, 6, 8, 11, 14, 16)}
    # kernels-added happens to give the right final size here, so this instance is degenerate.
    assert instances.degenerate(inst)


def test_dilated_stack_doubles():
    inst = instances.from_params(RF, {"layers": [conv(3, d=1), conv(3, d=2), conv(3, d=4)]})
    assert inst.answers == {"a": 15, "b": (3, 7, 15)}     # 1 + 2, + 2*2, + 2*4
    assert wrong(inst, "dilation-ignored") == {"a": 7, "b": (3, 5, 7)}
    assert wrong(inst, "kernels-added") == {"a": 9, "b": (3, 6, 9)}
    assert wrong(inst, "strides-ignored") == {} and wrong(inst, "stride-including-current") == {}


def test_resnet_stem_then_dilated_conv():
    inst = instances.from_params(RF, {"layers": [conv(7, 2), pool(3, 2), conv(3, 1, 2)]})
    # r1 = 1 + 6 = 7 (J = 2); r2 = 7 + 2*1*2 = 11 (J = 4); r3 = 11 + 2*2*4 = 27.
    assert inst.answers == {"a": 27, "b": (7, 11, 27)}
    # Own stride too: 1 + 6*2 = 13; 13 + 2*4 = 21; 21 + 2*2*4 = 37.
    assert wrong(inst, "stride-including-current") == {"a": 37, "b": (13, 21, 37)}
    assert wrong(inst, "strides-ignored") == {"a": 13, "b": (7, 9, 13)}
    assert wrong(inst, "dilation-ignored") == {"a": 19, "b": (7, 11, 19)}
    assert wrong(inst, "kernels-added") == {"a": 13, "b": (7, 10, 13)}
    assert not instances.degenerate(inst)


def test_one_layer_and_1x1_kernels():
    inst = instances.from_params(RF, {"layers": [conv(5, 3)]})
    assert inst.answers == {"a": 5, "b": (5,)}
    assert wrong(inst, "stride-including-current") == {"a": 13, "b": (13,)}   # 1 + 4*3
    assert wrong(inst, "kernels-added") == {}
    inst = instances.from_params(RF, {"layers": [conv(1, 2), conv(1), conv(3)]})
    assert inst.answers == {"a": 5, "b": (1, 1, 5)}       # 1, 1, 1 + 2*2
    assert wrong(inst, "stride-including-current") == {}  # the strided layer has nothing to widen


@pytest.mark.parametrize("layers, words", [
    ("conv", ["'layers'", "list"]),
    ([], ["'layers'", "non-empty"]),
    ([conv(3), "pool"], ["layer 2"]),
    ([conv(3), {"type": "dense", "kernel": 3, "stride": 1}], ["layer 2", "'type'", "conv", "pool"]),
    ([{"type": "conv", "kernel": 0, "stride": 1}], ["layer 1", "'kernel'", "not 0"]),
    ([conv(3), conv(3, 0)], ["layer 2", "'stride'", "not 0"]),
    ([conv(3), conv(3), conv(3, 1, 0)], ["layer 3", "'dilation'"]),
    ([{"type": "conv", "kernel": 3}], ["layer 1", "'stride'"]),
    ([{"type": "conv", "kernel": 2.5, "stride": 1}], ["layer 1", "'kernel'", "whole number"]),
    ([{"type": "conv", "kernel": 3, "stride": 1, "padding": 1}], ["layer 1", "unknown key 'padding'"]),
    ([{"kernel": 3, "stride": 1}], ["layer 1", "'type'"]),
])
def test_nonsense_layers_are_refused_in_one_sentence(layers, words):
    with pytest.raises(ParamError) as info:
        RF.validate({"layers": layers})
    message = str(info.value)
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    for word in words:
        assert word in message, message


def test_missing_layers_param():
    with pytest.raises(ParamError, match="layers"):
        RF.validate({})


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_sampled_params_are_valid_and_tell_every_misconception_apart(difficulty):
    for seed in range(500):
        inst = instances.sample(RF, seed, difficulty)
        RF.validate(inst.params)
        assert instances.degenerate(inst) is False
        for layer in inst.params["layers"]:
            assert set(layer) == {"type", "kernel", "stride", "dilation"}
        for _, answers in inst.wrong:
            for label, value in answers.items():
                assert not instances.same_answer(value, inst.answers[label])


def test_difficulty_shapes_the_stack():
    for seed in range(100):
        easy = instances.sample(RF, seed, "easy").params["layers"]
        assert len(easy) == 2 and all(l["stride"] == 1 and l["dilation"] == 1 for l in easy)
        medium = instances.sample(RF, seed, "medium")
        assert len(medium.params["layers"]) == 3 and all(l["dilation"] == 1 for l in medium.params["layers"])
        assert wrong(medium, "strides-ignored") and wrong(medium, "stride-including-current")
        hard = instances.sample(RF, seed, "hard")
        assert len(hard.params["layers"]) in (4, 5)
        assert wrong(hard, "dilation-ignored") and wrong(hard, "strides-ignored")


def outside_math(text):
    text = re.sub(r"\\\[.*?\\\]", " ", text, flags=re.S)
    return re.sub(r"\$.*?\$", " ", text, flags=re.S)


def test_rendering_shows_each_step():
    inst = instances.from_params(RF, {"layers": [conv(7, 2), pool(3, 2), conv(3, 1, 2)]})
    statement = worksheet.statement(inst, "md")
    assert "Layer 2 is a $3 \\times 3$ pooling layer with stride 2." in statement
    assert "dilation 2" in statement
    solution = worksheet.solution(inst, "md")
    assert "$r_{3} = 11 + (3 - 1) \\cdot 2 \\cdot 4 = 11 + 16 = 27$." in solution
    assert "$J_{2} = 2 \\cdot 2 = 4$" in solution
    for seed in range(10):
        for difficulty in DIFFICULTIES:
            inst = instances.sample(RF, seed, difficulty)
            for fmt in render.FORMATS:
                for text in (worksheet.statement(inst, fmt), worksheet.solution(inst, fmt)):
                    assert "None" not in text and text.count("$") % 2 == 0
                    if fmt == "tex":
                        assert "$$" not in text and not re.search(r"[%&#_]", outside_math(text))
