"""Grading a class against a roster key: one right, one blank, one answering another student's problems."""

import base64
import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from probgen.grader.output import as_csv, as_table, clean, csv_text, summary_csv
from probgen.grader.plot import bin_counts
from probgen.grader.report import grade_submission
from probgen.grader.results import SubmissionReport

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """An exported roster of three, their three submissions, and the graded CSV, summary and plot."""
    from conftest import probgen_command
    import subprocess

    def run(*args):
        res = subprocess.run(probgen_command() + [str(a) for a in args], capture_output=True, text=True,
                             cwd=tmp, timeout=120)
        return res

    tmp = tmp_path_factory.mktemp("class")
    (tmp / "roster.csv").write_text("id,name\nann,Ann\nbob,Bob\ncat,Cat\n")
    res = run("export", "--template", "pooling.output-size", "--template", "conv2d.output-size", "--n", "2",
              "--roster", "roster.csv", "--seed", "5", "--out", "week")
    assert res.returncode == 0, res.stderr
    key = json.loads((tmp / "week" / "answer-key.json").read_text())
    answers = {p["id"]: {part["label"]: part["answer"] for part in p["parts"]} for p in key["problems"]}

    ann = json.loads((tmp / "week" / "ann" / "submission.json").read_text())
    ann["answers"] = {pid: answers[pid] for pid in key["students"]["ann"]}
    (tmp / "ann.json").write_text(json.dumps(ann))
    bob = json.loads((tmp / "week" / "bob" / "submission.json").read_text())  # blank, as handed out
    (tmp / "bob.json").write_text(json.dumps(bob))
    cat = json.loads((tmp / "week" / "cat" / "submission.json").read_text())
    cat["answers"] = dict(ann["answers"])  # Ann's problems, answered right, and none of her own
    (tmp / "cat.json").write_text(json.dumps(cat))

    res = run("grade", "ann.json", "bob.json", "cat.json", "--key", "week/answer-key.json", "--format", "csv",
              "--out", "grades.csv")
    assert res.returncode == 0, res.stderr
    return tmp, key, res


def points(key, pid):
    problem = next(p for p in key["problems"] if p["id"] == pid)
    return sum(part["points"] for part in problem["parts"])


def test_csv_has_one_row_per_student_with_scores_only_for_their_problems(graded):
    tmp, key, res = graded
    rows = list(csv.reader(io.StringIO((tmp / "grades.csv").read_text())))
    ids = [p["id"] for p in key["problems"]]
    assert len(ids) == 6 and len(set(ids)) == 6  # three different variants of two problems
    assert rows[0] == ["student", "source", *ids, "total", "max_score", "flags"]
    mine = key["students"]
    full = {pid: str(points(key, pid)) for pid in ids}
    ann_total = sum(points(key, pid) for pid in mine["ann"])
    bob_total = sum(points(key, pid) for pid in mine["bob"])
    cat_total = sum(points(key, pid) for pid in mine["cat"])

    def cells(student, scores):
        return [scores.get(pid, "") for pid in ids]

    assert rows[1] == ["ann", "ann.json", *cells("ann", {pid: full[pid] for pid in mine["ann"]}),
                       str(ann_total), str(ann_total), ""]
    assert rows[2] == ["bob", "bob.json", *cells("bob", {pid: "0" for pid in mine["bob"]}), "0", str(bob_total), ""]
    assert rows[3] == ["cat", "cat.json", *cells("cat", {pid: "0" for pid in mine["cat"]}), "0", str(cat_total),
                       "; ".join(f"not assigned: {pid}" for pid in mine["ann"])]
    assert len(rows) == 4


def test_the_run_writes_and_names_the_summary(graded):
    tmp, key, res = graded
    assert res.stdout.splitlines() == ["wrote grades.csv (3 submissions)",
                                       "wrote grades.summary.csv (per-problem summary)"]
    rows = list(csv.reader(io.StringIO((tmp / "grades.summary.csv").read_text())))
    # Every student has their own variants, so the summary is per problem kind.
    assert rows[0] == ["kind", "title", "submissions", "mean_score", "max_score", "share_correct"]
    assert [r[0] for r in rows[1:]] == ["pooling.output-size", "conv2d.output-size"]
    for row in rows[1:]:
        (ann_points,) = [points(key, pid) for pid in key["students"]["ann"] if pid.startswith(row[0] + "@")]
        assert row[2] == "3"                 # graded for all three students
        assert row[5] == "0.333"             # only Ann's was fully right
        assert row[4] == str(ann_points)
        assert float(row[3]) == pytest.approx(ann_points / 3, abs=0.001)


def test_the_class_report_plots_the_grade_distribution(graded, run_probgen):
    tmp, key, _ = graded
    res = run_probgen("grade", tmp / "ann.json", tmp / "bob.json", tmp / "cat.json", "--key",
                      tmp / "week" / "answer-key.json", "--report", tmp / "class")
    assert res.returncode == 0, res.stderr
    page = (tmp / "class" / "report.html").read_text(encoding="utf-8")
    first = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="Grade distribution">', page)
    svg = base64.b64decode(first.group(1)).decode("utf-8")
    root = ET.fromstring(svg.encode())
    assert root.tag == f"{SVG}svg"
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Grade distribution: 3 graded submissions" in texts and "Score (% of the maximum)" in texts
    assert "0–10" in texts and "90–100" in texts


def test_table_output_flags_and_summarises_by_kind(graded, run_probgen):
    tmp, key, _ = graded
    res = run_probgen("grade", tmp / "ann.json", tmp / "bob.json", tmp / "cat.json", "--key",
                      tmp / "week" / "answer-key.json")
    assert res.returncode == 0, res.stderr
    for pid in key["students"]["ann"]:
        assert f"! answers to {pid}: not assigned to student cat; not graded." in res.stdout
    assert "Summary of 3 submissions, by problem kind" in res.stdout
    assert "33% of 3" in res.stdout
    res = run_probgen("grade", tmp / "ann.json", tmp / "bob.json", "--key", tmp / "week" / "answer-key.json")
    assert "probgen: note: 1 student on the key's roster handed in nothing: cat." in res.stderr


def test_json_output_carries_flags(graded, run_probgen):
    tmp, key, _ = graded
    res = run_probgen("grade", tmp / "cat.json", tmp / "ann.json", "--key", tmp / "week" / "answer-key.json",
                      "--format", "json")
    data = json.loads(res.stdout)
    cat = data["submissions"][0]
    assert cat["flags"] == [f"not assigned: {pid}" for pid in key["students"]["ann"]]
    assert "flags" not in data["submissions"][1]
    assert data["summary"]["by"] == "kind"


# ---- unit level: escaping, flags, bins ------------------------------------------------------

P = {"id": "p@1:1", "title": "P", "parts": [{"label": "a", "type": "integer", "answer": 3, "points": 2}]}


def test_student_text_cannot_drive_a_terminal_or_a_spreadsheet():
    nasty = "\x1b[2J\x1b]0;pwned\x07=HYPERLINK(\"http://x\")\x07\x00"
    report = grade_submission({"student": nasty, "answers": {"p@1:1": {"a": "\x1b[31m3,,\x1b[0m"}}}, None,
                              "+cmd.json", [P])
    table = as_table([report, report])
    assert "\x1b" not in table and "\x07" not in table and "\x00" not in table
    assert "pwned" not in table
    rows = list(csv.reader(io.StringIO(as_csv([report]))))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")" and rows[1][1] == "'+cmd.json"
    assert csv_text("@SUM(A1)") == "'@SUM(A1)" and csv_text("  -1") == "'  -1" and csv_text("ann") == "ann"
    assert csv_text("\t=1") == "' =1" and csv_text("\tx") == " x"  # a tab is a space, checked after
    assert clean("ok\x1b[1mbold\x1b[0m") == "okbold"


def test_repeated_submissions_by_one_student_are_flagged():
    a = grade_submission({"student": "ann", "answers": {"p@1:1": {"a": 3}}}, None, "a1.json", [P])
    b = grade_submission({"student": "ann", "answers": {"p@1:1": {"a": 2}}}, None, "a2.json", [P])
    rows = list(csv.reader(io.StringIO(as_csv([a, b], ["p@1:1", "q@1:1"]))))
    assert rows[0] == ["student", "source", "p@1:1", "q@1:1", "total", "max_score", "flags"]
    assert rows[1] == ["ann", "a1.json", "2", "", "2", "2", "2 submissions from this student"]
    assert rows[2][-1] == "2 submissions from this student"


def test_bins_take_full_marks_into_the_last_and_skip_ungraded():
    reports = [SubmissionReport("s", None, score, 10) for score in (0, 0.99, 1, 5, 9.99, 10)]
    reports.append(SubmissionReport("bad", None, 0, 0))
    assert bin_counts(reports) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]


def test_summary_csv_by_problem_without_roster():
    a = grade_submission({"answers": {"p@1:1": {"a": 3}}}, None, "a.json", [P])
    b = grade_submission({"answers": {"p@1:1": {"a": 1}}}, None, "b.json", [P])
    rows = list(csv.reader(io.StringIO(summary_csv([a, b]))))
    assert rows == [["problem", "title", "submissions", "mean_score", "max_score", "share_correct"],
                    ["p@1:1", "P", "2", "1", "2", "0.5"]]


def test_class_grading_needs_neither_the_generator_nor_jinja2():
    import subprocess
    import sys

    code = ("import sys; import probgen.grader.output, probgen.grader.plot, probgen.grader.report, "
            "probgen.grader.files; "
            "bad = [m for m in sys.modules if m.startswith(('probgen.generator', 'jinja2'))]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
