"""The ``integer`` and ``number`` answer types.

A number is compared exactly when the reference is exact (``7/4``), within a tolerance when the
reference is a computed float or the part sets ``rel_tol``/``abs_tol``. A decimal earns credit
when it is the exact reference correctly rounded to the decimal places it gives (half-up or
half-even on an exact tie) with at least the contract's ``MIN_DIGITS`` significant digits
(decision D5): ``0.174`` for 25/144, not ``0.1735`` (that rounds to 0.1736). The tolerance
and rounding constants are the contract's.

In Moodle a number part is one ``NUMERICAL`` subquestion, its misconceptions' answers listed
as 0% answers with their feedback (the tolerances are :mod:`probgen.generator.cloze`'s).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from probgen.contract import DEFAULT_ABS_TOL, DEFAULT_REL_TOL, MIN_DIGITS

from ..errors import BadKey
from ..read.literals import Number
from ..read.numbers import format_number, read_number, terminates
from .base import CORRECT, NOT_CORRECT, AnswerType, Cloze, Outcome, Spec, full_credit, no_credit, number_boxes


def correctly_rounded(reference: Fraction, places: int) -> set[Fraction]:
    """The reference rounded to ``places`` decimal places (negative: to tens, hundreds...): the
    nearest such decimal, or on an exact tie both the half-up (away from zero) and the
    half-even result, since people are taught one or the other (D5)."""
    scale = Fraction(10) ** places
    scaled = reference * scale
    low = scaled.numerator // scaled.denominator
    rest = scaled - low
    if rest < Fraction(1, 2):
        picks = {low}
    elif rest > Fraction(1, 2):
        picks = {low + 1}
    else:
        away = low + 1 if reference > 0 else low
        even = low if low % 2 == 0 else low + 1
        picks = {away, even}
    return {Fraction(p) / scale for p in picks}


def _rounding(ref: Number, ans: Number) -> bool:
    """Whether a decimal answer is an exact non-whole reference correctly rounded to the places
    it gives, with at least MIN_DIGITS significant digits (D5)."""
    return (ans.decimal and ans.places is not None and not ref.is_integer and ans.digits >= MIN_DIGITS
            and ans.value in correctly_rounded(ref.value, ans.places))


def number_match(ref: Number, ans: Number, spec: Spec) -> tuple[bool, str | None]:
    """Whether ``ans`` is right for ``ref``, with a note when a rounded decimal was accepted.

    An inexact reference, or a part with ``rel_tol``/``abs_tol``, is matched within tolerance:
    ``rel_tol`` is relative to the reference, with an absolute floor only when ``abs_tol`` is
    given or the reference is 0; a float reference without either gets the contract's defaults.
    An exact reference is matched exactly, or by a decimal that is it correctly rounded (D5).
    """
    if ref.inexact or spec.rel_tol is not None or spec.abs_tol is not None:
        if spec.rel_tol is None and spec.abs_tol is None:
            rel, floor = DEFAULT_REL_TOL, DEFAULT_ABS_TOL
        else:
            rel = spec.rel_tol or Fraction(0)
            floor = spec.abs_tol if spec.abs_tol is not None else (DEFAULT_ABS_TOL if ref.value == 0 else Fraction(0))
        return abs(ans.value - ref.value) <= max(rel * abs(ref.value), floor), None
    if ans.value == ref.value:
        return True, None
    if _rounding(ref, ans):
        return True, f"the exact value is {format_number(ref)}"
    return False, None


# Not a tolerance (it earns no credit): how near a decimal that missed must be for the feedback
# to explain the rounding rule rather than say "not correct".
NEAR_MISS = Fraction(1, 100)


def _close_decimal(ref: Number, ans: Number) -> bool:
    return abs(ans.value - ref.value) <= abs(ref.value) * NEAR_MISS


def has_fraction(value: Any) -> bool:
    """Whether an answer (a number, or nested lists of numbers, as a kind computed it or as a
    key writes it) has an exact entry that is not whole: one for which a decimal is graded by
    the rounding rule (D5), so the sheet asking for it states the rule (:data:`SHEET_RULE`)."""
    if isinstance(value, (list, tuple)):
        return any(has_fraction(entry) for entry in value)
    if isinstance(value, (bool, float)):
        return False
    try:
        number = read_number(value)
    except Exception:  # not a number (a symbol, a text): no rounding to state
        return False
    return not number.inexact and not number.is_integer


#: The rounding rule (D5) as a sheet states it where students answer a part whose exact answer
#: is not whole; the prompt of such a part may still say "as an exact fraction".
SHEET_RULE = (f"Where an answer is not a whole number, give the exact value (a fraction such as 7/4) or a "
              f"decimal correctly rounded with at least {MIN_DIGITS} significant digits (7/9 as 0.778), "
              f"also where a part asks for an exact fraction.")


ROUNDING_RULE = (f"a decimal earns credit when it is the exact value correctly rounded to the decimal places "
                 f"it gives, with at least {MIN_DIGITS} significant digits")


def _number_compare(ref: Number, ans: Number, spec: Spec) -> Outcome:
    ok, note = number_match(ref, ans, spec)
    if ok:
        return full_credit(f"Correct to the digits given; {note}." if note else "Correct.")
    if not (ans.decimal and not ref.inexact and not ref.is_integer and spec.rel_tol is None and spec.abs_tol is None):
        return NOT_CORRECT
    if ans.places is not None and ans.value in correctly_rounded(ref.value, ans.places):
        return no_credit(f"Close, but not accurate enough: {ROUNDING_RULE}, and this one has {ans.digits}; "
                         "or give the exact fraction.")
    if _close_decimal(ref, ans):
        return no_credit(f"Not correct: {ROUNDING_RULE}, and this one is not the exact value rounded to "
                         f"{_places_words(ans.places)}; give the exact fraction, or round it again.")
    return NOT_CORRECT


def _places_words(places: int | None) -> str:
    if places is None:
        return "the digits given"
    if places >= 0:
        return f"{places} decimal place{'s' * (places != 1)}"
    return f"the nearest {10 ** -places:,}"


def _integer_compare(ref: Number, ans: Number, spec: Spec) -> Outcome:
    if ans.value == ref.value:
        return CORRECT
    if not ans.is_integer:
        return no_credit("Not correct; the answer is a whole number.")
    return NOT_CORRECT


def _read(value: Any, spec: Spec) -> Number:
    return read_number(value)


def _expected(reference: Number, raw: Any, spec: Spec) -> str:
    return format_number(reference)


def _whole(reference: Number, spec: Spec) -> None:
    if not reference.is_integer:
        raise BadKey(f"the reference answer of integer part {spec.label} is not a whole number.")


def number_cloze(part: Mapping[str, Any], weight: int, cloze: Cloze) -> str:
    """A ``NUMERICAL`` subquestion; a misconception's answer gets the reference's tolerance."""
    answer = part["answer"]
    options = part.get("options") or {}
    wrong = cloze.wrong(part, lambda v: [cloze.numeric_answer(v, options, inexact=isinstance(answer, float))])
    return cloze.subquestion(weight, "NUMERICAL", cloze.alternatives([cloze.numeric_answer(answer, options)], wrong))


TYPES = (
    AnswerType("integer", _read, _integer_compare, _expected, check=_whole, cloze=number_cloze, boxes=number_boxes),
    AnswerType("number", _read, _number_compare, _expected, cloze=number_cloze, boxes=number_boxes,
               rounded=has_fraction),
)
