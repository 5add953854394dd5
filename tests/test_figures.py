"""Per-instance figures: the input grid with a window outlined, the kernel beside it.

SVG (HTML, and Markdown through a data URI) and TikZ (LaTeX; test_pdf.py compiles it).
"""

from __future__ import annotations

import base64
import re
from fractions import Fraction
from xml.etree import ElementTree as ET

import pytest

from probgen.generator import figures, instances, registry, worksheet

SVG_NS = "{http://www.w3.org/2000/svg}"
FIGURE_KINDS = ["pooling.max-values", "pooling.avg-values", "pooling.max-backward", "pooling.avg-backward",
                "conv2d.single-channel", "conv2d.multi-channel"]
DIFFICULTIES = ("easy", "medium", "hard")


def parse(svg_text):
    """The SVG as an element tree, with the namespace taken off the tags."""
    root = ET.fromstring(svg_text)
    for el in root.iter():
        el.tag = el.tag.replace(SVG_NS, "")
    return root


def rects(root, cls):
    """The window rects (``cls="window"``), or the cell rects of groups of class ``cells``,
    ``pad`` or ``kernel``, in document order."""
    if cls == "window":
        return [r for r in root.iter("rect") if r.get("class") == "window"]
    group = "cells" if cls == "cell" else cls
    return [r for g in root.iter("g") if "cells" in g.get("class", "").split() and group in g.get("class").split()
            for r in g.iter("rect")]


def values(root):
    return [t.text for g in root.iter("g") if "values" in g.get("class", "").split() for t in g.iter("text")]


def conv_figure():
    X = [[1, -2, 3, 0], [4, 5, -6, 7], [8, 9, 10, 11]]
    K = [[1, 0], [Fraction(-1, 2), 2]]
    return figures.figure([figures.panel("X", X, pad=1, window=(0, 0, 2, 2)),
                           figures.panel("K", K, kernel=True)], caption="X & <K>")


def test_svg_has_a_rect_per_cell_the_window_and_the_values():
    root = parse(figures.svg(conv_figure(), standalone=True))
    assert root.tag == "svg"
    cells = rects(root, "cell")
    assert len(cells) == 5 * 6 + 2 * 2                       # padded X, then K
    assert len(rects(root, "pad")) == 5 * 6 - 3 * 4
    assert len(rects(root, "kernel")) == 4
    windows = rects(root, "window")
    assert len(windows) == 1
    assert len(list(root.iter("rect"))) == len(cells) + 1    # nothing else is a rect
    texts = values(root)
    for v in ("1", "-2", "11", "-1/2", "2"):
        assert v in texts
    assert texts.count("0") == (5 * 6 - 3 * 4) + 1 + 1          # padding zeros, X[0][3], K[0][1]
    names = [t.text for t in root.iter("text") if t.get("class") == "name"]
    assert names == ["X", "K"]
    assert root.find("title").text == "X & <K>"


def first_panel_box(root):
    """(left, top, cell width, cell height) of the first panel's grid."""
    panel = next(g for g in root.iter("g") if g.get("class") == "panel")
    cells = rects(panel, "cell")
    return (min(float(r.get("x")) for r in cells), min(float(r.get("y")) for r in cells),
            float(cells[0].get("width")), float(cells[0].get("height")))


def test_the_window_covers_the_cells_it_names():
    root = parse(figures.svg(conv_figure(), standalone=True))
    left, top, cw, ch = first_panel_box(root)
    w = rects(root, "window")[0]
    assert [float(w.get(k)) for k in ("x", "y", "width", "height")] == [left, top, 2 * cw, 2 * ch]
    # Shifted windows land where their cells are.
    fig = figures.figure([figures.panel("X", [[1, 2, 3], [4, 5, 6], [7, 8, 9]], window=(1, 2, 2, 1))])
    root = parse(figures.svg(fig))
    left, top, cw, ch = first_panel_box(root)
    w = rects(root, "window")[0]
    assert [float(w.get(k)) for k in ("x", "y", "width", "height")] == [left + 2 * cw, top + ch, cw, 2 * ch]


def test_inline_svg_names_no_namespace_and_standalone_does():
    inline = figures.svg(conv_figure())
    assert inline.startswith("<svg ") and "xmlns" not in inline and "http" not in inline
    ET.fromstring(inline)                                   # well-formed on its own too
    standalone = figures.svg(conv_figure(), standalone=True)
    assert 'xmlns="http://www.w3.org/2000/svg"' in standalone
    assert "X &amp; &lt;K&gt;" in standalone                # the caption is escaped


def test_minus_infinity_padding_and_blank_cells():
    fig = figures.figure([figures.panel("X", [[1, 2], [3, 4]], pad=1, pad_value=None, window=(0, 0, 2, 2)),
                          figures.panel("max", [[""] * 2] * 2, kernel=True)])
    root = parse(figures.svg(fig, standalone=True))
    texts = values(root)
    assert texts.count("\u2212\u221e") == 12 and len(texts) == 16      # blank kernel cells have no text
    tikz = figures.tikz(fig)
    assert tikz.count(r"{$-\infty$}") == 12
    assert tikz.count(r"\node") == 2 + 16                    # two names, sixteen values


def test_a_window_past_the_grid_is_cut_to_it():
    p = figures.panel("X", [[1, 2, 3]], window=(-1, 1, 3, 5))
    assert p.window == (0, 1, 1, 2)
    with pytest.raises(ValueError):
        figures.panel("X", [[1, 2], [3]])
    with pytest.raises(ValueError):
        figures.figure([])


def test_tikz_draws_every_cell_and_the_window_and_has_no_blank_line():
    tikz = figures.tikz(conv_figure())
    assert tikz.startswith(r"\begin{tikzpicture}") and tikz.endswith(r"\end{tikzpicture}")
    assert "\n\n" not in tikz
    assert tikz.count("rectangle") == 5 * 6 + 2 * 2 + 1
    assert tikz.count("line width=1.6pt") == 1
    assert r"{$-\tfrac{1}{2}$}" in tikz
    assert tikz.count("{") == tikz.count("}")
    for ch in "%#_&":
        assert ch not in tikz


@pytest.mark.parametrize("kind_id", FIGURE_KINDS)
def test_kinds_draw_their_figure_in_every_format(kind_id):
    kind = registry.find(kind_id)
    for difficulty in DIFFICULTIES:
        for seed in range(4):
            inst = instances.sample(kind, seed, difficulty)
            steps = inst.steps()
            # HTML: inline <svg>, with the outlined window.
            page = worksheet.statement(inst, "html")
            svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
            assert len(svgs) == 1, inst.id
            root = parse(svgs[0])
            channels = steps["C"] if kind_id.endswith("multi-channel") else 1
            assert len(rects(root, "window")) == (2 if "backward" in kind_id else channels)
            # The input's entries are all drawn.
            drawn = values(root)
            grids = steps["X"] if kind_id.endswith("multi-channel") else [steps["X"]]
            assert len(drawn) >= sum(len(g) * len(g[0]) for g in grids)
            # Markdown: the same figure as an image with a data URI, at the end of the statement.
            md = worksheet.statement(inst, "md")
            m = re.search(r"!\[([^\n]*?)\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)\s*$", md)
            assert m, md[-300:]
            assert "outlined" in m.group(1)
            md_root = parse(base64.b64decode(m.group(2)).decode("utf-8"))
            assert len(rects(md_root, "cell")) == len(rects(root, "cell"))
            # LaTeX: a TikZ picture standing as display math.
            tex = worksheet.statement(inst, "tex")
            assert re.search(r"\\\[\n\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}\n\\\]", tex, flags=re.S)


def test_the_first_window_is_outlined_where_the_padding_starts():
    kind = registry.find("conv2d.single-channel")
    inst = instances.from_params(kind, {"X": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 0], [0, -1]],
                                        "padding": 1, "stride": 2})
    root = parse(re.search(r"<svg.*?</svg>", worksheet.statement(inst, "html"), flags=re.S).group(0))
    left, top, cw, ch = first_panel_box(root)
    pads = rects(root, "pad")
    assert len(pads) == 5 * 5 - 3 * 3
    assert any(float(r.get("x")) == left and float(r.get("y")) == top for r in pads)   # the corner is padding
    w = rects(root, "window")[0]
    assert [float(w.get(k)) for k in ("x", "y", "width", "height")] == [left, top, 2 * cw, 2 * ch]


def test_figures_do_not_change_keys():
    # Keys come from the kinds alone; rendering with figures leaves them as they were.
    from probgen.generator import keyfile

    kind = registry.find("pooling.max-values")
    inst = instances.sample(kind, 7)
    before = keyfile.key_problem(inst)
    for fmt in ("md", "tex", "html"):
        worksheet.statement(inst, fmt)
    assert keyfile.key_problem(inst) == before
