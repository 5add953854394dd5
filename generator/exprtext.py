"""Polynomials printed as SymPy's ``sstr(order="lex")`` prints them, without its printer.

Keys hold every expression answer (and every misconception's) as text; SymPy's general
printer spent more than half of the time of making a symbolic sheet. Answers here are
polynomials with rational coefficients, which this walks directly; anything else falls
back to SymPy's printer.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

_NAME = re.compile(r"(\d+)")


def _natural(name: str) -> tuple:
    """x2 before x10: SymPy's lex order compares symbol names this way for our names."""
    return tuple(int(p) if p.isdigit() else p for p in _NAME.split(name))


def expression_text(expr: Any) -> str:
    import sympy

    if expr.is_Number:
        return str(expr)
    terms = _polynomial_terms(expr, sympy)
    if terms is None:
        return sympy.sstr(expr, order="lex")
    symbols = sorted({s for mono, _ in terms for s in mono}, key=_natural)
    order = {s: i for i, s in enumerate(symbols)}

    def key(term):
        mono, _ = term
        exps = [0] * len(symbols)
        for s, e in mono.items():
            exps[order[s]] = e
        return tuple(-e for e in exps)

    out = []
    for mono, coeff in sorted(terms, key=key):
        text = _term(mono, coeff, symbols)
        if not out:
            out.append(text)
        elif text.startswith("-"):
            out.append(" - " + text[1:])
        else:
            out.append(" + " + text)
    return "".join(out) or "0"


def _polynomial_terms(expr: Any, sympy: Any) -> list[tuple[dict[str, int], Fraction]] | None:
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


_SUBSCRIPT = re.compile(r"^([A-Za-z]+)_?\{?(\d+)\}?$")


def _latex_symbol(name: str) -> str:
    m = _SUBSCRIPT.match(name)
    return f"{m.group(1)}_{{{m.group(2)}}}" if m else name


def expression_latex(expr: Any) -> str:
    """LaTeX of a polynomial (``2 g_{1} x_{1} + \\frac{x_{2}}{2}``), SymPy's printer otherwise."""
    import sympy

    terms = None if expr.is_Number else _polynomial_terms(expr, sympy)
    if terms is None:
        return sympy.latex(expr)
    symbols = sorted({s for mono, _ in terms for s in mono}, key=_natural)
    order = {s: i for i, s in enumerate(symbols)}

    def key(term):
        exps = [0] * len(symbols)
        for s, e in term[0].items():
            exps[order[s]] = e
        return tuple(-e for e in exps)

    out = []
    for mono, coeff in sorted(terms, key=key):
        factors = " ".join(_latex_symbol(s) + (f"^{{{mono[s]}}}" if mono[s] != 1 else "") for s in symbols if s in mono)
        num, den = abs(coeff.numerator), coeff.denominator
        top = (f"{num} {factors}" if num != 1 else factors) if factors else str(num)
        text = rf"\frac{{{top}}}{{{den}}}" if den != 1 else top
        if not out:
            out.append(("- " if coeff < 0 else "") + text)
        else:
            out.append((" - " if coeff < 0 else " + ") + text)
    return "".join(out) or "0"
