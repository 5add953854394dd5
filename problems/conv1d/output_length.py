"""conv1d.output-length: the length of a 1D convolution's output."""

from __future__ import annotations

from fractions import Fraction

from ..core.sizes import out_size
from ..model import Kind, Misconception, Params, Part, fixed_parts
from ..rng import Rng
from .geometry import GEOMETRY_PARAMS, geometry, length_steps, sample_geometry
from .mistakes import NO_FLOOR_FEEDBACK, ONE_SIDE_FEEDBACK, PLUS_ONE_FEEDBACK, STRIDE_FEEDBACK, length_misconception


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty != "hard":
        return sample_geometry(rng, difficulty)
    while True:
        n, k, stride = rng.integer(16, 64), rng.integer(3, 7), rng.integer(2, 3)
        padding = rng.integer(0, k - 1)
        if out_size(n, k, stride, padding, after=padding) >= 2:
            return {"n": n, "k": k, "padding": padding, "stride": stride}


def _validate(params: Params) -> None:
    geometry(params)


def _solve(params: Params) -> dict:
    n, k, s, left, right = geometry(params)
    return {"a": out_size(n, k, s, left, after=right)}


def _steps(params: Params) -> dict:
    n, k, s, left, right = geometry(params)
    num = n + left + right - k
    return {**length_steps(params, n, k, s, left, right), "quotient": Fraction(num, s) if num % s else num // s}


OUTPUT_LENGTH = Kind(
    id="conv1d.output-length",
    version=1,
    title="Output length of a 1D convolution",
    params=GEOMETRY_PARAMS,
    parts=fixed_parts(Part("a", "The output length $m$.", "integer")),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    first_claims=True,
    misconceptions=(
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, length_misconception("forgot-plus-one")),
        Misconception("padding-one-side", ONE_SIDE_FEEDBACK, length_misconception("padding-one-side")),
        Misconception("no-floor", NO_FLOOR_FEEDBACK, length_misconception("no-floor")),
        Misconception("stride-ignored", STRIDE_FEEDBACK, length_misconception("stride-ignored")),
    ),
)
