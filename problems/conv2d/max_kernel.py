"""conv2d.max-kernel: the largest kernel that fits an input without padding, where a convolution
becomes a dense layer.

A K_h x K_w kernel fits a C x H x W input without padding when K_h <= H and K_w <= W, so the
largest is H x W: one window, output (F, 1, 1), and each filter a weight for every input number.
Its F C H W weights are exactly those of a dense layer from the C H W inputs to the F outputs, so
parts (c) and (d) are equal by design: that equality is what the kind teaches.
"""

from __future__ import annotations

from .. import params as P
from ..model import Kind, Misconception, Param, Params, Part, fixed_parts
from ..rng import Rng
from .common import MAX_SIZE
from .mistakes import PLUS_ONE_FEEDBACK


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        channels, height, filters = rng.integer(1, 3), rng.integer(4, 8), rng.integer(2, 8)
        width = height
    elif difficulty == "medium":
        channels, height, width, filters = 3, rng.integer(5, 16), rng.integer(5, 16), rng.choice((4, 8, 10, 16))
    else:
        channels, filters = rng.choice((3, 8, 16)), rng.choice((10, 16, 32, 64))
        height, width = rng.distinct(6, 32, 2)
    return {"channels": channels, "height": height, "width": width, "filters": filters}


def _validate(params: Params) -> None:
    for name in ("channels", "height", "width", "filters"):
        P.integer(params, name, low=1, high=MAX_SIZE)


def _solve(p: Params) -> dict:
    c, h, w, f = p["channels"], p["height"], p["width"], p["filters"]
    return {"a": (h, w), "b": (f, 1, 1), "c": f * c * h * w, "d": (c * h * w) * f}


def _steps(p: Params) -> dict:
    c, h, w = p["channels"], p["height"], p["width"]
    return {"filter_weights": c * h * w, "square": h == w}


def _square_only(p: Params) -> dict:
    side = min(p["height"], p["width"])
    return {} if p["height"] == p["width"] else {"a": (side, side)}


def _forgot_plus_one(p: Params) -> dict:
    return {"b": (p["filters"], 0, 0)}


def _channel_forgotten(p: Params) -> dict:
    return {"b": (1, 1)}


def _forgot_input_channels(p: Params) -> dict:
    return {} if p["channels"] == 1 else {"c": p["filters"] * p["height"] * p["width"]}


def _one_filter(p: Params) -> dict:
    n = p["channels"] * p["height"] * p["width"]
    return {} if p["filters"] == 1 else {"c": n, "d": n}


def _dense_square(p: Params) -> dict:
    n = p["channels"] * p["height"] * p["width"]
    return {"d": n * n}


_MISCONCEPTIONS = (
    Misconception(
        "square-kernel-only",
        "A kernel need not be square: it fits when K_h <= H and K_w <= W, so the largest is H x W.",
        _square_only,
    ),
    Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK + " With K = H there is one window, at the very start.",
                  _forgot_plus_one),
    Misconception(
        "channel-dimension-forgotten",
        "The output keeps one channel per filter: (F, H', W'), here (F, 1, 1).",
        _channel_forgotten,
    ),
    Misconception(
        "forgot-input-channels",
        "A filter spans all C input channels, so each filter has C H W weights, not H W.",
        _forgot_input_channels,
    ),
    Misconception(
        "one-filter-counted",
        "The layer has F filters, one per output, and the dense layer F outputs: multiply by F.",
        _one_filter,
    ),
    Misconception(
        "dense-to-input-size",
        "The dense layer has to produce the same outputs as the convolution, F numbers, not as many as it takes in.",
        _dense_square,
    ),
)


MAX_KERNEL = Kind(
    id="conv2d.max-kernel",
    version=1,
    title="The largest kernel: where a convolution becomes a dense layer",
    params=(
        Param("channels", "int", "input channels C"),
        Param("height", "int", "input height H"),
        Param("width", "int", "input width W"),
        Param("filters", "int", "number of filters F (output channels)"),
    ),
    parts=fixed_parts(
        Part("a", "The shape $(K_h, K_w)$ of the largest kernel that fits in the input without padding.", "shape"),
        Part("b", "The output shape $(F, H', W')$ of the layer with that kernel.", "shape"),
        Part("c", "The number of weights of that convolutional layer, without bias.", "integer"),
        Part("d", "The number of weights of a dense layer from the flattened input to the same outputs, "
                  "without bias.", "integer"),
    ),
    same_by_design=(("c", "d"),),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    first_claims=True,
    misconceptions=_MISCONCEPTIONS,
)
