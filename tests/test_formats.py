"""Format objects: the primitives templates and answer displays call instead of comparing format names."""

import re
from fractions import Fraction

import pytest

from probgen.generator import formats, render


def test_every_output_format_has_an_object_and_unknown_ones_are_refused():
    assert list(formats.FORMATS) == ["md", "tex", "html", "canvas-html"] == list(render.OUTPUT_FORMATS)
    assert formats.SHEET_FORMATS == ("md", "tex", "html")  # Canvas's HTML is read by its export only
    assert all(formats.get(name).name == name for name in formats.FORMATS)
    with pytest.raises(ValueError, match="unknown format 'rtf'"):
        formats.get("rtf")


@pytest.mark.parametrize("name, quoted, code, derivative", [
    ("md", '"same"', "`output_padding`", "dL/dW"),
    ("tex", "``same''", r"\texttt{output\_padding}", r"\partial L / \partial W"),
    ("html", '"same"', "`output_padding`", "dL/dW"),
])
def test_words_code_and_derivative_names(name, quoted, code, derivative):
    fmt = formats.get(name)
    assert fmt.quoted("same") == quoted
    assert fmt.code("output_padding") == code
    assert fmt.derivative("L", "W") == derivative


def test_grids_and_math_per_format():
    rows = ((1, Fraction(-1, 2)), (3, 4))
    assert formats.get("md").grid(rows, "X") == "\n\n    X =\n           1  -1/2\n           3     4\n\n"
    assert formats.get("tex").grid(rows) == "\n\\[ \\begin{bmatrix} 1 & -\\frac{1}{2} \\\\ 3 & 4 \\end{bmatrix} \\]\n"
    html = formats.get("html")
    assert html.grid(rows, "X").strip() == r"$$X = \begin{bmatrix} 1 & -\frac{1}{2} \\ 3 & 4 \end{bmatrix}$$"
    assert html.finish(html.grid(rows)).startswith('<math display="block">')
    assert all(formats.get(n).math("x_1") == "$x_1$" for n in formats.FORMATS)


def test_outside_text_is_escaped_per_format():
    title = "100% <draft> & more_"
    assert formats.get("md").escape(title) == r"100% &lt;draft&gt; &amp; more\_"
    assert formats.get("tex").escape(title) == r"100\% <draft> \& more\_"
    assert formats.get("html").escape(title) == "100% &lt;draft&gt; &amp; more_"


@pytest.mark.parametrize("hostile, shown", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))"),
    ("Ann\n\n# Injected\n\n<b>x</b>", r"Ann \# Injected &lt;b&gt;x&lt;/b&gt;"),
    ("*bold* `code` $x$ ~~s~~ a|b", r"\*bold\* \`code\` \$x\$ \~\~s\~\~ a\|b"),
])
def test_markdown_escapes_roster_names_and_titles(hostile, shown):
    escaped = formats.get("md").escape(hostile)
    assert escaped == shown
    assert "<" not in escaped and "\n" not in escaped


def test_latex_escape_keeps_a_title_on_one_line():
    assert formats.get("tex").escape("Week 3\n\n\\input{/etc/passwd}") == r"Week 3 \textbackslash{}input\{/etc/passwd\}"


def test_display_math_is_finished_per_format():
    block = "Then\n\n$$y = 1$$\n"
    assert formats.get("md").finish(block) == block
    assert formats.get("tex").finish(block) == "Then\n\n\\[y = 1\\]\n"
    assert "<math" in formats.get("html").finish(block) and "$" not in formats.get("html").finish(block)


@pytest.mark.parametrize("name", list(formats.FORMATS))
def test_shown_answers_go_through_the_format_primitives(name):
    fmt = formats.get(name)
    assert render.show_answer(fmt, "shape", (3,)) == fmt.finish("$(3,)$")
    assert render.show_answer(fmt, "number", Fraction(7, 4)) == fmt.finish(r"$\frac{7}{4}$")
    assert render.show_answer(fmt, "matrix", ((1, 2),)) == fmt.finish(fmt.grid(((1, 2),)))
    tensor = (((1,),), ((2,),))
    assert render.show_answer(fmt, "tensor", tensor) == fmt.finish(fmt.grid(((1,),), "[0]") + fmt.grid(((2,),), "[1]"))
    assert render.show_answer(fmt, "choice", "B", {"choices": ["one", "two"]}) == fmt.finish("(B) two")


def test_no_template_compares_the_format_to_a_name():
    for path in render.TEMPLATE_DIR.rglob("*.j2"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"fmt\s*[!=]=", source), f"{path.name} compares fmt to a name; call a fmt primitive"


def test_canvas_html_writes_math_as_canvas_equation_images():
    fmt = formats.get("canvas-html")
    text = fmt.finish("Let $x_{1} < 2$ here.\n\n$$A = 1$$")
    assert "<math" not in text
    assert ('<img class="equation_image" title="x_{1} &lt; 2" src="/equation_images/x_%257B1%257D%2520%253C%25202" '
            'alt="LaTeX: x_{1} &lt; 2" data-equation-content="x_{1} &lt; 2"/>') in text
    assert '<p class="equation"><img class="equation_image" title="A = 1"' in text
    assert fmt.inline("**B** $y$") == ('<strong>B</strong> <img class="equation_image" title="y" '
                                      'src="/equation_images/y" alt="LaTeX: y" data-equation-content="y"/>')
