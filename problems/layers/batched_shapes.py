"""layers.batched-shapes: the shapes a convolutional layer handles on a batch, gradients included.

Shapes follow PyTorch: batches (N, C, H, W), filters (C_out, C_in, k, k), bias (C_out,). The
gradient of a tensor has that tensor's shape: dL/dF sums the batch's contributions into the
filters' shape, dL/dI has the input's. ``pool`` > 0 adds a p x p max-pool with stride p after the
convolution, and with it part (e); without it the parts are a, b, c, d, f, g (the labels are public).

Version 2 names one more answer as ``input-gradient-as-output``: with a pool, giving dL/dI the
convolution's output shape (d) is that mistake as much as giving it the pooled shape (e).
Version 1 stays as it was, for the ids issued with it.
"""

from __future__ import annotations

from dataclasses import replace

from .. import params as P
from ..core.sizes import out_size
from ..model import (
    Kind,
    Misconception,
    Param,
    ParamError,
    Params,
    Part,
    not_degenerate,
    redrawing,
)
from ..rng import Rng
from .counting import MAX_SIZE
from .sides import SIZE_FEEDBACK, mistaken_sides, out_sides, validate_geometry


def _sample(rng: Rng, difficulty: str) -> Params:
    while True:
        if difficulty == "easy":
            batch, cin, height = rng.choice((4, 8, 16, 32)), rng.choice((1, 3)), 2 * rng.integer(4, 16)
            width, filters, kernel = height, rng.choice((4, 6, 8, 10, 16)), 3
            stride, padding, pool = 1, rng.integer(0, 1), rng.choice((0, 2))
        elif difficulty == "medium":
            batch, cin, height = rng.choice((8, 16, 32, 64)), rng.choice((1, 3)), rng.integer(16, 64)
            width, filters, kernel = height, rng.choice((4, 6, 8, 16, 32)), rng.choice((3, 5))
            stride, padding, pool = rng.integer(1, 2), rng.integer(0, kernel // 2), rng.choice((0, 2))
        else:
            batch, cin, height = rng.choice((16, 32, 64, 128)), rng.choice((1, 3, 3, 16)), rng.integer(24, 128)
            width = height if rng.coin() else rng.integer(24, 128)
            filters, kernel = rng.choice((8, 16, 32, 64)), rng.choice((3, 5, 7))
            stride, padding, pool = rng.integer(1, 3), rng.integer(0, kernel // 2), rng.choice((2, 3))
        params = {"batch": batch, "in_channels": cin, "height": height, "width": width, "filters": filters,
                  "kernel": kernel, "stride": stride, "padding": padding, "pool": pool}
        # Beyond easy the output size always asks for the padding or the stride.
        if difficulty != "easy" and stride == 1 and padding == 0:
            continue
        if min(out_sides(params)) >= max(pool, 1):
            return params


def _validate(params: Params) -> None:
    P.integer(params, "batch", low=1, high=MAX_SIZE)
    P.integer(params, "in_channels", low=1, high=MAX_SIZE)
    P.integer(params, "filters", low=1, high=MAX_SIZE)
    validate_geometry(params)
    pool = P.integer(params, "pool", low=0, high=MAX_SIZE)
    if pool:
        smallest = min(out_sides(params))
        if pool > smallest:
            raise ParamError(f"the pool (size {pool}) is larger than the convolution's output, whose smaller side "
                             f"is {smallest}.")


def _pooled(side: int, pool: int, stride: int | None = None) -> int:
    """A side after a pool x pool max-pool with stride ``stride`` (default: the pool size)."""
    return out_size(side, pool, pool if stride is None else stride)


def _parts(params: Params) -> tuple[Part, ...]:
    parts = [
        Part("a", "The shape of the input batch $I$.", "shape"),
        Part("b", "The shape of the filter tensor $F$.", "shape"),
        Part("c", "The shape of the bias.", "shape"),
        Part("d", "The shape of the convolution's output.", "shape"),
    ]
    if params.get("pool"):
        parts.append(Part("e", "The shape after the max-pool.", "shape"))
    parts += [
        Part("f", r"The shape of $\partial L / \partial F$.", "shape"),
        Part("g", r"The shape of $\partial L / \partial I$.", "shape"),
    ]
    return tuple(parts)


def _solve(p: Params) -> dict:
    n, cin, cout, k = p["batch"], p["in_channels"], p["filters"], p["kernel"]
    oh, ow = out_sides(p)
    answers = {"a": (n, cin, p["height"], p["width"]), "b": (cout, cin, k, k), "c": (cout,), "d": (n, cout, oh, ow)}
    if p["pool"]:
        answers["e"] = (n, cout, _pooled(oh, p["pool"]), _pooled(ow, p["pool"]))
    answers["f"] = (cout, cin, k, k)
    answers["g"] = (n, cin, p["height"], p["width"])
    return answers


def _steps(p: Params) -> dict:
    oh, ow = out_sides(p)
    pool = p["pool"]
    return {
        "num_h": p["height"] + 2 * p["padding"] - p["kernel"],
        "num_w": p["width"] + 2 * p["padding"] - p["kernel"],
        "out_h": oh,
        "out_w": ow,
        "pool_h": _pooled(oh, pool) if pool else None,
        "pool_w": _pooled(ow, pool) if pool else None,
    }


def _batch_forgotten(p: Params) -> dict:
    right = _solve(p)
    return {label: shape[1:] for label, shape in right.items() if label in ("a", "d", "e", "g")}


def _batch_in_filter_gradient(p: Params) -> dict:
    return {"f": (p["batch"],) + _solve(p)["f"]}


def _channels_forgotten(p: Params) -> dict:
    k = p["kernel"]
    return {"b": (p["filters"], k, k), "f": (p["filters"], k, k)}


def _axes_swapped(p: Params) -> dict:
    if p["in_channels"] == p["filters"]:
        return {}
    k = p["kernel"]
    return {"b": (p["in_channels"], p["filters"], k, k)}


def _bias_per_position(p: Params) -> dict:
    return {"c": (p["filters"],) + out_sides(p)}


def _size_mistake(name: str):
    def solve(p: Params) -> dict:
        sides = mistaken_sides(name, p)
        return {} if sides is None else {"d": (p["batch"], p["filters"]) + sides}

    return solve


def _pool_stride_one(p: Params) -> dict:
    if not p["pool"] or p["pool"] == 1:
        return {}
    oh, ow = out_sides(p)
    return {"e": (p["batch"], p["filters"], _pooled(oh, p["pool"], 1), _pooled(ow, p["pool"], 1))}


def _input_gradient_as_output(p: Params) -> dict:
    right = _solve(p)
    return {"g": right.get("e", right["d"])}


def _input_gradient_as_conv_output(p: Params) -> dict:
    """With a pool, the convolution's own output shape for dL/dI (version 2): without one,
    :func:`_input_gradient_as_output` already gives it."""
    return {"g": _solve(p)["d"]} if p["pool"] else {}


INPUT_GRADIENT_FEEDBACK = "dL/dI has one entry per entry of the input I, so it has the input's shape, not the output's."


_MISCONCEPTIONS = (
    Misconception(
        "batch-dimension-forgotten",
        "A batch carries the images on its first axis: the input, the output and dL/dI are (N, C, H, W).",
        _batch_forgotten,
    ),
    Misconception(
        "batch-in-filter-gradient",
        "The filters are shared by every image of the batch, so dL/dF adds up the images' contributions "
        "and has the filters' shape (C_out, C_in, k, k), with no batch axis.",
        _batch_in_filter_gradient,
    ),
    Misconception(
        "channel-dimension-forgotten",
        "A filter spans all input channels, so the filter tensor (and its gradient) is (C_out, C_in, k, k).",
        _channels_forgotten,
    ),
    Misconception(
        "filter-axes-swapped",
        "PyTorch stores a convolution's filters output channels first: (C_out, C_in, k, k).",
        _axes_swapped,
    ),
    Misconception(
        "bias-per-position",
        "A convolutional layer shares one bias per filter across all positions, so the bias has shape (C_out,).",
        _bias_per_position,
    ),
    *(Misconception(name, SIZE_FEEDBACK[name], _size_mistake(name), silent_when_right=True)
      for name in ("forgot-plus-one", "padding-once", "stride-ignored")),
    Misconception(
        "pool-stride-one",
        "A p x p max-pool with stride p moves p pixels at a time, so it divides each side by p (rounding down).",
        _pool_stride_one,
    ),
    Misconception("input-gradient-as-output", INPUT_GRADIENT_FEEDBACK, _input_gradient_as_output),
)

_MISCONCEPTIONS_V2 = _MISCONCEPTIONS + (
    Misconception("input-gradient-as-output", INPUT_GRADIENT_FEEDBACK, _input_gradient_as_conv_output),
)


# A gradient has the shape of what it is taken with respect to: (g) is (a), (f) is (b).
_SAME_BY_DESIGN = (("a", "g"), ("b", "f"))

BATCHED_SHAPES = Kind(
    id="layers.batched-shapes",
    version=1,
    title="Shapes of a convolutional layer on a batch, and of its gradients",
    params=(
        Param("batch", "int", "images in the batch N"),
        Param("in_channels", "int", "input channels C_in"),
        Param("height", "int", "input height H"),
        Param("width", "int", "input width W"),
        Param("filters", "int", "number of filters C_out (output channels)"),
        Param("kernel", "int", "side k of the square kernel"),
        Param("stride", "int", "step of the window, the same along both axes"),
        Param("padding", "int", "zeros on each side, both axes"),
        Param("pool", "int", "0: no pooling; p: a p x p max-pool with stride p after the convolution"),
    ),
    parts=_parts,
    # Redrawn until every mistake shows: a size mistake can land on the right size through the floor.
    same_by_design=_SAME_BY_DESIGN,
    sample=not_degenerate(redrawing(_sample, _solve, _MISCONCEPTIONS), _solve, same_by_design=_SAME_BY_DESIGN),
    validate=_validate,
    solve=_solve,
    steps=_steps,
    first_claims=True,
    misconceptions=_MISCONCEPTIONS,
)


BATCHED_SHAPES_V2 = replace(
    BATCHED_SHAPES,
    version=2,
    sample=redrawing(_sample, _solve, _MISCONCEPTIONS_V2),
    misconceptions=_MISCONCEPTIONS_V2,
)
