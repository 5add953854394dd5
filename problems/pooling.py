"""Pooling: output sizes, max and average values, and their backward passes."""

from __future__ import annotations

import re
from fractions import Fraction

from . import params as P
from .model import Kind, Misconception, Params, ParamError, Part, fixed_parts
from .rng import Rng
from .sizes import check_window, out_size

# ---- pooling.output-size -------------------------------------------------------------


def _output_size_sample(rng: Rng, difficulty: str) -> Params:
    kernel = rng.choice({"easy": (2, 3), "medium": (2, 3, 4), "hard": (3, 4, 5)}[difficulty])
    stride = rng.integer(1, kernel) if difficulty != "easy" else kernel
    padding = 0 if difficulty == "easy" else rng.integer(0, kernel // 2)
    lo = {"easy": 6, "medium": 8, "hard": 17}[difficulty]
    size = rng.integer(lo, lo * 4)
    return {"size": size, "kernel": kernel, "stride": stride, "padding": padding}


def _output_size_validate(params: Params) -> None:
    size = P.integer(params, "size", low=1, high=100_000)
    kernel = P.integer(params, "kernel", low=1)
    P.integer(params, "stride", low=1)
    padding = P.integer(params, "padding", low=0)
    if padding > kernel // 2:
        raise ParamError(f"padding {padding} is more than half the kernel {kernel}, which no framework allows for pooling.")
    check_window(size, kernel, padding)


def _output_size_solve(params: Params) -> dict:
    return {"a": out_size(params["size"], params["kernel"], params["stride"], params["padding"])}


def _output_size_steps(params: Params) -> dict:
    p = params
    return {"numerator": p["size"] + 2 * p["padding"] - p["kernel"]}


OUTPUT_SIZE = Kind(
    id="pooling.output-size",
    version=1,
    title="Output size of a pooling layer",
    parts=fixed_parts(Part("a", "The output width $W'$.", "integer")),
    sample=_output_size_sample,
    validate=_output_size_validate,
    solve=_output_size_solve,
    steps=_output_size_steps,
    misconceptions=(
        Misconception(
            "forgot-plus-one",
            "You left out the +1: the first window sits at position 0 and counts too.",
            lambda p: {"a": (p["size"] + 2 * p["padding"] - p["kernel"]) // p["stride"]},
        ),
        Misconception(
            "padding-once",
            "You added the padding once; it is added on both sides, so 2p.",
            lambda p: {"a": (p["size"] + p["padding"] - p["kernel"]) // p["stride"] + 1} if p["padding"] else {},
        ),
        Misconception(
            "no-stride",
            "You ignored the stride: the window moves s positions at a time, so divide by s.",
            lambda p: {"a": p["size"] + 2 * p["padding"] - p["kernel"] + 1} if p["stride"] > 1 else {},
        ),
    ),
)



# ---- shared by the value and backward kinds ------------------------------------------
#
# Windows are k x k with the same stride both ways. The window of output Y[i, j] starts at
# row i*s - p and column j*s - p of X (0-based); cells outside X are padding. Because
# padding is at most k // 2 and the output size is floor((n + 2p - k) / s) + 1, every window
# holds at least one real entry of X, so a max over the real entries is always defined.

_SYMBOL = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


def _exact(value: int | Fraction) -> int | Fraction:
    """Fractions with denominator 1 become ints, so answers compare and print cleanly."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def _padding(params: Params) -> int:
    """The optional ``padding`` param: missing means 0."""
    return P.integer({"padding": params.get("padding", 0)}, "padding", low=0)


def _check_geometry(X: list[list], kernel: int, padding: int) -> None:
    if padding > kernel // 2:
        raise ParamError(f"padding {padding} is more than half the kernel {kernel}, which no framework allows for pooling.")
    check_window(len(X), kernel, padding, what="input height")
    check_window(len(X[0]), kernel, padding, what="input width")


def _validate_values(params: Params) -> None:
    X = P.matrix(params, "X")
    kernel = P.integer(params, "kernel", low=1)
    P.integer(params, "stride", low=1)
    _check_geometry(X, kernel, _padding(params))


@P.memo
def _geometry(params: Params) -> tuple[list[list[int | Fraction]], int, int, int]:
    """X (exact numbers), kernel, stride, padding of already validated params."""
    return P.matrix(params, "X"), int(params["kernel"]), int(params["stride"]), _padding(params)


def _out_shape(X: list[list], kernel: int, stride: int, padding: int) -> tuple[int, int]:
    return out_size(len(X), kernel, stride, padding), out_size(len(X[0]), kernel, stride, padding)


def _window(X: list[list], kernel: int, stride: int, padding: int, i: int, j: int) -> list[tuple[int, int]]:
    """The cells (row, column) of the window of Y[i, j], row-major, padding included."""
    top, left = i * stride - padding, j * stride - padding
    return [(r, c) for r in range(top, top + kernel) for c in range(left, left + kernel)]


def _inside(X: list[list], cell: tuple[int, int]) -> bool:
    return 0 <= cell[0] < len(X) and 0 <= cell[1] < len(X[0])


def _real(X: list[list], cells: list[tuple[int, int]]) -> list[int | Fraction]:
    return [X[r][c] for r, c in cells if _inside(X, (r, c))]


def _argmax(X: list[list], cells: list[tuple[int, int]]) -> tuple[int, int]:
    """The first maximum in row-major order among the real cells (PyTorch's CPU rule)."""
    best = None
    for cell in cells:
        if _inside(X, cell) and (best is None or X[cell[0]][cell[1]] > X[best[0]][best[1]]):
            best = cell
    assert best is not None  # every window holds a real cell (see above)
    return best


def _pool(X: list[list], kernel: int, stride: int, padding: int, reduce) -> tuple[tuple, ...]:
    """Apply ``reduce(window cells)`` to every window; the result as a tuple of rows."""
    rows, cols = _out_shape(X, kernel, stride, padding)
    return tuple(
        tuple(_exact(reduce(_window(X, kernel, stride, padding, i, j))) for j in range(cols))
        for i in range(rows)
    )


def _max(X, kernel, stride, padding):
    return _pool(X, kernel, stride, padding, lambda cells: max(_real(X, cells)))


def _min(X, kernel, stride, padding):
    return _pool(X, kernel, stride, padding, lambda cells: min(_real(X, cells)))


def _mean_real(X, kernel, stride, padding):
    """The mean of the real entries only (padding neither added nor counted)."""
    return _pool(X, kernel, stride, padding, lambda cells: Fraction(sum(_real(X, cells)), len(_real(X, cells))))


def _avg(X, kernel, stride, padding):
    """Average pooling with zero padding that counts in the divisor (count_include_pad)."""
    return _pool(X, kernel, stride, padding, lambda cells: Fraction(sum(_real(X, cells)), kernel * kernel))


def _max_zero_padded(X, kernel, stride, padding):
    return _pool(X, kernel, stride, padding,
                 lambda cells: max(X[r][c] if _inside(X, (r, c)) else 0 for r, c in cells))


def _has_tie(X, kernel, stride, padding) -> bool:
    rows, cols = _out_shape(X, kernel, stride, padding)
    for i in range(rows):
        for j in range(cols):
            values = _real(X, _window(X, kernel, stride, padding, i, j))
            if values.count(max(values)) > 1:
                return True
    return False


def _overlap(kernel: int, stride: int) -> bool:
    return stride < kernel


# ---- sampling -------------------------------------------------------------------------


def _sample_geometry(rng: Rng, difficulty: str, padded: bool) -> tuple[int, int, int, int, int]:
    """(H, W, kernel, stride, padding) for a difficulty, with 2..5 outputs per direction.

    easy: 4x4, kernel 2, stride 2. medium: 4..6 per side, kernel 2-3, stride 1-3 (windows
    may overlap or skip entries), no padding. hard: 4..7 per side, overlapping windows
    (stride < kernel) and, for the value kinds, padding 0..kernel//2.
    """
    if difficulty == "easy":
        return 4, 4, 2, 2, 0
    while True:
        if difficulty == "medium":
            kernel = rng.choice((2, 3))
            stride = rng.integer(1, 3)
            padding, lo, hi = 0, 4, 6
        else:
            kernel = rng.choice((2, 3))
            stride = rng.integer(1, kernel - 1)
            padding = rng.integer(0, kernel // 2) if padded else 0
            lo, hi = 4, 7
        sizes = [n for n in range(lo, hi + 1) if 2 <= out_size(n, kernel, stride, padding) <= 5]
        if sizes:
            return rng.choice(sizes), rng.choice(sizes), kernel, stride, padding


def _distinct_matrix(rng: Rng, rows: int, cols: int, difficulty: str) -> list[list[int]]:
    """A matrix with no repeated entry at all, so no window can hold a tie for its maximum."""
    n = rows * cols
    if difficulty == "easy":
        values = rng.distinct(0, 20, n)
    else:
        half = max(9, (n + 1) // 2)
        values = rng.distinct(-half, half, n)
    return [values[r * cols:(r + 1) * cols] for r in range(rows)]


def _values_sample(distinct: bool):
    def sample(rng: Rng, difficulty: str) -> Params:
        H, W, kernel, stride, padding = _sample_geometry(rng, difficulty, padded=True)
        if distinct:
            X = _distinct_matrix(rng, H, W, difficulty)
        else:
            lo, hi = (0, 9) if difficulty == "easy" else (-9, 9)
            X = [[rng.integer(lo, hi) for _ in range(W)] for _ in range(H)]
        return {"X": X, "kernel": kernel, "stride": stride, "padding": padding}

    return sample


# ---- pooling.max-values and pooling.avg-values ----------------------------------------

_VALUE_PARTS = fixed_parts(
    Part("a", "The output shape $(H', W')$.", "shape"),
    Part("b", "The output matrix $Y$.", "matrix", points=2),
)


def _max_values_solve(params: Params) -> dict:
    X, k, s, p = _geometry(params)
    return {"a": _out_shape(X, k, s, p), "b": _max(X, k, s, p)}


def _avg_values_solve(params: Params) -> dict:
    X, k, s, p = _geometry(params)
    return {"a": _out_shape(X, k, s, p), "b": _avg(X, k, s, p)}


def _values_steps(mode: str):
    """Windows of every output entry, row by row, with their max or their sum and mean."""

    def steps(params: Params) -> dict:
        X, k, s, p = _geometry(params)
        rows, cols = _out_shape(X, k, s, p)
        out_rows = []
        for i in range(rows):
            line = []
            for j in range(cols):
                cells = _window(X, k, s, p, i, j)
                if mode == "max":
                    # None marks a padded cell (-infinity); the template prints it.
                    values = [X[r][c] if _inside(X, (r, c)) else None for r, c in cells]
                    line.append({"i": i, "j": j, "values": values, "result": _exact(max(_real(X, cells)))})
                else:
                    values = [X[r][c] if _inside(X, (r, c)) else 0 for r, c in cells]
                    total = _exact(sum(values))
                    mean = _exact(Fraction(total) / (k * k))
                    # Whether total / k^2 needs a further "= mean" to be in lowest terms.
                    reduced = not (isinstance(total, int) and Fraction(total, k * k).denominator == k * k)
                    line.append({"i": i, "j": j, "values": values, "sum": total, "result": mean,
                                 "reduced": reduced})
            out_rows.append(line)
        padded = None
        if p:
            fill = None if mode == "max" else 0
            width = len(X[0]) + 2 * p
            padded = ([[fill] * width for _ in range(p)]
                      + [[fill] * p + [_exact(v) for v in row] + [fill] * p for row in X]
                      + [[fill] * width for _ in range(p)])
        return {
            "X": tuple(tuple(_exact(v) for v in row) for row in X),
            "H": len(X), "W": len(X[0]), "k": k, "s": s, "p": p, "area": k * k,
            "num": (len(X) + 2 * p - k, len(X[0]) + 2 * p - k),
            "out": (rows, cols),
            "padded": padded,
            "windows": out_rows,
            "has_tie": mode == "max" and _has_tie(X, k, s, p),
        }

    return steps


def _stride_as_kernel(pool):
    """Slid the window by its own size: part a when the shape changes, part b."""

    def solve(params: Params) -> dict:
        X, k, s, p = _geometry(params)
        if s == k:
            return {}
        wrong: dict = {}
        shape = _out_shape(X, k, k, p)
        if shape != _out_shape(X, k, s, p):
            wrong["a"] = shape
        wrong["b"] = pool(X, k, k, p)
        return wrong

    return solve


def _forgot_plus_one(params: Params) -> dict:
    X, k, s, p = _geometry(params)
    return {"a": ((len(X) + 2 * p - k) // s, (len(X[0]) + 2 * p - k) // s)}


def _changed(answer_of, part: str = "b"):
    """A mistake that shows only for some inputs: the answer when it differs from the truth."""

    def solve(params: Params) -> dict:
        X, k, s, p = _geometry(params)
        wrong, right = answer_of(X, k, s, p)
        return {part: wrong} if wrong != right else {}

    return solve


_STRIDE_FEEDBACK = ("You slid the window by its own size, as if the stride were equal to the kernel; "
                    "move it by the given stride, so windows may overlap or skip entries.")
_PLUS_ONE_FEEDBACK = ("You left out the +1 in floor((n + 2p - k) / s) + 1: "
                      "the first window, at position 0, counts too.")

MAX_VALUES = Kind(
    id="pooling.max-values",
    version=1,
    title="Max pooling: the output values",
    parts=_VALUE_PARTS,
    sample=_values_sample(distinct=True),
    validate=_validate_values,
    solve=_max_values_solve,
    steps=_values_steps("max"),
    misconceptions=(
        Misconception(
            "took-min",
            "You took the smallest entry of each window; max pooling keeps the largest.",
            lambda prm: {"b": _min(*_geometry(prm))},
        ),
        Misconception(
            "took-mean",
            "You averaged each window; that is average pooling, while max pooling keeps the largest entry.",
            lambda prm: {"b": _mean_real(*_geometry(prm))},
        ),
        Misconception("stride-as-kernel", _STRIDE_FEEDBACK, _stride_as_kernel(_max)),
        Misconception("forgot-plus-one", _PLUS_ONE_FEEDBACK, _forgot_plus_one),
        Misconception(
            "zero-padding",
            "You padded with zeros; max pooling pads with minus infinity, so a padded cell never wins "
            "and a window of negative entries keeps its largest negative entry.",
            _changed(lambda X, k, s, p: (_max_zero_padded(X, k, s, p), _max(X, k, s, p))),
        ),
    ),
)

AVG_VALUES = Kind(
    id="pooling.avg-values",
    version=1,
    title="Average pooling: the output values",
    parts=_VALUE_PARTS,
    sample=_values_sample(distinct=False),
    validate=_validate_values,
    solve=_avg_values_solve,
    steps=_values_steps("avg"),
    misconceptions=(
        Misconception(
            "took-max",
            "You took the largest entry of each window; average pooling takes the mean of the whole window.",
            lambda prm: {"b": _max(*_geometry(prm))},
        ),
        Misconception("stride-as-kernel", _STRIDE_FEEDBACK, _stride_as_kernel(_avg)),
        Misconception("forgot-plus-one", _PLUS_ONE_FEEDBACK, _forgot_plus_one),
        Misconception(
            "pad-not-counted",
            "You divided border windows by their number of real entries; here the padded zeros count, "
            "so every window is divided by k times k.",
            lambda prm: {"b": _mean_real(*_geometry(prm))} if _padding(prm) else {},
        ),
    ),
)


# ---- pooling.max-backward and pooling.avg-backward ------------------------------------


def _upstream(params: Params, shape: tuple[int, int]) -> list[list]:
    """The upstream gradient: exact numbers, or symbol names kept as strings."""
    P.require(params, "upstream")
    value = params["upstream"]
    rows, cols = shape
    if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
        raise ParamError("param 'upstream' must be a matrix written as a list of rows, such as [[1, 2], [3, 4]].")
    if any(len(r) != len(value[0]) for r in value):
        raise ParamError(f"param 'upstream' is ragged: every row must have {len(value[0])} entries.")
    if (len(value), len(value[0])) != (rows, cols):
        raise ParamError(f"param 'upstream' must have the output's shape {rows}x{cols}, one entry per window, "
                         f"not {len(value)}x{len(value[0])}.")
    out = []
    for i, row in enumerate(value):
        line = []
        for j, v in enumerate(row):
            if isinstance(v, str) and _SYMBOL.match(v.strip()):
                line.append(v.strip())
            else:
                try:
                    line.append(P.number(v, f"entry [{i}][{j}] of 'upstream'"))
                except ParamError:
                    raise ParamError(f"entry [{i}][{j}] of 'upstream' must be a number or a symbol name "
                                     f"such as g1, not {v!r}.") from None
        out.append(line)
    return out


def _validate_backward(params: Params) -> None:
    X = P.matrix(params, "X")
    kernel = P.integer(params, "kernel", low=1)
    stride = P.integer(params, "stride", low=1)
    if params.get("padding", 0) != 0:
        raise ParamError("the backward pooling problems take no padding: their windows run over X unpadded.")
    _check_geometry(X, kernel, 0)
    _upstream(params, _out_shape(X, kernel, stride, 0))


@P.memo
def _backward_data(params: Params):
    """X, kernel, stride, upstream (numbers, or SymPy objects when any entry is a symbol)."""
    X = P.matrix(params, "X")
    k, s = int(params["kernel"]), int(params["stride"])
    G = _upstream(params, _out_shape(X, k, s, 0))
    if any(isinstance(v, str) for row in G for v in row):
        import sympy

        G = [[sympy.Symbol(v) if isinstance(v, str) else sympy.Rational(v.numerator, v.denominator)
              if isinstance(v, Fraction) else sympy.Integer(v) for v in row] for row in G]
    return X, k, s, G


def _symbols(params: Params) -> list[str]:
    """Symbol names in ``upstream``, in row-major order of first use."""
    names: list[str] = []
    for row in params.get("upstream", []):
        for v in row if isinstance(row, list) else ():
            if isinstance(v, str) and _SYMBOL.match(v.strip()) and v.strip() not in names:
                names.append(v.strip())
    return names


def _backward_parts(params: Params) -> tuple[Part, ...]:
    prompt = r"The gradient $\partial L / \partial X$, a matrix of the shape of $X$."
    names = _symbols(params)
    if names:
        return (Part("a", prompt, "expression-matrix", points=2, options={"symbols": names}),)
    return (Part("a", prompt, "matrix", points=2),)


def _zero(G):
    """0 of the right kind: SymPy's zero when the upstream is symbolic."""
    z = G[0][0] * 0
    return z if not isinstance(z, Fraction) else 0


def _finish(D) -> tuple[tuple, ...]:
    return tuple(tuple(_exact(v) if isinstance(v, (int, Fraction)) else v for v in row) for row in D)


def _route(X, k, s, G, targets, scale, accumulate=True) -> tuple[tuple, ...]:
    """dL/dX when each G[i, j] * scale goes to every cell of ``targets(window cells)``."""
    D = [[_zero(G) for _ in row] for row in X]
    for i, grow in enumerate(G):
        for j, g in enumerate(grow):
            for r, c in targets(_window(X, k, s, 0, i, j)):
                share = g * scale if scale != 1 else g
                D[r][c] = D[r][c] + share if accumulate else share
    return _finish(D)


def _scale(G, k):
    """1/k^2 as an exact number that multiplies both Fractions and SymPy objects."""
    if isinstance(_zero(G), int):
        return Fraction(1, k * k)
    import sympy

    return sympy.Rational(1, k * k)


def _max_backward(X, k, s, G, accumulate=True):
    return _route(X, k, s, G, lambda cells: [_argmax(X, cells)], 1, accumulate)


def _avg_backward(X, k, s, G, accumulate=True, divide=True):
    return _route(X, k, s, G, lambda cells: cells, _scale(G, k) if divide else 1, accumulate)


def _max_backward_solve(params: Params) -> dict:
    return {"a": _max_backward(*_backward_data(params))}


def _avg_backward_solve(params: Params) -> dict:
    return {"a": _avg_backward(*_backward_data(params))}


def _backward_sample(rng: Rng, difficulty: str) -> Params:
    H, W, kernel, stride, _ = _sample_geometry(rng, difficulty, padded=False)
    X = _distinct_matrix(rng, H, W, difficulty)
    rows, cols = out_size(H, kernel, stride), out_size(W, kernel, stride)
    if difficulty == "hard" and rng.coin():
        upstream = [[f"g{i * cols + j + 1}" for j in range(cols)] for i in range(rows)]
    else:
        upstream = [[rng.integer(1, 9) for _ in range(cols)] for _ in range(rows)]
    return {"X": X, "kernel": kernel, "stride": stride, "upstream": upstream}


def _backward_steps(mode: str):
    """For every upstream entry: its window, where its gradient goes and how much; then
    for every cell of X the contributions it adds up."""

    def steps(params: Params) -> dict:
        X, k, s, G = _backward_data(params)
        scale = _scale(G, k) if mode == "avg" else 1
        contributions = [[[] for _ in row] for row in X]
        windows = []
        for i, grow in enumerate(G):
            for j, g in enumerate(grow):
                cells = _window(X, k, s, 0, i, j)
                share = g * scale if scale != 1 else g
                share = _exact(share) if isinstance(share, (int, Fraction)) else share
                entry = {"i": i, "j": j, "g": g, "share": share, "top": cells[0][0], "left": cells[0][1],
                         "bottom": cells[-1][0], "right": cells[-1][1],
                         "values": [_exact(X[r][c]) for r, c in cells],
                         # Whether g / k^2 needs a further "= share" to be in lowest terms.
                         "reduces": not (isinstance(g, int) and Fraction(g, k * k).denominator == k * k)}
                if mode == "max":
                    arg = _argmax(X, cells)
                    real = _real(X, cells)
                    entry.update(arg=arg, max=_exact(X[arg[0]][arg[1]]), tie=real.count(max(real)) > 1)
                    targets = [arg]
                else:
                    targets = cells
                for r, c in targets:
                    contributions[r][c].append(share)
                windows.append(entry)
        shared = [{"r": r, "c": c, "terms": terms}
                  for r, row in enumerate(contributions) for c, terms in enumerate(row) if len(terms) > 1]
        untouched = sum(1 for row in contributions for terms in row if not terms)
        return {
            "X": tuple(tuple(_exact(v) for v in row) for row in X),
            "G": tuple(tuple(_exact(v) if isinstance(v, (int, Fraction)) else v for v in row) for row in G),
            "H": len(X), "W": len(X[0]), "k": k, "s": s, "area": k * k, "scale": _exact(Fraction(1, k * k)),
            "out": (len(G), len(G[0])),
            "symbolic": not isinstance(_zero(G), int),
            "symbols": _symbols(params),
            "windows": windows,
            "shared": shared,
            "untouched": untouched,
            "overlap": _overlap(k, s),
            "has_tie": _has_tie(X, k, s, 0),
        }

    return steps


def _no_sum(route):
    """Last write wins where windows overlap (only possible when stride < kernel)."""

    def solve(params: Params) -> dict:
        X, k, s, G = _backward_data(params)
        if not _overlap(k, s):
            return {}
        return {"a": route(X, k, s, G, accumulate=False)}

    return solve


_NO_SUM_FEEDBACK = ("Where windows overlap, a cell of X receives gradient from every window it belongs to; "
                    "you kept only one of them instead of adding them up.")

MAX_BACKWARD = Kind(
    id="pooling.max-backward",
    version=1,
    title="Max pooling: the backward pass",
    parts=_backward_parts,
    sample=_backward_sample,
    validate=_validate_backward,
    solve=_max_backward_solve,
    steps=_backward_steps("max"),
    misconceptions=(
        Misconception(
            "spread-as-average",
            "You spread each upstream value over its whole window, as average pooling would; "
            "max pooling sends it all to the entry that was the maximum.",
            lambda prm: {"a": _avg_backward(*_backward_data(prm))},
        ),
        Misconception("no-sum-overlap", _NO_SUM_FEEDBACK, _no_sum(_max_backward)),
    ),
)

AVG_BACKWARD = Kind(
    id="pooling.avg-backward",
    version=1,
    title="Average pooling: the backward pass",
    parts=_backward_parts,
    sample=_backward_sample,
    validate=_validate_backward,
    solve=_avg_backward_solve,
    steps=_backward_steps("avg"),
    misconceptions=(
        Misconception(
            "routed-to-max",
            "You sent each upstream value to the largest entry of its window, as max pooling would; "
            "average pooling spreads it evenly over the whole window.",
            lambda prm: {"a": _max_backward(*_backward_data(prm))},
        ),
        Misconception(
            "forgot-divide",
            "You gave every entry of the window the whole upstream value; each entry gets its share, "
            "the upstream value divided by the window size k times k.",
            lambda prm: {"a": _avg_backward(*_backward_data(prm), divide=False)},
        ),
        Misconception("no-sum-overlap", _NO_SUM_FEEDBACK, _no_sum(_avg_backward)),
    ),
)

KINDS = [OUTPUT_SIZE, MAX_VALUES, AVG_VALUES, MAX_BACKWARD, AVG_BACKWARD]
