"""A random stream we own, so that a problem id regenerates the same problem forever.

NumPy's ``Generator`` methods and Python's ``random.randrange`` do not promise the same
stream across releases; a sheet handed out today must grade the same after an upgrade. So
params are drawn only through this wrapper around SplitMix64, whose every step is written
out below and depends on nothing but integer arithmetic.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence, TypeVar

T = TypeVar("T")

_MASK = (1 << 64) - 1


class Rng:
    """SplitMix64 with the few draws problem kinds need (all bounds inclusive)."""

    __slots__ = ("_state",)

    def __init__(self, seed: int) -> None:
        self._state = seed & _MASK

    def bits64(self) -> int:
        self._state = (self._state + 0x9E3779B97F4A7C15) & _MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def integer(self, lo: int, hi: int) -> int:
        """A uniform integer in [lo, hi], by rejection so no value is favoured."""
        if hi < lo:
            raise ValueError(f"empty range [{lo}, {hi}]")
        span = hi - lo + 1
        limit = (1 << 64) - ((1 << 64) % span)
        while True:
            x = self.bits64()
            if x < limit:
                return lo + x % span

    def coin(self) -> bool:
        return self.integer(0, 1) == 1

    def choice(self, items: Sequence[T]) -> T:
        if not items:
            raise ValueError("choice from an empty sequence")
        return items[self.integer(0, len(items) - 1)]

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """A new list with the items in random order (Fisher-Yates)."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.integer(0, i)
            out[i], out[j] = out[j], out[i]
        return out

    def distinct(self, lo: int, hi: int, count: int) -> list[int]:
        """``count`` different integers from [lo, hi], in random order."""
        if hi - lo + 1 < count:
            raise ValueError(f"cannot draw {count} distinct values from [{lo}, {hi}]")
        if hi - lo + 1 <= 4 * count:
            return self.shuffled(range(lo, hi + 1))[:count]
        seen: set[int] = set()
        out: list[int] = []
        while len(out) < count:
            v = self.integer(lo, hi)
            if v not in seen:
                seen.add(v)
                out.append(v)
        return out

    def fraction(self, lo: int, hi: int, denominators: Sequence[int]) -> Fraction:
        """A rational p/q with q drawn from ``denominators`` and p/q in [lo, hi]."""
        q = self.choice(denominators)
        return Fraction(self.integer(lo * q, hi * q), q)
