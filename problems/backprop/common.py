"""What the backprop kinds share: exact numbers, the padding param and nonzero draws."""

from __future__ import annotations

from typing import Any

from .. import params as P
from ..model import ParamError, Params
from ..rng import Rng

MAX_N = 30
MAX_K = 12


def padding_int(params: Params, name: str = "padding") -> int:
    """An optional whole-number padding (missing means 0)."""
    value = params.get(name, 0)
    if isinstance(value, str):
        raise ParamError(f"param {name!r} must be a whole number of zeros added on each side, such as 0 or 1, "
                         f"not {value!r}.")
    return P.integer({name: value}, name, low=0)


def check_padding_below_kernel(padding: int, kernel: int, what: str = "kernel size") -> None:
    if padding >= kernel:
        raise ParamError(f"padding {padding} is not less than the {what} {kernel}, so some outputs would see "
                         f"only padded zeros; use padding at most {kernel - 1}.")


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
