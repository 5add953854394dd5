"""``--format md``: each sheet as Markdown (figures as data-URI images, one self-contained file)."""

from .base import register, text_sheet_exporter

MARKDOWN = register(text_sheet_exporter("md"))
