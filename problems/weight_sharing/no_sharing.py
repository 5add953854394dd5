"""weight-sharing.no-sharing: what sharing one kernel saves in 1D (weight counts never include a bias)."""

from __future__ import annotations

from ..conv1d.geometry import GEOMETRY_PARAMS, geometry, length_steps, sample_geometry
from ..conv1d.mistakes import PLUS_ONE_FEEDBACK
from ..core.sizes import out_size
from ..model import Kind, Misconception, Params, Part, fixed_parts
from ..rng import Rng


def _sample(rng: Rng, difficulty: str) -> Params:
    return sample_geometry(rng, difficulty, hard_n=(16, 64))


def _validate(params: Params) -> None:
    geometry(params)


def _counts(params: Params) -> tuple[int, int, int, int, int]:
    n, k, s, left, right = geometry(params)
    return n, k, s, left + right, out_size(n, k, s, left, after=right)


def _solve(params: Params) -> dict:
    n, k, s, pad, m = _counts(params)
    return {"a": k, "b": m * k, "c": m * n}


def _steps(params: Params) -> dict:
    n, k, s, left, right = geometry(params)
    return {**length_steps(params, n, k, s, left, right), "m": out_size(n, k, s, left, after=right)}


def _sharing_forgotten(params: Params) -> dict:
    n, k, s, pad, m = _counts(params)
    return {"a": m * k} if m > 1 else {}


def _outputs_as_n(params: Params) -> dict:
    n, k, s, pad, m = _counts(params)
    return {"b": n * k, "c": n * n} if m != n else {}


def _padding_inputs(params: Params) -> dict:
    n, k, s, pad, m = _counts(params)
    return {"c": m * (n + pad)} if pad else {}


def _forgot_plus_one(params: Params) -> dict:
    n, k, s, pad, m = _counts(params)
    return {"b": (m - 1) * k, "c": (m - 1) * n} if m > 1 else {}


def _stride_ignored(params: Params) -> dict:
    n, k, s, pad, m = _counts(params)
    if s == 1:
        return {}
    m1 = out_size(n, k, 1, pad, after=0)
    return {"b": m1 * k, "c": m1 * n}


NO_SHARING = Kind(
    id="weight-sharing.no-sharing",
    version=1,
    title="What weight sharing saves in 1D",
    params=GEOMETRY_PARAMS,
    parts=fixed_parts(
        Part("a", "The number of weights of the convolution, which shares one kernel across all outputs.",
             "integer"),
        Part("b", "The number of weights when every output position has its own kernel of the same size.",
             "integer"),
        Part("c", "The number of weights of a dense layer from the $n$ inputs to the same outputs.", "integer"),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    first_claims=True,
    misconceptions=(
        Misconception("sharing-forgotten", "With weight sharing every output uses the same k weights, so the "
                      "convolution has k weights however long the output is.", _sharing_forgotten),
        Misconception("outputs-as-n", "You took the output to be as long as the input; compute its length m "
                      "= floor((n + 2p - k) / s) + 1 first.", _outputs_as_n),
        Misconception("padding-as-inputs", "You counted the padded zeros as inputs; the dense layer connects "
                      "the n real inputs only.", _padding_inputs),
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, _forgot_plus_one),
        Misconception("stride-ignored", "You ignored the stride: the window moves s positions at a time, so "
                      "there are only floor((n + 2p - k) / s) + 1 outputs.", _stride_ignored),
    ),
)
