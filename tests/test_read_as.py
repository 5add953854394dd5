"""Reports say how each answer was read (``read_as``), and show ``expected`` only where the key allows."""

from __future__ import annotations

import json

import pytest

from probgen.generator.practice import answers as practice_answers
from probgen.grader import read_as as read_as_module
from probgen.grader.compare import grade_part

MATRIX = {"label": "b", "type": "matrix", "points": 2, "answer": [[22, 23, 11], [1, "7/4", 3]]}
SIZE = {"label": "a", "type": "shape", "points": 1, "answer": [3, 3]}
KEY = {"format": "probgen-key", "version": 1,
       "problems": [{"id": "pooling.max-values@1:7-2fc", "title": "Max pooling", "parts": [SIZE, MATRIX]}]}


@pytest.mark.parametrize("typed, read, retyped", [
    ("[22 23 11; 1 7/4 3]", "[[22, 23, 11], [1, 7/4, 3]]", True),
    ([[22, 23, 11], [1, "7/4", 3]], "[[22, 23, 11], [1, 7/4, 3]]", False),
    ("[[22, 23, 11], [1, 1.75, 3]]", "[[22, 23, 11], [1, 1.75, 3]]", False),
    ("[[22, 23, 11], [1, y, 3]]", "[[22, 23, 11], [1, ?, 3]]", True),
    ("", None, False),
    ("[[22, 23, 11]", None, False),
])
def test_every_answered_part_says_how_it_was_read(typed, read, retyped):
    result = grade_part(MATRIX, typed)
    assert (result.read_as, result.retyped) == (read, retyped)
    assert result.to_json()["read_as"] == read


def test_the_practice_page_reads_with_the_graders_function():
    assert practice_answers.read_as is read_as_module.read_as
    assert practice_answers.shown_value is read_as_module.shown_value
    assert practice_answers.preview(MATRIX, "[22 23 11; 1 7/4 3]").read_as == grade_part(MATRIX, "[22 23 11; 1 7/4 3]").read_as


def _grade(run_probgen, tmp_path, key, fmt):
    (tmp_path / "key.json").write_text(json.dumps(key))
    (tmp_path / "s.json").write_text(json.dumps({"answers": {"pooling.max-values@1:7-2fc": {
        "a": "3 x 3", "b": "[22 23 11; 1 7/4 4]"}}}))
    res = run_probgen("grade", "s.json", "--key", "key.json", "--format", fmt)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_json_and_table_reports_show_read_as(run_probgen, tmp_path):
    data = json.loads(_grade(run_probgen, tmp_path, KEY, "json"))
    parts = data["problems"][0]["parts"]
    assert [p["read_as"] for p in parts] == ["(3, 3)", "[[22, 23, 11], [1, 7/4, 4]]"]
    assert parts[1]["expected"] == "[[22, 23, 11], [1, 7/4, 3]]"
    table = _grade(run_probgen, tmp_path, KEY, "table")
    assert "read as (3, 3)." in table and "read as [[22, 23, 11], [1, 7/4, 4]]." in table
    assert "(expected: [[22, 23, 11], [1, 7/4, 3]])" in table


def test_a_key_that_hides_expected_answers_hides_them_from_every_report(run_probgen, tmp_path):
    hidden = dict(KEY, show_expected=False)
    data = json.loads(_grade(run_probgen, tmp_path, hidden, "json"))
    assert all(p["expected"] is None for p in data["problems"][0]["parts"])
    table = _grade(run_probgen, tmp_path, hidden, "table")
    assert "expected" not in table and "7/4, 3]]" not in table


def test_a_part_can_hide_its_expected_answer():
    from probgen.grader.report import grade_problem

    problem = {"id": "x.y@1:1", "parts": [SIZE, dict(MATRIX, show_expected=False)]}
    result, _ = grade_problem(problem, {"a": "2x2", "b": "1"})
    assert [p.expected for p in result.parts] == ["(3, 3)", None]
    assert practice_answers.expected_shown(dict(MATRIX, show_expected=False), None, solution_shown=True) is None


def test_make_keys_show_expected_answers(run_probgen, tmp_path):
    assert run_probgen("make", "--topic", "pooling", "--out", "s").returncode == 0
    assert json.loads((tmp_path / "s" / "answer-key.json").read_text())["show_expected"] is True
