"""The backprop kinds: hand-worked examples, validation messages, sampling and rendering.

Every expected value below was worked out by hand (the arithmetic is in the comments), not
produced by the code under test.
"""

import re
from fractions import Fraction

import pytest
import sympy

from probgen.generator import instances, registry, render, worksheet
from probgen.problems.model import DIFFICULTIES, ParamError

SYM = registry.find("backprop.conv1d-symbolic", 1)
NUM = registry.find("backprop.conv1d-numeric", 1)
C2 = registry.find("backprop.conv2d-numeric", 1)

x1, x2, x3, x4, x5, x6, x7, x8 = sympy.symbols("x1:9")
k1, k2, k3 = sympy.symbols("k1:4")
g1, g2, g3, g4, g5 = sympy.symbols("g1:6")


def wrong(inst, name):
    """The answers of the named misconception on this instance."""
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def same(a, b):
    return instances.same_answer(a, b)


# ---- backprop.conv1d-numeric -------------------------------------------------------------


def test_conv1d_numeric_topics_example():
    inst = instances.from_params(NUM, {"x": [2, -1, 3], "kernel": [1, -2], "upstream": [1, 2]})
    # y1 = 1*2 + (-2)*(-1) = 4, y2 = 1*(-1) + (-2)*3 = -7
    # dL/dk1 = g1 x1 + g2 x2 = 2 - 2 = 0, dL/dk2 = g1 x2 + g2 x3 = -1 + 6 = 5
    # dL/dx1 = g1 k1 = 1, dL/dx2 = g1 k2 + g2 k1 = -2 + 2 = 0, dL/dx3 = g2 k2 = -4
    assert inst.answers == {"a": (4, -7), "b": (0, 5), "c": (1, 0, -4)}
    # True convolution uses (-2, 1): y1 = -4 - 1 = -5, y2 = 2 + 3 = 5; its dL/dk is (0, 5) reversed.
    assert wrong(inst, "flipped-kernel") == {"a": (-5, 5), "b": (5, 0)}
    # Only g1: dL/dk = 1*(x1, x2) = (2, -1); dL/dx = (g1 k1, g1 k2, 0) = (1, -2, 0).
    assert wrong(inst, "only-first-output") == {"b": (2, -1), "c": (1, -2, 0)}
    # Unflipped: x1 <- g1 k2 = -2, x2 <- g1 k1 + g2 k2 = 1 - 4 = -3, x3 <- g2 k1 = 2.
    assert wrong(inst, "unflipped-kernel-in-dx") == {"c": (-2, -3, 2)}
    # Swapped: dL/dk_j = k_j (g1 + g2) = (3, -6); dL/dx_t = x_t * (g's of windows covering t) = (2, -3, 6).
    assert wrong(inst, "swapped-roles") == {"b": (3, -6), "c": (2, -3, 6)}
    assert not instances.degenerate(inst)


def test_conv1d_numeric_with_rationals():
    inst = instances.from_params(NUM, {"x": [1, 2, 3, 4], "kernel": [2, -1], "upstream": ["1/2", -1, "3/2"]})
    # y = (2 - 2, 4 - 3, 6 - 4) = (0, 1, 2)
    # dL/dk1 = 1/2*1 - 1*2 + 3/2*3 = 3, dL/dk2 = 1/2*2 - 1*3 + 3/2*4 = 4
    # dL/dx = (1/2*2, 1/2*(-1) + (-1)*2, (-1)(-1) + 3/2*2, 3/2*(-1)) = (1, -5/2, 4, -3/2)
    assert inst.answers == {"a": (0, 1, 2), "b": (3, 4), "c": (1, Fraction(-5, 2), 4, Fraction(-3, 2))}
    assert all(type(v) is int for v in inst.answers["b"])


def test_conv1d_numeric_single_output_has_no_sum_to_forget():
    inst = instances.from_params(NUM, {"x": [1, 2], "kernel": [3, 4], "upstream": [2]})
    assert inst.answers == {"a": (11,), "b": (2, 4), "c": (6, 8)}
    assert wrong(inst, "only-first-output") == {}


# ---- backprop.conv1d-symbolic ------------------------------------------------------------


def test_conv1d_symbolic_stride_and_padding():
    # n=8, k=3, padding 1, stride 3: m = floor((8+2-3)/3)+1 = 3 windows starting at x_0, x_3, x_6:
    # y1 = k2 x1 + k3 x2, y2 = k1 x3 + k2 x4 + k3 x5, y3 = k1 x6 + k2 x7 + k3 x8.
    inst = instances.from_params(SYM, {"n": 8, "k": 3, "stride": 3, "padding": 1})
    assert same(inst.answers["a"], (g2 * x3 + g3 * x6, g1 * x1 + g2 * x4 + g3 * x7, g1 * x2 + g2 * x5 + g3 * x8))
    assert same(inst.answers["b"], (g1 * k2, g1 * k3, g2 * k1, g2 * k2, g2 * k3, g3 * k1, g3 * k2, g3 * k3))
    names = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "k1", "k2", "k3", "g1", "g2", "g3"]
    assert [p.type for p in inst.parts] == ["expression-vector", "expression-vector"]
    assert all(list(p.options["symbols"]) == names for p in inst.parts)
    # As if stride 1 (windows at x_0, x_1, x_2): x1 <- g1 k2 + g2 k1, x2 <- g1 k3 + g2 k2 + g3 k1, ...
    assert same(wrong(inst, "dx-ignores-stride")["b"],
                (g1 * k2 + g2 * k1, g1 * k3 + g2 * k2 + g3 * k1, g2 * k3 + g3 * k2, g3 * k3, 0, 0, 0, 0))
    assert same(wrong(inst, "unflipped-kernel-in-dx")["b"],
                (g1 * k2, g1 * k1, g2 * k3, g2 * k2, g2 * k1, g3 * k3, g3 * k2, g3 * k1))
    only = wrong(inst, "only-first-output")
    assert same(only["a"], (0, g1 * x1, g1 * x2)) and same(only["b"], (g1 * k2, g1 * k3, 0, 0, 0, 0, 0, 0))
    swapped = wrong(inst, "swapped-roles")
    assert same(swapped["a"], ((g2 + g3) * k1, (g1 + g2 + g3) * k2, (g1 + g2 + g3) * k3))
    assert same(swapped["b"], (g1 * x1, g1 * x2, g2 * x3, g2 * x4, g2 * x5, g3 * x6, g3 * x7, g3 * x8))
    assert not instances.degenerate(inst)


def test_conv1d_symbolic_same_padding_defaults():
    # n=5, k=3, padding 1, stride left out (1): 5 outputs; y1 = k2 x1 + k3 x2, y5 = k1 x4 + k2 x5.
    inst = instances.from_params(SYM, {"n": 5, "k": 3, "padding": 1})
    assert same(inst.answers["a"], (g2 * x1 + g3 * x2 + g4 * x3 + g5 * x4,
                                    g1 * x1 + g2 * x2 + g3 * x3 + g4 * x4 + g5 * x5,
                                    g1 * x2 + g2 * x3 + g3 * x4 + g4 * x5))
    assert same(inst.answers["b"], (g1 * k2 + g2 * k1, g1 * k3 + g2 * k2 + g3 * k1, g2 * k3 + g3 * k2 + g4 * k1,
                                    g3 * k3 + g4 * k2 + g5 * k1, g4 * k3 + g5 * k2))
    assert wrong(inst, "dx-ignores-stride") == {}
    assert inst.parts[0].options["symbols"][-1] == "g5"


def test_conv1d_symbolic_plain_valid_case():
    inst = instances.from_params(SYM, {"n": 4, "k": 2, "stride": 1, "padding": 0})
    assert same(inst.answers["a"], (g1 * x1 + g2 * x2 + g3 * x3, g1 * x2 + g2 * x3 + g3 * x4))
    assert same(inst.answers["b"], (g1 * k1, g1 * k2 + g2 * k1, g2 * k2 + g3 * k1, g3 * k2))


def test_conv1d_symbolic_stride_skips_inputs():
    # n=5, k=2, stride 3: windows (x1, x2) and (x4, x5); x3 gets no gradient.
    inst = instances.from_params(SYM, {"n": 5, "k": 2, "stride": 3})
    assert same(inst.answers["a"], (g1 * x1 + g2 * x4, g1 * x2 + g2 * x5))
    assert same(inst.answers["b"], (g1 * k1, g1 * k2, 0, g2 * k1, g2 * k2))
    assert inst.steps()["untouched"] == [3]


# ---- backprop.conv2d-numeric -------------------------------------------------------------

EASY_2D = {"X": [[[1, 2, 0], [0, 1, 3], [2, 1, 1]]], "weight": [[[[1, -1], [2, 0]]]], "bias": [5],
           "padding": 0, "stride": 1, "upstream": [[[1, 2], [-1, 1]]]}


def test_conv2d_single_channel_valid():
    inst = instances.from_params(C2, EASY_2D)
    # dL/db = 1 + 2 - 1 + 1 = 3.
    # dW[u, v] = sum G[i, j] X[i+u, j+v]: (0,0) 1+4+0+1 = 6, (0,1) 2+0-1+3 = 4, (1,0) 0+2-2+1 = 1, (1,1) 1+6-1+1 = 7
    # dX[r, t] = sum G[i, j] W[r-i, t-j]: row 0: 1, -1+2, -2; row 1: 2-1, 0+4+1+1, 0-1; row 2: -2, 0+2, 0
    assert inst.answers == {"a": (3,), "b": ((((6, 4), (1, 7)),),),
                            "c": (((1, 1, -2), (1, 6, -1), (-2, 2, 0)),)}
    assert wrong(inst, "bias-mean") == {"a": (Fraction(3, 4),)}
    assert wrong(inst, "dw-flipped") == {"b": ((((7, 1), (4, 6)),),)}
    # With W rotated to [[0, 2], [-1, 1]]: row 0: 0, 2+0, 4; row 1: -1+0, 1-2-2+0, 2+2; row 2: 1, -1-1, 1
    assert wrong(inst, "dx-unflipped-kernel") == {"c": (((0, 2, 4), (-1, -3, 4), (1, -2, 1)),)}
    for name in ("dx-ignores-stride", "dx-ignores-padding", "dw-ignores-padding"):
        assert wrong(inst, name) == {}


def test_conv2d_stride_and_padding():
    params = {"X": [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]], "weight": [[[[1, 0], [0, -1]]]], "bias": [0],
              "padding": 1, "stride": 2, "upstream": [[[1, 2], [3, 4]]]}
    inst = instances.from_params(C2, params)
    # H' = floor((3 + 2 - 2)/2) + 1 = 2. The window of Z[i, j] starts at X_p[2i, 2j] (X_p is 5x5).
    # dW[0,0] = 4*X_p[2,2] = 20; dW[0,1] = 3*X_p[2,1] + 4*X_p[2,3] = 12 + 24 = 36;
    # dW[1,0] = 2*X_p[1,2] + 4*X_p[3,2] = 4 + 32 = 36; dW[1,1] = 1*1 + 2*3 + 3*7 + 4*9 = 64.
    # Windows do not overlap: X[r, t] gets G of its window times W[u, v]; only u = v = 1 (-1) and
    # u = v = 0 (1) are nonzero: X[0,0] = -1, X[0,2] = -2, X[1,1] = 4, X[2,0] = -3, X[2,2] = -4.
    assert inst.answers == {"a": (10,), "b": ((((20, 36), (36, 64)),),),
                            "c": (((-1, 0, -2), (0, 4, 0), (-3, 0, -4)),)}
    assert wrong(inst, "bias-mean") == {"a": (Fraction(5, 2),)}
    # Without the padding offset the windows sit at X[2i, 2j]: G00 -> X[0,0] += 1, X[1,1] -= 1; G01 -> X[0,2] += 2;
    # G10 -> X[2,0] += 3; G11 -> X[2,2] += 4.
    assert wrong(inst, "dx-ignores-padding") == {"c": (((1, 0, 2), (0, -1, 0), (3, 0, 4)),)}
    # Stride 1 with padding 1: X[0,0] = G00 W11 + G11 W00 = -1 + 4 = 3, X[0,1] = G01 W11 = -2,
    # X[1,0] = G10 W11 = -3, X[1,1] = G11 W11 = -4.
    assert wrong(inst, "dx-ignores-stride") == {"c": (((3, -2, 0), (-3, -4, 0), (0, 0, 0)),)}
    # dW off the unpadded X at X[2i+u, 2j+v]: (0,0) 1+6+21+36 = 64, (0,1) 2+24 = 26, (1,0) 4+12 = 16, (1,1) 5.
    assert wrong(inst, "dw-ignores-padding") == {"b": ((((64, 26), (16, 5)),),)}
    assert wrong(inst, "dx-unflipped-kernel") == {"c": (((1, 0, 2), (0, -4, 0), (3, 0, 4)),)}


def test_conv2d_two_channels_in_and_out():
    params = {"X": [[[1, 2], [3, 4]], [[0, 1], [-1, 2]]],
              "weight": [[[[2]], [[-1]]], [[[1]], [[3]]]], "bias": [0, 0], "padding": 0, "stride": 1,
              "upstream": [[[1, 0], [0, 1]], [[2, 1], [-1, 0]]]}
    inst = instances.from_params(C2, params)
    # db = (1 + 1, 2 + 1 - 1) = (2, 2)
    # dW[0,0] = 1 + 4 = 5, dW[0,1] = 0 + 2 = 2, dW[1,0] = 2 + 2 - 3 = 1, dW[1,1] = 0 + 1 + 1 + 0 = 2
    # dX[0] = 2 G[0] + 1 G[1] = [[4, 1], [-1, 2]]; dX[1] = -G[0] + 3 G[1] = [[5, 3], [-3, -1]]
    assert inst.answers == {"a": (2, 2), "b": ((((5,),), ((2,),)), (((1,),), ((2,),))),
                            "c": (((4, 1), (-1, 2)), ((5, 3), (-3, -1)))}
    assert wrong(inst, "dw-flipped") == {} and wrong(inst, "dx-unflipped-kernel") == {}


def test_conv2d_same_padding_string():
    params = dict(EASY_2D, weight=[[[[1, 0, 0], [0, 0, 0], [0, 0, 2]]]], padding="same",
                  upstream=[[[1, 0, 0], [0, 0, 0], [0, 0, 0]]])
    inst = instances.from_params(C2, params)
    # Padding 1; only Z[0,0,0] has gradient 1; its window covers X[-1..1, -1..1], so dW[u, v] = X[u-1, v-1]
    # (0 on the padding): dW[1,1] = X[0,0] = 1, dW[1,2] = X[0,1] = 2, dW[2,1] = X[1,0] = 0, dW[2,2] = X[1,1] = 1.
    # X[r, t] receives W[r+1, t+1]: only W[2,2] = 2 is nonzero among those, at X[1,1].
    assert inst.answers["b"] == ((((0, 0, 0), (0, 1, 2), (0, 0, 1)),),)
    assert inst.answers["c"] == (((0, 0, 0), (0, 2, 0), (0, 0, 0)),)


# ---- validation --------------------------------------------------------------------------


@pytest.mark.parametrize("kind, params, words", [
    (NUM, {"x": [1, 2, 3], "kernel": [1, 2], "upstream": [1, 2, 3]}, ["upstream", "2 entries", "not 3"]),
    (NUM, {"x": [1, 2], "kernel": [1, 2, 3], "upstream": [1]}, ["kernel", "longer"]),
    (NUM, {"x": [1, "a"], "kernel": [1], "upstream": [1, 2]}, ["entry 1", "'x'"]),
    (NUM, {"x": [1, 2, 3], "kernel": [1, 2], "upstream": [1, 2], "stride": 2}, ["stride 1"]),
    (NUM, {"x": [[1, 2]], "kernel": [1], "upstream": [1]}, ["'x'", "list of numbers"]),
    (NUM, {"kernel": [1], "upstream": [1]}, ["missing", "'x'"]),
    (SYM, {"n": 5, "k": 3, "stride": 0}, ["stride", "at least 1"]),
    (SYM, {"n": 5, "k": 3, "padding": "same"}, ["padding", "whole number"]),
    (SYM, {"n": 5, "k": 3, "padding": 3}, ["padding 3", "kernel size 3"]),
    (SYM, {"n": 2, "k": 5, "padding": 1}, ["kernel", "larger", "size 2"]),
    (SYM, {"n": 2.5, "k": 2}, ["'n'", "whole number"]),
    (SYM, {"n": 500, "k": 2}, ["'n'", "at most"]),
    (C2, dict(EASY_2D, X=[[[1, 2, 0], [0, 1], [2, 1, 1]]]), ["'X'", "ragged"]),
    (C2, dict(EASY_2D, X=[[1, 2], [3, 4]]), ["'X'", "3-D"]),
    (C2, dict(EASY_2D, weight=[[[[1, -1], [2, 0]], [[1, 1], [1, 1]]]]), ["weight", "input channel", "X has 1"]),
    (C2, dict(EASY_2D, bias=[1, 2]), ["bias", "one entry per output channel"]),
    (C2, dict(EASY_2D, upstream=[[[1, 2, 3], [1, 2, 3]]]), ["upstream", "1x2x2", "not 1x2x3"]),
    (C2, dict(EASY_2D, stride=0), ["stride", "at least 1"]),
    (C2, dict(EASY_2D, padding=2), ["padding 2", "kernel size 2"]),
    (C2, dict(EASY_2D, padding="same"), ["same", "odd"]),
    (C2, dict(EASY_2D, padding="full"), ["padding", "valid", "same"]),
    (C2, dict(EASY_2D, weight=[[[[1, 2, 3, 4]] * 4]]), ["kernel", "larger", "input height"]),
])
def test_nonsense_params_are_refused_in_one_sentence(kind, params, words):
    with pytest.raises(ParamError) as info:
        kind.validate(params)
    message = str(info.value)
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    for word in words:
        assert word in message, message


# ---- sampling ----------------------------------------------------------------------------


# The 500-seed property (valid params, every misconception differs) is in test_catalog.py.


def test_sampled_params_are_complete_and_sized_by_difficulty():
    for seed in range(60):
        assert set(instances.sample(SYM, seed, "easy").params) == {"n", "k", "stride", "padding"}
        assert set(instances.sample(NUM, seed, "easy").params) == {"x", "kernel", "upstream"}
        assert set(instances.sample(C2, seed, "easy").params) == {"X", "weight", "bias", "padding", "stride",
                                                                  "upstream"}
    easy = [instances.sample(C2, s, "easy").params for s in range(60)]
    assert all(p["stride"] == 1 and p["padding"] == 0 and len(p["X"]) == 1 and len(p["weight"]) == 1 for p in easy)
    hard = [instances.sample(C2, s, "hard").params for s in range(60)]
    assert all(p["stride"] == 2 and p["padding"] == 1 and len(p["X"][0]) <= 5 for p in hard)
    assert all(1 <= len(p["X"]) <= 2 and 1 <= len(p["weight"]) <= 2 for p in hard)
    sym_easy = [instances.sample(SYM, s, "easy").params for s in range(60)]
    assert all(p["stride"] == 1 and p["padding"] == 0 for p in sym_easy)
    sym_hard = [instances.sample(SYM, s, "hard").params for s in range(60)]
    assert all(p["stride"] > 1 for p in sym_hard)
    # Kernels never read the same backwards, so flipping always shows.
    for s in range(200):
        kern = instances.sample(NUM, s, "medium").params["kernel"]
        assert kern != kern[::-1]


# ---- rendering ---------------------------------------------------------------------------


def outside_math(text):
    text = re.sub(r"\\\[.*?\\\]", " ", text, flags=re.S)
    return re.sub(r"\$.*?\$", " ", text, flags=re.S)


def check_rendering(inst):
    for fmt in render.FORMATS:
        statement, solution = worksheet.statement(inst, fmt), worksheet.solution(inst, fmt)
        for text in (statement, solution):
            assert "None" not in text and "{{" not in text and "{%" not in text
            assert text.count("$") % 2 == 0
            # No paragraph break inside an aligned block (LaTeX would refuse it).
            for block in re.findall(r"\\begin\{aligned\}(.*?)\\end\{aligned\}", text, flags=re.S):
                assert "\n\n" not in block
            if fmt == "tex":
                assert "$$" not in text
                assert not re.search(r"[%&#_]", outside_math(text)), outside_math(text)
    return worksheet.solution(inst, "md")


def test_rendered_solutions_show_the_answers():
    inst = instances.from_params(NUM, {"x": [2, -1, 3], "kernel": [1, -2], "upstream": [1, 2]})
    solution = check_rendering(inst)
    assert "y_{2} &= 1 \\cdot (-1) + (-2) \\cdot 3 = -7" in solution
    assert "g_{1} x_{2} + g_{2} x_{3}" in solution
    inst = instances.from_params(SYM, {"n": 8, "k": 3, "stride": 3, "padding": 1})
    solution = check_rendering(inst)
    assert "y_{1} &= k_{1} \\cdot 0 + k_{2} x_{1} + k_{3} x_{2} = k_{2} x_{1} + k_{3} x_{2}" in solution
    assert "\\frac{\\partial L}{\\partial k_{1}} &= g_{2} x_{3} + g_{3} x_{6}" in solution
    inst = instances.from_params(C2, EASY_2D)
    solution = check_rendering(inst)
    assert "\\frac{\\partial L}{\\partial W[0, 0, 1, 1]} &= 1 \\cdot 1 + 2 \\cdot 3 + (-1) \\cdot 1 + 1 \\cdot 1 = 7" in solution
    assert "\\frac{\\partial L}{\\partial X[0, 2, 2]} &= 1 \\cdot 0 = 0" in solution


@pytest.mark.parametrize("kind", [SYM, NUM, C2], ids=lambda k: k.id)
def test_sampled_instances_render_in_both_formats(kind):
    for difficulty in DIFFICULTIES:
        for seed in range(8):
            check_rendering(instances.sample(kind, seed, difficulty))


@pytest.mark.parametrize("kind_id, version", [("backprop.conv2d-numeric", 2), ("backprop.bias-gradient", 1)])
def test_bias_gradient_feedback_counts_channels_from_0_as_the_statement_does(kind_id, version):
    """The statement names channels B[0], B[1], ... (indices start at 0), so a wrong entry of
    dL/db is named by the same number."""
    from probgen.grader.compare import grade_part

    inst = instances.sample(registry.find(kind_id, version), 3, "medium")
    from probgen.generator.keyfile import key_problem

    key = next(p for p in key_problem(inst)["parts"] if p["label"] == "a")
    right = list(inst.answers["a"])
    wrong = [*right[:-1], right[-1] + 1]
    result = grade_part(key, [str(v) for v in wrong])
    assert f"({len(right) - 1})" in result.feedback or f" {len(right) - 1}" in result.feedback, result.feedback
    assert f"({len(right)})" not in result.feedback, result.feedback
    assert "counting from 0" in result.feedback and result.feedback.rstrip(".").endswith(f" {len(right) - 1}")
