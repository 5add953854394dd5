"""conv1d.numeric: a 1D convolution with numbers."""

from __future__ import annotations

import dataclasses

from fractions import Fraction

from .. import params as P
from ..core.correlate import correlate_1d
from ..core.numbers import exact, frozen
from ..core.sizes import check_fits, check_padding_below_kernel, out_size
from ..core.windows import covered, padded_1d
from ..model import Kind, Misconception, Param, Params, Part, fixed_parts, hand_sized
from ..rng import Rng
from .geometry import PADDING_PARAM, STRIDE_PARAM, length_steps, sample_geometry, sides_of
from .mistakes import FLIP_FEEDBACK, ONE_SIDE_FEEDBACK, SHIFT_FEEDBACK, one_side


@P.memo
def _data(params: Params) -> tuple[list, list, int, int, int]:
    """x, kernel (exact numbers), stride, left and right padding, validated."""
    x = P.vector(params, "x", max_len=64)
    kernel = P.vector(params, "kernel", max_len=64)
    stride = P.integer(params, "stride", low=1, high=64)
    k = len(kernel)
    left, right = sides_of(params, k, stride)
    check_padding_below_kernel(k, left, right)
    check_fits(len(x), k, left, right, what="input x", noun="length")
    return x, kernel, stride, left, right


def _validate(params: Params) -> None:
    _data(params)


def _solve(params: Params) -> dict:
    return {"a": correlate_1d(*_data(params))}


def _steps(params: Params) -> dict:
    x, kernel, s, left, right = _data(params)
    n, k = len(x), len(kernel)
    m = out_size(n, k, s, left, after=right)
    y = correlate_1d(x, kernel, s, left, right)
    padded = padded_1d(frozen(x), left, right)
    rows = []
    for i in range(1, m + 1):
        start = (i - 1) * s
        window = padded[start:start + k]
        rows.append({"i": i, "start": start + 1, "end": start + k,
                     "pairs": [{"k": exact(kv), "x": xv} for kv, xv in zip(kernel, window)],
                     "result": y[i - 1]})
    return {**length_steps(params, n, k, s, left, right), "n": n, "k": k, "m": m,
            "x": frozen(x), "kernel": frozen(kernel),
            "padded": tuple(padded), "rows": rows}


def _effort(params: Params) -> dict[str, int]:
    x, kernel, s, left, right = _data(params)
    m = out_size(len(x), len(kernel), s, left, after=right)
    return {"a": covered(len(x), len(kernel), s, left, m)}


def _flipped(params: Params) -> dict:
    x, kernel, s, left, right = _data(params)
    if kernel == kernel[::-1]:
        return {}
    return {"a": correlate_1d(x, kernel[::-1], s, left, right)}


def _padding_one_side(params: Params) -> dict:
    x, kernel, s, left, right = _data(params)
    one = one_side(left)
    if one is None or len(x) + one < len(kernel):
        return {}
    return {"a": correlate_1d(x, kernel, s, one, 0)}


def _no_padding(params: Params) -> dict:
    x, kernel, s, left, right = _data(params)
    if not left + right or len(x) < len(kernel):
        return {}
    return {"a": correlate_1d(x, kernel, s, 0, 0)}


def _stride_ignored(params: Params) -> dict:
    x, kernel, s, left, right = _data(params)
    return {"a": correlate_1d(x, kernel, 1, left, right)} if s > 1 else {}


def _sample(rng: Rng, difficulty: str) -> Params:
    geo = sample_geometry(rng, difficulty, hard_n=(9, 14))
    n, k = geo["n"], geo["k"]
    if difficulty == "easy":
        x = [rng.integer(-3, 5) for _ in range(n)]
    else:
        x = [rng.integer(-5, 5) for _ in range(n)]
    while True:
        if difficulty == "hard" and rng.coin():
            kernel = [rng.fraction(-2, 2, (1, 2, 2, 4)) for _ in range(k)]
        elif difficulty == "easy":
            kernel = [rng.integer(-2, 3) for _ in range(k)]
        else:
            kernel = [rng.integer(-3, 3) for _ in range(k)]
        # No symmetric kernel (the flip must show) and no kernel of zeros.
        if kernel != kernel[::-1] and sum(1 for v in kernel if v) >= 2:
            break
    return {"x": [P.json_number(exact(Fraction(v))) for v in x],
            "kernel": [P.json_number(exact(Fraction(v))) for v in kernel],
            "padding": geo["padding"], "stride": geo["stride"]}


NUMERIC = Kind(
    id="conv1d.numeric",
    version=1,
    title="A 1D convolution with numbers",
    params=(
        Param("x", "list of numbers", 'the input x1..xn; rationals as "p/q"'),
        Param("kernel", "list of numbers", 'the kernel k1..kk; rationals as "p/q"'),
        PADDING_PARAM,
        STRIDE_PARAM,
    ),
    parts=fixed_parts(Part("a", "The output vector $y$.", "vector", points=2)),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    first_claims=True,
    misconceptions=(
        Misconception("flipped-kernel", FLIP_FEEDBACK, _flipped),
        Misconception("window-shift", SHIFT_FEEDBACK,
                      lambda p: {"a": correlate_1d(*_data(p), shift=1)}),
        Misconception("padding-one-side", ONE_SIDE_FEEDBACK, _padding_one_side),
        Misconception("padding-ignored", "You left out the padding: add the zeros on both sides of x before "
                      "sliding the kernel.", _no_padding),
        Misconception("stride-ignored", "You ignored the stride: the window moves s positions at a time, "
                      "so consecutive outputs start s entries apart.", _stride_ignored),
    ),
)


#: Version 2: hand-sized (issue 14): at most 40 multiply-adds on easy and medium, 100 on hard.
NUMERIC_V2 = dataclasses.replace(NUMERIC, version=2, sample=hand_sized(NUMERIC.sample, NUMERIC.effort))
