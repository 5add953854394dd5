"""The value an expression answer is read into: a small tree of numbers, names, sums,
products and whole powers, with no computer algebra behind it.

Grading never needs an expression expanded or simplified: two expressions are compared by
evaluating them modulo large primes (:mod:`.identity`), and a tree is printed back as it was
read (``read_as``, in the key's notation). So reading an answer builds this tree directly and
grading never imports SymPy. Each node knows, as it is built, its constant value (when it has
no names), the names in it, and bounds on the degrees of the numerator and denominator it
would have as a rational function, which is what the limits of :mod:`.limits` check.

``to_sympy`` (and ``_sympy_``, which SymPy's own functions call) turns a tree into SymPy
objects for the generator's side and for tests; grading never calls it.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Iterator

_CAP = 10**9  # degrees are capped here while summing: a bound above every limit is all that is needed


class Expr:
    """One node: ``op`` is ``num`` (``value``), ``sym`` (``name``), ``add``/``mul`` (``args``)
    or ``pow`` (``args[0]`` raised to the whole number ``n``).

    ``value`` is the exact value of any node without names; ``degree`` is (numerator bound,
    denominator bound) as a rational function; ``divides`` says a denominator holds a name,
    so the expression may divide by zero at some values (or at all of them).
    """

    __slots__ = ("op", "args", "value", "name", "n", "_names", "degree", "divides")

    def __init__(self, op: str, args: tuple["Expr", ...] = (), *, value: Fraction | None = None,
                 name: str = "", n: int = 0, degree: tuple[int, int] = (0, 0), divides: bool = False) -> None:
        self.op, self.args, self.value, self.name, self.n = op, args, value, name, n
        self.degree, self.divides = degree, divides
        self._names: frozenset[str] | None = None

    @property
    def names(self) -> frozenset[str]:
        """The names in the expression (worked out when first asked: reading never needs them)."""
        if self._names is None:
            if self.op == "sym":
                self._names = frozenset((self.name,))
            else:
                self._names = frozenset().union(*(a.names for a in self.args)) if self.args else frozenset()
        return self._names

    # -- values as Python sees them (tests, and the parser's unary minus) -------------------

    @property
    def total_degree(self) -> int:
        return self.degree[0] + self.degree[1]

    def __neg__(self) -> "Expr":
        return mul([number(Fraction(-1)), self])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Expr):
            return self.key() == other.key()
        if isinstance(other, (int, Fraction)) and not isinstance(other, bool):
            return self.value is not None and self.value == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.key())

    def key(self) -> tuple:
        """The tree as a tuple: equal keys, equal trees (not merely equal values)."""
        if self.op == "num":
            return ("num", self.value)
        if self.op == "sym":
            return ("sym", self.name)
        if self.op == "pow":
            return ("pow", self.n, self.args[0].key())
        return (self.op,) + tuple(a.key() for a in self.args)

    def __repr__(self) -> str:
        return f"Expr({text(self)!r})"

    def __str__(self) -> str:
        return text(self)

    def walk(self) -> Iterator["Expr"]:
        yield self
        for arg in self.args:
            yield from arg.walk()

    # -- SymPy, for the generator's side and tests only --------------------------------------

    def to_sympy(self) -> Any:
        import sympy

        if self.op == "num":
            assert self.value is not None
            return sympy.Rational(self.value.numerator, self.value.denominator)
        if self.op == "sym":
            return sympy.Symbol(self.name)
        if self.op == "pow":
            return sympy.Pow(self.args[0].to_sympy(), self.n)
        parts = [a.to_sympy() for a in self.args]
        return sympy.Add(*parts) if self.op == "add" else sympy.Mul(*parts)

    def _sympy_(self) -> Any:
        return self.to_sympy()


# ---- building ------------------------------------------------------------------------


def number(value: Fraction) -> Expr:
    return Expr("num", value=Fraction(value))


def symbol(name: str) -> Expr:
    return Expr("sym", name=name, degree=(1, 0))


def add(terms: list[Expr]) -> Expr:
    if len(terms) == 1:
        return terms[0]
    if all(t.value is not None for t in terms):
        return number(sum((t.value for t in terms), Fraction(0)))  # type: ignore[misc]
    den = min(sum(t.degree[1] for t in terms), _CAP)
    top = min(max(t.degree[0] - t.degree[1] for t in terms) + den, _CAP)
    return Expr("add", tuple(terms), degree=(top, den), divides=any(t.divides for t in terms))


def mul(factors: list[Expr]) -> Expr:
    if len(factors) == 1:
        return factors[0]
    if all(f.value is not None for f in factors):
        value = Fraction(1)
        for f in factors:
            value *= f.value  # type: ignore[operator]
        return number(value)
    flat: list[Expr] = []
    for f in factors:  # (-1)*(a*b) is one product, as typed: -a*b
        flat.extend(f.args if f.op == "mul" else (f,))
    degree = (min(sum(f.degree[0] for f in flat), _CAP), min(sum(f.degree[1] for f in flat), _CAP))
    return Expr("mul", tuple(flat), degree=degree, divides=any(f.divides for f in flat))


def power(base: Expr, n: int) -> Expr:
    """``base**n`` for a whole ``n``; a constant base is computed (the parser has bounded its size)."""
    if base.value is not None:
        return number(base.value**n)
    if n == 1:
        return base
    if n == 0:
        return number(Fraction(1))
    top, den = base.degree
    degree = (min(abs(n) * (top if n > 0 else den), _CAP), min(abs(n) * (den if n > 0 else top), _CAP))
    return Expr("pow", (base,), n=n, degree=degree, divides=base.divides or n < 0)


def from_sympy(expr: Any) -> Expr:
    """A SymPy rational function as a tree (duck-typed: no import), for callers holding one."""
    if isinstance(expr, Expr):
        return expr
    if isinstance(expr, (int, Fraction)):
        return number(Fraction(expr))
    if expr.is_Rational:
        return number(Fraction(int(expr.p), int(expr.q)))
    if expr.is_Symbol:
        return symbol(expr.name)
    if expr.is_Add:
        return add([from_sympy(a) for a in expr.args])
    if expr.is_Mul:
        return mul([from_sympy(a) for a in expr.args])
    if expr.is_Pow and expr.exp.is_Integer:
        return power(from_sympy(expr.base), int(expr.exp))
    raise TypeError(f"{expr!r} is not a rational function of its symbols")


# ---- printing: text in the key's notation, and LaTeX -------------------------------------

_ADD, _MUL, _NEG, _POW, _ATOM = range(5)


def _fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _level(expr: Expr) -> int:
    """How tightly the printed text of ``expr`` binds."""
    if expr.op == "add":
        return _ADD
    if expr.op == "num":
        assert expr.value is not None
        if expr.value < 0:
            return _NEG
        return _ATOM if expr.value.denominator == 1 else _MUL
    if expr.op == "mul" or (expr.op == "pow" and expr.n < 0):
        return _MUL
    return _POW if expr.op == "pow" else _ATOM


def _split(expr: Expr) -> tuple[Fraction, list[Expr], list[Expr]]:
    """A product as (coefficient, factors above the line, factors below it)."""
    coefficient, top, bottom = Fraction(1), [], []
    for f in expr.args if expr.op == "mul" else (expr,):
        if f.op == "num":
            coefficient *= f.value  # type: ignore[operator]
        elif f.op == "pow" and f.n < 0:
            bottom.append(power(f.args[0], -f.n))
        else:
            top.append(f)
    return coefficient, top, bottom


def text(expr: Expr) -> str:
    """The expression as key text (``2*k1*x1 + x2/2``, ``(k1 + 1)**2``): what was read, with every
    product written with ``*``, so a student sees how a space or a bracket was taken."""
    if expr.op == "num":
        assert expr.value is not None
        return _fraction_text(expr.value)
    if expr.op == "sym":
        return expr.name
    if expr.op == "add":
        out = text(expr.args[0])
        for term in expr.args[1:]:
            piece = text(term)
            out += f" - {piece[1:]}" if piece.startswith("-") else f" + {piece}"
        return out
    if expr.op == "pow" and expr.n > 0:
        base = expr.args[0]
        inner = text(base)
        return (inner if _level(base) == _ATOM else f"({inner})") + f"**{expr.n}"
    coefficient, top, bottom = _split(expr)
    sign = "-" if coefficient < 0 else ""
    num, den = abs(coefficient.numerator), coefficient.denominator
    above = [str(num)] if num != 1 or not top else []
    above += [text(f) if _level(f) > _ADD else f"({text(f)})" for f in top]
    below = ([str(den)] if den != 1 else []) + [text(f) if _level(f) > _ADD else f"({text(f)})" for f in bottom]
    out = sign + "*".join(above)
    if below:
        joined = "*".join(below)
        plain = len(below) == 1 and (not bottom or _level(bottom[0]) not in (_MUL, _NEG))
        out += "/" + (joined if plain else f"({joined})")
    return out


_SUBSCRIPT = re.compile(r"^([A-Za-z]+)_?\{?(\d+)\}?$")


def _latex_name(name: str) -> str:
    m = _SUBSCRIPT.match(name)
    return f"{m.group(1)}_{{{m.group(2)}}}" if m else name


def latex(expr: Expr) -> str:
    """LaTeX of a read expression (``2 k_{1} x_{1} + \\frac{x_{2}}{2}``)."""
    if expr.op == "num":
        assert expr.value is not None
        v = expr.value
        if v.denominator == 1:
            return str(v.numerator)
        return ("- " if v < 0 else "") + rf"\frac{{{abs(v.numerator)}}}{{{v.denominator}}}"
    if expr.op == "sym":
        return _latex_name(expr.name)
    if expr.op == "add":
        out = latex(expr.args[0])
        for term in expr.args[1:]:
            piece = latex(term)
            out += f" - {piece[1:].lstrip()}" if piece.startswith("-") else f" + {piece}"
        return out
    if expr.op == "pow" and expr.n > 0:
        base = expr.args[0]
        inner = latex(base)
        return (inner if _level(base) == _ATOM else rf"\left({inner}\right)") + f"^{{{expr.n}}}"
    coefficient, top, bottom = _split(expr)
    sign = "- " if coefficient < 0 else ""
    num, den = abs(coefficient.numerator), coefficient.denominator

    def factors(items: list[Expr], lead: int) -> str:
        shown = [str(lead)] if lead != 1 or not items else []
        shown += [latex(f) if _level(f) > _ADD else rf"\left({latex(f)}\right)" for f in items]
        out = shown[0]
        for piece in shown[1:]:  # two numbers side by side would read as one: 2 \cdot 3
            out += (r" \cdot " if piece[:1].isdigit() or piece.startswith(r"\frac") else " ") + piece
        return out

    above = factors(top, num)
    if den == 1 and not bottom:
        return sign + above
    return sign + rf"\frac{{{above}}}{{{factors(bottom, den)}}}"
