"""conv1d.true-convolution: what deep-learning libraries compute next to the true convolution.

Libraries compute cross-correlation, y_i = sum_j k_j x_{(i-1)s+j} over the padded input; the
true convolution of signal processing flips the kernel first, so it slides (k_K, ..., k_1) over
the same windows. ``padding`` (default 0) and ``stride`` (default 1) take their defaults when
left out; the sampler never draws them, so a sampled problem is always the lecture's plain case.
"""

from __future__ import annotations

from .. import params as P
from ..core.correlate import correlate_1d
from ..core.numbers import exact, frozen
from ..core.padding import padding_param, padding_sides
from ..core.sizes import check_fits, check_padding_below_kernel, out_size
from ..core.windows import padded_1d
from ..model import (
    Kind,
    Misconception,
    Param,
    Params,
    Part,
    fixed_parts,
    not_degenerate,
)
from ..rng import Rng
from .geometry import MAX_LENGTH
from .mistakes import FLIP_FEEDBACK, SHIFT_FEEDBACK


@P.memo
def _data(params: Params) -> tuple[list, list, int, int, int]:
    """x, kernel (exact numbers), stride, left and right padding, validated; defaults stride 1, padding 0."""
    x = P.vector(params, "x", max_len=64)
    kernel = P.vector(params, "kernel", max_len=64)
    stride = P.integer(params, "stride", low=1, high=64, default=1)
    left, right = padding_sides(padding_param(params, default=0, high=MAX_LENGTH), len(kernel), stride)
    check_padding_below_kernel(len(kernel), left, right)
    check_fits(len(x), len(kernel), left, right, what="input x", noun="length")
    return x, kernel, stride, left, right


def _validate(params: Params) -> None:
    _data(params)


def _solve(params: Params) -> dict:
    x, kernel, s, left, right = _data(params)
    return {"a": correlate_1d(x, kernel, s, left, right), "b": correlate_1d(x, kernel[::-1], s, left, right)}


def _rows(padded: list, kernel: list, s: int, m: int, y: tuple) -> list[dict]:
    """Per output y_i (1-based): the window's first and last entry and the (k, x) products."""
    k = len(kernel)
    return [{"i": i + 1, "start": i * s + 1, "end": i * s + k,
             "pairs": [{"k": exact(kv), "x": xv} for kv, xv in zip(kernel, padded[i * s:i * s + k])],
             "result": y[i]} for i in range(m)]


def _steps(params: Params) -> dict:
    x, kernel, s, left, right = _data(params)
    n, k = len(x), len(kernel)
    m = out_size(n, k, s, left, after=right)
    padded = padded_1d(frozen(x), left, right)
    answers = _solve(params)
    return {"n": n, "k": k, "m": m, "left": left, "right": right, "stride": s, "padded_input": tuple(padded),
            "x": frozen(x), "kernel": frozen(kernel), "flipped": frozen(kernel[::-1]),
            "numerator": n + left + right - k,
            "rows": _rows(padded, frozen(kernel), s, m, answers["a"]),
            "flipped_rows": _rows(padded, frozen(kernel[::-1]), s, m, answers["b"])}


def _flipped_library(params: Params) -> dict:
    return {"a": _solve(params)["b"]}


def _unflipped_true(params: Params) -> dict:
    return {"b": _solve(params)["a"]}


def _shifted(params: Params) -> dict:
    x, kernel, s, left, right = _data(params)
    return {"a": correlate_1d(x, kernel, s, left, right, shift=1)}


def _full(params: Params) -> dict:
    """The full convolution of signal processing (numpy.convolve's default): every overlap, n + k - 1 outputs."""
    x, kernel, _, _, _ = _data(params)
    k = len(kernel)
    return {"b": correlate_1d(x, kernel[::-1], 1, k - 1, k - 1)}


def _effort(params: Params) -> dict[str, int]:
    """Multiply-adds by hand: every output of both parts is a k-term dot product."""
    _, kernel, _, _, _ = _data(params)
    outputs = len(_solve(params)["a"])
    return {"a": outputs * len(kernel), "b": outputs * len(kernel)}


def _draw(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        n, k, lo, hi = rng.integer(4, 5), 2, 0, 4
    elif difficulty == "medium":
        n, k, lo, hi = rng.integer(5, 6), rng.integer(2, 3), -3, 5
    else:
        n, k, lo, hi = rng.integer(6, 8), 3, -5, 5
    x = [rng.integer(lo, hi) for _ in range(n)]
    while True:
        kernel = [rng.integer(-2 if difficulty != "easy" else 0, 3) for _ in range(k)]
        # No symmetric kernel (the flip must show) and at least two nonzero entries.
        if kernel != kernel[::-1] and sum(1 for v in kernel if v) >= 2:
            break
    return {"x": x, "kernel": kernel, "padding": 0, "stride": 1}


TRUE_CONVOLUTION = Kind(
    id="conv1d.true-convolution",
    version=1,
    title="Cross-correlation and true convolution side by side",
    params=(
        Param("x", "list of numbers", 'the input x1..xn; rationals as "p/q"'),
        Param("kernel", "list of numbers", 'the kernel k1..kk; rationals as "p/q"'),
        Param("padding", 'int, "same" or "valid"', 'zeros on each side of x; "same" as in PyTorch (stride 1)',
              default=0),
        Param("stride", "int", "how far the window moves from one output to the next", default=1),
    ),
    parts=fixed_parts(
        Part("a", "The output of what deep-learning libraries call convolution (cross-correlation).", "vector"),
        Part("b", "The output of the true convolution (kernel flipped).", "vector"),
    ),
    sample=not_degenerate(_draw, _solve),
    validate=_validate,
    solve=_solve,
    steps=_steps,
    first_claims=True,
    effort=_effort,
    misconceptions=(
        Misconception("flipped-kernel", FLIP_FEEDBACK, _flipped_library),
        Misconception("kernel-not-flipped",
                      "The true convolution flips the kernel before sliding it: the first entry of each window "
                      "meets k_k, the last one k_1.", _unflipped_true),
        Misconception("window-shift", SHIFT_FEEDBACK, _shifted),
        Misconception("full-convolution",
                      "You computed the full convolution of signal processing, with every partial overlap; here "
                      "the true convolution slides the flipped kernel over the same windows as (a), so it has as "
                      "many outputs.", _full, silent_when_right=True),
    ),
)
