"""What an expression may cost, checked while it is built rather than after.

``9**9**9**9`` or ``(k1 + k2 + k3)^100`` would take SymPy minutes or all memory to build or
expand; the parser checks exponents and nesting as it goes, and ``check_size`` bounds the
number of terms and the degree the expanded expression would have before anything expands it.
"""

from __future__ import annotations

import math
from typing import Any

from .literals import MAKES_TOO_MANY_DIGITS, MAX_BITS, bits
from .tokens import Bad

MAX_TEXT = 1_000  # characters of one expression; the longest in any key is under 100
MAX_DEPTH = 50
MAX_EXPONENT = 100
MAX_TERMS = 5_000
MAX_DEGREE = 1_000
_CAP = 10**12
_TOO_HIGH = f"its degree is above {MAX_DEGREE}, too large to compare"


def coefficient_bits(expr: Any) -> int:
    """The bit length of the largest numerator or denominator written in ``expr``."""
    import sympy

    return max((bits(int(r.p), int(r.q)) for r in expr.atoms(sympy.Rational)), default=0)


def expanded_size(expr: Any) -> tuple[int, int]:
    """Upper bounds on (number of terms, total degree) of the expanded expression."""
    if expr.is_Symbol:
        return 1, 1
    if expr.is_Add:
        sizes = [expanded_size(a) for a in expr.args]
        return min(sum(t for t, _ in sizes), _CAP), max(d for _, d in sizes)
    if expr.is_Mul:
        terms, degree = 1, 0
        for arg in expr.args:
            t, d = expanded_size(arg)
            terms, degree = min(terms * t, _CAP), min(degree + d, _CAP)
        return terms, degree
    if expr.is_Pow and expr.exp.is_Integer:
        t, d = expanded_size(expr.base)
        n = abs(int(expr.exp))
        if d * n > MAX_DEGREE:
            return _CAP, d * n
        return (1 if t == 1 else min(math.comb(n + t - 1, n), _CAP)), d * n
    return 1, 0


def check_power(base: Any, n: int) -> None:
    """Before SymPy builds ``base**n``: it multiplies an integer power into a product at once
    ((2*x1)^100 is 2^100*x1^100), so the degree and the coefficients it would make are checked."""
    if not base.is_Number and abs(n) > 1:
        _, degree = expanded_size(base)
        if degree * abs(n) > MAX_DEGREE:
            raise Bad(_TOO_HIGH)
        if coefficient_bits(base) * abs(n) > MAX_BITS:
            raise Bad(MAKES_TOO_MANY_DIGITS)


def check_size(expr: Any) -> None:
    """Before anything expands ``expr``: its degree and the number of terms it expands to."""
    terms, degree = expanded_size(expr)
    if degree > MAX_DEGREE:
        raise Bad(_TOO_HIGH)
    variables = len(expr.free_symbols)
    terms = min(terms, math.comb(degree + variables, variables))
    if terms > MAX_TERMS:
        raise Bad(f"it expands to more than {MAX_TERMS:,} terms, too large to compare")
