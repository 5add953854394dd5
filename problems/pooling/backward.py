"""What pooling.max-backward and pooling.avg-backward share: the upstream gradient and its routing."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Callable

from .. import params as P
from ..core.numbers import exact, frozen
from ..core.sizes import out_size
from ..core.windows import Cell
from ..model import Param, ParamError, Params, Part
from ..rng import Rng
from .windows import (WINDOW_PARAMS, argmax, check_geometry, distinct_matrix, fit_geometry, has_tie, out_shape, overlap,
                      sample_geometry, window)

SYMBOL = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


BACKWARD_PARAMS = WINDOW_PARAMS + (
    Param("upstream", "matrix of numbers or symbols", "dL/dY, one entry per window; symbol names such as g1 allowed"),
)


def _number_or_symbol(value: Any, where: str) -> Any:
    """An exact number, or a symbol name such as g1 kept as a string."""
    if isinstance(value, str) and SYMBOL.match(value.strip()):
        return value.strip()
    try:
        return P.number(value, where)
    except ParamError:
        raise ParamError(f"{where} must be a number or a symbol name such as g1, not {value!r}.") from None


def read_upstream(params: Params, shape: tuple[int, int]) -> list[list]:
    """The upstream gradient, one entry per window: exact numbers, or symbol names kept as strings."""
    G = P.tensor(params, "upstream", 2, entry=_number_or_symbol)
    if (len(G), len(G[0])) != shape:
        raise ParamError(f"param 'upstream' must have the output's shape {shape[0]}x{shape[1]}, one entry per window, "
                         f"not {len(G)}x{len(G[0])}.")
    return G


def validate_backward(params: Params) -> None:
    X = P.matrix(params, "X")
    kernel = P.integer(params, "kernel", low=1, high=P.MAX_SIDE)
    stride = P.integer(params, "stride", low=1, high=P.MAX_SIDE)
    if params.get("padding", 0) != 0:
        raise ParamError("the backward pooling problems take no padding: their windows run over X unpadded.")
    check_geometry(X, kernel, 0)
    read_upstream(params, out_shape(X, kernel, stride, 0))


@P.memo
def backward_data(params: Params):
    """X, kernel, stride, upstream (numbers, or SymPy objects when any entry is a symbol)."""
    X = P.matrix(params, "X")
    k, s = int(params["kernel"]), int(params["stride"])
    G = read_upstream(params, out_shape(X, k, s, 0))
    if any(isinstance(v, str) for row in G for v in row):
        import sympy

        G = [[sympy.Symbol(v) if isinstance(v, str) else sympy.Rational(v.numerator, v.denominator)
              if isinstance(v, Fraction) else sympy.Integer(v) for v in row] for row in G]
    return X, k, s, G


def upstream_symbols(params: Params) -> list[str]:
    """Symbol names in ``upstream``, in row-major order of first use."""
    names: list[str] = []
    for row in params.get("upstream", []):
        for v in row if isinstance(row, list) else ():
            if isinstance(v, str) and SYMBOL.match(v.strip()) and v.strip() not in names:
                names.append(v.strip())
    return names


def backward_parts(params: Params) -> tuple[Part, ...]:
    prompt = r"The gradient $\partial L / \partial X$, a matrix of the shape of $X$."
    names = upstream_symbols(params)
    if names:
        return (Part("a", prompt, "expression-matrix", points=2, options={"symbols": names}),)
    return (Part("a", prompt, "matrix", points=2),)


def zero_of(G):
    """0 of the right kind: SymPy's zero when the upstream is symbolic."""
    z = G[0][0] * 0
    return z if not isinstance(z, Fraction) else 0


def route_gradient(X, k, s, G, targets, scale, accumulate=True) -> tuple[tuple, ...]:
    """dL/dX when each G[i, j] * scale goes to every cell of ``targets(window cells)``."""
    D = [[zero_of(G) for _ in row] for row in X]
    for i, grow in enumerate(G):
        for j, g in enumerate(grow):
            for r, c in targets(window(X, k, s, 0, i, j)):
                share = g * scale if scale != 1 else g
                D[r][c] = D[r][c] + share if accumulate else share
    return frozen(D)


def share_scale(G, k):
    """1/k^2 as an exact number that multiplies both Fractions and SymPy objects."""
    if isinstance(zero_of(G), int):
        return Fraction(1, k * k)
    import sympy

    return sympy.Rational(1, k * k)


def max_backward(X, k, s, G, accumulate=True):
    return route_gradient(X, k, s, G, lambda cells: [argmax(X, cells)], 1, accumulate)


def avg_backward(X, k, s, G, accumulate=True, divide=True):
    return route_gradient(X, k, s, G, lambda cells: cells, share_scale(G, k) if divide else 1, accumulate)


def backward_sample(rng: Rng, difficulty: str) -> Params:
    H, W, kernel, stride, _ = sample_geometry(rng, difficulty, padded=False)
    return _backward_params(rng, difficulty, H, W, kernel, stride)


def overlapping(params: Params) -> bool:
    """Windows overlap (stride below the kernel), so some entry of X collects several gradients."""
    return int(params["stride"]) < int(params["kernel"])


def backward_fit(rng: Rng, difficulty: str, given: Params) -> Params:
    """Params drawn to fit hand-given ones: X sized for a given window, upstream shaped to fit."""
    H, W, kernel, stride, _ = fit_geometry(rng, difficulty, False, given)
    if not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= P.MAX_SIDE for v in (kernel, stride)):
        return backward_sample(rng, difficulty)
    return _backward_params(rng, difficulty, H, W, kernel, stride)


def _backward_params(rng: Rng, difficulty: str, H: int, W: int, kernel: int, stride: int) -> Params:
    X = distinct_matrix(rng, H, W, difficulty)
    rows, cols = out_size(H, kernel, stride), out_size(W, kernel, stride)
    if difficulty == "hard" and rng.coin():
        upstream = [[f"g{i * cols + j + 1}" for j in range(cols)] for i in range(rows)]
    else:
        upstream = [[rng.integer(1, 9) for _ in range(cols)] for _ in range(rows)]
    return {"X": X, "kernel": kernel, "stride": stride, "upstream": upstream}


def backward_steps(targets: Callable[[list[list], list[Cell], dict], list[Cell]], divide: bool):
    """Steps with, for every upstream entry, its window, where its gradient goes and how much; then
    for every cell of X the contributions it adds up.

    ``targets(X, cells, entry)`` names the cells of a window that receive its gradient (and may
    add what the template shows about them to ``entry``); ``divide`` whether each receives g / k^2.
    """

    def steps(params: Params) -> dict:
        X, k, s, G = backward_data(params)
        scale = share_scale(G, k) if divide else 1
        contributions = [[[] for _ in row] for row in X]
        windows = []
        for i, grow in enumerate(G):
            for j, g in enumerate(grow):
                cells = window(X, k, s, 0, i, j)
                share = g * scale if scale != 1 else g
                share = exact(share)
                entry = {"i": i, "j": j, "g": g, "share": share, "top": cells[0][0], "left": cells[0][1],
                         "bottom": cells[-1][0], "right": cells[-1][1],
                         "values": [exact(X[r][c]) for r, c in cells],
                         # Whether g / k^2 needs a further "= share" to be in lowest terms.
                         "reduces": not (isinstance(g, int) and Fraction(g, k * k).denominator == k * k)}
                for r, c in targets(X, cells, entry):
                    contributions[r][c].append(share)
                windows.append(entry)
        shared = [{"r": r, "c": c, "terms": terms}
                  for r, row in enumerate(contributions) for c, terms in enumerate(row) if len(terms) > 1]
        untouched = sum(1 for row in contributions for terms in row if not terms)
        return {
            "X": frozen(X),
            "G": frozen(G),
            "H": len(X), "W": len(X[0]), "k": k, "s": s, "area": k * k, "scale": exact(Fraction(1, k * k)),
            "out": (len(G), len(G[0])),
            "symbolic": not isinstance(zero_of(G), int),
            "symbols": upstream_symbols(params),
            "windows": windows,
            "shared": shared,
            "untouched": untouched,
            "overlap": overlap(k, s),
            "has_tie": has_tie(X, k, s, 0),
        }

    return steps


def no_sum(route):
    """Last write wins where windows overlap (only possible when stride < kernel)."""

    def solve(params: Params) -> dict:
        X, k, s, G = backward_data(params)
        if not overlap(k, s):
            return {}
        return {"a": route(X, k, s, G, accumulate=False)}

    return solve


NO_SUM_FEEDBACK = ("Where windows overlap, a cell of X receives gradient from every window it belongs to; "
                   "you kept only one of them instead of adding them up.")
