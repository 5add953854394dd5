"""Whether two read expressions are equal, and whether one divides by zero, by evaluation
modulo large random primes: the cost is the same whatever an expansion would cost, and no
computer algebra is involved (grading never imports SymPy).

Two different rational functions agree at a random point modulo a prime p with probability
at most D/p (Schwartz-Zippel), D the degree of the numerator of their difference; the
readers keep D at most 2 * MAX_DEGREE, and p > 2^61, so three agreeing points leave a chance
below 10^-45 of calling two different expressions equal. One point where they differ proves
that they differ. Likewise a denominator that is not the zero polynomial vanishes at a
random point with probability below D/p, so a denominator that vanishes at every point drawn
is zero: ``(k1+k2+1)^96/((k1+1)^2-k1^2-2*k1-1)`` divides by zero, and is told so at once.

The points (fresh for every comparison) and the primes (drawn once per process) come from the
system's randomness, so nobody can craft an answer that vanishes at them.
"""

from __future__ import annotations

import random
from typing import Any

from .algebra import Expr, from_sympy

_RNG = random.SystemRandom()
_AGREEMENTS = 3  # points at which two expressions must agree
_ZERO_CHECKS = 4  # points at which a denominator must vanish to be called zero
_PRIME_BITS = 61
_primes: list[int] = []


class Singular(ArithmeticError):
    """A denominator is 0 at the point drawn."""


class _Unreduced(ArithmeticError):
    """A written number's denominator is a multiple of the prime (try another prime)."""


_WITNESSES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)


def is_prime(n: int) -> bool:
    """Miller-Rabin with the first twelve primes as witnesses: exact for n < 3.3 * 10^24."""
    if n < 2:
        return False
    for q in _WITNESSES:
        if n % q == 0:
            return n == q
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in _WITNESSES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _random_prime() -> int:
    while True:
        candidate = _RNG.randrange(2**_PRIME_BITS, 2**(_PRIME_BITS + 1)) | 1
        if is_prime(candidate):
            return candidate


def secret_primes() -> list[int]:
    """Three random primes of 62 bits, drawn once per process: random rather than fixed, so that
    no answer can be made to differ from the reference by a multiple of a known prime."""
    if not _primes:
        _primes.extend(_random_prime() for _ in range(3))
    return _primes


def evaluate(expr: Expr, point: dict[str, int], p: int, memo: dict[int, int], rng: random.Random = _RNG) -> int:
    """The value of ``expr`` modulo ``p`` at ``point`` (a value for each name, drawn from ``rng``
    when the name is first met). Raises Singular when a denominator is 0 there."""
    key = id(expr)
    if key in memo:
        return memo[key]
    op = expr.op
    if op == "num":
        value = expr.value
        assert value is not None
        q = value.denominator % p
        if q == 0:
            raise _Unreduced()
        result = value.numerator % p * pow(q, -1, p) % p
    elif op == "sym":
        result = point.get(expr.name, 0)
        if not result:
            result = point[expr.name] = rng.randrange(1, p)
    elif op == "add":
        result = 0
        for arg in expr.args:
            result += evaluate(arg, point, p, memo, rng)
        result %= p
    elif op == "mul":
        result = 1
        for arg in expr.args:
            result = result * evaluate(arg, point, p, memo, rng) % p
    else:  # pow
        base, n = evaluate(expr.args[0], point, p, memo, rng), expr.n
        if n < 0:
            if base == 0:
                raise Singular()
            base, n = pow(base, -1, p), -n
        result = pow(base, n, p)
    memo[key] = result
    return result


def _points() -> random.Random:
    """The points of one comparison: a fast generator seeded with 128 bits of the system's
    randomness (as unpredictable as drawing each value from it, at a fraction of the cost)."""
    return random.Random(_RNG.getrandbits(128))


def divides_by_zero(expr: Expr) -> bool:
    """Whether a denominator of ``expr`` is 0 whatever the values of its names: it vanishes at
    every one of a few random points (a nonzero one would almost surely not, see above)."""
    if not expr.divides:
        return False
    rng = _points()
    for p in secret_primes():
        vanished = 0
        try:
            for _ in range(_ZERO_CHECKS):
                try:
                    evaluate(expr, {}, p, {}, rng)
                    return False
                except Singular:
                    vanished += 1
        except _Unreduced:
            continue
        return vanished == _ZERO_CHECKS
    return False


def _same_modular(a: Expr, b: Expr) -> bool | None:
    """True/False when evaluation at random points modulo the secret primes decides, else None."""
    rng = _points()
    for p in secret_primes():
        agreed = singular = 0
        try:
            while agreed < _AGREEMENTS and singular < 10:
                point: dict[str, int] = {}
                try:
                    left, right = evaluate(a, point, p, {}, rng), evaluate(b, point, p, {}, rng)
                except Singular:
                    singular += 1
                    continue
                if left != right:
                    return False
                agreed += 1
        except _Unreduced:
            continue
        if agreed == _AGREEMENTS:
            return True
    return None


def same_expression(a: Any, b: Any) -> bool:
    """Whether two read expressions are equal as rational functions of their names.

    Two numbers are compared exactly; anything else by evaluation at random points modulo
    large random primes. (A SymPy expression is accepted too, and walked without importing
    SymPy.) Undecided (a denominator 0 at every point drawn, which the reader refuses before
    this is reached) counts as not equal.
    """
    if a is b:
        return True  # one text read once (readings are remembered): the same tree
    a, b = from_sympy(a), from_sympy(b)
    if a.value is not None and b.value is not None:
        return a.value == b.value
    return bool(_same_modular(a, b))
