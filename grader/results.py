"""The values grading produces: per part, per problem, per submission.

Frozen dataclasses so a report cannot be changed after grading, and ``to_json`` methods that
give exactly the grade-report structure of DESIGN.md. They live apart from ``report.py`` so
that ``compare.py`` (which makes PartResults) and ``report.py`` (which grades whole
submissions with ``compare``) do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def tidy(score: float) -> float | int:
    """A score rounded to 3 decimals, as an int when whole (``2`` rather than ``2.0``)."""
    value = round(float(score), 3)
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class PartResult:
    """One part's grade. ``expected`` is the reference answer as a display string (None where
    the key does not show it); ``read_as`` the answer as the grader read it, in the key's
    notation (None for a blank answer or one that could not be read at all), and ``retyped``
    whether that differs from what was typed (a table report then shows it)."""

    label: str
    score: float | int
    max_score: float | int
    correct: bool
    feedback: str
    expected: str | None = None
    read_as: str | None = None
    retyped: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "score": tidy(self.score), "max_score": tidy(self.max_score),
                "correct": self.correct, "feedback": self.feedback, "expected": self.expected,
                "read_as": self.read_as}


@dataclass(frozen=True)
class ProblemResult:
    """One problem's grade; ``message`` explains a problem that could not be graded."""

    id: str
    title: str
    score: float | int
    max_score: float | int
    parts: tuple[PartResult, ...] = ()
    message: str | None = None

    @property
    def correct(self) -> bool:
        return self.max_score > 0 and self.score == self.max_score

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "score": tidy(self.score),
                                "max_score": tidy(self.max_score), "parts": [p.to_json() for p in self.parts]}
        if self.message:
            data["message"] = self.message
        return data


@dataclass(frozen=True)
class SubmissionReport:
    """A whole submission's grade; ``messages`` are notes about the file (unknown ids, labels).

    ``flags`` are short notes for staff about answers that scored nothing because they should
    not be there: ``"not assigned: <problem id>"`` (a roster key gives that problem to another
    student), ``"not on key: <problem id>"``, ``"not on roster"``, ``"no student id"``.
    """

    source: str
    student: str | None
    score: float | int
    max_score: float | int
    problems: tuple[ProblemResult, ...] = ()
    messages: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"source": self.source, "student": self.student, "score": tidy(self.score),
                                "max_score": tidy(self.max_score), "problems": [p.to_json() for p in self.problems],
                                "messages": list(self.messages)}
        if self.flags:
            data["flags"] = list(self.flags)
        return data
