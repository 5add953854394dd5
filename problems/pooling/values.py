"""What pooling.max-values and pooling.avg-values share: params, sampling, steps and mistakes."""

from __future__ import annotations

from typing import Any, Callable

from .. import params as P
from ..core.numbers import exact, frozen
from ..core.windows import padded_2d
from ..model import Misconception, Param, Params, Part, fixed_parts
from ..rng import Rng
from .windows import (WINDOW_PARAMS, cell_values, check_geometry, distinct_matrix, fit_geometry, has_tie, out_shape,
                      read_padding, sample_geometry, values_data, window)


def validate_values(params: Params) -> None:
    X = P.matrix(params, "X")
    kernel = P.integer(params, "kernel", low=1, high=P.MAX_SIDE)
    P.integer(params, "stride", low=1, high=P.MAX_SIDE)
    check_geometry(X, kernel, read_padding(params))


def values_sample(distinct: bool, fit: bool = False):
    """The sampler of a value kind; ``fit``: the one that draws to fit hand-given params (Kind.fit)."""

    def sample(rng: Rng, difficulty: str, given: Params | None = None) -> Params:
        if fit:
            H, W, kernel, stride, padding = fit_geometry(rng, difficulty, True, given or {})
        else:
            H, W, kernel, stride, padding = sample_geometry(rng, difficulty, padded=True)
        if distinct:
            X = distinct_matrix(rng, H, W, difficulty)
        else:
            lo, hi = (0, 9) if difficulty == "easy" else (-9, 9)
            X = [[rng.integer(lo, hi) for _ in range(W)] for _ in range(H)]
        return {"X": X, "kernel": kernel, "stride": stride, "padding": padding}

    return sample


VALUE_PARAMS = WINDOW_PARAMS + (Param("padding", "int", "zeros on each side, at most half the window", default=0,
                                      drawn=True),)

VALUE_PARTS = fixed_parts(
    Part("a", "The output shape $(H', W')$.", "shape"),
    Part("b", "The output matrix $Y$.", "matrix", points=2),
)


def values_steps(pooled: Callable[[list[Any], int], dict], fill: Any, ties: bool):
    """Steps with the windows of every output entry, row by row.

    ``pooled(values, k)`` says what a window's entries (``fill`` on padded cells) pool to, as
    the kind's template shows it; ``ties`` whether the statement must say how a tie is broken.
    """

    def steps(params: Params) -> dict:
        X, k, s, p = values_data(params)
        rows, cols = out_shape(X, k, s, p)
        out_rows = []
        for i in range(rows):
            line = []
            for j in range(cols):
                values = cell_values(X, window(X, k, s, p, i, j), fill)
                line.append({"i": i, "j": j, "values": values, **pooled(values, k)})
            out_rows.append(line)
        padded = [[exact(v) for v in row] for row in padded_2d(X, (p, p), fill=fill)] if p else None
        return {
            "X": frozen(X),
            "H": len(X), "W": len(X[0]), "k": k, "s": s, "p": p, "area": k * k,
            "num": (len(X) + 2 * p - k, len(X[0]) + 2 * p - k),
            "out": (rows, cols),
            "padded": padded,
            "windows": out_rows,
            "has_tie": ties and has_tie(X, k, s, p),
        }

    return steps


def stride_as_kernel(pool) -> Misconception:
    """Slid the window by its own size: the shape (silent where it comes out the same) and the values."""

    def solve(params: Params) -> dict:
        X, k, s, p = values_data(params)
        return {} if s == k else {"a": out_shape(X, k, k, p), "b": pool(X, k, k, p)}

    return Misconception("stride-as-kernel", STRIDE_FEEDBACK, solve, silent_when_right=("a",))


def forgot_plus_one(params: Params) -> dict:
    X, k, s, p = values_data(params)
    rows, cols = out_shape(X, k, s, p)
    return {"a": (rows - 1, cols - 1)}


STRIDE_FEEDBACK = ("You slid the window by its own size, as if the stride were equal to the kernel; "
                   "move it by the given stride, so windows may overlap or skip entries.")
PLUS_ONE_FEEDBACK = ("You left out the +1 in floor((n + 2p - k) / s) + 1: "
                     "the first window, at position 0, counts too.")
