"""Backprop through convolution: gradients with respect to the kernel, the input and the bias.

Convolution is what deep-learning libraries compute, cross-correlation with no kernel flip.
In 1-D (1-based indices, as the statements say) output ``y_i`` of a layer with kernel
``k_1..k_K``, stride ``s`` and zero padding ``p`` on each side is

    y_i = sum_j k_j x_t  with  t = (i - 1) s + j - p,

where an ``x_t`` with ``t`` outside ``1..n`` is a padded zero and drops out. With upstream
gradient ``g_i = dL/dy_i`` the chain rule gives ``dL/dk_j = sum_i g_i x_t`` and
``dL/dx_t = sum g_i k_j`` over the pairs (i, j) that reach ``t``. The 2-D kind is the same
with 0-based tensor indices, channels, and a bias.

A misconception returns no answer for a part when the mistake has nothing to act on in the
given params (a forgotten stride when the stride is 1, ignored padding when there is none).
SymPy is imported only inside the functions of the symbolic kind.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable

from . import params as P
from .model import Kind, LaterSteps, Misconception, Params, ParamError, Part
from .rng import Rng
from .sizes import check_window, out_size

_MAX_N = 30
_MAX_K = 12


def _exact(value: Any) -> Any:
    """Fractions with denominator 1 become ints, so answers compare and print cleanly."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def _vec(values: Iterable[Any]) -> tuple:
    return tuple(_exact(v) for v in values)


def _padding_int(params: Params, name: str = "padding") -> int:
    """An optional whole-number padding (missing means 0)."""
    value = params.get(name, 0)
    if isinstance(value, str):
        raise ParamError(f"param {name!r} must be a whole number of zeros added on each side, such as 0 or 1, "
                         f"not {value!r}.")
    return P.integer({name: value}, name, low=0)


def _check_padding_below_kernel(padding: int, kernel: int, what: str = "kernel size") -> None:
    if padding >= kernel:
        raise ParamError(f"padding {padding} is not less than the {what} {kernel}, so some outputs would see "
                         f"only padded zeros; use padding at most {kernel - 1}.")


# ---- 1-D index bookkeeping, shared by the symbolic and numeric kinds --------------------


def _pairs(n: int, k: int, s: int, p: int, m: int) -> list[tuple[int, int, int]]:
    """Every (i, j, t), 1-based, with output i using kernel entry j on a real input x_t."""
    out = []
    for i in range(1, m + 1):
        for j in range(1, k + 1):
            t = (i - 1) * s + j - p
            if 1 <= t <= n:
                out.append((i, j, t))
    return out


def _total(terms: list, zero: Any) -> Any:
    total = zero
    for term in terms:
        total = total + term
    return total


def _grads_1d(pairs, n, k, xs, ks, gs, zero, *, first_only=False, flip_dx=False, swapped=False):
    """(dL/dk, dL/dx) from the (i, j, t) pairs; the flags give the misconceptions' versions.

    ``xs``, ``ks``, ``gs`` are indexed from 1 (index 0 unused). ``first_only`` keeps only the
    g_1 terms; ``flip_dx`` pairs g_i with k_{K+1-j} in dL/dx; ``swapped`` keeps the variable
    being differentiated instead of its partner (k_j in dL/dk, x_t in dL/dx).
    """
    use = [(i, j, t) for i, j, t in pairs if not first_only or i == 1]
    dk = []
    for jj in range(1, k + 1):
        dk.append(_total([gs[i] * (ks[j] if swapped else xs[t]) for i, j, t in use if j == jj], zero))
    dx = []
    for tt in range(1, n + 1):
        dx.append(_total([gs[i] * (xs[t] if swapped else ks[k + 1 - j] if flip_dx else ks[j])
                          for i, j, t in use if t == tt], zero))
    return dk, dx


# ---- backprop.conv1d-symbolic ----------------------------------------------------------


def _sym_geometry(params: Params) -> tuple[int, int, int, int, int]:
    """n, k, stride, padding and output length m of already validated params."""
    n, k = int(params["n"]), int(params["k"])
    s = int(params.get("stride", 1))
    p = int(params.get("padding", 0))
    return n, k, s, p, out_size(n, k, s, p)


def _sym_validate(params: Params) -> None:
    n = P.integer(params, "n", low=1, high=_MAX_N)
    k = P.integer(params, "k", low=1, high=_MAX_K)
    P.integer({"stride": params.get("stride", 1)}, "stride", low=1, high=_MAX_N)
    p = _padding_int(params)
    _check_padding_below_kernel(p, k)
    check_window(n, k, p)


def _sym_names(params: Params) -> tuple[list[str], list[str], list[str]]:
    n, k, _, _, m = _sym_geometry(params)
    return ([f"x{t}" for t in range(1, n + 1)], [f"k{j}" for j in range(1, k + 1)],
            [f"g{i}" for i in range(1, m + 1)])


def _sym_parts(params: Params) -> tuple[Part, ...]:
    xs, ks, gs = _sym_names(params)
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
def _sym_data(params: Params):
    """pairs, n, k, and the x, k, g symbols indexed from 1."""
    import sympy

    n, k, s, p, m = _sym_geometry(params)
    xs, ks, gs = (([None] + [sympy.Symbol(name) for name in names]) for names in _sym_names(params))
    return _pairs(n, k, s, p, m), n, k, xs, ks, gs


def _sym_grads(params: Params, **flags) -> dict:
    import sympy

    pairs, n, k, xs, ks, gs = _sym_data(params)
    dk, dx = _grads_1d(pairs, n, k, xs, ks, gs, sympy.S.Zero, **flags)
    return {"a": tuple(dk), "b": tuple(dx)}


def _sym_solve(params: Params) -> dict:
    return _sym_grads(params)


def _sym_only_first(params: Params) -> dict:
    if _sym_geometry(params)[4] == 1:
        return {}
    return _sym_grads(params, first_only=True)


def _sym_unflipped(params: Params) -> dict:
    if int(params["k"]) == 1:
        return {}
    return {"b": _sym_grads(params, flip_dx=True)["b"]}


def _sym_no_stride(params: Params) -> dict:
    """dL/dx with the m upstream values placed one apart, as if the stride were 1."""
    import sympy

    n, k, s, p, m = _sym_geometry(params)
    if s == 1 or m == 1:
        return {}
    _, _, _, xs, ks, gs = _sym_data(params)
    _, dx = _grads_1d(_pairs(n, k, 1, p, m), n, k, xs, ks, gs, sympy.S.Zero)
    return {"b": tuple(dx)}


def _sym_swapped(params: Params) -> dict:
    return _sym_grads(params, swapped=True)


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


def _sym_sample(rng: Rng, difficulty: str) -> Params:
    n, k, s, p = _sample_1d_geometry(rng, difficulty)
    return {"n": n, "k": k, "stride": s, "padding": p}


def _sym_steps(params: Params) -> dict:
    n, k, s, p, m = _sym_geometry(params)
    pairs = _pairs(n, k, s, p, m)
    outputs = []
    for i in range(1, m + 1):
        start = (i - 1) * s + 1 - p
        window = [(j, start + j - 1 if 1 <= start + j - 1 <= n else None) for j in range(1, k + 1)]
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


_ONLY_FIRST_FEEDBACK = ("You kept only the g1 terms: every output position uses the same kernel, so the gradient "
                        "adds up the contributions of all outputs g1, g2, and so on.")
_UNFLIPPED_FEEDBACK = ("You used the kernel unflipped in dL/dx: written as a full convolution, dL/dx slides the "
                       "flipped kernel over g, so x_t receives g_i times the k_j that multiplied x_t in y_i.")
_NO_STRIDE_FEEDBACK = ("You computed dL/dx as if the stride were 1: consecutive outputs start s inputs apart, "
                       "so g_i reaches x_t through k_j with t = (i - 1)s + j - p.")
_SWAPPED_FEEDBACK = ("You swapped the roles of kernel and input: differentiating k_j x_t with respect to k_j "
                     "leaves x_t (and with respect to x_t leaves k_j), so dL/dk is in the x's and dL/dx in the k's.")

CONV1D_SYMBOLIC = Kind(
    id="backprop.conv1d-symbolic",
    version=1,
    title="Backprop through a 1-D convolution, symbolically",
    parts=_sym_parts,
    sample=_sym_sample,
    validate=_sym_validate,
    solve=_sym_solve,
    steps=_sym_steps,
    misconceptions=(
        Misconception("only-first-output", _ONLY_FIRST_FEEDBACK, _sym_only_first),
        Misconception("unflipped-kernel-in-dx", _UNFLIPPED_FEEDBACK, _sym_unflipped),
        Misconception("dx-ignores-stride", _NO_STRIDE_FEEDBACK, _sym_no_stride),
        Misconception("swapped-roles", _SWAPPED_FEEDBACK, _sym_swapped),
    ),
)


# ---- backprop.conv1d-numeric -------------------------------------------------------------


def _num_validate(params: Params) -> None:
    x = P.vector(params, "x", max_len=_MAX_N)
    kernel = P.vector(params, "kernel", max_len=_MAX_K)
    if params.get("stride", 1) != 1 or params.get("padding", 0) not in (0, "valid"):
        raise ParamError("this problem uses stride 1 and no padding, so it takes no 'stride' or 'padding' param.")
    if len(kernel) > len(x):
        raise ParamError(f"the kernel ({len(kernel)} entries) is longer than the input x ({len(x)} entries).")
    m = len(x) - len(kernel) + 1
    upstream = P.vector(params, "upstream", max_len=_MAX_N)
    if len(upstream) != m:
        raise ParamError(f"param 'upstream' must have n - k + 1 = {len(x)} - {len(kernel)} + 1 = {m} "
                         f"entries, one per output, not {len(upstream)}.")


@P.memo
def _num_data(params: Params):
    """x, kernel, upstream as exact numbers indexed from 1, and n, k, m, pairs."""
    x, kern, g = P.vector(params, "x"), P.vector(params, "kernel"), P.vector(params, "upstream")
    n, k = len(x), len(kern)
    m = n - k + 1
    return [None] + x, [None] + kern, [None] + g, n, k, m, _pairs(n, k, 1, 0, m)


def _forward(xs, ks, n, k, m, flip=False) -> tuple:
    return _vec(_total([ks[k + 1 - j if flip else j] * xs[i + j - 1] for j in range(1, k + 1)], 0)
                for i in range(1, m + 1))


def _num_grads(params: Params, **flags) -> dict:
    xs, ks, gs, n, k, m, pairs = _num_data(params)
    dk, dx = _grads_1d(pairs, n, k, xs, ks, gs, 0, **flags)
    return {"b": _vec(dk), "c": _vec(dx)}


def _num_solve(params: Params) -> dict:
    xs, ks, gs, n, k, m, _ = _num_data(params)
    return {"a": _forward(xs, ks, n, k, m), **_num_grads(params)}


def _num_flipped(params: Params) -> dict:
    """True convolution forward; its dL/dk is the reference one reversed."""
    xs, ks, gs, n, k, m, _ = _num_data(params)
    if k == 1:
        return {}
    return {"a": _forward(xs, ks, n, k, m, flip=True), "b": tuple(reversed(_num_grads(params)["b"]))}


def _num_unflipped(params: Params) -> dict:
    if len(params["kernel"]) == 1:
        return {}
    return {"c": _num_grads(params, flip_dx=True)["c"]}


def _num_only_first(params: Params) -> dict:
    if len(params["x"]) == len(params["kernel"]):
        return {}
    return _num_grads(params, first_only=True)


def _num_swapped(params: Params) -> dict:
    return _num_grads(params, swapped=True)


def _nonzero(rng: Rng, lo: int, hi: int) -> int:
    while True:
        v = rng.integer(lo, hi)
        if v:
            return v


def _kernel_values(rng: Rng, k: int, lo: int, hi: int) -> list[int]:
    """Nonzero kernel entries that do not read the same backwards (flipping must show)."""
    while True:
        kern = [_nonzero(rng, lo, hi) for _ in range(k)]
        if kern != kern[::-1]:
            return kern


def _num_sample(rng: Rng, difficulty: str) -> Params:
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
        upstream = [_nonzero(rng, -3, 3) for _ in range(m)]
    return {"x": x, "kernel": kern, "upstream": upstream}


def _nonzero_fraction(rng: Rng) -> Fraction:
    while True:
        v = rng.fraction(-2, 2, (1, 2, 2))
        if v:
            return v


def _num_steps(params: Params) -> dict:
    xs, ks, gs, n, k, m, pairs = _num_data(params)
    outputs = [{"i": i, "terms": [(ks[j], xs[i + j - 1]) for j in range(1, k + 1)],
                "result": _exact(_total([ks[j] * xs[i + j - 1] for j in range(1, k + 1)], 0))}
               for i in range(1, m + 1)]
    dk = [{"j": j, "terms": [(i, t, gs[i], xs[t]) for i, jj, t in pairs if jj == j]} for j in range(1, k + 1)]
    dx = [{"t": t, "terms": [(i, j, gs[i], ks[j]) for i, j, tt in pairs if tt == t]} for t in range(1, n + 1)]
    return {"n": n, "k": k, "m": m, "x": _vec(xs[1:]), "kernel": _vec(ks[1:]), "g": _vec(gs[1:]),
            "outputs": outputs, "dk": dk, "dx": dx}


CONV1D_NUMERIC = Kind(
    id="backprop.conv1d-numeric",
    version=1,
    title="Backprop through a 1-D convolution, with numbers",
    parts=lambda params: (
        Part("a", "The output vector $y$.", "vector"),
        Part("b", r"The gradient $\partial L / \partial k$, one entry per kernel entry.", "vector", points=2),
        Part("c", r"The gradient $\partial L / \partial x$, one entry per input entry.", "vector", points=2),
    ),
    sample=_num_sample,
    validate=_num_validate,
    solve=_num_solve,
    steps=_num_steps,
    misconceptions=(
        Misconception(
            "flipped-kernel",
            "You flipped the kernel, computing a true convolution; deep-learning convolution is "
            "cross-correlation, y_i = k_1 x_i + k_2 x_(i+1) + ..., with no flip.",
            _num_flipped,
        ),
        Misconception("only-first-output", _ONLY_FIRST_FEEDBACK, _num_only_first),
        Misconception("unflipped-kernel-in-dx", _UNFLIPPED_FEEDBACK, _num_unflipped),
        Misconception(
            "swapped-roles",
            "You multiplied the upstream gradient by the kernel for dL/dk (or by x for dL/dx): the derivative "
            "of k_j x_t with respect to k_j is x_t, so dL/dk uses the inputs and dL/dx uses the kernel.",
            _num_swapped,
        ),
    ),
)


# ---- backprop.conv2d-numeric ---------------------------------------------------------------

_DIMS = {3: "channels, rows, columns", 4: "output channels, input channels, rows, columns"}
_EXAMPLES = {3: "[[[1, 2], [3, 4]]]", 4: "[[[[1, 0], [0, -1]]]]"}
_MAX_C = 8
_MAX_HW = 16


def _tensor(params: Params, name: str, depth: int) -> list:
    """A rectangular nested list of exact numbers, ``depth`` levels deep."""
    P.require(params, name)
    value = params[name]
    wrong = (f"param {name!r} must be a {depth}-D list of numbers ({_DIMS[depth]}), "
             f"such as {_EXAMPLES[depth]}.")
    shape = []
    v = value
    for _ in range(depth):
        if not isinstance(v, list) or not v:
            raise ParamError(wrong)
        shape.append(len(v))
        v = v[0]

    def walk(v: Any, d: int, index: str) -> Any:
        if d == depth:
            if isinstance(v, list):
                raise ParamError(wrong)
            return P.number(v, f"entry {index} of {name!r}")
        if not isinstance(v, list):
            raise ParamError(wrong)
        if len(v) != shape[d]:
            raise ParamError(f"param {name!r} is ragged: {name}{index} has {len(v)} entries where "
                             f"{name}{'[0]' * d} has {shape[d]}.")
        return [walk(x, d + 1, f"{index}[{i}]") for i, x in enumerate(v)]

    return walk(value, 0, "")


def _shape(t: list) -> tuple[int, ...]:
    dims = []
    while isinstance(t, list):
        dims.append(len(t))
        t = t[0]
    return tuple(dims)


def _padding_2d(params: Params, kh: int, kw: int, stride: int) -> int:
    """The padding as an int: a whole number, "valid" (0) or "same" (stride 1, odd square kernel)."""
    P.require(params, "padding")
    value = params["padding"]
    if value == "valid":
        return 0
    if value == "same":
        if stride != 1 or kh != kw or kh % 2 == 0:
            raise ParamError("padding 'same' needs stride 1 and an odd square kernel; give the padding as a number.")
        return (kh - 1) // 2
    if isinstance(value, str):
        raise ParamError(f"param 'padding' must be a whole number, \"valid\" or \"same\", not {value!r}.")
    return P.integer(params, "padding", low=0)


def _c2_validate(params: Params) -> None:
    X = _tensor(params, "X", 3)
    c_in, H, W = _shape(X)
    if c_in > _MAX_C or H > _MAX_HW or W > _MAX_HW:
        raise ParamError(f"param 'X' is too large for a problem worked by hand: at most {_MAX_C} channels "
                         f"of {_MAX_HW}x{_MAX_HW}.")
    weight = _tensor(params, "weight", 4)
    c_out, wc, kh, kw = _shape(weight)
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
    _check_padding_below_kernel(pad, min(kh, kw), "kernel size")
    check_window(H, kh, pad, what="input height")
    check_window(W, kw, pad, what="input width")
    oh, ow = out_size(H, kh, stride, pad), out_size(W, kw, stride, pad)
    G = _tensor(params, "upstream", 3)
    if _shape(G) != (c_out, oh, ow):
        got = "x".join(map(str, _shape(G)))
        raise ParamError(f"param 'upstream' must have the output's shape C_out x H' x W' = {c_out}x{oh}x{ow}, "
                         f"not {got}.")


@P.memo
def _c2_data(params: Params):
    X, Wt, G = _tensor(params, "X", 3), _tensor(params, "weight", 4), _tensor(params, "upstream", 3)
    _, _, kh, kw = _shape(Wt)
    s = int(params["stride"])
    return X, Wt, G, s, _padding_2d(params, kh, kw, s)


def _xat(X: list, c: int, r: int, t: int) -> Any:
    """X[c, r, t], or the padded zero outside X."""
    return X[c][r][t] if 0 <= r < len(X[0]) and 0 <= t < len(X[0][0]) else 0


def _db(G: list, mean: bool = False) -> tuple:
    return _vec(Fraction(sum(sum(row) for row in g), len(g) * len(g[0])) if mean else sum(sum(row) for row in g)
                for g in G)


def _dw(X, Wt, G, s, p, *, flip=False) -> tuple:
    c_out, c_in, kh, kw = _shape(Wt)
    oh, ow = len(G[0]), len(G[0][0])

    def entry(o, c, u, v):
        if flip:
            u, v = kh - 1 - u, kw - 1 - v
        return _exact(_total([G[o][i][j] * _xat(X, c, i * s + u - p, j * s + v - p)
                              for i in range(oh) for j in range(ow)], 0))

    return tuple(tuple(tuple(tuple(entry(o, c, u, v) for v in range(kw)) for u in range(kh))
                       for c in range(c_in)) for o in range(c_out))


def _dx(X, Wt, G, s, p, *, flip=False) -> tuple:
    """dL/dX; ``flip`` pairs G[o, i, j] with W[o, c, K-1-u, K-1-v] (the unflipped-kernel mistake)."""
    c_out, c_in, kh, kw = _shape(Wt)
    H, W = len(X[0]), len(X[0][0])
    D = [[[0] * W for _ in range(H)] for _ in range(c_in)]
    for o in range(c_out):
        for i in range(len(G[0])):
            for j in range(len(G[0][0])):
                for c in range(c_in):
                    for u in range(kh):
                        for v in range(kw):
                            r, t = i * s + u - p, j * s + v - p
                            if 0 <= r < H and 0 <= t < W:
                                w = Wt[o][c][kh - 1 - u][kw - 1 - v] if flip else Wt[o][c][u][v]
                                D[c][r][t] += G[o][i][j] * w
    return tuple(tuple(_vec(row) for row in ch) for ch in D)


def _c2_solve(params: Params) -> dict:
    X, Wt, G, s, p = _c2_data(params)
    return {"a": _db(G), "b": _dw(X, Wt, G, s, p), "c": _dx(X, Wt, G, s, p)}


def _c2_bias_mean(params: Params) -> dict:
    G = _tensor(params, "upstream", 3)
    if len(G[0]) * len(G[0][0]) == 1:
        return {}
    return {"a": _db(G, mean=True)}


def _c2_dw_flipped(params: Params) -> dict:
    X, Wt, G, s, p = _c2_data(params)
    _, _, kh, kw = _shape(Wt)
    if kh * kw == 1:
        return {}
    return {"b": _dw(X, Wt, G, s, p, flip=True)}


def _c2_dw_no_padding(params: Params) -> dict:
    """dL/dW read off the unpadded X: every window starts p rows and columns too far on."""
    X, Wt, G, s, p = _c2_data(params)
    if p == 0:
        return {}
    return {"b": _dw(X, Wt, G, s, 0)}


def _c2_dx_no_stride(params: Params) -> dict:
    X, Wt, G, s, p = _c2_data(params)
    if s == 1:
        return {}
    return {"c": _dx(X, Wt, G, 1, p)}


def _c2_dx_no_padding(params: Params) -> dict:
    X, Wt, G, s, p = _c2_data(params)
    if p == 0:
        return {}
    return {"c": _dx(X, Wt, G, s, 0)}


def _c2_dx_unflipped(params: Params) -> dict:
    X, Wt, G, s, p = _c2_data(params)
    _, _, kh, kw = _shape(Wt)
    if kh * kw == 1:
        return {}
    return {"c": _dx(X, Wt, G, s, p, flip=True)}


def _c2_sample(rng: Rng, difficulty: str) -> Params:
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
    oh, ow = out_size(H, K, s, p), out_size(W, K, s, p)
    lo = 0 if difficulty == "easy" else -3
    X = [[[rng.integer(lo, 3) for _ in range(W)] for _ in range(H)] for _ in range(c_in)]
    weight = [[[[_nonzero(rng, -2, 2) for _ in range(K)] for _ in range(K)] for _ in range(c_in)]
              for _ in range(c_out)]
    bias = [rng.integer(-2, 2) for _ in range(c_out)]
    upstream = [[[_nonzero(rng, -2, 2) for _ in range(ow)] for _ in range(oh)] for _ in range(c_out)]
    return {"X": X, "weight": weight, "bias": bias, "padding": p, "stride": s, "upstream": upstream}


def _c2_steps(params: Params) -> LaterSteps:
    """What the statement shows now; the gradient working only when a solution is rendered."""
    X, Wt, G, s, p = _c2_data(params)
    c_out, c_in, kh, kw = _shape(Wt)
    H, W = len(X[0]), len(X[0][0])
    oh, ow = len(G[0]), len(G[0][0])
    now = {
        "c_in": c_in, "c_out": c_out, "H": H, "W": W, "kh": kh, "kw": kw, "s": s, "p": p,
        "oh": oh, "ow": ow, "num": (H + 2 * p - kh, W + 2 * p - kw),
        "X": [tuple(_vec(row) for row in ch) for ch in X],
        "weight": [[tuple(_vec(row) for row in Wt[o][c]) for c in range(c_in)] for o in range(c_out)],
        "bias": _vec(P.vector(params, "bias")),
        "G": [tuple(_vec(row) for row in g) for g in G],
    }
    return LaterSteps(now, lambda: _c2_working(X, Wt, G, s, p))


def _c2_working(X: list, Wt: list, G: list, s: int, p: int) -> dict:
    c_out, c_in, kh, kw = _shape(Wt)
    H, W = len(X[0]), len(X[0][0])
    oh, ow = len(G[0]), len(G[0][0])
    dW = _dw(X, Wt, G, s, p)
    dX = _dx(X, Wt, G, s, p)
    db = _db(G)
    bias_lines = [{"o": o, "terms": [_exact(v) for row in G[o] for v in row], "result": db[o]}
                  for o in range(c_out)]
    dw_blocks = []
    for o in range(c_out):
        for c in range(c_in):
            lines = []
            for u in range(kh):
                for v in range(kw):
                    terms = [(_exact(G[o][i][j]), _exact(X[c][i * s + u - p][j * s + v - p]))
                             for i in range(oh) for j in range(ow)
                             if 0 <= i * s + u - p < H and 0 <= j * s + v - p < W]
                    lines.append({"u": u, "v": v, "terms": terms, "result": dW[o][c][u][v]})
            dw_blocks.append({"o": o, "c": c, "lines": lines})
    dx_blocks = []
    for c in range(c_in):
        lines = []
        for r in range(H):
            for t in range(W):
                terms = []
                for o in range(c_out):
                    for i in range(oh):
                        for j in range(ow):
                            u, v = r + p - i * s, t + p - j * s
                            if 0 <= u < kh and 0 <= v < kw:
                                terms.append({"o": o, "i": i, "j": j, "u": u, "v": v,
                                              "g": _exact(G[o][i][j]), "w": _exact(Wt[o][c][u][v])})
                lines.append({"r": r, "t": t, "terms": terms, "result": dX[c][r][t]})
        dx_blocks.append({"c": c, "lines": lines})
    padded = None
    if p:
        padded = [tuple(tuple(_exact(_xat(X, c, r, t)) for t in range(-p, W + p)) for r in range(-p, H + p))
                  for c in range(c_in)]
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
    parts=lambda params: (
        Part("a", r"The gradient $\partial L / \partial b$, one entry per output channel.", "vector"),
        Part("b", r"The gradient $\partial L / \partial W$, a tensor of the shape of $W$.", "tensor", points=2),
        Part("c", r"The gradient $\partial L / \partial X$, a tensor of the shape of $X$.", "tensor", points=2),
    ),
    sample=_c2_sample,
    validate=_c2_validate,
    solve=_c2_solve,
    steps=_c2_steps,
    misconceptions=(
        Misconception(
            "bias-mean",
            "You averaged the upstream gradient; each bias is added to every output position of its channel, "
            "so its gradient is the sum of that channel's upstream entries.",
            _c2_bias_mean,
        ),
        Misconception(
            "dw-flipped",
            "You flipped dL/dW (each kernel slice rotated by 180 degrees): the gradient of W[o, c, u, v] pairs "
            "each upstream entry with the input entry that this weight multiplied, with no flip.",
            _c2_dw_flipped,
        ),
        Misconception(
            "dw-ignores-padding",
            "You read dL/dW off the unpadded input: the windows run over the padded input, so the zeros on the "
            "border shift which input entry each weight multiplied.",
            _c2_dw_no_padding,
        ),
        Misconception(
            "dx-ignores-stride",
            "You computed dL/dX as if the stride were 1: the window of Z[o, i, j] starts at row i s - p and "
            "column j s - p, so each upstream entry goes back to the entries its own window covered.",
            _c2_dx_no_stride,
        ),
        Misconception(
            "dx-ignores-padding",
            "You computed dL/dX without the padding offset: the window of Z[o, i, j] starts at row i s - p and "
            "column j s - p of X, and the parts of it on the padded border get no gradient.",
            _c2_dx_no_padding,
        ),
        Misconception(
            "dx-unflipped-kernel",
            "You used the kernel unflipped in dL/dX: written as a full convolution, dL/dX slides the flipped "
            "kernel over the upstream gradient, so each X entry receives the upstream value times the weight "
            "that multiplied it.",
            _c2_dx_unflipped,
        ),
    ),
)

KINDS = [CONV1D_SYMBOLIC, CONV1D_NUMERIC, CONV2D_NUMERIC]
