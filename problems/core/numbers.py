"""Exact numbers as answers hold them: a Fraction that is whole becomes an int.

Answers compare and print cleanly that way (``3`` rather than ``Fraction(3, 1)``); anything
else (an int, a proper Fraction, a SymPy expression) passes through unchanged.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any


def exact(value: Any) -> Any:
    """``value`` with a whole Fraction turned into an int."""
    # type() rather than isinstance(): Fraction's ABC check is slow, and sheets call this a lot.
    if type(value) is Fraction and value.denominator == 1:
        return value.numerator
    return value


def frozen(value: Any) -> Any:
    """Nested lists (or tuples) as nested tuples of exact values, the form answers and steps hold."""
    if not isinstance(value, (list, tuple)):
        return exact(value)
    return tuple(frozen(v) if isinstance(v, (list, tuple))
                 else v.numerator if type(v) is Fraction and v.denominator == 1 else v
                 for v in value)
