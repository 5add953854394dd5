"""The ``integer`` and ``number`` answer types.

A number is compared exactly when the reference is exact (``7/4``), within a tolerance when the
reference is a computed float or the part sets ``rel_tol``/``abs_tol``; a decimal rounded
from a non-terminating exact value (``0.333`` for ``1/3``) is accepted with a note. The
tolerance and rounding constants are the contract's.

In Moodle a number part is one ``NUMERICAL`` subquestion, its misconceptions' answers listed
as 0% answers with their feedback (the tolerances are :mod:`probgen.generator.cloze`'s).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from probgen.contract import CLOSE_DECIMAL, DEFAULT_ABS_TOL, DEFAULT_REL_TOL, MIN_DIGITS

from ..errors import BadKey
from ..read.literals import Number
from ..read.numbers import format_number, read_number, terminates
from .base import CORRECT, NOT_CORRECT, AnswerType, Cloze, Outcome, Spec, full_credit, no_credit, number_boxes


def number_match(ref: Number, ans: Number, spec: Spec) -> tuple[bool, str | None]:
    """Whether ``ans`` is right for ``ref``, with a note when a rounded decimal was accepted."""
    if ref.inexact or spec.rel_tol is not None or spec.abs_tol is not None:
        rel = spec.rel_tol if spec.rel_tol is not None else DEFAULT_REL_TOL
        tol = spec.abs_tol if spec.abs_tol is not None else DEFAULT_ABS_TOL
        return abs(ans.value - ref.value) <= max(rel * max(abs(ans.value), abs(ref.value)), tol), None
    if ans.value == ref.value:
        return True, None
    if (ans.decimal and not terminates(ref.value) and ans.digits >= MIN_DIGITS
            and abs(ans.value - ref.value) <= CLOSE_DECIMAL * abs(ref.value)):
        return True, f"the exact value is {format_number(ref)}"
    return False, None


# Not a tolerance (it earns no credit): how near a decimal that missed must be for the feedback
# to say "close, but give more digits" rather than "not correct".
NEAR_MISS = Fraction(1, 100)


def _close_decimal(ref: Number, ans: Number) -> bool:
    return (ans.decimal and not ref.inexact and not terminates(ref.value)
            and abs(ans.value - ref.value) <= abs(ref.value) * NEAR_MISS)


def _number_compare(ref: Number, ans: Number, spec: Spec) -> Outcome:
    ok, note = number_match(ref, ans, spec)
    if ok:
        return full_credit(f"Correct to the digits given; {note}." if note else "Correct.")
    if _close_decimal(ref, ans):
        return no_credit("Close, but not accurate enough: give the exact fraction, or a decimal "
                         f"with at least {MIN_DIGITS} significant digits rounded correctly.")
    return NOT_CORRECT


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
    AnswerType("number", _read, _number_compare, _expected, cloze=number_cloze, boxes=number_boxes),
)
