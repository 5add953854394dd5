"""Pooling windows and the pooled values, shared by the value and backward kinds."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .. import params as P
from ..core.numbers import exact
from ..core.padding import padding_param
from ..core.sizes import check_fits, out_size
from ..core.windows import Cell, covered, window_2d
from ..model import Param, ParamError, Params
from ..rng import Rng

# Windows are k x k with the same stride both ways. The window of output Y[i, j] starts at
# row i*s - p and column j*s - p of X (0-based); cells outside X are padding. Because
# padding is at most k // 2 and the output size is floor((n + 2p - k) / s) + 1, every window
# holds at least one real entry of X, so a max over the real entries is always defined.


#: The params every pooling kind on a matrix X takes first.
WINDOW_PARAMS = (
    Param("X", "matrix", "the input feature map"),
    Param("kernel", "int", "side k of the square window"),
    Param("stride", "int", "step of the window, the same along both axes"),
)


def read_padding(params: Params) -> int:
    """The optional ``padding`` param: zeros per side, missing means 0."""
    return padding_param(params, default=0, words=False, high=P.MAX_SIDE)


def check_pool_padding(kernel: int, padding: int) -> None:
    """Pooling pads at most half the kernel, as every framework requires."""
    if padding > kernel // 2:
        raise ParamError(f"padding {padding} is more than half the kernel {kernel}, "
                         f"which no framework allows for pooling.")


def check_geometry(X: list[list], kernel: int, padding: int) -> None:
    check_pool_padding(kernel, padding)
    check_fits(len(X), kernel, padding, what="input height")
    check_fits(len(X[0]), kernel, padding, what="input width")


@P.memo
def values_data(params: Params) -> tuple[list[list[int | Fraction]], int, int, int]:
    """X (exact numbers), kernel, stride, padding of already validated params."""
    return P.matrix(params, "X"), int(params["kernel"]), int(params["stride"]), read_padding(params)


def window_effort(label: str, *, backward: bool = False):
    """Hand effort of pooling X: one operation (a comparison, an addition, a routed value) per real
    cell of every window, counted from the sizes alone, and at least one per entry written (the
    output, or for a ``backward`` kind dL/dX, of X's shape)."""

    def effort(params: Params) -> dict[str, int]:
        X, k, s, p = values_data(params)
        rows, cols = out_shape(X, k, s, p)
        written = len(X) * len(X[0]) if backward else rows * cols
        return {label: max(written, covered(len(X), k, s, p, rows) * covered(len(X[0]), k, s, p, cols))}

    return effort


def out_shape(X: list[list], kernel: int, stride: int, padding: int) -> tuple[int, int]:
    return out_size(len(X), kernel, stride, padding), out_size(len(X[0]), kernel, stride, padding)


def window(X: list[list], kernel: int, stride: int, padding: int, i: int, j: int) -> list[Cell | None]:
    """The cells (row, column) of the window of Y[i, j], row-major; None for a padded cell."""
    return window_2d((len(X), len(X[0])), (kernel, kernel), stride, (padding, padding), i, j)


def cell_values(X: list[list], cells: list[Cell | None], fill: Any = None) -> list[Any]:
    """The entries of X under a window, ``fill`` where the window meets padding."""
    return [fill if cell is None else X[cell[0]][cell[1]] for cell in cells]


def real_values(X: list[list], cells: list[Cell | None]) -> list[int | Fraction]:
    return [X[cell[0]][cell[1]] for cell in cells if cell is not None]


def argmax(X: list[list], cells: list[Cell | None]) -> Cell:
    """The first maximum in row-major order among the real cells (PyTorch's CPU rule)."""
    best = None
    for cell in cells:
        if cell is not None and (best is None or X[cell[0]][cell[1]] > X[best[0]][best[1]]):
            best = cell
    assert best is not None  # every window holds a real cell (see above)
    return best


def pool(X: list[list], kernel: int, stride: int, padding: int, reduce) -> tuple[tuple, ...]:
    """Apply ``reduce(window cells)`` to every window; the result as a tuple of rows."""
    rows, cols = out_shape(X, kernel, stride, padding)
    return tuple(
        tuple(exact(reduce(window(X, kernel, stride, padding, i, j))) for j in range(cols))
        for i in range(rows)
    )


def max_pool(X, kernel, stride, padding):
    return pool(X, kernel, stride, padding, lambda cells: max(real_values(X, cells)))


def min_pool(X, kernel, stride, padding):
    return pool(X, kernel, stride, padding, lambda cells: min(real_values(X, cells)))


def mean_real_pool(X, kernel, stride, padding):
    """The mean of the real entries only (padding neither added nor counted)."""
    return pool(X, kernel, stride, padding,
                lambda cells: Fraction(sum(real_values(X, cells)), len(real_values(X, cells))))


def avg_pool(X, kernel, stride, padding):
    """Average pooling with zero padding that counts in the divisor (count_include_pad)."""
    return pool(X, kernel, stride, padding, lambda cells: Fraction(sum(real_values(X, cells)), kernel * kernel))


def max_zero_padded_pool(X, kernel, stride, padding):
    return pool(X, kernel, stride, padding, lambda cells: max(cell_values(X, cells, 0)))


def has_tie(X, kernel, stride, padding) -> bool:
    rows, cols = out_shape(X, kernel, stride, padding)
    for i in range(rows):
        for j in range(cols):
            values = real_values(X, window(X, kernel, stride, padding, i, j))
            if values.count(max(values)) > 1:
                return True
    return False


def overlap(kernel: int, stride: int) -> bool:
    return stride < kernel


def sample_geometry(rng: Rng, difficulty: str, padded: bool) -> tuple[int, int, int, int, int]:
    """(H, W, kernel, stride, padding) for a difficulty, with 2..5 outputs per direction.

    easy: 4x4, kernel 2, stride 2. medium: 4..6 per side, kernel 2-3, stride 1-3 (windows
    may overlap or skip entries), no padding. hard: 4..7 per side, overlapping windows
    (stride < kernel) and, for the value kinds, padding 0..kernel//2.
    """
    if difficulty == "easy":
        return 4, 4, 2, 2, 0
    while True:
        if difficulty == "medium":
            kernel = rng.choice((2, 3))
            stride = rng.integer(1, 3)
            padding, lo, hi = 0, 4, 6
        else:
            kernel = rng.choice((2, 3))
            stride = rng.integer(1, kernel - 1)
            padding = rng.integer(0, kernel // 2) if padded else 0
            lo, hi = 4, 7
        sizes = [n for n in range(lo, hi + 1) if 2 <= out_size(n, kernel, stride, padding) <= 5]
        if sizes:
            return rng.choice(sizes), rng.choice(sizes), kernel, stride, padding


def fit_geometry(rng: Rng, difficulty: str, padded: bool, given: Params) -> tuple[int, int, int, int, int]:
    """(H, W, kernel, stride, padding) as :func:`sample_geometry` draws them, but keeping what
    ``given`` fixes and sizing X so the given window fits (2..5 outputs per direction where
    possible). Values of the wrong type are kept too, for validation to refuse in a sentence."""
    H, W, kernel, stride, padding = sample_geometry(rng, difficulty, padded)
    kernel, stride = given.get("kernel", kernel), given.get("stride", stride)
    padding = given.get("padding", padding if padded else 0)
    shape = P.shape_of(given["X"]) if "X" in given else ()
    if len(shape) == 2:
        return shape[0], shape[1], kernel, stride, padding
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (kernel, stride, padding)) \
            or not 1 <= kernel <= P.MAX_SIDE or not 1 <= stride <= P.MAX_SIDE or padding > P.MAX_SIDE:
        return H, W, kernel, stride, padding
    sizes = [n for n in range(max(2, kernel - padding), P.MAX_SIDE + 1)]
    # Hand-sized where the window allows: 2..5 outputs a side and at most 6 window cells a side to
    # look at (36 in all); a large given window gets the smallest input with two outputs a side.
    light = [n for n in sizes if 2 <= out_size(n, kernel, stride, padding) <= 5
             and covered(n, kernel, stride, padding, out_size(n, kernel, stride, padding)) <= 6]
    two = [n for n in sizes if out_size(n, kernel, stride, padding) == 2]
    sizes = light or two[:1] or sizes[:1] or [H]
    return rng.choice(sizes), rng.choice(sizes), kernel, stride, padding


def distinct_matrix(rng: Rng, rows: int, cols: int, difficulty: str) -> list[list[int]]:
    """A matrix with no repeated entry at all, so no window can hold a tie for its maximum."""
    n = rows * cols
    if difficulty == "easy":
        values = rng.distinct(0, max(20, n - 1), n)  # 0..20 for every sampled size; wider for a large given kernel
    else:
        half = max(9, (n + 1) // 2)
        values = rng.distinct(-half, half, n)
    return [values[r * cols:(r + 1) * cols] for r in range(rows)]
