"""Layers: shapes and parameter counts of convolutional layers compared with alternatives.

All counts are exact Python ints (a dense layer on a 3x256x256 image has about 10^11
weights) and the one ratio is a ``fractions.Fraction``.

A misconception returns no answer for a part when the mistake has nothing to act on in the
given params (padding counted once when there is no padding, a forgotten bias when there is
no bias, forgotten input channels when there is one input channel): such a student would
answer correctly, and the problem simply does not test that mistake.
"""

from __future__ import annotations

from fractions import Fraction

from . import params as P
from .model import Kind, Misconception, Params, ParamError, Part, fixed_parts
from .rng import Rng
from .sizes import check_window, out_size

_MAX_SIZE = 100_000


def _decimal(value: Fraction, places: int = 3) -> str:
    """A ratio rounded for a sentence such as "about 0.127 of the parameters"."""
    return f"{float(value):.{places}f}"


# ---- layers.conv-vs-dense -------------------------------------------------------------


def _cvd_sample(rng: Rng, difficulty: str) -> Params:
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


def _cvd_validate(params: Params) -> None:
    P.integer(params, "channels", low=1, high=_MAX_SIZE)
    height = P.integer(params, "height", low=1, high=_MAX_SIZE)
    width = P.integer(params, "width", low=1, high=_MAX_SIZE)
    P.integer(params, "filters", low=1, high=_MAX_SIZE)
    kernel = P.integer(params, "kernel", low=1)
    P.integer(params, "stride", low=1)
    padding = P.integer(params, "padding", low=0, high=_MAX_SIZE)
    check_window(height, kernel, padding, what="input height")
    check_window(width, kernel, padding, what="input width")


def _cvd_out(p: Params) -> tuple[int, int]:
    return (out_size(p["height"], p["kernel"], p["stride"], p["padding"]),
            out_size(p["width"], p["kernel"], p["stride"], p["padding"]))


def _cvd_solve(p: Params) -> dict:
    c, h, w, f, k = p["channels"], p["height"], p["width"], p["filters"], p["kernel"]
    oh, ow = _cvd_out(p)
    return {
        "a": (c, h, w),
        "b": (c, k, k),
        "c": (f, c, k, k),
        "d": (f, oh, ow),
        "e": f * c * k * k,
        "f": (c * h * w) * (f * oh * ow),
        "g": (f,),
    }


def _cvd_steps(p: Params) -> dict:
    c, h, w, f, k, s, pad = (p["channels"], p["height"], p["width"], p["filters"], p["kernel"],
                             p["stride"], p["padding"])
    oh, ow = _cvd_out(p)
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


def _cvd_forgot_plus_one(p: Params) -> dict:
    num = lambda n: (n + 2 * p["padding"] - p["kernel"]) // p["stride"]  # noqa: E731
    return {"d": (p["filters"], num(p["height"]), num(p["width"]))}


def _cvd_padding_once(p: Params) -> dict:
    if p["padding"] == 0:
        return {}
    size = lambda n: (n + p["padding"] - p["kernel"]) // p["stride"] + 1  # noqa: E731
    return {"d": (p["filters"], size(p["height"]), size(p["width"]))}


def _cvd_no_stride(p: Params) -> dict:
    if p["stride"] == 1:
        return {}
    size = lambda n: n + 2 * p["padding"] - p["kernel"] + 1  # noqa: E731
    return {"d": (p["filters"], size(p["height"]), size(p["width"]))}


def _cvd_forgot_input_channels(p: Params) -> dict:
    if p["channels"] == 1:
        return {}
    return {"e": p["filters"] * p["kernel"] ** 2}


def _cvd_dense_square(p: Params) -> dict:
    n = p["channels"] * p["height"] * p["width"]
    return {"f": n * n}


def _cvd_dense_local(p: Params) -> dict:
    oh, ow = _cvd_out(p)
    return {"f": p["filters"] * p["channels"] * p["kernel"] ** 2 * oh * ow}


def _cvd_bias_per_position(p: Params) -> dict:
    oh, ow = _cvd_out(p)
    return {"g": (p["filters"], oh, ow)}


CONV_VS_DENSE = Kind(
    id="layers.conv-vs-dense",
    version=1,
    title="Shapes and weights of a convolutional layer versus a dense layer",
    parts=fixed_parts(
        Part("a", "The input shape $(C, H, W)$.", "shape"),
        Part("b", "The shape of one filter.", "shape"),
        Part("c", "The shape of the layer's weight tensor (all filters together).", "shape"),
        Part("d", "The output shape.", "shape"),
        Part("e", "The number of weights of the convolutional layer, without bias.", "integer"),
        Part("f", "The number of weights of a dense layer from the flattened input to the flattened output, without bias.", "integer"),
        Part("g", "The shape of the layer's bias.", "shape"),
    ),
    sample=_cvd_sample,
    validate=_cvd_validate,
    solve=_cvd_solve,
    steps=_cvd_steps,
    misconceptions=(
        Misconception(
            "channel-dimension-forgotten",
            "A filter spans all input channels, so it has shape (C, k, k), and the weight tensor stacks F of them: (F, C, k, k).",
            lambda p: {"b": (p["kernel"], p["kernel"]), "c": (p["filters"], p["kernel"], p["kernel"])},
        ),
        Misconception(
            "forgot-plus-one",
            "You left out the +1: the first window position counts too, so the size is floor((H + 2p - k)/s) + 1.",
            _cvd_forgot_plus_one,
        ),
        Misconception(
            "padding-once",
            "You added the padding once; it is added on both sides, so H + 2p.",
            _cvd_padding_once,
        ),
        Misconception(
            "stride-ignored",
            "You ignored the stride: the window moves s pixels at a time, so divide H + 2p - k by s before adding 1.",
            _cvd_no_stride,
        ),
        Misconception(
            "forgot-input-channels",
            "Each filter has a k x k kernel for every input channel, so the layer has F times C times k squared weights.",
            _cvd_forgot_input_channels,
        ),
        Misconception(
            "dense-to-input-size",
            "The dense layer has to produce the same outputs as the convolution, F H' W' numbers, not as many as it takes in.",
            _cvd_dense_square,
        ),
        Misconception(
            "dense-as-locally-connected",
            "You counted a k x k window per output; a dense layer connects every output to every input, C H W weights per output.",
            _cvd_dense_local,
        ),
        Misconception(
            "bias-per-position",
            "A convolutional layer shares one bias per filter across all positions, so the bias has shape (F,).",
            _cvd_bias_per_position,
        ),
    ),
)


# ---- layers.stacked-vs-single ---------------------------------------------------------


def _svs_sample(rng: Rng, difficulty: str) -> Params:
    channels = rng.choice({"easy": (8, 16, 32), "medium": (32, 64, 128),
                           "hard": (64, 96, 128, 192, 256, 384, 512)}[difficulty])
    return {"channels": channels, "kernel": rng.choice((5, 7)), "bias": rng.coin()}


def _svs_validate(params: Params) -> None:
    P.integer(params, "channels", low=1, high=_MAX_SIZE)
    kernel = P.integer(params, "kernel", low=3, high=_MAX_SIZE)
    if kernel % 2 == 0:
        raise ParamError(f"param 'kernel' must be odd so that a stack of 3x3 layers can match it, not {kernel}.")
    P.boolean(params, "bias")


def _svs_counts(c: int, k: int, bias: bool, layers: int) -> tuple[int, int]:
    """(one k x k layer, the stack of ``layers`` 3x3 layers), c -> c channels each."""
    b = c if bias else 0
    return c * c * k * k + b, layers * (c * c * 9 + b)


def _svs_layers(p: Params) -> int:
    return (p["kernel"] - 1) // 2


def _svs_solve(p: Params) -> dict:
    single, stack = _svs_counts(p["channels"], p["kernel"], p["bias"], _svs_layers(p))
    return {"a": single, "b": stack, "c": p["kernel"]}


def _svs_steps(p: Params) -> dict:
    c, k = p["channels"], p["kernel"]
    n = _svs_layers(p)
    single, stack = _svs_counts(c, k, p["bias"], n)
    return {
        "layers": n,
        "single_weights": c * c * k * k,
        "layer3_weights": c * c * 9,
        "layer3": c * c * 9 + (c if p["bias"] else 0),
        "bias": c if p["bias"] else 0,
        "fields": [1 + 2 * i for i in range(1, n + 1)],
        "saved": single - stack,
        "ratio": _decimal(Fraction(stack, single), 2),
    }


def _svs_grows_by_one(p: Params) -> dict:
    return {"b": _svs_counts(p["channels"], p["kernel"], p["bias"], p["kernel"] - 2)[1]}


def _svs_sum_of_kernels(p: Params) -> dict:
    return {"c": 3 * _svs_layers(p)}


def _svs_forgot_bias(p: Params) -> dict:
    if not p["bias"]:
        return {}
    single, stack = _svs_counts(p["channels"], p["kernel"], False, _svs_layers(p))
    return {"a": single, "b": stack}


def _svs_added_bias(p: Params) -> dict:
    if p["bias"]:
        return {}
    single, stack = _svs_counts(p["channels"], p["kernel"], True, _svs_layers(p))
    return {"a": single, "b": stack}


def _svs_bias_per_pair(p: Params) -> dict:
    if not p["bias"]:
        return {}
    c, k, n = p["channels"], p["kernel"], _svs_layers(p)
    return {"a": c * c * k * k + c * c, "b": n * (c * c * 9 + c * c)}


def _svs_forgot_input_channels(p: Params) -> dict:
    c, k, n = p["channels"], p["kernel"], _svs_layers(p)
    if c == 1:
        return {}
    b = c if p["bias"] else 0
    return {"a": c * k * k + b, "b": n * (c * 9 + b)}


STACKED_VS_SINGLE = Kind(
    id="layers.stacked-vs-single",
    version=1,
    title="A stack of 3x3 layers versus one large kernel",
    parts=fixed_parts(
        Part("a", "The number of parameters of the single $k \\times k$ layer.", "integer"),
        Part("b", "The number of parameters of the stack of $3 \\times 3$ layers.", "integer"),
        Part("c", "The receptive field of one output of the stack: the side of the input window it depends on.", "integer"),
    ),
    sample=_svs_sample,
    validate=_svs_validate,
    solve=_svs_solve,
    steps=_svs_steps,
    misconceptions=(
        Misconception(
            "receptive-field-grows-by-one",
            "Each 3x3 layer widens the receptive field by 2 (one pixel on each side), so (k - 1)/2 layers reach k, not k - 2.",
            _svs_grows_by_one,
        ),
        Misconception(
            "receptive-field-sum-of-kernels",
            "Receptive fields do not add kernel sizes: stacked windows overlap, so each extra 3x3 layer adds only k - 1 = 2.",
            _svs_sum_of_kernels,
        ),
        Misconception(
            "forgot-bias",
            "The layers have a bias: add one per output channel, C per layer.",
            _svs_forgot_bias,
        ),
        Misconception(
            "added-bias",
            "The statement says the layers have no bias, so count only the weights.",
            _svs_added_bias,
        ),
        Misconception(
            "bias-per-channel-pair",
            "A layer has one bias per output channel, C of them, not one per pair of input and output channels.",
            _svs_bias_per_pair,
        ),
        Misconception(
            "forgot-input-channels",
            "Each of the C filters of a layer has a kernel for every input channel, so a layer has C times C times k squared weights.",
            _svs_forgot_input_channels,
        ),
    ),
)


# ---- layers.depthwise-separable -------------------------------------------------------


def _dws_sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        cin, cout, kernel = rng.choice((8, 16, 32)), rng.choice((16, 32, 64)), 3
    elif difficulty == "medium":
        cin, cout = rng.choice((16, 32, 64, 128)), rng.choice((16, 32, 64, 128))
        kernel = rng.choice((3, 5))
    else:
        sizes = (64, 96, 128, 192, 256, 384, 512)
        cin, cout, kernel = rng.choice(sizes), rng.choice(sizes), rng.choice((3, 5, 7))
    return {"in_channels": cin, "out_channels": cout, "kernel": kernel, "bias": rng.coin()}


def _dws_validate(params: Params) -> None:
    P.integer(params, "in_channels", low=1, high=_MAX_SIZE)
    P.integer(params, "out_channels", low=1, high=_MAX_SIZE)
    P.integer(params, "kernel", low=1, high=_MAX_SIZE)
    P.boolean(params, "bias")


def _dws_counts(cin: int, cout: int, k: int, bias: bool) -> tuple[int, int, int]:
    """(standard, depthwise, pointwise) parameter counts."""
    standard = cout * cin * k * k + (cout if bias else 0)
    depthwise = cin * k * k + (cin if bias else 0)
    pointwise = cin * cout + (cout if bias else 0)
    return standard, depthwise, pointwise


def _dws_solve(p: Params) -> dict:
    standard, depthwise, pointwise = _dws_counts(p["in_channels"], p["out_channels"], p["kernel"], p["bias"])
    separable = depthwise + pointwise
    return {"a": standard, "b": separable, "c": Fraction(separable, standard)}


def _dws_steps(p: Params) -> dict:
    cin, cout, k, bias = p["in_channels"], p["out_channels"], p["kernel"], p["bias"]
    standard, depthwise, pointwise = _dws_counts(cin, cout, k, bias)
    ratio = Fraction(depthwise + pointwise, standard)
    return {
        "standard_weights": cout * cin * k * k,
        "depthwise_weights": cin * k * k,
        "depthwise": depthwise,
        "pointwise_weights": cin * cout,
        "pointwise": pointwise,
        "ratio_decimal": _decimal(ratio),
        "kernel_squared": k * k,
        "reduced": ratio.numerator != depthwise + pointwise,
    }


def _dws_full_depthwise(p: Params) -> dict:
    cin, cout, k, bias = p["in_channels"], p["out_channels"], p["kernel"], p["bias"]
    standard, _, pointwise = _dws_counts(cin, cout, k, bias)
    wrong = cin * cout * k * k + (cout if bias else 0) + pointwise
    return {"b": wrong, "c": Fraction(wrong, standard)}


def _dws_forgot_pointwise(p: Params) -> dict:
    standard, depthwise, _ = _dws_counts(p["in_channels"], p["out_channels"], p["kernel"], p["bias"])
    return {"b": depthwise, "c": Fraction(depthwise, standard)}


def _dws_inverted(p: Params) -> dict:
    standard, depthwise, pointwise = _dws_counts(p["in_channels"], p["out_channels"], p["kernel"], p["bias"])
    return {"c": Fraction(standard, depthwise + pointwise)}


def _dws_forgot_bias(p: Params) -> dict:
    if not p["bias"]:
        return {}
    standard, depthwise, pointwise = _dws_counts(p["in_channels"], p["out_channels"], p["kernel"], False)
    return {"a": standard, "b": depthwise + pointwise, "c": Fraction(depthwise + pointwise, standard)}


DEPTHWISE_SEPARABLE = Kind(
    id="layers.depthwise-separable",
    version=1,
    title="Parameters of a depthwise separable convolution",
    parts=fixed_parts(
        Part("a", "The number of parameters of the standard convolution.", "integer"),
        Part("b", "The number of parameters of the depthwise separable convolution (depthwise plus pointwise).", "integer"),
        Part("c", "The ratio of the count in (b) to the count in (a), as an exact fraction.", "number"),
    ),
    sample=_dws_sample,
    validate=_dws_validate,
    solve=_dws_solve,
    steps=_dws_steps,
    misconceptions=(
        Misconception(
            "depthwise-as-full-conv",
            "The depthwise step has one k x k filter per input channel, each seeing only its own channel, so it has C_in k squared weights, not C_in C_out k squared.",
            _dws_full_depthwise,
        ),
        Misconception(
            "forgot-pointwise",
            "The depthwise step only filters each channel; the 1x1 pointwise layer that mixes C_in channels into C_out belongs to the count too.",
            _dws_forgot_pointwise,
        ),
        Misconception(
            "ratio-inverted",
            "You divided the standard count by the separable one; the ratio asked for is separable over standard.",
            _dws_inverted,
        ),
        Misconception(
            "forgot-bias",
            "Both layers have a bias here: one per output channel of each layer.",
            _dws_forgot_bias,
        ),
    ),
)


KINDS = [CONV_VS_DENSE, STACKED_VS_SINGLE, DEPTHWISE_SEPARABLE]
