"""Every notation of issue 4, per answer type, written right and written wrong.

One table per answer type: (notation, a right answer in it, a wrong answer in it, what the
feedback on the wrong one must say). A right answer scores the part's points; the same
notation with a wrong value scores less and the feedback names the mistake; an answer that
cannot be read at all scores zero with a message saying how to write it (never a silent 0).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from probgen.grader.compare import grade_part

SYMBOLS = ["x1", "x2", "x3", "k1", "k2", "k3", "g1"]


def part(kind, answer, points=2, **options):
    entry = {"label": "a", "type": kind, "answer": answer, "points": points}
    if options:
        entry["options"] = options
    return entry


KEYS = {
    "7/4": part("number", "7/4"),
    "-3": part("integer", -3),
    "7": part("integer", 7),
    "big": part("integer", 99883155456),
    "shape": part("shape", [32, 126, 126]),
    "shape1": part("shape", [32]),
    "vector": part("vector", [3, "7/4", -1], points=3),
    "matrix": part("matrix", [[3, 4], [6, 7]], points=4),
    "matrix-mixed": part("matrix", [["7/4", 99883155456], [-3, 7]], points=4),
    "tensor": part("tensor", [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], points=8),
    "expr": part("expression", "k1*x1 + k2*x2", symbols=SYMBOLS),
    "expr-minus": part("expression", "k1*x1 - k2*x2", symbols=SYMBOLS),
    "expr-power": part("expression", "k1**2*x1 - 3*x2", symbols=SYMBOLS),
    "expr-vector": part("expression-vector", ["k1*x1 + k2*x2", "k1*x2"], symbols=SYMBOLS),
    "expr-matrix": part("expression-matrix", [["k1", "0"], ["k2", "k1"]], points=4, symbols=["k1", "k2"]),
    "choice": part("choice", "B", choices=["The kernel is flipped.", "The same weights slide over every position.",
                                           "Pooling.", "Padding."]),
}

# (key, notation, right answer, wrong answer in the same notation, words the wrong answer's feedback holds)
TABLE = [
    # ---- numbers
    ("7/4", "fraction", "7/4", "7/5", "Not correct"),
    ("7/4", "decimal", "1.75", "1.76", "Not correct"),
    ("7/4", "LaTeX \\frac", "\\frac{7}{4}", "\\frac{7}{5}", "Not correct"),
    ("7/4", "LaTeX \\frac without braces", "\\frac74", "\\frac75", "Not correct"),
    ("7/4", "LaTeX \\dfrac in $...$", "$\\dfrac{7}{4}$", "$\\dfrac{4}{7}$", "Not correct"),
    ("7/4", "JSON number", 1.75, 1.7, "Not correct"),
    ("7/4", "JSON decimal (as a submission file reads it)", Decimal("1.750"), Decimal("1.705"), "Not correct"),
    ("7/4", "arithmetic", "1 + 3/4", "1 + 4/3", "Not correct"),
    ("-3", "minus", "-3", "3", "Not correct"),
    ("-3", "unicode minus", "\u22123", "\u22124", "Not correct"),
    ("-3", "minus in a fraction", "-6/2", "-6/3", "Not correct"),
    ("-3", "JSON integer", -3, -4, "Not correct"),
    ("7", "explicit plus", "+7", "+8", "Not correct"),
    ("7", "trailing .0", "7.0", "7.5", "the answer is a whole number"),
    ("7", "scientific", "7e0", "7.1e0", "the answer is a whole number"),
    ("7", "JSON float", 7.0, 8.0, "Not correct"),
    ("big", "plain", "99883155456", "99883155465", "Not correct"),
    ("big", "exact scientific", "9.9883155456e10", "9.9883155457e10", "Not correct"),
    ("big", "scientific with E+", "9.9883155456E+10", "9.9883155456E+11", "Not correct"),
    ("big", "commas", "99,883,155,456", "99,883,155,457", "Not correct"),
    ("big", "spaces", "99 883 155 456", "99 883 155 457", "Not correct"),
    ("big", "thin spaces", "99\u202f883\u202f155\u202f456", "99\u202f883\u202f155\u202f457", "Not correct"),
    ("big", "underscores", "99_883_155_456", "99_883_155_457", "Not correct"),
    ("big", "apostrophes", "99'883'155'456", "99'883'155'457", "Not correct"),
    ("big", "\\times 10^{}", "9.9883155456 \\times 10^{10}", "9.9883155456 \\times 10^{9}", "Not correct"),
    ("big", "× 10^", "9.9883155456 × 10^10", "9.9883155457 × 10^10", "Not correct"),
    ("big", "* 10**", "9.9883155456*10**10", "9.9883155456*10**11", "Not correct"),
    ("big", "arithmetic", "99883155456 * 1", "99883155456 * 2", "Not correct"),
    # ---- shapes
    ("shape", "tuple", "(32, 126, 126)", "(32, 126, 127)", "dimension 3 is wrong"),
    ("shape", "list", "[32,126,126]", "[32,124,124]", "dimensions 2, 3 are wrong"),
    ("shape", "JSON list", [32, 126, 126], [126, 126, 32], "wrong order"),
    ("shape", "x", "32x126x126", "126x126", "left out the dimension of size 32"),
    ("shape", "×", "32 × 126 × 126", "32 × 126", "left out the dimension of size 126"),
    ("shape", "\\times", "32 \\times 126 \\times 126", "32 \\times 126 \\times 126 \\times 1", "has 3 dimensions"),
    ("shape", "by", "32 by 126 by 126", "32 by 128 by 128", "are wrong"),
    ("shape1", "one-tuple", "(32,)", "(33,)", "dimension 1 is wrong"),
    ("shape1", "bare number", "32", "(32, 1)", "has 1 dimension"),
    # ---- vectors
    ("vector", "JSON list", [3, "7/4", -1], [3, "7/4", 1], "2 of 3 entries right; wrong entry: 3"),
    ("vector", "brackets", "[3, 7/4, -1]", "[3, 7/5, -1]", "wrong entry: 2"),
    ("vector", "parentheses", "(3, 1.75, \u22121)", "(3, 1.75)", "expected a vector of 3 entries"),
    ("vector", "spaces", "[3 \\frac{7}{4} -1]", "[4 \\frac{7}{4} -1]", "wrong entry: 1"),
    ("vector", "column", "[3; 1.75; -1]", "[3; 1.75; -1; 0]", "expected a vector of 3 entries, got 4x1"),
    ("vector", "bmatrix column", "\\begin{bmatrix}3\\\\ 7/4\\\\ -1\\end{bmatrix}",
     "\\begin{bmatrix}3\\\\ 4/7\\\\ -1\\end{bmatrix}", "wrong entry: 2"),
    # ---- matrices
    ("matrix", "JSON lists", [[3, 4], [6, 7]], [[3, 4], [6, 8]], "3 of 4 entries right; wrong entry (row, column, counting from 0): (1, 1)"),
    ("matrix", "nested brackets", "[[3,4],[6,7]]", "[[4,3],[6,7]]", "wrong entries (row, column, counting from 0): (0, 0), (0, 1)"),
    ("matrix", "MATLAB", "[3 4; 6 7]", "[3 4; 7 6]", "2 of 4 entries right"),
    ("matrix", "MATLAB with commas", "[3, 4; 6, 7]", "[3, 4, 5; 6, 7, 8]", "expected a 2x2 matrix, got 2x3"),
    ("matrix", "bmatrix", "\\begin{bmatrix}3 & 4\\\\ 6 & 7\\end{bmatrix}",
     "\\begin{bmatrix}3 & 4\\\\ 6 & 0\\end{bmatrix}", "wrong entry (row, column, counting from 0): (1, 1)"),
    ("matrix", "pmatrix in $$", "$$\\begin{pmatrix} 3 & 4 \\\\ 6 & 7 \\end{pmatrix}$$",
     "$$\\begin{pmatrix} 3 & 4 & 0 \\end{pmatrix}$$", "expected a 2x2 matrix, got 1x3"),
    ("matrix", "rows of text", ["3 4", "6 7"], ["3 4", "6 9"], "wrong entry (row, column, counting from 0): (1, 1)"),
    ("matrix", "tuples", "((3, 4), (6, 7))", "((3, 4), (6, 7), (0, 0))", "expected a 2x2 matrix, got 3x2"),
    ("matrix-mixed", "entries in every number notation",
     "[[\\frac{7}{4}, 9.9883155456e10], [\u22123, +7]]", "[[\\frac{7}{4}, 9.9883155456e9], [\u22123, +7]]",
     "wrong entry (row, column, counting from 0): (0, 1)"),
    ("matrix-mixed", "JSON strings with digit groups", [["1.75", "99,883,155,456"], ["-3", "7.0"]],
     [["1.75", "99,883,155,465"], ["-3", "7.0"]], "wrong entry (row, column, counting from 0): (0, 1)"),
    ("matrix-mixed", "space groups and \\times 10", [["7/4", "99 883 155 456"], ["-3", "7"]],
     [["7/4", "9.9883155456 \\times 10^{11}"], ["-3", "7"]], "wrong entry (row, column, counting from 0): (0, 1)"),
    ("matrix-mixed", "underscores in MATLAB", "[1.75 99_883_155_456; -3 7]", "[1.75 99_883_155_456; 3 7]",
     "wrong entry (row, column, counting from 0): (1, 0)"),
    ("matrix-mixed", "JSON quoted in text", '[["7/4", "99,883,155,456"], ["-3", "7"]]',
     '[["7/4", "99,883,155,456"], ["-3", "-7"]]', "wrong entry (row, column, counting from 0): (1, 1)"),
    # ---- tensors
    ("tensor", "JSON lists", [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], [[[1, 2], [3, 4]], [[5, 6], [7, 9]]],
     "7 of 8 entries right; wrong entry (counting from 0): (1, 1, 1)"),
    ("tensor", "list of MATLAB matrices", "[[1 2; 3 4], [5 6; 7 8]]", "[[1 2; 3 4]]", "expected a 2x2x2 tensor, got 1x2x2"),
    ("tensor", "text", "[[[1,2],[3,4]],[[5,6],[7,8]]]", "[1,2,3,4,5,6,7,8]",
     "expected a 2x2x2 tensor, got a list of 8 entries"),
    # ---- expressions
    ("expr", "explicit *", "k1*x1 + k2*x2", "k1*x2 + k2*x1", "Not correct"),
    ("expr", "juxtaposition with spaces", "k1 x1 + k2 x2", "k1 x1 + k2 x1", "Not correct"),
    ("expr", "subscripts", "k_1 x_1 + k_2 x_2", "k_1 x_1 + k_2 x_3", "Not correct"),
    ("expr", "braced subscripts", "k_{1}x_{1} + k_{2}x_{2}", "k_{1}x_{1}", "Not correct"),
    ("expr", "run together", "k1x1+k2x2", "k1x1k2x2", "Not correct"),
    ("expr", "middle dot", "k1·x1 + k2·x2", "k1·x1 · k2·x2", "Not correct"),
    ("expr", "\\cdot", "k_1 \\cdot x_1 + k_2 \\cdot x_2", "k_1 \\cdot x_1 - k_2 \\cdot x_2", "Not correct"),
    ("expr", "parentheses", "(k1)(x1) + k2*(x2)", "(k1 + x1)(k2 + x2)", "Not correct"),
    ("expr", "other order", "x2 k2 + x1 k1", "x2 k1 + x1 k2", "Not correct"),
    ("expr", "in $...$", "$k_1 x_1 + k_2 x_2$", "$k_1 x_1 + 2 k_2 x_2$", "Not correct"),
    ("expr-minus", "unicode minus", "k1 x1 \u2212 k2 x2", "k2 x2 \u2212 k1 x1", "Not correct"),
    ("expr-minus", "ascii minus", "k1*x1 - k2*x2", "k1*x1 + k2*x2", "Not correct"),
    ("expr-power", "**", "k1**2*x1 - 3*x2", "k1**3*x1 - 3*x2", "Not correct"),
    ("expr-power", "^", "k1^2 x1 - 3 x2", "k1^2 x1 - 3^2 x2", "Not correct"),
    ("expr-power", "^{} and \\cdot", "k_1^{2} \\cdot x_1 - 3 \\cdot x_2", "k_1^{2} \\cdot x_1 + 3 \\cdot x_2", "Not correct"),
    ("expr-power", "superscript ²", "k1² x1 − 3x2", "k1² x1 − 2x2", "Not correct"),
    ("expr-power", "expanded differently", "k1 (k1 x1) - (x2 + x2 + x2)", "k1 (k1 + x1) - 3 x2", "Not correct"),
    # ---- expression arrays
    ("expr-vector", "JSON list", ["k1*x1 + k2*x2", "k1*x2"], ["k1*x1 + k2*x2", "k2*x2"], "1 of 2 entries right"),
    ("expr-vector", "brackets", "[k_1 x_1 + k_2 x_2, k_1 x_2]", "[k_1 x_1, k_1 x_2]", "wrong entry: 1"),
    ("expr-vector", "parentheses", "(k1·x1 + k2·x2, k1·x2)", "(k1·x1 + k2·x2, k1·x2, 0)",
     "expected a vector of 2 entries, got a list of 3 entries"),
    ("expr-matrix", "JSON lists", [["k1", "0"], ["k2", "k1"]], [["k1", "0"], ["k1", "k2"]], "2 of 4 entries right"),
    ("expr-matrix", "bmatrix", "\\begin{bmatrix}k_1 & 0\\\\ k_2 & k_1\\end{bmatrix}",
     "\\begin{bmatrix}k_1 & k_2\\\\ 0 & k_1\\end{bmatrix}", "wrong entries (row, column, counting from 0): (0, 1), (1, 0)"),
    ("expr-matrix", "nested brackets", "[[k1, 0], [k2, k1]]", "[[k1, 0, 0], [k2, k1, 0]]",
     "expected a 2x2 matrix, got 2x3"),
    # ---- choices
    ("choice", "letter", "B", "C", "Not correct"),
    ("choice", "lower-case letter", "b", "a", "Not correct"),
    ("choice", "letter in parentheses", "(B)", "(D)", "Not correct"),
    ("choice", "letter with a parenthesis", "b)", "c)", "Not correct"),
    ("choice", "option B", "option B", "option A", "Not correct"),
    ("choice", "the option's text", "the same weights slide over every position", "Pooling", "Not correct"),
]


@pytest.mark.parametrize("key, notation, right, wrong, words", TABLE, ids=[f"{t[0]}: {t[1]}" for t in TABLE])
def test_notation_right_and_wrong(key, notation, right, wrong, words):
    spec = KEYS[key]
    good = grade_part(spec, right)
    assert good.correct and good.score == spec["points"], (notation, right, good.feedback)
    bad = grade_part(spec, wrong)
    assert not bad.correct and bad.score < spec["points"], (notation, wrong, bad.feedback)
    assert words in bad.feedback, (notation, wrong, bad.feedback)


def test_every_answer_type_has_rows():
    types = {KEYS[row[0]]["type"] for row in TABLE}
    assert types == {"integer", "number", "shape", "vector", "matrix", "tensor", "expression",
                     "expression-vector", "expression-matrix", "choice"}


# ---- unreadable: zero, and a message that says how to write it ---------------------------

UNREADABLE = [
    ("7/4", "seven quarters", "write it like 7/4, 1.75"),
    ("7/4", "1,75", "use a point for decimals"),
    ("7/4", "7//4", "write it like 7/4"),
    ("big", "99,88,3155,456", "write it like 7/4, 1.75, -3 or 99,883,155,456"),
    ("big", "9" * 500, "at most 400"),
    ("-3", "\u22123\u0000", "invisible control character"),
    ("shape", "(32; 126; 126", "do not match"),
    ("shape", "32 126 126 x", "write it like (3, 4) or 3x4"),
    ("shape", "(32, 126.5, 126)", "whole numbers"),
    ("vector", "[3, 7/4, -1", "do not match"),
    ("vector", [1, [2, 3]], "mixes single entries and lists"),
    ("matrix", "[[3,4],[6]]", "every row needs the same number of entries"),
    ("matrix", "\\begin{bmatrix}3 & \\\\ 6 & 7\\end{bmatrix}", "empty cell"),
    ("matrix", "three", "write it like [[1, 2], [3, 4]]"),
    ("tensor", "[[[1, 2], [3, 4]], 5]", "write it as nested lists"),
    ("expr", "K1*x1 + k2*x2", "did you mean k1?"),
    ("expr", "k1*y1", "the names allowed are g1, k1, k2, k3, x1, x2, x3 (case matters)"),
    ("expr", "k1 × x1", "use * or ·"),
    ("expr", "sin(x1)", "unknown name 'sin'"),
    ("expr", "k1*(x1 + x2", "never closed"),
    ("expr", "2 3 k1", "put * between them"),
    ("expr", "x1^(1/2)", "exponents must be whole numbers"),
    ("expr-vector", "k1*x1 + k2*x2 k1*x2", "Wrong shape: expected a vector of 2 entries"),
    ("expr-matrix", "[[k1, 0], [k2, k1]] + 1", "write it like"),
    ("choice", "E", "not one of the options; write the letter of one option (A to D)"),
    ("choice", "the first one", "write the letter of one option (A to D) or copy its text"),
]


@pytest.mark.parametrize("key, answer, words", UNREADABLE, ids=[f"{u[0]}: {u[1]!r:.30}" for u in UNREADABLE])
def test_unreadable_answer_says_how_to_write_it(key, answer, words):
    result = grade_part(KEYS[key], answer)
    assert result.score == 0 and not result.correct
    assert words in result.feedback, result.feedback
    assert "internal error" not in result.feedback


# ---- feedback that echoes an answer -------------------------------------------------------

def test_long_echo_is_cut_and_control_characters_are_not_echoed():
    answer = "\u001b[2J\u202e" + "q" * 500
    for key in ("7/4", "shape", "matrix", "expr", "choice"):
        feedback = grade_part(KEYS[key], answer).feedback
        assert "q" * 50 not in feedback and "\u2026" in feedback, (key, feedback)
        assert "\u001b" not in feedback and "\u202e" not in feedback, (key, feedback)
        assert len(feedback) < 400


def test_wrong_shape_names_the_expected_shape_for_every_array_type():
    cases = [("vector", "[1, 2]", "a vector of 3 entries"), ("matrix", "[1, 2, 3, 4]", "a 2x2 matrix"),
             ("tensor", "[[1, 2], [3, 4]]", "a 2x2x2 tensor"), ("expr-vector", "k1", "a vector of 2 entries"),
             ("expr-matrix", "[k1, 0, k2, k1]", "a 2x2 matrix")]
    for key, answer, expected in cases:
        feedback = grade_part(KEYS[key], answer).feedback
        assert feedback.startswith(f"Wrong shape: expected {expected}, got "), feedback


# ---- per-part points, per-entry credit, misconceptions in any notation --------------------

def test_points_are_per_part_and_credit_per_entry():
    assert grade_part(dict(KEYS["matrix"], points=10), "[3 4; 6 0]").score == 7.5
    assert grade_part(dict(KEYS["tensor"], points=4), "[[1 2; 3 4], [5 6; 0 0]]").score == 3
    assert grade_part(dict(KEYS["expr-matrix"], points=1), "[[k1, 0], [0, 0]]").score == 0.5


MISCONCEIVED = {
    "integer": (part("integer", 12), 11, ["11", "1.1e1", "11.0", "\\frac{22}{2}"]),
    "matrix": (part("matrix", [[3, 4], [6, 7]]), [[4, 3], [7, 6]],
               ["[4 3; 7 6]", "\\begin{bmatrix}4 & 3\\\\ 7 & 6\\end{bmatrix}", [["4", "3.0"], [7, "+6"]]]),
    "shape": (part("shape", [32, 126, 126]), [32, 128, 128], ["32x128x128", "(32, 128, 128)", "32 × 128 × 128"]),
    "expression": (part("expression", "k1*x1 + k2*x2", symbols=SYMBOLS), "k2*x1 + k1*x2",
                   ["k_2 x_1 + k_1 x_2", "x1k2 + x2k1", "k2·x1 + k1·x2"]),
}


@pytest.mark.parametrize("kind", sorted(MISCONCEIVED))
def test_misconception_recognised_in_any_notation(kind):
    spec, wrong, notations = MISCONCEIVED[kind]
    spec = dict(spec)
    spec["misconceptions"] = [{"name": "m", "feedback": "You made the classic mistake.", "answer": wrong}]
    for answer in notations:
        result = grade_part(spec, answer)
        assert result.score == 0 and result.feedback.startswith("You made the classic mistake."), (answer, result)
