"""What the two output-size kinds share: params per axis, and shape mistakes that act per axis.

Both read (height, width) and four params that are an int or a pair [height, width]: kernel,
padding, stride and a last one (dilation for a convolution, output_padding for a transposed
one). A size rule takes (n, k, s, p, last) for one axis.
"""

from __future__ import annotations

from typing import Callable

from .. import params as P
from ..model import Param, Params
from .common import MAX_SIZE

#: The params both kinds take before their last one.
AXES_PARAMS = (
    Param("height", "int", "input height H"),
    Param("width", "int", "input width W"),
    Param("kernel", "int or [kh, kw]", "kernel size, one for both axes or a pair"),
    Param("padding", "int or [ph, pw]", "zeros on each side, one for both axes or a pair"),
    Param("stride", "int or [sh, sw]", "step of the window, one for both axes or a pair"),
)

Pair = tuple[int, int]
SizeRule = Callable[[int, int, int, int, int], int]


def read_axes(params: Params, last: str, *, low: int, default: int) -> tuple[Pair, Pair, Pair, Pair, Pair]:
    """(H, W), (kh, kw), (ph, pw), (sh, sw) and the last param's pair, validated."""
    H = P.integer(params, "height", low=1, high=MAX_SIZE)
    W = P.integer(params, "width", low=1, high=MAX_SIZE)
    return ((H, W), P.pair(params, "kernel", low=1, high=MAX_SIZE),
            P.pair(params, "padding", low=0, high=MAX_SIZE, default=0),
            P.pair(params, "stride", low=1, high=MAX_SIZE, default=1),
            P.pair(params, last, low=low, high=MAX_SIZE, default=default))


def per_axis(axes: tuple[Pair, Pair, Pair, Pair, Pair], size: SizeRule) -> Pair:
    """(height, width) by ``size`` applied to each axis."""
    (h, w) = (size(*dims) for dims in axis_args(axes))
    return h, w


def mistake_where(read: Callable[[Params], tuple], truth: SizeRule, condition: Callable[..., bool],
                  size: SizeRule) -> Callable[[Params], dict]:
    """A shape mistake that acts on an axis only where ``condition(n, k, s, p, last)`` holds there
    (the right size on the other axis), and has nothing to act on when it holds on neither."""

    def solve(params: Params) -> dict:
        axes = read(params)
        if not any(condition(*dims) for dims in axis_args(axes)):
            return {}
        return {"a": per_axis(axes, lambda *a: size(*a) if condition(*a) else truth(*a))}

    return solve


def axis_args(axes: tuple[Pair, Pair, Pair, Pair, Pair]) -> list[tuple[int, int, int, int, int]]:
    """(n, k, s, p, last) for the height, then for the width: a size rule's arguments."""
    n, k, p, s, e = axes
    return [(n[x], k[x], s[x], p[x], e[x]) for x in (0, 1)]
