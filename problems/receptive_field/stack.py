"""Receptive fields of a stack of convolution and pooling layers.

One output of layer l sees r_l consecutive inputs (along one side of a square window), with

    r_0 = 1,   r_l = r_{l-1} + (k_l - 1) d_l J_{l-1},   J_l = s_1 s_2 ... s_l  (J_0 = 1),

where J_{l-1} is the jump: how many input pixels apart neighbouring units of layer l - 1
sit. Padding does not change the size, and pooling counts like a convolution with the same
kernel, stride and dilation.
"""

from __future__ import annotations

from typing import Any

from .. import params as P
from ..model import Kind, Misconception, Param, ParamError, Params, Part, fixed_parts
from ..rng import Rng

_TYPES = ("conv", "pool")
_KEYS = ("type", "kernel", "stride", "dilation")
_MAX_LAYERS = 30
_MAX_VALUE = 1000


def _whole(layer: dict, key: str, number: int, default: int | None = None) -> int:
    if key not in layer:
        if default is not None:
            return default
        raise ParamError(f"layer {number} has no {key!r}; give it as a whole number, such as \"{key}\": 1.")
    value = P.whole(layer[key], f"layer {number}: {key!r}")
    if not 1 <= value <= _MAX_VALUE:
        raise ParamError(f"layer {number}: {key!r} must be between 1 and {_MAX_VALUE}, not {value}.")
    return value


def _layers(params: Params) -> list[dict[str, Any]]:
    """The layers as dicts with every key filled in (dilation defaults to 1)."""
    if "layers" not in params:
        raise ParamError("missing param 'layers'.")
    value = params["layers"]
    if not isinstance(value, list) or not value:
        raise ParamError("param 'layers' must be a non-empty list of layers such as "
                         "{\"type\": \"conv\", \"kernel\": 3, \"stride\": 1, \"dilation\": 1}.")
    if len(value) > _MAX_LAYERS:
        raise ParamError(f"param 'layers' may hold at most {_MAX_LAYERS} layers, not {len(value)}.")
    out = []
    for number, layer in enumerate(value, start=1):
        if not isinstance(layer, dict):
            raise ParamError(f"layer {number} must be written as {{\"type\": \"conv\", \"kernel\": 3, "
                             f"\"stride\": 1, \"dilation\": 1}}, not {layer!r}.")
        unknown = [k for k in layer if k not in _KEYS]
        if unknown:
            raise ParamError(f"layer {number} has unknown key {unknown[0]!r}; the keys are type, kernel, stride "
                             f"and dilation.")
        if layer.get("type") not in _TYPES:
            raise ParamError(f"layer {number}: 'type' must be \"conv\" or \"pool\", not {layer.get('type')!r}.")
        out.append({"type": layer["type"], "kernel": _whole(layer, "kernel", number),
                    "stride": _whole(layer, "stride", number),
                    "dilation": _whole(layer, "dilation", number, default=1)})
    return out


def _validate(params: Params) -> None:
    _layers(params)


def _fields(layers: list[dict], *, jump_after: bool = False, strides: bool = True, dilation: bool = True) -> tuple:
    """r_1..r_L; the flags switch on the misconceptions' versions of the recurrence."""
    r, jump, out = 1, 1, []
    for layer in layers:
        k, s, d = layer["kernel"], layer["stride"], layer["dilation"]
        step_jump = jump * s if jump_after else jump
        r += (k - 1) * (d if dilation else 1) * (step_jump if strides else 1)
        jump *= s
        out.append(r)
    return tuple(out)


def _solve(params: Params) -> dict:
    fields = _fields(_layers(params))
    return {"a": fields[-1], "b": fields}


def _recurrence(**flags):
    """A mistake in the recurrence. Its fields only drift further from the right ones layer by layer,
    so it gets the last one wrong whenever it gets any wrong; where it changes nothing it is silent."""

    def solve(params: Params) -> dict:
        wrong = _fields(_layers(params), **flags)
        return {"a": wrong[-1], "b": wrong}

    return solve


def _kernels_added(params: Params) -> dict:
    layers = _layers(params)
    if len(layers) == 1:
        return {}
    sums, total = [], 0
    for layer in layers:
        total += layer["kernel"]
        sums.append(total)
    return {"a": total, "b": tuple(sums)}


def _effort(params: Params) -> dict[str, int]:
    """r_l = r_{l-1} + (k_l - 1) d_l J_{l-1}: a few multiply-adds per layer."""
    layers = len(_layers(params))
    return {"a": 2 * layers, "b": 2 * layers}


def _steps(params: Params) -> dict:
    layers = _layers(params)
    rows, r, jump = [], 1, 1
    for number, layer in enumerate(layers, start=1):
        k, s, d = layer["kernel"], layer["stride"], layer["dilation"]
        grow = (k - 1) * d * jump
        rows.append({"l": number, "type": layer["type"], "k": k, "s": s, "d": d, "jump": jump,
                     "grow": grow, "prev": r, "r": r + grow, "jump_after": jump * s})
        r += grow
        jump *= s
    return {"layers": rows, "L": len(layers), "dilated": any(l["dilation"] > 1 for l in layers),
            "strided": any(l["stride"] > 1 for l in layers)}


def _conv(rng: Rng, strides: tuple[int, ...], dilations: tuple[int, ...] = (1,)) -> dict:
    return {"type": "conv", "kernel": rng.choice((2, 3, 3, 5)), "stride": rng.choice(strides),
            "dilation": rng.choice(dilations)}


def _pool(rng: Rng, strided: bool) -> dict:
    kernel = rng.choice((2, 3))
    return {"type": "pool", "kernel": kernel, "stride": 2 if strided else 1, "dilation": 1}


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        layers = [_conv(rng, (1,)), _conv(rng, (1,)) if rng.coin() else _pool(rng, strided=False)]
        return {"layers": layers}
    count = 3 if difficulty == "medium" else rng.integer(4, 5)
    while True:
        layers = []
        for number in range(count):
            if number and rng.integer(0, 2) == 0:
                layers.append(_pool(rng, strided=True))
            elif difficulty == "medium":
                layers.append(_conv(rng, (1, 1, 2)))
            else:
                layers.append(_conv(rng, (1, 1, 2), (1, 1, 2, 3)))
        strided_early = any(l["stride"] > 1 for l in layers[:-1])
        dilated = any(l["dilation"] > 1 for l in layers)
        if strided_early and (difficulty == "medium" or dilated):
            return {"layers": layers}


STACK = Kind(
    id="receptive-field.stack",
    version=1,
    title="Receptive field of a stack of layers",
    params=(
        Param("layers", "list of layers",
              'in order, each {"type": "conv" or "pool", "kernel": k, "stride": s, "dilation": d (default 1)}'),
    ),
    parts=fixed_parts(
        Part("a", "The receptive field (side length, in input pixels) of one output of the last layer.", "integer"),
        Part("b", "The receptive fields $(r_1, r_2, \\dots)$ after each layer, in order.", "vector"),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    misconceptions=(
        Misconception(
            "stride-including-current",
            "You multiplied by the current layer's stride too: a layer's stride only spaces out the units "
            "after it, so layer l grows the field by (k - 1) d times the product of the earlier strides only.",
            _recurrence(jump_after=True),
            silent_when_right=True,
        ),
        Misconception(
            "strides-ignored",
            "You ignored the strides: after a layer with stride s neighbouring units sit s input pixels apart, "
            "so each later layer grows the field by (k - 1) d times the product of the earlier strides.",
            _recurrence(strides=False),
            silent_when_right=True,
        ),
        Misconception(
            "dilation-ignored",
            "You ignored the dilation: a kernel of size k with dilation d spans (k - 1) d + 1 positions, "
            "so it grows the field by (k - 1) d times the jump.",
            _recurrence(dilation=False),
            silent_when_right=True,
        ),
        Misconception(
            "kernels-added",
            "You added the kernel sizes; neighbouring windows overlap, so each layer adds only (k - 1) d times "
            "the jump to the field, starting from r_0 = 1.",
            _kernels_added,
        ),
    ),
)
