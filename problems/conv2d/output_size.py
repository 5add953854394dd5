"""conv2d.output-size: the spatial size of a 2-D convolution's output (kernel, padding, stride, dilation)."""

from __future__ import annotations

import dataclasses

from ..core.sizes import check_fits, out_size
from ..model import Kind, Misconception, Param, Params, Part, fixed_parts, redrawing, hand_sized
from ..rng import Rng
from .axes import AXES_PARAMS, mistake_where, per_axis, read_axes
from .mistakes import stride_first


def _data(params: Params):
    """(H, W), (kh, kw), (ph, pw), (sh, sw), (dh, dw) of validated params."""
    return read_axes(params, "dilation", low=1, default=1)


def _size(n: int, k: int, s: int, p: int, d: int) -> int:
    return out_size(n, k, s, p, d)


def _validate(params: Params) -> None:
    n, k, p, _, d = _data(params)
    check_fits(n[0], k[0], p[0], dilation=d[0], what="input height")
    check_fits(n[1], k[1], p[1], dilation=d[1], what="input width")


def _solve(params: Params) -> dict:
    return {"a": per_axis(_data(params), _size)}


def _steps(params: Params) -> dict:
    n, k, p, s, d = _data(params)
    dims = []
    for x, name in enumerate(("H", "W")):
        span = d[x] * (k[x] - 1) + 1
        dims.append({"name": name, "n": n[x], "k": k[x], "p": p[x], "s": s[x], "d": d[x], "span": span,
                     "num": n[x] + 2 * p[x] - span, "out": out_size(n[x], k[x], s[x], p[x], d[x])})
    return {"dims": dims, "same": all(v[0] == v[1] for v in (n, k, p, s, d)),
            "kernel_pair": k[0] != k[1], "dilated": d != (1, 1)}


def _when(condition, size):
    return mistake_where(_data, _size, condition, size)


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        H = rng.integer(6, 32)
        return {"height": H, "width": H, "kernel": rng.choice((2, 3, 5)), "padding": 0, "stride": 1, "dilation": 1}
    if difficulty == "medium":
        H = rng.integer(12, 64)
        W = H if rng.coin() else rng.integer(12, 64)
        return {"height": H, "width": W, "kernel": rng.choice((3, 5)), "padding": rng.integer(0, 2),
                "stride": rng.integer(1, 2), "dilation": 1}
    H = rng.integer(28, 227)
    W = H if rng.coin() else rng.integer(28, 227)
    params: Params = {"height": H, "width": W}
    if rng.integer(0, 3) == 0:
        params["kernel"] = [rng.choice((1, 3, 5)), rng.choice((3, 5, 7))]
        params["padding"] = [rng.integer(0, 3), rng.integer(0, 3)]
    else:
        params["kernel"] = rng.choice((3, 5, 7, 11))
        params["padding"] = rng.integer(0, 3)
    params["stride"] = rng.integer(1, 4) if rng.integer(0, 3) else [rng.integer(1, 3), rng.integer(1, 3)]
    params["dilation"] = rng.integer(1, 3)
    return params


MISCONCEPTIONS = (
    Misconception(
        "dilation-ignored",
        "You ignored the dilation: a kernel of size k with dilation d spans d(k - 1) + 1 pixels, "
        "so subtract d(k - 1) + 1 rather than k.",
        _when(lambda n, k, s, p, d: d > 1 and k > 1, lambda n, k, s, p, d: out_size(n, k, s, p)),
        silent_when_right=True,
    ),
    Misconception(
        "forgot-plus-one",
        "You left out the +1 in floor((H + 2p - d(k - 1) - 1)/s) + 1: the first window position counts too.",
        _when(lambda *a: True, lambda n, k, s, p, d: out_size(n, k, s, p, d) - 1),
        silent_when_right=True,
    ),
    Misconception(
        "padding-once",
        "You added the padding once; it is added on both sides, so H + 2p.",
        _when(lambda n, k, s, p, d: p > 0, lambda n, k, s, p, d: out_size(n, k, s, p, d, after=0)),
        silent_when_right=True,
    ),
    Misconception(
        "stride-before-padding",
        "You divided by the stride before adding the padding; the padding widens the input first: "
        "floor((H + 2p - d(k - 1) - 1)/s) + 1.",
        _when(lambda n, k, s, p, d: s > 1 and p > 0 and n >= d * (k - 1) + 1, stride_first),
        silent_when_right=True,
    ),
)

OUTPUT_SIZE = Kind(
    id="conv2d.output-size",
    version=1,
    title="Output size of a 2-D convolution",
    params=AXES_PARAMS + (Param("dilation", "int or [dh, dw]", "spacing of the kernel entries", default=1, drawn=True),),
    parts=fixed_parts(Part("a", "The spatial size $(H', W')$ of the output.", "shape")),
    sample=redrawing(_sample, _solve, MISCONCEPTIONS, validate=_validate),
    validate=_validate,
    solve=_solve,
    steps=_steps,
    misconceptions=MISCONCEPTIONS,
    first_claims=True,
)


def _padded_or_strided(params: Params) -> bool:
    """Some padding or a stride above 1 along an axis: what a size problem is there to practise."""
    _, _, p, s, _ = _data(params)
    return max(p) > 0 or max(s) > 1


#: Version 2: every hard problem is padded or strided (issue 14).
OUTPUT_SIZE_V2 = dataclasses.replace(OUTPUT_SIZE, version=2, teaches=_padded_or_strided,
                                     sample=hand_sized(OUTPUT_SIZE.sample, None, _padded_or_strided))
