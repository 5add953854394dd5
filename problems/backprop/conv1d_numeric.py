"""backprop.conv1d-numeric: the forward pass and both gradients of a 1-D convolution, with numbers."""

from __future__ import annotations

import dataclasses

from fractions import Fraction

from .. import params as P
from ..core.correlate import correlate_1d
from ..core.numbers import frozen
from ..model import Kind, Misconception, Param, ParamError, Params, Part, not_degenerate
from ..rng import Rng
from .common import MAX_K, MAX_N, nonzero
from .grads_1d import ONLY_FIRST_FEEDBACK, UNFLIPPED_FEEDBACK, grads_1d, pairs_1d


def _validate(params: Params) -> None:
    x = P.vector(params, "x", max_len=MAX_N)
    kernel = P.vector(params, "kernel", max_len=MAX_K)
    if params.get("stride", 1) != 1 or params.get("padding", 0) not in (0, "valid"):
        raise ParamError("this problem uses stride 1 and no padding, so it takes no 'stride' or 'padding' param.")
    if len(kernel) > len(x):
        raise ParamError(f"the kernel ({len(kernel)} entries) is longer than the input x ({len(x)} entries).")
    m = len(x) - len(kernel) + 1
    upstream = P.vector(params, "upstream", max_len=MAX_N)
    if len(upstream) != m:
        raise ParamError(f"param 'upstream' must have n - k + 1 = {len(x)} - {len(kernel)} + 1 = {m} "
                         f"entries, one per output, not {len(upstream)}.")


@P.memo
def _data(params: Params):
    """x, kernel, upstream as exact numbers, and n, k, m, pairs."""
    x, kern, g = P.vector(params, "x"), P.vector(params, "kernel"), P.vector(params, "upstream")
    n, k = len(x), len(kern)
    m = n - k + 1
    return x, kern, g, n, k, m, pairs_1d(n, k, 1, 0, m)


def _effort(params: Params) -> dict[str, int]:
    """y, dL/dk and dL/dx each take one multiply-add per (output, kernel entry): (n - k + 1) k."""
    *_, n, k, m, _ = _data(params)
    return {"a": m * k, "b": m * k, "c": m * k}


def _grads(params: Params, **flags) -> dict:
    xs, ks, gs, n, k, m, pairs = _data(params)
    dk, dx = grads_1d(pairs, n, k, xs, ks, gs, 0, **flags)
    return {"b": frozen(dk), "c": frozen(dx)}


def _solve(params: Params) -> dict:
    xs, ks, *_ = _data(params)
    return {"a": correlate_1d(xs, ks), **_grads(params)}


def _flipped(params: Params) -> dict:
    """True convolution forward; its dL/dk is the reference one reversed."""
    xs, ks, *_ = _data(params)
    if len(ks) == 1:
        return {}
    return {"a": correlate_1d(xs, ks[::-1]), "b": tuple(reversed(_grads(params)["b"]))}


def _unflipped(params: Params) -> dict:
    if len(params["kernel"]) == 1:
        return {}
    return {"c": _grads(params, flip_dx=True)["c"]}


def _only_first(params: Params) -> dict:
    if len(params["x"]) == len(params["kernel"]):
        return {}
    return _grads(params, first_only=True)


def _swapped(params: Params) -> dict:
    return _grads(params, swapped=True)


def _kernel_values(rng: Rng, k: int, lo: int, hi: int) -> list[int]:
    """Nonzero kernel entries that do not read the same backwards (flipping must show)."""
    while True:
        kern = [nonzero(rng, lo, hi) for _ in range(k)]
        if kern != kern[::-1]:
            return kern


def _sample(rng: Rng, difficulty: str) -> Params:
    if difficulty == "easy":
        n, k, lo, hi = rng.integer(3, 4), 2, -3, 3
    elif difficulty == "medium":
        k = rng.choice((2, 3))
        n, lo, hi = rng.integer(k + 1, 5), -4, 4
    else:
        k = rng.choice((3, 3, 4))
        n, lo, hi = rng.integer(k + 2, 7), -5, 5
    x = [rng.integer(lo, hi) for _ in range(n)]
    kern = _kernel_values(rng, k, -3, 3)
    m = n - k + 1
    if difficulty == "hard":
        upstream = [P.json_number(_nonzero_fraction(rng)) for _ in range(m)]
    else:
        upstream = [nonzero(rng, -3, 3) for _ in range(m)]
    return {"x": x, "kernel": kern, "upstream": upstream}


def _nonzero_fraction(rng: Rng) -> Fraction:
    while True:
        v = rng.fraction(-2, 2, (1, 2, 2))
        if v:
            return v


def _steps(params: Params) -> dict:
    xs, ks, gs, n, k, m, pairs = _data(params)
    y = correlate_1d(xs, ks)
    outputs = [{"i": i + 1, "terms": [(ks[j], xs[i + j]) for j in range(k)], "result": y[i]} for i in range(m)]
    # Indices as the statement shows them, from 1.
    dk = [{"j": j + 1, "terms": [(i + 1, t + 1, gs[i], xs[t]) for i, jj, t in pairs if jj == j]} for j in range(k)]
    dx = [{"t": t + 1, "terms": [(i + 1, j + 1, gs[i], ks[j]) for i, j, tt in pairs if tt == t]} for t in range(n)]
    return {"n": n, "k": k, "m": m, "x": frozen(xs), "kernel": frozen(ks), "g": frozen(gs),
            "outputs": outputs, "dk": dk, "dx": dx}


CONV1D_NUMERIC = Kind(
    id="backprop.conv1d-numeric",
    version=1,
    title="Backprop through a 1-D convolution, with numbers",
    params=(
        Param("x", "list of numbers", "the input x1..xn (stride 1, no padding)"),
        Param("kernel", "list of numbers", "the kernel k1..kk"),
        Param("upstream", "list of numbers", 'dL/dy, one entry per output; rationals as "p/q"'),
    ),
    parts=lambda params: (
        Part("a", "The output vector $y$.", "vector"),
        Part("b", r"The gradient $\partial L / \partial k$, one entry per kernel entry.", "vector", points=2),
        Part("c", r"The gradient $\partial L / \partial x$, one entry per input entry.", "vector", points=2),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    effort=_effort,
    misconceptions=(
        Misconception(
            "flipped-kernel",
            "You flipped the kernel, computing a true convolution; deep-learning convolution is "
            "cross-correlation, y_i = k_1 x_i + k_2 x_(i+1) + ..., with no flip.",
            _flipped,
        ),
        Misconception("only-first-output", ONLY_FIRST_FEEDBACK, _only_first),
        Misconception("unflipped-kernel-in-dx", UNFLIPPED_FEEDBACK, _unflipped),
        Misconception(
            "swapped-roles",
            "You multiplied the upstream gradient by the kernel for dL/dk (or by x for dL/dx): the derivative "
            "of k_j x_t with respect to k_j is x_t, so dL/dk uses the inputs and dL/dx uses the kernel.",
            _swapped,
        ),
    ),
)


#: Version 2: no problem whose y equals dL/dk or whose dL/dk is the kernel shown (issue 14).
CONV1D_NUMERIC_V2 = dataclasses.replace(CONV1D_NUMERIC, version=2, sample=not_degenerate(CONV1D_NUMERIC.sample, _solve))
