"""conv2d.multi-channel: a 2-D convolution over several input channels, entry by entry."""

from __future__ import annotations

import dataclasses

from fractions import Fraction

from .. import params as P
from ..core.correlate import dot_2d, rot180
from ..core.numbers import exact, frozen
from ..core.sizes import out_size
from ..core.windows import real_cells
from ..model import Kind, Misconception, Param, ParamError, Params, Part, redrawing, not_degenerate
from ..rng import Rng
from .common import (MATRIX_GEOMETRY_PARAMS, MAX_SIZE, Number, check_fits_2d, out_shape, random_kernel, read_padding,
                     read_stride, sample_geometry, symmetric, terms, window_cells)
from .mistakes import FLIP_FEEDBACK, PLUS_ONE_FEEDBACK

_MAX_ENTRIES = 10
_DEFAULT_ENTRIES = [[0, 0], [0, 1]]


@P.memo
def _data(params: Params):
    """X, weight, filters, stride, (ph, pw) of validated params."""
    X = P.tensor(params, "X", 3)
    Wt = P.tensor(params, "weight", 3)
    if len(Wt) != len(X):
        raise ParamError(f"param 'weight' has {len(Wt)} channel(s) but 'X' has {len(X)}; a filter has one "
                         f"kernel per input channel.")
    filters = P.integer(params, "filters", low=1, high=MAX_SIZE)
    s = read_stride(params)
    return X, Wt, filters, s, read_padding(params, len(Wt[0]), len(Wt[0][0]), s)


def _shape(X, Wt, s, pad) -> tuple[int, int]:
    return out_shape(len(X[0]), len(X[0][0]), len(Wt[0]), len(Wt[0][0]), s, pad)


def _entries(params: Params, out: tuple[int, int]) -> list[tuple[int, int]]:
    value = params.get("entries", _DEFAULT_ENTRIES)
    if not isinstance(value, list) or not value:
        raise ParamError("param 'entries' must be a non-empty list of [i, j] positions, such as [[0, 0], [0, 1]].")
    if len(value) > _MAX_ENTRIES:
        raise ParamError(f"param 'entries' may ask for at most {_MAX_ENTRIES} positions, not {len(value)}.")
    found: list[tuple[int, int]] = []
    for e in value:
        if (not isinstance(e, list) or len(e) != 2
                or any(isinstance(v, bool) or not isinstance(v, int) for v in e)):
            raise ParamError(f"each of 'entries' must be a pair [i, j] of whole numbers, not {e!r}.")
        i, j = e
        if not (0 <= i < out[0] and 0 <= j < out[1]):
            raise ParamError(f"entry [{i}, {j}] of 'entries' is outside the output, whose rows run 0..{out[0] - 1} "
                             f"and columns 0..{out[1] - 1} (0-based).")
        if (i, j) in found:
            raise ParamError(f"param 'entries' lists [{i}, {j}] twice.")
        found.append((i, j))
    return found


def _validate(params: Params) -> None:
    X, Wt, _, s, pad = _data(params)
    check_fits_2d(len(X[0]), len(X[0][0]), len(Wt[0]), len(Wt[0][0]), pad)
    _entries(params, _shape(X, Wt, s, pad))


def _labels(params: Params) -> list[str]:
    return [chr(ord("c") + n) for n in range(len(params.get("entries", _DEFAULT_ENTRIES)))]


def _parts(params: Params) -> tuple[Part, ...]:
    parts = [
        Part("a", "The shape $(C_{in}, K, K)$ of one filter.", "shape"),
        Part("b", "The shape $(F, H', W')$ of the output $Z$.", "shape"),
    ]
    for label, e in zip(_labels(params), params.get("entries", _DEFAULT_ENTRIES)):
        i, j = e
        parts.append(Part(label, f"The entry $Z[0, {i}, {j}]$: output channel 0, row {i}, column {j} (0-based).",
                          "number"))
    return tuple(parts)


def _effort(params: Params) -> dict[str, int]:
    """Per asked entry, a multiply-add per real cell of its window in every input channel."""
    X, Wt, _, s, (ph, pw) = _data(params)
    kh, kw = len(Wt[0]), len(Wt[0][0])
    return {label: len(X) * real_cells(len(X[0]), kh, s, ph, i) * real_cells(len(X[0][0]), kw, s, pw, j)
            for label, (i, j) in zip(_labels(params), _entries(params, _shape(X, Wt, s, (ph, pw))))}


def _channel_sums(params: Params, flip: bool = False) -> list[tuple[tuple[int, int], list[Number]]]:
    """For every requested entry, the per-channel window sums of filter 0."""
    X, Wt, _, s, (ph, pw) = _data(params)
    kernels = [rot180(K) if flip else K for K in Wt]
    out = []
    for i, j in _entries(params, _shape(X, Wt, s, (ph, pw))):
        out.append(((i, j), [dot_2d(Xc, K, window_cells(Xc, K, s, (ph, pw), i, j)) for Xc, K in zip(X, kernels)]))
    return out


def _per_entry(params: Params, combine) -> dict:
    return {label: exact(combine(sums)) for label, (_, sums) in zip(_labels(params), _channel_sums(params))}


def _solve(params: Params) -> dict:
    X, Wt, filters, s, pad = _data(params)
    oh, ow = _shape(X, Wt, s, pad)
    answers: dict = {"a": (len(Wt), len(Wt[0]), len(Wt[0][0])), "b": (filters, oh, ow)}
    answers.update(_per_entry(params, lambda sums: sum(sums)))
    return answers


def _steps(params: Params) -> dict:
    X, Wt, filters, s, (ph, pw) = _data(params)
    C, H, W, kh, kw = len(X), len(X[0]), len(X[0][0]), len(Wt[0]), len(Wt[0][0])
    oh, ow = _shape(X, Wt, s, (ph, pw))
    entries = []
    for label, (i, j) in zip(_labels(params), _entries(params, (oh, ow))):
        channels = []
        for c in range(C):
            cells = window_cells(X[c], Wt[c], s, (ph, pw), i, j)
            channels.append({"c": c, "terms": terms(X[c], Wt[c], cells), "sum": dot_2d(X[c], Wt[c], cells)})
        entries.append({"label": label, "i": i, "j": j, "top": i * s - ph, "left": j * s - pw,
                        "bottom": i * s - ph + kh - 1, "right": j * s - pw + kw - 1,
                        "channels": channels, "result": exact(sum(ch["sum"] for ch in channels))})
    return {
        "X": tuple(frozen(ch) for ch in X), "weight": tuple(frozen(ch) for ch in Wt),
        "C": C, "H": H, "W": W, "kh": kh, "kw": kw, "s": s, "ph": ph, "pw": pw, "F": filters,
        "square": kh == kw and ph == pw and H == W,
        "num": (H + 2 * ph - kh, W + 2 * pw - kw),
        "out": (oh, ow),
        "padding_word": params.get("padding") if isinstance(params.get("padding"), str) else None,
        "entries": entries,
    }


def _channel_forgotten(params: Params) -> dict:
    X, Wt, _, s, pad = _data(params)
    return {"a": (len(Wt[0]), len(Wt[0][0])), "b": _shape(X, Wt, s, pad)}


def _first_channel(params: Params) -> dict:
    if len(params["X"]) < 2:
        return {}
    return _per_entry(params, lambda sums: sums[0])


def _averaged(params: Params) -> dict:
    if len(params["X"]) < 2:
        return {}
    return _per_entry(params, lambda sums: Fraction(sum(sums), len(sums)))


def _flipped(params: Params) -> dict:
    _, Wt, _, _, _ = _data(params)
    if all(symmetric(K) for K in Wt):
        return {}
    return {label: exact(sum(sums)) for label, (_, sums) in zip(_labels(params), _channel_sums(params, flip=True))}


def _plus_one(params: Params) -> dict:
    X, Wt, filters, s, (ph, pw) = _data(params)
    oh, ow = _shape(X, Wt, s, (ph, pw))
    return {"b": (filters, oh - 1, ow - 1)}


def _sample(rng: Rng, difficulty: str) -> Params:
    H, W, k, s, p, padding = sample_geometry(rng, difficulty, 5)
    C = {"easy": rng.integer(1, 2), "medium": 2, "hard": rng.integer(2, 3)}[difficulty]
    filters = rng.choice({"easy": (2, 3, 4), "medium": (4, 8, 16), "hard": (8, 16, 32, 64)}[difficulty])
    lo, hi = {"easy": (0, 5), "medium": (-2, 5), "hard": (-3, 5)}[difficulty]
    X = [[[rng.integer(lo, hi) for _ in range(W)] for _ in range(H)] for _ in range(C)]
    weight = [random_kernel(rng, k, rational=False) for _ in range(C)]
    if difficulty == "easy":
        entries = [list(e) for e in _DEFAULT_ENTRIES]
    else:
        oh, ow = out_size(H, k, s, p), out_size(W, k, s, p)
        count = 2 if difficulty == "medium" else 3
        entries = [[q // ow, q % ow] for q in sorted(rng.distinct(0, oh * ow - 1, count))]
    return {"X": X, "weight": weight, "filters": filters, "padding": padding, "stride": s, "entries": entries}


MISCONCEPTIONS = (
    Misconception(
        "channel-dimension-forgotten",
        "A filter spans all input channels, so its shape is (C_in, K, K), and the output has one channel "
        "per filter: (F, H', W').",
        _channel_forgotten,
        silent_when_right=True,
    ),
    Misconception(
        "flipped-kernel",
        FLIP_FEEDBACK,
        _flipped,
        silent_when_right=True,
    ),
    Misconception(
        "first-channel-only",
        "You used input channel 0 only; an output entry sums the window products over every input channel.",
        _first_channel,
        silent_when_right=True,
    ),
    Misconception(
        "channels-averaged",
        "You averaged the channels' contributions; a convolution adds them up, with no division by C_in.",
        _averaged,
        silent_when_right=True,
    ),
    Misconception(
        "forgot-plus-one",
        PLUS_ONE_FEEDBACK,
        _plus_one,
        silent_when_right=True,
    ),
)

MULTI_CHANNEL = Kind(
    id="conv2d.multi-channel",
    version=1,
    title="2-D convolution over several input channels",
    params=(
        Param("X", "tensor C_in x H x W", "the input, channels first"),
        Param("weight", "tensor C_in x K x K", "filter 0: one kernel per input channel"),
        Param("filters", "int", "number of filters F, the output channels"),
    ) + MATRIX_GEOMETRY_PARAMS + (
        Param("entries", "list of [i, j]", "0-based entries Z[0, i, j] to compute", default=_DEFAULT_ENTRIES,
              drawn=True),
    ),
    parts=_parts,
    sample=redrawing(_sample, _solve, MISCONCEPTIONS, _labels),
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    misconceptions=MISCONCEPTIONS,
    first_claims=True,
)


#: Version 2: no two asked entries with the same value, so copying one earns nothing (issue 14).
MULTI_CHANNEL_V2 = dataclasses.replace(MULTI_CHANNEL, version=2, sample=not_degenerate(MULTI_CHANNEL.sample, _solve))
