"""conv1d.entries: output entries of a 1D convolution as sums of k_j x_i."""

from __future__ import annotations

from typing import Any

from ..core.sizes import out_size
from ..core.windows import real_cells, window_1d
from ..model import Kind, Misconception, Param, ParamError, Params, Part
from ..rng import Rng
from .geometry import GEOMETRY_PARAMS, MAX_SYMBOLIC, geometry, length_steps, output_expression, sample_geometry
from .mistakes import (FLIP_FEEDBACK, NO_FLOOR_FEEDBACK, ONE_SIDE_FEEDBACK, PLUS_ONE_FEEDBACK, SHIFT_FEEDBACK,
                       STRIDE_FEEDBACK, length_misconception)

_LABELS = "bcdefghijklmnopqrstuvwxyz"


def _geometry(params: Params) -> tuple[int, int, int, int, int]:
    return geometry(params, max_n=MAX_SYMBOLIC, all_padding_ok=False)


def default_positions(m: int) -> list[int]:
    """First, second and last output, without repeats when m < 3."""
    out: list[int] = []
    for i in (1, 2, m):
        if 1 <= i <= m and i not in out:
            out.append(i)
    return out


def _positions(params: Params, m: int) -> list[int]:
    value = params.get("positions")
    if value is None:
        return default_positions(m)
    if not isinstance(value, list) or not value:
        raise ParamError("param 'positions' must be a non-empty list of 1-based output indices, such as [1, 2, 5].")
    if len(value) > len(_LABELS):
        raise ParamError(f"param 'positions' may list at most {len(_LABELS)} outputs, not {len(value)}.")
    out: list[int] = []
    for v in value:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != int(v):
            raise ParamError(f"param 'positions' must hold whole numbers, not {v!r}.")
        v = int(v)
        if not 1 <= v <= m:
            raise ParamError(f"position {v} is not an output index: the output y1..y{m} has length {m}, "
                             f"and positions are 1-based.")
        if v in out:
            raise ParamError(f"param 'positions' lists position {v} twice.")
        out.append(v)
    return out


def _symbols(n: int, k: int) -> list[str]:
    return [f"x{i}" for i in range(1, n + 1)] + [f"k{j}" for j in range(1, k + 1)]


def _parts(params: Params) -> tuple[Part, ...]:
    n, k, s, left, right = _geometry(params)
    m = out_size(n, k, s, left, after=right)
    symbols = _symbols(n, k)
    parts = [Part("a", "The output length $m$.", "integer")]
    for label, i in zip(_LABELS, _positions(params, m)):
        parts.append(Part(label, f"$y_{{{i}}}$ in terms of the $x_i$ and $k_j$.", "expression",
                          options={"symbols": symbols}))
    return tuple(parts)


def _validate(params: Params) -> None:
    n, k, s, left, right = _geometry(params)
    _positions(params, out_size(n, k, s, left, after=right))


def _answers(params: Params, *, flip: bool = False, shift: int = 0) -> dict:
    n, k, s, left, right = _geometry(params)
    m = out_size(n, k, s, left, after=right)
    answers: dict[str, Any] = {}
    for label, i in zip(_LABELS, _positions(params, m)):
        answers[label] = output_expression(window_1d(n, k, s, left, i - 1, shift=shift), flip=flip)
    return answers


def _solve(params: Params) -> dict:
    n, k, s, left, right = _geometry(params)
    return {"a": out_size(n, k, s, left, after=right), **_answers(params)}


def _steps(params: Params) -> dict:
    n, k, s, left, right = _geometry(params)
    m = out_size(n, k, s, left, after=right)
    windows = []
    for label, i in zip(_LABELS, _positions(params, m)):
        cells = [None if c is None else c + 1 for c in window_1d(n, k, s, left, i - 1)]  # 1-based, as shown
        windows.append({
            "label": label, "i": i, "start": (i - 1) * s + 1,
            "terms": [{"j": j + 1, "x": c} for j, c in enumerate(cells)],
            "real": [{"j": j + 1, "x": c} for j, c in enumerate(cells) if c is not None],
            "has_padding": None in cells,
        })
    return {**length_steps(params, n, k, s, left, right), "m": m, "padded_length": n + left + right,
            "windows": windows}


def _effort(params: Params) -> dict[str, int]:
    """A product term written per real cell of each asked window."""
    n, k, s, left, right = _geometry(params)
    m = out_size(n, k, s, left, after=right)
    return {label: real_cells(n, k, s, left, i - 1) for label, i in zip(_LABELS, _positions(params, m))}


def _flipped(params: Params) -> dict:
    return {} if int(params["k"]) == 1 else _answers(params, flip=True)


def _sample(rng: Rng, difficulty: str) -> Params:
    """The geometry, with ``positions`` null: the default first, second and last output.

    Null rather than a drawn list, so that staff who pass their own n, k, padding or stride with
    --params get the default positions of their geometry, not positions drawn for another one.
    """
    params = sample_geometry(rng, difficulty, hard_n=(9, 14))
    params["positions"] = None
    return params


ENTRIES = Kind(
    id="conv1d.entries",
    version=1,
    title="Entries of a 1D convolution, symbolically",
    params=GEOMETRY_PARAMS + (
        Param("positions", "list of int or null", "1-based outputs to write out; null: the first, second and last",
              default=None),
    ),
    parts=_parts,
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    first_claims=True,
    misconceptions=(
        Misconception("flipped-kernel", FLIP_FEEDBACK, _flipped),
        Misconception("window-shift", SHIFT_FEEDBACK, lambda p: _answers(p, shift=1)),
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, length_misconception("forgot-plus-one")),
        Misconception("padding-one-side", ONE_SIDE_FEEDBACK, length_misconception("padding-one-side")),
        Misconception("no-floor", NO_FLOOR_FEEDBACK, length_misconception("no-floor")),
        Misconception("stride-ignored", STRIDE_FEEDBACK, length_misconception("stride-ignored")),
    ),
)
