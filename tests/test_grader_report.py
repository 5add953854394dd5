"""Whole submissions: totals, unknown problems and labels, key mode, rosters, output formats."""

import csv
import io
import json

import pytest

from probgen.grader.output import as_csv, as_json, as_table
from probgen.grader.tally import summarize
from probgen.grader.report import (PartResult, ProblemResult, SubmissionReport, failed_report, grade_submission,
                                   lookup_in_key)

P1 = {"id": "pooling.max-values@1:8121", "template": "pooling.max-values", "version": 1, "title": "Max pooling",
      "params": {}, "parts": [
          {"label": "a", "type": "shape", "answer": [3, 3], "points": 1},
          {"label": "b", "type": "matrix", "answer": [[22, 23, 11], [1, "7/4", 3]], "points": 2,
           "misconceptions": [{"name": "took-min", "feedback": "You took the smallest entry.",
                               "answer": [[0, 0, 0], [0, 0, 0]]}]}]}
P2 = {"id": "conv1d.output-length@1:5", "template": "conv1d.output-length", "version": 1, "title": "Output length",
      "params": {}, "parts": [{"label": "a", "type": "integer", "answer": 12, "points": 1}]}
KEY = {"format": "probgen-key", "version": 1, "problems": [P1, P2]}


def submission(answers, student="s1"):
    return {"format": "probgen-submission", "version": 1, "student": student, "answers": answers}


def test_scores_add_up_and_partial_credit_rounds():
    report = grade_submission(submission({P1["id"]: {"a": "(3, 3)", "b": [[22, 23, 11], [1, 2, 3]]},
                                          P2["id"]: {"a": "12"}}), lookup_in_key(KEY), "sub.json")
    assert report.score == 3.667 and report.max_score == 4
    assert [p.score for p in report.problems] == [2.667, 1]
    assert report.student == "s1" and report.source == "sub.json" and report.messages == ()


def test_unreadable_part_does_not_spoil_the_rest():
    report = grade_submission(submission({P1["id"]: {"a": "3,,4", "b": "[22 23 11; 1 7/4 3]"}}),
                              lookup_in_key(KEY), "sub.json")
    a, b = report.problems[0].parts
    assert a.score == 0 and "could not read '3,,4' as a shape; write it like (3, 4) or 3x4." == a.feedback
    assert b.score == 2 and b.correct


def test_problem_that_cannot_be_found_scores_zero_with_its_message():
    def lookup(problem_id):
        if problem_id == P1["id"]:
            return P1
        raise LookupError(f"{problem_id} was made from hand-given params; grade it with --key answer-key.json.")

    report = grade_submission(submission({"x.y@1:p1a2b": {"a": "1"}, P1["id"]: {"a": "3x3"}}), lookup, "s.json")
    missing, found = report.problems
    assert (missing.score, missing.max_score, missing.parts) == (0, 0, ())
    assert missing.message == "x.y@1:p1a2b was made from hand-given params; grade it with --key answer-key.json."
    assert found.score == 1 and found.max_score == 3
    assert report.score == 1 and report.max_score == 3


def test_key_mode_counts_unanswered_and_flags_strangers():
    report = grade_submission(submission({P1["id"]: {"a": "3x3", "z": "1"}, "other@1:1": {"a": "1"}}),
                              None, "s.json", key_problems=KEY["problems"])
    assert [p.id for p in report.problems] == [P1["id"], P2["id"]]
    assert report.max_score == 4 and report.score == 1
    assert report.problems[1].parts[0].feedback == "No answer."
    assert "answers to other@1:1: not on this answer key; not graded." in report.messages
    assert f"answers to {P1['id']} part 'z': no such part; not graded." in report.messages


def test_roster_grades_only_assigned_problems():
    roster = {"s1": [P2["id"]], "s2": [P1["id"]]}
    report = grade_submission(submission({P1["id"]: {"a": "3x3"}, P2["id"]: {"a": 12}}), None, "s.json",
                              key_problems=KEY["problems"], roster=roster)
    assert [p.id for p in report.problems] == [P2["id"]] and report.score == 1 and report.max_score == 1
    assert f"answers to {P1['id']}: not assigned to student s1; not graded." in report.messages
    stranger = grade_submission(submission({P2["id"]: {"a": 12}}, student="s9"), None, "s.json",
                                key_problems=KEY["problems"], roster=roster)
    assert [p.id for p in stranger.problems] == [P2["id"]]
    assert "not on the answer key's roster" in stranger.messages[0]


def test_answers_that_are_not_an_object_are_flagged():
    report = grade_submission(submission({P2["id"]: "12"}), lookup_in_key(KEY), "s.json")
    assert report.problems[0].score == 0 and report.problems[0].max_score == 1
    assert "must be an object with one answer per part" in report.messages[0]


def test_broken_key_part_is_reported_not_raised():
    broken = {"id": "b@1:1", "title": "", "parts": [{"label": "a", "type": "integer", "answer": "seven"},
                                                     {"label": "b", "type": "integer", "answer": 3}]}
    report = grade_submission(submission({"b@1:1": {"a": "7", "b": "3"}}), lambda i: broken, "s.json")
    problem = report.problems[0]
    assert problem.score == 1 and problem.max_score == 1
    assert "answer key" in problem.message and "broken" in problem.parts[0].feedback


def test_to_json_structure():
    report = grade_submission(submission({P1["id"]: {"a": "3x3", "b": ""}}), lookup_in_key(KEY), "s.json")
    data = report.to_json()
    assert data == {
        "source": "s.json", "student": "s1", "score": 1, "max_score": 3, "messages": [],
        "problems": [{"id": P1["id"], "title": "Max pooling", "score": 1, "max_score": 3, "parts": [
            {"label": "a", "score": 1, "max_score": 1, "correct": True, "feedback": "Correct.", "expected": "(3, 3)",
             "read_as": "(3, 3)"},
            {"label": "b", "score": 0, "max_score": 2, "correct": False, "feedback": "No answer.",
             "expected": "[[22, 23, 11], [1, 7/4, 3]]", "read_as": None}]}]}


def reports():
    lookup = lookup_in_key(KEY)
    return [
        grade_submission(submission({P1["id"]: {"a": "3x3", "b": "[22 23 11; 1 7/4 3]"}, P2["id"]: {"a": 12}}, "ann"),
                         lookup, "ann.json"),
        grade_submission(submission({P1["id"]: {"a": "3x4", "b": [[0, 0, 0], [0, 0, 0]]}, P2["id"]: {"a": 11}}, "bob"),
                         lookup, "bob.json"),
    ]


def test_json_output_one_and_many():
    one = json.loads(as_json(reports()[:1]))
    assert one["score"] == 4 and one["problems"][0]["id"] == P1["id"]
    many = json.loads(as_json(reports()))
    assert [s["student"] for s in many["submissions"]] == ["ann", "bob"]
    p1 = many["summary"]["problems"][0]
    assert p1 == {"id": P1["id"], "title": "Max pooling", "submissions": 2, "mean_score": 1.5, "max_score": 3,
                  "share_correct": 0.5}


def test_table_output():
    text = as_table(reports())
    assert "ann.json — student ann: 4 / 4" in text
    assert "bob.json — student bob: 0 / 4" in text
    assert "✗ b  0 / 2  You took the smallest entry.  (expected: [[22, 23, 11], [1, 7/4, 3]])" in text
    assert "✓ a  1 / 1" in text
    assert "Summary of 2 submissions" in text
    assert "50% of 2" in text


def test_csv_output():
    rows = list(csv.reader(io.StringIO(as_csv(reports()))))
    assert rows[0] == ["student", "source", P1["id"], P2["id"], "total", "max_score", "flags"]
    assert rows[1] == ["ann", "ann.json", "3", "1", "4", "4", ""]
    assert rows[2] == ["bob", "bob.json", "0", "0", "0", "4", ""]


def test_failed_report_in_a_batch():
    batch = reports() + [failed_report("bad.json", "bad.json is not valid JSON (line 1, column 2).")]
    assert "! bad.json is not valid JSON (line 1, column 2)." in as_table(batch)
    rows = list(csv.reader(io.StringIO(as_csv(batch))))
    assert rows[3] == ["", "bad.json", "", "", "0", "0", "bad.json is not valid JSON (line 1, column 2)."]
    assert summarize(batch)[1].mean_score == 0.5


def test_results_are_frozen():
    result = PartResult("a", 1, 1, True, "Correct.", "1")
    with pytest.raises(AttributeError):
        result.score = 0  # type: ignore[misc]
    assert ProblemResult("p", "", 1, 1).correct
    assert SubmissionReport("s", None, 0, 0).to_json()["problems"] == []
