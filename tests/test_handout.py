"""Handed-out sheets keep their answers: the course secret stays beside the key, and a student's
files grade nothing without the key or the secret."""

from __future__ import annotations

import json
import re

import pytest

ROSTER = "id,name\ns1,Ann\ns2,Bob\n"


@pytest.fixture
def course(run_probgen, tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER)
    res = run_probgen("export", "--topic", "pooling", "--topic", "conv2d", "--n", "4", "--roster", "roster.csv",
                      "--seed", "2026", "--format", "md,html", "--solutions", "--out", "week3")
    assert res.returncode == 0, res.stderr
    return tmp_path / "week3", res


def test_the_first_export_makes_a_secret_beside_the_key_and_never_prints_it(course):
    out, res = course
    secret = (out / "course-secret.txt").read_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", secret)
    assert (out / "course-secret.txt").stat().st_mode & 0o077 == 0
    assert f"wrote {out.name}/course-secret.txt (the course secret" in res.stdout
    assert secret not in res.stdout + res.stderr


def test_a_students_files_hold_no_secret_no_seed_and_no_answers(course):
    out, _ = course
    secret = (out / "course-secret.txt").read_text().strip()
    key = json.loads((out / "answer-key.json").read_text())
    for student in ("s1", "s2"):
        for path in (out / student).iterdir():
            if path.name.startswith("solutions"):
                continue  # solutions are staff's to hand out when they choose
            text = path.read_text()
            assert secret not in text and secret[:16] not in text, path
            assert "2026" not in text, path  # the course seed is not printed
            assert "probgen grade" not in text or path.name == "submission.json", path
        ids = key["students"][student]
        assert all(re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+@\d+:s[0-9a-f]{16}-[0-9a-z]{3}", i) for i in ids), ids
    assert "hand it in: your course staff grade it" in (out / "s1" / "worksheet.md").read_text()


def test_a_student_grading_a_handed_out_sheet_sees_nothing_of_the_answers(run_probgen, course):
    out, _ = course
    key = json.loads((out / "answer-key.json").read_text())
    res = run_probgen("grade", "week3/s1/submission.json")
    assert res.returncode == 1
    assert res.stdout == ""
    assert res.stderr.startswith("probgen: error: ") and res.stderr.count("\n") == 1
    assert "handed-out sheet, so only course staff can grade it" in res.stderr
    assert "expected" not in res.stderr
    for problem in key["problems"]:
        for part in problem["parts"]:
            if isinstance(part["answer"], list):
                assert json.dumps(part["answer"]) not in res.stderr


def test_staff_grade_with_the_key_or_the_secret_and_get_the_same(run_probgen, course):
    out, _ = course
    key = json.loads((out / "answer-key.json").read_text())
    answers = {p["id"]: {q["label"]: q["answer"] for q in p["parts"]} for p in key["problems"]
               if p["id"] in key["students"]["s1"]}
    (out / "s1" / "done.json").write_text(json.dumps({"student": "s1", "answers": answers}))
    with_key = run_probgen("grade", "week3/s1/done.json", "--key", "week3/answer-key.json", "--format", "json")
    with_secret = run_probgen("grade", "week3/s1/done.json", "--secret", "week3/course-secret.txt", "--format", "json")
    assert with_key.returncode == 0 and with_secret.returncode == 0, with_key.stderr + with_secret.stderr
    a, b = json.loads(with_key.stdout), json.loads(with_secret.stdout)
    assert a["score"] == a["max_score"] == b["score"] == b["max_score"] > 0


def test_a_later_export_into_the_folder_reuses_the_secret(run_probgen, course):
    out, _ = course
    before = (out / "course-secret.txt").read_text()
    ids = json.loads((out / "answer-key.json").read_text())["students"]
    res = run_probgen("export", "--topic", "pooling", "--topic", "conv2d", "--n", "4", "--roster", "roster.csv",
                      "--seed", "2026", "--format", "md", "--out", "week3")
    assert res.returncode == 0, res.stderr
    assert "used week3/course-secret.txt" in res.stdout
    assert (out / "course-secret.txt").read_text() == before
    assert json.loads((out / "answer-key.json").read_text())["students"] == ids


def test_make_with_a_secret_hands_a_sheet_out(run_probgen, tmp_path, course):
    res = run_probgen("make", "--topic", "pooling", "--seed", "5", "--secret", "week3/course-secret.txt", "--out", "hw")
    assert res.returncode == 0, res.stderr
    ids = list(json.loads((tmp_path / "hw" / "submission.json").read_text())["answers"])
    assert ids and all(":s" in i for i in ids)
    assert "seed 5" not in (tmp_path / "hw" / "worksheet.md").read_text()
    assert run_probgen("grade", "hw/submission.json").returncode == 1
    assert run_probgen("grade", "hw/submission.json", "--secret", "week3/course-secret.txt").returncode == 0


@pytest.mark.parametrize("content, words", [(None, "cannot read the course secret"), ("nothex", "is not a course secret")])
def test_an_unusable_secret_file_is_one_sentence_exit_1(run_probgen, tmp_path, content, words):
    if content is not None:
        (tmp_path / "s.txt").write_text(content)
    for args in (["make", "--topic", "pooling"], ["grade", "x.json"],
                 ["export", "--topic", "pooling", "--out", "o"]):
        res = run_probgen(*args, "--secret", "s.txt")
        assert res.returncode == 1, (args, res.stderr)
        assert res.stderr.startswith("probgen: error: ") and words in res.stderr and res.stderr.count("\n") == 1
