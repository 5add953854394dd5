"""conv2d.output-size: the spatial size of a 2-D convolution's output (kernel, padding, stride, dilation)."""

from __future__ import annotations

from .. import params as P
from ..model import Kind, Misconception, Params, Part, fixed_parts, redrawing
from ..rng import Rng
from ..core.sizes import check_fits, out_size
from .common import MAX_SIZE


def _data(params: Params):
    """(H, W), (kh, kw), (ph, pw), (sh, sw), (dh, dw) of validated params."""
    H = P.integer(params, "height", low=1, high=MAX_SIZE)
    W = P.integer(params, "width", low=1, high=MAX_SIZE)
    return ((H, W), P.pair(params, "kernel", low=1, high=MAX_SIZE),
            P.pair(params, "padding", low=0, high=MAX_SIZE, default=0),
            P.pair(params, "stride", low=1, high=MAX_SIZE, default=1),
            P.pair(params, "dilation", low=1, high=MAX_SIZE, default=1))


def _validate(params: Params) -> None:
    n, k, p, _, d = _data(params)
    check_fits(n[0], k[0], p[0], dilation=d[0], what="input height")
    check_fits(n[1], k[1], p[1], dilation=d[1], what="input width")


def _dims(params: Params, size) -> tuple[int, int]:
    n, k, p, s, d = _data(params)
    return tuple(size(n[x], k[x], s[x], p[x], d[x]) for x in (0, 1))  # type: ignore[return-value]


def _solve(params: Params) -> dict:
    return {"a": _dims(params, lambda n, k, s, p, d: out_size(n, k, s, p, d))}


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
    """A shape mistake that only shows when ``condition(n, k, s, p, d)`` holds in some direction."""

    def solve(params: Params) -> dict:
        n, k, p, s, d = _data(params)
        if not any(condition(n[x], k[x], s[x], p[x], d[x]) for x in (0, 1)):
            return {}
        return {"a": _dims(params, lambda *a: size(*a) if condition(*a) else out_size(a[0], a[1], a[2], a[3], a[4]))}

    return solve


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
        _when(lambda *a: True, lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s),
        silent_when_right=True,
    ),
    Misconception(
        "padding-once",
        "You added the padding once; it is added on both sides, so H + 2p.",
        _when(lambda n, k, s, p, d: p > 0, lambda n, k, s, p, d: (n + p - d * (k - 1) - 1) // s + 1),
        silent_when_right=True,
    ),
    Misconception(
        "stride-before-padding",
        "You divided by the stride before adding the padding; the padding widens the input first: "
        "floor((H + 2p - d(k - 1) - 1)/s) + 1.",
        _when(lambda n, k, s, p, d: s > 1 and p > 0 and n >= d * (k - 1) + 1,
              lambda n, k, s, p, d: (n - d * (k - 1) - 1) // s + 1 + 2 * p),
        silent_when_right=True,
    ),
)

OUTPUT_SIZE = Kind(
    id="conv2d.output-size",
    version=1,
    title="Output size of a 2-D convolution",
    parts=fixed_parts(Part("a", "The spatial size $(H', W')$ of the output.", "shape")),
    sample=redrawing(_sample, _solve, MISCONCEPTIONS),
    validate=_validate,
    solve=_solve,
    steps=_steps,
    misconceptions=MISCONCEPTIONS,
    first_claims=True,
)
