"""backprop.conv1d-symbolic: dL/dk and dL/dx of a 1-D convolution in symbols (SymPy imported lazily)."""

from __future__ import annotations

import dataclasses

from .. import params as P
from ..core.padding import padding_param
from ..core.sizes import check_fits, check_padding_below_kernel, out_size
from ..core.windows import covered, window_1d
from ..model import Kind, Misconception, Param, Params, Part
from ..rng import Rng
from .common import MAX_K, MAX_N
from .grads_1d import ONLY_FIRST_FEEDBACK, UNFLIPPED_FEEDBACK, grads_1d, pairs_1d


def _geometry(params: Params) -> tuple[int, int, int, int, int]:
    """n, k, stride, padding and output length m of already validated params."""
    n, k = int(params["n"]), int(params["k"])
    s = int(params.get("stride", 1))
    p = int(params.get("padding", 0))
    return n, k, s, p, out_size(n, k, s, p)


def _validate(params: Params) -> None:
    n = P.integer(params, "n", low=1, high=MAX_N)
    k = P.integer(params, "k", low=1, high=MAX_K)
    P.integer(params, "stride", low=1, high=MAX_N, default=1)
    p = padding_param(params, default=0, words=False)
    check_padding_below_kernel(k, p)
    check_fits(n, k, p)


def _effort(params: Params) -> dict[str, int]:
    """Each gradient has one g-times-variable term per (output, kernel entry) on a real input."""
    n, k, s, p, m = _geometry(params)
    links = covered(n, k, s, p, m)
    return {"a": links, "b": links}


def _names(params: Params) -> tuple[list[str], list[str], list[str]]:
    n, k, _, _, m = _geometry(params)
    return ([f"x{t}" for t in range(1, n + 1)], [f"k{j}" for j in range(1, k + 1)],
            [f"g{i}" for i in range(1, m + 1)])


def _parts(params: Params) -> tuple[Part, ...]:
    xs, ks, gs = _names(params)
    options = {"symbols": xs + ks + gs}
    k, n = len(ks), len(xs)
    dk = (r"\partial L / \partial k_1" if k == 1
          else rf"\partial L / \partial k_1, \dots, \partial L / \partial k_{{{k}}}")
    dx = (r"\partial L / \partial x_1" if n == 1
          else rf"\partial L / \partial x_1, \dots, \partial L / \partial x_{{{n}}}")
    return (
        Part("a", rf"The gradient $\partial L / \partial k = ({dk})$, in terms of the $g_i$ and the $x_t$.",
             "expression-vector", points=2, options=options),
        Part("b", rf"The gradient $\partial L / \partial x = ({dx})$, in terms of the $g_i$ and the $k_j$.",
             "expression-vector", points=2, options=options),
    )


@P.memo
def _data(params: Params):
    """pairs, n, k, and the x, k, g symbols."""
    import sympy

    n, k, s, p, m = _geometry(params)
    xs, ks, gs = ([sympy.Symbol(name) for name in names] for names in _names(params))
    return pairs_1d(n, k, s, p, m), n, k, xs, ks, gs


def _grads(params: Params, **flags) -> dict:
    import sympy

    pairs, n, k, xs, ks, gs = _data(params)
    dk, dx = grads_1d(pairs, n, k, xs, ks, gs, sympy.S.Zero, **flags)
    return {"a": tuple(dk), "b": tuple(dx)}


def _solve(params: Params) -> dict:
    return _grads(params)


def _only_first(params: Params) -> dict:
    if _geometry(params)[4] == 1:
        return {}
    return _grads(params, first_only=True)


def _unflipped(params: Params) -> dict:
    if int(params["k"]) == 1:
        return {}
    return {"b": _grads(params, flip_dx=True)["b"]}


def _no_stride(params: Params) -> dict:
    """dL/dx with the m upstream values placed one apart, as if the stride were 1."""
    import sympy

    n, k, s, p, m = _geometry(params)
    if s == 1 or m == 1:
        return {}
    _, _, _, xs, ks, gs = _data(params)
    _, dx = grads_1d(pairs_1d(n, k, 1, p, m), n, k, xs, ks, gs, sympy.S.Zero)
    return {"b": tuple(dx)}


def _swapped(params: Params) -> dict:
    return _grads(params, swapped=True)


def _sample_1d_geometry(rng: Rng, difficulty: str) -> tuple[int, int, int, int]:
    """n, k, stride, padding with 2..5 outputs (stride s > 1 leaves s - 1 inputs between windows)."""
    while True:
        if difficulty == "easy":
            n, k, s, p = rng.integer(3, 5), 2, 1, 0
        elif difficulty == "medium":
            k = rng.choice((2, 3))
            s, p = rng.choice(((2, 0), (1, 1)))
            n = rng.integer(4, 7)
        else:
            k = rng.choice((2, 3, 3, 4))
            s = rng.integer(2, 3)
            p = rng.integer(0, min(2, k - 1))
            n = rng.integer(5, 9)
        if k <= n + 2 * p and 2 <= out_size(n, k, s, p) <= 5:
            return n, k, s, p


def _sample(rng: Rng, difficulty: str) -> Params:
    n, k, s, p = _sample_1d_geometry(rng, difficulty)
    return {"n": n, "k": k, "stride": s, "padding": p}


def _sample_v2(rng: Rng, difficulty: str) -> Params:
    """As version 1 on easy and medium; hard always has overlapping windows (stride 2 or 3 below a
    kernel of 3 or 4), so some x_t collects terms from two outputs, which is what the problem teaches."""
    if difficulty != "hard":
        return _sample(rng, difficulty)
    while True:
        k = rng.choice((3, 4))
        s = rng.integer(2, k - 1)
        p = rng.integer(0, min(2, k - 1))
        n = rng.integer(5, 9)
        if k <= n + 2 * p and 2 <= out_size(n, k, s, p) <= 5:
            return {"n": n, "k": k, "stride": s, "padding": p}


def _steps(params: Params) -> dict:
    n, k, s, p, m = _geometry(params)
    pairs = [(i + 1, j + 1, t + 1) for i, j, t in pairs_1d(n, k, s, p, m)]  # 1-based, as shown
    outputs = []
    for i in range(1, m + 1):
        start = (i - 1) * s + 1 - p
        window = [(j + 1, None if t is None else t + 1) for j, t in enumerate(window_1d(n, k, s, p, i - 1))]
        outputs.append({"i": i, "start": start, "end": start + k - 1, "window": window,
                        "terms": [(j, t) for j, t in window if t is not None],
                        "padded": len(window) != len([t for _, t in window if t is not None])})
    return {
        "n": n, "k": k, "s": s, "p": p, "m": m,
        "num": n + 2 * p - k,
        "outputs": outputs,
        "dk": [{"j": j, "terms": [(i, t) for i, jj, t in pairs if jj == j]} for j in range(1, k + 1)],
        "dx": [{"t": t, "terms": [(i, j) for i, j, tt in pairs if tt == t]} for t in range(1, n + 1)],
        "untouched": [t for t in range(1, n + 1) if not any(tt == t for _, _, tt in pairs)],
    }


_NO_STRIDE_FEEDBACK = ("You computed dL/dx as if the stride were 1: consecutive outputs start s inputs apart, "
                       "so g_i reaches x_t through k_j with t = (i - 1)s + j - p.")
_SWAPPED_FEEDBACK = ("You swapped the roles of kernel and input: differentiating k_j x_t with respect to k_j "
                     "leaves x_t (and with respect to x_t leaves k_j), so dL/dk is in the x's and dL/dx in the k's.")
CONV1D_SYMBOLIC = Kind(
    id="backprop.conv1d-symbolic",
    version=1,
    title="Backprop through a 1-D convolution, symbolically",
    params=(
        Param("n", "int", "length of the input x1..xn"),
        Param("k", "int", "size of the kernel k1..kk"),
        Param("stride", "int", "step between windows", default=1, drawn=True),
        Param("padding", "int", "zeros on each side", default=0, drawn=True),
    ),
    parts=_parts,
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    misconceptions=(
        Misconception("only-first-output", ONLY_FIRST_FEEDBACK, _only_first),
        Misconception("unflipped-kernel-in-dx", UNFLIPPED_FEEDBACK, _unflipped),
        Misconception("dx-ignores-stride", _NO_STRIDE_FEEDBACK, _no_stride),
        Misconception("swapped-roles", _SWAPPED_FEEDBACK, _swapped),
    ),
)

#: Version 2: hard problems always overlap (see :func:`_sample_v2`); version 1 stays for its ids.
CONV1D_SYMBOLIC_V2 = dataclasses.replace(CONV1D_SYMBOLIC, version=2, sample=_sample_v2,
                                         teaches=lambda params: int(params["stride"]) < int(params["k"]))
