"""A small precedence-climbing parser over the whitelist tokens.

It builds values through a ``values`` object -- expression trees for expression answers
(``expressions``), exact Fractions for arithmetic in a number answer (``arithmetic``) -- so
one grammar serves both and nothing is ever evaluated as code.
"""

from __future__ import annotations

from typing import Any

from .limits import MAX_DEPTH, MAX_EXPONENT
from .literals import MAKES_TOO_MANY_DIGITS, MAX_BITS, bits
from .text import shown
from .tokens import Bad, Token

_CLOSE_OF = {"(": ")", "[": "]", "{": "}"}
DIVIDES_BY_ZERO = "this expression divides by zero"


class Parser:
    """Precedence climbing over the tokens, building values (expression trees, Fractions) as it goes.

    Grammar::

        expr  := term (("+" | "-") term)*
        term  := unary (("*" | "/") unary | power)*        # juxtaposition multiplies: 2k1, k1(x1+x2)
        unary := ("+" | "-")* power
        power := atom ("^" unary)?                         # right-associative, -x^2 = -(x^2)
        atom  := number | name | "(" expr ")" | "[" expr "]" | "{" expr "}" | \\frac{expr}{expr}
    """

    def __init__(self, tokens: list[Token], values: Any) -> None:
        self.tokens = tokens
        self.pos = 0
        self.values = values

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise Bad("the expression ends too early")
        self.pos += 1
        return tok

    def parse(self) -> Any:
        if not self.tokens:
            raise Bad("it is empty")
        value = self.expr(0)
        tok = self.peek()
        if tok is not None:
            hint = " (a closing bracket without an opening one?)" if tok.kind == "close" else ""
            raise Bad(f"unexpected {shown(tok.text, 30)}{hint}")
        return value

    def expr(self, depth: int) -> Any:
        terms = [self.term(depth)]
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.text in "+-":
            self.take()
            right = self.term(depth)
            terms.append(right if tok.text == "+" else -right)
        return terms[0] if len(terms) == 1 else self.values.add(terms)

    def term(self, depth: int) -> Any:
        factors = [self.unary(depth)]
        while (tok := self.peek()) is not None:
            if tok.kind == "op" and tok.text in "*/":
                self.take()
                right = self.unary(depth)
                factors.append(right if tok.text == "*" else self.inverse(right))
            elif tok.kind in ("name", "open", "frac"):
                factors.append(self.power(depth))
            elif tok.kind == "num":
                raise Bad(f"a number ({shown(tok.text, 30)[1:-1]}) follows another value without an operator; "
                           "put * between them")
            else:
                break
        return factors[0] if len(factors) == 1 else self.values.mul(factors)

    def unary(self, depth: int) -> Any:
        negative = False
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.text in "+-":
            self.take()
            negative ^= tok.text == "-"
        value = self.power(depth)
        return -value if negative else value

    def power(self, depth: int) -> Any:
        base = self.atom(depth)
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.text == "^":
            self.take()
            exponent = self.unary(self.deeper(depth))
            return self.raise_to(base, exponent)
        return base

    def atom(self, depth: int) -> Any:
        tok = self.take()
        if tok.kind == "num":
            return self.values.number(tok.value)
        if tok.kind == "name":
            return self.values.symbol(tok.value)
        if tok.kind == "open":
            return self.group(tok, depth)
        if tok.kind == "frac":
            top = self.group(self.take_open("{", "\\frac needs two groups: \\frac{a}{b}"), depth)
            bottom = self.group(self.take_open("{", "\\frac needs two groups: \\frac{a}{b}"), depth)
            return self.divide(top, bottom)
        if tok.kind == "close":
            raise Bad(f"unexpected {shown(tok.text)} (a closing bracket without an opening one, or an empty group?)")
        raise Bad(f"unexpected {shown(tok.text, 30)}")

    def take_open(self, ch: str, message: str) -> Token:
        tok = self.peek()
        if tok is None or tok.kind != "open" or tok.text != ch:
            raise Bad(message)
        return self.take()

    @staticmethod
    def deeper(depth: int) -> int:
        """One level deeper (an exponent, a bracket), refused beyond MAX_DEPTH."""
        if depth + 1 > MAX_DEPTH:
            raise Bad(f"it is nested more than {MAX_DEPTH} levels deep")
        return depth + 1

    def group(self, opener: Token, depth: int) -> Any:
        value = self.expr(self.deeper(depth))
        tok = self.peek()
        if tok is None or tok.kind != "close":
            raise Bad(f"a {opener.text!r} is never closed")
        if tok.text != _CLOSE_OF[opener.text]:
            raise Bad(f"{opener.text!r} is closed by {shown(tok.text)}")
        self.take()
        return value

    def inverse(self, bottom: Any) -> Any:
        if self.values.constant(bottom) == 0:
            raise Bad(DIVIDES_BY_ZERO)
        return self.values.power(bottom, -1)

    def divide(self, top: Any, bottom: Any) -> Any:
        return self.values.mul([top, self.inverse(bottom)])

    def raise_to(self, base: Any, exponent: Any) -> Any:
        n_value = self.values.constant(exponent)
        if n_value is None or n_value.denominator != 1:
            raise Bad("exponents must be whole numbers, like x^2 or x^-1")
        n = n_value.numerator
        if abs(n) > MAX_EXPONENT:
            size = str(n) if len(str(abs(n))) <= 20 else "of " + f"{len(str(abs(n)))} digits"
            raise Bad(f"the exponent {size} is too large; exponents are whole numbers from "
                       f"-{MAX_EXPONENT} to {MAX_EXPONENT}")
        constant = self.values.constant(base)
        if constant is not None:
            if constant == 0 and n < 0:
                raise Bad(DIVIDES_BY_ZERO)
            if bits(constant.numerator, constant.denominator) * abs(n) > MAX_BITS:
                raise Bad(MAKES_TOO_MANY_DIGITS)
        return self.values.power(base, n)
