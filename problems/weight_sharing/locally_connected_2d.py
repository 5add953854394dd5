"""weight-sharing.locally-connected-2d: convolution, locally connected and dense layers compared.

Padding follows ``conv1d`` (an int per side, "valid" or PyTorch's "same"), the same on both axes.
Weight counts never include a bias.
"""

from __future__ import annotations

from .. import params as P
from ..conv1d.geometry import MAX_LENGTH, padding_phrase_data, sides_of
from ..core.sizes import check_fits, out_size
from ..layers.counting import LAYER_PARAMS
from ..model import Kind, Misconception, Param, Params, Part, fixed_parts
from ..rng import Rng


def _sample(rng: Rng, difficulty: str) -> Params:
    while True:
        if difficulty == "easy":
            channels, filters = rng.integer(1, 3), rng.integer(2, 8)
            height = rng.integer(6, 16)
            width = height
            kernel, stride, padding = 3, 1, 0
        elif difficulty == "medium":
            channels, filters = rng.choice((1, 3, 3)), rng.choice((4, 8, 16))
            height = rng.integer(8, 32)
            width = height if rng.coin() else rng.integer(8, 32)
            kernel, stride = rng.choice((3, 5)), rng.integer(1, 2)
            padding = "same" if stride == 1 and rng.integer(0, 3) == 0 else rng.integer(0, kernel // 2)
        else:
            channels, filters = rng.choice((3, 8, 16, 32)), rng.choice((16, 32, 64, 128))
            height = rng.integer(16, 64)
            width = height if rng.coin() else rng.integer(16, 64)
            kernel, stride = rng.choice((3, 5, 7)), rng.integer(1, 3)
            padding = "same" if stride == 1 and rng.integer(0, 3) == 0 else rng.integer(0, kernel - 1)
        params = {"channels": channels, "height": height, "width": width, "filters": filters,
                  "kernel": kernel, "stride": stride, "padding": padding}
        h, w = _out(params)
        if h >= 2 and w >= 2:
            return params


def _geometry(params: Params) -> tuple[int, int, int, int, int, int, int, int]:
    """channels, height, width, filters, kernel, stride, left/top padding, right/bottom padding."""
    c = P.integer(params, "channels", low=1, high=MAX_LENGTH)
    h = P.integer(params, "height", low=1, high=MAX_LENGTH)
    w = P.integer(params, "width", low=1, high=MAX_LENGTH)
    f = P.integer(params, "filters", low=1, high=MAX_LENGTH)
    k = P.integer(params, "kernel", low=1, high=MAX_LENGTH)
    s = P.integer(params, "stride", low=1, high=MAX_LENGTH)
    before, after = sides_of(params, k, s)
    check_fits(h, k, before, after, what="input height", noun="length")
    check_fits(w, k, before, after, what="input width", noun="length")
    return c, h, w, f, k, s, before, after


def _out(params: Params, stride: int | None = None) -> tuple[int, int]:
    c, h, w, f, k, s, before, after = _geometry(params)
    s = s if stride is None else stride
    return out_size(h, k, s, before, after=after), out_size(w, k, s, before, after=after)


def _validate(params: Params) -> None:
    _geometry(params)


def _counts(c: int, h: int, w: int, f: int, k: int, oh: int, ow: int) -> dict:
    conv = f * c * k * k
    return {"a": conv, "b": conv * oh * ow, "c": (c * h * w) * (f * oh * ow)}


def _solve(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _geometry(params)
    return _counts(c, h, w, f, k, *_out(params))


def _steps(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _geometry(params)
    oh, ow = _out(params)
    return {"pad": padding_phrase_data(params, k, before, after),
            "num_h": h + before + after - k, "num_w": w + before + after - k, "out_h": oh, "out_w": ow,
            "positions": oh * ow, "filter_weights": c * k * k, "in_features": c * h * w,
            "out_features": f * oh * ow}


def _forgot_channels(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _geometry(params)
    if c == 1:
        return {}
    wrong = _counts(1, h, w, f, k, *_out(params))
    return {"a": wrong["a"], "b": wrong["b"]}


def _forgot_plus_one(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _geometry(params)
    oh, ow = _out(params)
    wrong = _counts(c, h, w, f, k, oh - 1, ow - 1)
    return {"b": wrong["b"], "c": wrong["c"]}


def _output_as_input(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _geometry(params)
    if _out(params) == (h, w):
        return {}
    wrong = _counts(c, h, w, f, k, h, w)
    return {"b": wrong["b"], "c": wrong["c"]}


def _dense_square(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _geometry(params)
    return {"c": (c * h * w) ** 2}


def _padding_inputs(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _geometry(params)
    if not before + after:
        return {}
    oh, ow = _out(params)
    return {"c": (c * (h + before + after) * (w + before + after)) * (f * oh * ow)}


def _stride_ignored(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _geometry(params)
    if s == 1:
        return {}
    wrong = _counts(c, h, w, f, k, *_out(params, stride=1))
    return {"b": wrong["b"], "c": wrong["c"]}


LOCALLY_CONNECTED_2D = Kind(
    id="weight-sharing.locally-connected-2d",
    version=1,
    title="Convolution, locally connected and dense layers compared",
    params=LAYER_PARAMS + (
        Param("padding", 'int, "same" or "valid"', 'zeros on each side, both axes; "same" as in PyTorch (stride 1)'),
    ),
    parts=fixed_parts(
        Part("a", "The number of weights of the convolutional layer.", "integer"),
        Part("b", "The number of weights of the locally connected layer.", "integer"),
        Part("c", "The number of weights of the dense layer.", "integer"),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    first_claims=True,
    misconceptions=(
        Misconception("forgot-input-channels", "You forgot the input channels: every filter spans all C input "
                      "channels, so it has C times k times k weights.", _forgot_channels),
        Misconception("forgot-plus-one", "You left out the +1 in floor((n + 2p - k) / s) + 1 when counting "
                      "output positions: the first window counts too.", _forgot_plus_one),
        Misconception("output-as-input", "You used the input's height and width as the output's; the number "
                      "of output positions is H' times W', with H' = floor((H + 2p - k) / s) + 1.",
                      _output_as_input),
        Misconception("dense-to-input-size", "You connected the flattened input to itself; the dense layer "
                      "maps the C H W inputs to the F H' W' outputs of the convolution.", _dense_square),
        Misconception("padding-as-inputs", "You counted the padded zeros as inputs of the dense layer; it "
                      "connects the C H W real inputs only.", _padding_inputs),
        Misconception("stride-ignored", "You ignored the stride when counting output positions: with stride s "
                      "there are floor((H + 2p - k) / s) + 1 rows of outputs, and likewise columns.",
                      _stride_ignored),
    ),
)
