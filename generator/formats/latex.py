"""LaTeX: grids as ``bmatrix`` display math, figures as TikZ, ``$$...$$`` as ``\\[...\\]``."""

from __future__ import annotations

import re
from typing import Any

from .. import figures
from ..values import bmatrix, latex_escape, tex, text
from .base import Format
from .scripts import scripts_in

_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
#: The sheet layout's default (every fallback font), replaced by the scripts a sheet holds.
_SCRIPTS_DEFAULT = r"\providecommand\probgenscripts{all}"
_BEGIN_DOCUMENT = r"\begin{document}"


class Latex(Format):
    name = "tex"

    def grid(self, rows: Any, name: str | None = None) -> str:
        lhs = f"{name} = " if name else ""
        return "\n\\[ " + lhs + bmatrix(rows) + " \\]\n"

    def quoted(self, word: str) -> str:
        return f"``{word}''"

    def code(self, name: str) -> str:
        return rf"\texttt{{{latex_escape(name)}}}"

    def derivative(self, of: str, by: str) -> str:
        return rf"\partial {of} / \partial {by}"

    def escape(self, value: Any) -> str:
        """Text from outside the templates on one line (a blank line in a title would end the
        paragraph a heading is in) with TeX's special characters escaped."""
        return latex_escape(" ".join(str(value).split()))

    def figure(self, fig: figures.Figure, *, mode: str = "inline", files: dict[str, str] | None = None,
               owner: str = "figure") -> str:
        # Inside display math: centred, with display spacing; TikZ sets node text in text mode.
        return "\n\\[\n" + figures.tikz(fig, label=tex, plain=text) + "\n\\]\n"

    def finish(self, block: str) -> str:
        return _DISPLAY.sub(lambda m: r"\[" + m.group(1) + r"\]", block)

    def finish_sheet(self, sheet: str) -> str:
        """The sheet made final, telling LuaLaTeX which scripts its text holds (so it loads
        only the fallback fonts it needs; see :mod:`.scripts`)."""
        sheet = self.finish(sheet)
        body = sheet.split(_BEGIN_DOCUMENT, 1)[-1]
        return sheet.replace(_SCRIPTS_DEFAULT, r"\def\probgenscripts{" + ",".join(scripts_in(body)) + "}", 1)
