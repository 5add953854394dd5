"""``--format html``: each sheet as one self-contained HTML page (MathML, inline SVG, no network)."""

from .base import register, text_sheet_exporter

HTML = register(text_sheet_exporter("html"))
