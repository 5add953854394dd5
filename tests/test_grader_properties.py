"""Property-based tests (Hypothesis) of the grader's readers.

- Random polynomials in the declared symbols, printed in several notations, read back equal.
- Random numbers (fractions, integers of up to ~60 digits) printed in every number notation
  read back exactly; shapes and matrices likewise.
- Random text and random JSON given to grade_part for every answer type never raise: the
  result is a PartResult with a score in 0..points and a feedback sentence. Random file
  contents never raise anything but GradeInputError, and what loads grades without raising.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from probgen.contract import ANSWER_TYPES
from probgen.grader import files
from probgen.grader.compare import grade_part
from probgen.grader.errors import GradeInputError
from probgen.grader.read.expressions import read_expression
from probgen.grader.read.identity import same_expression
from probgen.grader.read.numbers import TooManyDigits, read_number
from probgen.grader.read.shapes import read_shape
from probgen.grader.report import grade_submission
from probgen.grader.results import PartResult

SYMBOLS = ["x1", "x2", "x3", "x4", "k1", "k2", "k3", "g1", "g2"]
SYMS = {name: sympy.Symbol(name) for name in SYMBOLS}
def fast(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---- expressions ----------------------------------------------------------------------------

coefficients = st.builds(Fraction, st.integers(-9, 9).filter(bool), st.integers(1, 6))
monomials = st.dictionaries(st.sampled_from(SYMBOLS), st.integers(1, 3), max_size=3)
polynomials = st.lists(st.tuples(coefficients, monomials), min_size=1, max_size=5)


def as_sympy(poly):
    return sympy.Add(*[sympy.Rational(c.numerator, c.denominator)
                       * sympy.Mul(*[SYMS[s] ** e for s, e in mono.items()]) for c, mono in poly])


def _sub(name, style):
    letters, digits = name[0], name[1:]
    return {"plain": name, "underscore": f"{letters}_{digits}", "braced": f"{letters}_{{{digits}}}"}[style]


def printed(poly, *, times, power, style, coefficient, minus):
    """One notation: ``times`` between factors ('*', ' ', '·', ' \\cdot ', ''), ``power`` ('^',
    '**', '^{}'), ``style`` of names, ``coefficient`` ('slash' (3/4), 'bare' 3/4 or 'frac' \\frac{3}{4}),
    ``minus`` ('-' or the unicode minus)."""
    terms = []
    for c, mono in poly:
        factors = []
        size = abs(c)
        if size != 1 or not mono:
            if size.denominator == 1:
                factors.append(str(size.numerator))
            elif coefficient == "frac":
                factors.append(f"\\frac{{{size.numerator}}}{{{size.denominator}}}")
            elif coefficient == "bare":  # 3/4 k1 is (3/4)*k1: juxtaposition binds like *
                factors.append(f"{size.numerator}/{size.denominator}")
            else:
                factors.append(f"({size.numerator}/{size.denominator})")
        for name, e in sorted(mono.items()):
            base = _sub(name, style)
            if e == 1:
                factors.append(base)
            elif power == "^{}":
                factors.append(f"{base}^{{{e}}}")
            else:
                factors.append(f"{base}{power}{e}")
        sign = minus if c < 0 else "+"
        terms.append((sign, times.join(factors)))
    text = ("" if terms[0][0] == "+" else minus) + terms[0][1]
    for sign, body in terms[1:]:
        text += f" {sign} {body}"
    return text


NOTATIONS = {
    "sstr": None,
    "latex": None,
    "stars": dict(times="*", power="**", style="plain", coefficient="slash", minus="-"),
    "carets": dict(times="*", power="^", style="plain", coefficient="slash", minus="-"),
    "implicit": dict(times=" ", power="^", style="underscore", coefficient="bare", minus="-"),
    "implicit-parenthesised": dict(times=" ", power="^", style="underscore", coefficient="slash", minus="-"),
    "run-together": dict(times="", power="^", style="plain", coefficient="bare", minus="-"),
    "braced-cdot": dict(times=" \\cdot ", power="^{}", style="braced", coefficient="frac", minus="-"),
    "middle-dot-unicode-minus": dict(times="·", power="^", style="plain", coefficient="slash", minus="\u2212"),
    "frac-implicit-unicode-minus": dict(times=" ", power="^{}", style="underscore", coefficient="frac",
                                        minus="\u2212"),
}


def in_notation(poly, notation):
    expr = as_sympy(poly)
    if notation == "sstr":
        return sympy.sstr(expr)
    if notation == "latex":
        return sympy.latex(expr)
    return printed(poly, **NOTATIONS[notation])


@fast(150)
@given(poly=polynomials, notation=st.sampled_from(sorted(NOTATIONS)))
def test_random_polynomials_read_back_equal(poly, notation):
    expected = as_sympy(poly)
    text = in_notation(poly, notation)
    read = read_expression(text, SYMBOLS)
    assert sympy.expand(read.to_sympy() - expected) == 0, (notation, text, read)
    assert same_expression(read, expected)


@fast(80)
@given(poly=polynomials, other=polynomials, notation=st.sampled_from(sorted(NOTATIONS)))
def test_random_polynomials_differ_when_they_differ(poly, other, notation):
    a, b = as_sympy(poly), as_sympy(other)
    read = read_expression(in_notation(other, notation), SYMBOLS)
    assert same_expression(a, read) == (sympy.expand(a - b) == 0)


@fast(60)
@given(poly=polynomials, notation=st.sampled_from(sorted(NOTATIONS)))
def test_random_polynomial_graded_right_in_every_notation(poly, notation):
    key = {"label": "a", "type": "expression", "answer": sympy.sstr(as_sympy(poly)), "points": 1,
           "options": {"symbols": SYMBOLS}}
    result = grade_part(key, in_notation(poly, notation))
    assert result.correct, (in_notation(poly, notation), result.feedback)


# ---- numbers ---------------------------------------------------------------------------------

def grouped(n: int, sep: str) -> str:
    text = str(n)
    head = len(text) % 3 or 3
    return sep.join([text[:head]] + [text[i:i + 3] for i in range(head, len(text), 3)])


def scientific(n: int, times: str | None) -> str:
    digits = str(n)
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    exponent = len(digits) - 1
    if times is None:
        return f"{mantissa}e{exponent}"
    return f"{mantissa} {times} 10^{{{exponent}}}"


def decimal_text(value: Fraction) -> str | None:
    """The exact decimal expansion of a terminating fraction, else None."""
    d, twos, fives = value.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return None
    places = max(twos, fives)
    scaled = abs(value.numerator) * 10**places // value.denominator
    text = str(scaled).rjust(places + 1, "0")
    body = text[: len(text) - places] + ("." + text[len(text) - places:] if places else "")
    return ("-" if value < 0 else "") + body


def number_notations(value: Fraction) -> list[str]:
    sign = "-" if value < 0 else ""
    size = abs(value)
    out = [f"{sign}{size.numerator}/{size.denominator}", f"{sign}\\frac{{{size.numerator}}}{{{size.denominator}}}",
           f"\u2212{size.numerator}/{size.denominator}" if sign else f"+{size.numerator}/{size.denominator}",
           f"${sign}\\dfrac{{{size.numerator}}}{{{size.denominator}}}$"]
    text = decimal_text(value)
    if text is not None:
        out.append(text)
    if size.denominator == 1:
        n = size.numerator
        out += [sign + str(n), f"{sign}{n}.0", sign + grouped(n, ","), sign + grouped(n, " "), sign + grouped(n, "_"),
                sign + grouped(n, "\u202f")]
        if n:
            out += [sign + scientific(n, None), sign + scientific(n, "\\times"), sign + scientific(n, "×")]
    return out


numbers = st.one_of(
    st.builds(Fraction, st.integers(-10**6, 10**6), st.integers(1, 10**4)),
    st.integers(-10**60, 10**60).map(Fraction),
    st.builds(lambda n, a, b: Fraction(n, 2**a * 5**b), st.integers(-10**9, 10**9), st.integers(0, 12),
              st.integers(0, 12)),
)


@fast(200)
@given(value=numbers)
def test_random_numbers_read_back_exactly_in_every_notation(value):
    for text in number_notations(value):
        assert read_number(text).value == value, text


@fast(100)
@given(value=st.integers(-10**80, 10**80) | st.decimals(allow_nan=False, allow_infinity=False, places=6))
def test_json_numbers_read_exactly(value):
    assert read_number(value).value == Fraction(value)


@fast(100)
@given(dims=st.lists(st.integers(0, 100_000), min_size=1, max_size=5),
       notation=st.sampled_from(["({})", "[{}]", "{}"]), sep=st.sampled_from([", ", ",", "x", " x ", " × ", " \\times "]))
def test_random_shapes_read_back(dims, notation, sep):
    assume(len(dims) > 1 or sep.strip() in (",", ""))
    text = notation.format(sep.join(str(d) for d in dims))
    assert read_shape(text) == tuple(dims), text
    assert read_shape(dims) == tuple(dims)


matrices = st.integers(1, 4).flatmap(lambda cols: st.lists(
    st.lists(st.builds(Fraction, st.integers(-50, 50), st.sampled_from([1, 1, 2, 3, 4])), min_size=cols,
             max_size=cols), min_size=1, max_size=4))


def matrix_notations(rows):
    def entry(v, style):
        if v.denominator == 1:
            return str(v.numerator)
        if style == "frac":
            return ("-" if v < 0 else "") + f"\\frac{{{abs(v.numerator)}}}{{{v.denominator}}}"
        return f"{v.numerator}/{v.denominator}"
    yield [[entry(v, "slash") for v in row] for row in rows]
    yield "[" + ", ".join("[" + ", ".join(entry(v, "slash") for v in row) + "]" for row in rows) + "]"
    yield "[" + "; ".join(" ".join(entry(v, "slash") for v in row) for row in rows) + "]"
    yield ("\\begin{bmatrix}" + " \\\\ ".join(" & ".join(entry(v, "frac") for v in row) for row in rows)
           + "\\end{bmatrix}")


@fast(80)
@given(rows=matrices)
def test_random_matrices_graded_right_in_every_notation(rows):
    key = {"label": "a", "type": "matrix", "points": 1,
           "answer": [[str(v) if v.denominator != 1 else v.numerator for v in row] for row in rows]}
    for answer in matrix_notations(rows):
        result = grade_part(key, answer)
        assert result.correct, (answer, result.feedback)


# ---- nothing a submission holds raises --------------------------------------------------------

KEY_PARTS = {
    "integer": {"label": "a", "type": "integer", "answer": 99883155456, "points": 2,
                "misconceptions": [{"name": "m", "feedback": "Forgot the bias.", "answer": 99883155000}]},
    "number": {"label": "a", "type": "number", "answer": "71/578", "points": 1},
    "shape": {"label": "a", "type": "shape", "answer": [2, 3, 3], "points": 1},
    "vector": {"label": "a", "type": "vector", "answer": [4, 8, -14], "points": 3},
    "matrix": {"label": "a", "type": "matrix", "answer": [["-1/3", "-31/9"], ["-16/9", "-4/3"]], "points": 2},
    "tensor": {"label": "a", "type": "tensor", "answer": [[[5, 5], [2, -9]], [[-5, -7], [5, -6]]], "points": 2},
    "expression": {"label": "a", "type": "expression", "answer": "k1*x1 + k2*x2", "points": 1,
                   "options": {"symbols": SYMBOLS}},
    "expression-vector": {"label": "a", "type": "expression-vector", "answer": ["g2*x1 + g1*x2", "k1"],
                          "points": 2, "options": {"symbols": SYMBOLS}},
    "expression-matrix": {"label": "a", "type": "expression-matrix", "answer": [["k2", "k3"], ["k1", "0"]],
                          "points": 2, "options": {"symbols": ["k1", "k2", "k3"]}},
    "choice": {"label": "a", "type": "choice", "answer": "B", "points": 1, "options": {"choices": ["a", "b", "c"]}},
}
assert set(KEY_PARTS) == set(ANSWER_TYPES)


def well_graded(result, part):
    assert isinstance(result, PartResult)
    assert 0 <= result.score <= part["points"]
    assert isinstance(result.feedback, str) and result.feedback.strip()
    assert "internal error" not in result.feedback and "Traceback" not in result.feedback
    result.feedback.encode("utf-8")  # printable by any report (no lone surrogates)


answer_text = st.text(max_size=80) | st.text(alphabet="0123456789.,;:/*^-+ ()[]{}xkg_e\\frac{}cdot×·−\n&$'\"",
                                                 max_size=60)


@fast(300)
@given(kind=st.sampled_from(ANSWER_TYPES), answer=answer_text)
def test_random_text_never_raises(kind, answer):
    well_graded(grade_part(KEY_PARTS[kind], answer), KEY_PARTS[kind])


json_leaves = (st.none() | st.booleans() | st.integers() | st.integers(-10**500, 10**500)
               | st.floats() | st.decimals() | st.text(max_size=20)
               | st.integers(401, 10**6).map(TooManyDigits))
json_values = st.recursive(json_leaves, lambda inner: st.lists(inner, max_size=5)
                           | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=25)


@fast(300)
@given(kind=st.sampled_from(ANSWER_TYPES), answer=json_values)
def test_random_json_never_raises(kind, answer):
    well_graded(grade_part(KEY_PARTS[kind], answer), KEY_PARTS[kind])


def _key_problem():
    return {"id": "p@1:1", "title": "t", "parts": [dict(p, label=t) for t, p in KEY_PARTS.items()]}


@fast(150)
@given(data=json_values)
def test_random_submission_data_never_raises(data):
    submission = {"format": "probgen-submission", "version": 1, "answers": {"p@1:1": data, "other": data}}
    try:
        files.check_submission(submission, "s.json")
    except GradeInputError:
        return
    report = grade_submission(submission, None, "s.json", key_problems=[_key_problem()])
    json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")
    assert 0 <= report.score <= report.max_score


file_texts = st.one_of(
    st.text(max_size=200),
    json_values.map(lambda v: json.dumps(v, default=str)),
    st.builds(lambda answers: json.dumps({"format": "probgen-submission", "version": 1, "answers": answers},
                                         default=str), st.dictionaries(st.text(max_size=5), json_values, max_size=3)),
)


@fast(200)
@given(text=file_texts, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                                  "utf-32"]))
def test_random_files_load_or_give_one_sentence(tmp_path_factory, text, encoding):
    path = tmp_path_factory.getbasetemp() / "random-submission.json"
    try:
        path.write_bytes(text.encode(encoding, "surrogatepass"))
    except UnicodeEncodeError:
        return
    try:
        data = files.read_submission(path)
    except GradeInputError as exc:
        message = str(exc)
        assert message.endswith(".") and "\n" not in message and "Traceback" not in message
        return
    report = grade_submission(data, None, str(path), key_problems=[_key_problem()])
    json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")


@fast(100)
@given(raw=st.binary(max_size=200))
def test_random_bytes_load_or_give_one_sentence(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "random-bytes.json"
    path.write_bytes(raw)
    try:
        files.read_submission(path)
    except GradeInputError as exc:
        assert str(exc).endswith(".")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("-Infinity")])
def test_non_finite_numbers_are_refused_for_every_type(value):
    for kind, part in KEY_PARTS.items():
        result = grade_part(part, value)
        well_graded(result, part)
        assert result.score == 0


# ---- rational functions: evaluation modulo primes decides as SymPy's cancel does -----------------

@fast(60)
@given(top=polynomials, bottom=polynomials, other_top=polynomials, factor=polynomials)
def test_random_rational_functions_compare_as_sympy_cancels(top, bottom, other_top, factor):
    """p/q equals (p*f)/(q*f), and equals r/q exactly when p - r is 0, as SymPy's cancel decides;
    read from SymPy's printing and compared without SymPy."""
    p, q, r, f = as_sympy(top), as_sympy(bottom), as_sympy(other_top), as_sympy(factor)
    assume(sympy.expand(q) != 0 and sympy.expand(f) != 0)
    a = read_expression(sympy.sstr(p / q), SYMBOLS)
    scaled = read_expression(f"({sympy.sstr(p * f)})/(({sympy.sstr(q)})*({sympy.sstr(f)}))", SYMBOLS)
    assert same_expression(a, scaled)
    b = read_expression(f"({sympy.sstr(r)})/({sympy.sstr(q)})", SYMBOLS)
    assert same_expression(a, b) == (sympy.cancel(p / q - r / q) == 0)
