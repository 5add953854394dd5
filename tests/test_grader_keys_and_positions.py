"""Hand-written keys (issue 10, item 7) and feedback positions counted as statements count
them (item 6, decision D4)."""

import pytest

from probgen.grader.compare import grade_part
from probgen.grader.errors import BadKey
from probgen.grader.report import grade_submission


def expression(answer, **options):
    return {"label": "a", "type": "expression", "answer": answer, "points": 1, **({"options": options} if options else {})}


@pytest.mark.parametrize("answer, name", [
    ("sqrt(a+b)", "sqrt"), ("relu(x1+x2)", "relu"), ("2*k1 + max (x1, x2)", "max"), ("f(x1)", "f"),
])
def test_function_notation_in_a_key_is_refused_naming_the_entry(answer, name):
    with pytest.raises(BadKey) as info:
        grade_part(expression(answer), "a")
    message = str(info.value)
    assert message.startswith("part a: ")
    assert f"uses {name}(...) as a function" in message
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence


def test_sqrt_of_a_sum_no_longer_gives_full_credit_to_a_sum_of_roots():
    """Before, `sqrt(a+b)` was read as sqrt*(a+b) and `sqrt(a)+sqrt(b)`... scored; now the key is refused."""
    with pytest.raises(BadKey):
        grade_part(expression("sqrt(a+b)"), "sqrt(a)+sqrt(b)")


def test_refused_key_part_is_reported_in_the_problem_not_raised():
    key = {"id": "k@1:1", "title": "", "parts": [expression("relu(x1+x2)"),
                                                 {"label": "b", "type": "integer", "answer": 7}]}
    sub = {"format": "probgen-submission", "version": 1, "answers": {"k@1:1": {"a": "x1", "b": "7"}}}
    report = grade_submission(sub, lambda i: key, "s.json")
    problem = report.problems[0]
    assert "part a" in problem.message and "relu(...)" in problem.message
    assert problem.parts[1].correct


def test_products_with_brackets_in_keys_still_read():
    assert grade_part(expression("2*k1*(x1 + 1)"), "2k1x1 + 2k1").correct
    assert grade_part(expression("k1 (x1 + 1)"), "k1x1 + k1").correct
    assert grade_part(expression("k1(x1 + 1)", symbols=["k1", "x1"]), "k1x1 + k1").correct


# ---- positions -----------------------------------------------------------------------------

MATRIX = {"label": "b", "type": "matrix", "answer": [[1, 2, 3], [4, 5, 6]], "points": 1}
TENSOR = {"label": "t", "type": "tensor", "answer": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "points": 1}
VECTOR = {"label": "v", "type": "vector", "answer": [1, 2, 3], "points": 1}


def test_matrix_positions_count_from_zero():
    feedback = grade_part(MATRIX, [[1, 2, 3], [4, 5, 0]]).feedback
    assert feedback == "5 of 6 entries right; wrong entry (row, column, counting from 0): (1, 2)."


def test_tensor_positions_count_from_zero():
    feedback = grade_part(TENSOR, [[[0, 2], [3, 4]], [[5, 6], [7, 8]]]).feedback
    assert "wrong entry (counting from 0): (0, 0, 0)" in feedback


def test_vectors_count_from_one_as_their_statements_write_x1():
    assert grade_part(VECTOR, [1, 0, 3]).feedback == "2 of 3 entries right; wrong entry: 2."


def test_key_option_first_index_decides_per_part():
    zero = dict(VECTOR, options={"first_index": 0})
    assert grade_part(zero, [1, 0, 3]).feedback == "2 of 3 entries right; wrong entry (counting from 0): 1."
    one = dict(MATRIX, options={"first_index": 1})
    assert "(row, column, counting from 1): (2, 3)" in grade_part(one, [[1, 2, 3], [4, 5, 0]]).feedback
    with pytest.raises(BadKey, match="first_index 2; it is 0 or 1"):
        grade_part(dict(VECTOR, options={"first_index": 2}), [1, 2, 3])


def test_unreadable_entry_named_at_the_same_position():
    feedback = grade_part(MATRIX, [[1, 2, 3], [4, "five", 6]]).feedback
    assert "(row, column, counting from 0): (1, 1)" in feedback and "Entry (1, 1) could not be read" in feedback


# ---- answer bounds: stated once, listed in the README -----------------------------------------

def test_readme_lists_every_answer_bound():
    from pathlib import Path

    from probgen.grader.read.bounds import ANSWER_BOUNDS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for what, value in ANSWER_BOUNDS:
        assert f"| {what} | {value:,} |" in readme, what
