"""pooling.output-size: the output width of a pooling layer."""

from __future__ import annotations

import dataclasses

from .. import params as P
from ..core.padding import padding_param
from ..core.sizes import check_fits, out_size
from ..model import Kind, Misconception, Param, Params, Part, fixed_parts, hand_sized
from ..rng import Rng
from .windows import check_pool_padding


def _sample(rng: Rng, difficulty: str) -> Params:
    kernel = rng.choice({"easy": (2, 3), "medium": (2, 3, 4), "hard": (3, 4, 5)}[difficulty])
    stride = rng.integer(1, kernel) if difficulty != "easy" else kernel
    padding = 0 if difficulty == "easy" else rng.integer(0, kernel // 2)
    lo = {"easy": 6, "medium": 8, "hard": 17}[difficulty]
    size = rng.integer(lo, lo * 4)
    return {"size": size, "kernel": kernel, "stride": stride, "padding": padding}


def _validate(params: Params) -> None:
    size = P.integer(params, "size", low=1, high=P.MAX_COUNT)
    kernel = P.integer(params, "kernel", low=1, high=P.MAX_COUNT)
    P.integer(params, "stride", low=1, high=P.MAX_COUNT)
    padding = padding_param(params, words=False, high=P.MAX_COUNT)
    check_pool_padding(kernel, padding)
    check_fits(size, kernel, padding)


def _solve(params: Params) -> dict:
    return {"a": out_size(params["size"], params["kernel"], params["stride"], params["padding"])}


def _steps(params: Params) -> dict:
    p = params
    return {"numerator": p["size"] + 2 * p["padding"] - p["kernel"]}


OUTPUT_SIZE = Kind(
    id="pooling.output-size",
    version=1,
    title="Output size of a pooling layer",
    params=(
        Param("size", "int", "width W of the input feature map"),
        Param("kernel", "int", "width k of the window"),
        Param("stride", "int", "step of the window"),
        Param("padding", "int", "zeros on each side, at most half the window"),
    ),
    parts=fixed_parts(Part("a", "The output width $W'$.", "integer")),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    misconceptions=(
        Misconception(
            "forgot-plus-one",
            "You left out the +1: the first window sits at position 0 and counts too.",
            lambda p: {"a": out_size(p["size"], p["kernel"], p["stride"], p["padding"]) - 1},
        ),
        Misconception(
            "padding-once",
            "You added the padding once; it is added on both sides, so 2p.",
            lambda p: {"a": out_size(p["size"], p["kernel"], p["stride"], p["padding"], after=0)}
            if p["padding"] else {},
        ),
        Misconception(
            "no-stride",
            "You ignored the stride: the window moves s positions at a time, so divide by s.",
            lambda p: {"a": out_size(p["size"], p["kernel"], 1, p["padding"])} if p["stride"] > 1 else {},
        ),
    ),
)


def _padded_or_strided(params: Params) -> bool:
    """Some padding or a stride above 1: what a size problem is there to practise."""
    return params["padding"] > 0 or params["stride"] > 1


#: Version 2: every hard problem is padded or strided (issue 14).
OUTPUT_SIZE_V2 = dataclasses.replace(OUTPUT_SIZE, version=2, teaches=_padded_or_strided,
                                     sample=hand_sized(OUTPUT_SIZE.sample, None, _padded_or_strided))
