"""``--format moodle``: a Moodle XML question bank of every problem of the export (see moodle_bank).

``export`` streams the bank (:class:`MoodleWriter`): each question is written to its kind's
spool as its sheet is made, and the file is put together at the end, the same, byte for byte,
as :func:`write` makes from all sheets in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..atomic import atomic_open, write_text
from .base import PER_EXPORT, Exporter, ExportError, register

if TYPE_CHECKING:  # pragma: no cover
    from ..sheets import Sheet

FILE_NAME = "moodle.xml"


def _failed(exc: ValueError) -> ExportError:  # a renderer this installation does not have
    return ExportError(f"this probgen cannot write the Moodle question bank ({exc}).")


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
    except ValueError as exc:
        raise _failed(exc) from None
    write_text(path, text)
    return skipped


class MoodleWriter:
    """The bank of :func:`write`, written a sheet at a time (each problem once, by id)."""

    def __init__(self, path: Path, spool_folder: Path) -> None:
        from ..bank_spool import KindSpool

        self.path = Path(path)
        self._spool = KindSpool(Path(spool_folder) / f".{FILE_NAME}.spool")
        self._seen: set[str] = set()
        self._skipped: dict[str, list[str]] = {}

    def add(self, sheet: Sheet) -> None:
        from ..lms import left_out
        from ..moodle_bank import Question, question_xml

        for problem in sheet.problems:
            if problem.id in self._seen:
                continue
            self._seen.add(problem.id)
            kind = problem.key["template"]
            self._spool.open(kind)
            question = Question(problem.key, problem.views["html"]["statement"], problem.views["html"]["solution"])
            try:
                text = question_xml(question)
            except ValueError as exc:
                self._skipped.setdefault(kind, []).append(left_out(problem.key, "Moodle", exc))
                continue
            self._spool.append(kind, "\n  " + text)

    def finish(self) -> list[str]:
        from ..moodle_bank import XML_HEAD, category_xml

        try:
            with atomic_open(self.path) as out:
                out.write(XML_HEAD)
                kinds = self._spool.kinds
                out.write("<quiz>" if kinds else "<quiz />\n")
                for kind in kinds:
                    out.write("\n  " + category_xml(kind))
                    self._spool.copy(kind, out)
                out.write("\n</quiz>\n" if kinds else "")
        except ValueError as exc:
            raise _failed(exc) from None
        finally:
            self.discard()
        return [sentence for kind in kinds for sentence in self._skipped.get(kind, [])]

    def discard(self) -> None:
        self._spool.discard()


MOODLE = register(Exporter("moodle", PER_EXPORT, FILE_NAME, write, view="html", view_solutions=True,
                           stream=MoodleWriter))
