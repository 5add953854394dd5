"""The pooling kinds: hand-worked examples, validation, sampling and rendering.

The expected values below were worked out by hand (they are written out, not computed by
the code under test); the sampled checks compare against a small brute-force pooling
written here independently of ``problems/pooling/``.
"""

import json
import re
import subprocess
import sys
from fractions import Fraction as F

import pytest

from probgen.generator import instances, registry, render, worksheet
from probgen.problems import pooling
from probgen.problems.model import DIFFICULTIES, ParamError

MAX_VALUES = registry.find("pooling.max-values", 1)
AVG_VALUES = registry.find("pooling.avg-values", 1)
MAX_BACKWARD = registry.find("pooling.max-backward", 1)
AVG_BACKWARD = registry.find("pooling.avg-backward", 1)
NEW_KINDS = [MAX_VALUES, AVG_VALUES, MAX_BACKWARD, AVG_BACKWARD]


def solve(kind, params):
    """Answers and misconception answers (by name) of hand-given params, via JSON."""
    inst = instances.from_params(kind, json.loads(json.dumps(params)))
    return inst, {m.name: wrong for m, wrong in inst.wrong}


def sym(text):
    import sympy

    return sympy.sympify(text)  # test-side only: our own literal strings, never student input


def same(a, b):
    return instances.same_answer(a, b)


# ---- registry -------------------------------------------------------------------------


def test_kinds_are_registered_with_version_1():
    ids = [entry.partition("@")[0] for entry in pooling.ORDERS[1]]
    assert ids == ["pooling.output-size", "pooling.max-values", "pooling.avg-values",
                   "pooling.max-backward", "pooling.avg-backward"]
    assert all(k.version == 1 for k in NEW_KINDS)
    assert [k.version for k in registry.of_topic("pooling", 2)] == [2, 2, 2, 2, 2]


# ---- pooling.max-values ---------------------------------------------------------------


def test_max_values_overlapping_windows():
    # X = 1 5 2 / 7 3 8 / 4 9 6, 2x2 windows, stride 1: windows {1,5,7,3} {5,2,3,8} {7,3,4,9} {3,8,9,6}.
    inst, wrong = solve(MAX_VALUES, {"X": [[1, 5, 2], [7, 3, 8], [4, 9, 6]], "kernel": 2, "stride": 1})
    assert inst.answers == {"a": (2, 2), "b": ((7, 8), (9, 9))}
    assert [p.type for p in inst.parts] == ["shape", "matrix"]
    assert wrong["took-min"] == {"b": ((1, 2), (3, 3))}
    assert wrong["took-mean"] == {"b": ((4, F(9, 2)), (F(23, 4), F(13, 2)))}
    # stride = kernel = 2 fits only the top-left window.
    assert wrong["stride-as-kernel"] == {"a": (1, 1), "b": ((7,),)}
    assert wrong["forgot-plus-one"] == {"a": (1, 1)}
    assert wrong["zero-padding"] == {}  # no padding, nothing to get wrong
    assert not instances.degenerate(inst)


def test_max_values_padding_is_minus_infinity():
    # Padded by 1, 3x3 windows at stride 2: real parts are the four 2x2 corners of X.
    # {-5, 2, 3, -7} -> 3, {2, -1, -7, -4} -> 2, {3, -7, -2, -6} -> 3, {-7, -4, -6, -8} -> -4.
    X = [[-5, 2, -1], [3, -7, -4], [-2, -6, -8]]
    inst, wrong = solve(MAX_VALUES, {"X": X, "kernel": 3, "stride": 2, "padding": 1})
    assert inst.answers == {"a": (2, 2), "b": ((3, 2), (3, -4))}
    # Zero padding would let a padded 0 win the all-negative corner.
    assert wrong["zero-padding"] == {"b": ((3, 2), (3, 0))}
    assert wrong["took-min"] == {"b": ((-7, -7), (-7, -8))}
    # Stride 3 = kernel: floor((3 + 2 - 3) / 3) + 1 = 1 window, the top-left one.
    assert wrong["stride-as-kernel"] == {"a": (1, 1), "b": ((3,),)}
    assert wrong["forgot-plus-one"] == {"a": (1, 1)}


def test_max_values_rectangular_and_skipping_stride():
    # 2x5 input, 2x2 windows at stride 3: columns 0-1 and 3-4; column 2 is skipped.
    inst, wrong = solve(MAX_VALUES, {"X": [[1, 2, 30, 4, 0], [5, 0, 40, 3, 6]], "kernel": 2, "stride": 3})
    assert inst.answers == {"a": (1, 2), "b": ((5, 6),)}
    # With stride 2 the windows are columns 0-1 and 2-3: same shape, other values.
    assert wrong["stride-as-kernel"] == {"b": ((5, 40),)}
    assert wrong["forgot-plus-one"] == {"a": (0, 1)}


def test_max_values_states_the_tie_rule_only_when_a_window_ties():
    tied, _ = solve(MAX_VALUES, {"X": [[5, 5], [1, 0]], "kernel": 2, "stride": 1})
    assert tied.answers["b"] == ((5,),)
    assert "row-major" in worksheet.statement(tied, "md")
    plain, _ = solve(MAX_VALUES, {"X": [[5, 4], [1, 0]], "kernel": 2, "stride": 1})
    assert "row-major" not in worksheet.statement(plain, "md")


def test_max_values_exact_rational_inputs():
    inst, _ = solve(MAX_VALUES, {"X": [["1/2", "1/3"], [0.25, "-1"]], "kernel": 2, "stride": 2})
    assert inst.answers["b"] == ((F(1, 2),),)


# ---- pooling.avg-values ---------------------------------------------------------------


def test_avg_values_padding_counts_in_the_divisor():
    # X = 1..9, 2x2 windows at stride 2 with padding 1: {1}, {2, 3}, {4, 7}, {5, 6, 8, 9},
    # each sum divided by 4: 1/4, 5/4, 11/4, 28/4 = 7.
    X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    inst, wrong = solve(AVG_VALUES, {"X": X, "kernel": 2, "stride": 2, "padding": 1})
    assert inst.answers == {"a": (2, 2), "b": ((F(1, 4), F(5, 4)), (F(11, 4), 7))}
    assert isinstance(inst.answers["b"][1][1], int)
    assert wrong["pad-not-counted"] == {"b": ((1, F(5, 2)), (F(11, 2), 7))}
    assert wrong["took-max"] == {"b": ((1, 3), (7, 9))}
    assert wrong["stride-as-kernel"] == {}  # stride already equals the kernel
    assert wrong["forgot-plus-one"] == {"a": (1, 1)}
    assert not instances.degenerate(inst)


def test_avg_values_overlap_without_padding():
    # 2x3 input, stride 1: {2, 0, 1, 3} -> 6/4 = 3/2 and {0, 1, 3, 0} -> 4/4 = 1.
    inst, wrong = solve(AVG_VALUES, {"X": [[2, 0, 1], [1, 3, 0]], "kernel": 2, "stride": 1})
    assert inst.answers == {"a": (1, 2), "b": ((F(3, 2), 1),)}
    assert wrong["stride-as-kernel"] == {"a": (1, 1), "b": ((F(3, 2),),)}
    assert wrong["took-max"] == {"b": ((3, 3),)}
    assert wrong["pad-not-counted"] == {}
    assert wrong["forgot-plus-one"] == {"a": (0, 1)}


def test_avg_values_rational_entries():
    # {1/2, 1/3, 1/6, 1} sums to 2, so the mean is 1/2.
    inst, _ = solve(AVG_VALUES, {"X": [["1/2", "1/3"], ["1/6", 1]], "kernel": 2, "stride": 2, "padding": 0})
    assert inst.answers["b"] == ((F(1, 2),),)


def test_padding_left_out_means_zero():
    a, _ = solve(AVG_VALUES, {"X": [[1, 2], [3, 4]], "kernel": 2, "stride": 1})
    b, _ = solve(AVG_VALUES, {"X": [[1, 2], [3, 4]], "kernel": 2, "stride": 1, "padding": 0})
    assert a.answers == b.answers == {"a": (1, 1), "b": ((F(5, 2),),)}


# ---- pooling.max-backward -------------------------------------------------------------


def test_max_backward_sums_where_windows_overlap():
    # Maxima: 7 at [1,0] gets 1, 8 at [1,2] gets 2, 9 at [2,1] gets 3 and 4 -> 7.
    X = [[1, 5, 2], [7, 3, 8], [4, 9, 6]]
    inst, wrong = solve(MAX_BACKWARD, {"X": X, "kernel": 2, "stride": 1, "upstream": [[1, 2], [3, 4]]})
    assert inst.answers == {"a": ((0, 0, 0), (1, 0, 2), (0, 7, 0))}
    assert [p.type for p in inst.parts] == ["matrix"]
    assert wrong["no-sum-overlap"] == {"a": ((0, 0, 0), (1, 0, 2), (0, 4, 0))}
    # Spread evenly: each cell gets (sum of the upstream values of its windows) / 4.
    assert wrong["spread-as-average"] == {"a": ((F(1, 4), F(3, 4), F(1, 2)),
                                                (1, F(5, 2), F(3, 2)),
                                                (F(3, 4), F(7, 4), 1))}
    assert not instances.degenerate(inst)


def test_max_backward_symbolic_upstream():
    # Both windows have their maximum at the 9, which collects g1 + g2.
    params = {"X": [[1, 9, 2], [3, 0, 4]], "kernel": 2, "stride": 1, "upstream": [["g1", "g2"]]}
    inst, wrong = solve(MAX_BACKWARD, params)
    (part,) = inst.parts
    assert part.type == "expression-matrix" and dict(part.options) == {"symbols": ["g1", "g2"]}
    expected = ((0, "g1 + g2", 0), (0, 0, 0))
    assert same(inst.answers["a"], tuple(tuple(sym(v) for v in row) for row in expected))
    assert same(wrong["no-sum-overlap"]["a"], ((0, sym("g2"), 0), (0, 0, 0)))
    spread = (("g1/4", "g1/4 + g2/4", "g2/4"), ("g1/4", "g1/4 + g2/4", "g2/4"))
    assert same(wrong["spread-as-average"]["a"], tuple(tuple(sym(v) for v in row) for row in spread))
    assert "sympy" in type(inst.answers["a"][0][1]).__module__


def test_max_backward_ties_go_to_the_first_maximum_in_row_major_order():
    # Window {4, 4, 0, 2}: the 4 at [0,0] comes first; window {4, 1, 2, 3}: the 4 at [0,1].
    inst, _ = solve(MAX_BACKWARD, {"X": [[4, 4, 1], [0, 2, 3]], "kernel": 2, "stride": 1, "upstream": [[5, 6]]})
    assert inst.answers["a"] == ((5, 6, 0), (0, 0, 0))
    # A tie across rows: {1, 2, 2, 0} -> the 2 in row 0 comes before the 2 in row 1.
    inst, _ = solve(MAX_BACKWARD, {"X": [[1, 2], [2, 0]], "kernel": 2, "stride": 2, "upstream": [[3]]})
    assert inst.answers["a"] == ((0, 3), (0, 0))
    assert "row-major" in worksheet.statement(inst, "md")


def test_max_backward_without_overlap_has_no_last_write_mistake():
    X = [[6, 4, 12, 1], [9, 5, 13, 8], [20, 18, 7, 10], [17, 16, 15, 0]]
    inst, wrong = solve(MAX_BACKWARD, {"X": X, "kernel": 2, "stride": 2, "upstream": [[2, 4], [7, 6]]})
    assert inst.answers["a"] == ((0, 0, 0, 0), (2, 0, 4, 0), (7, 0, 0, 0), (0, 0, 6, 0))
    assert wrong["no-sum-overlap"] == {}


# ---- pooling.avg-backward -------------------------------------------------------------


def test_avg_backward_symbolic_overlap():
    params = {"X": [[1, 2, 3], [4, 5, 6]], "kernel": 2, "stride": 1, "upstream": [["g1", "g2"]]}
    inst, wrong = solve(AVG_BACKWARD, params)
    assert inst.parts[0].type == "expression-matrix"
    assert dict(inst.parts[0].options) == {"symbols": ["g1", "g2"]}
    row = ("g1/4", "g1/4 + g2/4", "g2/4")
    assert same(inst.answers["a"], tuple(tuple(sym(v) for v in row) for _ in range(2)))
    # Routed to the maxima 5 and 6.
    assert same(wrong["routed-to-max"]["a"], ((0, 0, 0), (0, sym("g1"), sym("g2"))))
    undivided = ("g1", "g1 + g2", "g2")
    assert same(wrong["forgot-divide"]["a"], tuple(tuple(sym(v) for v in undivided) for _ in range(2)))
    last = ("g1/4", "g2/4", "g2/4")
    assert same(wrong["no-sum-overlap"]["a"], tuple(tuple(sym(v) for v in last) for _ in range(2)))


def test_avg_backward_numeric_skipping_stride():
    # 2x2 windows at stride 3 over 5x5: corners get 4/4, 8/4, 2/4, 6/4; row and column 2 get 0.
    X = [[r * 5 + c for c in range(5)] for r in range(5)]
    inst, wrong = solve(AVG_BACKWARD, {"X": X, "kernel": 2, "stride": 3, "upstream": [[4, 8], [2, 6]]})
    h, t = F(1, 2), F(3, 2)
    assert inst.answers["a"] == ((1, 1, 0, 2, 2), (1, 1, 0, 2, 2), (0, 0, 0, 0, 0),
                                 (h, h, 0, t, t), (h, h, 0, t, t))
    assert inst.parts[0].type == "matrix"
    assert wrong["forgot-divide"]["a"][0] == (4, 4, 0, 8, 8)
    # X increases to the bottom right, so each window's max is its bottom-right cell.
    assert wrong["routed-to-max"]["a"][1] == (0, 4, 0, 0, 8)
    assert wrong["no-sum-overlap"] == {}


def test_avg_backward_rational_and_negative_upstream():
    # Overlap at stride 1: the middle column gets (-2 + 1/2) / 4 = -3/8.
    inst, _ = solve(AVG_BACKWARD, {"X": [[0, 1, 2]], "kernel": 1, "stride": 1,
                                   "upstream": [[-2, "1/2", 3]]})
    assert inst.answers["a"] == ((-2, F(1, 2), 3),)
    inst, _ = solve(AVG_BACKWARD, {"X": [[0, 1, 2], [3, 4, 5]], "kernel": 2, "stride": 1,
                                   "upstream": [[-2, "1/2"]]})
    assert inst.answers["a"] == ((F(-1, 2), F(-3, 8), F(1, 8)), (F(-1, 2), F(-3, 8), F(1, 8)))


# ---- validation -----------------------------------------------------------------------


def one_sentence(message):
    return message.endswith(".") and ". " not in message.rstrip(".") and "\n" not in message


@pytest.mark.parametrize("kind, params, words", [
    (MAX_VALUES, {"X": [[1, 2], [3, 4]], "kernel": 3, "stride": 1}, "larger than"),
    (AVG_VALUES, {"X": [[1, 2, 3]], "kernel": 2, "stride": 1, "padding": 0}, "larger than"),
    (MAX_VALUES, {"X": [[1, 2], [3, 4]], "kernel": 2, "stride": 0}, "stride"),
    (AVG_VALUES, {"X": [[1, 2], [3]], "kernel": 1, "stride": 1}, "ragged"),
    (MAX_VALUES, {"X": [[1, 2, 3]] * 3, "kernel": 2, "stride": 1, "padding": 2}, "more than half the kernel"),
    (AVG_VALUES, {"X": [[1, 2, 3]] * 3, "kernel": 3, "stride": 1, "padding": -1}, "padding"),
    (MAX_VALUES, {"X": [[1, "x"]], "kernel": 1, "stride": 1}, "entry [0][1]"),
    (MAX_VALUES, {"X": "1 2", "kernel": 1, "stride": 1}, "matrix"),
    (AVG_VALUES, {"X": [[1, 2]], "stride": 1}, "kernel"),
    (MAX_BACKWARD, {"X": [[1, 2, 3]] * 3, "kernel": 2, "stride": 1, "upstream": [[1, 2, 3]]}, "shape 2x2"),
    (AVG_BACKWARD, {"X": [[1, 2, 3]] * 3, "kernel": 2, "stride": 1, "upstream": [[1, 2], [3]]}, "ragged"),
    (MAX_BACKWARD, {"X": [[1, 2]] * 2, "kernel": 2, "stride": 1, "upstream": [["2g"]]}, "symbol name"),
    (AVG_BACKWARD, {"X": [[1, 2]] * 2, "kernel": 2, "stride": 1}, "upstream"),
    (MAX_BACKWARD, {"X": [[1, 2]] * 2, "kernel": 3, "stride": 1, "upstream": [[1]]}, "larger than"),
    (AVG_BACKWARD, {"X": [[1, 2]] * 2, "kernel": 2, "stride": 0, "upstream": [[1]]}, "stride"),
    (MAX_BACKWARD, {"X": [[1, 2, 3]] * 3, "kernel": 2, "stride": 1, "padding": 1,
                    "upstream": [[1, 2], [3, 4]]}, "padding"),
])
def test_nonsense_params_are_refused_in_one_sentence(kind, params, words):
    with pytest.raises(ParamError) as err:
        kind.validate(params)
    message = str(err.value)
    assert words in message and one_sentence(message), message


# ---- sampling -------------------------------------------------------------------------


def brute_pool(X, k, s, p, mode):
    """Independent reference: pad explicitly, slide, reduce (max pads -inf, avg pads 0)."""
    fill = float("-inf") if mode == "max" else 0
    H, W = len(X), len(X[0])
    padded = [[fill] * (W + 2 * p) for _ in range(p)] + \
             [[fill] * p + list(r) + [fill] * p for r in X] + \
             [[fill] * (W + 2 * p) for _ in range(p)]
    out = []
    for top in range(0, H + 2 * p - k + 1, s):
        row = []
        for left in range(0, W + 2 * p - k + 1, s):
            cells = [padded[top + a][left + b] for a in range(k) for b in range(k)]
            row.append(max(cells) if mode == "max" else F(sum(cells), k * k))
        out.append(tuple(row))
    return tuple(out)


def brute_backward(X, k, s, G, mode):
    D = [[0] * len(X[0]) for _ in X]
    for i, grow in enumerate(G):
        for j, g in enumerate(grow):
            cells = [(i * s + a, j * s + b) for a in range(k) for b in range(k)]
            if mode == "max":
                best = max(X[r][c] for r, c in cells)
                cells = [next(rc for rc in cells if X[rc[0]][rc[1]] == best)]
            for r, c in cells:
                D[r][c] += g if mode == "max" else F(g, k * k)
    return tuple(tuple(row) for row in D)


def window_values(X, k, s, p, shape):
    H, W = len(X), len(X[0])
    for i in range(shape[0]):
        for j in range(shape[1]):
            yield [X[r][c] for r in range(i * s - p, i * s - p + k) for c in range(j * s - p, j * s - p + k)
                   if 0 <= r < H and 0 <= c < W]


@pytest.mark.parametrize("kind", NEW_KINDS, ids=lambda k: k.id)
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_sampled_instances(kind, difficulty):
    backward = "backward" in kind.id
    seen = {"padding": 0, "symbols": 0, "overlap": 0}
    for seed in range(500):
        inst = instances.sample(kind, seed, difficulty)
        p = inst.params
        kind.validate(json.loads(json.dumps(p)))
        assert not instances.degenerate(inst)
        for _, wrong in inst.wrong:
            for label, value in wrong.items():
                assert not same(value, inst.answers[label])
        X, k, s, pad = p["X"], p["kernel"], p["stride"], p.get("padding", 0)
        H, W = len(X), len(X[0])
        assert s >= 1 and 0 <= pad <= k // 2 and k <= min(H, W) + 2 * pad
        if difficulty == "easy":
            assert (H, W, k, s, pad) == (4, 4, 2, 2, 0)
        elif difficulty == "medium":
            assert 4 <= min(H, W) and max(H, W) <= 6 and k in (2, 3) and 1 <= s <= 3 and pad == 0
        else:
            assert max(H, W) <= 7 and s < k
        if backward:
            assert pad == 0
            G = p["upstream"]
            shape = (len(G), len(G[0]))
            names = [v for row in G for v in row if isinstance(v, str)]
            if names:
                assert difficulty == "hard"
                assert names == [f"g{n}" for n in range(1, len(names) + 1)]
                assert inst.parts[0].type == "expression-matrix"
                assert list(inst.parts[0].options["symbols"]) == names
            else:
                assert all(1 <= v <= 9 for row in G for v in row)
                mode = "max" if "max" in kind.id else "avg"
                assert inst.answers["a"] == brute_backward(X, k, s, G, mode)
        else:
            shape = inst.answers["a"]
            mode = "max" if "max" in kind.id else "avg"
            assert inst.answers["b"] == brute_pool(X, k, s, pad, mode)
        if "max" in kind.id or backward:
            for values in window_values(X, k, s, pad, shape):
                assert values.count(max(values)) == 1, (seed, X)
        seen["padding"] += pad > 0
        seen["symbols"] += backward and isinstance(p["upstream"][0][0], str)
        seen["overlap"] += s < k
    # The harder levels really exercise what they promise (padding, symbols, overlap).
    if difficulty != "easy":
        assert seen["overlap"] > 100
    if difficulty == "hard":
        assert seen["overlap"] == 500
        assert seen["symbols" if backward else "padding"] > 100


def test_sampling_is_deterministic():
    for kind in NEW_KINDS:
        a = instances.sample(kind, 1234, "hard")
        b = instances.sample(kind, 1234, "hard")
        assert a.params == b.params and a.id == b.id


def test_numeric_pooling_never_imports_sympy():
    code = (
        "import sys\n"
        "from probgen.generator import instances, registry, worksheet\n"
        "for name in ('max-values', 'avg-values', 'max-backward', 'avg-backward'):\n"
        "    kind = registry.find('pooling.' + name)\n"
        "    for seed in range(30):\n"
        "        for d in ('easy', 'medium'):\n"
        "            inst = instances.sample(kind, seed, d)\n"
        "            for fmt in ('md', 'tex'):\n"
        "                worksheet.statement(inst, fmt); worksheet.solution(inst, fmt)\n"
        "assert 'sympy' not in sys.modules, 'sympy was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# ---- rendering ------------------------------------------------------------------------

_MATH = re.compile(r"\\\[.*?\\\]|\$.*?\$", re.S)


def check_latex(text):
    """What pdflatex would choke on: unbalanced groups or math, specials outside math."""
    assert text.count("$") % 2 == 0 and "$$" not in text
    assert text.count(r"\[") == text.count(r"\]")
    assert text.count(r"\left") == text.count(r"\right")
    assert text.count(r"\begin{bmatrix}") == text.count(r"\end{bmatrix}")
    unescaped = re.sub(r"\\[{}]", "", text)
    depth = 0
    for ch in unescaped:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, text
    assert depth == 0, text
    for math in _MATH.findall(text):
        if "&" in math:  # alignment tabs only in matrices and aligned lists
            assert r"\begin{bmatrix}" in math or r"\begin{aligned}" in math
    outside = _MATH.sub(" ", text)
    for ch in "%#_&^\\{}~":
        assert ch not in outside, f"{ch!r} outside math in:\n{text}"
    assert "None" not in text and "{{" not in text and "{%" not in text


def answer_texts(value, fmt):
    """Every entry of an answer as the format prints it inside a matrix or tuple."""
    show = render.tex if fmt == "tex" else render.text
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return [show(v) for row in value for v in row]
    return [render.tex(value)]


CASES = [(MAX_VALUES, {"X": [[-5, 2, -1], [3, -7, -4], [-2, -6, -8]], "kernel": 3, "stride": 2, "padding": 1}),
         (AVG_VALUES, {"X": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": 2, "stride": 2, "padding": 1}),
         (AVG_VALUES, {"X": [[-3, "1/2"], [4, 1]], "kernel": 2, "stride": 1}),
         (MAX_BACKWARD, {"X": [[1, 9, 2], [3, 0, 4]], "kernel": 2, "stride": 1, "upstream": [["g1", "g2"]]}),
         (MAX_BACKWARD, {"X": [[4, 4, 1], [0, 2, 3]], "kernel": 2, "stride": 1, "upstream": [[5, -6]]}),
         (AVG_BACKWARD, {"X": [[1, 2, 3], [4, 5, 6]], "kernel": 2, "stride": 1, "upstream": [["g1", 3]]}),
         (AVG_BACKWARD, {"X": [[0, 1, 2], [3, 4, 5]], "kernel": 2, "stride": 1, "upstream": [[-2, "1/2"]]})]


def rendered_instances():
    for kind, params in CASES:
        yield instances.from_params(kind, params)
    for kind in NEW_KINDS:
        for difficulty in DIFFICULTIES:
            for seed in range(12):
                yield instances.sample(kind, seed, difficulty)


@pytest.mark.parametrize("fmt", render.FORMATS)
def test_statement_and_solution_render_with_the_answers(fmt):
    for inst in rendered_instances():
        statement = worksheet.statement(inst, fmt)
        solution = worksheet.solution(inst, fmt)
        for text in (statement, solution):
            assert text.count("$") % 2 == 0
            if fmt == "tex":
                check_latex(text)
            else:
                assert "None" not in text and "{{" not in text
        for label, value in inst.answers.items():
            for shown in answer_texts(value, fmt):
                assert shown in solution, (inst.id, label, shown)
        # The statement shows X and never gives the answer away.
        for v in (row for row in inst.steps()["X"]):
            for x in v:
                assert render.text(x) in statement or render.tex(x) in statement
        if inst.params.get("padding"):
            assert ("-\\infty" in statement) if "max" in inst.kind.id else ("divisor" in statement)
        if "max-backward" in inst.kind.id:
            assert "row-major" in statement


def test_worked_solution_shows_the_numbers():
    inst, _ = solve(AVG_VALUES, {"X": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": 2, "stride": 2, "padding": 1})
    md = worksheet.solution(inst, "md")
    assert r"\left\lfloor \frac{3 + 2 \cdot 1 - 2}{2} \right\rfloor + 1" in md
    assert r"Y[1, 1] &= \frac{1}{4}\left(5 + 6 + 8 + 9\right) = \frac{28}{4} = 7" in md
    inst, _ = solve(MAX_BACKWARD, {"X": [[1, 5, 2], [7, 3, 8], [4, 9, 6]], "kernel": 2, "stride": 1,
                                   "upstream": [[1, 2], [3, 4]]})
    md = worksheet.solution(inst, "md")
    assert r"$\max\{7, 3, 4, 9\} = 9$ at $X[2, 1]$" in md
    assert "$X[2, 1]$: $3 + 4 = 7$" in md
