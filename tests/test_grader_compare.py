"""grade_part: right answers in any notation score, wrong ones do not, and feedback explains."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from probgen.grader.compare import grade_part
from probgen.grader.read.choices import read_choice
from probgen.grader.errors import BadKey, Unreadable

SHAPE = {"label": "a", "type": "shape", "answer": [32, 126, 126], "points": 1}
MATRIX = {"label": "b", "type": "matrix", "answer": [[22, 23, 11], [1, "7/4", 3]], "points": 2,
          "misconceptions": [
              {"name": "took-mean", "feedback": "You averaged each window.", "answer": [[10, 11, 5], [2, 1, 2]]},
              {"name": "took-min", "feedback": "You took the smallest entry.", "answer": [[22, 23, 11], [0, 0, 0]]}]}
EXPR = {"label": "c", "type": "expression", "answer": "k1*x1 + k2*x2", "points": 1,
        "options": {"symbols": ["x1", "x2", "k1", "k2"]},
        "misconceptions": [{"name": "flipped", "feedback": "You flipped the kernel.", "answer": "k2*x1 + k1*x2"}]}
CHOICE = {"label": "d", "type": "choice", "answer": "B", "points": 1,
          "options": {"choices": ["The kernel is flipped.", "The same weights slide over every position.", "Pooling."]}}
INTEGER = {"label": "e", "type": "integer", "answer": 99883155456, "points": 1,
           "misconceptions": [{"name": "forgot-bias", "feedback": "You forgot the biases.", "answer": 99883155000}]}
NUMBER = {"label": "f", "type": "number", "answer": "1/3", "points": 1}
NUMBER_TERMINATING = {"label": "g", "type": "number", "answer": "7/4", "points": 1}
FLOAT = {"label": "h", "type": "number", "answer": 0.123456789, "points": 1}
VECTOR = {"label": "i", "type": "vector", "answer": [1, "7/4", 3], "points": 3}
TENSOR = {"label": "j", "type": "tensor", "answer": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "points": 4}
EVEC = {"label": "k", "type": "expression-vector", "answer": ["k1*x1", "2*g1 + k1**2"], "points": 2,
        "options": {"symbols": ["k1", "x1", "g1"]}}
EMAT = {"label": "l", "type": "expression-matrix", "answer": [["k1", "k2", "0"], ["0", "k1", "k2"]], "points": 6}


def check(part, answer, score, correct=None):
    result = grade_part(part, answer)
    assert result.score == score, result
    assert result.correct == (score == part.get("points", 1) if correct is None else correct)
    return result


# ---- right answers in every notation, and a wrong one per type --------------------------

@pytest.mark.parametrize("answer", ["(32, 126, 126)", "32x126x126", "32 × 126 × 126", "[32, 126, 126]",
                                    [32, 126, 126], "32 \\times 126 \\times 126"])
def test_shape_right(answer):
    assert check(SHAPE, answer, 1).feedback == "Correct."


def test_shape_wrong_and_missing_dimension_hint():
    assert "dimension 2 is wrong" in check(SHAPE, "(32, 125, 126)", 0).feedback
    feedback = check(SHAPE, "(126, 126)", 0).feedback
    assert "left out the dimension of size 32 (position 1)" in feedback
    assert "wrong order" in check(SHAPE, "(126, 126, 32)", 0).feedback


@pytest.mark.parametrize("answer", [[[22, 23, 11], [1, 1.75, 3]], "[[22,23,11],[1,7/4,3]]", "[22 23 11; 1 1.75 3]",
                                    "\\begin{bmatrix}22 & 23 & 11\\\\ 1 & \\frac{7}{4} & 3\\end{bmatrix}",
                                    "\\begin{pmatrix}22 & 23 & 11\\\\ 1 & 1.75 & 3\\end{pmatrix}"])
def test_matrix_right(answer):
    check(MATRIX, answer, 2)


def test_matrix_partial_credit_per_entry():
    result = check(MATRIX, [[22, 23, 11], [1, 2, 3]], 1.667)
    assert result.feedback == "5 of 6 entries right; wrong entry (row, column, counting from 0): (1, 1)."
    assert result.expected == "[[22, 23, 11], [1, 7/4, 3]]"
    check(MATRIX, [[0, 0, 0], [0, 0, 0]], 0)


def test_matrix_wrong_shape_names_expected_shape():
    assert check(MATRIX, [[22, 23, 11]], 0).feedback == "Wrong shape: expected a 2x3 matrix, got 1x3."
    assert check(MATRIX, [22, 23, 11], 0).feedback == "Wrong shape: expected a 2x3 matrix, got a list of 3 entries."
    assert check(MATRIX, "[[1,2],[3,4]]", 0).feedback == "Wrong shape: expected a 2x3 matrix, got 2x2."
    assert "expected a 2x3 matrix, got 3x2" in check(MATRIX, "[[22, 1], [23, 7/4], [11, 3]]", 0).feedback


def test_misconception_feedback_chosen():
    assert check(MATRIX, "[10 11 5; 2 1 2]", 0).feedback == "You averaged each window."
    result = check(MATRIX, [[22, 23, 11], [0, 0, 0]], 1)
    assert result.feedback == "You took the smallest entry. (3 of 6 entries right.)"
    assert check(EXPR, "k2 x1 + k1 x2", 0).feedback == "You flipped the kernel."
    assert check(INTEGER, "99,883,155,000", 0).feedback == "You forgot the biases."


def test_unreadable_entry_costs_only_that_entry():
    result = check(MATRIX, "[22 23 11; 1 seven 3]", 1.667)
    assert "Entry (1, 1) could not be read: could not read 'seven' as a number" in result.feedback


@pytest.mark.parametrize("answer", ["k1*x1 + k2*x2", "k_1 x_1 + k_2 x_2", "x2 k2 + k1x1", "k1·x1 + k2·x2"])
def test_expression_right(answer):
    check(EXPR, answer, 1)


def test_expression_wrong_and_unreadable():
    assert check(EXPR, "k1*x1", 0).feedback == "Not correct."
    feedback = check(EXPR, "K1*x1 + k2*x2", 0).feedback
    assert "unknown name 'K1' (did you mean k1?)" in feedback and "k1, k2, x1, x2" in feedback


@pytest.mark.parametrize("answer", ["B", "b", "(b)", "b)", "B.", "(B)", "  the same weights SLIDE over every position "])
def test_choice_right(answer):
    check(CHOICE, answer, 1)


def test_choice_wrong_and_unreadable():
    assert check(CHOICE, "a", 0).feedback == "Not correct."
    assert "not one of the options" in check(CHOICE, "E", 0).feedback
    assert "write the letter of one option (A to C)" in check(CHOICE, "maybe the second", 0).feedback
    assert read_choice("Pooling", ("x", "y", "Pooling.")) == "C"


@pytest.mark.parametrize("answer", [99883155456, "99883155456", "99,883,155,456", "99 883 155 456",
                                    "99_883_155_456", "9.9883155456e10", "9.9883155456 \\times 10^{10}",
                                    "99883155456.0", 99883155456.0])
def test_integer_right(answer):
    check(INTEGER, answer, 1)


def test_integer_wrong():
    assert check(INTEGER, "9.99e10", 0).feedback == "Not correct."
    assert "whole number" in check({"label": "x", "type": "integer", "answer": 7}, "7.5", 0).feedback
    check({"label": "x", "type": "integer", "answer": 7}, "7.0", 1)


@pytest.mark.parametrize("answer", ["1/3", "\\frac{1}{3}", "2/6", "0.333", "0.3333", ".333", "3.33e-1", 0.333])
def test_rational_right(answer):
    check(NUMBER, answer, 1)


def test_rounded_decimal_mentions_exact_value():
    assert check(NUMBER, "0.333", 1).feedback == "Correct to the digits given; the exact value is 1/3."
    assert check(NUMBER, "1/3", 1).feedback == "Correct."


@pytest.mark.parametrize("answer", ["0.33", "0.3", "0.334", "0.332", "1/4"])
def test_rational_wrong(answer):
    check(NUMBER, answer, 0)


def test_terminating_rational_needs_the_exact_decimal():
    check(NUMBER_TERMINATING, "1.75", 1)
    check(NUMBER_TERMINATING, "7/4", 1)
    check(NUMBER_TERMINATING, "1.7", 0)
    check(NUMBER_TERMINATING, "1.751", 0)


def test_float_reference_uses_tolerances():
    check(FLOAT, "0.123456789", 1)
    check(FLOAT, "0.1234568", 1)     # within relative 1e-6
    check(FLOAT, "0.12345", 0)
    loose = dict(FLOAT, options={"rel_tol": 0.01})
    check(loose, "0.1235", 1)
    absolute = {"label": "z", "type": "number", "answer": 0.0, "options": {"abs_tol": 0.001}}
    check(absolute, "0.0005", 1)
    check(absolute, "0.002", 0)


@pytest.mark.parametrize("answer", ["[1, 7/4, 3]", "(1, 1.75, 3)", "1 1.75 3", [1, 1.75, 3], "[[1], [1.75], [3]]",
                                    "\\begin{pmatrix}1\\\\ 7/4\\\\ 3\\end{pmatrix}"])
def test_vector_right(answer):
    check(VECTOR, answer, 3)


def test_vector_partial_and_shape():
    assert check(VECTOR, "[1, 2, 3]", 2).feedback == "2 of 3 entries right; wrong entry: 2."
    assert check(VECTOR, "[1, 7/4]", 0).feedback == "Wrong shape: expected a vector of 3 entries, got a list of 2 entries."


def test_tensor():
    check(TENSOR, "[[[1,2],[3,4]],[[5,6],[7,8]]]", 4)
    result = check(TENSOR, [[[1, 2], [3, 4]], [[5, 6], [7, 9]]], 3.5)
    assert "wrong entry (counting from 0): (1, 1, 1)" in result.feedback
    assert check(TENSOR, "[[1,2],[3,4]]", 0).feedback == "Wrong shape: expected a 2x2x2 tensor, got 2x2."


def test_expression_vector_and_matrix():
    check(EVEC, "[k1 x1, 2g1 + k1^2]", 2)
    check(EVEC, ["x1*k1", "k1**2 + 2*g1"], 2)
    check(EVEC, "[k1 x1, 2g1]", 1)
    check(EMAT, "[k1, k2, 0; 0, k1, k2]", 6)
    check(EMAT, "\\begin{bmatrix}k_1 & k_2 & 0\\\\ 0 & k_1 & k_2\\end{bmatrix}", 6)
    assert check(EMAT, "[[k2, k1, 0], [0, k1, k2]]", 4).feedback.startswith("4 of 6 entries right")
    assert check(EMAT, "[[k1, k2], [0, k1]]", 0).feedback == "Wrong shape: expected a 2x3 matrix, got 2x2."


@pytest.mark.parametrize("part", [SHAPE, MATRIX, EXPR, CHOICE, INTEGER, NUMBER, VECTOR, TENSOR, EVEC])
@pytest.mark.parametrize("blank", ["", "   ", None, [], [[]]])
def test_blank_answers(part, blank):
    result = check(part, blank, 0)
    assert result.feedback == "No answer."
    assert result.max_score == part["points"]


@pytest.mark.parametrize("part", [SHAPE, MATRIX, EXPR, CHOICE, INTEGER, NUMBER, VECTOR, TENSOR, EVEC, EMAT])
@pytest.mark.parametrize("junk", ["__import__('os').system('touch /tmp/probgen-canary')", "🙂", True, {"a": 1},
                                  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                                  "9**9**9**9", "x" * 300_000, float("nan"), "1e99999999"])
def test_unreadable_scores_zero_with_a_message(part, junk):
    result = grade_part(part, junk)
    assert result.score == 0 and not result.correct
    assert result.feedback and result.feedback != "No answer."
    assert "internal error" not in result.feedback


@pytest.mark.parametrize("part", [SHAPE, MATRIX, EXPR, CHOICE, INTEGER, NUMBER, VECTOR, EVEC])
def test_injection_is_graded_zero_and_never_run(part, tmp_path):
    canary = tmp_path / "canary"
    for attack in (f"__import__('os').system('touch {canary}')", f"open('{canary}', 'w')",
                   f"[__import__('os').system('touch {canary}')]"):
        result = grade_part(part, attack)
        assert result.score == 0 and result.feedback not in ("", "No answer.")
    assert not canary.exists()


def test_exponent_tower_refused_quickly():
    import time

    start = time.perf_counter()
    for part in (EXPR, INTEGER, NUMBER, MATRIX):
        result = grade_part(part, "9**9**9**9")
        assert result.score == 0
    assert "too large" in grade_part(EXPR, "9**9**9**9").feedback
    assert "too large" in grade_part(INTEGER, "9^9^9^9").feedback
    assert time.perf_counter() - start < 1.0


def test_arithmetic_answers_to_numbers():
    check(INTEGER, "99883155456 * 1", 1)
    check({"label": "p", "type": "integer", "answer": 640}, "3·3·64 + 64", 1)


def test_expected_display_strings():
    assert grade_part(SHAPE, "").expected == "(32, 126, 126)"
    assert grade_part({"label": "a", "type": "shape", "answer": [32]}, "").expected == "(32,)"
    assert grade_part(NUMBER, "").expected == "1/3"
    assert grade_part(EXPR, "").expected == "k1*x1 + k2*x2"
    assert grade_part(CHOICE, "").expected == "B"
    assert grade_part(FLOAT, "").expected == "0.123456789"


@pytest.mark.parametrize("bad", [
    {"label": "a", "type": "matrx", "answer": 1},
    {"label": "a", "type": "integer", "answer": "seven"},
    {"label": "a", "type": "integer", "answer": "7/4"},
    {"label": "a", "type": "matrix", "answer": [1, 2]},
    {"label": "a", "type": "number", "answer": 1, "points": -1},
    {"label": "a", "type": "number"},
    {"type": "number", "answer": 1},
])
def test_broken_key_part_raises_badkey(bad):
    with pytest.raises(BadKey):
        grade_part(bad, "1")


def test_misconception_the_readers_refuse_is_ignored():
    part = {"label": "a", "type": "shape", "answer": [3, 3],
            "misconceptions": [{"name": "neg", "feedback": "negative", "answer": [-1, 3]}]}
    assert grade_part(part, "(2, 3)").feedback == "Not correct: dimension 1 is wrong."


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=12)
notation = st.text(alphabet="0123456789.,;/*^-+ ()[]{}xkgeE_\\frac{}×·−\n&$", max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part=st.sampled_from([SHAPE, MATRIX, EXPR, CHOICE, INTEGER, NUMBER, FLOAT, VECTOR, TENSOR, EVEC, EMAT]),
       answer=json_values | notation)
def test_grade_part_never_raises(part, answer):
    result = grade_part(part, answer)
    assert 0 <= result.score <= result.max_score
    assert "internal error" not in result.feedback


def test_unreadable_is_a_value_error():
    assert issubclass(Unreadable, ValueError)
