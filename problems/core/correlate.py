"""Cross-correlation in 1-D and 2-D, exactly: what deep-learning libraries call convolution.

Output i (or (i, j)) is the sum of kernel entry times input entry over its window, with no
kernel flip; padded zeros contribute nothing. Sums are exact (ints and Fractions).
"""

from __future__ import annotations

from typing import Any, Sequence

from .numbers import exact
from .sizes import out_size
from .windows import Cell, window_1d, window_2d


def dot_1d(x: Sequence[Any], kernel: Sequence[Any], cells: Sequence[int | None]) -> Any:
    """sum of kernel[j] * x[t] over the real cells t of a window."""
    return exact(sum(kernel[j] * x[t] for j, t in enumerate(cells) if t is not None))


def correlate_1d(x: Sequence[Any], kernel: Sequence[Any], stride: int = 1, before: int = 0,
                 after: int | None = None, *, shift: int = 0) -> tuple:
    """y with y_i = sum_j kernel[j] x[i*s - before + j]; ``shift`` as in :func:`window_1d`."""
    n, k = len(x), len(kernel)
    m = out_size(n, k, stride, before, after=after)
    return tuple(dot_1d(x, kernel, window_1d(n, k, stride, before, i, shift=shift)) for i in range(m))


def dot_2d(X: Sequence[Sequence[Any]], K: Sequence[Sequence[Any]], cells: Sequence[Cell | None]) -> Any:
    """sum of X[r][c] * K[u][v] over the real cells of a window (cells row-major in the kernel)."""
    width = len(K[0])
    return exact(sum(X[cell[0]][cell[1]] * K[n // width][n % width]
                     for n, cell in enumerate(cells) if cell is not None))


def rot180(K: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """K turned by 180 degrees: the kernel a true convolution (or a student who flips) uses."""
    return [list(reversed(row)) for row in reversed(K)]


def correlate_2d(X: Sequence[Sequence[Any]], K: Sequence[Sequence[Any]], stride: int = 1,
                 before: tuple[int, int] = (0, 0), after: tuple[int, int] | None = None) -> tuple[tuple, ...]:
    """Y with Y[i][j] = sum_{u,v} K[u][v] X[i*s - top + u][j*s - left + v] (before = (top, left))."""
    after = before if after is None else after
    shape, kernel = (len(X), len(X[0])), (len(K), len(K[0]))
    rows = out_size(shape[0], kernel[0], stride, before[0], after=after[0])
    cols = out_size(shape[1], kernel[1], stride, before[1], after=after[1])
    return tuple(tuple(dot_2d(X, K, window_2d(shape, kernel, stride, before, i, j)) for j in range(cols))
                 for i in range(rows))
