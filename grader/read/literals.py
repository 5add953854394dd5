"""Decimal literals read exactly: the :class:`Number` every number reader returns.

``parse_decimal`` reads one unsigned literal (digit groups, a point, an ``e`` exponent) into
an exact :class:`fractions.Fraction` built from the written digits -- never through
``float`` -- and remembers how it was written. It sits below both the number reader and the
expression tokenizer, which both read literals this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import Unreadable
from . import bounds

MAX_DIGITS = bounds.DIGITS
MAX_BITS = MAX_DIGITS * 3.33  # the bit length of a number of MAX_DIGITS digits (log2(10) = 3.32)
TOO_MANY_DIGITS = f"this number has too many digits; at most {MAX_DIGITS} are read."
MAKES_TOO_MANY_DIGITS = f"the number it makes has more than {MAX_DIGITS} digits"


def bits(numerator: int, denominator: int) -> int:
    """The bit length of the larger of a fraction's numerator and denominator."""
    return max(abs(numerator).bit_length(), denominator.bit_length())


@dataclass(frozen=True)
class Number:
    """A number as written: its exact value and how it was written.

    ``decimal``, ``digits`` (significant digits written) and ``places`` (the decimal places
    written: 3 for ``0.174`` and ``1.74e-1``, -2 for ``1.2e3``; None when not one decimal
    literal) let the grader accept ``0.174`` for ``25/144``, the exact value correctly
    rounded; ``inexact`` marks a JSON float, which in a key means a computed value to be
    compared with a tolerance rather than exactly.
    """

    value: Fraction
    decimal: bool = False
    digits: int = 0
    inexact: bool = False
    places: int | None = field(default=None, compare=False)

    @property
    def is_integer(self) -> bool:
        return self.value.denominator == 1

    def exact(self) -> int | Fraction:
        """The value as an int when whole, else the Fraction."""
        return self.value.numerator if self.value.denominator == 1 else self.value


_GROUPED = (
    re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d*)?"),    # 99,883,155,456
    re.compile(r"\d{1,3}(?: \d{3})+(?:\.\d*)?"),     # 99 883 155 456
    re.compile(r"\d{1,3}(?:'\d{3})+(?:\.\d*)?"),     # 99'883'155'456
    re.compile(r"\d+(?:_\d+)+(?:\.\d+)?"),           # 99_883_155_456
)
_PLAIN = re.compile(rf"(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[+-]?\d{{1,{bounds.EXPONENT_DIGITS}}}))?")


def parse_decimal(text: str) -> Number | None:
    """An unsigned decimal literal (digit groups, point, ``e`` exponent) read exactly, or None."""
    text = text.strip()
    for pattern in _GROUPED:
        if pattern.fullmatch(text):
            text = re.sub(r"[,' _]", "", text)
            break
    m = _PLAIN.fullmatch(text)
    if not m or not (m["int"] or m["frac"]):
        return None
    whole, frac, exp = m["int"] or "", m["frac"] or "", int(m["exp"] or 0)
    return _build(whole, frac, exp, decimal=m["frac"] is not None or m["exp"] is not None)


def _build(whole: str, frac: str, exp: int, *, decimal: bool) -> Number:
    digits = (whole + frac).lstrip("0")
    if digits:
        magnitude = len(whole.lstrip("0")) + exp if whole.lstrip("0") else exp - (len(frac) - len(frac.lstrip("0")))
        scale = len(frac) - exp
        if magnitude > MAX_DIGITS or scale > MAX_DIGITS + len(digits) or len(digits) > MAX_DIGITS:
            raise Unreadable(TOO_MANY_DIGITS)
    value = Fraction(int(whole + frac or "0"))
    shift = exp - len(frac)
    value = value * 10**shift if shift >= 0 else value / 10**-shift
    significant = len(digits) if digits else 1
    return Number(value, decimal=decimal, digits=significant if decimal else 0, places=len(frac) - exp if decimal else None)
