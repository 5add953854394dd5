"""The symbolic answer types: ``expression``, ``expression-vector`` and ``expression-matrix``.

Expressions are read with the part's declared ``symbols`` (or, when a key declares none, the
names its reference answer uses) and are right when equal as rational functions of them.

A key writes an expression as text the reader reads back, and a sheet shows it as LaTeX:
both printed here (:func:`expression_text`, :func:`expression_latex`), since SymPy's own
printers spent more than half the time of making a symbolic sheet. In Moodle an expression
(and each entry of an array of them) is a case-sensitive ``SHORTANSWER_C`` listing the
spellings of :func:`expression_variants` (spacing, term order, factor order, parentheses);
Canvas and QTI get the same list. An LMS compares text, not mathematics, so an equivalent
expression written some other way is marked wrong there (probgen's own grader accepts it).

Answers and keys are read into :mod:`~probgen.grader.read.algebra` trees and compared by
evaluation modulo primes, so grading never imports SymPy; it is imported only to print the
SymPy expressions a kind computes (the generator's side).
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from ..errors import BadKey
from ..read import algebra, bounds
from ..read.algebra import Expr
from ..read.arrays import read_grid
from ..read.expressions import read_expression
from ..read.grid import Grid
from ..read.identity import same_expression
from ..read.text import shown
from ..read.tokens import names_in
from .arrays import fits_reference, grid_limits, grid_type
from .base import (CORRECT, NOT_CORRECT, TEXT_BOX, AnswerType, Box, Cloze, Outcome, Spec, expected_as_written,
                   json_data)

# Reading an expression costs more per character than reading a number, so arrays of
# expressions get a smaller budget (the largest key answer of that type is ~1,800 characters
# as JSON, most of it quotes and zeros).
EXPRESSION_GRID_TEXT = bounds.EXPRESSION_ARRAY_TEXT
EXPRESSION_GRID_ENTRIES = bounds.ARRAY_ENTRIES


def _strings(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, (list, tuple)):
        return [s for v in raw for s in _strings(v)]
    return []


# Names a hand-written key may use as functions; an expression answer holds none of them.
_FUNCTIONS = frozenset({"sqrt", "exp", "log", "ln", "sin", "cos", "tan", "tanh", "sinh", "cosh", "relu", "sigmoid",
                        "softmax", "max", "min", "abs", "sign", "floor", "ceil", "sum", "prod", "mean"})
_CALL = re.compile(r"(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*)(\s*)\(")


def _function_in_key(label: str, texts: list[str]) -> None:
    """Refuse a key expression that uses function notation (``sqrt(a+b)``, ``relu(x1+x2)``): read
    with undeclared symbols it would be a name times a bracket, and ``sqrt(a)+sqrt(b)`` would
    then earn full credit."""
    for text in texts:
        for m in _CALL.finditer(text):
            name = m.group(1)
            if not m.group(2) or name.lower() in _FUNCTIONS:
                raise BadKey(f"part {label}: the key's expression {shown(text)} uses {name}(...) as a function, "
                             "which no expression answer can hold (answers are sums, products and whole powers "
                             f"of the part's symbols); write it without {name}, or declare \"symbols\" if "
                             f"{name} is a name multiplying the bracket.")


def _symbols(label: str, options: Mapping[str, Any], raw: Any) -> Mapping[str, Any]:
    """The part's symbols: the declared ones, else the names its reference answer uses (a key
    that uses function notation is then refused, see ``_function_in_key``)."""
    declared = options.get("symbols")
    if declared is None:
        texts = _strings(raw)
        _function_in_key(label, texts)
        return {"symbols": tuple(n for s in texts for n in names_in(s))}
    if isinstance(declared, (list, tuple)) and all(isinstance(s, str) for s in declared):
        return {"symbols": tuple(declared)}
    raise BadKey(f"part {label} has symbols that are not a list of names.")


def _read(value: Any, spec: Spec) -> Any:
    return read_expression(value, spec.symbols)


def _compare(reference: Any, answer: Any, spec: Spec) -> Outcome:
    return CORRECT if same_expression(reference, answer) else NOT_CORRECT


def _entry_match(reference: Any, answer: Any, spec: Spec) -> tuple[bool, str | None]:
    return same_expression(reference, answer), None


def _expressions(how: str) -> Callable[[Any, Spec], Grid]:
    def read(value: Any, spec: Spec) -> Grid:
        symbols = spec.symbols
        return read_grid(value, lambda v: read_expression(v, symbols), numeric=False, how=how,
                         max_text=EXPRESSION_GRID_TEXT, words=True, fits=fits_reference(spec),
                         **grid_limits(spec, EXPRESSION_GRID_ENTRIES))
    return read


# ---- key text and LaTeX --------------------------------------------------------------
# Polynomials printed as SymPy's ``sstr(order="lex")`` and ``latex`` print them, without its
# printers: answers are polynomials with rational coefficients, walked directly here;
# anything else falls back to SymPy's printers.

_NAME = re.compile(r"(\d+)")


def _natural(name: str) -> tuple:
    """x2 before x10: SymPy's lex order compares symbol names this way for our names."""
    return tuple(int(p) if p.isdigit() else p for p in _NAME.split(name))


def _polynomial_terms(expr: Any) -> list[tuple[dict[str, int], Fraction]] | None:
    terms = []
    for mono, coeff in expr.as_coefficients_dict().items():
        if not coeff.is_Rational:
            return None
        powers: dict[str, int] = {}
        for base, exp in mono.as_powers_dict().items():
            if base == 1:
                continue
            if not (base.is_Symbol and exp.is_Integer and exp > 0):
                return None
            powers[base.name] = int(exp)
        if coeff != 0:
            terms.append((powers, Fraction(int(coeff.p), int(coeff.q))))
    return terms


def _lex(terms: list[tuple[dict[str, int], Fraction]]) -> tuple[list[str], list[tuple[dict[str, int], Fraction]]]:
    """The symbols in natural order, and the terms in lex order of their powers."""
    symbols = sorted({s for mono, _ in terms for s in mono}, key=_natural)
    order = {s: i for i, s in enumerate(symbols)}

    def key(term: tuple[dict[str, int], Fraction]) -> tuple[int, ...]:
        exps = [0] * len(symbols)
        for s, e in term[0].items():
            exps[order[s]] = e
        return tuple(-e for e in exps)

    return symbols, sorted(terms, key=key)


def _term(mono: dict[str, int], coeff: Fraction, symbols: list[str]) -> str:
    factors = [s if mono[s] == 1 else f"{s}**{mono[s]}" for s in symbols if s in mono]
    sign = "-" if coeff < 0 else ""
    num, den = abs(coeff.numerator), coeff.denominator
    if not factors:
        return f"{sign}{num}" + (f"/{den}" if den != 1 else "")
    body = "*".join(factors)
    if num != 1:
        body = f"{num}*{body}"
    if den != 1:
        body = f"{body}/{den}"
    return sign + body


def expression_text(expr: Any) -> str:
    """An expression as key text (``2*g1*x1 + x2/2``), as SymPy's ``sstr(order="lex")`` prints it."""
    if isinstance(expr, Expr):
        return algebra.text(expr)
    import sympy

    if expr.is_Number:
        return str(expr)
    terms = _polynomial_terms(expr)
    if terms is None:
        return sympy.sstr(expr, order="lex")
    symbols, ordered = _lex(terms)
    out = []
    for mono, coeff in ordered:
        text = _term(mono, coeff, symbols)
        if not out:
            out.append(text)
        elif text.startswith("-"):
            out.append(" - " + text[1:])
        else:
            out.append(" + " + text)
    return "".join(out) or "0"


_SUBSCRIPT = re.compile(r"^([A-Za-z]+)_?\{?(\d+)\}?$")


def _latex_symbol(name: str) -> str:
    m = _SUBSCRIPT.match(name)
    return f"{m.group(1)}_{{{m.group(2)}}}" if m else name


def expression_latex(expr: Any) -> str:
    """LaTeX of a polynomial (``2 g_{1} x_{1} + \\frac{x_{2}}{2}``), SymPy's printer otherwise."""
    if isinstance(expr, Expr):
        return algebra.latex(expr)
    import sympy

    terms = None if expr.is_Number else _polynomial_terms(expr)
    if terms is None:
        return sympy.latex(expr)
    symbols, ordered = _lex(terms)
    out = []
    for mono, coeff in ordered:
        factors = " ".join(_latex_symbol(s) + (f"^{{{mono[s]}}}" if mono[s] != 1 else "") for s in symbols if s in mono)
        num, den = abs(coeff.numerator), coeff.denominator
        top = (f"{num} {factors}" if num != 1 else factors) if factors else str(num)
        text = rf"\frac{{{top}}}{{{den}}}" if den != 1 else top
        if not out:
            out.append(("- " if coeff < 0 else "") + text)
        else:
            out.append((" - " if coeff < 0 else " + ") + text)
    return "".join(out) or "0"


# ---- the forms of a key, a sheet and Moodle ---------------------------------------------

def _leaf_text(expr: Any) -> str:
    if getattr(expr, "is_Integer", False):
        return str(int(expr))
    return expression_text(expr)


def _to_json(value: Any) -> Any:
    """Numbers as numbers, SymPy expressions as key text, at any depth."""
    return json_data(value, _leaf_text)


#: At most this many spellings of one expression are listed for an LMS's text comparison.
MAX_SPELLINGS = 48
_TERM_SPLIT = re.compile(r" ([+-]) ")


def _signed_terms(text: str) -> list[tuple[str, str]] | None:
    """``a*b - c + 2*d`` as ``[("+", "a*b"), ("-", "c"), ("+", "2*d")]``; None when the text
    has brackets (a sum inside them cannot be reordered by splitting the text)."""
    if any(ch in text for ch in "()[]"):
        return None
    pieces = _TERM_SPLIT.split(text)
    first = pieces[0]
    terms = [("-", first[1:]) if first.startswith("-") else ("+", first)]
    terms += [(pieces[i], pieces[i + 1]) for i in range(1, len(pieces) - 1, 2)]
    return terms if all(body and " " not in body for _, body in terms) else None


def _joined(terms: Sequence[tuple[str, str]]) -> str:
    sign, body = terms[0]
    return ("-" if sign == "-" else "") + body + "".join(f" {s} {b}" for s, b in terms[1:])


def _orders(terms: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Every order of up to 3 terms; beyond that the key's order and its reverse."""
    if len(terms) <= 3:
        return [list(p) for p in itertools.permutations(terms)]
    return [terms, terms[::-1]]


def _swapped_factors(terms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each product's factors in reverse order (``g1*x1`` -> ``x1*g1``); powers and quotients kept."""
    return [(s, "*".join(b.split("*")[::-1]) if "/" not in b and "**" not in b else b) for s, b in terms]


def _spacings(text: str) -> list[str]:
    """The key's spacing, no spaces at all, and spaces around every operator."""
    spaced = re.sub(r"\s*(\*\*|[*/+])\s*", r" \1 ", text)
    spaced = re.sub(r"(?<=\S)\s*-\s*", " - ", spaced).strip()
    return [text, text.replace(" ", ""), spaced]


def expression_variants(text: str) -> list[str]:
    """Spellings of a key expression that probgen accepts and a text comparison can list: the
    key's text with its spacing, without spaces and with spaces around every operator; its
    terms in every order (up to 3 terms; else reversed); products with their factors swapped;
    the whole in parentheses. The key's own text comes first."""
    text = " ".join(str(text).split())
    terms = _signed_terms(text)
    bodies = [text]
    if terms is not None:
        for order in _orders(terms):
            bodies += [_joined(order), _joined(_swapped_factors(order))]
    out: list[str] = []
    for body in bodies:
        for spelling in _spacings(body):
            if spelling not in out:
                out.append(spelling)
    if re.search(r"[+*/]|(?<=.)-", text) and f"({text})" not in out:
        out.insert(min(len(out), 3), f"({text})")
    return out[:MAX_SPELLINGS]


def expression_boxes(part: Mapping[str, Any]) -> list[Box]:
    """One text box, compared case-sensitively (``K1`` is not the symbol ``k1``)."""
    return [Box(TEXT_BOX, part["answer"], accepted=tuple(expression_variants(part["answer"])), case_sensitive=True)]


def _cloze(part: Mapping[str, Any], weight: int, cloze: Cloze) -> str:
    """A case-sensitive short answer listing the spellings of :func:`expression_variants`."""
    right = [cloze.shortanswer_text(v) for v in expression_variants(part["answer"])]
    wrong = cloze.wrong(part, lambda v: [cloze.shortanswer_text(x) for x in expression_variants(v)[:2]])
    return cloze.subquestion(weight, "SHORTANSWER_C", cloze.alternatives(right, wrong))


def _expression_grid(name: str, dims: int, how: str) -> AnswerType:
    return grid_type(name, dims, _expressions(how), _entry_match, settings=_symbols, entry_cloze=_cloze,
                     to_json=_to_json, entry_boxes=expression_boxes)


TYPES = (
    AnswerType("expression", _read, _compare, expected_as_written, settings=_symbols, to_json=_to_json, cloze=_cloze,
               boxes=expression_boxes),
    _expression_grid("expression-vector", 1, "write it like [2*a, a + 1] or [2*a  a+1]"),
    _expression_grid("expression-matrix", 2, "write it like [[2*a, 1], [0, a - 1]] or [2*a 1; 0 a-1]"),
)
