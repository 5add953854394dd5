"""The length mistakes and feedback texts the 1D kinds share (also used by ``weight_sharing``).

A misconception returns no answer when the mistake has nothing to act on (no padding to count
once, stride 1 to ignore, a kernel of one entry to flip): such a student would answer correctly.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.sizes import out_size
from ..model import Params
from .geometry import geometry

PLUS_ONE_FEEDBACK = ("You left out the +1 in floor((n + 2p - k) / s) + 1: the first window, at the very start, "
                     "counts too.")
ONE_SIDE_FEEDBACK = "You padded one side only; the zeros go on both sides of the input."
NO_FLOOR_FEEDBACK = ("A length is a whole number: take the floor of (n + 2p - k) / s, since a last window "
                     "that would stick out past the padded input is not used.")
STRIDE_FEEDBACK = "You ignored the stride: the window moves s positions at a time, so divide by s."
FLIP_FEEDBACK = ("You flipped the kernel: deep-learning convolution is cross-correlation, so k1 multiplies "
                 "the first entry of the window, with no flip.")
SHIFT_FEEDBACK = ("Your windows start one position late (a 0-based versus 1-based slip): y1's window starts at "
                  "the first entry of the padded input, and y_i's at entry (i - 1)s + 1.")


def one_side(left: int) -> int | None:
    """The zeros a student who pads one side only puts in: p for an int padding, the left share
    for "same"; None when that is no padding at all ("same" with k = 2 puts its zero on the right).
    """
    return left or None


def length_mistakes(n: int, k: int, stride: int, left: int, right: int) -> dict[str, Any]:
    """The output length each length misconception gives, or None where it does not apply."""
    num = n + left + right - k
    one = one_side(left)
    return {
        "forgot-plus-one": out_size(n, k, stride, left, after=right) - 1,
        "padding-one-side": out_size(n, k, stride, one, after=0) if one is not None and n + one >= k else None,
        "no-floor": Fraction(num, stride) + 1 if num % stride else None,
        "stride-ignored": out_size(n, k, 1, left, after=right) if stride > 1 else None,
    }


def length_misconception(name: str, part: str = "a"):
    """The answer the length mistake ``name`` gives to ``part``, for a kind whose params are the geometry."""

    def solve(params: Params) -> dict:
        n, k, s, left, right = geometry(params)
        value = length_mistakes(n, k, s, left, right)[name]
        return {} if value is None else {part: value}

    return solve
