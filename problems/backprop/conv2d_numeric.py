"""backprop.conv2d-numeric: dL/db, dL/dW and dL/dX of a 2-D convolutional layer (0-based tensor indices)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from .. import params as P
from ..core.correlate import rot180
from ..core.numbers import exact, frozen
from ..core.padding import padding_param, padding_sides
from ..core.sizes import check_fits, check_padding_below_kernel, out_size
from ..core.windows import covered, padded_2d, window_2d
from ..model import Kind, LaterSteps, Misconception, Param, ParamError, Params, Part, not_degenerate
from ..rng import Rng
from .common import nonzero

_MAX_C = 8
_MAX_HW = 16


def _padding_2d(params: Params, kh: int, kw: int, stride: int) -> int:
    """The padding as one int for both axes: a whole number, "valid" (0) or "same" (stride 1, odd square kernel)."""
    value = padding_param(params, high=P.MAX_SIDE)
    (ph, _), (pw, _) = padding_sides(value, kh, stride, odd=True), padding_sides(value, kw, stride, odd=True)
    if ph != pw:
        raise ParamError('padding "same" needs a square kernel here, since both axes get the same padding; '
                         'give the padding as a number instead.')
    return ph


def _validate(params: Params) -> None:
    X = P.tensor(params, "X", 3)
    c_in, H, W = P.shape_of(X)
    if c_in > _MAX_C or H > _MAX_HW or W > _MAX_HW:
        raise ParamError(f"param 'X' is too large for a problem worked by hand: at most {_MAX_C} channels "
                         f"of {_MAX_HW}x{_MAX_HW}.")
    weight = P.tensor(params, "weight", 4)
    c_out, wc, kh, kw = P.shape_of(weight)
    if wc != c_in:
        raise ParamError(f"param 'weight' has {wc} input channel{'s' if wc != 1 else ''} but X has {c_in}; "
                         f"its second dimension must be {c_in}.")
    if c_out > _MAX_C:
        raise ParamError(f"param 'weight' has {c_out} output channels; at most {_MAX_C} are allowed.")
    bias = P.vector(params, "bias", max_len=_MAX_C)
    if len(bias) != c_out:
        raise ParamError(f"param 'bias' must have one entry per output channel, {c_out}, not {len(bias)}.")
    stride = P.integer(params, "stride", low=1, high=_MAX_HW)
    pad = _padding_2d(params, kh, kw, stride)
    check_padding_below_kernel(min(kh, kw), pad)
    check_fits(H, kh, pad, what="input height")
    check_fits(W, kw, pad, what="input width")
    oh, ow = out_size(H, kh, stride, pad), out_size(W, kw, stride, pad)
    G = P.tensor(params, "upstream", 3)
    if P.shape_of(G) != (c_out, oh, ow):
        got = "x".join(map(str, P.shape_of(G)))
        raise ParamError(f"param 'upstream' must have the output's shape C_out x H' x W' = {c_out}x{oh}x{ow}, "
                         f"not {got}.")


@P.memo
def _data(params: Params):
    X, Wt, G = P.tensor(params, "X", 3), P.tensor(params, "weight", 4), P.tensor(params, "upstream", 3)
    _, _, kh, kw = P.shape_of(Wt)
    s = int(params["stride"])
    return X, Wt, G, s, _padding_2d(params, kh, kw, s)


def _links(X: list, Wt: list, G: list, s: int, p: int) -> list[tuple[int, int, int, int, int, int, int]]:
    """(o, i, j, u, v, r, t) for every upstream entry G[o, i, j] and kernel entry (u, v) whose window
    cell X[:, r, t] is a real input (padded cells have no gradient); in the order o, i, j, u, v."""
    c_out, _, kh, kw = P.shape_of(Wt)
    shape = (len(X[0]), len(X[0][0]))
    windows = [(i, j, window_2d(shape, (kh, kw), s, (p, p), i, j))
               for i in range(len(G[0])) for j in range(len(G[0][0]))]
    return [(o, i, j, n // kw, n % kw, cell[0], cell[1])
            for o in range(c_out) for i, j, cells in windows for n, cell in enumerate(cells) if cell is not None]


def _effort(params: Params) -> dict[str, int]:
    """dL/db adds every upstream entry; dL/dW and dL/dX take a multiply-add per (output channel,
    output position, kernel cell on a real input) in every input channel."""
    X, Wt, G, s, p = _data(params)
    c_out, c_in, kh, kw = P.shape_of(Wt)
    oh, ow = len(G[0]), len(G[0][0])
    links = c_out * c_in * covered(len(X[0]), kh, s, p, oh) * covered(len(X[0][0]), kw, s, p, ow)
    return {"a": c_out * oh * ow, "b": links, "c": links}


def _db(G: list, mean: bool = False) -> tuple:
    return frozen([Fraction(sum(sum(row) for row in g), len(g) * len(g[0])) if mean else sum(sum(row) for row in g)
                   for g in G])


def _dw(X, Wt, G, s, p, *, flip=False) -> tuple:
    """dL/dW; ``flip`` rotates each kernel slice by 180 degrees (the flipped-gradient mistake)."""
    c_out, c_in, kh, kw = P.shape_of(Wt)
    D = [[[[0] * kw for _ in range(kh)] for _ in range(c_in)] for _ in range(c_out)]
    for o, i, j, u, v, r, t in _links(X, Wt, G, s, p):
        for c in range(c_in):
            D[o][c][u][v] += G[o][i][j] * X[c][r][t]
    if flip:
        D = [[rot180(K) for K in filters] for filters in D]
    return frozen(D)


def _dx(X, Wt, G, s, p, *, flip=False) -> tuple:
    """dL/dX; ``flip`` pairs G[o, i, j] with W[o, c, K-1-u, K-1-v] (the unflipped-kernel mistake)."""
    _, c_in, kh, kw = P.shape_of(Wt)
    D = [[[0] * len(X[0][0]) for _ in X[0]] for _ in range(c_in)]
    for o, i, j, u, v, r, t in _links(X, Wt, G, s, p):
        for c in range(c_in):
            w = Wt[o][c][kh - 1 - u][kw - 1 - v] if flip else Wt[o][c][u][v]
            D[c][r][t] += G[o][i][j] * w
    return frozen(D)


def _solve(params: Params) -> dict:
    X, Wt, G, s, p = _data(params)
    return {"a": _db(G), "b": _dw(X, Wt, G, s, p), "c": _dx(X, Wt, G, s, p)}


def _bias_mean(params: Params) -> dict:
    G = P.tensor(params, "upstream", 3)
    if len(G[0]) * len(G[0][0]) == 1:
        return {}
    return {"a": _db(G, mean=True)}


def _redone(part: str, gradient, *, stride: int | None = None, padding: int | None = None, flip: bool = False):
    """``part`` worked again as a student with this mistake does: with the stride taken as 1, the
    padding as 0, or the kernel entries paired flipped; nothing to show where the params already
    are that way (stride 1, no padding, a 1x1 kernel)."""

    def solve(params: Params) -> dict:
        X, Wt, G, s, p = _data(params)
        _, _, kh, kw = P.shape_of(Wt)
        if s == stride or p == padding or (flip and kh * kw == 1):
            return {}
        return {part: gradient(X, Wt, G, s if stride is None else stride, p if padding is None else padding, flip=flip)}

    return solve


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        c_in, c_out, K, s, p = 1, 1, 2, 1, 0
        sizes = (3, 4)
    elif difficulty == "medium":
        c_in, c_out = rng.choice(((1, 1), (1, 2), (2, 1)))
        K, s, p = rng.choice(((2, 2, 0), (3, 2, 0), (3, 1, 1)))
        sizes = (3, 4, 5)
    else:
        c_in, c_out = rng.choice(((1, 2), (2, 1), (2, 2)))
        K = 2 if c_in * c_out == 4 else rng.choice((2, 3))
        s, p = 2, 1
        sizes = (4, 5)
    fits = [n for n in sizes if 2 <= out_size(n, K, s, p) <= 3]
    H, W = rng.choice(fits), rng.choice(fits)
    return _draw_values(rng, difficulty, c_in, c_out, K, s, p, H, W)


#: Version 2's medium layers (c_in, c_out, K, stride, padding, sides): each part takes at most 36
#: multiply-adds, and between them they have overlapping windows, channels, stride and padding.
_MEDIUM_V2 = (
    ((1, 1), 2, 1, 0, (3, 4)),
    ((1, 2), 2, 2, 0, (4,)),
    ((2, 1), 2, 2, 0, (4,)),
    ((1, 1), 3, 2, 1, (3, 4)),
    ((1, 1), 3, 1, 0, (4,)),
)
#: Version 2's hard layers overlap (stride 2 < K = 3), are padded and have two channels on one
#: side: at most this many multiply-adds in dL/dW and in dL/dX.
_HARD_V2_WORK = 72


def _sample_v2(rng: Rng, difficulty: str) -> Params:
    """Hand-sized (issue 14): easy as version 1; medium at most 36 multiply-adds a part, hard at
    most 72 and always with overlapping windows, so an input entry collects several gradient terms."""
    if difficulty == "easy":
        return _sample(rng, difficulty)
    if difficulty == "medium":
        (c_in, c_out), K, s, p, sizes = rng.choice(_MEDIUM_V2)
        H, W = rng.choice(sizes), rng.choice(sizes)
    else:
        (c_in, c_out), K, s, p = rng.choice(((1, 2), (2, 1))), 3, 2, 1
        while True:
            H, W = rng.choice((3, 4, 5)), rng.choice((3, 4, 5))
            oh, ow = out_size(H, K, s, p), out_size(W, K, s, p)
            if c_in * c_out * covered(H, K, s, p, oh) * covered(W, K, s, p, ow) <= _HARD_V2_WORK:
                break
    return _draw_values(rng, difficulty, c_in, c_out, K, s, p, H, W)


def _draw_values(rng: Rng, difficulty: str, c_in: int, c_out: int, K: int, s: int, p: int, H: int, W: int) -> Params:
    oh, ow = out_size(H, K, s, p), out_size(W, K, s, p)
    lo = 0 if difficulty == "easy" else -3
    X = [[[rng.integer(lo, 3) for _ in range(W)] for _ in range(H)] for _ in range(c_in)]
    weight = [[[[nonzero(rng, -2, 2) for _ in range(K)] for _ in range(K)] for _ in range(c_in)]
              for _ in range(c_out)]
    bias = [rng.integer(-2, 2) for _ in range(c_out)]
    upstream = [[[nonzero(rng, -2, 2) for _ in range(ow)] for _ in range(oh)] for _ in range(c_out)]
    return {"X": X, "weight": weight, "bias": bias, "padding": p, "stride": s, "upstream": upstream}


def _steps(params: Params) -> LaterSteps:
    """What the statement shows now; the gradient working only when a solution is rendered."""
    X, Wt, G, s, p = _data(params)
    c_out, c_in, kh, kw = P.shape_of(Wt)
    H, W = len(X[0]), len(X[0][0])
    oh, ow = len(G[0]), len(G[0][0])
    now = {
        "c_in": c_in, "c_out": c_out, "H": H, "W": W, "kh": kh, "kw": kw, "s": s, "p": p,
        "oh": oh, "ow": ow, "num": (H + 2 * p - kh, W + 2 * p - kw),
        "X": [frozen(ch) for ch in X],
        "weight": [[frozen(Wt[o][c]) for c in range(c_in)] for o in range(c_out)],
        "bias": frozen(P.vector(params, "bias")),
        "G": [frozen(g) for g in G],
    }
    return LaterSteps(now, lambda: _working(X, Wt, G, s, p))


def _working(X: list, Wt: list, G: list, s: int, p: int) -> dict:
    c_out, c_in, kh, kw = P.shape_of(Wt)
    H, W = len(X[0]), len(X[0][0])
    dW, dX, db = _dw(X, Wt, G, s, p), _dx(X, Wt, G, s, p), _db(G)
    by_weight: dict[tuple[int, int, int], list] = {}
    by_input: dict[tuple[int, int], list] = {}
    for o, i, j, u, v, r, t in _links(X, Wt, G, s, p):
        by_weight.setdefault((o, u, v), []).append((i, j, r, t))
        by_input.setdefault((r, t), []).append((o, i, j, u, v))
    bias_lines = [{"o": o, "terms": [exact(v) for row in G[o] for v in row], "result": db[o]}
                  for o in range(c_out)]
    dw_blocks = [{"o": o, "c": c, "lines": [
        {"u": u, "v": v, "result": dW[o][c][u][v],
         "terms": [(exact(G[o][i][j]), exact(X[c][r][t])) for i, j, r, t in by_weight.get((o, u, v), ())]}
        for u in range(kh) for v in range(kw)]} for o in range(c_out) for c in range(c_in)]
    dx_blocks = [{"c": c, "lines": [
        {"r": r, "t": t, "result": dX[c][r][t],
         "terms": [{"o": o, "i": i, "j": j, "u": u, "v": v, "g": exact(G[o][i][j]), "w": exact(Wt[o][c][u][v])}
                   for o, i, j, u, v in by_input.get((r, t), ())]}
        for r in range(H) for t in range(W)]} for c in range(c_in)]
    padded = [frozen(padded_2d(X[c], (p, p))) for c in range(c_in)] if p else None
    return {
        "padded": padded,
        "bias_lines": bias_lines,
        "dw_blocks": dw_blocks,
        "dx_blocks": dx_blocks,
    }


CONV2D_NUMERIC = Kind(
    id="backprop.conv2d-numeric",
    version=1,
    title="Backprop through a 2-D convolutional layer",
    params=(
        Param("X", "tensor C_in x H x W", "the input, channels first"),
        Param("weight", "tensor C_out x C_in x K x K", "the filters"),
        Param("bias", "list of numbers", "one bias per output channel"),
        Param("padding", 'int, "same" or "valid"', 'zeros on each side; "same" needs stride 1 and an odd kernel'),
        Param("stride", "int", "step of the window, the same along both axes"),
        Param("upstream", "tensor C_out x H' x W'", "dL/dZ, one entry per output"),
    ),
    parts=lambda params: (
        Part("a", r"The gradient $\partial L / \partial b$, one entry per output channel.", "vector"),
        Part("b", r"The gradient $\partial L / \partial W$, a tensor of the shape of $W$.", "tensor", points=2),
        Part("c", r"The gradient $\partial L / \partial X$, a tensor of the shape of $X$.", "tensor", points=2),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    misconceptions=(
        Misconception(
            "bias-mean",
            "You averaged the upstream gradient; each bias is added to every output position of its channel, "
            "so its gradient is the sum of that channel's upstream entries.",
            _bias_mean,
        ),
        Misconception(
            "dw-flipped",
            "You flipped dL/dW (each kernel slice rotated by 180 degrees): the gradient of W[o, c, u, v] pairs "
            "each upstream entry with the input entry that this weight multiplied, with no flip.",
            _redone("b", _dw, flip=True),
        ),
        Misconception(
            "dw-ignores-padding",
            "You read dL/dW off the unpadded input: the windows run over the padded input, so the zeros on the "
            "border shift which input entry each weight multiplied.",
            _redone("b", _dw, padding=0),
        ),
        Misconception(
            "dx-ignores-stride",
            "You computed dL/dX as if the stride were 1: the window of Z[o, i, j] starts at row i s - p and "
            "column j s - p, so each upstream entry goes back to the entries its own window covered.",
            _redone("c", _dx, stride=1),
        ),
        Misconception(
            "dx-ignores-padding",
            "You computed dL/dX without the padding offset: the window of Z[o, i, j] starts at row i s - p and "
            "column j s - p of X, and the parts of it on the padded border get no gradient.",
            _redone("c", _dx, padding=0),
        ),
        Misconception(
            "dx-unflipped-kernel",
            "You used the kernel unflipped in dL/dX: written as a full convolution, dL/dX slides the flipped "
            "kernel over the upstream gradient, so each X entry receives the upstream value times the weight "
            "that multiplied it.",
            _redone("c", _dx, flip=True),
        ),
    ),
)

#: Version 2 draws hand-sized layers (see :func:`_sample_v2`); version 1 stays for the ids it issued.
def _parts_v2(params: Params) -> tuple[Part, ...]:
    """Version 1's parts, with dL/db's channels counted from 0 in feedback, as the statement counts them."""
    return tuple(dataclasses.replace(part, options={**part.options, "first_index": 0}) if part.label == "a" else part
                 for part in CONV2D_NUMERIC.parts(params))


CONV2D_NUMERIC_V2 = dataclasses.replace(CONV2D_NUMERIC, version=2, sample=not_degenerate(_sample_v2, _solve),
                                        parts=_parts_v2,
                                        teaches=lambda params: int(params["stride"]) < len(params["weight"][0][0]))
