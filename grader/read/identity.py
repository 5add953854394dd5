"""Whether two read expressions are equal, decided fast whatever their expansion would cost.

Two expressions are compared by evaluating both at random points modulo random large primes,
which costs the same whatever the expansion would: ``1/(k1+k2+k3+1)^9 + ...`` is compared in
a millisecond, not cancelled for seconds. SymPy is imported inside the functions only.
"""

from __future__ import annotations

from typing import Any


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
