"""Item analysis against values worked out by hand on a class of four, and the report it writes.

The class (two kinds; K has parts a and b worth 1 point each, L one part a worth 2):

    respondent  K.a  K.b  L.a   total / 4   K's stride
    r0           1    1    2       4           1
    r1           1    0    2       3           2
    r2           0    1    0       1           1
    r3           0    0    1       1           2       (r3 left K blank)
"""

import csv
import io
import json
import math
import re

import pytest

from probgen.grader.analysis import (WHOLE, Observation, common_wrong_answers, item_stats, mistake_counts,
                                     param_facility, pearson, upper_lower)

K, L = "pooling.k", "conv2d.l"


def obs(r, kind, part, points, top, mistakes=(), answer="x", problem=None):
    return Observation(r, kind, part, problem or f"{kind}@1:{r}", points, top, tuple(mistakes), answer)


CLASS = [
    obs(0, K, "a", 1, 1), obs(0, K, "b", 1, 1), obs(0, K, WHOLE, 2, 2, answer=""),
    obs(0, L, "a", 2, 2), obs(0, L, WHOLE, 2, 2, answer=""),
    obs(1, K, "a", 1, 1), obs(1, K, "b", 0, 1, ["no-stride"]), obs(1, K, WHOLE, 1, 2, answer=""),
    obs(1, L, "a", 2, 2), obs(1, L, WHOLE, 2, 2, answer=""),
    obs(2, K, "a", 0, 1, ["forgot-plus-one"]), obs(2, K, "b", 1, 1), obs(2, K, WHOLE, 1, 2, answer=""),
    obs(2, L, "a", 0, 2, answer="3"), obs(2, L, WHOLE, 0, 2, answer=""),
    obs(3, K, "a", 0, 1, answer=""), obs(3, K, "b", 0, 1, answer=""), obs(3, K, WHOLE, 0, 2, answer=""),
    obs(3, L, "a", 1, 2, answer="3"), obs(3, L, WHOLE, 1, 2, answer=""),
]


def test_item_statistics_match_the_hand_computed_values():
    stats = {(s.kind, s.part): s for s in item_stats(CLASS)}
    assert list(stats) == [(K, "a"), (K, "b"), (K, WHOLE), (L, "a"), (L, WHOLE)]
    ka, kb, k, la = stats[(K, "a")], stats[(K, "b")], stats[(K, WHOLE)], stats[(L, "a")]
    # K.a: shares 1,1,0,0 against rests 3/3, 2/3, 1/3, 1/3: r = 0.5 / sqrt(1 * 11/36) = 3/sqrt(11)
    assert (ka.respondents, ka.facility, ka.blank) == (4, 0.5, 0.25)
    assert ka.point_biserial == pytest.approx(3 / math.sqrt(11))
    assert ka.upper_lower == 1  # one per group (round(0.27 * 4) = 1): r0 has it, r3 does not
    # K.b: shares 1,0,1,0 against rests 1, 1, 0, 1/3: r = (-1/6) / sqrt(3/4) = -1/(3 sqrt 3)
    assert kb.facility == 0.5 and kb.point_biserial == pytest.approx(-1 / (3 * math.sqrt(3)))
    assert kb.upper_lower == 1  # r2 (total 1, had K.b) ranks above r3 (total 1) by order
    # the whole of K: shares 1, .5, .5, 0 against rests 1, 1, 0, .5: r = sqrt(2/11)
    assert k.facility == 0.5 and k.point_biserial == pytest.approx(math.sqrt(2 / 11)) and k.blank == 0
    # L.a: shares 1, 1, 0, .5 against rests 1, .5, .5, 0
    assert la.facility == 0.625 and la.point_biserial == pytest.approx(math.sqrt(2 / 11))
    assert la.upper_lower == 0.5


def test_pearson_and_upper_lower_edge_cases():
    assert pearson([1, 1, 1], [0, 1, 2]) is None  # a part everybody got: no discrimination to measure
    assert pearson([0, 1], [0, 1]) == pytest.approx(1)
    assert upper_lower([1], [3]) is None
    # 10 respondents: groups of round(2.7) = 3
    assert upper_lower([1, 1, 1, 0, 0, 0, 0, 0, 0, 1], list(range(10, 0, -1))) == pytest.approx(1 - 1 / 3)


def test_misconceptions_are_counted_per_part_including_those_that_never_fired():
    named = {(K, "a"): ["forgot-plus-one", "padding-once"], (K, "b"): ["no-stride"]}
    counts = [(m.kind, m.part, m.name, m.times, m.share) for m in mistake_counts(CLASS, named)]
    assert counts == [(K, "a", "forgot-plus-one", 1, 0.25), (K, "a", "padding-once", 0, 0.0),
                      (K, "b", "no-stride", 1, 0.25)]


def test_common_wrong_answers_leave_out_named_mistakes_blanks_and_right_answers():
    assert [(w.kind, w.part, w.answer, w.times, w.share) for w in common_wrong_answers(CLASS)] == [
        (L, "a", "3", 2, 0.5)]


def test_facility_by_param_value_only_for_params_a_kind_varies_in_few_values():
    params = {f"{K}@1:{r}": {"stride": 1 + r % 2, "size": 5 + r, "input": [[1, 2], [3, 4]]} for r in range(4)}
    lines = [(p.kind, p.param, p.value, p.problems, p.facility) for p in param_facility(CLASS, params)]
    # stride 1: r0 and r2 (1 and .5 of K); stride 2: r1 and r3 (.5 and 0). size takes a value per
    # problem and input is a matrix: neither is shown.
    assert lines == [(K, "stride", "1", 2, 0.75), (K, "stride", "2", 2, 0.25)]


# ---- through the command line -----------------------------------------------------------

PROBLEMS = [
    {"id": "pooling.output-size@1:1", "template": "pooling.output-size", "title": "Output size",
     "params": {"stride": 1}, "parts": [
         {"label": "a", "type": "integer", "answer": 4, "points": 1,
          "misconceptions": [{"name": "forgot-plus-one", "feedback": "You left out the +1.", "answer": 3}]}]},
    {"id": "pooling.output-size@1:2", "template": "pooling.output-size", "title": "Output size",
     "params": {"stride": 2}, "parts": [
         {"label": "a", "type": "integer", "answer": 2, "points": 1,
          "misconceptions": [{"name": "forgot-plus-one", "feedback": "You left out the +1.", "answer": 1}]}]},
]
KEY = {"format": "probgen-key", "version": 1, "title": "Week 3", "problems": PROBLEMS,
       "students": {"ann": ["pooling.output-size@1:1"], "bob": ["pooling.output-size@1:2"],
                    "cat": ["pooling.output-size@1:1"], "dan": ["pooling.output-size@1:2"]}}
ANSWERS = {"ann": "4", "bob": "1", "cat": "=cmd|' /C calc'!A0", "dan": "2"}


@pytest.fixture
def graded(run_probgen, tmp_path):
    (tmp_path / "key.json").write_text(json.dumps(KEY))
    for student, answer in ANSWERS.items():
        pid = KEY["students"][student][0]
        (tmp_path / f"{student}.json").write_text(json.dumps(
            {"format": "probgen-submission", "version": 1, "student": student, "answers": {pid: {"a": answer}}}))
    res = run_probgen("grade", *(f"{s}.json" for s in ANSWERS), "--key", "key.json", "--report", "class")
    return tmp_path, res


def rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_report_writes_every_table_and_a_self_contained_page(graded):
    tmp, res = graded
    assert res.returncode == 0, res.stderr
    assert "class report: items.csv, misconceptions.csv, wrong-answers.csv, params.csv, report.html" in res.stdout
    folder = tmp / "class"
    # one problem each: no rest of the total to correlate with, so no point-biserial
    assert rows(folder / "items.csv")[1] == ["pooling.output-size", "Output size", "a", "4", "0.5", "", "1", "0"]
    assert rows(folder / "misconceptions.csv")[1:] == [
        ["pooling.output-size", "a", "forgot-plus-one", "1", "0.25", "You left out the +1."]]
    # Cat's answer is a formula: kept as written, but a spreadsheet shows it as text
    assert rows(folder / "wrong-answers.csv")[1:] == [["pooling.output-size", "a", "'=cmd|' /C calc'!A0", "1", "0.25"]]
    assert rows(folder / "params.csv")[1:] == [["pooling.output-size", "stride", "1", "2", "0.5"],
                                              ["pooling.output-size", "stride", "2", "2", "0.5"]]
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and not re.search(r"(src|href)=\"(https?:)?//", page)
    assert page.count('<img src="data:image/svg+xml;base64,') == 4  # histogram, items, mistakes, params
    assert "=cmd|&#x27; /C calc&#x27;!A0" in page  # escaped, as text


def test_report_needs_a_key(run_probgen, tmp_path):
    res = run_probgen("grade", "a.json", "--report", "class")
    assert res.returncode == 2 and "--report needs --key" in res.stderr
    assert not (tmp_path / "class").exists()


def test_answers_are_one_line_of_text_and_blanks_are_empty():
    from probgen.grader.class_report import answer_text

    assert answer_text("  7 *  x\n") == "7 * x"
    assert answer_text([[1, 2], [3, "4"]]) == "[[1, 2], [3, 4]]"
    assert answer_text(["", None]) == "" and answer_text(None) == "" and answer_text("   ") == ""
    assert len(answer_text("9" * 500)) == 80


def test_misconceptions_are_named_from_the_feedback_the_grader_gave():
    from probgen.grader.class_report import fired_misconceptions
    from probgen.grader.compare import grade_part

    part = {"label": "a", "type": "integer", "answer": 4, "points": 1, "misconceptions": [
        {"name": "forgot-plus-one", "feedback": "You left out the +1.", "answer": 3},
        {"name": "padding-once", "feedback": "You added the padding once.", "answer": 3},
        {"name": "no-stride", "feedback": "You ignored the stride.", "answer": 9}]}
    assert fired_misconceptions(part, grade_part(part, "3")) == ("forgot-plus-one", "padding-once")
    assert fired_misconceptions(part, grade_part(part, "9")) == ("no-stride",)
    assert fired_misconceptions(part, grade_part(part, "5")) == ()
    assert fired_misconceptions(part, grade_part(part, "4")) == ()


def test_a_report_folder_that_cannot_be_made_is_one_sentence_and_the_grades_are_kept(run_probgen, tmp_path):
    (tmp_path / "key.json").write_text(json.dumps(KEY))
    (tmp_path / "ann.json").write_text(json.dumps({"format": "probgen-submission", "version": 1, "student": "ann",
                                                   "answers": {"pooling.output-size@1:1": {"a": "4"}}}))
    (tmp_path / "blocker").write_text("a file, not a folder")
    res = run_probgen("grade", "ann.json", "--key", "key.json", "--format", "csv", "--out", "grades.csv",
                      "--report", "blocker/class")
    assert res.returncode == 1
    assert res.stderr.startswith("probgen: error: cannot write the class report into blocker/class: ")
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert (tmp_path / "grades.csv").read_text().startswith("student,source")
