"""The 1D geometry: n, k, stride and padding, the output length and y_i (also used by ``weight_sharing``).

Statements index the input x1..xn, the kernel k1..kk and the output y1..ym from 1; the code
indexes from 0 and adds 1 where steps show an index. ``padding`` is a whole number of zeros on
each side, ``"valid"`` (no padding) or ``"same"``, which follows PyTorch: only with stride 1,
total padding k - 1 split as (k - 1) // 2 zeros on the left and the rest on the right, so the
output is as long as the input. Output y_i is the window of k entries of the padded input
starting at padded entry (i - 1) s + 1, multiplied entrywise with (k1, ..., kk) and summed;
padded zeros contribute nothing.
"""

from __future__ import annotations

from typing import Any

from .. import params as P
from ..core.padding import padding_param, padding_sides, padding_word
from ..core.sizes import check_fits, check_padding_below_kernel, out_size
from ..model import Param, Params
from ..rng import Rng

MAX_LENGTH = P.MAX_COUNT   # output-length and counting kinds
MAX_SYMBOLIC = 40      # kinds whose answers name every x_i

PADDING_PARAM = Param("padding", 'int, "same" or "valid"',
                      'zeros on each side of x; "same" as in PyTorch (stride 1), "valid" none')
STRIDE_PARAM = Param("stride", "int", "how far the window moves from one output to the next")
#: The params of the kinds that take the geometry alone, in the order statements give them.
GEOMETRY_PARAMS = (Param("n", "int", "length of the input x1..xn"), Param("k", "int", "size of the kernel k1..kk"),
                   PADDING_PARAM, STRIDE_PARAM)


def sides_of(params: Params, k: int, stride: int) -> tuple[int, int]:
    """(left, right) zeros for the ``padding`` param: a whole number per side, "valid" or "same"."""
    return padding_sides(padding_param(params, high=MAX_LENGTH), k, stride)


def geometry(params: Params, *, max_n: int = MAX_LENGTH, all_padding_ok: bool = True) -> tuple[int, int, int, int, int]:
    """Validate and return (n, k, stride, left, right) for params with ``n``, ``k``, ``padding``, ``stride``."""
    n = P.integer(params, "n", low=1, high=max_n)
    k = P.integer(params, "k", low=1, high=max_n)
    stride = P.integer(params, "stride", low=1, high=max_n)
    left, right = sides_of(params, k, stride)
    if not all_padding_ok:
        check_padding_below_kernel(k, left, right)
    check_fits(n, k, left, right, noun="length")
    return n, k, stride, left, right


def output_expression(cells: list[int | None], *, flip: bool = False):
    """y_i as a SymPy sum of k_j x_t over the window's real cells (0-based ``cells``; symbols 1-based).

    ``flip`` reads the kernel backwards (k_k first), as a student who flips it does.
    """
    import sympy

    k = len(cells)
    return sympy.Add(*[sympy.Symbol(f"k{k - j if flip else j + 1}") * sympy.Symbol(f"x{t + 1}")
                       for j, t in enumerate(cells) if t is not None])


def length_steps(params: Params, n: int, k: int, s: int, left: int, right: int) -> dict[str, Any]:
    """What a 1D solution shows of the output length: the padding, and floor((n + p_l + p_r - k) / s)."""
    num = n + left + right - k
    return {"pad": padding_phrase_data(params, k, left, right), "numerator": num, "floor": num // s,
            "exact": num % s == 0}


def padding_phrase_data(params: Params, k: int, left: int, right: int) -> dict[str, Any]:
    """What a statement needs to say how much padding sits on each side."""
    value = params["padding"]
    return {"same": padding_word(value) == "same", "valid": padding_word(value) == "valid",
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
        left, right = padding_sides(padding, k, stride)
        if k <= n + left + right and out_size(n, k, stride, left, after=right) >= min_out:
            return {"n": n, "k": k, "padding": padding, "stride": stride}

