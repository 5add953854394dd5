"""``--format canvas``: a Canvas QTI 1.2 zip of every problem of the export (see canvas_qti).

Returns a sentence per problem Canvas cannot ask (the rest is written), which ``export``
prints after the files it wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..atomic import write_bytes
from .base import PER_EXPORT, Exporter, ExportError, register

if TYPE_CHECKING:  # pragma: no cover
    from ..sheets import Sheet

VIEW = "canvas-html"


def write(path: Path, sheets: Sequence[Sheet]) -> list[str]:
    """The zip of every problem of the export, each once, from the Canvas HTML views."""
    from ..canvas_package import package, zip_bytes
    from ..canvas_qti import Question
    from ..formats import get
    from ..sheets import unique_problems

    questions = [Question(p.key, p.views[VIEW]["statement"], p.views[VIEW]["solution"])
                 for p in unique_problems(sheets)]
    try:
        built = package(questions, get(VIEW).inline)
    except ValueError as exc:  # a renderer this installation does not have
        raise ExportError(f"this probgen cannot write the Canvas export ({exc}).") from None
    write_bytes(path, zip_bytes(built.files))
    return built.skipped


CANVAS = register(Exporter("canvas", PER_EXPORT, "canvas.zip", write, view=VIEW, view_solutions=True))
