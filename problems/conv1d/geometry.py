"""The 1D sliding window: padding, output length and windows (also used by ``weight_sharing``).

The input is x1..xn, the kernel k1..kk and the output y1..ym, all 1-based. ``padding`` is a whole
number of zeros on each side, ``"valid"`` (no padding) or ``"same"``, which follows PyTorch: only
with stride 1, total padding k - 1 split as (k - 1) // 2 zeros on the left and the rest on the
right, so the output is as long as the input. Output y_i is the window of k entries of the padded
input starting at padded entry (i - 1) s + 1, multiplied entrywise with (k1, ..., kk) and summed;
padded zeros contribute nothing.
"""

from __future__ import annotations

from typing import Any

from .. import params as P
from ..model import Params, ParamError
from ..rng import Rng

MAX_LENGTH = 100_000   # output-length and counting kinds
MAX_SYMBOLIC = 40      # kinds whose answers name every x_i


# ---- padding and geometry (also used by weight_sharing) --------------------------------


def padding_sides(params: Params, k: int, stride: int, *, name: str = "padding") -> tuple[int, int]:
    """(left, right) zeros for the ``padding`` param, which is an int per side, "valid" or "same"."""
    P.require(params, name)
    value = params[name]
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "valid":
            return 0, 0
        if word == "same":
            if stride != 1:
                raise ParamError(f"padding \"same\" needs stride 1 (as in PyTorch), not stride {stride}.")
            return (k - 1) // 2, k - 1 - (k - 1) // 2
        raise ParamError(f"param {name!r} must be a whole number of zeros per side, \"same\" or \"valid\", "
                         f"not {value!r}.")
    p = P.integer(params, name, low=0, high=MAX_LENGTH)
    return p, p


def is_same(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() == "same"


def out_length(n: int, k: int, stride: int, left: int, right: int) -> int:
    """floor((n + left + right - k) / s) + 1."""
    return (n + left + right - k) // stride + 1


def check_fits(n: int, k: int, left: int, right: int, what: str = "input") -> None:
    if k > n + left + right:
        pad = ""
        if left or right:
            pad = (f" padded by {left} on each side" if left == right
                   else f" padded by {left} on the left and {right} on the right")
        raise ParamError(f"the kernel (size {k}) is larger than the {what} of length {n}{pad}.")


def check_padding_below_kernel(k: int, left: int, right: int) -> None:
    """Refuse windows made of padded zeros only (their output would be 0 whatever x is)."""
    if max(left, right) >= k:
        raise ParamError(f"padding {max(left, right)} is at least the kernel size {k}, so some outputs would see "
                         f"only padded zeros; use padding at most {k - 1}.")


def geometry(params: Params, *, max_n: int = MAX_LENGTH, all_padding_ok: bool = True) -> tuple[int, int, int, int, int]:
    """Validate and return (n, k, stride, left, right) for params with ``n``, ``k``, ``padding``, ``stride``."""
    n = P.integer(params, "n", low=1, high=max_n)
    k = P.integer(params, "k", low=1, high=max_n)
    stride = P.integer(params, "stride", low=1, high=max_n)
    left, right = padding_sides(params, k, stride)
    if not all_padding_ok:
        check_padding_below_kernel(k, left, right)
    check_fits(n, k, left, right)
    return n, k, stride, left, right


def window_cells(n: int, k: int, stride: int, left: int, i: int, shift: int = 0) -> list[int | None]:
    """For output y_i (1-based): the 1-based input index under each kernel entry, None for padding.

    ``shift`` moves the window that many positions to the right (a misconception); cells past
    the input are padding too.
    """
    start = (i - 1) * stride - left + shift  # 0-based input index under k1
    return [start + j + 1 if 0 <= start + j < n else None for j in range(k)]


def padding_phrase_data(params: Params, k: int, left: int, right: int) -> dict[str, Any]:
    """What a statement needs to say how much padding sits on each side."""
    value = params["padding"]
    return {"same": is_same(value), "valid": isinstance(value, str) and value.strip().lower() == "valid",
            "left": left, "right": right, "total": left + right, "symmetric": left == right,
            "padded": left + right > 0}


def _sample_padding(rng: Rng, difficulty: str, k: int, stride: int) -> int | str:
    """easy: 0; medium: 0, 1 or "same" (stride 1 only); hard: 0..k-1 or "same" (stride 1 only)."""
    if difficulty == "easy":
        return 0
    if stride == 1 and k > 1 and rng.integer(0, 3) == 0:
        return "same"
    if difficulty == "medium":
        return rng.integer(0, 1)
    return rng.integer(0, k - 1)


def sample_geometry(rng: Rng, difficulty: str, *, hard_n: tuple[int, int] = (10, 16),
                    medium_n: tuple[int, int] = (6, 12), min_out: int = 2) -> dict[str, Any]:
    """n, k, padding, stride for a difficulty, with at least ``min_out`` outputs.

    easy: n 5-8, k 2-3, stride 1, no padding; medium: n in ``medium_n``, k 2-4, stride 1-2,
    padding 0, 1 or "same"; hard: n in ``hard_n``, k 3-5, stride 1-3, padding up to k - 1 or
    "same", and always some padding or a stride above 1.
    """
    while True:
        if difficulty == "easy":
            n, k, stride = rng.integer(5, 8), rng.integer(2, 3), 1
        elif difficulty == "medium":
            n, k, stride = rng.integer(*medium_n), rng.integer(2, 4), rng.integer(1, 2)
        else:
            n, k, stride = rng.integer(*hard_n), rng.integer(3, 5), rng.integer(1, 3)
        padding = _sample_padding(rng, difficulty, k, stride)
        if difficulty == "hard" and padding == 0 and stride == 1:
            continue  # hard instances always pad or stride
        left, right = ((k - 1) // 2, k - 1 - (k - 1) // 2) if padding == "same" else (padding, padding)
        if k <= n + left + right and out_length(n, k, stride, left, right) >= min_out:
            return {"n": n, "k": k, "padding": padding, "stride": stride}


def one_side(left: int) -> int | None:
    """The zeros a student who pads one side only puts in: p for an int padding, the left share
    for "same"; None when that is no padding at all ("same" with k = 2 puts its zero on the right).
    """
    return left or None
