"""Gradebook files for Canvas and Moodle: the columns their importers read, one row per roster student.

Canvas's gradebook importer (canvas-lms, app/models/gradebook_importer.rb) wants a header whose
first column contains "Student" and second "ID", then "SIS User ID", "SIS Login ID", and
"Section" last among the student columns; a first cell containing "Points Possible" marks the
points row. Moodle's CSV grade import maps any column to idnumber or email.
"""

import csv
import io
import json

import pytest

from probgen.grader.gradebook import CANVAS, MOODLE, assignment_problem

PROBLEMS = [
    {"id": f"pooling.output-size@1:{i}", "template": "pooling.output-size", "title": "Output size",
     "parts": [{"label": "a", "type": "integer", "answer": i, "points": points}]}
    for i, points in ((1, 4), (2, 4), (3, 3), (4, 4))
]
ROSTER = {
    "48213": {"name": "Lee, Ann", "email": "ann@uni.edu", "canvas_id": "48213", "sis_user_id": "S1001",
              "sis_login_id": "ann@uni.edu", "section": "A"},
    "48214": {"name": "Okafor, Bob", "canvas_id": "48214", "sis_login_id": "bokafor", "section": "B"},
    "48215": {"name": "=HYPERLINK(\"x\"), Eve", "canvas_id": "48215", "section": "A"},
    "48216": {"name": "Dan", "canvas_id": "48216"},
}
KEY = {"format": "probgen-key", "version": 1, "problems": PROBLEMS,
       "students": {sid: [PROBLEMS[i]["id"]] for i, sid in enumerate(ROSTER)}, "roster": ROSTER}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "key.json").write_text(json.dumps(KEY))
    answers = {"48213": 1, "48214": 99, "48215": 3}  # Dan hands in nothing; Eve has the 3-point variant
    for sid, answer in answers.items():
        pid = KEY["students"][sid][0]
        (tmp_path / f"{sid}.json").write_text(json.dumps(
            {"format": "probgen-submission", "version": 1, "student": sid, "answers": {pid: {"a": answer}}}))
    (tmp_path / "stranger.json").write_text(json.dumps(
        {"format": "probgen-submission", "version": 1, "student": "zed", "answers": {}}))
    return tmp_path


def read_rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_canvas_csv_has_canvas_columns_points_possible_and_a_row_per_roster_student(run_probgen, folder):
    res = run_probgen("grade", "48213.json", "48214.json", "48215.json", "stranger.json", "--key", "key.json",
                      "--format", "canvas-csv", "--assignment", "Week 3 (812)", "--out", "canvas.csv")
    assert res.returncode == 0, res.stderr
    assert read_rows(folder / "canvas.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 3 (812)"],
        ["Points Possible", "", "", "", "", "4"],
        ["Lee, Ann", "48213", "S1001", "ann@uni.edu", "A", "4"],
        ["Okafor, Bob", "48214", "", "bokafor", "B", "0"],
        ["'=HYPERLINK(\"x\"), Eve", "48215", "", "", "A", "4"],  # 3 of 3, scaled to the 4 points possible
    ]  # Dan handed in nothing: no row, so Canvas keeps his grade (a blank cell would count as a change)
    assert "1 submission from students not on the key's roster left out of the Canvas file: zed." in res.stderr
    assert ("1 student on the roster handed in nothing and has no row in the Canvas file, so Canvas keeps "
            "their grades: 48216.") in res.stderr


def test_moodle_csv_has_identity_columns_moodle_maps(run_probgen, folder):
    roster = {"48213": {"name": "Ann Lee", "first_name": "Ann", "last_name": "Lee", "idnumber": "S1001",
                        "email": "ann@uni.edu"},
              "48214": {"name": "Bob Okafor", "email": "bob@uni.edu"}, "48215": {"name": "Eve"}, "48216": {}}
    (folder / "key.json").write_text(json.dumps({**KEY, "roster": roster}))
    res = run_probgen("grade", "48213.json", "48214.json", "48215.json", "--key", "key.json",
                      "--format", "moodle-csv", "--assignment", "Week 3", "--out", "moodle.csv")
    assert res.returncode == 0, res.stderr
    # Bob has no ID number, so the file is matched by email address, and Eve, with none, has no
    # row: Moodle stops the whole import (or grades the row before) on a blank identity cell.
    assert read_rows(folder / "moodle.csv") == [
        ["First name", "Last name", "ID number", "Email address", "Week 3"],
        ["Ann", "Lee", "S1001", "ann@uni.edu", "4"],
        ["Bob Okafor", "", "", "bob@uni.edu", "0"],
    ]
    assert ("1 student has no email address for Moodle to match them by and were left out of the Moodle "
            "file: 48215.") in res.stderr
    assert "in Moodle's grade import (CSV file), map from 'Email address' to email address." in res.stderr


def test_moodle_matches_by_id_number_when_every_graded_student_has_one(run_probgen, folder):
    roster = {sid: {"first_name": "F", "last_name": sid, "idnumber": f"S{sid}"} for sid in ROSTER}
    (folder / "key.json").write_text(json.dumps({**KEY, "roster": roster}))
    res = run_probgen("grade", "48213.json", "--key", "key.json", "--format", "moodle-csv", "--assignment", "W3",
                      "--out", "moodle.csv")
    assert read_rows(folder / "moodle.csv") == [["First name", "Last name", "ID number", "Email address", "W3"],
                                                ["F", "48213", "S48213", "", "4"]]
    assert "map from 'ID number' to idnumber." in res.stderr


@pytest.mark.parametrize("fmt, name, words", [
    (CANVAS, "", "it is empty"),
    (CANVAS, "Week\n3", "line break"),
    (CANVAS, "=SUM(A1)", "formula"),
    (CANVAS, "Section", "Canvas reads a column of that name as student information"),
    (CANVAS, "Quiz Final Score", "Canvas ignores columns whose name contains 'Final Score'"),
    (CANVAS, "x" * 256, "longer than the 255 characters Canvas allows"),
    (MOODLE, "-3", "formula"),
])
def test_forbidden_assignment_names(fmt, name, words):
    assert words in assignment_problem(fmt, name)


def test_allowed_assignment_names():
    assert assignment_problem(CANVAS, "Week 3: pooling (812)") is None
    assert assignment_problem(MOODLE, "Section") is None  # only Canvas reads it as a student column


@pytest.mark.parametrize("args, words", [
    (["--format", "canvas-csv", "--assignment", "Final Score"],
     "--assignment 'Final Score' cannot name a Canvas gradebook column: Canvas ignores columns whose name "
     "contains 'Final Score' (it computes them)."),
    (["--format", "canvas-csv"], "--format canvas-csv needs --assignment NAME"),
    (["--assignment", "Week 3"], "--assignment names the gradebook column of --format canvas-csv or moodle-csv."),
])
def test_bad_gradebook_options_are_usage_errors_and_write_nothing(run_probgen, folder, args, words):
    res = run_probgen("grade", "48213.json", "--key", "key.json", *args, "--out", "out.csv")
    assert res.returncode == 2 and words in res.stderr
    assert not (folder / "out.csv").exists()


def test_gradebook_needs_a_key_with_a_roster(run_probgen, folder):
    res = run_probgen("grade", "48213.json", "--format", "moodle-csv", "--assignment", "W3")
    assert res.returncode == 2 and "--format moodle-csv needs --key" in res.stderr
    (folder / "plain.json").write_text(json.dumps({k: v for k, v in KEY.items() if k not in ("students", "roster")}))
    res = run_probgen("grade", "48213.json", "--key", "plain.json", "--format", "moodle-csv", "--assignment", "W3",
                      "--out", "out.csv")
    assert res.returncode == 1 and "plain.json has no roster of students" in res.stderr
    assert not (folder / "out.csv").exists()


def test_canvas_roster_to_canvas_gradebook_end_to_end(run_probgen, tmp_path):
    """A Canvas export in, Canvas's identity columns back out for the same students."""
    (tmp_path / "canvas-roster.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n"
        '"Lee, Ann",48213,S1001,ann@uni.edu,A\n"Okafor, Bob",48214,,bokafor,B\n')
    res = run_probgen("export", "--template", "pooling.output-size", "--roster", "canvas-roster.csv", "--seed", "9",
                      "--out", "course")
    assert res.returncode == 0, res.stderr
    key = json.loads((tmp_path / "course" / "answer-key.json").read_text())
    sub = json.loads((tmp_path / "course" / "48213" / "submission.json").read_text())
    for pid in sub["answers"]:
        part = next(p for p in key["problems"] if p["id"] == pid)["parts"][0]
        sub["answers"][pid][part["label"]] = part["answer"]
    (tmp_path / "ann.json").write_text(json.dumps(sub))
    res = run_probgen("grade", "ann.json", "--key", "course/answer-key.json", "--format", "canvas-csv",
                      "--assignment", "Week 3", "--out", "grades.csv")
    assert res.returncode == 0, res.stderr
    table = read_rows(tmp_path / "grades.csv")
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 3"]
    assert table[2][:5] == ["Lee, Ann", "48213", "S1001", "ann@uni.edu", "A"] and table[2][5] == table[1][5]
    assert len(table) == 3  # Bob handed in nothing: no row


# ---- Canvas's importer, re-implemented ----------------------------------------------------
# The rules of canvas-lms's GradebookImporter (app/models/gradebook_importer.rb) that decide
# how a file is read: the header test, the count of student columns, the assignment columns
# left after the student and computed columns are dropped, the non-student rows, and how a row
# finds its student (by ID first).

CANVAS_NON_ASSIGNMENT = ("Current Score", "Current Points", "Current Grade", "Final Score", "Final Points",
                         "Final Grade", "Override Score", "Override Grade", "Override Status")


def canvas_read(text):
    """(student columns, assignment titles, points possible, [(id, name, grade)]) as Canvas reads them."""
    import re

    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert len(header) > 3 and "Student" in header[0] and "ID" in header[1]          # row_has_student_headers?
    student_columns = 3
    if re.search(r"SIS\s+Login\s+ID", header[2]):
        student_columns += 1
    elif re.search(r"SIS\s+User\s+ID", header[2]) and re.search(r"SIS\s+Login\s+ID", header[3]):
        student_columns += 2
    assert "Section" in header[student_columns - 1]                                   # last_student_info_column
    rest = header[student_columns:]
    assignments = [h for h in rest if not re.search("|".join(CANVAS_NON_ASSIGNMENT), h)]
    points, students = None, []
    for row in rows[1:]:
        if row[0] and "Points Possible" in row[0]:                                    # check_for_non_student_row
            points = [row[header.index(a)] for a in assignments]
            continue
        if all(re.fullmatch(r"\s*(Muted|Manual Posting.*)?\s*", c, re.I) for c in row if c is not None):
            continue
        students.append((row[1], row[0], [row[header.index(a)] for a in assignments]))  # process_student: ID
    return student_columns, assignments, points, students


def test_canvas_reads_our_file_as_five_student_columns_one_assignment_and_our_students(run_probgen, folder):
    res = run_probgen("grade", "48213.json", "48214.json", "48215.json", "--key", "key.json",
                      "--format", "canvas-csv", "--assignment", "Week 3", "--out", "canvas.csv")
    assert res.returncode == 0, res.stderr
    columns, assignments, points, students = canvas_read((folder / "canvas.csv").read_text(encoding="utf-8"))
    assert (columns, assignments, points) == (5, ["Week 3"], ["4"])
    assert [s[0] for s in students] == list(ROSTER)[:3]  # every row found by its Canvas user ID
    assert [s[2] for s in students] == [["4"], ["0"], ["4"]]


def test_the_names_we_refuse_are_the_ones_canvas_would_misread():
    header = "Student,ID,SIS User ID,SIS Login ID,Section,{}\n"
    for name in ("Quiz Final Score", "Week 3 Current Grade"):
        assert canvas_read(header.format(name) + "Ann,1,,,A,3\n")[1] == []  # dropped: no grades imported
        assert assignment_problem(CANVAS, name) is not None
    assert canvas_read(header.format("Week 3") + "Ann,1,,,A,3\n")[1] == ["Week 3"]
