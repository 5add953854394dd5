"""layers.flops: the cost of a convolutional layer versus a dense layer, in multiply-adds.

Each output of a convolution is a sum of C k^2 products, each output of a dense layer a sum over
all C H W inputs, so the ratio of the two costs is H W / k^2 whatever F, the stride and the
padding are. Counts are exact Python ints (a dense layer on a 3x256x256 image costs ~10^11).
"""

from __future__ import annotations

from fractions import Fraction

from .. import params as P
from ..model import Kind, Misconception, redrawing, Param, Params, Part, fixed_parts
from ..rng import Rng
from .counting import LAYER_PARAMS, MAX_SIZE, decimal
from .sides import SIZE_FEEDBACK, mistaken_sides, out_sides, validate_geometry


def _sample(rng: Rng, difficulty: str) -> Params:
    while True:
        if difficulty == "easy":
            channels, height, filters = rng.integer(1, 3), rng.integer(6, 16), rng.integer(2, 8)
            width, kernel, stride, padding = height, 3, 1, rng.integer(0, 1)
        elif difficulty == "medium":
            channels, height, filters = rng.choice((1, 3)), rng.integer(16, 64), rng.choice((4, 8, 16, 32))
            width = height if rng.coin() else rng.integer(16, 64)
            kernel = rng.choice((3, 5))
            stride, padding = rng.integer(1, 2), rng.integer(0, kernel // 2)
        else:
            channels, height, filters = rng.choice((1, 3, 3)), rng.integer(64, 256), rng.choice((16, 32, 64, 128))
            width = height if rng.coin() else rng.integer(64, 256)
            kernel = rng.choice((3, 5, 7))
            stride, padding = rng.integer(2, 4), rng.integer(0, kernel // 2)
        # Padding at most k // 2 (no window of zeros only); beyond easy the output size always asks
        # for the padding or the stride.
        if difficulty == "easy" or stride > 1 or padding > 0:
            return {"channels": channels, "height": height, "width": width, "filters": filters,
                    "kernel": kernel, "stride": stride, "padding": padding}


def _validate(params: Params) -> None:
    P.integer(params, "channels", low=1, high=MAX_SIZE)
    P.integer(params, "filters", low=1, high=MAX_SIZE)
    validate_geometry(params)


def _costs(p: Params, sides: tuple[int, int]) -> tuple[int, int]:
    """(conv, dense) multiply-adds for output sides ``sides``: F H' W' outputs, each a sum of C k^2
    products (conv) or of C H W products (dense)."""
    outputs = p["filters"] * sides[0] * sides[1]
    return outputs * p["channels"] * p["kernel"] ** 2, outputs * p["channels"] * p["height"] * p["width"]


def _solve(p: Params) -> dict:
    conv, dense = _costs(p, out_sides(p))
    return {"a": conv, "b": dense, "c": Fraction(dense, conv)}


def _steps(p: Params) -> dict:
    c, h, w, k, s, pad = p["channels"], p["height"], p["width"], p["kernel"], p["stride"], p["padding"]
    oh, ow = out_sides(p)
    ratio = Fraction(h * w, k * k)
    return {
        "num_h": h + 2 * pad - k,
        "num_w": w + 2 * pad - k,
        "out_h": oh,
        "out_w": ow,
        "outputs": p["filters"] * oh * ow,
        "per_output": c * k * k,
        "in_features": c * h * w,
        "area": h * w,
        "kernel_squared": k * k,
        "reduced": ratio.numerator != h * w,
        "ratio_decimal": decimal(ratio, 1),
    }


def _weights_only(p: Params) -> dict:
    return {"a": p["filters"] * p["channels"] * p["kernel"] ** 2}


def _forgot_input_channels(p: Params) -> dict:
    if p["channels"] == 1:
        return {}
    oh, ow = out_sides(p)
    return {"a": p["filters"] * oh * ow * p["kernel"] ** 2}


def _size_mistake(name: str):
    def solve(p: Params) -> dict:
        sides = mistaken_sides(name, p)
        if sides is None or min(sides) < 1:
            return {}
        conv, dense = _costs(p, sides)
        return {"a": conv, "b": dense}

    return solve


def _counted_twice(p: Params) -> dict:
    conv, dense = _costs(p, out_sides(p))
    return {"a": 2 * conv, "b": 2 * dense}


def _dense_square(p: Params) -> dict:
    n = p["channels"] * p["height"] * p["width"]
    return {"b": n * n}


def _dense_local(p: Params) -> dict:
    return {"b": _costs(p, out_sides(p))[0]}


def _inverted(p: Params) -> dict:
    conv, dense = _costs(p, out_sides(p))
    return {"c": Fraction(conv, dense)}


_MISCONCEPTIONS = (
    Misconception(
        "weights-not-multiply-adds",
        "You counted the layer's weights; each weight is used once at every one of the H' W' output "
        "positions, so the multiply-adds are F H' W' times C k squared.",
        _weights_only,
    ),
    Misconception(
        "forgot-input-channels",
        "Each output sums a k x k window in every input channel, so it takes C k squared multiply-adds, "
        "not k squared.",
        _forgot_input_channels,
    ),
    *(Misconception(name, SIZE_FEEDBACK[name], _size_mistake(name), silent_when_right=True)
      for name in ("forgot-plus-one", "padding-once", "stride-ignored")),
    Misconception(
        "multiply-and-add-counted-twice",
        "You counted the multiplication and the addition separately, as two operations; a multiply-add "
        "is one product added into a running sum, counted once.",
        _counted_twice,
    ),
    Misconception(
        "dense-to-input-size",
        "The dense layer has to produce the same outputs as the convolution, F H' W' numbers, not as many "
        "as it takes in.",
        _dense_square,
    ),
    Misconception(
        "dense-as-locally-connected",
        "You gave each dense output a k x k window; a dense output is a sum over every input number, "
        "C H W multiply-adds.",
        _dense_local,
    ),
    Misconception(
        "ratio-inverted",
        "You divided the convolution's count by the dense one; the ratio asked for is (b) over (a).",
        _inverted,
    ),
)


FLOPS = Kind(
    id="layers.flops",
    version=1,
    title="Multiply-adds of a convolutional layer versus a dense layer",
    params=LAYER_PARAMS + (Param("padding", "int", "zeros on each side, both axes"),),
    parts=fixed_parts(
        Part("a", "The number of multiply-adds of the convolutional layer, without bias.", "integer"),
        Part("b", "The number of multiply-adds of a dense layer from the flattened input to the flattened "
                  "output, without bias.", "integer"),
        Part("c", "The ratio of the count in (b) to the count in (a), as an exact fraction.", "number"),
    ),
    # Redrawn until every mistake shows: a size mistake can land on the right size through the floor.
    sample=redrawing(_sample, _solve, _MISCONCEPTIONS),
    validate=_validate,
    solve=_solve,
    steps=_steps,
    first_claims=True,
    misconceptions=_MISCONCEPTIONS,
)
