"""HTML: the dialect converted to HTML with MathML, grids as display math, figures as inline SVG."""

from __future__ import annotations

import html as _html
from typing import Any

from .. import figures
from .. import html as dialect
from ..values import bmatrix, text
from .base import Format


class Html(Format):
    name = "html"

    def grid(self, rows: Any, name: str | None = None) -> str:
        # Display math, which the HTML conversion turns into a MathML matrix.
        lhs = f"{name} = " if name else ""
        return "\n\n$$" + lhs + bmatrix(rows) + "$$\n\n"

    def escape(self, value: Any) -> str:
        return dialect.escape(value)

    def inline(self, value: Any) -> str:
        return dialect.inline(value)

    def figure(self, fig: figures.Figure, *, mode: str = "inline", files: dict[str, str] | None = None,
               owner: str = "figure") -> str:
        caption = f"<figcaption>{_html.escape(fig.caption)}</figcaption>" if fig.caption else ""
        body = f'<figure class="figure">{figures.svg(fig, label=text)}{caption}</figure>'
        return "\n\n" + dialect.raw(body) + "\n\n"

    def finish(self, block: str) -> str:
        return dialect.convert(block)


class CanvasHtml(Html):
    """HTML for Canvas: math as Canvas's equation images (see :func:`..html.equation_image`),
    the rest as :class:`Html` writes it. Canvas's question banks read it; no sheet is laid out
    in it (``sheets`` is False, so ``make --format`` does not offer it)."""

    name = "canvas-html"
    sheets = False

    def inline(self, value: Any) -> str:
        return dialect.inline(value, dialect.equation_image)

    def finish(self, block: str) -> str:
        return dialect.convert(block, dialect.equation_image)
