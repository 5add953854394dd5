"""Figures of one problem: input grids with a window outlined, and the kernel beside them.

Pure functions of the figure's data: :func:`svg` gives an SVG document or inline element (for
HTML and Markdown), :func:`tikz` a TikZ picture (for LaTeX). The data comes from a kind's
``steps`` or params through the templates (see ``figure``/``panel`` in :mod:`.render`); nothing
here computes an answer, it only draws the numbers it is given and outlines the cells it is
told to.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Iterable, Sequence

from .values import latex_escape

__all__ = ["Panel", "Figure", "panel", "figure", "svg", "tikz", "plain_label", "latex_label"]

Window = tuple[int, int, int, int]          # top, left, height, width (in padded coordinates)

HIGHLIGHT = "#c62828"                        # the window's outline
HIGHLIGHT_FILL = "#fde4e4"                   # inside the window, and the kernel's cells
PAD_FILL = "#ececec"                         # padding cells
GRID_STROKE = "#8a8a8a"


@dataclass(frozen=True)
class Panel:
    """One grid of a figure: a named matrix, optionally drawn with padding around it.

    ``window`` (top, left, height, width) counts rows and columns of the padded grid. A
    ``kernel`` panel is tinted like the window it is slid over. Cells holding ``""`` are drawn
    empty; ``None`` is minus infinity (the padding of max pooling).
    """

    name: str
    values: tuple[tuple[Any, ...], ...]
    pad: tuple[int, int] = (0, 0)
    pad_value: Any = 0
    window: Window | None = None
    kernel: bool = False

    @property
    def shape(self) -> tuple[int, int]:
        rows = len(self.values) + 2 * self.pad[0]
        cols = (len(self.values[0]) if self.values else 0) + 2 * self.pad[1]
        return rows, cols

    def cells(self) -> list[list[tuple[Any, bool]]]:
        """Every cell of the padded grid as (value, is padding)."""
        ph, pw = self.pad
        rows, cols = self.shape
        grid = []
        for r in range(rows):
            line = []
            for c in range(cols):
                inside = ph <= r < rows - ph and pw <= c < cols - pw
                line.append((self.values[r - ph][c - pw], False) if inside else (self.pad_value, True))
            grid.append(line)
        return grid


@dataclass(frozen=True)
class Figure:
    """Rows of panels (an input and its kernel side by side; one row per channel) and a caption."""

    rows: tuple[tuple[Panel, ...], ...]
    caption: str = ""


def panel(name: str, values: Iterable[Iterable[Any]], *, pad: int | Sequence[int] = 0, pad_value: Any = 0,
          window: Sequence[int] | None = None, kernel: bool = False) -> Panel:
    """A :class:`Panel` from plain data (lists from templates, ints or (rows, cols) padding)."""
    matrix = tuple(tuple(row) for row in values)
    if not matrix or not matrix[0] or any(len(row) != len(matrix[0]) for row in matrix):
        raise ValueError(f"panel {name!r} needs a non-empty rectangular matrix")
    pads = (int(pad), int(pad)) if isinstance(pad, int) else (int(pad[0]), int(pad[1]))
    if min(pads) < 0:
        raise ValueError(f"panel {name!r}: padding cannot be negative")
    box: Window | None = None
    if window is not None:
        top, left, height, width = (int(v) for v in window)
        rows = len(matrix) + 2 * pads[0]
        cols = len(matrix[0]) + 2 * pads[1]
        # A window reaching past the grid is cut to it (the figure only shows the grid).
        top, left = max(top, 0), max(left, 0)
        height, width = min(height, rows - top), min(width, cols - left)
        box = (top, left, height, width) if height > 0 and width > 0 else None
    return Panel(str(name), matrix, pads, pad_value, box, bool(kernel))


def figure(rows: Iterable[Iterable[Panel]] | Iterable[Panel], caption: str = "") -> Figure:
    """A :class:`Figure` from a list of rows, or from one row given as a flat list of panels."""
    items = list(rows)
    if items and isinstance(items[0], Panel):
        items = [items]
    built = tuple(tuple(row) for row in items)
    if not built or not all(built):
        raise ValueError("a figure needs at least one panel in every row")
    return Figure(built, str(caption))


# ---- cell labels ----------------------------------------------------------------------

def plain_label(value: Any) -> str:
    """A cell's value as plain text: ``-3``, ``7/4``, ``-∞`` for None."""
    if value is None:
        return "\u2212\u221e"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def latex_label(value: Any) -> str:
    """A cell's value as LaTeX math source."""
    if value is None:
        return r"-\infty"
    if isinstance(value, Fraction) and value.denominator != 1:
        sign = "-" if value < 0 else ""
        return rf"{sign}\tfrac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    return plain_label(value).replace("\u2212\u221e", r"-\infty")


def _blank(value: Any) -> bool:
    return isinstance(value, str) and value == ""


def _label(value: Any, label: Callable[[Any], str], fallback: Callable[[Any], str]) -> str:
    """``label(value)``; None (minus infinity) always by ``fallback``, a blank cell as ""."""
    if value is None:
        return fallback(None)
    return "" if _blank(value) else label(value)


# ---- SVG ------------------------------------------------------------------------------

_CELL_H = 26
_NAME_H = 20
_GAP_X = 34
_GAP_Y = 14
_MARGIN = 6


def _svg_cell_width(p: Panel, label: Callable[[Any], str]) -> int:
    longest = max((len(_label(v, label, plain_label)) for row in p.cells() for v, _ in row), default=1)
    return max(_CELL_H, 8 * longest + 12)


def svg(fig: Figure, *, standalone: bool = False, label: Callable[[Any], str] = plain_label) -> str:
    """The figure as SVG: an inline ``<svg>`` element for HTML5, or with ``standalone`` a
    document of its own (with its XML namespace) for an image file or a data URI.

    Each panel is a ``<g class="panel">`` holding its name (``<text class="name">``), one
    ``<rect>`` per cell inside ``<g class="cells">`` (``cells pad`` for padding, ``cells kernel``
    for a kernel), one ``<rect class="window">`` per outlined window, and one ``<text>`` per
    value inside ``<g class="values">``. Shared attributes sit on the groups, which keeps the
    SVG small enough for a data URI.
    """
    esc = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    parts: list[str] = []
    y = _MARGIN
    width = 0
    for row in fig.rows:
        x = _MARGIN
        row_h = 0
        for p in row:
            cw = _svg_cell_width(p, label)
            rows, cols = p.shape
            cells: dict[bool, list[str]] = {False: [], True: []}
            texts: dict[bool, list[str]] = {False: [], True: []}
            top = y + _NAME_H
            for r, line in enumerate(p.cells()):
                for c, (value, is_pad) in enumerate(line):
                    cx, cy = x + c * cw, top + r * _CELL_H
                    cells[is_pad].append(f'<rect x="{cx}" y="{cy}" width="{cw}" height="{_CELL_H}"/>')
                    text = _label(value, label, plain_label)
                    if text:
                        texts[is_pad].append(f'<text x="{cx + cw / 2:g}" y="{cy + _CELL_H / 2 + 4.5:g}">'
                                             f'{esc(text)}</text>')
            body = [f'<text class="name" x="{x}" y="{y + _NAME_H - 6}" font-weight="bold">{esc(p.name)}</text>']
            own = ("cells kernel", HIGHLIGHT_FILL) if p.kernel else ("cells", "#ffffff")
            for is_pad, (cls, fill) in ((False, own), (True, ("cells pad", PAD_FILL))):
                if cells[is_pad]:
                    body.append(f'<g class="{cls}" fill="{fill}" stroke="{GRID_STROKE}">{"".join(cells[is_pad])}</g>')
            if p.window is not None:
                wt, wl, wh, ww = p.window
                body.append(f'<rect class="window" x="{x + wl * cw}" y="{top + wt * _CELL_H}" width="{ww * cw}" '
                            f'height="{wh * _CELL_H}" fill="{HIGHLIGHT}" fill-opacity="0.14" stroke="{HIGHLIGHT}" '
                            f'stroke-width="3"/>')
            for is_pad, (cls, colour) in ((False, ("values", "#111111")), (True, ("values pad", "#777777"))):
                if texts[is_pad]:
                    body.append(f'<g class="{cls}" text-anchor="middle" fill="{colour}">{"".join(texts[is_pad])}</g>')
            parts.append(f'<g class="panel">{"".join(body)}</g>')
            x += cols * cw + _GAP_X
            row_h = max(row_h, _NAME_H + rows * _CELL_H)
        width = max(width, x - _GAP_X + _MARGIN)
        y += row_h + _GAP_Y
    height = y - _GAP_Y + _MARGIN
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    head = (f'<svg{ns} class="figure" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="{esc(fig.caption)}" font-family="DejaVu Sans, Arial, sans-serif" '
            f'font-size="13" fill="#111111">')
    title = f"<title>{esc(fig.caption)}</title>" if fig.caption else ""
    return head + title + "".join(parts) + "</svg>"


# ---- TikZ -----------------------------------------------------------------------------

def _tex_name(name: str) -> str:
    """A panel name: math when it reads like one (``X``, ``W[0, 1]``), text otherwise."""
    if re.fullmatch(r"[A-Za-z](_\{?[A-Za-z0-9]+\}?)?(\[[0-9, ]*\])?", name):
        return f"${name}$"
    return latex_escape(name)


def _fmt(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def tikz(fig: Figure, *, label: Callable[[Any], str] = latex_label,
         plain: Callable[[Any], str] = plain_label) -> str:
    """The figure as a ``tikzpicture`` (needs ``\\usepackage{tikz}``); ``label`` gives each
    value's math source, ``plain`` its plain text (used only to size the cells).

    The picture has no blank line, so it may stand inside display math (``\\[ ... \\]``),
    which centres it; node text is typeset in text mode either way.
    """
    lines = [r"\begin{tikzpicture}[x=0.56cm, y=0.56cm, every node/.style={font=\small}]"]
    y = 0.0
    for row in fig.rows:
        x = 0.0
        row_h = 0.0
        for p in row:
            longest = max((len(_label(v, plain, plain_label)) for line in p.cells() for v, _ in line), default=1)
            cw = max(1.0, 0.3 * longest + 0.6)
            rows, cols = p.shape
            lines.append(rf"\node[anchor=south west, inner sep=1pt] at ({_fmt(x)}, {_fmt(y + 0.05)}) "
                         rf"{{{_tex_name(p.name)}}};")
            for r, line in enumerate(p.cells()):
                for c, (value, is_pad) in enumerate(line):
                    x0, y0 = x + c * cw, y - (r + 1)
                    fill = "black!8" if is_pad else ("red!10" if p.kernel else "white")
                    lines.append(rf"\draw[black!45, fill={fill}] ({_fmt(x0)}, {_fmt(y0)}) rectangle "
                                 rf"({_fmt(x0 + cw)}, {_fmt(y0 + 1)});")
            if p.window is not None:
                wt, wl, wh, ww = p.window
                lines.append(rf"\draw[line width=1.6pt, draw=red!75!black, fill=red!30, fill opacity=0.3] "
                             rf"({_fmt(x + wl * cw)}, {_fmt(y - wt)}) rectangle "
                             rf"({_fmt(x + (wl + ww) * cw)}, {_fmt(y - wt - wh)});")
            for r, line in enumerate(p.cells()):
                for c, (value, is_pad) in enumerate(line):
                    if _blank(value):
                        continue
                    source = label(value) if value is not None else latex_label(None)
                    colour = "[black!55]" if is_pad else ""
                    lines.append(rf"\node{colour} at ({_fmt(x + (c + 0.5) * cw)}, {_fmt(y - r - 0.5)}) "
                                 rf"{{${source}$}};")
            x += cols * cw + 1.4
            row_h = max(row_h, rows + 1.0)
        y -= row_h + 0.5
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)
