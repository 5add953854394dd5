"""layers.conv-vs-dense: shapes and weights of a convolutional layer versus a dense layer.

Counts are exact Python ints (a dense layer on a 3x256x256 image has about 10^11 weights).
"""

from __future__ import annotations

import dataclasses

from fractions import Fraction

from .. import params as P
from ..core.padding import padding_param
from ..core.sizes import check_fits, out_size
from ..model import Kind, Misconception, Param, Params, Part, fixed_parts, hand_sized
from ..rng import Rng
from .counting import LAYER_PARAMS, MAX_SIZE


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        channels = rng.integer(1, 3)
        height = rng.integer(8, 32)
        width = height
        filters = rng.integer(2, 8)
        kernel = 3
        stride = 1
        padding = rng.integer(0, 1)
    elif difficulty == "medium":
        channels = 3
        height = rng.integer(32, 128)
        width = height if rng.coin() else rng.integer(32, 128)
        filters = rng.choice((4, 8, 16, 32, 64))
        kernel = rng.choice((3, 5))
        stride = rng.integer(1, 2)
        padding = rng.integer(0, 2)
    else:
        channels = rng.choice((1, 3, 3))
        height = rng.integer(96, 256)
        width = height if rng.coin() else rng.integer(96, 256)
        filters = rng.choice((64, 96, 128, 192, 256))
        kernel = rng.choice((3, 5, 7))
        stride = rng.integer(1, 4)
        padding = rng.integer(0, 3)
    return {"channels": channels, "height": height, "width": width, "filters": filters,
            "kernel": kernel, "stride": stride, "padding": padding}


def _validate(params: Params) -> None:
    P.integer(params, "channels", low=1, high=MAX_SIZE)
    height = P.integer(params, "height", low=1, high=MAX_SIZE)
    width = P.integer(params, "width", low=1, high=MAX_SIZE)
    P.integer(params, "filters", low=1, high=MAX_SIZE)
    kernel = P.integer(params, "kernel", low=1)
    P.integer(params, "stride", low=1)
    padding = padding_param(params, words=False, high=MAX_SIZE)
    check_fits(height, kernel, padding, what="input height")
    check_fits(width, kernel, padding, what="input width")


def _out(p: Params) -> tuple[int, int]:
    return (out_size(p["height"], p["kernel"], p["stride"], p["padding"]),
            out_size(p["width"], p["kernel"], p["stride"], p["padding"]))


def _solve(p: Params) -> dict:
    c, h, w, f, k = p["channels"], p["height"], p["width"], p["filters"], p["kernel"]
    oh, ow = _out(p)
    return {
        "a": (c, h, w),
        "b": (c, k, k),
        "c": (f, c, k, k),
        "d": (f, oh, ow),
        "e": f * c * k * k,
        "f": (c * h * w) * (f * oh * ow),
        "g": (f,),
    }


def _steps(p: Params) -> dict:
    c, h, w, f, k, s, pad = (p["channels"], p["height"], p["width"], p["filters"], p["kernel"],
                             p["stride"], p["padding"])
    oh, ow = _out(p)
    conv = f * c * k * k
    in_features = c * h * w
    out_features = f * oh * ow
    dense = in_features * out_features
    return {
        "num_h": h + 2 * pad - k,
        "num_w": w + 2 * pad - k,
        "out_h": oh,
        "out_w": ow,
        "filter_weights": c * k * k,
        "conv_weights": conv,
        "in_features": in_features,
        "out_features": out_features,
        "dense_weights": dense,
        "dense_over_conv": round(Fraction(dense, conv)),
        "positions": oh * ow,
        "stride_one": s == 1,
    }


def _output_shape(p: Params, *, stride: int | None = None, after: int | None = None, plus: int = 1) -> tuple:
    """(F, H', W') as a student works it out: with another stride, padding on one side only
    (``after=0``) or without the +1 (``plus=0``)."""
    s = p["stride"] if stride is None else stride
    h, w = (out_size(n, p["kernel"], s, p["padding"], after=after) - 1 + plus for n in (p["height"], p["width"]))
    return (p["filters"], h, w)


def _forgot_plus_one(p: Params) -> dict:
    return {"d": _output_shape(p, plus=0)}


def _padding_once(p: Params) -> dict:
    return {"d": _output_shape(p, after=0)} if p["padding"] else {}


def _no_stride(p: Params) -> dict:
    return {"d": _output_shape(p, stride=1)} if p["stride"] > 1 else {}


def _forgot_input_channels(p: Params) -> dict:
    if p["channels"] == 1:
        return {}
    return {"e": p["filters"] * p["kernel"] ** 2}


def _dense_square(p: Params) -> dict:
    n = p["channels"] * p["height"] * p["width"]
    return {"f": n * n}


def _dense_local(p: Params) -> dict:
    oh, ow = _out(p)
    return {"f": p["filters"] * p["channels"] * p["kernel"] ** 2 * oh * ow}


def _bias_per_position(p: Params) -> dict:
    oh, ow = _out(p)
    return {"g": (p["filters"], oh, ow)}


CONV_VS_DENSE = Kind(
    id="layers.conv-vs-dense",
    version=1,
    title="Shapes and weights of a convolutional layer versus a dense layer",
    params=LAYER_PARAMS + (Param("padding", "int", "zeros on each side, both axes"),),
    parts=fixed_parts(
        Part("a", "The input shape $(C, H, W)$.", "shape"),
        Part("b", "The shape of one filter.", "shape"),
        Part("c", "The shape of the layer's weight tensor (all filters together).", "shape"),
        Part("d", "The output shape.", "shape"),
        Part("e", "The number of weights of the convolutional layer, without bias.", "integer"),
        Part("f", "The number of weights of a dense layer from the flattened input to the flattened output, without bias.", "integer"),
        Part("g", "The shape of the layer's bias.", "shape"),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    misconceptions=(
        Misconception(
            "channel-dimension-forgotten",
            "A filter spans all input channels, so it has shape (C, k, k), and the weight tensor stacks F of them: (F, C, k, k).",
            lambda p: {"b": (p["kernel"], p["kernel"]), "c": (p["filters"], p["kernel"], p["kernel"])},
        ),
        Misconception(
            "forgot-plus-one",
            "You left out the +1: the first window position counts too, so the size is floor((H + 2p - k)/s) + 1.",
            _forgot_plus_one,
        ),
        Misconception(
            "padding-once",
            "You added the padding once; it is added on both sides, so H + 2p.",
            _padding_once,
        ),
        Misconception(
            "stride-ignored",
            "You ignored the stride: the window moves s pixels at a time, so divide H + 2p - k by s before adding 1.",
            _no_stride,
        ),
        Misconception(
            "forgot-input-channels",
            "Each filter has a k x k kernel for every input channel, so the layer has F times C times k squared weights.",
            _forgot_input_channels,
        ),
        Misconception(
            "dense-to-input-size",
            "The dense layer has to produce the same outputs as the convolution, F H' W' numbers, not as many as it takes in.",
            _dense_square,
        ),
        Misconception(
            "dense-as-locally-connected",
            "You counted a k x k window per output; a dense layer connects every output to every input, C H W weights per output.",
            _dense_local,
        ),
        Misconception(
            "bias-per-position",
            "A convolutional layer shares one bias per filter across all positions, so the bias has shape (F,).",
            _bias_per_position,
        ),
    ),
)


def _padded_or_strided(params: Params) -> bool:
    """Some padding or a stride above 1: what the output-shape part is there to practise."""
    return params["padding"] not in (0, "valid") or params["stride"] > 1


#: Version 2: every hard problem is padded or strided (issue 14).
CONV_VS_DENSE_V2 = dataclasses.replace(CONV_VS_DENSE, version=2, teaches=_padded_or_strided,
                                       sample=hand_sized(CONV_VS_DENSE.sample, None, _padded_or_strided))
