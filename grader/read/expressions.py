"""Reading symbolic answers with our own parser, never with ``eval``.

``sympify`` and ``parse_expr`` run ``eval`` on their input, so student text must never reach
them. The tokenizer (``tokens``) works against a whitelist (numbers, the part's declared symbols,
``+ - * / ^ **``, brackets, ``\\frac``) and a small precedence-climbing parser (``parser``) builds SymPy
objects directly. Anything else is refused with a message saying what *is* allowed.

Limits (text length, nesting, exponents, digits, and the size the expression would expand
to) are checked while building (``limits``), so ``9**9**9**9`` is refused in microseconds
instead of being computed. Whether two expressions are equal is decided in ``identity``.

SymPy is imported inside the functions only: grading numeric answers never imports it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Sequence

from ..errors import Unreadable
from .limits import MAX_TEXT, check_power, check_size
from .numbers import TooManyDigits, read_number
from .parser import Parser
from .text import check_length, shown
from .tokens import Bad, Names, prepare, tokenize


class _SympyValues:
    """Builds SymPy objects: what the parser makes for expression answers."""

    def __init__(self) -> None:
        import sympy

        self.sp = sympy

    def number(self, value: Fraction) -> Any:
        sp = self.sp
        return sp.Integer(value.numerator) if value.denominator == 1 else sp.Rational(value.numerator, value.denominator)

    def symbol(self, name: str) -> Any:
        return self.sp.Symbol(name)

    def constant(self, value: Any) -> Fraction | None:
        """The value as a Fraction when it is a plain number, else None."""
        return Fraction(int(value.p), int(value.q)) if value.is_Rational else None

    def power(self, base: Any, n: int) -> Any:
        check_power(base, n)
        return self.sp.Pow(base, n)

    def add(self, terms: list[Any]) -> Any:
        return self.sp.Add(*terms)  # one flattening for all terms, not one per "+" (quadratic)

    def mul(self, factors: list[Any]) -> Any:
        return self.sp.Mul(*factors)


def _example(names: Names) -> str:
    found = sorted(names.by_canonical.values())
    if not found:
        return "3/4 + 2^5"
    if len(found) == 1:
        return f"3*{found[0]}^2 - 1/2"
    return f"2*{found[0]}*({found[1]} + 1)"


def read_expression(value: Any, symbols: Sequence[str]) -> Any:
    """A SymPy expression from text (or a JSON number) using only the declared ``symbols``."""
    import sympy

    names = Names(symbols)
    if isinstance(value, bool) or isinstance(value, (list, tuple, dict)) or value is None:
        raise Unreadable(f"expected one expression; write it like {_example(names)}.")
    if isinstance(value, (int, float, Decimal, Fraction, TooManyDigits)):
        number = read_number(value).value
        return sympy.Rational(number.numerator, number.denominator)
    if not isinstance(value, str):
        raise Unreadable(f"expected one expression; write it like {_example(names)}.")
    check_length(value, MAX_TEXT, limit_of=" for an expression")
    try:
        tokens = tokenize(prepare(value), names)
        expr = Parser(tokens, _SympyValues()).parse()
        if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise Bad("it divides by zero")
        check_size(expr)
    except (Bad, Unreadable) as exc:
        allowed = f"the names {names.listing()}, " if names.by_canonical else ""
        how = (f"write it like {_example(names)}" if getattr(exc, "names_given", False) else
               f"write it with {allowed}numbers, + - * / ^ and parentheses, like {_example(names)}")
        raise Unreadable(f"could not read {shown(value)} as an expression: {str(exc).rstrip('.')}; {how}.") from None
    except RecursionError:
        raise Unreadable(f"could not read {shown(value)} as an expression: it is nested too deeply.") from None
    return expr
