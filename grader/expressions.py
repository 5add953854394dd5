"""Reading symbolic answers with our own parser, never with ``eval``.

``sympify`` and ``parse_expr`` run ``eval`` on their input, so student text must never reach
them. This module tokenizes against a whitelist (numbers, the part's declared symbols,
``+ - * / ^ **``, brackets, ``\\frac``) and a small precedence-climbing parser builds SymPy
objects directly. Anything else is refused with a message saying what *is* allowed.

Limits (text length, nesting, exponents, digits, and the size the expression would expand
to) are checked while building, so ``9**9**9**9`` is refused in microseconds instead of
being computed. Two expressions are compared by evaluating both at random points modulo
random large primes (``same_expression``), which costs the same whatever the expansion
would: ``1/(k1+k2+k3+1)^9 + ...`` is compared in a millisecond, not cancelled for seconds.

SymPy is imported inside the functions only: grading numeric answers never imports it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Sequence

from .errors import BadKey, Unreadable
from .numbers import MAX_DIGITS, TooManyDigits, normalize, parse_decimal, read_number, shown

if TYPE_CHECKING:  # pragma: no cover
    import sympy

MAX_TEXT = 1_000  # characters of one expression; the longest in any key is under 100
MAX_DEPTH = 50
MAX_EXPONENT = 100
MAX_TERMS = 5_000
MAX_DEGREE = 1_000
_CAP = 10**12

_LETTERS = "A-Za-z\u0391-\u03a9\u03b1-\u03c9"
_IDENT = re.compile(rf"[{_LETTERS}][{_LETTERS}0-9]*")
_DECLARED = re.compile(rf"[{_LETTERS}][{_LETTERS}0-9_{{}}]*")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?:\d+\.?\d*|\.\d+)")
_EXPONENT = re.compile(r"[eE][+-]?\d{1,6}")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


class _Bad(Exception):
    """A problem found while reading; read_expression turns it into an Unreadable.

    ``names_given`` marks messages that already list the allowed names.
    """

    def __init__(self, message: str, names_given: bool = False) -> None:
        super().__init__(message)
        self.names_given = names_given


def _char(ch: str) -> str:
    """One character for a message: quoted when it prints, else its code (``U+202E``)."""
    if unicodedata.category(ch)[0] == "C":
        return f"U+{ord(ch):04X} (an invisible control character)"
    return repr(ch)


def canonical(name: str) -> str:
    """A declared name as it is matched: ``k_1``, ``k_{1}`` and ``k1`` are the same name."""
    return re.sub(r"[_{}\s]", "", name)


def names_in(text: str) -> tuple[str, ...]:
    """The identifiers in a key's expression text, for parts that declare no ``symbols``."""
    found: list[str] = []
    for name in re.findall(r"(?<![0-9.])[A-Za-z_][A-Za-z0-9_]*", text):
        if name not in found:
            found.append(name)
    return tuple(found)


@dataclass(frozen=True)
class _Tok:
    kind: str  # num, name, op, open, close, frac
    text: str
    value: Any = None


class _Names:
    """The declared symbols, matched by canonical spelling; splits ``k1x1`` into ``k1 x1``."""

    def __init__(self, declared: Sequence[str]) -> None:
        self.by_canonical: dict[str, str] = {}
        for name in declared:
            if not isinstance(name, str) or not _DECLARED.fullmatch(name):
                raise BadKey(f"{name!r} cannot be a symbol name.")
            key = canonical(name)
            if key in self.by_canonical and self.by_canonical[key] != name:
                raise BadKey(f"the symbol names {self.by_canonical[key]!r} and {name!r} are the same name.")
            self.by_canonical[key] = name
        self.longest = max((len(k) for k in self.by_canonical), default=0)
        self.no_exponent_e = any(k[0] in "eE" for k in self.by_canonical)

    def listing(self) -> str:
        return ", ".join(sorted(self.by_canonical))

    def split(self, run: str) -> list[str]:
        """``run`` as a product of declared names, longest names first; _Bad when impossible."""
        n = len(run)
        best: list[int | None] = [None] * (n + 1)
        best[n] = 0
        for i in range(n - 1, -1, -1):
            for length in range(min(self.longest, n - i), 0, -1):
                if best[i + length] is not None and run[i:i + length] in self.by_canonical:
                    best[i] = length
                    break
        if best[0] is None:
            raise _Bad(self._unknown(run), names_given=True)
        pieces, i = [], 0
        while i < n:
            length = best[i]
            assert length
            pieces.append(self.by_canonical[run[i:i + length]])
            i += length
        return pieces

    def _unknown(self, run: str) -> str:
        if not self.by_canonical:
            return f"unknown name {shown(run, 30)}; this answer has no symbols, only numbers"
        near = [k for k in self.by_canonical if k.lower() == run.lower()]
        hint = f" (did you mean {near[0]}?)" if near else ""
        return f"unknown name {shown(run, 30)}{hint}; the names allowed are {self.listing()} (case matters)"


def _prepare(text: str, times: bool = False) -> str:
    text = normalize(text)
    text = re.sub(r"\\(?:left|right)\b\s*", "", text)
    text = re.sub(r"\\[bB]igg?[lr]?\b", "", text)
    text = re.sub(r"\\[dt]frac\b", r"\\frac", text)
    text = re.sub(r"\\frac\s*(\d|[A-Za-z])\s*(\d|[A-Za-z])", r"\\frac{\1}{\2}", text)
    text = re.sub(r"\\frac\s*(\{[^{}]*\})\s*(\d|[A-Za-z])", r"\\frac\1{\2}", text)
    text = re.sub(r"\\frac\s*(\d|[A-Za-z])\s*\{", r"\\frac{\1}{", text)
    text = re.sub(r"\\(?:cdot|ast)\b|[·⋅∙]", "*", text)
    text = re.sub(r"(?:\\times\b|×)(?=\s*10\s*(?:\^|\*\*))" if not times else r"\\times\b|×", "*", text)
    if re.search(r"\\times\b|×", text):
        raise _Bad("use * or · to multiply in an expression (× is for shapes)")
    text = re.sub(r"([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "^(" + m[1].translate(_SUPERSCRIPTS) + ")", text)
    text = re.sub(r"_\s*\{\s*([A-Za-z0-9]+)\s*\}", r"\1", text)
    text = re.sub(r"_\s*([0-9]+|[A-Za-z])", r"\1", text)
    return text


def _tokenize(text: str, names: _Names) -> list[_Tok]:
    tokens: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        m = _NUMBER.match(text, i) if ch.isdigit() or ch == "." else None  # not ①: isdigit, but no \d
        if m:
            literal, i = m.group(), m.end()
            e = _EXPONENT.match(text, i)
            if e and not names.no_exponent_e:
                literal, i = literal + e.group(), e.end()
            if literal.isdigit() and len(literal) <= MAX_DIGITS:
                tokens.append(_Tok("num", literal, Fraction(int(literal))))  # the common case, fast
                continue
            number = parse_decimal(literal)
            if number is None:  # pragma: no cover - the pattern only matches literals
                raise _Bad(f"could not read the number {literal!r}")
            tokens.append(_Tok("num", literal, number.value))
            continue
        m = _IDENT.match(text, i)
        if m:
            for name in names.split(m.group()):
                tokens.append(_Tok("name", name, name))
            i = m.end()
            continue
        if ch == "\\":
            m = _COMMAND.match(text, i)
            if not m:
                raise _Bad(f"unexpected {shown(text[i:i + 2])}")
            command = m[1]
            if command == "frac":
                tokens.append(_Tok("frac", "\\frac"))
            elif command in names.by_canonical:
                tokens.append(_Tok("name", "\\" + command, names.by_canonical[command]))
            else:
                raise _Bad(f"\\{command} is not allowed here")
            i = m.end()
            continue
        if text.startswith("**", i):
            tokens.append(_Tok("op", "^"))
            i += 2
            continue
        if ch in "+-*/^":
            tokens.append(_Tok("op", ch))
        elif ch in "([{":
            tokens.append(_Tok("open", ch))
        elif ch in ")]}":
            tokens.append(_Tok("close", ch))
        elif ch == ",":
            raise _Bad("a comma is not allowed in one expression (commas group thousands only: 1,234)")
        else:
            raise _Bad(f"the character {_char(ch)} is not allowed")
        i += 1
    return tokens


_CLOSE_OF = {"(": ")", "[": "]", "{": "}"}


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
        if not base.is_Number and abs(n) > 1:
            # SymPy multiplies an integer power into a product at once ((2*x1)^100 is
            # 2^100*x1^100), so the degree and the coefficients it would make are checked first.
            _, degree = _size(base)
            if degree * abs(n) > MAX_DEGREE:
                raise _Bad(f"its degree is above {MAX_DEGREE}, too large to compare")
            if _coefficient_bits(base) * abs(n) > MAX_DIGITS * 3.33:
                raise _Bad(f"the number it makes has more than {MAX_DIGITS} digits")
        return self.sp.Pow(base, n)

    def add(self, terms: list[Any]) -> Any:
        return self.sp.Add(*terms)  # one flattening for all terms, not one per "+" (quadratic)

    def mul(self, factors: list[Any]) -> Any:
        return self.sp.Mul(*factors)


def _coefficient_bits(expr: Any) -> int:
    """The bit length of the largest numerator or denominator written in ``expr``."""
    import sympy

    return max((max(abs(int(r.p)).bit_length(), int(r.q).bit_length()) for r in expr.atoms(sympy.Rational)),
               default=0)


class _FractionValues:
    """Builds Fractions: plain arithmetic in a number answer (``2·3``, ``3*3*64 + 64``), no SymPy."""

    def number(self, value: Fraction) -> Fraction:
        return value

    def symbol(self, name: str) -> Any:  # pragma: no cover - no names are declared for numbers
        raise _Bad(f"a number cannot contain the name {name!r}")

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


class _Parser:
    """Precedence climbing over the tokens, building SymPy objects as it goes.

    Grammar::

        expr  := term (("+" | "-") term)*
        term  := unary (("*" | "/") unary | power)*        # juxtaposition multiplies: 2k1, k1(x1+x2)
        unary := ("+" | "-")* power
        power := atom ("^" unary)?                         # right-associative, -x^2 = -(x^2)
        atom  := number | name | "(" expr ")" | "[" expr "]" | "{" expr "}" | \\frac{expr}{expr}
    """

    def __init__(self, tokens: list[_Tok], values: Any) -> None:
        self.tokens = tokens
        self.pos = 0
        self.values = values

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise _Bad("the expression ends too early")
        self.pos += 1
        return tok

    def parse(self) -> Any:
        if not self.tokens:
            raise _Bad("it is empty")
        value = self.expr(0)
        tok = self.peek()
        if tok is not None:
            hint = " (a closing bracket without an opening one?)" if tok.kind == "close" else ""
            raise _Bad(f"unexpected {shown(tok.text, 30)}{hint}")
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
                raise _Bad(f"a number ({shown(tok.text, 30)[1:-1]}) follows another value without an operator; "
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
            if depth + 1 > MAX_DEPTH:
                raise _Bad(f"it is nested more than {MAX_DEPTH} levels deep")
            exponent = self.unary(depth + 1)
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
            raise _Bad(f"unexpected {shown(tok.text)} (a closing bracket without an opening one, or an empty group?)")
        raise _Bad(f"unexpected {shown(tok.text, 30)}")

    def take_open(self, ch: str, message: str) -> _Tok:
        tok = self.peek()
        if tok is None or tok.kind != "open" or tok.text != ch:
            raise _Bad(message)
        return self.take()

    def group(self, opener: _Tok, depth: int) -> Any:
        if depth + 1 > MAX_DEPTH:
            raise _Bad(f"it is nested more than {MAX_DEPTH} levels deep")
        value = self.expr(depth + 1)
        tok = self.peek()
        if tok is None or tok.kind != "close":
            raise _Bad(f"a {opener.text!r} is never closed")
        if tok.text != _CLOSE_OF[opener.text]:
            raise _Bad(f"{opener.text!r} is closed by {shown(tok.text)}")
        self.take()
        return value

    def inverse(self, bottom: Any) -> Any:
        if self.values.constant(bottom) == 0:
            raise _Bad("it divides by zero")
        return self.values.power(bottom, -1)

    def divide(self, top: Any, bottom: Any) -> Any:
        return self.values.mul([top, self.inverse(bottom)])

    def raise_to(self, base: Any, exponent: Any) -> Any:
        n_value = self.values.constant(exponent)
        if n_value is None or n_value.denominator != 1:
            raise _Bad("exponents must be whole numbers, like x^2 or x^-1")
        n = n_value.numerator
        if abs(n) > MAX_EXPONENT:
            size = str(n) if len(str(abs(n))) <= 20 else "of " + f"{len(str(abs(n)))} digits"
            raise _Bad(f"the exponent {size} is too large; exponents are whole numbers from "
                       f"-{MAX_EXPONENT} to {MAX_EXPONENT}")
        constant = self.values.constant(base)
        if constant is not None:
            if constant == 0 and n < 0:
                raise _Bad("it divides by zero")
            bits = max(abs(constant.numerator).bit_length(), constant.denominator.bit_length())
            if bits * abs(n) > MAX_DIGITS * 3.33:
                raise _Bad(f"the number it makes has more than {MAX_DIGITS} digits")
        return self.values.power(base, n)


def _size(expr: Any) -> tuple[int, int]:
    """Upper bounds on (number of terms, total degree) of the expanded expression."""
    if expr.is_Symbol:
        return 1, 1
    if expr.is_Add:
        sizes = [_size(a) for a in expr.args]
        return min(sum(t for t, _ in sizes), _CAP), max(d for _, d in sizes)
    if expr.is_Mul:
        terms, degree = 1, 0
        for arg in expr.args:
            t, d = _size(arg)
            terms, degree = min(terms * t, _CAP), min(degree + d, _CAP)
        return terms, degree
    if expr.is_Pow and expr.exp.is_Integer:
        t, d = _size(expr.base)
        n = abs(int(expr.exp))
        if d * n > MAX_DEGREE:
            return _CAP, d * n
        return (1 if t == 1 else min(math.comb(n + t - 1, n), _CAP)), d * n
    return 1, 0


def _check_size(expr: Any) -> None:
    terms, degree = _size(expr)
    if degree > MAX_DEGREE:
        raise _Bad(f"its degree is above {MAX_DEGREE}, too large to compare")
    variables = len(expr.free_symbols)
    terms = min(terms, math.comb(degree + variables, variables))
    if terms > MAX_TERMS:
        raise _Bad(f"it expands to more than {MAX_TERMS:,} terms, too large to compare")


def _example(names: _Names) -> str:
    found = sorted(names.by_canonical.values())
    if not found:
        return "3/4 + 2^5"
    if len(found) == 1:
        return f"3*{found[0]}^2 - 1/2"
    return f"2*{found[0]}*({found[1]} + 1)"


def read_expression(value: Any, symbols: Sequence[str]) -> Any:
    """A SymPy expression from text (or a JSON number) using only the declared ``symbols``."""
    import sympy

    names = _Names(symbols)
    if isinstance(value, bool) or isinstance(value, (list, tuple, dict)) or value is None:
        raise Unreadable(f"expected one expression; write it like {_example(names)}.")
    if isinstance(value, (int, float, Decimal, Fraction, TooManyDigits)):
        number = read_number(value).value
        return sympy.Rational(number.numerator, number.denominator)
    if not isinstance(value, str):
        raise Unreadable(f"expected one expression; write it like {_example(names)}.")
    if len(value) > MAX_TEXT:
        raise Unreadable(f"this answer is {len(value):,} characters long; the limit for an expression is {MAX_TEXT:,}.")
    try:
        tokens = _tokenize(_prepare(value), names)
        expr = _Parser(tokens, _SympyValues()).parse()
        if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise _Bad("it divides by zero")
        _check_size(expr)
    except (_Bad, Unreadable) as exc:
        allowed = f"the names {names.listing()}, " if names.by_canonical else ""
        how = (f"write it like {_example(names)}" if getattr(exc, "names_given", False) else
               f"write it with {allowed}numbers, + - * / ^ and parentheses, like {_example(names)}")
        raise Unreadable(f"could not read {shown(value)} as an expression: {str(exc).rstrip('.')}; {how}.") from None
    except RecursionError:
        raise Unreadable(f"could not read {shown(value)} as an expression: it is nested too deeply.") from None
    return expr


def _divides_by_symbols(expr: Any) -> bool:
    import sympy

    return any(p.exp.is_negative and p.base.free_symbols for p in expr.atoms(sympy.Pow))


class _Singular(ArithmeticError):
    """A denominator is 0 at the point drawn; draw another point."""


class _Unsupported(ArithmeticError):
    """A node the modular evaluator does not know, or a constant it cannot reduce."""


def _modular(expr: Any, point: dict[Any, int], p: int, memo: dict[int, int], rng: Any) -> int:
    """The value of a rational function modulo the prime ``p`` at ``point``, a random value
    for each symbol (drawn when the symbol is first met)."""
    key = id(expr)
    if key in memo:
        return memo[key]
    if expr.is_Symbol:
        value = point.get(expr)
        if value is None:
            value = point[expr] = rng.randrange(1, p)
    elif expr.is_Rational:
        q = int(expr.q) % p
        if q == 0:
            raise _Unsupported("a denominator is a multiple of the prime")
        value = int(expr.p) % p * pow(q, -1, p) % p
    elif expr.is_Add:
        value = 0
        for arg in expr.args:
            value = (value + _modular(arg, point, p, memo, rng)) % p
    elif expr.is_Mul:
        value = 1
        for arg in expr.args:
            value = value * _modular(arg, point, p, memo, rng) % p
    elif expr.is_Pow and expr.exp.is_Integer:
        base, n = _modular(expr.base, point, p, memo, rng), int(expr.exp)
        if n < 0:
            if base == 0:
                raise _Singular()
            base, n = pow(base, -1, p), -n
        value = pow(base, n, p)
    else:
        raise _Unsupported(type(expr).__name__)
    memo[key] = value
    return value


_AGREEMENTS = 3  # points at which two expressions must agree, for each prime tried
_PRIME_BITS = 61
_primes: list[int] = []


def _secret_primes(rng: Any) -> list[int]:
    """Three random primes of 62 bits, drawn once per process.

    Random rather than fixed, so that no answer can be made to differ from the reference by
    a multiple of the prime (``ref + 2305843009213693951*k1`` would fool a known 2^61 - 1).
    """
    if not _primes:
        import sympy

        _primes.extend(int(sympy.nextprime(rng.randrange(2**_PRIME_BITS, 2**(_PRIME_BITS + 1))))
                       for _ in range(3))
    return _primes


def _same_modular(a: Any, b: Any) -> bool | None:
    """True/False when evaluation at random points modulo random primes decides, else None.

    Two different rational functions agree at a random point modulo a prime p with
    probability at most about D/p (Schwartz-Zippel), D the degree of the numerator of their
    difference; the parser's limits keep D below about 10^5, and p > 2^61, so three agreeing
    points leave a chance below 10^-39 of calling two different expressions equal. A
    difference at one point is a proof that they differ. The points (fresh for every
    comparison) and the primes (drawn once per process) come from the system's randomness,
    so nobody can craft an answer that vanishes at them. This takes milliseconds where
    expanding or cancelling a rational function can take minutes.
    """
    import random

    rng = random.SystemRandom()
    for p in _secret_primes(rng):
        agreed = singular = 0
        try:
            while agreed < _AGREEMENTS and singular < 10:
                point: dict[Any, int] = {}
                try:
                    left, right = _modular(a, point, p, {}, rng), _modular(b, point, p, {}, rng)
                except _Singular:
                    singular += 1
                    continue
                if left != right:
                    return False
                agreed += 1
        except _Unsupported:
            continue
        if agreed == _AGREEMENTS:
            return True
    return None


def same_expression(a: Any, b: Any) -> bool:
    """Whether two read expressions are equal as rational functions of their symbols.

    Identical after SymPy's own simplification is equal at once; otherwise the two are
    compared by evaluation at random points modulo large random primes (see ``_same_modular``),
    which is fast whatever the size of the expansion. Only if that cannot decide (a node it
    does not know, every point drawn making a denominator 0) is ``a - b`` expanded or cancelled.
    """
    import sympy

    difference = a - b
    if difference == 0:
        return True
    if not difference.free_symbols:
        return False  # two different numbers: SymPy computes a - b exactly
    decided = _same_modular(a, b)
    if decided is not None:
        return decided
    if _divides_by_symbols(a) or _divides_by_symbols(b):
        return sympy.cancel(difference) == 0
    return sympy.expand(difference) == 0


def evaluate_number(text: str) -> Fraction:
    """Plain arithmetic on numbers (``2·3``, ``3 × 3 × 64 + 64``, ``2^10``) as an exact Fraction.

    The same whitelist parser as for expressions, building Fractions instead of SymPy objects
    and knowing no names, so a number answer never imports SymPy and is never evaluated as code.
    Raises Unreadable with the reason.
    """
    if len(text) > MAX_TEXT:
        raise Unreadable(f"this answer is {len(text):,} characters long; the limit is {MAX_TEXT:,}.")
    try:
        tokens = _tokenize(_prepare(text, times=True), _Names(()))
        value = _Parser(tokens, _FractionValues()).parse()
    except _Bad as exc:
        raise Unreadable(str(exc)) from None
    except RecursionError:
        raise Unreadable("it is nested too deeply") from None
    if abs(value.numerator).bit_length() > MAX_DIGITS * 3.33 or value.denominator.bit_length() > MAX_DIGITS * 3.33:
        raise Unreadable(f"the number it makes has more than {MAX_DIGITS} digits")
    return value
