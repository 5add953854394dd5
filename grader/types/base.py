"""What an answer type is made of, and the checked key part its functions are given.

An :class:`AnswerType` is a frozen record of plain functions, one record per type name; the
type-independent grading (``compare.py``) calls them and knows nothing else about any type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Callable, Mapping

from ..read.numbers import format_number, read_number


@dataclass(frozen=True)
class Outcome:
    """One comparison: the share of the points earned (0..1) and the feedback.

    ``entries`` is ``(right, total)`` for an answer graded entry by entry, so that a
    misconception's feedback can still say how many entries were right.
    """

    credit: Fraction
    feedback: str
    entries: tuple[int, int] | None = None


def full_credit(feedback: str = "Correct.") -> Outcome:
    return Outcome(Fraction(1), feedback)


def no_credit(feedback: str = "Not correct.") -> Outcome:
    return Outcome(Fraction(0), feedback)


CORRECT = full_credit()
NOT_CORRECT = no_credit()


@dataclass(frozen=True)
class Spec:
    """One key part, checked and with its reference read: everything grading needs.

    ``symbols``, ``choices`` and the tolerances are the key format's options, checked (the
    symbols by the expression types' ``settings``); anything else a type needs it reads from
    ``options`` itself.
    """

    label: str
    type: str
    points: float | int
    options: Mapping[str, Any]
    reference: Any = None
    expected: str = ""
    symbols: tuple[str, ...] = ()
    choices: tuple[str, ...] | None = None
    rel_tol: Fraction | None = None
    abs_tol: Fraction | None = None
    misconceptions: tuple[Mapping[str, Any], ...] = field(default=())


Settings = Callable[[str, Mapping[str, Any], Any], Mapping[str, Any]]  # (label, options, raw answer) -> Spec fields
NO_SETTINGS: Mapping[str, Any] = MappingProxyType({})


def no_settings(label: str, options: Mapping[str, Any], raw: Any) -> Mapping[str, Any]:
    """The ``settings`` of a type that takes nothing from the key beyond the common checks."""
    return NO_SETTINGS


def accept(reference: Any, spec: Spec) -> None:
    """The ``check`` of a type whose reader already refuses every reference it cannot grade."""


@dataclass(frozen=True)
class AnswerType:
    """One answer type: how its answers are read, compared, checked in a key and shown.

    - ``read(value, spec)``: a submitted JSON value (or the key's reference) as the value the
      type compares; raises ``Unreadable`` with a message that says how to write it. The key's
      reference is read with the same function, so whatever a key holds a student can type.
      ``spec.reference`` is None while the reference itself is read.
    - ``compare(reference, answer, spec)``: an :class:`Outcome` with feedback.
    - ``expected(reference, raw, spec)``: the reference answer as a report shows it (``raw``
      is the key's answer as written there).
    - ``settings(label, options, raw)``: key checking before the reference is read: the
      :class:`Spec` fields the type takes from the part (the expression types:
      ``{"symbols": ...}``). Raises BadKey.
    - ``check(reference, spec)``: key checking after: BadKey when the read reference is not
      one of this type (an integer that is not whole, a matrix with three dimensions).

    The generator's sides of a type (its JSON form in a key, its display on a sheet, its
    Moodle form) are meant to join as further fields of this record, each with a default.
    """

    name: str
    read: Callable[[Any, Spec], Any]
    compare: Callable[[Any, Any, Spec], Outcome]
    expected: Callable[[Any, Any, Spec], str]
    settings: Settings = no_settings
    check: Callable[[Any, Spec], None] = accept


def display_raw(raw: Any) -> str:
    """A key answer as written in the key: ``[[1, "7/4"]]`` shows as ``[[1, 7/4]]``."""
    if isinstance(raw, (list, tuple)):
        return "[" + ", ".join(display_raw(v) for v in raw) + "]"
    if isinstance(raw, (float, Decimal)):
        return format_number(read_number(raw))
    return str(raw).strip()


def expected_as_written(reference: Any, raw: Any, spec: Spec) -> str:
    """The ``expected`` of types shown as the key writes them (arrays, expressions)."""
    return display_raw(raw)
