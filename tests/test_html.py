"""HTML output: the dialect converted to HTML with MathML, and self-contained sheets."""

from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest

from probgen.generator import html as dialect
from probgen.generator import instances, registry, render, worksheet

KINDS = registry.latest_kinds() if hasattr(registry, "latest_kinds") else registry.all_kinds()


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def tags_of(page):
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


def well_formed(fragment):
    ET.fromstring("<div>" + fragment + "</div>")


# ---- the dialect ----------------------------------------------------------------------


def test_paragraphs_emphasis_code_and_escaping():
    out = dialect.convert("A **bold** and *light* word, `code <x>` and 3 < 4 & 5.\nSame paragraph.\n\n"
                          "<script>alert(1)</script>")
    assert out == ("<p>A <strong>bold</strong> and <em>light</em> word, <code>code &lt;x&gt;</code> "
                   "and 3 &lt; 4 &amp; 5.\nSame paragraph.</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    well_formed(out)


def test_lists_headings_and_indented_code():
    out = dialect.convert("# Title\n\nIntro:\n\n- one $x$\n- two\n\n1. first\n2. second\n\n"
                          "    X =\n        1  2\n        3  4\n\nAfter.")
    assert "<h1>Title</h1>" in out
    assert re.search(r"<ul><li>one <math display=\"inline\">.*?</math></li><li>two</li></ul>", out)
    assert "<ol><li>first</li><li>second</li></ol>" in out
    assert "<pre><code>X =\n    1  2\n    3  4</code></pre>" in out
    assert out.endswith("<p>After.</p>")
    well_formed(out)


def test_inline_and_display_math_become_mathml():
    out = dialect.convert(r"Here $W' = \left\lfloor \frac{W + 2p - k}{s} \right\rfloor + 1$ and"
                          "\n\n$$Y = \\begin{bmatrix} 1 & -2 \\\\ 3 & 4 \\end{bmatrix}$$")
    maths = re.findall(r"<math.*?</math>", out, flags=re.S)
    assert len(maths) == 2
    assert maths[0].startswith('<math display="inline">') and "<mfrac>" in maths[0]
    assert maths[1].startswith('<math display="block">') and "<mtable>" in maths[1]
    assert "xmlns" not in out and "$" not in out
    # A display formula standing alone is not wrapped in a paragraph.
    assert out.rstrip().endswith("</math>") and not out.rstrip().endswith("</p>")
    for m in maths:
        ET.fromstring(m)


def test_aligned_becomes_a_table_not_stray_ampersands():
    out = dialect.math(r"\begin{aligned} y_{1} &= 1 \cdot 2 \\ &\quad + 3 \\ &= 5 \end{aligned}", display=True)
    root = ET.fromstring(out)
    assert root.find(".//mtable") is not None
    assert len(root.findall(".//mtr")) == 3
    assert "&amp;" not in out and "<mi>&" not in out


def test_constructs_the_templates_use_all_convert():
    for source in (r"\left\lfloor \frac{5 + 2 \cdot 0 - 3}{1} \right\rfloor + 1", r"\partial L / \partial Y",
                   r"\max\{-2, 1\} = -\infty", r"C_{in} \times H", r"\frac{\partial L}{\partial k_{1}}",
                   r"(H', W') = \left(3, 4\right)", r"k_{1} x_{1} + k_{2} x_{2}", r"a, \qquad b"):
        out = dialect.math(source)
        assert out.startswith("<math") and "tex-fallback" not in out, source
        ET.fromstring(out)


def test_a_formula_the_converter_cannot_read_shows_its_source(monkeypatch):
    import latex2mathml.converter

    def broken(*args, **kwargs):
        raise ValueError("nope")

    dialect.math.cache_clear()
    monkeypatch.setattr(latex2mathml.converter, "convert", broken)
    try:
        out = dialect.convert(r"Then $a < \frac{1}{2}$ holds.")
    finally:
        dialect.math.cache_clear()
    assert '<span class="tex-fallback"><code>a &lt; \\frac{1}{2}</code></span>' in out
    well_formed(out)


def test_raw_html_passes_through_as_a_block():
    out = dialect.convert("Before\n" + dialect.raw("<figure><svg><rect/></svg></figure>") + "\nafter.")
    assert out == "<p>Before</p>\n<figure><svg><rect/></svg></figure>\n<p>after.</p>"


def test_inline_conversion_has_no_paragraph():
    assert dialect.inline("The output shape $(H', W')$.").startswith("The output shape <math")
    assert dialect.inline("a <b>") == "a &lt;b&gt;"


# ---- every kind -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=[k.id for k in KINDS])
def test_every_kind_renders_to_html_without_fallback(kind):
    for difficulty in ("easy", "medium", "hard"):
        for seed in range(3):
            inst = instances.sample(kind, seed, difficulty)
            for block in (worksheet.statement(inst, "html"), worksheet.solution(inst, "html")):
                assert "tex-fallback" not in block, (inst.id, re.findall(r"tex-fallback.{0,200}", block))
                assert "$" not in block and "{{" not in block and "None" not in block
                assert "\x02" not in block and "\ue000" not in block
                well_formed(block)
                assert "<math" in block or kind.id.startswith("concepts.")


# ---- sheets ---------------------------------------------------------------------------


def sheet(topics=("pooling", "conv2d"), n=8, seed=5, title="Week 3 <draft> & more"):
    kinds = [k for t in topics for k in registry.of_topic(t)]
    from probgen.generator.worksheet import build

    return build(kinds, n, seed, title=title)


@pytest.mark.parametrize("solutions", [False, True])
def test_sheet_is_one_self_contained_page(solutions):
    page = worksheet.render_sheet(sheet(), "html", solutions=solutions)
    assert page.lower().startswith("<!doctype html>")
    parsed = tags_of(page)
    names = [t for t, _ in parsed.tags]
    assert ("meta", {"charset": "utf-8"}) in parsed.tags
    head = tags_of(page.split("</head>")[0])
    assert [t for t, _ in head.tags].count("title") == 1 and names.count("style") == 1
    assert "script" not in names and "link" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in parsed.tags:
        for key, value in attrs.items():
            assert not (key in ("src", "href") or key.startswith("on")), (tag, key, value)
    # No URL at all, not even namespaces (inline <svg> and <math> need none in HTML5).
    assert "http" not in page and "url(" not in page and "@import" not in page
    # The title from outside the templates is escaped.
    assert "<title>Week 3 &lt;draft&gt; &amp; more" in page
    assert "<h1>Week 3 &lt;draft&gt; &amp; more" in page
    # Math as MathML, figures as inline SVG with the window outlined.
    maths = re.findall(r"<math\b.*?</math>", page, flags=re.S)
    assert len(maths) > 20
    for m in maths:
        ET.fromstring(m)
    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(svgs) >= 4
    for s in svgs:
        assert 'class="window"' in ET.tostring(ET.fromstring(s), encoding="unicode")
    assert names.count("section") == 8
    assert ("div", {"class": "solution"}) in parsed.tags if solutions else ("div", {"class": "solution"}) not in parsed.tags
    # The page is XHTML-clean too, apart from the doctype and the void <meta> elements.
    body = re.sub(r"<meta [^>]*>", "", page.split("\n", 1)[1])
    ET.fromstring(body)


def test_solutions_show_the_answers():
    s = sheet(topics=("pooling",), n=5, seed=1)
    page = worksheet.render_sheet(s, "html", solutions=True)
    answers = re.findall(r'<dl class="answers">(.*?)</dl>', page, flags=re.S)
    assert len(answers) == 5
    for block, inst in zip(answers, s.instances):
        assert block.count("<dt>") == len(inst.parts)
        assert "<math" in block
    # A prompt with math becomes MathML, not $...$.
    assert "The output shape <math" in page


def test_choices_are_listed():
    s = sheet(topics=("concepts",), n=2, seed=3)
    page = worksheet.render_sheet(s, "html", solutions=False)
    assert page.count('<ul class="choices">') == 2
    assert "(A)</span>" in page and "(D)</span>" in page


def test_html_is_an_output_format():
    assert "html" in render.OUTPUT_FORMATS
    with pytest.raises(ValueError):
        render.environment("rtf")


# ---- a real browser, where one is installed -------------------------------------------

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                 if os.access(p, os.X_OK)), None)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (the screenshot check is optional)")
def test_headless_chromium_renders_the_sheet(tmp_path):
    page = worksheet.render_sheet(sheet(n=4), "html", solutions=True)
    path = tmp_path / "sheet.html"
    path.write_text(page, encoding="utf-8")
    png = tmp_path / "shot.png"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1000,1400",
               path.as_uri()]
    subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert png.is_file(), "Chromium wrote no screenshot"
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000       # far more than a blank page
    import zlib

    # Decode enough of the PNG to see it is not one flat colour.
    chunks, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    assert len(set(raw[: 200_000])) > 8
