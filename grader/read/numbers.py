"""Reading integers and numbers the ways people write them, exactly.

Students write ``7/4``, ``1.75``, ``\\frac{7}{4}``, ``99,883,155,456`` or ``9.9883155456e10``
for the same kind of value, sometimes the arithmetic itself (``3*3*64 + 64``, ``2·3``, which
the expressions' whitelist parser evaluates exactly, without SymPy), and keys hold
ints, ``"7/4"`` strings and floats. All of them are read here into a :class:`Number` whose
value is an exact :class:`fractions.Fraction` built from the written digits -- never through
``float`` -- so ``9.9883155456e10`` *equals* 99883155456 and a rounding error can never turn
a right answer wrong.

Limits on text length and digit count keep reading cheap whatever a submission holds.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..errors import Unreadable
from . import bounds
from .arithmetic import evaluate_number
from .literals import MAX_BITS, MAX_DIGITS, TOO_MANY_DIGITS, Number, parse_decimal
from .text import check_length, normalize, printable, shown

MAX_TEXT = bounds.NUMBER_TEXT
MAX_ARITHMETIC = bounds.ARITHMETIC_TEXT


class TooManyDigits:
    """A JSON integer too long to convert (the submission reader keeps it as this marker).

    Python refuses to turn more than about 4300 digits into an int, and converting a long
    one costs time, so the file reader does not try: the one answer that holds it is refused
    with a message, and the rest of the file is graded.
    """

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<an integer of {self.digits:,} digits>"


_TEN_TO = rf"10\s*(?:\^|\*\*)\s*(?:\{{\s*(?P<e1>[+-]?\d{{1,{bounds.EXPONENT_DIGITS}}})\s*\}}|(?P<e2>[+-]?\d{{1,{bounds.EXPONENT_DIGITS}}}))"
_SCI = re.compile(r"(?P<m>[\d.,' _]+?)\s*(?:\\times|\\cdot|×|\*|·|⋅|x|X)\s*" + _TEN_TO)
_POW10 = re.compile(_TEN_TO)
_FRAC = re.compile(r"\\[dt]?frac\s*(?:\{(?P<a>[^{}]*)\}|(?P<a1>\d))\s*(?:\{(?P<b>[^{}]*)\}|(?P<b1>\d))")


def _exponent(match: re.Match[str]) -> int:
    """The power of ten matched by ``_TEN_TO``, refused beyond the digits a number may have."""
    exp = int(match["e1"] or match["e2"])
    if abs(exp) > MAX_DIGITS:
        raise Unreadable(TOO_MANY_DIGITS)
    return exp


def _unsigned(text: str) -> Number | None:
    """One unsigned number without ``/``: plain, grouped, scientific or a power of ten."""
    text = text.strip()
    number = parse_decimal(text)
    if number is not None:
        return number
    m = _SCI.fullmatch(text)
    if m:
        mantissa = parse_decimal(m["m"])
        if mantissa is None:
            return None
        exp = _exponent(m)
        value = mantissa.value * Fraction(10) ** exp
        if value and abs(value.numerator).bit_length() > MAX_BITS:
            raise Unreadable(TOO_MANY_DIGITS)
        places = (mantissa.places or 0) - exp
        return Number(value, decimal=True, digits=mantissa.digits or len(m["m"].strip().replace(".", "").lstrip("0")) or 1,
                      places=places)
    m = _POW10.fullmatch(text)
    if m:
        return Number(Fraction(10) ** _exponent(m))
    return None


def _unwrapped(text: str) -> str:
    """The text without the parentheses or braces around all of it: ``((3))`` is ``3``."""
    text = text.strip()
    while len(text) >= 2 and (text[0], text[-1]) in {("(", ")"), ("{", "}")}:
        text = text[1:-1].strip()
    return text


def _signed(text: str) -> Number | None:
    """An optionally signed number (``-3``, ``+7``), in parentheses or braces or not."""
    text = _unwrapped(text)
    sign = 1
    if text[:1] in "+-" and text:
        sign = -1 if text[0] == "-" else 1
        text = _unwrapped(text[1:])
    number = _unsigned(text)
    if number is None:
        return None
    return Number(sign * number.value, number.decimal, number.digits, places=number.places)


def _ratio(top: Number, bottom: Number) -> Number:
    if bottom.value == 0:
        raise Unreadable(f"this number divides by zero; {HOW_NUMBER}.")
    decimal = top.decimal or bottom.decimal
    digits = min(d for d in (top.digits, bottom.digits) if d) if decimal else 0
    return Number(top.value / bottom.value, decimal, digits)


HOW_NUMBER = "write it like 7/4, 1.75, -3 or 99,883,155,456"
_ARITHMETIC = re.compile(r"[*·⋅×^()+]|\\times|\\cdot|\\frac|(?<=\S)\s*-")


def parse_number_text(text: str) -> Number:
    """A number written as text, in any notation this module knows; Unreadable otherwise."""
    check_length(text, MAX_TEXT, how=HOW_NUMBER)
    raw = text
    text = normalize(text)
    number: Number | None = None
    if text:
        sign = 1
        body = text
        if body[:1] in "+-":
            sign, body = (-1 if body[0] == "-" else 1), body[1:].strip()
        frac = _FRAC.fullmatch(body)
        if frac:
            top = _signed(frac["a"] if frac["a"] is not None else frac["a1"])
            bottom = _signed(frac["b"] if frac["b"] is not None else frac["b1"])
            if top is not None and bottom is not None:
                number = _ratio(top, bottom)
        elif body.count("/") == 1:
            left, right = body.split("/")
            top, bottom = _signed(left), _signed(right)
            if top is not None and bottom is not None:
                number = _ratio(top, bottom)
        else:
            number = _signed(body)
        if number is not None and sign < 0:
            number = Number(-number.value, number.decimal, number.digits, places=number.places)
    if number is None and _ARITHMETIC.search(text):
        if len(text) > MAX_ARITHMETIC:
            raise Unreadable(f"could not read {shown(raw)} as a number: as arithmetic it is {len(text):,} characters "
                             f"long, and at most {MAX_ARITHMETIC} are read; {HOW_NUMBER}.")
        try:
            number = Number(evaluate_number(text))
        except Unreadable as exc:
            raise Unreadable(f"could not read {shown(raw)} as a number: {str(exc).rstrip('.')}; {HOW_NUMBER}.") from None
    if number is None:
        if any(not printable(ch) for ch in text):
            raise Unreadable(f"could not read {shown(raw)} as a number: it holds an invisible control character "
                             f"(shown as \ufffd); {HOW_NUMBER}.")
        if re.fullmatch(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+", text):  # 1e999999999: a billion digits
            raise Unreadable(f"could not read {shown(raw)} as a number: its exponent makes more than {MAX_DIGITS} "
                             "digits, the most a number may have.")
        if re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", text):
            raise Unreadable(f"could not read {shown(raw)} as a number; use a point for decimals (like 3.5) "
                             "and commas only between groups of three digits (like 99,883).")
        raise Unreadable(f"could not read {shown(raw)} as a number; {HOW_NUMBER}.")
    return number


def read_number(value: Any) -> Number:
    """A number from a JSON value (int, float, Decimal, Fraction) or from text."""
    if isinstance(value, bool):
        raise Unreadable(f"{str(value).lower()} is not a number; {HOW_NUMBER}.")
    if isinstance(value, TooManyDigits):
        raise Unreadable(f"this number has {value.digits:,} digits; at most {MAX_DIGITS} are read.")
    if isinstance(value, int):
        if abs(value).bit_length() > MAX_BITS and abs(value) >= 10**MAX_DIGITS:
            raise Unreadable(TOO_MANY_DIGITS)
        return Number(Fraction(value))
    if isinstance(value, Fraction):
        return Number(value)
    if isinstance(value, (float, Decimal)):
        if not (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)):
            raise Unreadable(f"{value} is not a number; {HOW_NUMBER}.")
        text = repr(value) if isinstance(value, float) else str(value)
        if len(text) > MAX_TEXT:
            raise Unreadable(TOO_MANY_DIGITS)
        number = _signed(text.lower().replace("e+", "e"))
        if number is None:  # an exponent beyond what is read (1e9999999); finite floats always read
            raise Unreadable(f"could not read {shown(text)} as a number; its exponent is too large.")
        return Number(number.value, True, number.digits or 1, inexact=True, places=number.places)
    if isinstance(value, str):
        return parse_number_text(value)
    if isinstance(value, (list, tuple)):
        raise Unreadable(f"expected one number, not a list; {HOW_NUMBER}.")
    raise Unreadable(f"expected a number; {HOW_NUMBER}.")


def read_integer(value: Any) -> int:
    """A whole number (``7``, ``7.0``, ``"1,024"``); Unreadable for ``7.5``."""
    number = read_number(value)
    if not number.is_integer:
        raise Unreadable(f"{shown(value)} is not a whole number.")
    return number.value.numerator


def terminates(value: Fraction) -> bool:
    """True when the value has a finite decimal expansion (its denominator is 2^a 5^b)."""
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def format_number(number: Number) -> str:
    """A number for display: ``42``, ``7/4``, or a float with 12 significant digits."""
    if number.inexact:
        text = f"{float(number.value):.12g}"
        return text
    value = number.value
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
