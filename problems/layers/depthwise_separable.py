"""layers.depthwise-separable: parameters of a depthwise separable convolution (the ratio is a Fraction).

``bias`` is false (no bias anywhere), true (every convolution has its bias) or, from version 2 on,
"pointwise": only the pointwise convolution has one, as a worked answer in the course counts it
(64 -> 64 channels, kernel 3: 576 + 4,096 + 64 = 4,736). The standard layer it is compared with
then has its bias, one per output channel, since both layers end in the same outputs. Version 1
draws ``bias`` from true and false only, and stays registered so that its ids keep regenerating.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from .. import params as P
from ..model import Kind, Misconception, Param, ParamError, Params, Part, fixed_parts
from ..rng import Rng
from .counting import MAX_SIZE, decimal


#: The ``bias`` value (version 2 on) that puts a bias on the pointwise convolution only.
POINTWISE = "pointwise"


def _sizes(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        cin, cout, kernel = rng.choice((8, 16, 32)), rng.choice((16, 32, 64)), 3
    elif difficulty == "medium":
        cin, cout = rng.choice((16, 32, 64, 128)), rng.choice((16, 32, 64, 128))
        kernel = rng.choice((3, 5))
    else:
        sizes = (64, 96, 128, 192, 256, 384, 512)
        cin, cout, kernel = rng.choice(sizes), rng.choice(sizes), rng.choice((3, 5, 7))
    return {"in_channels": cin, "out_channels": cout, "kernel": kernel}


def _sample(rng: Rng, difficulty: str) -> Params:
    return {**_sizes(rng, difficulty), "bias": rng.coin()}


def _sample_v2(rng: Rng, difficulty: str) -> Params:
    return {**_sizes(rng, difficulty), "bias": rng.choice((False, True, POINTWISE))}


def _validate(params: Params) -> None:
    P.integer(params, "in_channels", low=1, high=MAX_SIZE)
    P.integer(params, "out_channels", low=1, high=MAX_SIZE)
    P.integer(params, "kernel", low=1, high=MAX_SIZE)
    P.boolean(params, "bias")


def _validate_v2(params: Params) -> None:
    P.require(params, "bias")
    if params["bias"] != POINTWISE and not isinstance(params["bias"], bool):
        raise ParamError(f'param \'bias\' must be true, false or "{POINTWISE}", not {params["bias"]!r}.')
    _validate({**params, "bias": True})


def _biases(bias: bool | str) -> tuple[bool, bool, bool]:
    """Whether (the standard conv, the depthwise step, the pointwise step) has a bias."""
    return bool(bias), bias is True, bool(bias)


def _counts(cin: int, cout: int, k: int, bias: bool | str) -> tuple[int, int, int]:
    """(standard, depthwise, pointwise) parameter counts."""
    on_standard, on_depthwise, on_pointwise = _biases(bias)
    standard = cout * cin * k * k + (cout if on_standard else 0)
    depthwise = cin * k * k + (cin if on_depthwise else 0)
    pointwise = cin * cout + (cout if on_pointwise else 0)
    return standard, depthwise, pointwise


def _solve(p: Params) -> dict:
    standard, depthwise, pointwise = _counts(p["in_channels"], p["out_channels"], p["kernel"], p["bias"])
    separable = depthwise + pointwise
    return {"a": standard, "b": separable, "c": Fraction(separable, standard)}


def _steps(p: Params) -> dict:
    cin, cout, k, bias = p["in_channels"], p["out_channels"], p["kernel"], p["bias"]
    standard, depthwise, pointwise = _counts(cin, cout, k, bias)
    ratio = Fraction(depthwise + pointwise, standard)
    return {
        "standard_weights": cout * cin * k * k,
        "depthwise_weights": cin * k * k,
        "depthwise": depthwise,
        "pointwise_weights": cin * cout,
        "pointwise": pointwise,
        "ratio_decimal": decimal(ratio),
        "kernel_squared": k * k,
        "reduced": ratio.numerator != depthwise + pointwise,
        "pointwise_only": bias == POINTWISE,
    }


def _full_depthwise(p: Params) -> dict:
    cin, cout, k, bias = p["in_channels"], p["out_channels"], p["kernel"], p["bias"]
    standard, _, pointwise = _counts(cin, cout, k, bias)
    wrong = cin * cout * k * k + (cout if _biases(bias)[1] else 0) + pointwise
    return {"b": wrong, "c": Fraction(wrong, standard)}


def _forgot_pointwise(p: Params) -> dict:
    standard, depthwise, _ = _counts(p["in_channels"], p["out_channels"], p["kernel"], p["bias"])
    return {"b": depthwise, "c": Fraction(depthwise, standard)}


def _inverted(p: Params) -> dict:
    standard, depthwise, pointwise = _counts(p["in_channels"], p["out_channels"], p["kernel"], p["bias"])
    return {"c": Fraction(standard, depthwise + pointwise)}


def _forgot_bias(p: Params) -> dict:
    if p["bias"] is not True:
        return {}
    standard, depthwise, pointwise = _counts(p["in_channels"], p["out_channels"], p["kernel"], False)
    return {"a": standard, "b": depthwise + pointwise, "c": Fraction(depthwise + pointwise, standard)}


DEPTHWISE_SEPARABLE = Kind(
    id="layers.depthwise-separable",
    version=1,
    title="Parameters of a depthwise separable convolution",
    params=(
        Param("in_channels", "int", "input channels C_in"),
        Param("out_channels", "int", "output channels C_out"),
        Param("kernel", "int", "side k of the square kernel"),
        Param("bias", "bool", "whether every convolution has a bias"),
    ),
    parts=fixed_parts(
        Part("a", "The number of parameters of the standard convolution.", "integer"),
        Part("b", "The number of parameters of the depthwise separable convolution (depthwise plus pointwise).", "integer"),
        Part("c", "The ratio of the count in (b) to the count in (a), as an exact fraction.", "number"),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    misconceptions=(
        Misconception(
            "depthwise-as-full-conv",
            "The depthwise step has one k x k filter per input channel, each seeing only its own channel, so it has C_in k squared weights, not C_in C_out k squared.",
            _full_depthwise,
        ),
        Misconception(
            "forgot-pointwise",
            "The depthwise step only filters each channel; the 1x1 pointwise layer that mixes C_in channels into C_out belongs to the count too.",
            _forgot_pointwise,
        ),
        Misconception(
            "ratio-inverted",
            "You divided the standard count by the separable one; the ratio asked for is separable over standard.",
            _inverted,
        ),
        Misconception(
            "forgot-bias",
            "Both layers have a bias here: one per output channel of each layer.",
            _forgot_bias,
        ),
    ),
)


def _depthwise_bias_counted(p: Params) -> dict:
    """A bias on the depthwise step too, where only the pointwise step has one."""
    if p["bias"] != POINTWISE:
        return {}
    standard, depthwise, pointwise = _counts(p["in_channels"], p["out_channels"], p["kernel"], True)
    return {"b": depthwise + pointwise, "c": Fraction(depthwise + pointwise, standard)}


def _pointwise_bias_forgotten(p: Params) -> dict:
    """No bias at all, where the pointwise step (and the standard layer) has one."""
    if p["bias"] != POINTWISE:
        return {}
    standard, depthwise, pointwise = _counts(p["in_channels"], p["out_channels"], p["kernel"], False)
    return {"a": standard, "b": depthwise + pointwise, "c": Fraction(depthwise + pointwise, standard)}


DEPTHWISE_SEPARABLE_V2 = replace(
    DEPTHWISE_SEPARABLE,
    version=2,
    params=DEPTHWISE_SEPARABLE.params[:3] + (
        Param("bias", 'bool or "pointwise"',
              'true: every convolution has a bias; false: none; '
              '"pointwise": only the pointwise one (and the standard layer)'),
    ),
    sample=_sample_v2,
    validate=_validate_v2,
    misconceptions=DEPTHWISE_SEPARABLE.misconceptions + (
        Misconception(
            "depthwise-bias-counted",
            "Only the pointwise convolution has a bias here, one per output channel; the depthwise step has none.",
            _depthwise_bias_counted,
        ),
        Misconception(
            "pointwise-bias-forgotten",
            "The pointwise convolution has a bias here, one per output channel, and so has the standard layer.",
            _pointwise_bias_forgotten,
        ),
    ),
)
