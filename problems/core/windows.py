"""Window enumeration: which input cells a kernel covers for one output, in 1-D and 2-D.

Everything is 0-based: output i's window starts at input index i*s - before (a negative index
or one past the end is a padded zero). A cell under a padded zero is None, so callers keep the
kernel index of every entry and drop the padded ones where they sum.
"""

from __future__ import annotations

from typing import Any, Sequence

Cell = tuple[int, int]


def window_1d(size: int, kernel: int, stride: int, before: int, index: int, *, shift: int = 0) -> list[int | None]:
    """The input index under each kernel entry of output ``index``, None where it meets padding.

    ``shift`` moves the window that many positions to the right (a misconception's off-by-one);
    cells past the input are padding too.
    """
    start = index * stride - before + shift
    return [t if 0 <= t < size else None for t in range(start, start + kernel)]


def window_2d(shape: tuple[int, int], kernel: tuple[int, int], stride: int, before: tuple[int, int],
              i: int, j: int) -> list[Cell | None]:
    """The input cell (row, column) under each kernel entry of output (i, j), row-major; None for padding."""
    top, left = i * stride - before[0], j * stride - before[1]
    height, width = shape
    return [(r, c) if 0 <= r < height and 0 <= c < width else None
            for r in range(top, top + kernel[0]) for c in range(left, left + kernel[1])]


def padded_1d(x: Sequence[Any], before: int, after: int | None = None, fill: Any = 0) -> list[Any]:
    """x with ``fill`` before and after it, as a statement shows the padded input."""
    return [fill] * before + list(x) + [fill] * (before if after is None else after)


def padded_2d(X: Sequence[Sequence[Any]], before: tuple[int, int], after: tuple[int, int] | None = None,
              fill: Any = 0) -> list[list[Any]]:
    """X with ``fill`` rows above and below and columns left and right (before = (top, left))."""
    top, left = before
    bottom, right = before if after is None else after
    width = len(X[0]) + left + right
    return ([[fill] * width for _ in range(top)]
            + [padded_1d(row, left, right, fill) for row in X]
            + [[fill] * width for _ in range(bottom)])


def covered(size: int, kernel: int, stride: int, before: int, outputs: int, *, dilation: int = 1) -> int:
    """Real (not padded) input cells under the windows of ``outputs`` outputs along one axis, summed.

    A 2-D layer's windows cover ``covered(rows...) * covered(columns...)`` real cells in all, so a
    kind's hand effort is counted from sizes alone, without building a window.
    """
    # Only windows that meet the input count: their starts lie in (before - span, size + before).
    span = dilation * (kernel - 1) + 1
    first = max(0, (before - span) // stride)
    last = min(outputs, (size + before) // stride + 1)
    return sum(real_cells(size, kernel, stride, before, index, dilation=dilation) for index in range(first, last))


def real_cells(size: int, kernel: int, stride: int, before: int, index: int, *, dilation: int = 1) -> int:
    """Real (not padded) input cells under the window of output ``index`` along one axis."""
    start = index * stride - before
    if dilation == 1:
        return max(0, min(start + kernel, size) - max(start, 0))
    return sum(1 for u in range(kernel) if 0 <= start + u * dilation < size)
