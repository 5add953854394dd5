"""Jinja2 rendering of statements, worked solutions and sheets, per output format.

Kind templates are written once, in a small dialect every format shares: plain sentences,
inline math ``$...$``, display math ``$$...$$``, blank lines between paragraphs, and the
helpers below for the things whose markup differs by format (matrices above all). Rendering
only prints what the kind computed (answers and ``steps``); it never computes an answer.
"""

from __future__ import annotations

import base64
import html as _html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import jinja2

from probgen import templates

from . import figures
from . import html as html_dialect
from .values import _float_text, bmatrix, latex_escape, matrices, shape, tex, text  # noqa: F401 (re-exported)

#: The formats whose rendered statements and solutions are text in the templates' dialect
#: ($...$ math kept as LaTeX source): Markdown and LaTeX.
FORMATS = ("md", "tex")
#: Every format statements, solutions and sheets render to. HTML is the dialect converted to
#: HTML with MathML, so its fragments no longer hold LaTeX source.
OUTPUT_FORMATS = FORMATS + ("html",)
TEMPLATE_DIR = Path(templates.__file__).parent


# ---- things whose markup depends on the format ----------------------------------------

def _grid_md(rows: Any, name: str | None = None) -> str:
    cells = [[text(v) for v in row] for row in rows]
    width = max((len(c) for row in cells for c in row), default=1)
    lines = ["  ".join(c.rjust(width) for c in row) for row in cells]
    head = [f"    {name} ="] if name else []
    return "\n\n" + "\n".join(head + ["        " + line if name else "    " + line for line in lines]) + "\n\n"


def _grid_tex(rows: Any, name: str | None = None) -> str:
    lhs = f"{name} = " if name else ""
    return "\n\\[ " + lhs + bmatrix(rows) + " \\]\n"


def _grid_html(rows: Any, name: str | None = None) -> str:
    # Display math, which the HTML conversion turns into a MathML matrix.
    lhs = f"{name} = " if name else ""
    return "\n\n$$" + lhs + bmatrix(rows) + "$$\n\n"


def _display_math_tex(rendered: str) -> str:
    return re.sub(r"\$\$(.+?)\$\$", lambda m: r"\[" + m.group(1) + r"\]", rendered, flags=re.S)


_GRIDS: dict[str, Callable[..., str]] = {"md": _grid_md, "tex": _grid_tex, "html": _grid_html}


# ---- figures --------------------------------------------------------------------------

def _figure_md(fig: figures.Figure) -> str:
    # GitHub shows no inline <svg>; an image with a data URI shows in most Markdown viewers,
    # and its alt text reads well in a terminal. It is one long line, so it goes last.
    svg = figures.svg(fig, standalone=True, label=text)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    # Base64 can spell words by chance; checks of rendered text look for a stray "None", so
    # shift the encoding with a trailing space (harmless in SVG) until it spells none.
    while "None" in data:
        svg += " "
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = (fig.caption or "Figure").replace("\n", " ")
    return f"\n\n![{alt}](data:image/svg+xml;base64,{data})\n\n"


def _figure_html(fig: figures.Figure) -> str:
    caption = f"<figcaption>{_html.escape(fig.caption)}</figcaption>" if fig.caption else ""
    body = f'<figure class="figure">{figures.svg(fig, label=text)}{caption}</figure>'
    return "\n\n" + html_dialect.raw(body) + "\n\n"


def _figure_tex(fig: figures.Figure) -> str:
    # Inside display math: centred, with display spacing; TikZ sets node text in text mode.
    return "\n\\[\n" + figures.tikz(fig, label=tex, plain=text) + "\n\\]\n"


_FIGURES: dict[str, Callable[[figures.Figure], str]] = {"md": _figure_md, "tex": _figure_tex, "html": _figure_html}


def _figure_file_md(fig: figures.Figure, context: Any) -> str:
    """The figure as an SVG file beside the sheet (collected in ``figure_files``), linked by path."""
    sink = context["figure_files"]
    stem = re.sub(r"[^A-Za-z0-9.-]+", "-", str(context.get("id", "figure"))).strip("-")
    name = f"figures/{stem}.svg"
    sink[name] = figures.svg(fig, standalone=True, label=text)
    alt = (fig.caption or "Figure").replace("\n", " ")
    return f"\n\n![{alt}]({name})\n\n"


def _figure_global(fmt: str) -> Callable[..., str]:
    @jinja2.pass_context
    def figure(context: Any, rows: Any, caption: str = "") -> str:
        """``{{ figure([panel(...), panel(...)], caption="...") }}``: the figure in this format.

        Markdown has three ways, chosen by the caller through the context's ``figure_mode``:
        ``inline`` (a data-URI image, one self-contained file), ``files`` (an SVG file beside
        the sheet, linked by path) and ``none`` (a sheet printed to a terminal, where the
        grid is already shown as text and a data URI would be a screenful of base64).
        """
        mode = context.get("figure_mode", "inline") if fmt == "md" else "inline"
        if mode == "none":
            return ""
        fig = figures.figure(rows, caption)
        if mode == "files" and context.get("figure_files") is not None:
            return _figure_file_md(fig, context)
        return _FIGURES[fmt](fig)

    return figure


def _answer(fmt: str, type_: str, value: Any, choices: Any = ()) -> str:
    """A reference answer shown the way its type reads best in ``fmt``."""
    grid = _GRIDS[fmt]
    if type_ in ("matrix", "expression-matrix"):
        return grid(value)
    if type_ == "tensor":
        return "".join(grid(m, f"[{', '.join(map(str, index))}]") for index, m in matrices(value))
    if type_ == "shape":
        return "$" + tex(tuple(value)) + "$" if len(value) != 1 else f"$({value[0]},)$"
    if type_ == "choice":
        letter = str(value)
        index = ord(letter.upper()) - ord("A")
        label = choices[index] if 0 <= index < len(choices) else ""
        return f"({letter}) {label}".strip()
    return "$" + tex(value) + "$"


_POST: dict[str, Callable[[str], str]] = {"md": lambda s: s, "tex": _display_math_tex, "html": html_dialect.convert}
# A sheet layout is written in its format's own markup; an HTML layout assembles fragments
# that are HTML already.
_SHEET_POST: dict[str, Callable[[str], str]] = {"md": lambda s: s, "tex": _display_math_tex, "html": lambda s: s}


@lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (PROBGEN_CACHE_DIR, else ~/.cache/probgen).

    Compiling the templates was most of a short `probgen make`'s time; Jinja checks each
    cached entry against its template's source, so an edited template is compiled afresh.
    Without a writable cache folder templates are simply compiled every run.
    """
    import os
    import sys

    root = os.environ.get("PROBGEN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "probgen")
    folder = os.path.join(root, f"jinja-{jinja2.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not os.access(folder, os.W_OK):
            return None
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(folder)


@lru_cache(maxsize=None)
def environment(fmt: str) -> jinja2.Environment:
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    show_answer = (lambda type_, value, choices=(): _answer(fmt, type_, value, choices))
    if fmt == "html":
        show_answer = (lambda type_, value, choices=(): html_dialect.convert(_answer(fmt, type_, value, choices)))
    escape_text = {"tex": latex_escape, "html": html_dialect.escape}.get(fmt, lambda s: str(s))
    env.globals.update(tex=tex, text=text, bmatrix=bmatrix, shape=shape, grid=_GRIDS[fmt], fmt=fmt,
                       show_answer=show_answer, figure=_figure_global(fmt), panel=figures.panel)
    env.filters.update(tex=tex, text=text, bmatrix=bmatrix, shape=shape, escape_text=escape_text,
                       # The dialect of prompts and choices ($math$, **bold**) as inline HTML.
                       dialect=html_dialect.inline if fmt == "html" else (lambda s: str(s)))
    return env


def _tidy(rendered: str) -> str:
    """Collapse runs of blank lines that template control flow leaves behind."""
    return re.sub(r"\n{3,}", "\n\n", rendered).strip() + "\n"


def render_block(template_name: str, block: str, context: dict[str, Any], fmt: str) -> str:
    """Render one named block (``statement`` or ``solution``) of a kind template."""
    env = environment(fmt)
    template = env.get_template(template_name)
    if block not in template.blocks:
        raise KeyError(f"template {template_name} has no block {block!r}")
    out = "".join(template.blocks[block](template.new_context(context)))
    return _tidy(_POST[fmt](out))


def render_sheet(layout: str, context: dict[str, Any], fmt: str) -> str:
    """Render a worksheet layout (``sheets/<layout>.<fmt>.j2``)."""
    env = environment(fmt)
    out = env.get_template(f"sheets/{layout}.{fmt}.j2").render(context)
    return _tidy(_SHEET_POST[fmt](out))
