"""Replays of the red-team findings on reading answers (issue 11), each named after its finding:
the input, and what it gets now -- a zero for that answer with one sentence, the rest of the
submission graded. How long each takes is measured by benchmarks/hostile.py (slowest under
100 ms), not asserted here; these inputs are also in tests/data/hostile.json."""

import json

import pytest

from probgen.grader.compare import grade_part
from probgen.grader.report import grade_submission

HIDDEN_ZERO = "(k1+k2+1)^96/((k1+1)^2-k1^2-2*k1-1)"
SYMBOLS = {"symbols": ["k1", "k2", "k3"]}
EXPRESSION = {"label": "a", "type": "expression", "answer": "k1 + k2", "points": 1, "options": SYMBOLS}
MATRIX_6X6 = {"label": "b", "type": "expression-matrix", "points": 2, "options": SYMBOLS,
              "answer": [["k1" if i == j else "0" for j in range(6)] for i in range(6)]}
NUMBERS = {"label": "c", "type": "matrix", "answer": [[1, 2], [3, 4]], "points": 1}


def submission(answers):
    return {"format": "probgen-submission", "version": 1, "student": "s", "answers": {"p@1:1": answers}}


def grade(answers):
    key = {"id": "p@1:1", "title": "", "parts": [EXPRESSION, MATRIX_6X6, NUMBERS]}
    return grade_submission(submission(answers), lambda i: key, "s.json").problems[0].parts


def test_stall_hidden_zero_denominator_divides_by_zero():
    """14.8 s and 67 MB for 37 characters before; now the evaluation finds the zero denominator."""
    result = grade_part(EXPRESSION, HIDDEN_ZERO)
    assert result.score == 0
    assert "this expression divides by zero" in result.feedback


def test_stall_hidden_zero_6x6_matrix_zero_for_that_answer_rest_graded():
    """545 s and +360 MB before; now each entry is refused, and the other parts are graded."""
    a, b, c = grade({"a": "k2 + k1", "b": [[HIDDEN_ZERO] * 6 for _ in range(6)], "c": "[1 2; 3 4]"})
    assert b.score == 0 and "this expression divides by zero" in b.feedback
    assert a.correct and c.correct


def test_stall_hidden_zero_typed_as_text_matrix():
    typed = "[" + "; ".join(" ".join(f"({HIDDEN_ZERO})" for _ in range(6)) for _ in range(6)) + "]"
    result = grade_part(MATRIX_6X6, typed)
    assert result.score == 0 and "this expression divides by zero" in result.feedback


def test_memory_nested_empty_lists_refused_before_work():
    """An answer of nested empty lists took over 60 s and +1.1 GB; lists are counted like entries now."""
    nested = [[[] for _ in range(999)] for _ in range(999)]
    result = grade_part(NUMBERS, nested)
    assert result.score == 0 and "entries" in result.feedback and "2x2 matrix" in result.feedback


def test_entries_beyond_the_expected_shape_refused_before_any_entry_is_read():
    result = grade_part(MATRIX_6X6, [["k1^100*k2^100*k3^100"] * 30 for _ in range(30)])
    assert result.score == 0
    assert "more than 72 entries; the answer is a 6x6 matrix" in result.feedback


@pytest.mark.parametrize("answer", ["1e999999999", [["1e999999999", 1], [1, 1]], "[1e999999999 1; 1 1]"])
def test_digits_nine_digit_exponent_refused_quickly(answer):
    """`1e999999999` (a params bomb as a matrix entry) as an answer: refused with a sentence."""
    result = grade_part(NUMBERS, answer)
    assert result.score == 0
    assert "1e999999999" in result.feedback or "exponent" in result.feedback or "digits" in result.feedback


def test_digits_json_float_with_nine_digit_exponent():
    from decimal import Decimal

    result = grade_part(NUMBERS, [[Decimal("1e999999999"), 2], [3, 4]])
    assert result.score == 0.75  # that entry is wrong, the three others are right
    assert "(0, 0)" in result.feedback


def test_hostile_corpus_holds_the_findings():
    from pathlib import Path

    names = {e["name"] for e in json.loads((Path(__file__).parent / "data" / "hostile.json").read_text())}
    assert {"stall-hidden-zero-denominator", "stall-hidden-zero-matrix-6x6", "stall-hidden-zero-text-matrix-6x6",
            "sci-exponent-nine-digits", "json-float-exponent-nine-digits", "matrix-entry-exponent-nine-digits",
            "entries-beyond-expected-shape", "nested-empty-lists-999x999"} <= names
