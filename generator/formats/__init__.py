"""The output formats of statements, solutions and sheets: one object per format (see base).

A new format is a :class:`Format` subclass in a module here, an entry in :data:`FORMATS` and
its sheet layouts ``templates/sheets/{worksheet,solutions}.<name>.j2``.
"""

from __future__ import annotations

from .base import Format
from .html import CanvasHtml, Html
from .latex import Latex
from .markdown import Markdown

#: Every format statements, solutions and sheets render to, by name.
FORMATS: dict[str, Format] = {f.name: f for f in (Markdown(), Latex(), Html(), CanvasHtml())}
#: The formats sheets are laid out in (``make --format``).
SHEET_FORMATS: tuple[str, ...] = tuple(name for name, f in FORMATS.items() if f.sheets)


def get(name: str) -> Format:
    """The format called ``name``; ValueError for a format there is none of."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}") from None


__all__ = ["FORMATS", "SHEET_FORMATS", "Format", "get"]
