"""Exact numbers as answers hold them: a Fraction that is whole becomes an int.

Answers compare and print cleanly that way (``3`` rather than ``Fraction(3, 1)``); anything
else (an int, a proper Fraction, a SymPy expression) passes through unchanged.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any


def exact(value: Any) -> Any:
    """``value`` with a whole Fraction turned into an int."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def frozen(value: Any) -> Any:
    """Nested lists (or tuples) as nested tuples of exact values, the form answers and steps hold."""
    if isinstance(value, (list, tuple)):
        return tuple(frozen(v) for v in value)
    return exact(value)
