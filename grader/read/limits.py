"""What an expression may cost, checked while it is built rather than after.

``9**9**9**9`` would take minutes or all memory to compute; the parser checks exponents,
nesting and the digits of the numbers it computes as it goes, and ``check_degree`` bounds
the degree of the rational function an expression is (which is what makes comparing it by
evaluation modulo primes trustworthy, see :mod:`.identity`). Nothing is ever expanded, so
an expression within these bounds costs microseconds to read and compare whatever its
expansion would cost.
"""

from __future__ import annotations

from . import bounds
from .algebra import Expr
from .tokens import Bad

MAX_TEXT = bounds.EXPRESSION_TEXT
MAX_DEPTH = bounds.EXPRESSION_DEPTH
MAX_EXPONENT = bounds.EXPONENT
MAX_DEGREE = bounds.DEGREE
TOO_HIGH = f"its degree is above {MAX_DEGREE}, too large to compare"


def check_degree(expr: Expr) -> None:
    """Refuse an expression whose numerator or denominator has a degree above MAX_DEGREE."""
    if max(expr.degree) > MAX_DEGREE:
        raise Bad(TOO_HIGH)
