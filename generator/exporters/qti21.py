"""``--format qti21``: an IMS QTI 2.1 content package of every problem of the export (see qti21)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..atomic import write_bytes
from .base import PER_EXPORT, Exporter, ExportError, register

if TYPE_CHECKING:  # pragma: no cover
    from ..sheets import Sheet


def write(path: Path, sheets: Sequence[Sheet]) -> list[str]:
    """The package of every problem of the export, each once, from the HTML views."""
    from ..formats import get
    from ..qti21 import Question
    from ..qti21_package import package, zip_bytes
    from ..sheets import unique_problems

    questions = [Question(p.key, p.views["html"]["statement"], p.views["html"]["solution"])
                 for p in unique_problems(sheets)]
    title = sheets[0].title if sheets else "probgen"
    skipped: list[str] = []
    try:
        files = package(questions, get("html").inline, title, skipped)
    except ValueError as exc:  # a renderer this installation does not have
        raise ExportError(f"this probgen cannot write the QTI 2.1 export ({exc}).") from None
    write_bytes(path, zip_bytes(files))
    return skipped


QTI21 = register(Exporter("qti21", PER_EXPORT, "qti21.zip", write, view="html", view_solutions=True))
