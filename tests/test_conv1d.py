"""The conv1d kinds: hand-worked examples, validation messages, sampling and rendering.

Every expected value below was worked out by hand (the arithmetic is in the comments), not
produced by the code under test.
"""

import json
import re
from fractions import Fraction

import pytest
import sympy

from probgen.generator import instances, keyfile, registry, render
from probgen.problems.model import DIFFICULTIES, ParamError

LENGTH = registry.find("conv1d.output-length", 1)
ENTRIES = registry.find("conv1d.entries", 1)
NUMERIC = registry.find("conv1d.numeric", 1)

x1, x2, x3, x4, x5, x6, x7, x8 = sympy.symbols("x1:9")
k1, k2, k3, k4 = sympy.symbols("k1:5")


def wrong(inst, name):
    """The answers of the named misconception on this instance."""
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def same(a, b):
    return sympy.expand(a - b) == 0


# ---- conv1d.output-length -------------------------------------------------------------


def test_output_length_topics_example():
    # n=8, k=3, p=1, s=3: floor((8 + 2 - 3)/3) + 1 = floor(7/3) + 1 = 3.
    inst = instances.from_params(LENGTH, {"n": 8, "k": 3, "padding": 1, "stride": 3})
    assert inst.answers == {"a": 3}
    assert type(inst.answers["a"]) is int
    assert wrong(inst, "forgot-plus-one") == {"a": 2}               # floor(7/3)
    assert wrong(inst, "no-floor") == {"a": Fraction(10, 3)}        # 7/3 + 1
    assert wrong(inst, "stride-ignored") == {"a": 8}                # 7 + 1
    # One side only: floor((8 + 1 - 3)/3) + 1 = 3, the right answer by luck: this instance is degenerate.
    assert wrong(inst, "padding-one-side") == {"a": 3}
    assert instances.degenerate(inst)


def test_output_length_with_stride_and_padding():
    # n=11, k=4, p=2, s=2: (11 + 4 - 4)/2 = 11/2 -> 5, +1 = 6.
    inst = instances.from_params(LENGTH, {"n": 11, "k": 4, "padding": 2, "stride": 2})
    assert inst.answers == {"a": 6}
    assert wrong(inst, "forgot-plus-one") == {"a": 5}
    assert wrong(inst, "padding-one-side") == {}                    # floor(9/2) + 1 = 5: same as forgetting +1
    assert wrong(inst, "no-floor") == {"a": Fraction(13, 2)}        # 11/2 + 1
    assert wrong(inst, "stride-ignored") == {"a": 12}               # 11 + 1
    assert not instances.degenerate(inst)


def test_output_length_same_padding_splits_k_minus_one():
    # k=4: 3 zeros, 1 on the left and 2 on the right; n + 3 - 4 + 1 = n.
    inst = instances.from_params(LENGTH, {"n": 10, "k": 4, "padding": "same", "stride": 1})
    assert inst.answers == {"a": 10}
    assert wrong(inst, "forgot-plus-one") == {"a": 9}
    assert wrong(inst, "padding-one-side") == {"a": 8}              # left zero only: 10 + 1 - 4 + 1
    assert wrong(inst, "no-floor") == {} and wrong(inst, "stride-ignored") == {}
    steps = inst.steps()
    assert (steps["pad"]["left"], steps["pad"]["right"]) == (1, 2)
    # k=2: the one zero goes to the right; padding one side has no left zeros to act on.
    inst = instances.from_params(LENGTH, {"n": 7, "k": 2, "padding": "same", "stride": 1})
    assert inst.answers == {"a": 7}
    assert wrong(inst, "padding-one-side") == {}


def test_output_length_valid_means_no_padding():
    inst = instances.from_params(LENGTH, {"n": 5, "k": 5, "padding": "valid", "stride": 1})
    assert inst.answers == {"a": 1}                                 # 5 - 5 + 1
    assert instances.from_params(LENGTH, {"n": 9, "k": 2, "padding": "valid", "stride": 3}).answers == {"a": 3}  # 7//3 + 1


@pytest.mark.parametrize("params, words", [
    ({"n": 8, "k": 3, "padding": 0, "stride": 0}, ["'stride'", "at least 1"]),
    ({"n": 8, "k": 3, "padding": -1, "stride": 1}, ["'padding'", "at least 0"]),
    ({"n": 8, "k": 3, "padding": "full", "stride": 1}, ["'padding'", "same", "valid", "full"]),
    ({"n": 8, "k": 3, "padding": "same", "stride": 2}, ["same", "stride 1", "stride 2"]),
    ({"n": 4, "k": 7, "padding": 1, "stride": 1}, ["kernel", "larger", "length 4", "padded by 1"]),
    ({"n": 2.5, "k": 3, "padding": 0, "stride": 1}, ["'n'", "whole number"]),
    ({"n": 8, "k": 0, "padding": 0, "stride": 1}, ["'k'", "at least 1"]),
    ({"n": 8, "k": 3, "stride": 1}, ["missing", "'padding'"]),
])
def test_output_length_validation(params, words):
    with pytest.raises(ParamError) as err:
        LENGTH.validate(params)
    message = str(err.value)
    assert message.count(".") >= 1 and "\n" not in message
    for word in words:
        assert word in message


# ---- conv1d.entries -------------------------------------------------------------------


def test_entries_topics_example():
    # n=8, k=3, p=1, s=3, length 3; default positions first, second, last = 1, 2, 3.
    # Padded: (0, x1, ..., x8, 0). y1 window entries 1..3 = (0, x1, x2); y2: 4..6 = (x3, x4, x5); y3: 7..9.
    inst = instances.from_params(ENTRIES, {"n": 8, "k": 3, "padding": 1, "stride": 3})
    assert [p.label for p in inst.parts] == ["a", "b", "c", "d"]
    assert inst.answers["a"] == 3
    assert same(inst.answers["b"], k2 * x1 + k3 * x2)
    assert same(inst.answers["c"], k1 * x3 + k2 * x4 + k3 * x5)
    assert same(inst.answers["d"], k1 * x6 + k2 * x7 + k3 * x8)
    assert inst.parts[2].prompt == "$y_{2}$ in terms of the $x_i$ and $k_j$."
    assert inst.parts[1].type == "expression"
    assert inst.parts[1].options == {"symbols": ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "k1", "k2", "k3"]}
    flipped = wrong(inst, "flipped-kernel")
    assert same(flipped["b"], k2 * x1 + k1 * x2)
    assert same(flipped["c"], k3 * x3 + k2 * x4 + k1 * x5)
    # One position late: y1 on (x1, x2, x3), y2 on (x4, x5, x6), y3 on (x7, x8, past the end).
    shifted = wrong(inst, "window-shift")
    assert same(shifted["b"], k1 * x1 + k2 * x2 + k3 * x3)
    assert same(shifted["c"], k1 * x4 + k2 * x5 + k3 * x6)
    assert same(shifted["d"], k1 * x7 + k2 * x8)
    assert wrong(inst, "forgot-plus-one") == {"a": 2}
    assert wrong(inst, "no-floor") == {"a": Fraction(10, 3)}


def test_entries_same_padding_even_kernel_and_chosen_positions():
    # n=6, k=4, "same": 1 zero left, 2 right; padded (0, x1..x6, 0, 0), m = 6.
    # y1 = (0, x1, x2, x3) -> k2 x1 + k3 x2 + k4 x3; y6 = (x5, x6, 0, 0) -> k1 x5 + k2 x6.
    inst = instances.from_params(ENTRIES, {"n": 6, "k": 4, "padding": "same", "stride": 1, "positions": [6, 1]})
    assert inst.answers["a"] == 6
    assert same(inst.answers["b"], k1 * x5 + k2 * x6)
    assert same(inst.answers["c"], k2 * x1 + k3 * x2 + k4 * x3)
    assert inst.parts[1].prompt.startswith("$y_{6}$")


def test_entries_default_positions_without_repeats():
    # n=3, k=2, no padding: m = 2, so first, second, last = 1, 2.
    inst = instances.from_params(ENTRIES, {"n": 3, "k": 2, "padding": 0, "stride": 1})
    assert [p.label for p in inst.parts] == ["a", "b", "c"]
    assert same(inst.answers["c"], k1 * x2 + k2 * x3)
    # n=3, k=3: m = 1, one position only.
    inst = instances.from_params(ENTRIES, {"n": 3, "k": 3, "padding": "valid", "stride": 1})
    assert [p.label for p in inst.parts] == ["a", "b"]
    assert same(inst.answers["b"], k1 * x1 + k2 * x2 + k3 * x3)


def test_entries_sampled_positions_default_to_the_geometry():
    # Sampled params name positions as null, so params given by hand for n, k, padding, stride
    # get first, second, last of their own geometry.
    inst = instances.sample(ENTRIES, 3, "hard", given={"n": 8, "k": 3, "padding": 1, "stride": 3})
    assert inst.params["positions"] is None
    assert [p.prompt[:7] for p in inst.parts[1:]] == ["$y_{1}$", "$y_{2}$", "$y_{3}$"]


def test_entries_answers_survive_the_key():
    inst = instances.from_params(ENTRIES, {"n": 8, "k": 3, "padding": 1, "stride": 3})
    entry = json.loads(json.dumps(keyfile.key_problem(inst)))
    answers = {p["label"]: p["answer"] for p in entry["parts"]}
    assert answers["a"] == 3
    assert same(sympy.sympify(answers["b"]), k2 * x1 + k3 * x2)


@pytest.mark.parametrize("extra, words", [
    ({"positions": [0, 1]}, ["position 0", "1-based"]),
    ({"positions": [4]}, ["position 4", "length 3"]),
    ({"positions": [1, 1]}, ["position 1", "twice"]),
    ({"positions": "all"}, ["'positions'", "list"]),
    ({"positions": [1.5]}, ["'positions'", "whole"]),
    ({"padding": 3}, ["padding 3", "kernel size 3", "at most 2"]),
    ({"n": 100}, ["'n'", "at most"]),
])
def test_entries_validation(extra, words):
    params = {"n": 8, "k": 3, "padding": 1, "stride": 3, **extra}
    with pytest.raises(ParamError) as err:
        ENTRIES.validate(params)
    for word in words:
        assert word in str(err.value)


# ---- conv1d.numeric -------------------------------------------------------------------


def test_numeric_small_example():
    # x = (2, -1, 3), kernel (1, -2): y1 = 2 + 2 = 4, y2 = -1 - 6 = -7.
    inst = instances.from_params(NUMERIC, {"x": [2, -1, 3], "kernel": [1, -2], "padding": 0, "stride": 1})
    assert inst.answers == {"a": (4, -7)}
    # Flipped (-2, 1): -4 - 1 = -5, 2 + 3 = 5.
    assert wrong(inst, "flipped-kernel") == {"a": (-5, 5)}
    # One position late: y1 on (-1, 3) = -1 - 6 = -7, y2 on (3, past the end) = 3.
    assert wrong(inst, "window-shift") == {"a": (-7, 3)}
    assert wrong(inst, "padding-one-side") == {} and wrong(inst, "stride-ignored") == {}


def test_numeric_padding_and_stride():
    # x = (1, 2, 3, 4, 5), kernel (1, 0, -1), p = 1, s = 2: padded (0, 1, 2, 3, 4, 5, 0),
    # m = floor((5 + 2 - 3)/2) + 1 = 3; windows (0,1,2) -> -2, (2,3,4) -> -2, (4,5,0) -> 4.
    inst = instances.from_params(NUMERIC, {"x": [1, 2, 3, 4, 5], "kernel": [1, 0, -1], "padding": 1, "stride": 2})
    assert inst.answers == {"a": (-2, -2, 4)}
    assert wrong(inst, "flipped-kernel") == {"a": (2, 2, -4)}        # kernel (-1, 0, 1)
    assert wrong(inst, "window-shift") == {"a": (-2, -2, 5)}         # (1,2,3), (3,4,5), (5,0,-)
    assert wrong(inst, "padding-one-side") == {"a": (-2, -2)}        # (0,1,...,5): floor(3/2) + 1 = 2 windows
    assert wrong(inst, "padding-ignored") == {}                      # (1,2,3), (3,4,5): same as one side, named once
    # Stride 1: windows (0,1,2), (1,2,3), (2,3,4), (3,4,5), (4,5,0).
    assert wrong(inst, "stride-ignored") == {"a": (-2, -2, -2, -2, 4)}


def test_numeric_rationals_are_exact():
    # x = (2, 4, 6), kernel (1/2, 1/4): y1 = 1 + 1 = 2, y2 = 2 + 3/2 = 7/2.
    inst = instances.from_params(NUMERIC, {"x": [2, 4, 6], "kernel": ["1/2", "1/4"], "padding": "valid",
                                           "stride": 1})
    assert inst.answers == {"a": (2, Fraction(7, 2))}
    assert type(inst.answers["a"][0]) is int
    assert keyfile.answer_json(inst.answers["a"], "vector") == [2, "7/2"]


def test_numeric_same_padding_even_kernel_pads_right():
    # k = 2, "same": no zero on the left, one on the right: (1, 2, 3, 0) with (1, 10) -> 21, 32, 3.
    inst = instances.from_params(NUMERIC, {"x": [1, 2, 3], "kernel": [1, 10], "padding": "same", "stride": 1})
    assert inst.answers == {"a": (21, 32, 3)}


@pytest.mark.parametrize("extra, words", [
    ({"kernel": [1, 2, 3, 4, 5, 6]}, ["kernel", "larger", "input x"]),
    ({"kernel": []}, ["'kernel'", "between 1"]),
    ({"x": [1, "two", 3]}, ["entry 1", "'x'", "number"]),
    ({"x": [[1, 2], [3, 4]]}, ["'x'", "list of numbers"]),
    ({"padding": 2}, ["padding 2", "kernel size 2"]),
    ({"padding": "same", "stride": 2}, ["same", "stride 1"]),
])
def test_numeric_validation(extra, words):
    params = {"x": [1, 2, 3, 4], "kernel": [1, -1], "padding": 0, "stride": 1, **extra}
    with pytest.raises(ParamError) as err:
        NUMERIC.validate(params)
    for word in words:
        assert word in str(err.value)


# ---- sampling -------------------------------------------------------------------------


# The 500-seed property (valid params, every misconception differs) is in test_catalog.py.


def test_sampled_sizes_follow_the_difficulty():
    easy = [instances.sample(NUMERIC, s, "easy").params for s in range(60)]
    assert all(5 <= len(p["x"]) <= 8 and 2 <= len(p["kernel"]) <= 3 and p["stride"] == 1 and p["padding"] == 0
               for p in easy)
    assert all(p["kernel"] != p["kernel"][::-1] for p in easy)      # no symmetric kernel
    medium = [instances.sample(ENTRIES, s, "medium").params for s in range(100)]
    assert all(p["n"] <= 12 and p["stride"] <= 2 and p["padding"] in (0, 1, "same") for p in medium)
    assert {p["padding"] for p in medium} == {0, 1, "same"}
    hard = [instances.sample(ENTRIES, s, "hard").params for s in range(100)]
    assert all(p["stride"] <= 3 and (p["padding"] == "same" or p["padding"] <= p["k"] - 1) for p in hard)
    assert max(p["stride"] for p in hard) == 3
    assert any(isinstance(v, str) for s in range(60) for v in instances.sample(NUMERIC, s, "hard").params["kernel"])


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
        assert "\n\n" not in display                                  # a blank line breaks LaTeX math
    if fmt == "tex":
        assert "$$" not in text
        assert text.count(r"\[") == text.count(r"\]")
        assert text.count("{") == text.count("}")
        assert text.count(r"\left") == text.count(r"\right")


@pytest.mark.parametrize("fmt", render.FORMATS)
def test_topics_example_renders_with_its_windows(fmt):
    inst = instances.from_params(ENTRIES, {"n": 8, "k": 3, "padding": 1, "stride": 3})
    statement, solution = rendered(inst, "statement", fmt), rendered(inst, "solution", fmt)
    for text in (statement, solution):
        check_markup(text, fmt)
    assert "one zero before $x_1$ and one zero after $x_{8}$" in statement
    assert "not flipped" in statement and "1-based" in statement
    assert r"\left\lfloor \frac{7}{3} \right\rfloor + 1 = 2 + 1 = 3" in solution
    assert r"y_{1} &= k_{1} \cdot 0 + k_{2} x_{1} + k_{3} x_{2} = k_{2} x_{1} + k_{3} x_{2}" in solution


@pytest.mark.parametrize("fmt", render.FORMATS)
def test_same_padding_statement_says_how_much_on_each_side(fmt):
    inst = instances.from_params(LENGTH, {"n": 10, "k": 4, "padding": "same", "stride": 1})
    statement = rendered(inst, "statement", fmt)
    check_markup(statement, fmt)
    assert "one zero before the first entry and $2$ zeros after the last" in statement
    inst = instances.from_params(NUMERIC, {"x": [1, -2, 3, 4], "kernel": ["1/2", -1, 0], "padding": "same",
                                           "stride": 1})
    statement, solution = rendered(inst, "statement", fmt), rendered(inst, "solution", fmt)
    check_markup(statement, fmt)
    check_markup(solution, fmt)
    assert "one zero before $x_1$ and one zero after $x_{4}$" in statement
    assert render.tex(inst.answers["a"]) in solution


def test_sampled_instances_render_in_both_formats():
    for kind in (LENGTH, ENTRIES, NUMERIC):
        for difficulty in DIFFICULTIES:
            for seed in range(8):
                inst = instances.sample(kind, seed, difficulty)
                for fmt in render.FORMATS:
                    check_markup(rendered(inst, "statement", fmt), fmt)
                    solution = rendered(inst, "solution", fmt)
                    check_markup(solution, fmt)
                    if kind is not ENTRIES:
                        answer = inst.answers["a"]
                        assert render.tex(answer) in solution or f"= {answer}." in solution
