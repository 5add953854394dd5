"""The output sides (H', W') of a square-kernel layer, right and as the size mistakes work them out.

layers.flops and layers.batched-shapes both need H' and W' from (height, width, kernel, stride,
padding), and both name the same three size mistakes; this module holds the rule once and the
mistakes' feedback once. A mistake gives None where it has nothing to act on (no padding to count
once, stride 1 to ignore), so the kind leaves that misconception out for those params.
"""

from __future__ import annotations

from ..core.padding import padding_param
from ..core.sizes import check_fits, out_size
from ..model import Params
from .. import params as P
from .counting import MAX_SIZE

#: The size mistakes, by misconception name, with their feedback.
SIZE_FEEDBACK = {
    "forgot-plus-one": "You left out the +1: the first window position counts too, so a side is "
                       "floor((H + 2p - k)/s) + 1.",
    "padding-once": "You added the padding once; it is added on both sides, so H + 2p.",
    "stride-ignored": "You ignored the stride: the window moves s pixels at a time, so divide H + 2p - k by s "
                      "before adding 1.",
}


def validate_geometry(params: Params) -> tuple[int, int, int, int, int]:
    """(height, width, kernel, stride, padding) checked, with a kernel that fits the padded input."""
    height = P.integer(params, "height", low=1, high=MAX_SIZE)
    width = P.integer(params, "width", low=1, high=MAX_SIZE)
    kernel = P.integer(params, "kernel", low=1, high=MAX_SIZE)
    stride = P.integer(params, "stride", low=1, high=MAX_SIZE)
    padding = padding_param(params, words=False, high=MAX_SIZE)
    check_fits(height, kernel, padding, what="input height")
    check_fits(width, kernel, padding, what="input width")
    return height, width, kernel, stride, padding


def out_sides(p: Params, *, stride: int | None = None, after: int | None = None, plus: int = 1) -> tuple[int, int]:
    """(H', W') as floor((n + 2p - k)/s) + 1; or as a student works it out with another stride,
    the padding on one side only (``after=0``) or without the +1 (``plus=0``)."""
    s = p["stride"] if stride is None else stride
    return tuple(out_size(n, p["kernel"], s, p["padding"], after=after) - 1 + plus  # type: ignore[return-value]
                 for n in (p["height"], p["width"]))


def mistaken_sides(name: str, p: Params) -> tuple[int, int] | None:
    """(H', W') as the size mistake ``name`` gives them, or None where it has nothing to act on."""
    if name == "forgot-plus-one":
        return out_sides(p, plus=0)
    if name == "padding-once":
        return out_sides(p, after=0) if p["padding"] else None
    if name == "stride-ignored":
        return out_sides(p, stride=1) if p["stride"] > 1 else None
    raise KeyError(name)
