"""The rounding rule (D5) is stated on the sheet where students answer a part whose exact answer
is not whole, with the contract's digit count, and what it says is what the grader does."""

import json
from fractions import Fraction

import pytest

from probgen.contract import MIN_DIGITS
from probgen.grader.read.numbers import read_number
from probgen.grader.types.base import Spec
from probgen.grader.types.number import SHEET_RULE, has_fraction, number_match

RULE = f"a decimal correctly rounded with at least {MIN_DIGITS} significant digits"


@pytest.mark.parametrize("fmt", ["md", "tex", "html"])
def test_a_sheet_with_a_fraction_answer_states_the_rule_once(run_probgen, tmp_path, fmt):
    out = tmp_path / fmt
    res = run_probgen("make", "--template", "layers.depthwise-separable", "--n", "1", "--seed", "1",
                      "--format", fmt, "--out", str(out))
    assert res.returncode == 0, res.stderr
    key = json.loads((out / "answer-key.json").read_text())
    assert "/" in key["problems"][0]["parts"][2]["answer"]  # (c) is a ratio that is not whole
    sheet = (out / f"worksheet.{fmt}").read_text()
    assert sheet.count(RULE) == 1
    assert sheet.index(RULE) < sheet.index("Problem 1.")  # with the answer instructions, before the problems


def test_a_sheet_of_whole_answers_says_nothing_of_rounding(run_probgen):
    res = run_probgen("make", "--template", "conv2d.output-size", "--n", "3", "--seed", "2")
    assert res.returncode == 0, res.stderr
    assert "significant digits" not in res.stdout


def test_average_pooling_statements_no_longer_demand_fractions(run_probgen):
    res = run_probgen("make", "--template", "pooling.avg-values", "--n", "2", "--seed", "4")
    assert res.returncode == 0, res.stderr
    assert "Give exact fractions" not in res.stdout
    assert "may be given as fractions" in res.stdout  # which the LMS exports read as asking for fractions
    assert res.stdout.count(RULE) == 1


def test_the_rules_example_grades_as_it_says():
    ok, note = number_match(read_number("7/9"), read_number("0.778"), Spec(label="a", type="number", points=1, options={}))
    assert ok and note
    assert "7/9 as 0.778" in SHEET_RULE
    too_short, _ = number_match(read_number("7/9"), read_number("0.78"), Spec(label="a", type="number", points=1, options={}))
    assert not too_short


@pytest.mark.parametrize("value, states", [
    (Fraction(71, 578), True), (3, False), (Fraction(4, 2), False), (0.5, False),
    (((1, Fraction(1, 4)), (2, 3)), True), (((1, 2), (3, 4)), False), ("7/4", True),
])
def test_which_answers_call_for_the_rule(value, states):
    assert has_fraction(value) is states
