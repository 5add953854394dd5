"""layers.flops and layers.batched-shapes: hand-worked examples, validation and rendering.

Every expected number below was worked out by hand (the arithmetic is in the comments), not
produced by the code under test.
"""

import json
from fractions import Fraction

import pytest

from probgen.generator import instances, registry, worksheet
from probgen.problems.model import DIFFICULTIES, ParamError

FLOPS = registry.find("layers.flops", 1)
BATCHED = registry.find("layers.batched-shapes", 1)


def wrong(inst, name):
    """The answers of the named misconception on this instance."""
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


# ---- layers.flops ------------------------------------------------------------------------

COURSE_FLOPS = {"channels": 3, "height": 256, "width": 256, "filters": 32, "kernel": 5, "stride": 2, "padding": 0}


def test_flops_of_the_course_layer():
    inst = instances.from_params(FLOPS, COURSE_FLOPS)
    # H' = floor((256 - 5)/2) + 1 = 125 + 1 = 126; F H' W' = 32 * 15876 = 508032 outputs.
    # conv: 508032 * (3 * 25 = 75) = 38102400; dense: 508032 * (3 * 65536 = 196608) = 99883155456.
    assert inst.answers == {"a": 38102400, "b": 99883155456, "c": Fraction(65536, 25)}
    assert type(inst.answers["b"]) is int
    assert wrong(inst, "weights-not-multiply-adds") == {"a": 2400}          # 32 * 3 * 25
    assert wrong(inst, "forgot-input-channels") == {"a": 12700800}         # 508032 * 25
    # stride ignored: 256 - 5 + 1 = 252 per side, 32 * 252 * 252 = 2032128 outputs.
    assert wrong(inst, "stride-ignored") == {"a": 2032128 * 75, "b": 2032128 * 196608}
    # forgot +1: 125 per side, 32 * 15625 = 500000 outputs.
    assert wrong(inst, "forgot-plus-one") == {"a": 500000 * 75, "b": 500000 * 196608}
    assert wrong(inst, "padding-once") == {}                                # no padding
    assert wrong(inst, "multiply-and-add-counted-twice") == {"a": 76204800, "b": 199766310912}
    assert wrong(inst, "dense-to-input-size") == {"b": 196608 ** 2}
    assert wrong(inst, "dense-as-locally-connected") == {"b": 38102400}
    assert wrong(inst, "ratio-inverted") == {"c": Fraction(25, 65536)}
    assert not instances.degenerate(inst)


def test_flops_small_padded_layer():
    # 2 x 10 x 8, 4 filters 3x3, stride 1, padding 1: H' = 10, W' = 8; 4 * 80 = 320 outputs.
    inst = instances.from_params(FLOPS, {"channels": 2, "height": 10, "width": 8, "filters": 4,
                                         "kernel": 3, "stride": 1, "padding": 1})
    assert inst.answers == {"a": 320 * 18, "b": 320 * 160, "c": Fraction(80, 9)}   # 5760, 51200
    # forgot +1: 10 + 2 - 3 = 9, 8 + 2 - 3 = 7; 4 * 63 = 252 outputs.
    assert wrong(inst, "forgot-plus-one") == {"a": 252 * 18, "b": 252 * 160}
    # padding once gives the same sides (10 + 1 - 3 + 1 = 9, 7): the mistake listed first keeps the answer.
    assert wrong(inst, "padding-once") == {}
    assert wrong(inst, "stride-ignored") == {}


@pytest.mark.parametrize("params, words", [
    ({**COURSE_FLOPS, "kernel": 300}, ["kernel", "larger", "height"]),
    ({**COURSE_FLOPS, "stride": 0}, ["stride", "at least 1"]),
    ({**COURSE_FLOPS, "padding": "same"}, ["padding", "whole number"]),
    ({**COURSE_FLOPS, "filters": 2.5}, ["filters", "whole number"]),
    ({k: v for k, v in COURSE_FLOPS.items() if k != "width"}, ["missing", "width"]),
])
def test_flops_nonsense_params_are_refused_in_one_sentence(params, words):
    with pytest.raises(ParamError) as info:
        FLOPS.validate(params)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message
    for word in words:
        assert word in message


def test_flops_beyond_easy_always_asks_for_padding_or_stride():
    for difficulty in ("medium", "hard"):
        for seed in range(100):
            p = instances.sample(FLOPS, seed, difficulty).params
            assert p["stride"] > 1 or p["padding"] > 0
    assert all(instances.sample(FLOPS, s, "hard").params["stride"] > 1 for s in range(50))


@pytest.mark.parametrize("fmt", ["md", "tex", "html"])
def test_flops_solution_shows_the_working_and_answers(fmt):
    inst = instances.from_params(FLOPS, COURSE_FLOPS)
    solution = worksheet.solution(inst, fmt)
    for text in ("508032", "75", "196608", "38102400", "99883155456", "65536", "126"):
        assert text in solution
    assert "multiply-add" in worksheet.statement(inst, fmt)


# ---- layers.batched-shapes ---------------------------------------------------------------

COURSE_BATCH = {"batch": 16, "in_channels": 3, "height": 32, "width": 32, "filters": 8, "kernel": 5,
                "stride": 1, "padding": 2, "pool": 2}


def test_batched_shapes_of_the_course_example():
    inst = instances.from_params(BATCHED, COURSE_BATCH)
    # H' = 32 + 4 - 5 + 1 = 32; the 2x2 pool with stride 2 halves it to 16.
    assert inst.answers == {"a": (16, 3, 32, 32), "b": (8, 3, 5, 5), "c": (8,), "d": (16, 8, 32, 32),
                            "e": (16, 8, 16, 16), "f": (8, 3, 5, 5), "g": (16, 3, 32, 32)}
    assert [p.label for p in inst.parts] == ["a", "b", "c", "d", "e", "f", "g"]
    assert wrong(inst, "batch-dimension-forgotten") == {"a": (3, 32, 32), "d": (8, 32, 32), "e": (8, 16, 16),
                                                        "g": (3, 32, 32)}
    assert wrong(inst, "batch-in-filter-gradient") == {"f": (16, 8, 3, 5, 5)}
    assert wrong(inst, "channel-dimension-forgotten") == {"b": (8, 5, 5), "f": (8, 5, 5)}
    assert wrong(inst, "filter-axes-swapped") == {"b": (3, 8, 5, 5)}
    assert wrong(inst, "bias-per-position") == {"c": (8, 32, 32)}
    assert wrong(inst, "forgot-plus-one") == {"d": (16, 8, 31, 31)}     # 32 + 4 - 5
    assert wrong(inst, "padding-once") == {"d": (16, 8, 30, 30)}        # 32 + 2 - 5 + 1
    assert wrong(inst, "stride-ignored") == {}                          # stride 1
    assert wrong(inst, "pool-stride-one") == {"e": (16, 8, 31, 31)}     # 32 - 2 + 1
    assert wrong(inst, "input-gradient-as-output") == {"g": (16, 8, 16, 16)}
    assert not instances.degenerate(inst)


def test_batched_shapes_without_pool_has_no_part_e():
    # 8 x 1 x 28 x 20, 6 filters 5x5, stride 2, padding 1: H' = floor(25/2) + 1 = 13, W' = floor(17/2) + 1 = 9.
    inst = instances.from_params(BATCHED, {"batch": 8, "in_channels": 1, "height": 28, "width": 20, "filters": 6,
                                           "kernel": 5, "stride": 2, "padding": 1, "pool": 0})
    assert [p.label for p in inst.parts] == ["a", "b", "c", "d", "f", "g"]
    assert inst.answers == {"a": (8, 1, 28, 20), "b": (6, 1, 5, 5), "c": (6,), "d": (8, 6, 13, 9),
                            "f": (6, 1, 5, 5), "g": (8, 1, 28, 20)}
    # padding once: floor((28 + 1 - 5)/2) + 1 = 13, floor((20 + 1 - 5)/2) + 1 = 9, the right sides: silent.
    assert wrong(inst, "padding-once") == {}
    assert wrong(inst, "stride-ignored") == {"d": (8, 6, 26, 18)}      # 28 + 2 - 5 + 1, 20 + 2 - 5 + 1
    assert wrong(inst, "pool-stride-one") == {}
    assert wrong(inst, "input-gradient-as-output") == {"g": (8, 6, 13, 9)}
    for fmt in ("md", "tex", "html"):
        text = worksheet.statement(inst, fmt) + worksheet.solution(inst, fmt)
        assert "max-pool" not in text and "None" not in text


def test_batched_shapes_version_2_names_the_convolutions_output_shape_for_the_input_gradient():
    v2 = registry.find("layers.batched-shapes", 2)
    inst = instances.from_params(v2, COURSE_BATCH)
    assert inst.answers == instances.from_params(BATCHED, COURSE_BATCH).answers
    # With the pool, dL/dI given the pooled shape (e) or the convolution's shape (d) is one mistake.
    found = sorted(answers["g"] for m, answers in inst.wrong if m.name == "input-gradient-as-output")
    assert found == [(16, 8, 16, 16), (16, 8, 32, 32)]
    assert not instances.degenerate(inst)
    # Without a pool there is one such answer, the convolution's output, as in version 1.
    no_pool = instances.from_params(v2, {**COURSE_BATCH, "pool": 0})
    assert [answers for m, answers in no_pool.wrong if m.name == "input-gradient-as-output" and answers] == [
        {"g": (16, 8, 32, 32)}]


def test_the_convolutions_output_shape_for_the_input_gradient_gets_its_feedback(run_probgen, tmp_path):
    out = tmp_path / "sheet"
    res = run_probgen("make", "--template", "layers.batched-shapes", "--params", json.dumps(COURSE_BATCH), "--out", out)
    assert res.returncode == 0, res.stderr
    sub = json.loads((out / "submission.json").read_text())
    (problem_id,) = sub["answers"]
    assert "batched-shapes@2" in problem_id
    sub["answers"][problem_id]["g"] = "(16, 8, 32, 32)"
    (out / "typed.json").write_text(json.dumps(sub))
    report = json.loads(run_probgen("grade", out / "typed.json", "--key", out / "answer-key.json",
                                    "--format", "json").stdout)
    (part,) = [p for p in report["problems"][0]["parts"] if p["label"] == "g"]
    assert part["score"] == 0 and "the input's shape, not the output's" in part["feedback"]


def test_layers_topic_version_2_takes_the_latest_kinds_and_version_1_keeps_its_own():
    assert [(k.id, k.version) for k in registry.of_topic("layers", 2)] == [
        ("layers.conv-vs-dense", 2), ("layers.batched-shapes", 2), ("layers.stacked-vs-single", 1),
        ("layers.depthwise-separable", 2), ("layers.flops", 1)]
    assert [(k.id, k.version) for k in registry.of_topic("layers", 1)] == [
        ("layers.conv-vs-dense", 1), ("layers.stacked-vs-single", 1), ("layers.depthwise-separable", 1)]


@pytest.mark.parametrize("params, words", [
    ({**COURSE_BATCH, "pool": 40}, ["pool", "larger", "32"]),
    ({**COURSE_BATCH, "pool": -1}, ["pool", "at least 0"]),
    ({**COURSE_BATCH, "batch": 0}, ["batch", "at least 1"]),
    ({**COURSE_BATCH, "kernel": 40}, ["kernel", "larger", "height"]),
    ({k: v for k, v in COURSE_BATCH.items() if k != "pool"}, ["missing", "pool"]),
])
def test_batched_shapes_nonsense_params_are_refused_in_one_sentence(params, words):
    with pytest.raises(ParamError) as info:
        BATCHED.validate(params)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message
    for word in words:
        assert word in message


def test_batched_shapes_beyond_easy_always_asks_for_padding_or_stride():
    for difficulty in ("medium", "hard"):
        for seed in range(100):
            p = instances.sample(BATCHED, seed, difficulty).params
            assert p["stride"] > 1 or p["padding"] > 0
    assert all(instances.sample(BATCHED, s, "hard").params["pool"] in (2, 3) for s in range(50))
    assert {instances.sample(BATCHED, s, d).params["pool"] for s in range(30) for d in DIFFICULTIES} == {0, 2, 3}
