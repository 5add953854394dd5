"""Plain arithmetic in a number answer (``2·3``, ``3 × 3 × 64 + 64``, ``2^10``), exactly.

The expressions' whitelist tokenizer and parser, building Fractions instead of SymPy objects
and knowing no names, so a number answer never imports SymPy and is never evaluated as code.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..errors import Unreadable
from .limits import MAX_TEXT
from .literals import MAKES_TOO_MANY_DIGITS, MAX_BITS, bits
from .parser import Parser
from .text import check_length
from .tokens import Bad, Names, prepare, tokenize


class _FractionValues:
    """Builds Fractions: plain arithmetic in a number answer (``2·3``, ``3*3*64 + 64``), no SymPy."""

    def number(self, value: Fraction) -> Fraction:
        return value

    def symbol(self, name: str) -> Any:  # pragma: no cover - no names are declared for numbers
        raise Bad(f"a number cannot contain the name {name!r}")

    def constant(self, value: Fraction) -> Fraction:
        return value

    def power(self, base: Fraction, n: int) -> Fraction:
        return base**n

    def add(self, terms: list[Fraction]) -> Fraction:
        return sum(terms, Fraction(0))

    def mul(self, factors: list[Fraction]) -> Fraction:
        value = Fraction(1)
        for factor in factors:
            value *= factor
        return value


def evaluate_number(text: str) -> Fraction:
    """Plain arithmetic on numbers (``2·3``, ``3 × 3 × 64 + 64``, ``2^10``) as an exact Fraction.

    The same whitelist parser as for expressions, building Fractions instead of SymPy objects
    and knowing no names, so a number answer never imports SymPy and is never evaluated as code.
    Raises Unreadable with the reason.
    """
    check_length(text, MAX_TEXT)
    try:
        tokens = tokenize(prepare(text, times=True), Names(()))
        value = Parser(tokens, _FractionValues()).parse()
    except Bad as exc:
        raise Unreadable(str(exc)) from None
    except RecursionError:
        raise Unreadable("it is nested too deeply") from None
    if bits(value.numerator, value.denominator) > MAX_BITS:
        raise Unreadable(MAKES_TOO_MANY_DIGITS)
    return value
