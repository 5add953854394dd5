"""What an answer type is made of, and the checked key part its functions are given.

An :class:`AnswerType` is a frozen record of plain functions, one record per type name; the
type-independent grading (``compare.py``) and the generator's key, sheet and Moodle writers
call them and know nothing else about any type. The generator's side of a type is written
with helpers the generator passes in (:class:`Markup`, :class:`Cloze`), so this package never
imports the generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Callable, Mapping, Protocol, Sequence

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


def never(value: Any) -> bool:
    """The ``rounded`` of a type whose answers no rounding rule applies to."""
    return False


def accept(reference: Any, spec: Spec) -> None:
    """The ``check`` of a type whose reader already refuses every reference it cannot grade."""


class Markup(Protocol):
    """The primitives of an output format that a ``sheet`` form writes with (the generator's
    format objects, ``fmt`` in the templates). Each returns the format's source dialect."""

    def math(self, source: str) -> str:
        """Inline math from LaTeX source."""

    def grid(self, rows: Any, name: str | None = None) -> str:
        """A matrix shown as a block, optionally as ``name = ...``."""

    def tex(self, value: Any) -> str:
        """LaTeX of a number, an expression or a flat tuple (a row vector)."""


class Cloze(Protocol):
    """Moodle's Cloze syntax, which a ``cloze`` form writes with (the generator's ``cloze``)."""

    def subquestion(self, weight: int, kind: str, alts: str) -> str:
        """``{weight:KIND:alternatives}``."""

    def alternatives(self, right: Sequence[str], wrong: Sequence[tuple[str, str]] = ()) -> str:
        """``=a~=b~%0%c#feedback``: right answers, then (answer, feedback) pairs worth 0%."""

    def wrong(self, part: Mapping[str, Any], convert: Callable[[Any], list[str] | None]) -> list[tuple[str, str]]:
        """The part's misconception answers, each converted to alternatives, with their feedback."""

    def numeric_answer(self, value: Any, options: Mapping[str, Any] | None = None, *,
                       inexact: bool | None = None) -> str:
        """``value:tolerance`` for a NUMERICAL subquestion."""

    def escape(self, text: str) -> str:
        """Text or HTML made safe inside an answer or feedback."""

    def shortanswer_text(self, text: str) -> str:
        """A short-answer alternative (``*`` is Moodle's wildcard)."""

    def inline_html(self, text: str) -> str:
        """A prompt or option in the templates' dialect as inline HTML."""

    def feedback_text(self, text: str) -> str:
        """A feedback in the templates' dialect as plain text (Moodle's popovers strip MathML)."""

    def table(self, rows: Any, cell: Callable[[Any], str], name: str = "") -> str:
        """A 2-D array (or a tensor's slice called ``name``) as an HTML table of ``cell``'s subquestions."""


def json_data(value: Any, leaf: Callable[[Any], Any] | None = None) -> Any:
    """An answer value as JSON data, exact values kept exact: a Fraction as ``"7/4"`` (or an
    int), floats and text as they are, tuples as lists. Anything else is ``leaf``'s to write
    (the expression types write SymPy expressions as text); without one it is refused."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        return value
    if isinstance(value, (tuple, list)):
        return [json_data(v, leaf) for v in value]
    if leaf is None:
        raise TypeError(f"{value!r} is not an answer value of this type: it has no JSON form")
    return leaf(value)


def show_math(value: Any, fmt: Markup, options: Mapping[str, Any]) -> str:
    """The ``sheet`` form of most types: the value as inline math."""
    return fmt.math(fmt.tex(value))


def no_cloze(part: Mapping[str, Any], weight: int, cloze: Cloze) -> str:
    """The ``cloze`` form of a type Moodle cannot be given."""
    raise ValueError(f"part ({part.get('label')}) has answer type {part['type']!r}, which the Moodle export does not know")


def one_subquestion(answer: Any) -> int:
    return 1


#: The kinds of :class:`Box`: a number typed in, text typed in, or one option picked.
NUMBER_BOX, TEXT_BOX, CHOICE_BOX = "number", "text", "choice"


@dataclass(frozen=True)
class Box:
    """One answer box of a key part, as an LMS that asks box by box is given it (Canvas, QTI).

    ``kind`` says what the box takes: a ``"number"`` (``value`` is the key's number as JSON
    data, ``"7/4"``, ``0.1`` or ``5``, and ``options`` the part's tolerances), ``"text"``
    (``accepted`` lists the spellings right for it, compared with ``case_sensitive``) or a
    ``"choice"`` (``value`` is the right letter, ``choices`` the option texts in the
    templates' dialect). ``where`` is the entry's position in an array part (empty for a
    scalar), 0-based like the key.
    """

    kind: str
    value: Any = None
    where: tuple[int, ...] = ()
    accepted: tuple[str, ...] = ()
    case_sensitive: bool = False
    choices: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)


def no_boxes(part: Mapping[str, Any]) -> list[Box]:
    """The ``boxes`` form of a type no LMS export can ask."""
    raise ValueError(f"part ({part.get('label')}) has answer type {part['type']!r}, which the Canvas and QTI exports "
                     "do not know")


def number_boxes(part: Mapping[str, Any]) -> list[Box]:
    """The ``boxes`` form of the number types: one number box."""
    return [Box(NUMBER_BOX, part["answer"], options=dict(part.get("options") or {}))]


@dataclass(frozen=True)
class AnswerType:
    """One answer type: how its answers are read, compared, checked in a key and shown, and
    its forms in a key, on a sheet and in Moodle.

    Grading:

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

    The generator's forms, given an answer value as a kind computed it (``value``) or a key
    part as JSON data (``part``, ``answer``):

    - ``to_json(value)``: the value as JSON data in a key (default :func:`json_data`).
    - ``sheet(value, fmt, options)``: the reference answer as a solution sheet shows it, in the
      format's source dialect, written with the :class:`Markup` primitives of ``fmt``;
      ``options`` are the part's (default: inline math, :func:`show_math`).
    - ``cloze(part, weight, cloze)``: the part as embedded Moodle subquestions weighing
      ``weight`` together (an integer; split among them when there are several), written with
      the :class:`Cloze` helpers (default: refused, :func:`no_cloze`).
    - ``subquestions(answer)``: how many subquestions ``cloze`` makes of the key's answer
      (default 1).
    - ``boxes(part)``: the key part as the answer boxes an LMS that asks box by box shows
      (Canvas, QTI 2.1), each a :class:`Box` (default: refused, :func:`no_boxes`).
    - ``rounded(value)``: whether a decimal typed for this answer is graded by the rounding
      rule, so the sheet asking for it states the rule (default: never, :func:`never`).
    """

    name: str
    read: Callable[[Any, Spec], Any]
    compare: Callable[[Any, Any, Spec], Outcome]
    expected: Callable[[Any, Any, Spec], str]
    settings: Settings = no_settings
    check: Callable[[Any, Spec], None] = accept
    to_json: Callable[[Any], Any] = json_data
    sheet: Callable[[Any, Markup, Mapping[str, Any]], str] = show_math
    cloze: Callable[[Mapping[str, Any], int, Cloze], str] = no_cloze
    subquestions: Callable[[Any], int] = one_subquestion
    boxes: Callable[[Mapping[str, Any]], list[Box]] = no_boxes
    rounded: Callable[[Any], bool] = never


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
