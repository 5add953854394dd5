"""conv2d.transposed-output-size: the spatial size of a transposed 2-D convolution's output."""

from __future__ import annotations

from ..core.sizes import out_size, transposed_out_size
from ..model import Kind, Misconception, Param, ParamError, Params, Part, fixed_parts, redrawing
from ..rng import Rng
from .axes import AXES_PARAMS, mistake_where, per_axis, read_axes


def _data(params: Params):
    """(H, W), (kh, kw), (ph, pw), (sh, sw), (output padding h, w) of validated params."""
    return read_axes(params, "output_padding", low=0, default=0)


def _validate(params: Params) -> None:
    n, k, p, s, op = _data(params)
    for x, side in enumerate(("height", "width")):
        if op[x] >= s[x]:
            raise ParamError(f"output_padding {op[x]} must be smaller than the stride {s[x]}, as PyTorch requires.")
        if transposed_out_size(n[x], k[x], s[x], p[x], op[x]) < 1:
            raise ParamError(f"padding {p[x]} is too large: it would crop the output {side} to nothing.")


def _solve(params: Params) -> dict:
    return {"a": per_axis(_data(params), transposed_out_size)}


def _steps(params: Params) -> dict:
    n, k, p, s, op = _data(params)
    dims = [{"name": name, "n": n[x], "k": k[x], "p": p[x], "s": s[x], "op": op[x],
             "stretched": (n[x] - 1) * s[x], "out": transposed_out_size(n[x], k[x], s[x], p[x], op[x])}
            for x, name in enumerate(("H", "W"))]
    return {"dims": dims, "same": all(v[0] == v[1] for v in (n, k, p, s, op))}


def _when(condition, size):
    return mistake_where(_data, transposed_out_size, condition, size)


def _forward(params: Params) -> dict:
    n, k, p, s, _ = _data(params)
    if any(n[x] + 2 * p[x] < k[x] for x in (0, 1)):
        return {}
    return {"a": per_axis(_data(params), lambda n, k, s, p, op: out_size(n, k, s, p))}


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        H = rng.integer(3, 16)
        return {"height": H, "width": H, "kernel": rng.choice((2, 3, 4)), "padding": 0, "stride": 2,
                "output_padding": 0}
    if difficulty == "medium":
        H = rng.integer(4, 32)
        W = H if rng.coin() else rng.integer(4, 32)
        s = rng.integer(1, 2)
        return {"height": H, "width": W, "kernel": rng.choice((2, 3, 4)), "padding": rng.integer(0, 1),
                "stride": s, "output_padding": rng.integer(0, s - 1)}
    H = rng.integer(4, 64)
    W = H if rng.coin() else rng.integer(4, 64)
    s = rng.integer(2, 4)
    params: Params = {"height": H, "width": W, "kernel": rng.choice((3, 4, 5, 7)), "padding": rng.integer(0, 3),
                      "stride": s, "output_padding": rng.integer(0, s - 1)}
    if rng.integer(0, 3) == 0:
        sh, sw = rng.integer(1, 3), rng.integer(2, 4)
        params["stride"] = [sh, sw]
        params["output_padding"] = [rng.integer(0, sh - 1), rng.integer(0, sw - 1)]
        params["kernel"] = [rng.choice((1, 3)), rng.choice((3, 4, 5))]
    return params


MISCONCEPTIONS = (
    Misconception(
        "forward-formula",
        "You used the output size of an ordinary convolution; a transposed convolution goes the other way: "
        "(H - 1)s - 2p + k + output_padding.",
        _forward,
        silent_when_right=True,
    ),
    Misconception(
        "forgot-output-padding",
        "You left out output_padding, which adds that many rows and columns to one side of the output.",
        _when(lambda n, k, s, p, op: op > 0, lambda n, k, s, p, op: transposed_out_size(n, k, s, p, 0)),
        silent_when_right=True,
    ),
    Misconception(
        "padding-added",
        "You added the padding; in a transposed convolution padding p removes p rows and columns "
        "from each side of the output, so subtract 2p.",
        _when(lambda n, k, s, p, op: p > 0, lambda n, k, s, p, op: (n - 1) * s + 2 * p + k + op),
        silent_when_right=True,
    ),
)

TRANSPOSED_OUTPUT_SIZE = Kind(
    id="conv2d.transposed-output-size",
    version=1,
    title="Output size of a transposed 2-D convolution",
    params=AXES_PARAMS + (
        Param("output_padding", "int or [h, w]", "rows and columns added to one side of the output"),
    ),
    parts=fixed_parts(Part("a", "The spatial size $(H', W')$ of the output.", "shape")),
    sample=redrawing(_sample, _solve, MISCONCEPTIONS, validate=_validate),
    validate=_validate,
    solve=_solve,
    steps=_steps,
    misconceptions=MISCONCEPTIONS,
    first_claims=True,
)
