"""The kind templates' Markdown dialect as HTML, with math as MathML.

The dialect is small: paragraphs separated by blank lines, ``**bold**``, ``*italic*``,
```code```, ``- `` and ``1. `` lists, code blocks indented by four spaces, ``# `` headings,
inline math ``$...$`` and display math ``$$...$$``. Math becomes MathML through
latex2mathml, so a page renders it without a network or a script; everything else is escaped.
Finished HTML from the template helpers (figures, say) travels through the dialect wrapped by
:func:`raw` and comes out untouched.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Callable
from urllib.parse import quote
from xml.etree import ElementTree

__all__ = ["raw", "convert", "inline", "math", "escape", "equation_image"]

_RAW = re.compile("\x02(.*?)\x03", re.S)
_HOLE = re.compile("\ue000(\\d+)\ue001")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"\$([^$]+?)\$")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_EM = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_XMLNS = re.compile(r'\s+xmlns="[^"]*"')


def escape(value: object) -> str:
    """Text made safe for HTML (quotes too, so it is safe in attributes)."""
    return html.escape(str(value), quote=True)


def raw(markup: str) -> str:
    """Mark finished HTML so that :func:`convert` passes it through as a block of its own."""
    return "\x02" + markup.replace("\x02", "").replace("\x03", "") + "\x03"


# ---- math -----------------------------------------------------------------------------

# latex2mathml reads ``aligned`` as text (a bare ``&`` lands in the output) and writes
# ``bmatrix`` brackets as plain operators; these rewrites give it forms it handles well.
_REWRITES = (
    (re.compile(r"\\begin\{aligned\}"), r"\\begin{align*}"),
    (re.compile(r"\\end\{aligned\}"), r"\\end{align*}"),
    (re.compile(r"\\begin\{bmatrix\}"), r"\\left[\\begin{matrix}"),
    (re.compile(r"\\end\{bmatrix\}"), r"\\end{matrix}\\right]"),
    (re.compile(r"\\begin\{pmatrix\}"), r"\\left(\\begin{matrix}"),
    (re.compile(r"\\end\{pmatrix\}"), r"\\end{matrix}\\right)"),
)


@lru_cache(maxsize=4096)
def math(source: str, display: bool = False) -> str:
    """LaTeX math as a MathML ``<math>`` element (``display="block"`` for display math).

    Should latex2mathml fail on a construct, or give markup that is not well-formed, the TeX
    source is shown as code instead: a sheet never fails to render over one formula.
    """
    from latex2mathml.converter import convert as _latex2mathml  # only HTML needs it (~0.1 s import)

    tex = source.strip()
    for pattern, replacement in _REWRITES:
        tex = pattern.sub(replacement, tex)
    try:
        mathml = _latex2mathml(tex, display="block" if display else "inline")
        ElementTree.fromstring(mathml)          # well-formed, or the fallback below
    except Exception:                           # noqa: BLE001 - any failure means: show the source
        tag = "div" if display else "span"
        return f'<{tag} class="tex-fallback"><code>{escape(source.strip())}</code></{tag}>'
    # Inline <math> in HTML5 needs no namespace, and the page then names no URL at all.
    return _XMLNS.sub("", mathml, count=1)


MathRenderer = Callable[[str, bool], str]  # (LaTeX source, display) -> HTML


def equation_image(source: str, display: bool = False) -> str:
    """LaTeX math as Canvas's equation image, the markup its own equation editor writes: an
    ``<img class="equation_image">`` whose address (``/equation_images/`` and the TeX, URL-encoded
    twice) Canvas renders, with the TeX in ``data-equation-content`` for its MathJax. Canvas's
    HTML sanitiser keeps it, where it may strip MathML."""
    tex = " ".join(source.split())
    attr = escape(tex).replace('"', "&quot;")
    src = "/equation_images/" + quote(quote(tex, safe=""), safe="")
    img = (f'<img class="equation_image" title="{attr}" src="{src}" alt="LaTeX: {attr}" '
           f'data-equation-content="{attr}"/>')
    return f'<p class="equation">{img}</p>' if display else img


# ---- inline text ----------------------------------------------------------------------

class _Holes:
    """Finished markup lifted out of the text while the rest is escaped, then put back."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []     # (kind, markup); kind "block" or "inline"

    def add(self, markup: str, kind: str = "inline") -> str:
        self.items.append((kind, markup))
        return f"\ue000{len(self.items) - 1}\ue001"

    def fill(self, text: str) -> str:
        return _HOLE.sub(lambda m: self.items[int(m.group(1))][1], text)

    def is_block(self, token: str) -> bool:
        m = _HOLE.fullmatch(token)
        return bool(m) and self.items[int(m.group(1))][0] == "block"


def _lift(text: str, holes: _Holes, render_math: MathRenderer = math) -> str:
    """Raw HTML, code spans and math replaced by placeholders (in that order of precedence)."""
    text = text.replace("\ue000", "").replace("\ue001", "")
    text = _RAW.sub(lambda m: "\n\n" + holes.add(m.group(1), "block") + "\n\n", text)
    text = _CODE_SPAN.sub(lambda m: holes.add(f"<code>{escape(m.group(1))}</code>"), text)
    text = _DISPLAY.sub(lambda m: holes.add(render_math(m.group(1), True), "block-math"), text)
    return _INLINE.sub(lambda m: holes.add(render_math(m.group(1), False)), text)


def _inline_markup(text: str) -> str:
    """Escaped text with **bold** and *italic*; placeholders pass through."""
    out = html.escape(text, quote=False)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    return _EM.sub(r"<em>\1</em>", out)


def inline(text: str, render_math: MathRenderer = math) -> str:
    """One line or paragraph of the dialect as inline HTML (no ``<p>``): for prompts, choices."""
    holes = _Holes()
    lifted = _lift(str(text), holes, render_math)
    return holes.fill(_inline_markup(lifted.strip()))


# ---- blocks ---------------------------------------------------------------------------

def convert(text: str, render_math: MathRenderer = math) -> str:
    """A piece of the dialect (a statement, a solution) as an HTML fragment of block elements;
    math is MathML, or what ``render_math(tex, display)`` makes of it."""
    holes = _Holes()
    lines = _lift(str(text), holes, render_math).split("\n")
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.extend(_paragraph("\n".join(para), holes))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if not para and holes.is_block(stripped):
            out.append(stripped)
            i += 1
            continue
        if not para and line.startswith("    "):
            block, i = _code_block(lines, i)
            out.append(block)
            continue
        heading = _HEADING.match(line)
        if heading and not para:
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline_markup(heading.group(2))}</h{level}>")
            i += 1
            continue
        if _ITEM.match(line):
            flush()
            block, i = _list(lines, i)
            out.append(block)
            continue
        para.append(line)
        i += 1
    flush()
    return holes.fill("\n".join(out))


def _paragraph(text: str, holes: _Holes) -> list[str]:
    """A paragraph; one made only of display math is left unwrapped (it is a block itself)."""
    body = text.strip()
    tokens = [t for t in re.split(r"\s+", body) if t]
    if tokens and all(_HOLE.fullmatch(t) and holes.items[int(_HOLE.fullmatch(t).group(1))][0] != "inline"
                      for t in tokens):
        return tokens
    return [f"<p>{_inline_markup(body)}</p>"]


def _code_block(lines: list[str], i: int) -> tuple[str, int]:
    body: list[str] = []
    while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
        body.append(lines[i][4:])
        i += 1
    while body and not body[-1].strip():
        body.pop()
    return f"<pre><code>{html.escape(chr(10).join(body), quote=False)}</code></pre>", i


def _list(lines: list[str], i: int) -> tuple[str, int]:
    first = _ITEM.match(lines[i])
    ordered = first is not None and first.group(1)[0].isdigit()
    items: list[list[str]] = []
    while i < len(lines):
        line = lines[i]
        m = _ITEM.match(line)
        if m and (m.group(1)[0].isdigit()) == ordered:
            items.append([m.group(2)])
        elif items and line.strip() and line.startswith(" "):
            items[-1].append(line.strip())
        else:
            break
        i += 1
    tag = "ol" if ordered else "ul"
    body = "".join(f"<li>{_inline_markup(' '.join(item))}</li>" for item in items)
    return f"<{tag}>{body}</{tag}>", i
