"""layers.depthwise-separable: parameters of a depthwise separable convolution (the ratio is a Fraction)."""

from __future__ import annotations

from fractions import Fraction

from .. import params as P
from ..model import Kind, Misconception, Param, Params, Part, fixed_parts
from ..rng import Rng
from .counting import MAX_SIZE, decimal


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        cin, cout, kernel = rng.choice((8, 16, 32)), rng.choice((16, 32, 64)), 3
    elif difficulty == "medium":
        cin, cout = rng.choice((16, 32, 64, 128)), rng.choice((16, 32, 64, 128))
        kernel = rng.choice((3, 5))
    else:
        sizes = (64, 96, 128, 192, 256, 384, 512)
        cin, cout, kernel = rng.choice(sizes), rng.choice(sizes), rng.choice((3, 5, 7))
    return {"in_channels": cin, "out_channels": cout, "kernel": kernel, "bias": rng.coin()}


def _validate(params: Params) -> None:
    P.integer(params, "in_channels", low=1, high=MAX_SIZE)
    P.integer(params, "out_channels", low=1, high=MAX_SIZE)
    P.integer(params, "kernel", low=1, high=MAX_SIZE)
    P.boolean(params, "bias")


def _counts(cin: int, cout: int, k: int, bias: bool) -> tuple[int, int, int]:
    """(standard, depthwise, pointwise) parameter counts."""
    standard = cout * cin * k * k + (cout if bias else 0)
    depthwise = cin * k * k + (cin if bias else 0)
    pointwise = cin * cout + (cout if bias else 0)
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
    }


def _full_depthwise(p: Params) -> dict:
    cin, cout, k, bias = p["in_channels"], p["out_channels"], p["kernel"], p["bias"]
    standard, _, pointwise = _counts(cin, cout, k, bias)
    wrong = cin * cout * k * k + (cout if bias else 0) + pointwise
    return {"b": wrong, "c": Fraction(wrong, standard)}


def _forgot_pointwise(p: Params) -> dict:
    standard, depthwise, _ = _counts(p["in_channels"], p["out_channels"], p["kernel"], p["bias"])
    return {"b": depthwise, "c": Fraction(depthwise, standard)}


def _inverted(p: Params) -> dict:
    standard, depthwise, pointwise = _counts(p["in_channels"], p["out_channels"], p["kernel"], p["bias"])
    return {"c": Fraction(standard, depthwise + pointwise)}


def _forgot_bias(p: Params) -> dict:
    if not p["bias"]:
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
