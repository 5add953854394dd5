"""conv2d.single-channel: the 2-D convolution of one channel, shape and values."""

from __future__ import annotations

import dataclasses

from .. import params as P
from ..core.correlate import correlate_2d, dot_2d, rot180
from ..core.numbers import frozen
from ..core.sizes import out_size
from ..core.windows import covered, padded_2d
from ..model import Kind, Misconception, Param, Params, Part, fixed_parts, redrawing, hand_sized
from ..rng import Rng
from .common import (MATRIX_GEOMETRY_PARAMS, check_fits_2d, out_shape, random_kernel, read_padding, read_stride,
                     sample_geometry, symmetric, terms, window_cells)
from .mistakes import FLIP_FEEDBACK, PADDING_ONCE_FEEDBACK, PLUS_ONE_FEEDBACK, STRIDE_FIRST_FEEDBACK, stride_first


@P.memo
def _data(params: Params):
    """X, K, stride, (ph, pw) of validated params."""
    X = P.matrix(params, "X")
    K = P.matrix(params, "kernel")
    s = read_stride(params)
    return X, K, s, read_padding(params, len(K), len(K[0]), s)


def _validate(params: Params) -> None:
    X, K, s, pad = _data(params)
    check_fits_2d(len(X), len(X[0]), len(K), len(K[0]), pad)


def _solve(params: Params) -> dict:
    X, K, s, (ph, pw) = _data(params)
    return {"a": out_shape(len(X), len(X[0]), len(K), len(K[0]), s, (ph, pw)),
            "b": correlate_2d(X, K, s, (ph, pw))}


def _steps(params: Params) -> dict:
    X, K, s, (ph, pw) = _data(params)
    H, W, kh, kw = len(X), len(X[0]), len(K), len(K[0])
    oh, ow = out_shape(H, W, kh, kw, s, (ph, pw))
    windows = [[window_cells(X, K, s, (ph, pw), i, j) for j in range(ow)] for i in range(oh)]
    rows = [[{"i": i, "j": j, "top": i * s - ph, "left": j * s - pw, "terms": terms(X, K, cells),
              "result": dot_2d(X, K, cells)} for j, cells in enumerate(row)] for i, row in enumerate(windows)]
    return {
        "X": frozen(X), "K": frozen(K), "H": H, "W": W, "kh": kh, "kw": kw, "s": s, "ph": ph, "pw": pw,
        "square": kh == kw and ph == pw,
        "num": (H + 2 * ph - kh, W + 2 * pw - kw),
        "out": (oh, ow),
        "padded": frozen(padded_2d(X, (ph, pw))) if ph or pw else None,
        "padding_word": params.get("padding") if isinstance(params.get("padding"), str) else None,
        "rows": rows,
    }


def _effort(params: Params) -> dict[str, int]:
    """A multiply-add per real cell of every window (padded zeros are skipped by hand), and at
    least one operation per output entry written."""
    X, K, s, (ph, pw) = _data(params)
    oh, ow = out_shape(len(X), len(X[0]), len(K), len(K[0]), s, (ph, pw))
    return {"b": max(oh * ow, covered(len(X), len(K), s, ph, oh) * covered(len(X[0]), len(K[0]), s, pw, ow))}


def _flipped(params: Params) -> dict:
    X, K, s, (ph, pw) = _data(params)
    if symmetric(K):
        return {}
    return {"b": correlate_2d(X, rot180(K), s, (ph, pw))}


def _padding_once(params: Params) -> dict:
    X, K, s, (ph, pw) = _data(params)
    H, W, kh, kw = len(X), len(X[0]), len(K), len(K[0])
    if not (ph or pw) or H + ph < kh or W + pw < kw:
        return {}
    return {"a": (out_size(H, kh, s, ph, after=0), out_size(W, kw, s, pw, after=0)),
            "b": correlate_2d(X, K, s, (ph, pw), after=(0, 0))}


def _stride_first(params: Params) -> dict:
    X, K, s, (ph, pw) = _data(params)
    H, W, kh, kw = len(X), len(X[0]), len(K), len(K[0])
    if s == 1 or not (ph or pw) or H < kh or W < kw:
        return {}
    return {"a": (stride_first(H, kh, s, ph), stride_first(W, kw, s, pw))}


def _plus_one(params: Params) -> dict:
    X, K, s, (ph, pw) = _data(params)
    oh, ow = out_shape(len(X), len(X[0]), len(K), len(K[0]), s, (ph, pw))
    return {"a": (oh - 1, ow - 1)}


def _sample(rng: Rng, difficulty: str) -> Params:
    H, W, k, s, _, padding = sample_geometry(rng, difficulty, 4)
    lo, hi = {"easy": (0, 9), "medium": (-2, 5), "hard": (-3, 6)}[difficulty]
    X = [[rng.integer(lo, hi) for _ in range(W)] for _ in range(H)]
    K = random_kernel(rng, k, rational=difficulty == "hard")
    return {"X": X, "kernel": [[P.json_number(v) for v in row] for row in K], "padding": padding, "stride": s}


MISCONCEPTIONS = (
    Misconception(
        "flipped-kernel",
        FLIP_FEEDBACK,
        _flipped,
        silent_when_right=True,
    ),
    Misconception(
        "forgot-plus-one",
        PLUS_ONE_FEEDBACK,
        _plus_one,
        silent_when_right=True,
    ),
    Misconception(
        "padding-once",
        PADDING_ONCE_FEEDBACK,
        _padding_once,
        silent_when_right=True,
    ),
    Misconception(
        "stride-before-padding",
        STRIDE_FIRST_FEEDBACK,
        _stride_first,
        silent_when_right=True,
    ),
)

SINGLE_CHANNEL = Kind(
    id="conv2d.single-channel",
    version=1,
    title="2-D convolution of one channel",
    params=(
        Param("X", "matrix", "the input"),
        Param("kernel", "matrix", 'the kernel K; rationals as "p/q"'),
    ) + MATRIX_GEOMETRY_PARAMS,
    parts=fixed_parts(
        Part("a", "The shape $(H', W')$ of the output $Y$.", "shape"),
        Part("b", "The output matrix $Y$.", "matrix", points=2),
    ),
    sample=redrawing(_sample, _solve, MISCONCEPTIONS, lambda params: ("b",)),
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    misconceptions=MISCONCEPTIONS,
    first_claims=True,
)


#: Version 2: hand-sized (issue 14): at most 40 multiply-adds on easy and medium, 100 on hard.
SINGLE_CHANNEL_V2 = dataclasses.replace(SINGLE_CHANNEL, version=2,
                                        sample=hand_sized(SINGLE_CHANNEL.sample, SINGLE_CHANNEL.effort))
