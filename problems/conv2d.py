"""2-D convolution: single- and multi-channel outputs, output sizes, transposed output sizes.

"Convolution" is what deep-learning libraries compute: cross-correlation, no kernel flip.
Output entry Y[i, j] (0-based) is the sum of K[u, v] * P[i*s + u, j*s + v] over the kernel,
where P is the input with p rows of zeros above and below and p columns left and right.

A misconception returns no answer for a part when the mistake has nothing to act on in the
given params (padding counted once when there is no padding, channels averaged when there
is one channel): such a student would answer correctly, and the problem does not test it.
"""

from __future__ import annotations

import json
from fractions import Fraction
from functools import lru_cache
from typing import Any

from . import params as P
from .model import Kind, Misconception, Params, ParamError, Part, fixed_parts
from .rng import Rng
from .sizes import check_window, out_size

_MAX_SIZE = 100_000
_MAX_ENTRIES = 10

Number = int | Fraction
Matrix = list[list[Number]]


def _exact(value: Number) -> Number:
    """Fractions with denominator 1 become ints, so answers compare and print cleanly."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def _frozen(M) -> tuple[tuple, ...]:
    return tuple(tuple(_exact(v) for v in row) for row in M)


# ---- params shared by the kinds -------------------------------------------------------


def _pair(params: Params, name: str, *, low: int, default: int | None = None) -> tuple[int, int]:
    """An int or a pair [height, width] of ints, as a (height, width) tuple."""
    if name not in params and default is not None:
        return (default, default)
    P.require(params, name)
    value = params[name]
    if isinstance(value, list):
        if len(value) != 2:
            raise ParamError(f"param {name!r} must be a whole number or a pair [height, width], "
                             f"not a list of {len(value)} entries.")
        return tuple(P.integer({name: v}, name, low=low, high=_MAX_SIZE) for v in value)  # type: ignore[return-value]
    v = P.integer(params, name, low=low, high=_MAX_SIZE)
    return (v, v)


def _stride(params: Params) -> int:
    return P.integer({"stride": params.get("stride", 1)}, "stride", low=1, high=_MAX_SIZE)


def _padding(params: Params, kh: int, kw: int, stride: int) -> tuple[int, int]:
    """The ``padding`` of the matrix kinds: a whole number, "valid" (0) or "same" (stride 1, odd kernel)."""
    value = params.get("padding", 0)
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "valid":
            return (0, 0)
        if word == "same":
            if stride != 1:
                raise ParamError('padding "same" needs stride 1, as in PyTorch; give the padding as a number instead.')
            if kh % 2 == 0 or kw % 2 == 0:
                raise ParamError('padding "same" needs an odd kernel size, so that both sides get the same '
                                 'padding; give the padding as a number instead.')
            return ((kh - 1) // 2, (kw - 1) // 2)
        raise ParamError(f'param \'padding\' must be a whole number, "same" or "valid", not {value!r}.')
    p = P.integer({"padding": value}, "padding", low=0, high=_MAX_SIZE)
    return (p, p)


def _parsed(parse):
    """``parse(params)`` remembered for the last few params (keyed by their JSON text): a kind
    parses the same params for its answer, its steps and every misconception. Callers must
    not change what it returns."""

    @lru_cache(maxsize=64)
    def cached(key: str):
        return parse(json.loads(key))

    def get(params: Params):
        try:
            key = json.dumps(params, sort_keys=True)
        except (TypeError, ValueError):
            return parse(params)
        return cached(key)

    return get


# ---- the arithmetic -------------------------------------------------------------------


def _rot180(K: Matrix) -> Matrix:
    return [list(reversed(row)) for row in reversed(K)]


def _symmetric(K: Matrix) -> bool:
    """True when the kernel equals itself rotated by 180 degrees (flipping changes nothing)."""
    return [list(r) for r in K] == _rot180(K)


def _pad(X: Matrix, top: int, bottom: int, left: int, right: int) -> list[list[Number | None]]:
    """X with padded cells marked None (they count as 0)."""
    width = len(X[0]) + left + right
    return ([[None] * width for _ in range(top)]
            + [[None] * left + list(row) + [None] * right for row in X]
            + [[None] * width for _ in range(bottom)])


def _windows(padded, kh: int, kw: int, stride: int):
    """For each output row, for each output column: the window's cells (padded value, kernel index)."""
    rows = (len(padded) - kh) // stride + 1
    cols = (len(padded[0]) - kw) // stride + 1
    return [[[(padded[i * stride + u][j * stride + v], (u, v)) for u in range(kh) for v in range(kw)]
             for j in range(cols)] for i in range(rows)]


def _window_sum(cells, K: Matrix) -> Number:
    return _exact(sum(x * K[u][v] for x, (u, v) in cells if x is not None))


def _xcorr(padded, K: Matrix, stride: int) -> tuple[tuple, ...]:
    return tuple(tuple(_window_sum(cells, K) for cells in row) for row in _windows(padded, len(K), len(K[0]), stride))


def _out_shape(H: int, W: int, kh: int, kw: int, stride: int, pad: tuple[int, int]) -> tuple[int, int]:
    return out_size(H, kh, stride, pad[0]), out_size(W, kw, stride, pad[1])


def _terms(cells, K: Matrix) -> list[list[tuple[Number, Number]]]:
    """(input value, kernel value) of the real cells of a window, one list per kernel row that
    has any; padded zeros drop out."""
    groups: list[list[tuple[Number, Number]]] = [[] for _ in K]
    for x, (u, v) in cells:
        if x is not None:
            groups[u].append((_exact(x), _exact(K[u][v])))
    return [g for g in groups if g]


def _check_fits(H: int, W: int, kh: int, kw: int, pad: tuple[int, int]) -> None:
    check_window(H, kh, pad[0], what="input height")
    check_window(W, kw, pad[1], what="input width")


# Shape mistakes shared by the matrix kinds, per dimension (n, k, s, p).

def _plus_one_missing(n: int, k: int, s: int, p: int) -> int:
    return (n + 2 * p - k) // s


def _stride_first(n: int, k: int, s: int, p: int) -> int:
    """Divided by the stride before adding the padding: floor((n - k)/s) + 1 + 2p."""
    return (n - k) // s + 1 + 2 * p


_FLIP_FEEDBACK = ("You flipped the kernel (rotated it by 180 degrees), as in the convolution of signal processing; "
                  "deep-learning convolution is cross-correlation, with no flip.")
_PADDING_ONCE_FEEDBACK = ("You padded one side only; the padding p is added on every side, "
                          "so the padded input is H + 2p by W + 2p.")
_STRIDE_FIRST_FEEDBACK = ("You divided by the stride before adding the padding; the padding widens the input first: "
                          "floor((H + 2p - k)/s) + 1.")
_PLUS_ONE_FEEDBACK = ("You left out the +1 in floor((H + 2p - k)/s) + 1: "
                      "the first window position counts too.")


def _misconceptions(reference, mistakes) -> tuple[Misconception, ...]:
    """The kind's misconceptions from (name, feedback, solve) triples.

    A mistake keeps only the parts where it changes the answer: it can be invisible for some
    params (padding on one side only when no window reaches the far side, a floor that
    swallows the difference), and a student who makes it there answers correctly. When two
    mistakes give the same wrong answer to a part (forgetting the +1 and padding once agree
    when p = 1 and s = 1), the one listed first claims it, so a wrong answer names one mistake.
    """

    def table(params: Params) -> list[dict]:
        right = reference(params)
        claimed: dict[str, list] = {}
        out = []
        for _, _, wrong in mistakes:
            shown = {label: value for label, value in wrong(params).items() if value != right.get(label)}
            out.append({label: value for label, value in shown.items() if value not in claimed.get(label, ())})
            for label, value in shown.items():
                claimed.setdefault(label, []).append(value)
        return out

    @lru_cache(maxsize=32)
    def cached(key: str) -> list[dict]:
        return table(json.loads(key))

    def make(index: int):
        def solve(params: Params) -> dict:
            try:
                key = json.dumps(params, sort_keys=True)
            except (TypeError, ValueError):
                return table(params)[index]
            return dict(cached(key)[index])

        return solve

    return tuple(Misconception(name, feedback, make(i)) for i, (name, feedback, _) in enumerate(mistakes))


def _distinct(draw, reference, mistakes, values=lambda params: ()):
    """A sampler that redraws until every mistake that applies shows in every part it touches,
    so a sampled problem tests all its misconceptions (``_misconceptions`` hides the others).

    For the parts named by ``values(params)`` (computed entries, not shapes) it also redraws
    when two mistakes happen to give the same answer, so each wrong value names one mistake.
    """

    def ok(params: Params) -> bool:
        right = reference(params)
        seen: dict[str, list] = {}
        for _, _, wrong in mistakes:
            for label, value in wrong(params).items():
                if value == right.get(label):
                    return False
                seen.setdefault(label, []).append(value)
        return all(len(set(seen.get(label, ()))) == len(seen.get(label, ())) for label in values(params))

    def sample(rng: Rng, difficulty: str) -> Params:
        for _ in range(200):
            params = draw(rng, difficulty)
            if ok(params):
                break
        return params

    return sample


# ---- conv2d.single-channel ------------------------------------------------------------


@_parsed
def _sc_data(params: Params):
    """X, K, stride, (ph, pw) of validated params."""
    X = P.matrix(params, "X")
    K = P.matrix(params, "kernel")
    s = _stride(params)
    return X, K, s, _padding(params, len(K), len(K[0]), s)


def _sc_validate(params: Params) -> None:
    X, K, s, pad = _sc_data(params)
    _check_fits(len(X), len(X[0]), len(K), len(K[0]), pad)


def _sc_solve(params: Params) -> dict:
    X, K, s, (ph, pw) = _sc_data(params)
    return {"a": _out_shape(len(X), len(X[0]), len(K), len(K[0]), s, (ph, pw)),
            "b": _xcorr(_pad(X, ph, ph, pw, pw), K, s)}


def _sc_steps(params: Params) -> dict:
    X, K, s, (ph, pw) = _sc_data(params)
    padded = _pad(X, ph, ph, pw, pw)
    H, W, kh, kw = len(X), len(X[0]), len(K), len(K[0])
    windows = _windows(padded, kh, kw, s)
    rows = [[{"i": i, "j": j, "top": i * s - ph, "left": j * s - pw, "terms": _terms(cells, K),
              "result": _window_sum(cells, K)} for j, cells in enumerate(row)] for i, row in enumerate(windows)]
    return {
        "X": _frozen(X), "K": _frozen(K), "H": H, "W": W, "kh": kh, "kw": kw, "s": s, "ph": ph, "pw": pw,
        "square": kh == kw and ph == pw,
        "num": (H + 2 * ph - kh, W + 2 * pw - kw),
        "out": (len(windows), len(windows[0])),
        "padded": tuple(tuple(0 if v is None else _exact(v) for v in row) for row in padded) if ph or pw else None,
        "padding_word": params.get("padding") if isinstance(params.get("padding"), str) else None,
        "rows": rows,
    }


def _sc_flipped(params: Params) -> dict:
    X, K, s, (ph, pw) = _sc_data(params)
    if _symmetric(K):
        return {}
    return {"b": _xcorr(_pad(X, ph, ph, pw, pw), _rot180(K), s)}


def _sc_padding_once(params: Params) -> dict:
    X, K, s, (ph, pw) = _sc_data(params)
    H, W, kh, kw = len(X), len(X[0]), len(K), len(K[0])
    if not (ph or pw) or H + ph < kh or W + pw < kw:
        return {}
    return {"a": ((H + ph - kh) // s + 1, (W + pw - kw) // s + 1), "b": _xcorr(_pad(X, ph, 0, pw, 0), K, s)}


def _sc_stride_first(params: Params) -> dict:
    X, K, s, (ph, pw) = _sc_data(params)
    H, W, kh, kw = len(X), len(X[0]), len(K), len(K[0])
    if s == 1 or not (ph or pw) or H < kh or W < kw:
        return {}
    return {"a": (_stride_first(H, kh, s, ph), _stride_first(W, kw, s, pw))}


def _sc_plus_one(params: Params) -> dict:
    X, K, s, (ph, pw) = _sc_data(params)
    return {"a": (_plus_one_missing(len(X), len(K), s, ph), _plus_one_missing(len(X[0]), len(K[0]), s, pw))}


def _random_kernel(rng: Rng, k: int, rational: bool) -> Matrix:
    """A k x k kernel that is not symmetric under a 180-degree rotation (and not all zero)."""
    while True:
        if rational:
            K = [[rng.fraction(-1, 1, (2, 4)) for _ in range(k)] for _ in range(k)]
            if all(v.denominator == 1 for row in K for v in row):
                continue
        else:
            K = [[rng.integer(-2, 2) for _ in range(k)] for _ in range(k)]
        if not _symmetric(K) and any(v for row in K for v in row):
            return [[_exact(v) for v in row] for row in K]


def _geometry(rng: Rng, difficulty: str, max_out: int) -> tuple[int, int, int, int, int, Any]:
    """(H, W, k, stride, p, padding param) with 2..max_out outputs per direction."""
    if difficulty == "easy":
        n = rng.choice((4, 5))
        return n, n, 2, 1, 0, 0
    while True:
        if difficulty == "medium":
            k = rng.choice((2, 3))
            s = rng.integer(1, 2)
            p = rng.integer(0, 1)
            lo, hi = 4, 6
        else:
            k = 3
            s = rng.integer(1, 2)
            p = rng.integer(0, 2)
            lo, hi = 4, 8
        sizes = [n for n in range(lo, hi + 1) if 2 <= out_size(n, k, s, p) <= max_out]
        if not sizes:
            continue
        H, W = rng.choice(sizes), rng.choice(sizes)
        padding: Any = p
        if p == 0 and rng.integer(0, 3) == 0:
            padding = "valid"
        elif s == 1 and 2 * p == k - 1 and rng.coin():
            padding = "same"
        return H, W, k, s, p, padding


def _sc_sample(rng: Rng, difficulty: str) -> Params:
    H, W, k, s, _, padding = _geometry(rng, difficulty, 4)
    lo, hi = {"easy": (0, 9), "medium": (-2, 5), "hard": (-3, 6)}[difficulty]
    X = [[rng.integer(lo, hi) for _ in range(W)] for _ in range(H)]
    K = _random_kernel(rng, k, rational=difficulty == "hard")
    return {"X": X, "kernel": [[P.json_number(v) for v in row] for row in K], "padding": padding, "stride": s}


_SC_MISTAKES = (
    ("flipped-kernel", _FLIP_FEEDBACK, _sc_flipped),
    ("forgot-plus-one", _PLUS_ONE_FEEDBACK, _sc_plus_one),
    ("padding-once", _PADDING_ONCE_FEEDBACK, _sc_padding_once),
    ("stride-before-padding", _STRIDE_FIRST_FEEDBACK, _sc_stride_first),
)

SINGLE_CHANNEL = Kind(
    id="conv2d.single-channel",
    version=1,
    title="2-D convolution of one channel",
    parts=fixed_parts(
        Part("a", "The shape $(H', W')$ of the output $Y$.", "shape"),
        Part("b", "The output matrix $Y$.", "matrix", points=2),
    ),
    sample=_distinct(_sc_sample, _sc_solve, _SC_MISTAKES, lambda params: ("b",)),
    validate=_sc_validate,
    solve=_sc_solve,
    steps=_sc_steps,
    misconceptions=_misconceptions(_sc_solve, _SC_MISTAKES),
)


# ---- conv2d.multi-channel -------------------------------------------------------------

_DEFAULT_ENTRIES = [[0, 0], [0, 1]]


def _tensor(params: Params, name: str) -> list[Matrix]:
    """A list of equally shaped matrices (channels first)."""
    P.require(params, name)
    value = params[name]
    if (not isinstance(value, list) or not value
            or not all(isinstance(ch, list) and ch and all(isinstance(r, list) for r in ch) for ch in value)):
        raise ParamError(f"param {name!r} must be a list of channels, each a matrix written as a list of rows, "
                         f"such as [[[1, 2], [3, 4]]].")
    channels = [P.matrix({f"{name}[{c}]": ch}, f"{name}[{c}]") for c, ch in enumerate(value)]
    shape = (len(channels[0]), len(channels[0][0]))
    for c, ch in enumerate(channels):
        if (len(ch), len(ch[0])) != shape:
            raise ParamError(f"channel {c} of param {name!r} is {len(ch)}x{len(ch[0])}, but channel 0 is "
                             f"{shape[0]}x{shape[1]}; all channels must have the same shape.")
    return channels


@_parsed
def _mc_data(params: Params):
    """X, weight, filters, stride, (ph, pw) of validated params."""
    X = _tensor(params, "X")
    Wt = _tensor(params, "weight")
    if len(Wt) != len(X):
        raise ParamError(f"param 'weight' has {len(Wt)} channel(s) but 'X' has {len(X)}; a filter has one "
                         f"kernel per input channel.")
    filters = P.integer(params, "filters", low=1, high=_MAX_SIZE)
    s = _stride(params)
    return X, Wt, filters, s, _padding(params, len(Wt[0]), len(Wt[0][0]), s)


def _mc_shape(X, Wt, s, pad) -> tuple[int, int]:
    return _out_shape(len(X[0]), len(X[0][0]), len(Wt[0]), len(Wt[0][0]), s, pad)


def _entries(params: Params, out: tuple[int, int]) -> list[tuple[int, int]]:
    value = params.get("entries", _DEFAULT_ENTRIES)
    if not isinstance(value, list) or not value:
        raise ParamError("param 'entries' must be a non-empty list of [i, j] positions, such as [[0, 0], [0, 1]].")
    if len(value) > _MAX_ENTRIES:
        raise ParamError(f"param 'entries' may ask for at most {_MAX_ENTRIES} positions, not {len(value)}.")
    found: list[tuple[int, int]] = []
    for e in value:
        if (not isinstance(e, list) or len(e) != 2
                or any(isinstance(v, bool) or not isinstance(v, int) for v in e)):
            raise ParamError(f"each of 'entries' must be a pair [i, j] of whole numbers, not {e!r}.")
        i, j = e
        if not (0 <= i < out[0] and 0 <= j < out[1]):
            raise ParamError(f"entry [{i}, {j}] of 'entries' is outside the output, whose rows run 0..{out[0] - 1} "
                             f"and columns 0..{out[1] - 1} (0-based).")
        if (i, j) in found:
            raise ParamError(f"param 'entries' lists [{i}, {j}] twice.")
        found.append((i, j))
    return found


def _mc_validate(params: Params) -> None:
    X, Wt, _, s, pad = _mc_data(params)
    _check_fits(len(X[0]), len(X[0][0]), len(Wt[0]), len(Wt[0][0]), pad)
    _entries(params, _mc_shape(X, Wt, s, pad))


def _labels(params: Params) -> list[str]:
    return [chr(ord("c") + n) for n in range(len(params.get("entries", _DEFAULT_ENTRIES)))]


def _mc_parts(params: Params) -> tuple[Part, ...]:
    parts = [
        Part("a", "The shape $(C_{in}, K, K)$ of one filter.", "shape"),
        Part("b", "The shape $(F, H', W')$ of the output $Z$.", "shape"),
    ]
    for label, e in zip(_labels(params), params.get("entries", _DEFAULT_ENTRIES)):
        i, j = e
        parts.append(Part(label, f"The entry $Z[0, {i}, {j}]$: output channel 0, row {i}, column {j} (0-based).",
                          "number"))
    return tuple(parts)


def _channel_sums(params: Params, flip: bool = False) -> list[tuple[tuple[int, int], list[Number]]]:
    """For every requested entry, the per-channel window sums of filter 0."""
    X, Wt, _, s, (ph, pw) = _mc_data(params)
    kernels = [_rot180(K) if flip else K for K in Wt]
    out = []
    for i, j in _entries(params, _mc_shape(X, Wt, s, (ph, pw))):
        out.append(((i, j), [_window_sum(_cells(Xc, K, s, ph, pw, i, j), K) for Xc, K in zip(X, kernels)]))
    return out


def _cells(X: Matrix, K: Matrix, s: int, ph: int, pw: int, i: int, j: int):
    """The window of output (i, j) as (input value or None for padding, kernel index) pairs."""
    top, left = i * s - ph, j * s - pw
    H, W = len(X), len(X[0])
    return [(X[top + u][left + v] if 0 <= top + u < H and 0 <= left + v < W else None, (u, v))
            for u in range(len(K)) for v in range(len(K[0]))]


def _per_entry(params: Params, combine) -> dict:
    return {label: _exact(combine(sums)) for label, (_, sums) in zip(_labels(params), _channel_sums(params))}


def _mc_solve(params: Params) -> dict:
    X, Wt, filters, s, pad = _mc_data(params)
    oh, ow = _mc_shape(X, Wt, s, pad)
    answers: dict = {"a": (len(Wt), len(Wt[0]), len(Wt[0][0])), "b": (filters, oh, ow)}
    answers.update(_per_entry(params, lambda sums: sum(sums)))
    return answers


def _mc_steps(params: Params) -> dict:
    X, Wt, filters, s, (ph, pw) = _mc_data(params)
    C, H, W, kh, kw = len(X), len(X[0]), len(X[0][0]), len(Wt[0]), len(Wt[0][0])
    oh, ow = _mc_shape(X, Wt, s, (ph, pw))
    entries = []
    for label, (i, j) in zip(_labels(params), _entries(params, (oh, ow))):
        channels = []
        for c in range(C):
            cells = _cells(X[c], Wt[c], s, ph, pw, i, j)
            channels.append({"c": c, "terms": _terms(cells, Wt[c]), "sum": _window_sum(cells, Wt[c])})
        entries.append({"label": label, "i": i, "j": j, "top": i * s - ph, "left": j * s - pw,
                        "bottom": i * s - ph + kh - 1, "right": j * s - pw + kw - 1,
                        "channels": channels, "result": _exact(sum(ch["sum"] for ch in channels))})
    return {
        "X": tuple(_frozen(ch) for ch in X), "weight": tuple(_frozen(ch) for ch in Wt),
        "C": C, "H": H, "W": W, "kh": kh, "kw": kw, "s": s, "ph": ph, "pw": pw, "F": filters,
        "square": kh == kw and ph == pw and H == W,
        "num": (H + 2 * ph - kh, W + 2 * pw - kw),
        "out": (oh, ow),
        "padding_word": params.get("padding") if isinstance(params.get("padding"), str) else None,
        "entries": entries,
    }


def _mc_channel_forgotten(params: Params) -> dict:
    X, Wt, _, s, pad = _mc_data(params)
    return {"a": (len(Wt[0]), len(Wt[0][0])), "b": _mc_shape(X, Wt, s, pad)}


def _mc_first_channel(params: Params) -> dict:
    if len(params["X"]) < 2:
        return {}
    return _per_entry(params, lambda sums: sums[0])


def _mc_averaged(params: Params) -> dict:
    if len(params["X"]) < 2:
        return {}
    return _per_entry(params, lambda sums: Fraction(sum(sums), len(sums)))


def _mc_flipped(params: Params) -> dict:
    _, Wt, _, _, _ = _mc_data(params)
    if all(_symmetric(K) for K in Wt):
        return {}
    return {label: _exact(sum(sums)) for label, (_, sums) in zip(_labels(params), _channel_sums(params, flip=True))}


def _mc_plus_one(params: Params) -> dict:
    X, Wt, filters, s, (ph, pw) = _mc_data(params)
    return {"b": (filters, _plus_one_missing(len(X[0]), len(Wt[0]), s, ph),
                  _plus_one_missing(len(X[0][0]), len(Wt[0][0]), s, pw))}


def _mc_sample(rng: Rng, difficulty: str) -> Params:
    H, W, k, s, p, padding = _geometry(rng, difficulty, 5)
    C = {"easy": rng.integer(1, 2), "medium": 2, "hard": rng.integer(2, 3)}[difficulty]
    filters = rng.choice({"easy": (2, 3, 4), "medium": (4, 8, 16), "hard": (8, 16, 32, 64)}[difficulty])
    lo, hi = {"easy": (0, 5), "medium": (-2, 5), "hard": (-3, 5)}[difficulty]
    X = [[[rng.integer(lo, hi) for _ in range(W)] for _ in range(H)] for _ in range(C)]
    weight = [_random_kernel(rng, k, rational=False) for _ in range(C)]
    if difficulty == "easy":
        entries = [list(e) for e in _DEFAULT_ENTRIES]
    else:
        oh, ow = out_size(H, k, s, p), out_size(W, k, s, p)
        count = 2 if difficulty == "medium" else 3
        entries = [[q // ow, q % ow] for q in sorted(rng.distinct(0, oh * ow - 1, count))]
    return {"X": X, "weight": weight, "filters": filters, "padding": padding, "stride": s, "entries": entries}


_MC_MISTAKES = (
    (
        "channel-dimension-forgotten",
        "A filter spans all input channels, so its shape is (C_in, K, K), and the output has one channel "
        "per filter: (F, H', W').",
        _mc_channel_forgotten,
    ),
    ("flipped-kernel", _FLIP_FEEDBACK, _mc_flipped),
    (
        "first-channel-only",
        "You used input channel 0 only; an output entry sums the window products over every input channel.",
        _mc_first_channel,
    ),
    (
        "channels-averaged",
        "You averaged the channels' contributions; a convolution adds them up, with no division by C_in.",
        _mc_averaged,
    ),
    ("forgot-plus-one", _PLUS_ONE_FEEDBACK, _mc_plus_one),
)

MULTI_CHANNEL = Kind(
    id="conv2d.multi-channel",
    version=1,
    title="2-D convolution over several input channels",
    parts=_mc_parts,
    sample=_distinct(_mc_sample, _mc_solve, _MC_MISTAKES, _labels),
    validate=_mc_validate,
    solve=_mc_solve,
    steps=_mc_steps,
    misconceptions=_misconceptions(_mc_solve, _MC_MISTAKES),
)


# ---- conv2d.output-size ---------------------------------------------------------------


def _os_data(params: Params):
    """(H, W), (kh, kw), (ph, pw), (sh, sw), (dh, dw) of validated params."""
    H = P.integer(params, "height", low=1, high=_MAX_SIZE)
    W = P.integer(params, "width", low=1, high=_MAX_SIZE)
    return ((H, W), _pair(params, "kernel", low=1), _pair(params, "padding", low=0, default=0),
            _pair(params, "stride", low=1, default=1), _pair(params, "dilation", low=1, default=1))


def _os_validate(params: Params) -> None:
    n, k, p, _, d = _os_data(params)
    check_window(n[0], k[0], p[0], d[0], what="input height")
    check_window(n[1], k[1], p[1], d[1], what="input width")


def _os_dims(params: Params, size) -> tuple[int, int]:
    n, k, p, s, d = _os_data(params)
    return tuple(size(n[x], k[x], s[x], p[x], d[x]) for x in (0, 1))  # type: ignore[return-value]


def _os_solve(params: Params) -> dict:
    return {"a": _os_dims(params, lambda n, k, s, p, d: out_size(n, k, s, p, d))}


def _os_steps(params: Params) -> dict:
    n, k, p, s, d = _os_data(params)
    dims = []
    for x, name in enumerate(("H", "W")):
        span = d[x] * (k[x] - 1) + 1
        dims.append({"name": name, "n": n[x], "k": k[x], "p": p[x], "s": s[x], "d": d[x], "span": span,
                     "num": n[x] + 2 * p[x] - span, "out": out_size(n[x], k[x], s[x], p[x], d[x])})
    return {"dims": dims, "same": all(v[0] == v[1] for v in (n, k, p, s, d)),
            "kernel_pair": k[0] != k[1], "dilated": d != (1, 1)}


def _os_when(condition, size):
    """A shape mistake that only shows when ``condition(n, k, s, p, d)`` holds in some direction."""

    def solve(params: Params) -> dict:
        n, k, p, s, d = _os_data(params)
        if not any(condition(n[x], k[x], s[x], p[x], d[x]) for x in (0, 1)):
            return {}
        return {"a": _os_dims(params, lambda *a: size(*a) if condition(*a) else out_size(a[0], a[1], a[2], a[3], a[4]))}

    return solve


def _os_sample(rng: Rng, difficulty: str) -> Params:
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


_OS_MISTAKES = (
    (
        "dilation-ignored",
        "You ignored the dilation: a kernel of size k with dilation d spans d(k - 1) + 1 pixels, "
        "so subtract d(k - 1) + 1 rather than k.",
        _os_when(lambda n, k, s, p, d: d > 1 and k > 1, lambda n, k, s, p, d: out_size(n, k, s, p)),
    ),
    (
        "forgot-plus-one",
        "You left out the +1 in floor((H + 2p - d(k - 1) - 1)/s) + 1: the first window position counts too.",
        _os_when(lambda *a: True, lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s),
    ),
    (
        "padding-once",
        "You added the padding once; it is added on both sides, so H + 2p.",
        _os_when(lambda n, k, s, p, d: p > 0, lambda n, k, s, p, d: (n + p - d * (k - 1) - 1) // s + 1),
    ),
    (
        "stride-before-padding",
        "You divided by the stride before adding the padding; the padding widens the input first: "
        "floor((H + 2p - d(k - 1) - 1)/s) + 1.",
        _os_when(lambda n, k, s, p, d: s > 1 and p > 0 and n >= d * (k - 1) + 1,
                 lambda n, k, s, p, d: (n - d * (k - 1) - 1) // s + 1 + 2 * p),
    ),
)

OUTPUT_SIZE = Kind(
    id="conv2d.output-size",
    version=1,
    title="Output size of a 2-D convolution",
    parts=fixed_parts(Part("a", "The spatial size $(H', W')$ of the output.", "shape")),
    sample=_distinct(_os_sample, _os_solve, _OS_MISTAKES),
    validate=_os_validate,
    solve=_os_solve,
    steps=_os_steps,
    misconceptions=_misconceptions(_os_solve, _OS_MISTAKES),
)


# ---- conv2d.transposed-output-size ----------------------------------------------------


def _tr_data(params: Params):
    H = P.integer(params, "height", low=1, high=_MAX_SIZE)
    W = P.integer(params, "width", low=1, high=_MAX_SIZE)
    return ((H, W), _pair(params, "kernel", low=1), _pair(params, "padding", low=0, default=0),
            _pair(params, "stride", low=1, default=1), _pair(params, "output_padding", low=0, default=0))


def _tr_size(n: int, k: int, s: int, p: int, op: int) -> int:
    return (n - 1) * s - 2 * p + k + op


def _tr_validate(params: Params) -> None:
    n, k, p, s, op = _tr_data(params)
    for x, side in enumerate(("height", "width")):
        if op[x] >= s[x]:
            raise ParamError(f"output_padding {op[x]} must be smaller than the stride {s[x]}, as PyTorch requires.")
        if _tr_size(n[x], k[x], s[x], p[x], op[x]) < 1:
            raise ParamError(f"padding {p[x]} is too large: it would crop the output {side} to nothing.")


def _tr_dims(params: Params, size) -> tuple[int, int]:
    n, k, p, s, op = _tr_data(params)
    return tuple(size(n[x], k[x], s[x], p[x], op[x]) for x in (0, 1))  # type: ignore[return-value]


def _tr_solve(params: Params) -> dict:
    return {"a": _tr_dims(params, _tr_size)}


def _tr_steps(params: Params) -> dict:
    n, k, p, s, op = _tr_data(params)
    dims = [{"name": name, "n": n[x], "k": k[x], "p": p[x], "s": s[x], "op": op[x],
             "stretched": (n[x] - 1) * s[x], "out": _tr_size(n[x], k[x], s[x], p[x], op[x])}
            for x, name in enumerate(("H", "W"))]
    return {"dims": dims, "same": all(v[0] == v[1] for v in (n, k, p, s, op))}


def _tr_when(condition, size):
    def solve(params: Params) -> dict:
        n, k, p, s, op = _tr_data(params)
        if not any(condition(n[x], k[x], s[x], p[x], op[x]) for x in (0, 1)):
            return {}
        return {"a": _tr_dims(params, lambda *a: size(*a) if condition(*a) else _tr_size(*a))}

    return solve


def _tr_forward(params: Params) -> dict:
    n, k, p, s, _ = _tr_data(params)
    if any(n[x] + 2 * p[x] < k[x] for x in (0, 1)):
        return {}
    return {"a": _tr_dims(params, lambda n, k, s, p, op: out_size(n, k, s, p))}


def _tr_sample(rng: Rng, difficulty: str) -> Params:
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


_TR_MISTAKES = (
    (
        "forward-formula",
        "You used the output size of an ordinary convolution; a transposed convolution goes the other way: "
        "(H - 1)s - 2p + k + output_padding.",
        _tr_forward,
    ),
    (
        "forgot-output-padding",
        "You left out output_padding, which adds that many rows and columns to one side of the output.",
        _tr_when(lambda n, k, s, p, op: op > 0, lambda n, k, s, p, op: _tr_size(n, k, s, p, 0)),
    ),
    (
        "padding-added",
        "You added the padding; in a transposed convolution padding p removes p rows and columns "
        "from each side of the output, so subtract 2p.",
        _tr_when(lambda n, k, s, p, op: p > 0, lambda n, k, s, p, op: (n - 1) * s + 2 * p + k + op),
    ),
)

TRANSPOSED_OUTPUT_SIZE = Kind(
    id="conv2d.transposed-output-size",
    version=1,
    title="Output size of a transposed 2-D convolution",
    parts=fixed_parts(Part("a", "The spatial size $(H', W')$ of the output.", "shape")),
    sample=_distinct(_tr_sample, _tr_solve, _TR_MISTAKES),
    validate=_tr_validate,
    solve=_tr_solve,
    steps=_tr_steps,
    misconceptions=_misconceptions(_tr_solve, _TR_MISTAKES),
)

KINDS = [SINGLE_CHANNEL, MULTI_CHANNEL, OUTPUT_SIZE, TRANSPOSED_OUTPUT_SIZE]
