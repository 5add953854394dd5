"""Reading symbolic answers with our own parser, never with ``eval``, into :mod:`.algebra` trees.

``sympify`` and ``parse_expr`` run ``eval`` on their input, so student text must never reach
them. The tokenizer (``tokens``) works against a whitelist (numbers, the part's declared symbols,
``+ - * / ^ **``, brackets and ``\\frac``) and a small precedence-climbing parser (``parser``)
builds the tree directly. Anything else is refused with a message saying what *is* allowed.

Limits (text length, nesting, exponents, digits, degree) are checked while building
(``limits``), so ``9**9**9**9`` is refused in microseconds instead of being computed; an
expression whose denominator is 0 whatever its names' values (``x1/(x1 - x1)``) is refused as
dividing by zero, found by evaluation (``identity``). Keys and answers are read alike, and
reading or comparing never imports SymPy.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Sequence

from ..errors import Unreadable
from . import algebra
from .algebra import Expr
from .identity import divides_by_zero
from .limits import MAX_TEXT, TOO_HIGH, MAX_DEGREE, check_degree
from .literals import MAKES_TOO_MANY_DIGITS, MAX_BITS, bits
from .numbers import TooManyDigits, read_number
from .parser import DIVIDES_BY_ZERO, Parser
from .text import check_length, shown
from .tokens import Bad, Names, prepare, tokenize


def _bounded(expr: Expr) -> Expr:
    """A computed constant may not outgrow the digits a number may have (``10^399*10^399*...``)."""
    value = expr.value
    if value is not None and bits(value.numerator, value.denominator) > MAX_BITS:
        raise Bad(MAKES_TOO_MANY_DIGITS)
    return expr


class _TreeValues:
    """Builds :class:`~.algebra.Expr` trees: what the parser makes for expression answers."""

    def number(self, value: Fraction) -> Expr:
        return algebra.number(value)

    def symbol(self, name: str) -> Expr:
        return algebra.symbol(name)

    def constant(self, value: Expr) -> Fraction | None:
        """The value as a Fraction when it is a plain number, else None."""
        return value.value

    def power(self, base: Expr, n: int) -> Expr:
        if base.value is None and max(base.degree) * abs(n) > MAX_DEGREE:
            raise Bad(TOO_HIGH)
        return algebra.power(base, n)

    def add(self, terms: list[Expr]) -> Expr:
        return _bounded(algebra.add(terms))

    def mul(self, factors: list[Expr]) -> Expr:
        return _bounded(algebra.mul(factors))


def _example(names: Names) -> str:
    found = sorted(names.by_canonical.values())
    if not found:
        return "3/4 + 2^5"
    if len(found) == 1:
        return f"3*{found[0]}^2 - 1/2"
    return f"2*{found[0]}*({found[1]} + 1)"


def read_expression(value: Any, symbols: Sequence[str]) -> Expr:
    """An expression tree from text (or a JSON number) using only the declared ``symbols``."""
    if isinstance(value, str) and len(value) <= MAX_TEXT:
        # Trees are immutable, so a key's texts (and an answer's repeated entries) are read once;
        # only short texts are remembered, so the memory this takes stays small whatever is submitted.
        reader = _read_text if len(value) <= _REMEMBERED else _read_text.__wrapped__
        read = reader(value, tuple(symbols))
        if isinstance(read, str):
            raise Unreadable(read)
        return read
    names = _names(tuple(symbols))
    if isinstance(value, bool) or isinstance(value, (list, tuple, dict)) or value is None:
        raise Unreadable(f"expected one expression; write it like {_example(names)}.")
    if isinstance(value, (int, float, Decimal, Fraction, TooManyDigits)):
        return algebra.number(read_number(value).value)
    if not isinstance(value, str):
        raise Unreadable(f"expected one expression; write it like {_example(names)}.")
    check_length(value, MAX_TEXT, limit_of=" for an expression")
    raise AssertionError("unreachable")  # pragma: no cover


_REMEMBERED = 200  # characters of a text whose reading is remembered (every key's are shorter)


@lru_cache(maxsize=64)
def _names(symbols: tuple[str, ...]) -> Names:
    return Names(symbols)


@lru_cache(maxsize=4096)
def _read_text(value: str, symbols: tuple[str, ...]) -> Expr | str:
    """One text read, or the sentence refusing it; remembered, as one answer often repeats an entry."""
    names = _names(symbols)
    try:
        tokens = tokenize(prepare(value), names)
        expr = Parser(tokens, _TreeValues()).parse()
        check_degree(expr)
        if divides_by_zero(expr):
            raise Bad(DIVIDES_BY_ZERO)
    except (Bad, Unreadable) as exc:
        if str(exc) == DIVIDES_BY_ZERO:  # nothing to say about notation: the expression itself is undefined
            return (f"could not read {shown(value)} as an expression: {DIVIDES_BY_ZERO} "
                    "(a denominator in it is 0 whatever the values of its names).")
        allowed = f"the names {names.listing()}, " if names.by_canonical else ""
        how = (f"write it like {_example(names)}" if getattr(exc, "names_given", False) else
               f"write it with {allowed}numbers, + - * / ^ and parentheses, like {_example(names)}")
        return f"could not read {shown(value)} as an expression: {str(exc).rstrip('.')}; {how}."
    except RecursionError:
        return f"could not read {shown(value)} as an expression: it is nested too deeply."
    return expr
