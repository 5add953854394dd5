"""``--format pdf``: each sheet's LaTeX compiled by TeX Live (see :mod:`probgen.generator.pdf`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .base import PER_SHEET, Exporter, ExportError, register

if TYPE_CHECKING:  # pragma: no cover
    from ..sheets import Sheet


def write(path: Path, sheet: Sheet, solutions: bool) -> None:
    from .. import pdf  # the engine is looked up only when a PDF is asked for

    try:
        pdf.compile_pdf(sheet.text("tex", solutions=solutions), path)
    except pdf.PdfError as exc:
        raise ExportError(str(exc)) from None


PDF = register(Exporter("pdf", PER_SHEET, "{stem}.pdf", write, view="tex", compiled=True))
