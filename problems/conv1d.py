"""conv1d: the sliding window of a 1D convolution (cross-correlation, as deep-learning libraries compute it).

Conventions shared with ``weight_sharing``: the input is x1..xn, the kernel k1..kk and the output
y1..ym, all 1-based. ``padding`` is a whole number of zeros on each side, ``"valid"`` (no padding)
or ``"same"``, which follows PyTorch: only with stride 1, total padding k - 1 split as (k - 1) // 2
zeros on the left and the rest on the right, so the output is as long as the input. Output y_i
is the window of k entries of the padded input starting at padded entry (i - 1) s + 1, multiplied
entrywise with (k1, ..., kk) and summed; padded zeros contribute nothing.

A misconception returns no answer when the mistake has nothing to act on (no padding to count
once, stride 1 to ignore, a kernel of one entry to flip): such a student would answer correctly.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from . import params as P
from .model import Kind, Misconception, Params, ParamError, Part, fixed_parts
from .rng import Rng

MAX_LENGTH = 100_000   # output-length and counting kinds
MAX_SYMBOLIC = 40      # kinds whose answers name every x_i


# ---- padding and geometry (also used by weight_sharing) --------------------------------


def padding_sides(params: Params, k: int, stride: int, *, name: str = "padding") -> tuple[int, int]:
    """(left, right) zeros for the ``padding`` param, which is an int per side, "valid" or "same"."""
    P.require(params, name)
    value = params[name]
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "valid":
            return 0, 0
        if word == "same":
            if stride != 1:
                raise ParamError(f"padding \"same\" needs stride 1 (as in PyTorch), not stride {stride}.")
            return (k - 1) // 2, k - 1 - (k - 1) // 2
        raise ParamError(f"param {name!r} must be a whole number of zeros per side, \"same\" or \"valid\", "
                         f"not {value!r}.")
    p = P.integer(params, name, low=0, high=MAX_LENGTH)
    return p, p


def is_same(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() == "same"


def out_length(n: int, k: int, stride: int, left: int, right: int) -> int:
    """floor((n + left + right - k) / s) + 1."""
    return (n + left + right - k) // stride + 1


def check_fits(n: int, k: int, left: int, right: int, what: str = "input") -> None:
    if k > n + left + right:
        pad = ""
        if left or right:
            pad = (f" padded by {left} on each side" if left == right
                   else f" padded by {left} on the left and {right} on the right")
        raise ParamError(f"the kernel (size {k}) is larger than the {what} of length {n}{pad}.")


def check_padding_below_kernel(k: int, left: int, right: int) -> None:
    """Refuse windows made of padded zeros only (their output would be 0 whatever x is)."""
    if max(left, right) >= k:
        raise ParamError(f"padding {max(left, right)} is at least the kernel size {k}, so some outputs would see "
                         f"only padded zeros; use padding at most {k - 1}.")


def geometry(params: Params, *, max_n: int = MAX_LENGTH, all_padding_ok: bool = True) -> tuple[int, int, int, int, int]:
    """Validate and return (n, k, stride, left, right) for params with ``n``, ``k``, ``padding``, ``stride``."""
    n = P.integer(params, "n", low=1, high=max_n)
    k = P.integer(params, "k", low=1, high=max_n)
    stride = P.integer(params, "stride", low=1, high=max_n)
    left, right = padding_sides(params, k, stride)
    if not all_padding_ok:
        check_padding_below_kernel(k, left, right)
    check_fits(n, k, left, right)
    return n, k, stride, left, right


def window_cells(n: int, k: int, stride: int, left: int, i: int, shift: int = 0) -> list[int | None]:
    """For output y_i (1-based): the 1-based input index under each kernel entry, None for padding.

    ``shift`` moves the window that many positions to the right (a misconception); cells past
    the input are padding too.
    """
    start = (i - 1) * stride - left + shift  # 0-based input index under k1
    return [start + j + 1 if 0 <= start + j < n else None for j in range(k)]


def padding_phrase_data(params: Params, k: int, left: int, right: int) -> dict[str, Any]:
    """What a statement needs to say how much padding sits on each side."""
    value = params["padding"]
    return {"same": is_same(value), "valid": isinstance(value, str) and value.strip().lower() == "valid",
            "left": left, "right": right, "total": left + right, "symmetric": left == right,
            "padded": left + right > 0}


def _sample_padding(rng: Rng, difficulty: str, k: int, stride: int) -> int | str:
    """easy: 0; medium: 0, 1 or "same" (stride 1 only); hard: 0..k-1 or "same" (stride 1 only)."""
    if difficulty == "easy":
        return 0
    if stride == 1 and k > 1 and rng.integer(0, 3) == 0:
        return "same"
    if difficulty == "medium":
        return rng.integer(0, 1)
    return rng.integer(0, k - 1)


def sample_geometry(rng: Rng, difficulty: str, *, hard_n: tuple[int, int] = (10, 16),
                    medium_n: tuple[int, int] = (6, 12), min_out: int = 2) -> dict[str, Any]:
    """n, k, padding, stride for a difficulty, with at least ``min_out`` outputs.

    easy: n 5-8, k 2-3, stride 1, no padding; medium: n in ``medium_n``, k 2-4, stride 1-2,
    padding 0, 1 or "same"; hard: n in ``hard_n``, k 3-5, stride 1-3, padding up to k - 1 or
    "same", and always some padding or a stride above 1.
    """
    while True:
        if difficulty == "easy":
            n, k, stride = rng.integer(5, 8), rng.integer(2, 3), 1
        elif difficulty == "medium":
            n, k, stride = rng.integer(*medium_n), rng.integer(2, 4), rng.integer(1, 2)
        else:
            n, k, stride = rng.integer(*hard_n), rng.integer(3, 5), rng.integer(1, 3)
        padding = _sample_padding(rng, difficulty, k, stride)
        if difficulty == "hard" and padding == 0 and stride == 1:
            continue  # hard instances always pad or stride
        left, right = ((k - 1) // 2, k - 1 - (k - 1) // 2) if padding == "same" else (padding, padding)
        if k <= n + left + right and out_length(n, k, stride, left, right) >= min_out:
            return {"n": n, "k": k, "padding": padding, "stride": stride}


def _one_side(left: int) -> int | None:
    """The zeros a student who pads one side only puts in: p for an int padding, the left share
    for "same"; None when that is no padding at all ("same" with k = 2 puts its zero on the right).
    """
    return left or None


# ---- misconceptions shared by the kinds --------------------------------------------------


def distinct_mistakes(*mistakes: Misconception) -> tuple[Misconception, ...]:
    """The misconceptions in priority order, each keeping only the answers no earlier one gives.

    Different mistakes can land on the same wrong answer (with p = 1 and s = 1, forgetting the
    +1 and padding one side both give n + 2 - k); the grader can name only one mistake per
    answer, so the earlier, likelier one keeps it.
    """
    out = []
    # Each mistake's answers are remembered per params, since every later mistake asks again.
    solvers = [P.memo(m.solve) for m in mistakes]
    for index, mistake in enumerate(mistakes):
        def solve(params: Params, mine_of=solvers[index], earlier=solvers[:index]) -> dict:
            mine = mine_of(params)
            if not mine:
                return {}
            taken: dict[str, list] = {}
            for other in earlier:
                for label, value in other(params).items():
                    taken.setdefault(label, []).append(value)
            return {label: value for label, value in mine.items() if value not in taken.get(label, ())}

        out.append(Misconception(mistake.name, mistake.feedback, solve))
    return tuple(out)


PLUS_ONE_FEEDBACK = ("You left out the +1 in floor((n + 2p - k) / s) + 1: the first window, at the very start, "
                     "counts too.")
ONE_SIDE_FEEDBACK = "You padded one side only; the zeros go on both sides of the input."
NO_FLOOR_FEEDBACK = ("A length is a whole number: take the floor of (n + 2p - k) / s, since a last window "
                     "that would stick out past the padded input is not used.")
STRIDE_FEEDBACK = "You ignored the stride: the window moves s positions at a time, so divide by s."
FLIP_FEEDBACK = ("You flipped the kernel: deep-learning convolution is cross-correlation, so k1 multiplies "
                 "the first entry of the window, with no flip.")
SHIFT_FEEDBACK = ("Your windows start one position late (a 0-based versus 1-based slip): y1's window starts at "
                  "the first entry of the padded input, and y_i's at entry (i - 1)s + 1.")


def length_mistakes(n: int, k: int, stride: int, left: int, right: int, params: Params) -> dict[str, Any]:
    """The output length each length misconception gives, or None where it does not apply."""
    num = n + left + right - k
    one = _one_side(left)
    return {
        "forgot-plus-one": num // stride,
        "padding-one-side": (n + one - k) // stride + 1 if one is not None and n + one >= k else None,
        "no-floor": Fraction(num, stride) + 1 if num % stride else None,
        "stride-ignored": num + 1 if stride > 1 else None,
    }


# ---- conv1d.output-length --------------------------------------------------------------


def _ol_sample(rng: Rng, difficulty: str) -> Params:
    if difficulty != "hard":
        return sample_geometry(rng, difficulty)
    while True:
        n, k, stride = rng.integer(16, 64), rng.integer(3, 7), rng.integer(2, 3)
        padding = rng.integer(0, k - 1)
        if out_length(n, k, stride, padding, padding) >= 2:
            return {"n": n, "k": k, "padding": padding, "stride": stride}


def _ol_validate(params: Params) -> None:
    geometry(params)


def _ol_solve(params: Params) -> dict:
    n, k, s, left, right = geometry(params)
    return {"a": out_length(n, k, s, left, right)}


def _ol_steps(params: Params) -> dict:
    n, k, s, left, right = geometry(params)
    num = n + left + right - k
    return {"pad": padding_phrase_data(params, k, left, right), "numerator": num,
            "quotient": Fraction(num, s) if num % s else num // s, "floor": num // s,
            "exact": num % s == 0}


def _length_misconception(name: str, part: str = "a"):
    def solve(params: Params) -> dict:
        n, k, s, left, right = geometry(params)
        value = length_mistakes(n, k, s, left, right, params)[name]
        return {} if value is None else {part: value}

    return solve


OUTPUT_LENGTH = Kind(
    id="conv1d.output-length",
    version=1,
    title="Output length of a 1D convolution",
    parts=fixed_parts(Part("a", "The output length $m$.", "integer")),
    sample=_ol_sample,
    validate=_ol_validate,
    solve=_ol_solve,
    steps=_ol_steps,
    misconceptions=distinct_mistakes(
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, _length_misconception("forgot-plus-one")),
        Misconception("padding-one-side", ONE_SIDE_FEEDBACK, _length_misconception("padding-one-side")),
        Misconception("no-floor", NO_FLOOR_FEEDBACK, _length_misconception("no-floor")),
        Misconception("stride-ignored", STRIDE_FEEDBACK, _length_misconception("stride-ignored")),
    ),
)


# ---- conv1d.entries --------------------------------------------------------------------

_LABELS = "bcdefghijklmnopqrstuvwxyz"


def _en_geometry(params: Params) -> tuple[int, int, int, int, int]:
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


def _en_parts(params: Params) -> tuple[Part, ...]:
    n, k, s, left, right = _en_geometry(params)
    m = out_length(n, k, s, left, right)
    symbols = _symbols(n, k)
    parts = [Part("a", "The output length $m$.", "integer")]
    for label, i in zip(_LABELS, _positions(params, m)):
        parts.append(Part(label, f"$y_{{{i}}}$ in terms of the $x_i$ and $k_j$.", "expression",
                          options={"symbols": symbols}))
    return tuple(parts)


def _expression(cells: list[int | None], kernel_order: list[int]):
    """sum of k_{kernel_order[j]} * x_{cells[j]} over the real cells, as a SymPy expression."""
    import sympy

    return sympy.Add(*[sympy.Symbol(f"k{kj}") * sympy.Symbol(f"x{c}")
                       for kj, c in zip(kernel_order, cells) if c is not None])


def _en_validate(params: Params) -> None:
    n, k, s, left, right = _en_geometry(params)
    _positions(params, out_length(n, k, s, left, right))


def _en_answers(params: Params, *, flip: bool = False, shift: int = 0) -> dict:
    n, k, s, left, right = _en_geometry(params)
    m = out_length(n, k, s, left, right)
    order = list(range(k, 0, -1)) if flip else list(range(1, k + 1))
    answers: dict[str, Any] = {}
    for label, i in zip(_LABELS, _positions(params, m)):
        answers[label] = _expression(window_cells(n, k, s, left, i, shift), order)
    return answers


def _en_solve(params: Params) -> dict:
    n, k, s, left, right = _en_geometry(params)
    return {"a": out_length(n, k, s, left, right), **_en_answers(params)}


def _en_steps(params: Params) -> dict:
    n, k, s, left, right = _en_geometry(params)
    m = out_length(n, k, s, left, right)
    windows = []
    for label, i in zip(_LABELS, _positions(params, m)):
        cells = window_cells(n, k, s, left, i)
        windows.append({
            "label": label, "i": i, "start": (i - 1) * s + 1,
            "terms": [{"j": j + 1, "x": c} for j, c in enumerate(cells)],
            "real": [{"j": j + 1, "x": c} for j, c in enumerate(cells) if c is not None],
            "has_padding": None in cells,
        })
    num = n + left + right - k
    return {"pad": padding_phrase_data(params, k, left, right), "numerator": num, "floor": num // s,
            "exact": num % s == 0, "m": m, "padded_length": n + left + right, "windows": windows}


def _en_flipped(params: Params) -> dict:
    return {} if int(params["k"]) == 1 else _en_answers(params, flip=True)


def _en_sample(rng: Rng, difficulty: str) -> Params:
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
    parts=_en_parts,
    sample=_en_sample,
    validate=_en_validate,
    solve=_en_solve,
    steps=_en_steps,
    misconceptions=distinct_mistakes(
        Misconception("flipped-kernel", FLIP_FEEDBACK, _en_flipped),
        Misconception("window-shift", SHIFT_FEEDBACK, lambda p: _en_answers(p, shift=1)),
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, _length_misconception("forgot-plus-one")),
        Misconception("padding-one-side", ONE_SIDE_FEEDBACK, _length_misconception("padding-one-side")),
        Misconception("no-floor", NO_FLOOR_FEEDBACK, _length_misconception("no-floor")),
        Misconception("stride-ignored", STRIDE_FEEDBACK, _length_misconception("stride-ignored")),
    ),
)




# ---- conv1d.numeric --------------------------------------------------------------------


def _exact(value: int | Fraction) -> int | Fraction:
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


@P.memo
def _nu_data(params: Params) -> tuple[list, list, int, int, int]:
    """x, kernel (exact numbers), stride, left and right padding, validated."""
    x = P.vector(params, "x", max_len=64)
    kernel = P.vector(params, "kernel", max_len=64)
    stride = P.integer(params, "stride", low=1, high=64)
    k = len(kernel)
    left, right = padding_sides(params, k, stride)
    check_padding_below_kernel(k, left, right)
    check_fits(len(x), k, left, right, what="input x")
    return x, kernel, stride, left, right


def conv1d(x: list, kernel: list, stride: int, left: int, right: int, shift: int = 0) -> tuple:
    """Cross-correlation of x (zero padded left/right) with the kernel, exact; ``shift`` as in window_cells."""
    n, k = len(x), len(kernel)
    m = out_length(n, k, stride, left, right)
    out = []
    for i in range(1, m + 1):
        cells = window_cells(n, k, stride, left, i, shift)
        out.append(_exact(sum((kernel[j] * x[c - 1] for j, c in enumerate(cells) if c is not None), Fraction(0))))
    return tuple(out)


def _nu_validate(params: Params) -> None:
    _nu_data(params)


def _nu_solve(params: Params) -> dict:
    return {"a": conv1d(*_nu_data(params))}


def _nu_steps(params: Params) -> dict:
    x, kernel, s, left, right = _nu_data(params)
    n, k = len(x), len(kernel)
    m = out_length(n, k, s, left, right)
    y = conv1d(x, kernel, s, left, right)
    padded = [0] * left + [_exact(v) for v in x] + [0] * right
    rows = []
    for i in range(1, m + 1):
        start = (i - 1) * s
        window = padded[start:start + k]
        rows.append({"i": i, "start": start + 1, "end": start + k,
                     "pairs": [{"k": _exact(kv), "x": xv} for kv, xv in zip(kernel, window)],
                     "result": y[i - 1]})
    num = n + left + right - k
    return {"pad": padding_phrase_data(params, k, left, right), "n": n, "k": k, "m": m,
            "numerator": num, "floor": num // s, "exact": num % s == 0,
            "x": tuple(_exact(v) for v in x), "kernel": tuple(_exact(v) for v in kernel),
            "padded": tuple(padded), "rows": rows}


def _nu_flipped(params: Params) -> dict:
    x, kernel, s, left, right = _nu_data(params)
    if kernel == kernel[::-1]:
        return {}
    return {"a": conv1d(x, kernel[::-1], s, left, right)}


def _nu_one_side(params: Params) -> dict:
    x, kernel, s, left, right = _nu_data(params)
    one = _one_side(left)
    if one is None or len(x) + one < len(kernel):
        return {}
    return {"a": conv1d(x, kernel, s, one, 0)}


def _nu_no_padding(params: Params) -> dict:
    x, kernel, s, left, right = _nu_data(params)
    if not left + right or len(x) < len(kernel):
        return {}
    return {"a": conv1d(x, kernel, s, 0, 0)}


def _nu_stride_ignored(params: Params) -> dict:
    x, kernel, s, left, right = _nu_data(params)
    return {"a": conv1d(x, kernel, 1, left, right)} if s > 1 else {}


def _nu_sample(rng: Rng, difficulty: str) -> Params:
    geo = sample_geometry(rng, difficulty, hard_n=(9, 14))
    n, k = geo["n"], geo["k"]
    if difficulty == "easy":
        x = [rng.integer(-3, 5) for _ in range(n)]
    else:
        x = [rng.integer(-5, 5) for _ in range(n)]
    while True:
        if difficulty == "hard" and rng.coin():
            kernel = [rng.fraction(-2, 2, (1, 2, 2, 4)) for _ in range(k)]
        elif difficulty == "easy":
            kernel = [rng.integer(-2, 3) for _ in range(k)]
        else:
            kernel = [rng.integer(-3, 3) for _ in range(k)]
        # No symmetric kernel (the flip must show) and no kernel of zeros.
        if kernel != kernel[::-1] and sum(1 for v in kernel if v) >= 2:
            break
    return {"x": [P.json_number(_exact(Fraction(v))) for v in x],
            "kernel": [P.json_number(_exact(Fraction(v))) for v in kernel],
            "padding": geo["padding"], "stride": geo["stride"]}


NUMERIC = Kind(
    id="conv1d.numeric",
    version=1,
    title="A 1D convolution with numbers",
    parts=fixed_parts(Part("a", "The output vector $y$.", "vector", points=2)),
    sample=_nu_sample,
    validate=_nu_validate,
    solve=_nu_solve,
    steps=_nu_steps,
    misconceptions=distinct_mistakes(
        Misconception("flipped-kernel", FLIP_FEEDBACK, _nu_flipped),
        Misconception("window-shift", SHIFT_FEEDBACK,
                      lambda p: {"a": conv1d(*_nu_data(p), shift=1)}),
        Misconception("padding-one-side", ONE_SIDE_FEEDBACK, _nu_one_side),
        Misconception("padding-ignored", "You left out the padding: add the zeros on both sides of x before "
                      "sliding the kernel.", _nu_no_padding),
        Misconception("stride-ignored", "You ignored the stride: the window moves s positions at a time, "
                      "so consecutive outputs start s entries apart.", _nu_stride_ignored),
    ),
)

KINDS = [OUTPUT_LENGTH, ENTRIES, NUMERIC]
