"""layers.stacked-vs-single: a stack of 3x3 layers versus one large kernel."""

from __future__ import annotations

from fractions import Fraction

from .. import params as P
from ..model import Kind, Misconception, Param, ParamError, Params, Part, fixed_parts
from ..rng import Rng
from .counting import MAX_SIZE, decimal


def _sample(rng: Rng, difficulty: str) -> Params:
    channels = rng.choice({"easy": (8, 16, 32), "medium": (32, 64, 128),
                           "hard": (64, 96, 128, 192, 256, 384, 512)}[difficulty])
    return {"channels": channels, "kernel": rng.choice((5, 7)), "bias": rng.coin()}


def _validate(params: Params) -> None:
    P.integer(params, "channels", low=1, high=MAX_SIZE)
    kernel = P.integer(params, "kernel", low=3, high=MAX_SIZE)
    if kernel % 2 == 0:
        raise ParamError(f"param 'kernel' must be odd so that a stack of 3x3 layers can match it, not {kernel}.")
    P.boolean(params, "bias")


def _counts(c: int, k: int, bias: bool, layers: int) -> tuple[int, int]:
    """(one k x k layer, the stack of ``layers`` 3x3 layers), c -> c channels each."""
    b = c if bias else 0
    return c * c * k * k + b, layers * (c * c * 9 + b)


def _layers(p: Params) -> int:
    return (p["kernel"] - 1) // 2


def _solve(p: Params) -> dict:
    single, stack = _counts(p["channels"], p["kernel"], p["bias"], _layers(p))
    return {"a": single, "b": stack, "c": p["kernel"]}


def _steps(p: Params) -> dict:
    c, k = p["channels"], p["kernel"]
    n = _layers(p)
    single, stack = _counts(c, k, p["bias"], n)
    return {
        "layers": n,
        "single_weights": c * c * k * k,
        "layer3_weights": c * c * 9,
        "layer3": c * c * 9 + (c if p["bias"] else 0),
        "bias": c if p["bias"] else 0,
        "fields": [1 + 2 * i for i in range(1, n + 1)],
        "saved": single - stack,
        "ratio": decimal(Fraction(stack, single), 2),
    }


def _grows_by_one(p: Params) -> dict:
    return {"b": _counts(p["channels"], p["kernel"], p["bias"], p["kernel"] - 2)[1]}


def _sum_of_kernels(p: Params) -> dict:
    return {"c": 3 * _layers(p)}


def _forgot_bias(p: Params) -> dict:
    if not p["bias"]:
        return {}
    single, stack = _counts(p["channels"], p["kernel"], False, _layers(p))
    return {"a": single, "b": stack}


def _added_bias(p: Params) -> dict:
    if p["bias"]:
        return {}
    single, stack = _counts(p["channels"], p["kernel"], True, _layers(p))
    return {"a": single, "b": stack}


def _bias_per_pair(p: Params) -> dict:
    if not p["bias"]:
        return {}
    c, k, n = p["channels"], p["kernel"], _layers(p)
    return {"a": c * c * k * k + c * c, "b": n * (c * c * 9 + c * c)}


def _forgot_input_channels(p: Params) -> dict:
    c, k, n = p["channels"], p["kernel"], _layers(p)
    if c == 1:
        return {}
    b = c if p["bias"] else 0
    return {"a": c * k * k + b, "b": n * (c * 9 + b)}


STACKED_VS_SINGLE = Kind(
    id="layers.stacked-vs-single",
    version=1,
    title="A stack of 3x3 layers versus one large kernel",
    params=(
        Param("channels", "int", "channels C in and out of every layer"),
        Param("kernel", "int", "side k of the single large kernel (odd, such as 5 or 7)"),
        Param("bias", "bool", "whether every layer has a bias"),
    ),
    parts=fixed_parts(
        Part("a", "The number of parameters of the single $k \\times k$ layer.", "integer"),
        Part("b", "The number of parameters of the stack of $3 \\times 3$ layers.", "integer"),
        Part("c", "The receptive field of one output of the stack: the side of the input window it depends on.", "integer"),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    misconceptions=(
        Misconception(
            "receptive-field-grows-by-one",
            "Each 3x3 layer widens the receptive field by 2 (one pixel on each side), so (k - 1)/2 layers reach k, not k - 2.",
            _grows_by_one,
        ),
        Misconception(
            "receptive-field-sum-of-kernels",
            "Receptive fields do not add kernel sizes: stacked windows overlap, so each extra 3x3 layer adds only k - 1 = 2.",
            _sum_of_kernels,
        ),
        Misconception(
            "forgot-bias",
            "The layers have a bias: add one per output channel, C per layer.",
            _forgot_bias,
        ),
        Misconception(
            "added-bias",
            "The statement says the layers have no bias, so count only the weights.",
            _added_bias,
        ),
        Misconception(
            "bias-per-channel-pair",
            "A layer has one bias per output channel, C of them, not one per pair of input and output channels.",
            _bias_per_pair,
        ),
        Misconception(
            "forgot-input-channels",
            "Each of the C filters of a layer has a kernel for every input channel, so a layer has C times C times k squared weights.",
            _forgot_input_channels,
        ),
    ),
)
