"""What the 2-D convolution kinds share: params, the matrix arithmetic and the matrix sampler.

"Convolution" is what deep-learning libraries compute: cross-correlation, no kernel flip.
Output entry Y[i, j] (0-based) is the sum of K[u, v] * P[i*s + u, j*s + v] over the kernel,
where P is the input with p rows of zeros above and below and p columns left and right.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .. import params as P
from ..core.correlate import rot180
from ..core.numbers import exact
from ..core.padding import padding_param, padding_sides
from ..core.sizes import check_fits, out_size
from ..core.windows import Cell, window_2d
from ..model import Param, Params
from ..rng import Rng

MAX_SIZE = P.MAX_COUNT

#: The padding and stride of the kinds that convolve matrices.
MATRIX_GEOMETRY_PARAMS = (
    Param("padding", 'int, "same" or "valid"', 'zeros around the input; "same" needs stride 1 and an odd kernel'),
    Param("stride", "int", "step of the window, the same along both axes"),
)

Number = int | Fraction
Matrix = list[list[Number]]


def read_stride(params: Params) -> int:
    return P.integer(params, "stride", low=1, high=P.MAX_SIDE, default=1)


def read_padding(params: Params, kh: int, kw: int, stride: int) -> tuple[int, int]:
    """(rows, columns) of padding: a whole number, "valid" (0) or "same" (stride 1, odd kernel), 0 when left out."""
    value = padding_param(params, default=0, high=P.MAX_SIDE)
    return padding_sides(value, kh, stride, odd=True)[0], padding_sides(value, kw, stride, odd=True)[0]


def symmetric(K: Matrix) -> bool:
    """True when the kernel equals itself rotated by 180 degrees (flipping changes nothing)."""
    return [list(r) for r in K] == rot180(K)


def window_cells(X: Matrix, K: Matrix, stride: int, pad: tuple[int, int], i: int, j: int) -> list[Cell | None]:
    """The cells of X under the kernel for output (i, j), row-major in the kernel; None for padding."""
    return window_2d((len(X), len(X[0])), (len(K), len(K[0])), stride, pad, i, j)


def out_shape(H: int, W: int, kh: int, kw: int, stride: int, pad: tuple[int, int]) -> tuple[int, int]:
    return out_size(H, kh, stride, pad[0]), out_size(W, kw, stride, pad[1])


def terms(X: Matrix, K: Matrix, cells: list[Cell | None]) -> list[list[tuple[Number, Number]]]:
    """(input value, kernel value) of the real cells of a window, one list per kernel row that
    has any; padded zeros drop out."""
    groups: list[list[tuple[Number, Number]]] = [[] for _ in K]
    width = len(K[0])
    for n, cell in enumerate(cells):
        if cell is not None:
            u, v = divmod(n, width)
            groups[u].append((exact(X[cell[0]][cell[1]]), exact(K[u][v])))
    return [g for g in groups if g]


def check_fits_2d(H: int, W: int, kh: int, kw: int, pad: tuple[int, int]) -> None:
    check_fits(H, kh, pad[0], what="input height")
    check_fits(W, kw, pad[1], what="input width")



def random_kernel(rng: Rng, k: int, rational: bool) -> Matrix:
    """A k x k kernel that is not symmetric under a 180-degree rotation (and not all zero)."""
    while True:
        if rational:
            K = [[rng.fraction(-1, 1, (2, 4)) for _ in range(k)] for _ in range(k)]
            if all(v.denominator == 1 for row in K for v in row):
                continue
        else:
            K = [[rng.integer(-2, 2) for _ in range(k)] for _ in range(k)]
        if not symmetric(K) and any(v for row in K for v in row):
            return [[exact(v) for v in row] for row in K]


def sample_geometry(rng: Rng, difficulty: str, max_out: int) -> tuple[int, int, int, int, int, Any]:
    """(H, W, k, stride, p, padding param) with 2..max_out outputs per direction."""
    if difficulty == "easy":
        n = rng.choice((4, 5))
        return n, n, 2, 1, 0, 0
    while True:
        if difficulty == "medium":
            k = rng.choice((2, 3))
            s = rng.integer(1, 2)
            p = rng.integer(0, 1)
            lo, hi = 4, 6
        else:
            k = 3
            s = rng.integer(1, 2)
            p = rng.integer(0, 2)
            lo, hi = 4, 8
        sizes = [n for n in range(lo, hi + 1) if 2 <= out_size(n, k, s, p) <= max_out]
        if not sizes:
            continue
        H, W = rng.choice(sizes), rng.choice(sizes)
        padding: Any = p
        if p == 0 and rng.integer(0, 3) == 0:
            padding = "valid"
        elif s == 1 and 2 * p == k - 1 and rng.coin():
            padding = "same"
        return H, W, k, s, p, padding
