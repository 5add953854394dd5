"""One rounding rule (D5) and tolerances that mean what they say (issue 10, items 5 and 7).

A decimal earns credit when it is the exact reference correctly rounded to the decimal places
it gives (half-up or half-even on an exact tie), with at least MIN_DIGITS significant digits;
``rel_tol`` alone is relative, with an absolute floor only when ``abs_tol`` is given or the
reference is 0.
"""

from fractions import Fraction

import pytest

from probgen.contract import MIN_DIGITS
from probgen.grader.compare import grade_part
from probgen.grader.types.number import correctly_rounded


def part(answer, **options):
    return {"label": "a", "type": "number", "answer": answer, "points": 1, **({"options": options} if options else {})}


def grade(reference, answer, **options):
    return grade_part(part(reference, **options), answer)


@pytest.mark.parametrize("reference, answer", [
    ("25/144", "0.174"),      # 0.17361..., 3 significant digits: the case
    ("25/144", "0.1736"),
    ("25/144", "0.17361"),
    ("71/578", "0.123"),      # 0.12283..., the other case
    ("71/578", "0.1228"),
    ("1/3", "0.333"),
    ("2/3", "0.667"),
    ("-2/3", "-0.667"),
    ("25/144", "1.74e-1"),
    ("25/144", "17.4 \\times 10^{-2}"),
    ("79/64", "1.234"),       # 1.234375, a terminating reference rounded (not a tie)
])
def test_correct_roundings_earn_credit(reference, answer):
    result = grade(reference, answer)
    assert result.correct, result.feedback
    assert result.feedback.startswith("Correct to the digits given; the exact value is ")


@pytest.mark.parametrize("reference, answer", [
    ("25/144", "0.1735"),     # rounds to 0.1736: passed before, contradicting the message
    ("25/144", "0.1737"),
    ("71/578", "0.1229"),     # 0.12283... rounds to 0.1228
    ("71/578", "0.12296"),
    ("2/3", "0.666"),         # truncated, not rounded
    ("-2/3", "-0.666"),
])
def test_wrong_roundings_are_refused_with_the_rule(reference, answer):
    result = grade(reference, answer)
    assert not result.correct and result.score == 0
    assert "correctly rounded to the decimal places it gives" in result.feedback
    assert f"at least {MIN_DIGITS} significant digits" in result.feedback
    places = len(answer.split(".")[1])
    assert f"not the exact value rounded to {places} decimal places" in result.feedback


def test_too_few_significant_digits_says_how_many():
    result = grade("25/144", "0.17")
    assert not result.correct
    assert f"at least {MIN_DIGITS} significant digits, and this one has 2" in result.feedback


@pytest.mark.parametrize("reference, answer, right", [
    # exact ties: half-up (away from zero) and half-even both accepted, half-down not
    ("1/8", "0.13", False),        # 0.125 to 2 places: 2 significant digits only
    ("1001/8000", "0.1251", True),  # 0.125125 is no tie: nearest only
    ("11125/100000", "0.1113", True),   # 0.11125: half-up
    ("11125/100000", "0.1112", True),   # 0.11125: half-even
    ("11135/100000", "0.1114", True),   # 0.11135: half-up and half-even agree
    ("11135/100000", "0.1113", False),  # half-down is not a rule anyone is taught
    ("-11125/100000", "-0.1113", True),
    ("-11125/100000", "-0.1112", True),
    ("-11135/100000", "-0.1113", False),
])
def test_round_half_cases(reference, answer, right):
    assert grade(reference, answer).correct is right


def test_correctly_rounded_candidates():
    assert correctly_rounded(Fraction(25, 144), 3) == {Fraction(174, 1000)}
    assert correctly_rounded(Fraction(25, 144), 4) == {Fraction(1736, 10000)}
    assert correctly_rounded(Fraction(1, 8), 2) == {Fraction(13, 100), Fraction(12, 100)}
    assert correctly_rounded(Fraction(5, 2), 0) == {Fraction(3), Fraction(2)}
    assert correctly_rounded(Fraction(7, 2), 0) == {Fraction(4)}
    assert correctly_rounded(Fraction(1234567), -3) == {Fraction(1235000)}


def test_whole_references_are_not_rounded():
    assert not grade(13, "13.2").correct
    assert not grade(1234567, "1.235e6").correct


# ---- tolerances: rel_tol alone is relative -----------------------------------------------

def test_rel_tol_alone_has_no_absolute_floor():
    assert not grade(1e-12, "0", rel_tol=0.01).correct
    assert not grade(3.2e-10, "-5e-10", rel_tol=0.01).correct
    assert grade(3.2e-10, "3.21e-10", rel_tol=0.01).correct
    assert not grade(3.2e-10, "3.3e-10", rel_tol=0.01).correct


def test_rel_tol_is_relative_to_the_reference():
    assert grade(100.0, "100.9", rel_tol=0.01).correct
    assert not grade(100.0, "101.1", rel_tol=0.01).correct


def test_absolute_floor_when_given_or_the_reference_is_zero():
    assert grade(1e-12, "0", rel_tol=0.01, abs_tol=1e-9).correct
    assert grade(0.0, "1e-10", rel_tol=0.01).correct          # a reference of 0 has the default floor
    assert not grade(0.0, "1e-6", rel_tol=0.01).correct
    assert grade(0.0, "0.0005", abs_tol=0.001).correct


def test_float_references_without_options_keep_the_defaults():
    assert grade(0.123456789, "0.1234568").correct   # relative 1e-6
    assert grade(1e-12, "0").correct                 # absolute 1e-9 floor by default
