"""``--format pdf``: each sheet's LaTeX compiled by LuaLaTeX (see :mod:`probgen.generator.pdf`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .base import PER_SHEET, Exporter, ExportError, SheetFailed, register

if TYPE_CHECKING:  # pragma: no cover
    from ..sheets import Sheet


def check() -> None:
    """No TeX engine is found before the export writes anything."""
    from .. import pdf

    if pdf.find_engine() is None:
        raise ExportError(pdf.NO_ENGINE + ".")


def write(path: Path, sheet: Sheet, solutions: bool) -> None:
    """The sheet's PDF; SheetFailed when this sheet's LaTeX does not compile (the export goes on
    with the other sheets), ExportError when nothing can be compiled or written."""
    from .. import pdf  # the engine is looked up only when a PDF is asked for

    try:
        pdf.compile_pdf(sheet.text("tex", solutions=solutions), path)
    except pdf.CompileError as exc:
        raise SheetFailed(str(exc), exc.reason, exc.log) from None
    except pdf.PdfError as exc:
        raise ExportError(str(exc)) from None


PDF = register(Exporter("pdf", PER_SHEET, "{stem}.pdf", write, view="tex", compiled=True, check=check))
