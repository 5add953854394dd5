"""Grading one key part, whatever its answer type: check the part, read, compare, explain.

Everything that depends on the answer type is in that type's module (:mod:`.types`); what is
here is the same for every type: the common checks of a key part, reading its reference with
the reader used for students (so anything the key can hold, a student can type back), blank
answers, misconceptions, and the :class:`PartResult`. Whatever a student submits,
``grade_part`` returns a result; only a broken key raises (:class:`BadKey`), because that is
staff's bug to fix, not a zero to give.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

from probgen.contract import MEASURED

from .credit import earned, part_rule
from .errors import BadKey, Unreadable
from .read_as import differs, report_read_as
from .read.numbers import read_number
from .read.text import empty
from .results import PartResult, tidy
from .types import TYPES, AnswerType, Outcome, Spec


def _tolerance(options: Mapping[str, Any], name: str) -> Fraction | None:
    value = options.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise BadKey(f"option {name} must be a number.")
    try:
        tol = read_number(value).value
    except Unreadable:
        raise BadKey(f"option {name} must be a number.") from None
    if tol < 0:
        raise BadKey(f"option {name} must not be negative.")
    return tol


def _spec(part: Mapping[str, Any]) -> Spec:
    """The key part checked and its reference read; BadKey (one sentence) for a broken part.

    The checks every part gets come first, then the type's own: ``settings`` before the
    reference is read, ``check`` after.
    """
    if not isinstance(part, Mapping):
        raise BadKey("a key part must be an object.")
    label = part.get("label")
    if not isinstance(label, str) or not label:
        raise BadKey("a key part has no label.")
    kind = part.get("type")
    if kind not in TYPES:
        raise BadKey(f"part {label} has unknown answer type {kind!r}.")
    points = part.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
        raise BadKey(f"part {label} has points {points!r}; points are a number of at least 0.")
    options = part.get("options") or {}
    if not isinstance(options, Mapping):
        raise BadKey(f"part {label} has options that are not an object.")
    if "answer" not in part:
        raise BadKey(f"part {label} has no answer.")
    raw = part["answer"]
    answer_type = TYPES[kind]
    settings = answer_type.settings(label, options, raw)
    choices = options.get("choices")
    if choices is not None and not (isinstance(choices, (list, tuple)) and all(isinstance(c, str) for c in choices)
                                    and 0 < len(choices) <= 26):
        raise BadKey(f"part {label} has choices that are not a list of 1 to 26 texts.")
    misconceptions = part.get("misconceptions") or ()
    if not isinstance(misconceptions, (list, tuple)):
        raise BadKey(f"part {label} has misconceptions that are not a list.")
    spec = Spec(label, kind, points, options, choices=tuple(choices) if choices else None,
                rel_tol=_tolerance(options, "rel_tol"), abs_tol=_tolerance(options, "abs_tol"),
                misconceptions=tuple(m for m in misconceptions if isinstance(m, Mapping)), **settings)
    try:
        reference = answer_type.read(raw, spec)
    except Unreadable as exc:
        raise BadKey(f"the reference answer of part {label} cannot be read: {exc}") from None
    answer_type.check(reference, spec)
    return replace(spec, reference=reference, expected=answer_type.expected(reference, raw, spec))


def _blank(value: Any) -> bool:
    """No answer: null, blank text, or lists of those. Iterative and bounded, because a
    submission's JSON may nest a thousand lists deep (the readers then refuse it)."""
    stack, seen = [value], 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > 10_000:
            return False
        if empty(item):
            continue
        if isinstance(item, (list, tuple)):
            stack.extend(item)
            continue
        return False
    return True


def _misconception(spec: Spec, answer_type: AnswerType, answer: Any) -> str | None:
    """The feedback of every misconception whose answer this answer equals.

    Two mistakes can land on the same wrong number (forgetting the +1 and counting the
    padding once, say); then both are named rather than guessing which one was made.
    """
    found: list[str] = []
    for wrong in spec.misconceptions:
        feedback = wrong.get("feedback")
        if not isinstance(feedback, str) or "answer" not in wrong or feedback in found:
            continue
        try:
            value = answer_type.read(wrong["answer"], spec)
            if answer_type.compare(value, answer, spec).credit == 1:
                found.append(feedback)
        except (Unreadable, BadKey, ArithmeticError, ValueError, TypeError, RecursionError):
            continue  # a wrong solver's output the readers refuse (a negative size...) explains nothing
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return "More than one mistake gives this answer. " + " Or: ".join(found)


def _measured_note(rule: str, free: int, credit: Fraction, outcome: Outcome) -> str:
    """Why measured credit is below the share of entries right (empty when it is not)."""
    if rule != MEASURED or outcome.entries is None or credit >= outcome.credit or free <= 0:
        return ""
    total = outcome.entries[1]
    return (f" An answer with no work in it gets {min(free, total)} of the {total} entries right, "
            f"so credit counts the other {max(0, total - free)}.")


def _nothing(spec: Spec, feedback: str) -> PartResult:
    """No points for an answer that is blank or cannot be read, with why."""
    return PartResult(spec.label, 0, spec.points, False, feedback, spec.expected)


def grade_part(part: Mapping[str, Any], submitted: Any) -> PartResult:
    """Grade one submitted answer against one key part.

    Never raises for any ``submitted`` value; raises :class:`BadKey` for a broken key part.
    """
    spec = _spec(part)
    rule, free = part_rule(part, spec.label)
    if _blank(submitted):
        return _nothing(spec, "No answer.")
    answer_type = TYPES[spec.type]
    try:
        answer = answer_type.read(submitted, spec)
        outcome = answer_type.compare(spec.reference, answer, spec)
        if outcome.credit < 1:
            feedback = _misconception(spec, answer_type, answer)
            if feedback is not None and 0 < outcome.credit < 1 and outcome.entries is not None:
                right, total = outcome.entries
                feedback += f" ({right} of {total} entries right.)"
            credit = earned(rule, free, outcome.credit, outcome.entries, feedback is not None)
            if feedback is None:
                feedback = outcome.feedback + _measured_note(rule, free, credit, outcome)
            elif credit < outcome.credit:
                feedback += " A known mistake's answer earns no credit."
            outcome = Outcome(credit, feedback, outcome.entries)
    except Unreadable as exc:
        return _nothing(spec, str(exc))
    except RecursionError:
        return _nothing(spec, "This answer is nested too deeply to read.")
    except Exception as exc:  # a bug of ours must not cost the student the other parts
        return _nothing(spec, f"This answer could not be graded (internal error: {type(exc).__name__}); "
                              "please report it.")
    read, retyped = _read_as(spec, answer, submitted)
    return PartResult(spec.label, tidy(spec.points * outcome.credit), spec.points, outcome.credit == 1,
                      outcome.feedback, spec.expected, read, retyped)


def _read_as(spec: Spec, answer: Any, submitted: Any) -> tuple[str | None, bool]:
    """The answer as read, for the report, and whether that differs from what was typed; None
    if it cannot be written (the answer is graded anyway)."""
    try:
        read = report_read_as(spec, answer)
        return read, differs(read, submitted)
    except Exception:  # showing how an answer was read must never cost its grade
        return None, False


def part_spec(part: Mapping[str, Any]) -> Spec:
    """A key part checked and its reference read, as :func:`grade_part` uses it: for code that
    reads an answer the way grading will without grading it (the practice page's preview).
    Raises :class:`BadKey` for a broken part."""
    return _spec(part)
