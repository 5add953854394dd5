"""What the backprop kinds share: size limits, sums that work for numbers and symbols, nonzero draws."""

from __future__ import annotations

from typing import Any

from ..rng import Rng

MAX_N = 30
MAX_K = 12


def sum_terms(terms: list, zero: Any) -> Any:
    total = zero
    for term in terms:
        total = total + term
    return total


def nonzero(rng: Rng, lo: int, hi: int) -> int:
    while True:
        v = rng.integer(lo, hi)
        if v:
            return v
