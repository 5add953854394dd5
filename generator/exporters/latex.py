"""``--format tex``: each sheet as a LaTeX document (figures in TikZ)."""

from .base import register, text_sheet_exporter

LATEX = register(text_sheet_exporter("tex"))
