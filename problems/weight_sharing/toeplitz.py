"""weight-sharing.toeplitz: a 1D convolution written as the matrix K of y = K x.

The 1D conventions (padding as an int per side, "valid" or PyTorch's "same"; 1-based x1..xn,
k1..kk, y1..ym) are those of ``conv1d``. K maps the unpadded input x (length n) to y = K x, so
padded zeros get no column: their kernel entries simply drop out of the row.
"""

from __future__ import annotations

from typing import Any

from ..conv1d.geometry import GEOMETRY_PARAMS, geometry, length_steps, output_expression, sample_geometry
from ..conv1d.mistakes import PLUS_ONE_FEEDBACK, SHIFT_FEEDBACK
from ..core.sizes import out_size
from ..core.windows import covered, window_1d
from ..model import Kind, Misconception, Params, Part
from ..rng import Rng

MAX_TOEPLITZ = 24


def _geometry(params: Params) -> tuple[int, int, int, int, int]:
    return geometry(params, max_n=MAX_TOEPLITZ, all_padding_ok=False)


def _sample(rng: Rng, difficulty: str) -> Params:
    # At most 10 columns: LaTeX's bmatrix holds 10 columns unless MaxMatrixCols is raised.
    params = sample_geometry(rng, difficulty, hard_n=(8, 10), medium_n=(6, 10))
    if params["padding"] == 0 and rng.coin():
        params["padding"] = "valid"
    return params


def _toeplitz(n: int, k: int, s: int, left: int, m: int, *, flip: bool = False, shift: int = 0) -> tuple:
    """K (m x n) with K[i][t] = the kernel symbol that multiplies x_{t+1} in y_{i+1}, else 0."""
    import sympy

    rows = []
    for i in range(m):
        row: list[Any] = [sympy.Integer(0)] * n
        for j, t in enumerate(window_1d(n, k, s, left, i, shift=shift)):
            if t is not None:
                row[t] = sympy.Symbol(f"k{k - j if flip else j + 1}")
        rows.append(tuple(row))
    return tuple(rows)


def _parts(params: Params) -> tuple[Part, ...]:
    k = int(params["k"])
    return (
        Part("a", "The shape of $K$, as (rows, columns).", "shape"),
        Part("b", "The matrix $K$, with entries $k_j$ and $0$.", "expression-matrix", points=2,
             options={"symbols": [f"k{j}" for j in range(1, k + 1)]}),
    )


def _effort(params: Params) -> dict[str, int]:
    """A kernel symbol placed per (row, real tap); the zeros come free."""
    n, k, s, left, right = _geometry(params)
    return {"b": covered(n, k, s, left, out_size(n, k, s, left, after=right))}


def _validate(params: Params) -> None:
    _geometry(params)


def _solve(params: Params) -> dict:
    n, k, s, left, right = _geometry(params)
    m = out_size(n, k, s, left, after=right)
    return {"a": (m, n), "b": _toeplitz(n, k, s, left, m)}


def _steps(params: Params) -> dict:
    n, k, s, left, right = _geometry(params)
    m = out_size(n, k, s, left, after=right)
    rows = []
    for i in range(1, m + 1):
        cells = window_1d(n, k, s, left, i - 1)
        rows.append({"i": i, "start": (i - 1) * s + 1, "expr": output_expression(cells),
                     "dropped": [j + 1 for j, t in enumerate(cells) if t is None]})
    return {**length_steps(params, n, k, s, left, right), "m": m, "rows": rows}


def _flipped(params: Params) -> dict:
    n, k, s, left, right = _geometry(params)
    if k == 1:
        return {}
    return {"b": _toeplitz(n, k, s, left, out_size(n, k, s, left, after=right), flip=True)}


def _padding_columns(params: Params) -> dict:
    """K acting on the padded input: the same rows, with a column for every padded zero too."""
    n, k, s, left, right = _geometry(params)
    if not left + right:
        return {}
    m = out_size(n, k, s, left, after=right)
    width = n + left + right
    return {"a": (m, width), "b": _toeplitz(width, k, s, 0, m)}


def _transposed(params: Params) -> dict:
    n, k, s, left, right = _geometry(params)
    m = out_size(n, k, s, left, after=right)
    K = _toeplitz(n, k, s, left, m)
    wrong: dict[str, Any] = {"b": tuple(zip(*K))}
    if m != n:
        wrong["a"] = (n, m)
    return wrong


def _forgot_plus_one(params: Params) -> dict:
    n, k, s, left, right = _geometry(params)
    m = out_size(n, k, s, left, after=right)
    return {"a": (m - 1, n)} if m > 1 else {}


def _shift(params: Params) -> dict:
    n, k, s, left, right = _geometry(params)
    return {"b": _toeplitz(n, k, s, left, out_size(n, k, s, left, after=right), shift=1)}


TOEPLITZ = Kind(
    id="weight-sharing.toeplitz",
    version=1,
    title="A 1D convolution as a matrix",
    params=GEOMETRY_PARAMS,
    parts=_parts,
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    first_claims=True,
    misconceptions=(
        Misconception("flipped-kernel", "You flipped the kernel, so every row runs backwards: deep-learning "
                      "convolution is cross-correlation, and k1 sits leftmost in each row.", _flipped),
        Misconception("padding-as-columns", "You gave the padded zeros their own columns; K multiplies the "
                      "unpadded x, so it has n columns and kernel entries that meet padding drop out.",
                      _padding_columns),
        Misconception("transposed", "You wrote the transpose: y = K x needs one row per output y_i and one "
                      "column per input x_j, so K is m x n.", _transposed),
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, _forgot_plus_one),
        Misconception("window-shift", SHIFT_FEEDBACK, _shift),
    ),
)
