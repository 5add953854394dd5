"""Issue 11: `--params` bombs and NaN or infinity in params are refused in one sentence, before any work.

Each case replays a red-team input; the bounds are declared once in probgen.problems.params.
"""

import json
import time

import pytest

from probgen.generator import instances, registry
from probgen.problems import params as P
from probgen.problems.model import ParamError

BOMBS = [
    # (kind, params, words the one-sentence refusal must hold)
    ("pooling.max-values", {"kernel": 100000, "padding": 50000}, "'kernel' must be at most 64"),
    ("pooling.avg-values", {"kernel": 100000, "padding": 50000}, "'kernel' must be at most 64"),
    ("conv2d.single-channel", {"padding": 100000}, "'padding' must be at most 64"),
    ("conv2d.multi-channel", {"padding": 100000}, "'padding' must be at most 64"),
    ("conv2d.single-channel", {"X": [[1, "1e999999999"], [1, 2]], "kernel": [[1]]}, "more than 12 digits"),
    ("conv1d.numeric", {"x": [1, "-1e-999999999", 2], "kernel": [1, 2]}, "more than 12 digits"),
    ("conv2d.single-channel", {"X": [[10 ** 40, 1], [1, 2]], "kernel": [[1]]}, "more than 12 digits"),
    ("conv2d.output-size", {"height": float("nan"), "width": 5, "kernel": 3}, "'height' holds NaN or infinity"),
    ("conv2d.output-size", {"height": float("inf"), "width": 5, "kernel": 3}, "'height' holds NaN or infinity"),
    ("receptive-field.stack", {"layers": [{"type": "conv", "kernel": float("inf"), "stride": 1}]}, "NaN or infinity"),
    ("pooling.max-backward", {"X": [[1, 2], [3, 4]], "kernel": 2, "stride": 1, "upstream": [[float("nan")]]},
     "NaN or infinity"),
    # A matrix a person could not work by hand: 62 x 62 outputs of a 3 x 3 kernel, 34,596 multiply-adds.
    ("conv2d.single-channel", {"X": [[1] * 64] * 64, "kernel": [[1, 2, 3]] * 3}, "at most 2,000"),
]


@pytest.mark.parametrize("kind_id, given, words", BOMBS, ids=[f"{b[0]}-{i}" for i, b in enumerate(BOMBS)])
def test_params_bomb_is_refused_in_one_sentence_before_work(kind_id, given, words):
    start = time.process_time()
    with pytest.raises(ParamError) as refused:
        instances.sample(registry.find(kind_id), 0, "medium", given=given)
    message = str(refused.value)
    assert words in message, message
    assert message.endswith(".") and "\n" not in message and message.count(". ") == 0, message
    assert time.process_time() - start < 5  # the bomb hung or filled memory before


@pytest.mark.parametrize("text", ['{"kernel": 100000, "padding": 50000}', '{"kernel": 7, "padding": NaN}'])
def test_make_refuses_a_pooling_bomb_with_exit_2(run_probgen, text):
    res = run_probgen("make", "--template", "pooling.max-values", "--params", text)
    assert res.returncode == 2, res.stderr
    assert "internal error" not in res.stderr and "Traceback" not in res.stderr
    assert res.stderr.count("\n") == 1 and "pooling.max-values" in res.stderr


def test_numbers_within_the_bounds_still_read_exactly():
    assert P.number("1/4", "x") == P.number(0.25, "x") == P.number("2.5e-1", "x")
    assert P.number("1e5", "x") == 100000 and P.number(-999_999_999_999, "x") == -999_999_999_999
    with pytest.raises(ParamError, match="more than 12 digits"):
        P.number(10 ** 12, "x")
    with pytest.raises(ParamError, match="must be a whole number"):
        P.integer({"n": float("nan")}, "n")


def test_hand_sized_params_at_the_work_bound_are_accepted():
    """The bound refuses only what nobody works on paper: a 16 x 16 input with a 3 x 3 kernel is 1,764."""
    kind = registry.find("conv2d.single-channel")
    inst = instances.sample(kind, 0, "medium", given={"X": [[1] * 16] * 16, "kernel": [[1, 0, 2]] * 3,
                                                      "padding": 0, "stride": 1})
    assert kind.effort(inst.params) == {"b": 14 * 14 * 9}
    assert inst.answers["b"][0][0] == 9


def test_bounds_are_stated_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for bound in (f"{P.MAX_WORK:,}", f"{P.MAX_SIDE}", f"{P.MAX_DIGITS} digits", f"{P.MAX_COUNT:,}"):
        assert bound in readme, bound
