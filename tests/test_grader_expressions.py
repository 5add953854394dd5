"""The expression parser: notations read right, nothing is ever evaluated, limits hold."""

import json
import subprocess
import sys
import time

import pytest
import sympy

from probgen.grader.errors import BadKey, Unreadable
from probgen.grader.read.expressions import read_expression
from probgen.grader.read.identity import same_expression
from probgen.grader.read.tokens import names_in

SYMBOLS = ["x1", "x2", "k1", "k2", "g1"]
k1, k2, x1, x2, g1 = sympy.symbols("k1 k2 x1 x2 g1")


def read(text, symbols=SYMBOLS):
    return read_expression(text, symbols)


def sym(text, symbols=SYMBOLS):
    """What was read, as SymPy (the tests' oracle; grading itself never imports SymPy)."""
    return read_expression(text, symbols).to_sympy()


@pytest.mark.parametrize("text", [
    "k1*x1 + k2*x2", "k1 x1 + k2 x2", "k_1 x_1 + k_2 x_2", "k_{1} x_{1} + k_{2} x_{2}", "k1x1 + k2x2",
    "x1k1+x2 k2", "k1·x1 + k2·x2", "k1 \\cdot x1 + k2 \\cdot x2", "$k_1 x_1 + k_2 x_2$", "(k1*x1) + [k2*x2]",
    "\\left(k1 x1\\right) + {k2 x2}", "k2*x2 - (-k1*x1)", "k2*x2 \u2212 \u2212k1*x1", "x1*k1+x2*k2",
])
def test_notations_of_one_expression(text):
    assert sympy.expand(sym(text) - (k1 * x1 + k2 * x2)) == 0


@pytest.mark.parametrize("text, value", [
    ("2*g1 + k1**2", 2 * g1 + k1**2),
    ("2g1 + k1^2", 2 * g1 + k1**2),
    ("2 g_1 + k_1^{2}", 2 * g1 + k1**2),
    ("2g1 + k1²", 2 * g1 + k1**2),
    ("k1(x1 + x2)", k1 * x1 + k1 * x2),
    ("(k1)(x1)", k1 * x1),
    ("\\frac{k_1}{2}", k1 / 2),
    ("\\frac{1}{2}k1", k1 / 2),
    ("\\frac12 k1", k1 / 2),
    ("1/2 k1", k1 / 2),
    ("0.5k1", k1 / 2),
    ("7/4", sympy.Rational(7, 4)),
    ("1.75", sympy.Rational(7, 4)),
    ("-x1^2", -(x1**2)),
    ("2^-1", sympy.Rational(1, 2)),
    ("x1⁻¹", 1 / x1),
    ("2^3^2", 2**9),
    ("1,024 k1", 1024 * k1),
    ("3 \\times 10^2 k1", 300 * k1),
    ("k1/x1", k1 / x1),
    ("+k1", k1),
])
def test_values(text, value):
    assert sympy.simplify(sym(text) - value) == 0


def test_json_numbers_are_expressions():
    assert read(5) == 5
    assert read(0.5) == sympy.Rational(1, 2)


def test_builds_trees_of_the_declared_names():
    expr = read("k_1 x_1", ["k_1", "x_1"])
    assert expr.names == {"k_1", "x_1"}
    assert expr.to_sympy().free_symbols == {sympy.Symbol("k_1"), sympy.Symbol("x_1")}


def test_longest_declared_name_wins_and_backtracks():
    assert sym("abcd", ["ab", "abc", "cd"]) == sympy.Symbol("ab") * sympy.Symbol("cd")
    assert sym("k12", ["k1", "k12", "k2"]) == sympy.Symbol("k12")


def test_scientific_e_off_when_a_symbol_starts_with_e():
    assert read("2e3", ["x"]) == 2000
    assert sym("2e3", ["e3"]) == 2 * sympy.Symbol("e3")


@pytest.mark.parametrize("text, words", [
    ("K1*x1", "unknown name 'K1' (did you mean k1?)"),
    ("k1*y", "unknown name 'y'"),
    ("sin(x1)", "unknown name 'sin'"),
    ("\\sqrt{x1}", "\\sqrt is not allowed"),
    ("k1 × x1", "use * or ·"),
    ("2 3", "put * between them"),
    ("k1 +", "ends too early"),
    ("(k1", "never closed"),
    ("k1)", "closing bracket"),
    ("(k1]", "closed by"),
    ("x1^k1", "exponents must be whole numbers"),
    ("x1^(1/2)", "exponents must be whole numbers"),
    ("1/0", "divides by zero"),
    ("k1/(x1 - x1)", "divides by zero"),
    ("0^-1", "divides by zero"),
    ("", "empty"),
    ("k1, x1", "comma"),
])
def test_refusals_name_the_problem(text, words):
    with pytest.raises(Unreadable) as info:
        read(text)
    assert words in str(info.value)
    if words != "divides by zero":
        assert "x1" in str(info.value)  # the message shows what may be used


def test_unknown_name_lists_allowed_names():
    with pytest.raises(Unreadable, match=r"the names allowed are g1, k1, k2, x1, x2 \(case matters\)"):
        read("z")


@pytest.mark.parametrize("attack", [
    "__import__('os').system('touch {canary}')",
    "exec(\"open('{canary}', 'w')\")",
    "eval('1')",
    "lambda: 1",
    "x1.__class__",
    "open('{canary}','w').write('x')",
    "Symbol('x')",
    "'{canary}'",
])
def test_code_is_never_run(attack, tmp_path):
    canary = tmp_path / "canary"
    with pytest.raises(Unreadable):
        read(attack.format(canary=canary))
    assert not canary.exists()


@pytest.mark.parametrize("bomb", [
    "9**9**9**9", "9^9^9^9", "2^1000^1000", "((x1+1)^100)^100", "10^(10^10)", "10^399*10^399*10^399",
    "(" * 60 + "x1" + ")" * 60, "x1^" * 60 + "2", "9" * 401, "((10^100)^100)", "k1" * 1001,
])
def test_bombs_refused_quickly(bomb):
    start = time.perf_counter()
    with pytest.raises(Unreadable):
        read(bomb)
    assert time.perf_counter() - start < 1.0


def test_exponent_message():
    with pytest.raises(Unreadable, match="exponent 387420489 is too large"):
        read("9**9**9**9")


def test_large_expansions_are_compared_without_expanding():
    """Nothing is expanded, so a power whose expansion has 176,851 terms is read and compared
    (benchmarks/hostile.py times it)."""
    assert same_expression(read("(k1+k2+x1+x2)^100"), read("(x2+x1+k2+k1)^100"))
    assert not same_expression(read("(k1+k2+x1+x2)^100"), read("(x2+x1+k2+k1)^100 + 1"))


@pytest.mark.parametrize("text", [
    "(k1+k2+1)^96/((k1+1)^2-k1^2-2*k1-1)", "k1/(x1 - x1)", "x1/((x1+1)^2 - x1^2 - 2x1 - 1)^3",
    "1/(k1*(x1 + x2) - k1 x1 - k1 x2)",
])
def test_hidden_zero_denominator_divides_by_zero(text):
    """A denominator that is 0 whatever the names' values (found by evaluation, not by simplifying)."""
    with pytest.raises(Unreadable, match="this expression divides by zero"):
        read(text)


def test_denominators_zero_only_somewhere_are_fine():
    assert same_expression(read("(k1^2 - 1)/(k1 - 1)"), read("k1 + 1"))
    assert same_expression(read("1/(k1 - x1)"), read("-1/(x1 - k1)"))


def test_read_as_prints_what_was_read():
    """The tree prints back in the key's notation, every product with *."""
    assert str(read("k1 x1 + k2(x1 + 1)")) == "k1*x1 + k2*(x1 + 1)"
    assert str(read("-(k1+1)/2")) == "-(k1 + 1)/2"
    assert str(read("x1^-2 k1")) == "k1/x1**2"
    assert str(read("\\frac{1}{2} k1 - 3")) == "k1/2 - 3"


def test_moderate_expressions_still_fine():
    assert same_expression(read("(x1 + 1)^100"), read("(1 + x1)^100"))
    assert same_expression(read("(k1+k2+x1)^10"), sympy.expand((k1 + k2 + x1) ** 10))


def test_same_expression():
    assert same_expression(read("(k1+x1)^2"), read("k1^2 + 2k1x1 + x1^2"))
    assert not same_expression(read("(k1+x1)^2"), read("k1^2 + x1^2"))
    assert same_expression(read("(k1^2 - x1^2)/(k1 - x1)"), read("k1 + x1"))
    assert same_expression(read("k1/x1"), read("k1*x1**-1"))
    assert not same_expression(read("k1/x1"), read("x1/k1"))


def test_bad_declared_names_are_a_key_bug():
    with pytest.raises(BadKey):
        read_expression("x", ["x'"])


def test_names_in_reference_text():
    assert names_in("2*g1 + k1**2") == ("g1", "k1")
    assert names_in("3.5e2*x") == ("x",)


def _parts(report):
    """Every part of a JSON report, wherever the report nests them."""
    if isinstance(report, dict):
        if "label" in report and "feedback" in report:
            return [report]
        return [p for v in report.values() for p in _parts(v)]
    if isinstance(report, list):
        return [p for v in report for p in _parts(v)]
    return []


def test_grading_expressions_never_imports_sympy(tmp_path):
    """`probgen grade` on numbers, arrays and expressions: the whole run, as a process."""
    key = {"format": "probgen-key", "version": 1, "problems": [{"id": "p@1:1", "title": "t", "parts": [
        {"label": "a", "type": "number", "answer": "7/4", "points": 1},
        {"label": "b", "type": "matrix", "answer": [[1, 2], [3, 4]], "points": 1},
        {"label": "c", "type": "expression", "answer": "k1*x1 + k2*x2", "points": 1},
        {"label": "d", "type": "expression-matrix", "answer": [["k1", "k2", "0"], ["0", "k1", "k2"]], "points": 1},
        {"label": "e", "type": "expression-vector", "answer": ["k1*x1", "2*k2"], "points": 1},
        {"label": "f", "type": "expression", "answer": "x1", "points": 1, "options": {"symbols": ["k1", "k2", "x1"]}}]}]}
    answers = {"a": "1.75", "b": "[1 2; 3 4]", "c": "x2 k2 + k1x1", "d": "[k1 k2 0; 0 k1 k2]",
               "e": "[x1*k1, k2 + k2]", "f": "(k1+k2+1)^96/((k1+1)^2-k1^2-2*k1-1)"}
    (tmp_path / "key.json").write_text(json.dumps(key))
    (tmp_path / "s.json").write_text(json.dumps({"format": "probgen-submission", "version": 1, "student": "s",
                                                 "answers": {"p@1:1": answers}}))
    wrapper = ("import sys\n"
               "from probgen.generator.cli import cli\n"
               "try:\n"
               "    cli(['grade', 's.json', '--key', 'key.json', '--format', 'json'], standalone_mode=False)\n"
               "finally:\n"
               "    print('SYMPY' if 'sympy' in sys.modules else 'NO-SYMPY', file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.stderr.strip().endswith("NO-SYMPY"), done.stderr
    report = json.loads(done.stdout)
    print(json.dumps(report)[:3000])
    parts = {p["label"]: p for p in _parts(report)}
    assert all(parts[label]["correct"] for label in "abcde"), parts
    assert "this expression divides by zero" in parts["f"]["feedback"]


def test_sympy_imported_only_for_expressions(tmp_path):
    """Grading a numeric-only submission never imports SymPy (nor the generator, nor Jinja2)."""
    script = tmp_path / "numeric.py"
    script.write_text(
        "import json, sys\n"
        "from probgen.grader import files, report, output\n"
        "key = {'id': 'p@1:1', 'title': 't', 'parts': [\n"
        "  {'label': 'a', 'type': 'number', 'answer': '7/4', 'points': 1},\n"
        "  {'label': 'b', 'type': 'matrix', 'answer': [[1, 2], [3, 4]], 'points': 2},\n"
        "  {'label': 'c', 'type': 'shape', 'answer': [3, 3], 'points': 1},\n"
        "  {'label': 'd', 'type': 'choice', 'answer': 'B', 'points': 1, 'options': {'choices': ['x', 'y']}}]}\n"
        "sub = files.check_submission({'format': 'probgen-submission', 'version': 1,\n"
        "  'answers': {'p@1:1': {'a': '1.75', 'b': '[1 2; 3 5]', 'c': '3x3', 'd': 'b'}}}, 's.json')\n"
        "r = report.grade_submission(sub, lambda i: key, 's.json')\n"
        "output.as_table([r]); output.as_json([r]); output.as_csv([r])\n"
        "print(json.dumps([r.score, 'sympy' in sys.modules, 'probgen.generator' in sys.modules,"
        " 'jinja2' in sys.modules]))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[4.5, false, false, false]"


@pytest.mark.parametrize("text", [
    "k1 x1 + k2(x1 + 1)", "-(k1+1)/2", "x1^-2 k1", "(2k1)^-1", "(k1 + x1)^2 (k2 - 1)^3 / (x2 + 1)^2",
    "-k1/(k2*x1)", "3/4", "-3/4 k1", "1/(k1 - x1) - 1/(k1 + x1)", "((k1 x1)^2)^3", "k1 - (-x1)", "0",
    "2^-1 k1^2 x1 / (3 (k2 + 1))",
])
def test_read_expressions_print_back_as_they_read(text):
    """What a report shows as read (the key's notation), and the LaTeX the practice page shows,
    read back to the same expression."""
    from probgen.grader.read import algebra

    tree = read(text)
    assert same_expression(read(algebra.text(tree)), tree), algebra.text(tree)
    assert same_expression(read(algebra.latex(tree)), tree), algebra.latex(tree)
    assert sympy.simplify(tree.to_sympy() - sym(algebra.text(tree))) == 0
