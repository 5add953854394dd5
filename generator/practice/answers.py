"""What the page says about an answer, all of it the grader's own: how a text is read (the
preview) and how it is graded (the check).

The preview reads the text with the reader the grader uses for the part's answer type, on
the part's checked key entry, so what it shows is what grading will see: "read as" the
answer in the key's notation (and as math), or the reader's one-sentence reason. Nothing
is evaluated in the browser. The check is ``grade_part`` on the same key entry.

``expected`` (the reference answer) is shown only once the student may see it: after
"Show solution", or on a part they got right; never in the feedback of a wrong answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from probgen.grader.compare import grade_part, part_spec
from probgen.grader.errors import Unreadable
from probgen.grader.read.text import empty
from probgen.grader.read_as import read_as, shown_value
from probgen.grader.results import PartResult
from probgen.grader.types import TYPES, Spec

from .. import formats, render

CORRECT, PARTLY, NOT_CORRECT = "correct", "partly correct", "not correct"


@dataclass(frozen=True)
class Preview:
    """How the grader reads one text: ``read_as`` (key notation) and ``math`` (HTML with
    MathML), or the ``message`` saying why it cannot; all empty for a blank box."""

    read_as: str = ""
    math: str = ""
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"read_as": self.read_as, "math": self.math, "message": self.message}


@dataclass(frozen=True)
class Checked:
    """One part checked: the grader's result and how the page words it."""

    result: PartResult
    status: str
    expected: str | None

    def to_json(self) -> dict[str, Any]:
        return {"label": self.result.label, "status": self.status, "score": self.result.score,
                "max_score": self.result.max_score, "feedback": self.result.feedback, "expected": self.expected}


def expected_shown(part: Mapping[str, Any], result: PartResult | None, *, solution_shown: bool) -> str | None:
    """The reference answer when the page may show it: the key allows it (D4's
    ``show_expected``, true for practice keys) and the solution is shown or the part is right."""
    if not part.get("show_expected", True) or not (solution_shown or (result is not None and result.correct)):
        return None
    return result.expected if result is not None else part_spec(part).expected


def _depth(value: Any) -> int:
    return 1 + _depth(value[0]) if isinstance(value, list) and value else int(isinstance(value, list))


def _as_math(spec: Spec, shown: Any) -> str:
    """The read answer as the sheet shows an answer of its shape (a 2x2 typed for a vector
    part is shown as the matrix it is, so the student sees what went wrong)."""
    shown_as = {0: spec.type if spec.type in ("shape", "choice") else "number", 1: "vector", 2: "matrix"}
    kind = shown_as.get(_depth(shown), "tensor")
    value = tuple(shown) if kind == "vector" else shown
    return render.show_answer(formats.get("html"), kind, value, spec.options).strip()


def preview(part: Mapping[str, Any], text: Any) -> Preview:
    """How the grader reads ``text`` as an answer to the key ``part``."""
    if empty(text):
        return Preview()
    spec = part_spec(part)
    try:
        value = TYPES[spec.type].read(text, spec)
        shown = shown_value(value)
        return Preview(read_as(spec, value, shown), _as_math(spec, shown))
    except Unreadable as exc:
        return Preview(message=str(exc))
    except RecursionError:
        return Preview(message="This answer is nested too deeply to read.")


def status(result: PartResult) -> str:
    if result.correct:
        return CORRECT
    return PARTLY if result.score > 0 else NOT_CORRECT


def check(parts: list[Mapping[str, Any]], answers: Mapping[str, Any]) -> list[Checked]:
    """Every part of a problem graded by the grader (a missing answer is a blank one)."""
    checked = []
    for part in parts:
        result = grade_part(part, answers.get(part["label"], ""))
        checked.append(Checked(result, status(result), expected_shown(part, result, solution_shown=False)))
    return checked


def total(checked: list[Checked]) -> tuple[Fraction, Fraction]:
    """The problem's score and its points, exactly (float sums drift: 0.1 + 0.2)."""
    score = sum((Fraction(str(c.result.score)) for c in checked), Fraction(0))
    most = sum((Fraction(str(c.result.max_score)) for c in checked), Fraction(0))
    return score, most
