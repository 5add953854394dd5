"""``--format moodle``: a Moodle XML question bank of every problem of the export (see moodle_bank)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..atomic import write_text
from .base import PER_EXPORT, Exporter, ExportError, register

if TYPE_CHECKING:  # pragma: no cover
    from ..sheets import Sheet


def write(path: Path, sheets: Sequence[Sheet]) -> list[str]:
    """The question bank of every problem of the export, each once, from the HTML views; a
    sentence per problem Moodle cannot be given (the rest is written)."""
    from ..moodle_bank import Question, bank_xml
    from ..sheets import unique_problems

    questions = [Question(p.key, p.views["html"]["statement"], p.views["html"]["solution"])
                 for p in unique_problems(sheets)]
    skipped: list[str] = []
    try:
        text = bank_xml(questions, skipped)
    except ValueError as exc:  # a renderer this installation does not have
        raise ExportError(f"this probgen cannot write the Moodle question bank ({exc}).") from None
    write_text(path, text)
    return skipped


MOODLE = register(Exporter("moodle", PER_EXPORT, "moodle.xml", write, view="html", view_solutions=True))
