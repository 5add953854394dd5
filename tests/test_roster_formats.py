"""Rosters as Canvas and Moodle export them, read as they come; an unknown layout is one sentence."""

import json

import pytest

from probgen.generator.roster import RosterError, Student
from probgen.generator.roster_formats import key_roster, parse_any, read_any

# What Canvas's Grades -> Export writes: a "Points Possible" row under the header, the
# name as "Last, First", score columns after Section (their read-only totals too).
CANVAS = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Week 1 Quiz (1234),Current Score,Unposted Current Score,Final Score\n"
    "    Points Possible,,,,,10.00,(read only),(read only),(read only)\n"
    '"Lee, Ann",48213,S1001,ann@uni.edu,CNN 101 - A,8.00,80.00,80.00,80.00\n'
    '"Okafor, Bob",48214,,bokafor,CNN 101 - B,,,,\n'
)

# What Moodle's Participants -> "Download table data as" CSV writes (user/action_redir.php):
# First name, Last name, then the identity fields the site shows (here ID number, Email
# address and Institution).
MOODLE = (
    "First name,Last name,ID number,Email address,Institution\n"
    "Ann,Lee,S1001,ann@uni.edu,Uni\n"
    "Bob,Okafor,S1002,bob@uni.edu,Uni\n"
)


def test_canvas_gradebook_export_skips_points_possible_and_keeps_canvas_ids():
    students = parse_any(CANVAS, "canvas.csv")
    assert students == [
        Student("48213", "Lee, Ann", "ann@uni.edu",
                (("canvas_id", "48213"), ("sis_user_id", "S1001"), ("sis_login_id", "ann@uni.edu"),
                 ("section", "CNN 101 - A"))),
        Student("48214", "Okafor, Bob", "", (("canvas_id", "48214"), ("sis_login_id", "bokafor"),
                                             ("section", "CNN 101 - B"))),
    ]


def test_canvas_export_with_bom_semicolons_and_a_muted_row(tmp_path):
    path = tmp_path / "grades.csv"
    text = CANVAS.replace(",", ";").replace('"Lee; Ann"', '"Lee, Ann"').replace('"Okafor; Bob"', '"Okafor, Bob"')
    lines = text.splitlines()
    lines.insert(2, ";;;;;Muted;;;")
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    assert [(s.id, s.name) for s in read_any(path)] == [("48213", "Lee, Ann"), ("48214", "Okafor, Bob")]


def test_canvas_export_with_split_names():
    text = ("LastName,FirstName,ID,SIS User ID,SIS Login ID,Section,Week 1\n"
            "    Points Possible,,,,,,10\n"
            "Lee,Ann,48213,S1001,ann@uni.edu,A,8\n")
    assert [(s.id, s.name, s.email) for s in parse_any(text, "canvas.csv")] == [("48213", "Ann Lee", "ann@uni.edu")]


def test_moodle_participants_by_id_number_else_by_email():
    students = parse_any(MOODLE, "participants.csv")
    assert students == [
        Student("S1001", "Ann Lee", "ann@uni.edu", (("first_name", "Ann"), ("last_name", "Lee"), ("idnumber", "S1001"))),
        Student("S1002", "Bob Okafor", "bob@uni.edu",
                (("first_name", "Bob"), ("last_name", "Okafor"), ("idnumber", "S1002"))),
    ]
    no_numbers = MOODLE.replace("S1002", "")
    assert [s.id for s in parse_any(no_numbers, "participants.csv")] == ["ann@uni.edu", "bob@uni.edu"]


def test_probgen_roster_still_reads_as_before():
    assert parse_any("id,name,email\ns1,Ann,a@x\n") == [Student("s1", "Ann", "a@x")]


@pytest.mark.parametrize("text, words", [
    ("name,score\nAnn,3\n", "roster.csv is not a roster layout probgen reads: its columns are name, score, and it "
                            "needs an id column (with optional name and email), a Canvas gradebook export (Student, "
                            "ID, SIS User ID, SIS Login ID, Section) or a Moodle participants export (First name, "
                            "Last name, ID number, Email address)."),
    ("Student,ID,Section\n    Points Possible,,\nAnn,,A\n", "row 3 of roster.csv has no Canvas ID."),
    ("Student,ID,Section\nAnn,7,A\nBob,7,B\n", "roster.csv lists Canvas ID '7' twice, in rows 2 and 3."),
    ("Student,ID,Section\n    Points Possible,,\n", "roster.csv lists no students"),
    ("First name,Last name,Email address\nAnn,Lee,\n", "row 2 of roster.csv has no email address."),
    ("First name,Last name,Email address\nAnn,Lee,a/b@x\n", "email address 'a/b@x' in row 2 of roster.csv contains '/'"),
])
def test_bad_lms_rosters_are_one_sentence(text, words):
    with pytest.raises(RosterError) as info:
        parse_any(text, "roster.csv")
    message = str(info.value)
    assert words in message
    assert message.endswith(".") and "\n" not in message


def test_export_records_the_roster_with_lms_ids_in_the_key(run_probgen, tmp_path):
    (tmp_path / "canvas.csv").write_text(CANVAS)
    res = run_probgen("export", "--template", "pooling.output-size", "--roster", "canvas.csv", "--seed", "3",
                      "--out", "course")
    assert res.returncode == 0, res.stderr
    key = json.loads((tmp_path / "course" / "answer-key.json").read_text())
    assert sorted(key["students"]) == ["48213", "48214"]
    assert key["roster"] == key_roster(parse_any(CANVAS))
    assert key["roster"]["48214"] == {"name": "Okafor, Bob", "canvas_id": "48214", "sis_login_id": "bokafor",
                                      "section": "CNN 101 - B"}
    assert (tmp_path / "course" / "48213" / "submission.json").exists()


def test_unknown_roster_layout_stops_export_with_one_sentence(run_probgen, tmp_path):
    (tmp_path / "grades.csv").write_text("name,score\nAnn,3\n")
    res = run_probgen("export", "--template", "pooling.output-size", "--roster", "grades.csv", "--out", "course")
    assert res.returncode == 1
    assert "grades.csv is not a roster layout probgen reads" in res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "course").exists()
