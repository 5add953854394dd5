"""The weight-sharing kinds: hand-worked examples, validation messages, sampling and rendering.

Every expected value below was worked out by hand (the arithmetic is in the comments), not
produced by the code under test.
"""

import json
import re

import pytest
import sympy

from probgen.generator import instances, keyfile, registry, render
from probgen.problems.model import DIFFICULTIES, ParamError

TOEPLITZ = registry.find("weight-sharing.toeplitz", 1)
NO_SHARING = registry.find("weight-sharing.no-sharing", 1)
LC2D = registry.find("weight-sharing.locally-connected-2d", 1)

k1, k2, k3 = sympy.symbols("k1:4")


def wrong(inst, name):
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def matrix(rows):
    """A matrix written with the symbols above, as the tuple of tuples the kind answers."""
    return tuple(tuple(sympy.S(v) for v in row) for row in rows)


# ---- weight-sharing.toeplitz ----------------------------------------------------------


def test_toeplitz_topics_example_valid():
    # n=6, k=2, valid: m = 6 - 2 + 1 = 5 rows; row i has k1 in column i and k2 in column i + 1.
    inst = instances.from_params(TOEPLITZ, {"n": 6, "k": 2, "padding": "valid", "stride": 1})
    assert inst.answers["a"] == (5, 6)
    assert inst.answers["b"] == matrix([
        [k1, k2, 0, 0, 0, 0],
        [0, k1, k2, 0, 0, 0],
        [0, 0, k1, k2, 0, 0],
        [0, 0, 0, k1, k2, 0],
        [0, 0, 0, 0, k1, k2],
    ])
    assert inst.parts[1].type == "expression-matrix"
    assert inst.parts[1].options == {"symbols": ["k1", "k2"]}
    assert wrong(inst, "flipped-kernel")["b"][0] == matrix([[k2, k1, 0, 0, 0, 0]])[0]
    transposed = wrong(inst, "transposed")
    assert transposed["a"] == (6, 5)
    assert transposed["b"][0] == matrix([[k1, 0, 0, 0, 0]])[0] and transposed["b"][1] == matrix([[k2, k1, 0, 0, 0]])[0]
    assert wrong(inst, "padding-as-columns") == {}                  # no padding to count
    assert wrong(inst, "forgot-plus-one") == {"a": (4, 6)}
    assert not instances.degenerate(inst)


def test_toeplitz_same_padding_odd_kernel_keeps_n_rows():
    # n=5, k=3, "same": one zero each side, m = 5; row 1 = (k2, k3, 0, 0, 0) (k1 meets the padded zero).
    inst = instances.from_params(TOEPLITZ, {"n": 5, "k": 3, "padding": "same", "stride": 1})
    assert inst.answers["a"] == (5, 5)
    assert inst.answers["b"] == matrix([
        [k2, k3, 0, 0, 0],
        [k1, k2, k3, 0, 0],
        [0, k1, k2, k3, 0],
        [0, 0, k1, k2, k3],
        [0, 0, 0, k1, k2],
    ])
    # Padding as columns: K on the padded input (0, x1..x5, 0), shape (5, 7), a clean band.
    cols = wrong(inst, "padding-as-columns")
    assert cols["a"] == (5, 7)
    assert cols["b"][0] == matrix([[k1, k2, k3, 0, 0, 0, 0]])[0]
    assert cols["b"][4] == matrix([[0, 0, 0, 0, k1, k2, k3]])[0]
    # Flipped: rows reversed, k2 on the diagonal, k1 above and k3 below it.
    assert wrong(inst, "flipped-kernel")["b"][1] == matrix([[k3, k2, k1, 0, 0]])[0]
    # For "same" the transpose IS the flipped matrix, so only the earlier mistake names it,
    # and the shape is square, so the transpose does not show in part a either.
    assert wrong(inst, "transposed") == {}


def test_toeplitz_with_stride_and_padding():
    # n=5, k=3, p=1, s=2: m = floor((5 + 2 - 3)/2) + 1 = 3. Padded (0, x1, ..., x5, 0).
    # y1 on (0, x1, x2), y2 on (x2, x3, x4), y3 on (x4, x5, 0).
    inst = instances.from_params(TOEPLITZ, {"n": 5, "k": 3, "padding": 1, "stride": 2})
    assert inst.answers["a"] == (3, 5)
    assert inst.answers["b"] == matrix([
        [k2, k3, 0, 0, 0],
        [0, k1, k2, k3, 0],
        [0, 0, 0, k1, k2],
    ])
    assert wrong(inst, "padding-as-columns")["a"] == (3, 7)
    assert wrong(inst, "transposed")["a"] == (5, 3)
    # One position late: y1 on (x1, x2, x3), y2 on (x3, x4, x5), y3 on (x5, 0, past the end).
    assert wrong(inst, "window-shift")["b"] == matrix([
        [k1, k2, k3, 0, 0],
        [0, 0, k1, k2, k3],
        [0, 0, 0, 0, k1],
    ])


def test_toeplitz_key_is_json_of_expressions():
    inst = instances.from_params(TOEPLITZ, {"n": 3, "k": 2, "padding": 0, "stride": 1})
    entry = json.loads(json.dumps(keyfile.key_problem(inst)))
    (b,) = [p for p in entry["parts"] if p["label"] == "b"]
    assert b["answer"] == [["k1", "k2", "0"], ["0", "k1", "k2"]]
    assert entry["parts"][0]["answer"] == [2, 3]


@pytest.mark.parametrize("extra, words", [
    ({"padding": "same", "stride": 2}, ["same", "stride 1"]),
    ({"padding": "Same!"}, ["'padding'", "same", "valid"]),
    ({"padding": 2}, ["padding 2", "kernel size 2", "at most 1"]),
    ({"n": 1}, ["kernel", "larger", "length 1"]),
    ({"n": 50}, ["'n'", "at most"]),
    ({"stride": 0}, ["'stride'", "at least 1"]),
])
def test_toeplitz_validation(extra, words):
    params = {"n": 6, "k": 2, "padding": 0, "stride": 1, **extra}
    with pytest.raises(ParamError) as err:
        TOEPLITZ.validate(params)
    for word in words:
        assert word in str(err.value)


# ---- weight-sharing.no-sharing --------------------------------------------------------


def test_no_sharing_counts():
    # n=10, k=3, no padding, s=1: m = 8; shared 3, one kernel per output 8*3 = 24, dense 8*10 = 80.
    inst = instances.from_params(NO_SHARING, {"n": 10, "k": 3, "padding": 0, "stride": 1})
    assert inst.answers == {"a": 3, "b": 24, "c": 80}
    assert wrong(inst, "sharing-forgotten") == {"a": 24}
    assert wrong(inst, "outputs-as-n") == {"b": 30, "c": 100}
    assert wrong(inst, "forgot-plus-one") == {"b": 21, "c": 70}
    assert wrong(inst, "padding-as-inputs") == {} and wrong(inst, "stride-ignored") == {}


def test_no_sharing_with_padding_and_stride():
    # n=10, k=4, p=1, s=2: m = floor((10 + 2 - 4)/2) + 1 = 5; b = 20, c = 50.
    inst = instances.from_params(NO_SHARING, {"n": 10, "k": 4, "padding": 1, "stride": 2})
    assert inst.answers == {"a": 4, "b": 20, "c": 50}
    assert wrong(inst, "padding-as-inputs") == {"c": 60}            # 5 * 12
    assert wrong(inst, "stride-ignored") == {"b": 36, "c": 90}      # m = 8 + 1 = 9
    assert wrong(inst, "outputs-as-n") == {"b": 40, "c": 100}


def test_no_sharing_same_padding():
    # "same" keeps m = n = 9: b = 27, c = 81; the output-as-n slip changes nothing.
    inst = instances.from_params(NO_SHARING, {"n": 9, "k": 3, "padding": "same", "stride": 1})
    assert inst.answers == {"a": 3, "b": 27, "c": 81}
    assert wrong(inst, "outputs-as-n") == {}
    assert wrong(inst, "padding-as-inputs") == {"c": 99}            # 9 * 11


def test_no_sharing_validation():
    with pytest.raises(ParamError, match="larger"):
        NO_SHARING.validate({"n": 2, "k": 5, "padding": 0, "stride": 1})
    with pytest.raises(ParamError, match="'padding'"):
        NO_SHARING.validate({"n": 8, "k": 3, "padding": [1, 1], "stride": 1})


# ---- weight-sharing.locally-connected-2d ----------------------------------------------


def test_locally_connected_rgb_same_size():
    # C=3, 32x32, F=16, k=3, s=1, p=1: H' = W' = 32.
    inst = instances.from_params(LC2D, {"channels": 3, "height": 32, "width": 32, "filters": 16, "kernel": 3,
                                        "stride": 1, "padding": 1})
    assert inst.answers == {
        "a": 432,            # 16 * 3 * 9
        "b": 442368,         # 432 * 1024 positions
        "c": 50331648,       # (3*32*32 = 3072) * (16*32*32 = 16384)
    }
    assert wrong(inst, "forgot-input-channels") == {"a": 144, "b": 147456}   # 16*9, 144*1024
    assert wrong(inst, "output-as-input") == {}                              # H' = H already
    assert wrong(inst, "dense-to-input-size") == {"c": 3072 ** 2}
    assert wrong(inst, "padding-as-inputs") == {"c": 3 * 34 * 34 * 16384}
    # Forgetting +1: 31 x 31 positions.
    assert wrong(inst, "forgot-plus-one") == {"b": 432 * 961, "c": 3072 * 16 * 961}


def test_locally_connected_rectangular_with_stride():
    # C=1, 28x20, F=8, k=5, s=2, p=0: H' = floor(23/2) + 1 = 12, W' = floor(15/2) + 1 = 8.
    inst = instances.from_params(LC2D, {"channels": 1, "height": 28, "width": 20, "filters": 8, "kernel": 5,
                                        "stride": 2, "padding": 0})
    assert inst.answers == {"a": 200, "b": 19200, "c": 430080}   # 8*25; 200*96; 560*768
    assert wrong(inst, "forgot-input-channels") == {}
    # Stride 1: 24 x 16 = 384 positions: b = 200*384, c = 560 * 8*384.
    assert wrong(inst, "stride-ignored") == {"b": 76800, "c": 1720320}
    # Output as input: 28*20 = 560 positions: b = 200*560 = 112000, c = 560 * 8*560 = 2508800.
    assert wrong(inst, "output-as-input") == {"b": 112000, "c": 2508800}


def test_locally_connected_same_padding_and_big_counts_stay_exact():
    # C=2, 5x7, F=4, k=3, "same": 5 x 7 output; a = 72, b = 72*35 = 2520, c = 70 * 140 = 9800.
    inst = instances.from_params(LC2D, {"channels": 2, "height": 5, "width": 7, "filters": 4, "kernel": 3,
                                        "stride": 1, "padding": "same"})
    assert inst.answers == {"a": 72, "b": 2520, "c": 9800}
    # 3x256x256 to 64 filters 3x3 "same": c = 196608 * 4194304 = 824633720832 = 3 * 2**38.
    inst = instances.from_params(LC2D, {"channels": 3, "height": 256, "width": 256, "filters": 64, "kernel": 3,
                                        "stride": 1, "padding": "same"})
    assert inst.answers["c"] == 3 * 2 ** 38 and type(inst.answers["c"]) is int


@pytest.mark.parametrize("extra, words", [
    ({"kernel": 9}, ["kernel", "larger", "height"]),
    ({"channels": 0}, ["'channels'", "at least 1"]),
    ({"padding": "same", "stride": 2}, ["same", "stride 1"]),
    ({"filters": True}, ["'filters'", "whole number"]),
])
def test_locally_connected_validation(extra, words):
    params = {"channels": 3, "height": 6, "width": 8, "filters": 4, "kernel": 3, "stride": 1, "padding": 0,
              **extra}
    with pytest.raises(ParamError) as err:
        LC2D.validate(params)
    for word in words:
        assert word in str(err.value)


# ---- sampling -------------------------------------------------------------------------


# The 500-seed property (valid params, every misconception differs) is in test_catalog.py.


def test_sampled_sizes_follow_the_difficulty():
    easy = [instances.sample(TOEPLITZ, s, "easy").params for s in range(60)]
    assert all(5 <= p["n"] <= 8 and p["k"] in (2, 3) and p["stride"] == 1 and p["padding"] in (0, "valid")
               for p in easy)
    hard = [instances.sample(NO_SHARING, s, "hard").params for s in range(60)]
    assert all(p["stride"] <= 3 and (p["padding"] == "same" or p["padding"] < p["k"]) for p in hard)
    easy = [instances.sample(LC2D, s, "easy").params for s in range(60)]
    assert all(p["stride"] == 1 and p["padding"] == 0 for p in easy)


# ---- rendering ------------------------------------------------------------------------


def rendered(inst, block, fmt):
    ctx = {"params": inst.params, "answers": inst.answers, "parts": inst.parts, "steps": inst.steps()}
    return render.render_block(inst.kind.template_name, block, ctx, fmt)


def check_markup(text, fmt):
    assert "{{" not in text and "{%" not in text and "None" not in text
    assert text.count("$") % 2 == 0
    outside_math = re.sub(r"\$\$.*?\$\$|\\\[.*?\\\]|\$.*?\$", " ", text, flags=re.S)
    assert "\\" not in outside_math and "$" not in outside_math
    assert not any(c in outside_math for c in "%&#_")
    for display in re.findall(r"\$\$.*?\$\$|\\\[.*?\\\]", text, flags=re.S):
        assert "\n\n" not in display
    if fmt == "tex":
        assert "$$" not in text
        assert text.count(r"\[") == text.count(r"\]")
        assert text.count("{") == text.count("}")


@pytest.mark.parametrize("fmt", render.FORMATS)
def test_toeplitz_solution_shows_rows_and_matrix(fmt):
    inst = instances.from_params(TOEPLITZ, {"n": 5, "k": 3, "padding": "same", "stride": 1})
    statement, solution = rendered(inst, "statement", fmt), rendered(inst, "solution", fmt)
    check_markup(statement, fmt)
    check_markup(solution, fmt)
    assert "unpadded input" in statement and "not flipped" in statement and "1-based" in statement
    assert "one zero before $x_1$ and one zero after $x_{5}$" in statement
    assert r"y_{1} &= k_{2} x_{1} + k_{3} x_{2}" in solution
    if fmt == "tex":
        assert r"K = \begin{bmatrix} k_{2} & k_{3} & 0 & 0 & 0 \\" in solution
    else:
        assert "k2  k3   0   0   0" in solution


def test_sampled_instances_render_in_both_formats():
    for kind in (TOEPLITZ, NO_SHARING, LC2D):
        for difficulty in DIFFICULTIES:
            for seed in range(8):
                inst = instances.sample(kind, seed, difficulty)
                for fmt in render.FORMATS:
                    check_markup(rendered(inst, "statement", fmt), fmt)
                    solution = rendered(inst, "solution", fmt)
                    check_markup(solution, fmt)
                    if kind is not TOEPLITZ:
                        for value in inst.answers.values():
                            assert str(value) in solution
