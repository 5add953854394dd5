"""weight-sharing: a convolution as a matrix, and what sharing one kernel saves.

The 1D conventions (padding as an int per side, "valid" or PyTorch's "same"; 1-based x1..xn,
k1..kk, y1..ym) are those of ``conv1d``. The matrix K of ``weight-sharing.toeplitz`` maps the
unpadded input x (length n) to y = K x, so padded zeros get no column: their kernel entries simply
drop out of the row. Weight counts never include a bias.
"""

from __future__ import annotations

from typing import Any

from . import params as P
from .conv1d import (MAX_LENGTH, PLUS_ONE_FEEDBACK, SHIFT_FEEDBACK, check_fits, distinct_mistakes, geometry,
                     out_length, padding_phrase_data, padding_sides, sample_geometry, window_cells)
from .model import Kind, Misconception, Params, Part, fixed_parts
from .rng import Rng

MAX_TOEPLITZ = 24

# ---- weight-sharing.toeplitz -----------------------------------------------------------


def _tp_geometry(params: Params) -> tuple[int, int, int, int, int]:
    return geometry(params, max_n=MAX_TOEPLITZ, all_padding_ok=False)


def _tp_sample(rng: Rng, difficulty: str) -> Params:
    # At most 10 columns: LaTeX's bmatrix holds 10 columns unless MaxMatrixCols is raised.
    params = sample_geometry(rng, difficulty, hard_n=(8, 10), medium_n=(6, 10))
    if params["padding"] == 0 and rng.coin():
        params["padding"] = "valid"
    return params


def _toeplitz(n: int, k: int, s: int, left: int, m: int, *, flip: bool = False, shift: int = 0) -> tuple:
    """K (m x n) with K[i][c] = the kernel symbol that multiplies x_{c+1} in y_{i+1}, else 0."""
    import sympy

    rows = []
    for i in range(1, m + 1):
        row: list[Any] = [sympy.Integer(0)] * n
        for j, c in enumerate(window_cells(n, k, s, left, i, shift)):
            if c is not None:
                row[c - 1] = sympy.Symbol(f"k{k - j if flip else j + 1}")
        rows.append(tuple(row))
    return tuple(rows)


def _tp_parts(params: Params) -> tuple[Part, ...]:
    k = int(params["k"])
    return (
        Part("a", "The shape of $K$, as (rows, columns).", "shape"),
        Part("b", "The matrix $K$, with entries $k_j$ and $0$.", "expression-matrix", points=2,
             options={"symbols": [f"k{j}" for j in range(1, k + 1)]}),
    )


def _tp_validate(params: Params) -> None:
    _tp_geometry(params)


def _tp_solve(params: Params) -> dict:
    n, k, s, left, right = _tp_geometry(params)
    m = out_length(n, k, s, left, right)
    return {"a": (m, n), "b": _toeplitz(n, k, s, left, m)}


def _tp_steps(params: Params) -> dict:
    import sympy

    n, k, s, left, right = _tp_geometry(params)
    m = out_length(n, k, s, left, right)
    rows = []
    for i in range(1, m + 1):
        cells = window_cells(n, k, s, left, i)
        real = [(j + 1, c) for j, c in enumerate(cells) if c is not None]
        expr = sympy.Add(*[sympy.Symbol(f"k{j}") * sympy.Symbol(f"x{c}") for j, c in real])
        rows.append({"i": i, "start": (i - 1) * s + 1, "expr": expr,
                     "dropped": [j + 1 for j, c in enumerate(cells) if c is None]})
    num = n + left + right - k
    return {"pad": padding_phrase_data(params, k, left, right), "numerator": num, "floor": num // s,
            "exact": num % s == 0, "m": m, "rows": rows}


def _tp_flipped(params: Params) -> dict:
    n, k, s, left, right = _tp_geometry(params)
    if k == 1:
        return {}
    return {"b": _toeplitz(n, k, s, left, out_length(n, k, s, left, right), flip=True)}


def _tp_padding_columns(params: Params) -> dict:
    """K acting on the padded input: the same rows, with a column for every padded zero too."""
    n, k, s, left, right = _tp_geometry(params)
    if not left + right:
        return {}
    m = out_length(n, k, s, left, right)
    width = n + left + right
    return {"a": (m, width), "b": _toeplitz(width, k, s, 0, m)}


def _tp_transposed(params: Params) -> dict:
    n, k, s, left, right = _tp_geometry(params)
    m = out_length(n, k, s, left, right)
    K = _toeplitz(n, k, s, left, m)
    wrong: dict[str, Any] = {"b": tuple(zip(*K))}
    if m != n:
        wrong["a"] = (n, m)
    return wrong


def _tp_forgot_plus_one(params: Params) -> dict:
    n, k, s, left, right = _tp_geometry(params)
    m = out_length(n, k, s, left, right)
    return {"a": (m - 1, n)} if m > 1 else {}


def _tp_shift(params: Params) -> dict:
    n, k, s, left, right = _tp_geometry(params)
    return {"b": _toeplitz(n, k, s, left, out_length(n, k, s, left, right), shift=1)}


TOEPLITZ = Kind(
    id="weight-sharing.toeplitz",
    version=1,
    title="A 1D convolution as a matrix",
    parts=_tp_parts,
    sample=_tp_sample,
    validate=_tp_validate,
    solve=_tp_solve,
    steps=_tp_steps,
    misconceptions=distinct_mistakes(
        Misconception("flipped-kernel", "You flipped the kernel, so every row runs backwards: deep-learning "
                      "convolution is cross-correlation, and k1 sits leftmost in each row.", _tp_flipped),
        Misconception("padding-as-columns", "You gave the padded zeros their own columns; K multiplies the "
                      "unpadded x, so it has n columns and kernel entries that meet padding drop out.",
                      _tp_padding_columns),
        Misconception("transposed", "You wrote the transpose: y = K x needs one row per output y_i and one "
                      "column per input x_j, so K is m x n.", _tp_transposed),
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, _tp_forgot_plus_one),
        Misconception("window-shift", SHIFT_FEEDBACK, _tp_shift),
    ),
)


# ---- weight-sharing.no-sharing ---------------------------------------------------------


def _ns_sample(rng: Rng, difficulty: str) -> Params:
    return sample_geometry(rng, difficulty, hard_n=(16, 64))


def _ns_validate(params: Params) -> None:
    geometry(params)


def _ns_counts(params: Params) -> tuple[int, int, int, int, int]:
    n, k, s, left, right = geometry(params)
    return n, k, s, left + right, out_length(n, k, s, left, right)


def _ns_solve(params: Params) -> dict:
    n, k, s, pad, m = _ns_counts(params)
    return {"a": k, "b": m * k, "c": m * n}


def _ns_steps(params: Params) -> dict:
    n, k, s, left, right = geometry(params)
    num = n + left + right - k
    return {"pad": padding_phrase_data(params, k, left, right), "numerator": num, "floor": num // s,
            "exact": num % s == 0, "m": out_length(n, k, s, left, right)}


def _ns_sharing_forgotten(params: Params) -> dict:
    n, k, s, pad, m = _ns_counts(params)
    return {"a": m * k} if m > 1 else {}


def _ns_outputs_as_n(params: Params) -> dict:
    n, k, s, pad, m = _ns_counts(params)
    return {"b": n * k, "c": n * n} if m != n else {}


def _ns_padding_inputs(params: Params) -> dict:
    n, k, s, pad, m = _ns_counts(params)
    return {"c": m * (n + pad)} if pad else {}


def _ns_forgot_plus_one(params: Params) -> dict:
    n, k, s, pad, m = _ns_counts(params)
    return {"b": (m - 1) * k, "c": (m - 1) * n} if m > 1 else {}


def _ns_stride_ignored(params: Params) -> dict:
    n, k, s, pad, m = _ns_counts(params)
    if s == 1:
        return {}
    m1 = n + pad - k + 1
    return {"b": m1 * k, "c": m1 * n}


NO_SHARING = Kind(
    id="weight-sharing.no-sharing",
    version=1,
    title="What weight sharing saves in 1D",
    parts=fixed_parts(
        Part("a", "The number of weights of the convolution, which shares one kernel across all outputs.",
             "integer"),
        Part("b", "The number of weights when every output position has its own kernel of the same size.",
             "integer"),
        Part("c", "The number of weights of a dense layer from the $n$ inputs to the same outputs.", "integer"),
    ),
    sample=_ns_sample,
    validate=_ns_validate,
    solve=_ns_solve,
    steps=_ns_steps,
    misconceptions=distinct_mistakes(
        Misconception("sharing-forgotten", "With weight sharing every output uses the same k weights, so the "
                      "convolution has k weights however long the output is.", _ns_sharing_forgotten),
        Misconception("outputs-as-n", "You took the output to be as long as the input; compute its length m "
                      "= floor((n + 2p - k) / s) + 1 first.", _ns_outputs_as_n),
        Misconception("padding-as-inputs", "You counted the padded zeros as inputs; the dense layer connects "
                      "the n real inputs only.", _ns_padding_inputs),
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, _ns_forgot_plus_one),
        Misconception("stride-ignored", "You ignored the stride: the window moves s positions at a time, so "
                      "there are only floor((n + 2p - k) / s) + 1 outputs.", _ns_stride_ignored),
    ),
)


# ---- weight-sharing.locally-connected-2d -----------------------------------------------


def _lc_sample(rng: Rng, difficulty: str) -> Params:
    while True:
        if difficulty == "easy":
            channels, filters = rng.integer(1, 3), rng.integer(2, 8)
            height = rng.integer(6, 16)
            width = height
            kernel, stride, padding = 3, 1, 0
        elif difficulty == "medium":
            channels, filters = rng.choice((1, 3, 3)), rng.choice((4, 8, 16))
            height = rng.integer(8, 32)
            width = height if rng.coin() else rng.integer(8, 32)
            kernel, stride = rng.choice((3, 5)), rng.integer(1, 2)
            padding = "same" if stride == 1 and rng.integer(0, 3) == 0 else rng.integer(0, kernel // 2)
        else:
            channels, filters = rng.choice((3, 8, 16, 32)), rng.choice((16, 32, 64, 128))
            height = rng.integer(16, 64)
            width = height if rng.coin() else rng.integer(16, 64)
            kernel, stride = rng.choice((3, 5, 7)), rng.integer(1, 3)
            padding = "same" if stride == 1 and rng.integer(0, 3) == 0 else rng.integer(0, kernel - 1)
        params = {"channels": channels, "height": height, "width": width, "filters": filters,
                  "kernel": kernel, "stride": stride, "padding": padding}
        h, w = _lc_out(params)
        if h >= 2 and w >= 2:
            return params


def _lc_geometry(params: Params) -> tuple[int, int, int, int, int, int, int, int]:
    """channels, height, width, filters, kernel, stride, left/top padding, right/bottom padding."""
    c = P.integer(params, "channels", low=1, high=MAX_LENGTH)
    h = P.integer(params, "height", low=1, high=MAX_LENGTH)
    w = P.integer(params, "width", low=1, high=MAX_LENGTH)
    f = P.integer(params, "filters", low=1, high=MAX_LENGTH)
    k = P.integer(params, "kernel", low=1, high=MAX_LENGTH)
    s = P.integer(params, "stride", low=1, high=MAX_LENGTH)
    before, after = padding_sides(params, k, s)
    check_fits(h, k, before, after, what="input height")
    check_fits(w, k, before, after, what="input width")
    return c, h, w, f, k, s, before, after


def _lc_out(params: Params, stride: int | None = None) -> tuple[int, int]:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    s = s if stride is None else stride
    return out_length(h, k, s, before, after), out_length(w, k, s, before, after)


def _lc_validate(params: Params) -> None:
    _lc_geometry(params)


def _lc_counts(c: int, h: int, w: int, f: int, k: int, oh: int, ow: int) -> dict:
    conv = f * c * k * k
    return {"a": conv, "b": conv * oh * ow, "c": (c * h * w) * (f * oh * ow)}


def _lc_solve(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    return _lc_counts(c, h, w, f, k, *_lc_out(params))


def _lc_steps(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    oh, ow = _lc_out(params)
    return {"pad": padding_phrase_data(params, k, before, after),
            "num_h": h + before + after - k, "num_w": w + before + after - k, "out_h": oh, "out_w": ow,
            "positions": oh * ow, "filter_weights": c * k * k, "in_features": c * h * w,
            "out_features": f * oh * ow}


def _lc_forgot_channels(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    if c == 1:
        return {}
    wrong = _lc_counts(1, h, w, f, k, *_lc_out(params))
    return {"a": wrong["a"], "b": wrong["b"]}


def _lc_forgot_plus_one(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    oh, ow = _lc_out(params)
    wrong = _lc_counts(c, h, w, f, k, oh - 1, ow - 1)
    return {"b": wrong["b"], "c": wrong["c"]}


def _lc_output_as_input(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    if _lc_out(params) == (h, w):
        return {}
    wrong = _lc_counts(c, h, w, f, k, h, w)
    return {"b": wrong["b"], "c": wrong["c"]}


def _lc_dense_square(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    return {"c": (c * h * w) ** 2}


def _lc_padding_inputs(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    if not before + after:
        return {}
    oh, ow = _lc_out(params)
    return {"c": (c * (h + before + after) * (w + before + after)) * (f * oh * ow)}


def _lc_stride_ignored(params: Params) -> dict:
    c, h, w, f, k, s, before, after = _lc_geometry(params)
    if s == 1:
        return {}
    wrong = _lc_counts(c, h, w, f, k, *_lc_out(params, stride=1))
    return {"b": wrong["b"], "c": wrong["c"]}


LOCALLY_CONNECTED_2D = Kind(
    id="weight-sharing.locally-connected-2d",
    version=1,
    title="Convolution, locally connected and dense layers compared",
    parts=fixed_parts(
        Part("a", "The number of weights of the convolutional layer.", "integer"),
        Part("b", "The number of weights of the locally connected layer.", "integer"),
        Part("c", "The number of weights of the dense layer.", "integer"),
    ),
    sample=_lc_sample,
    validate=_lc_validate,
    solve=_lc_solve,
    steps=_lc_steps,
    misconceptions=distinct_mistakes(
        Misconception("forgot-input-channels", "You forgot the input channels: every filter spans all C input "
                      "channels, so it has C times k times k weights.", _lc_forgot_channels),
        Misconception("forgot-plus-one", "You left out the +1 in floor((n + 2p - k) / s) + 1 when counting "
                      "output positions: the first window counts too.", _lc_forgot_plus_one),
        Misconception("output-as-input", "You used the input's height and width as the output's; the number "
                      "of output positions is H' times W', with H' = floor((H + 2p - k) / s) + 1.",
                      _lc_output_as_input),
        Misconception("dense-to-input-size", "You connected the flattened input to itself; the dense layer "
                      "maps the C H W inputs to the F H' W' outputs of the convolution.", _lc_dense_square),
        Misconception("padding-as-inputs", "You counted the padded zeros as inputs of the dense layer; it "
                      "connects the C H W real inputs only.", _lc_padding_inputs),
        Misconception("stride-ignored", "You ignored the stride when counting output positions: with stride s "
                      "there are floor((H + 2p - k) / s) + 1 rows of outputs, and likewise columns.",
                      _lc_stride_ignored),
    ),
)

KINDS = [TOEPLITZ, NO_SHARING, LOCALLY_CONNECTED_2D]
