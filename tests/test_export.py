"""``probgen export``: a variant per student, reproducible from (course seed, student id), in every format."""

import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from probgen.contract import parse_id
from probgen.generator import export as ex
from probgen.generator import pdf, registry
from probgen.generator.roster import Student
from probgen.generator.seeding import derive_seed

ROSTER = "id,name,email\ns1,Ann Lee,ann@example.org\ns2,Bob,\ns3,Émile O'Brien & Co,\n"
KINDS = ["pooling.output-size", "conv1d.entries", "concepts.cnn-vs-mlp"]


def kinds():
    return [registry.find(k) for k in KINDS]


# ---- the library ------------------------------------------------------------------------


def test_student_slot_i_is_seeded_from_course_seed_student_and_slot():
    sheet = ex.student_sheet(kinds(), 5, 2026, Student("s1"))
    assert [p.kind_id for p in sheet.problems] == KINDS + KINDS[:2]
    assert [parse_id(p.id).seed for p in sheet.problems] == [derive_seed(2026, "s1", i) for i in range(5)]
    assert sheet.title.endswith("— s1")


def test_a_students_sheet_does_not_depend_on_the_rest_of_the_roster():
    alone = ex.build(kinds(), 3, 7, students=[Student("s2")])
    among = ex.build(kinds(), 3, 7, students=[Student("s9"), Student("s2"), Student("s1")])
    assert [p.id for p in alone[0].problems] == [p.id for p in among[1].problems]
    ids = [tuple(p.id for p in s.problems) for s in among]
    assert len(set(ids)) == 3


def test_key_lists_every_problem_once_and_each_students_problems():
    sheets = ex.build(kinds(), 3, 7, students=[Student("a"), Student("b")])
    key = ex.answer_key(sheets, title="T", seed=7)
    assert key["format"] == "probgen-key" and key["seed"] == 7 and key["title"] == "T"
    assert key["students"] == {s.spec.student: [p.id for p in s.problems] for s in sheets}
    assert [p["id"] for p in key["problems"]] == key["students"]["a"] + key["students"]["b"]
    assert "students" not in ex.answer_key(ex.build(kinds(), 3, 7), title="T", seed=7)


def test_formats_are_a_validated_comma_list():
    assert ex.parse_formats("md, PDF,md,moodle") == ["md", "pdf", "moodle"]
    with pytest.raises(ValueError, match="'docx' is not a format probgen exports; choose from md,tex,pdf,html,moodle,canvas,qti21."):
        ex.parse_formats("md,docx")
    with pytest.raises(ValueError, match="at least one"):
        ex.parse_formats(" , ")


# ---- the command ------------------------------------------------------------------------


def test_roster_export_writes_a_folder_per_student_and_the_key(run_probgen, tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    args = ["export", *sum((["--template", k] for k in KINDS), []), "--n", "4", "--roster", "roster.csv",
            "--seed", "2026", "--format", "md,tex", "--solutions", "--title", "Week 3"]
    res = run_probgen(*args, "--out", "out")
    assert res.returncode == 0, res.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["answer-key.json", "course-secret.txt", "s1", "s2", "s3"]
    for sid in ("s1", "s2", "s3"):
        assert sorted(p.name for p in (out / sid).iterdir()) == [
            "solutions.md", "solutions.tex", "submission.json", "worksheet.md", "worksheet.tex"]
        assert f"wrote out/{sid}/ (worksheet.md, worksheet.tex, solutions.md, solutions.tex, submission.json)" in res.stdout
    assert "3 students, 4 problems each, course seed 2026 (--seed 2026 makes the same sheets again)." in res.stdout

    key = json.loads((out / "answer-key.json").read_text())
    assert list(key["students"]) == ["s1", "s2", "s3"]
    assert all(len(ids) == 4 for ids in key["students"].values())
    assert len({tuple(ids) for ids in key["students"].values()}) == 3  # three different variants
    assert len(key["problems"]) == 12
    for sid, ids in key["students"].items():
        sub = json.loads((out / sid / "submission.json").read_text())
        assert sub["student"] == sid and list(sub["answers"]) == ids
        sheet = (out / sid / "worksheet.md").read_text()
        assert all(pid in sheet for pid in ids)
        assert not any(pid in sheet for other, theirs in key["students"].items() if other != sid for pid in theirs)
    assert (out / "s1" / "worksheet.md").read_text().startswith("# Week 3 — Ann Lee (s1)")
    assert r"\section*{Week 3 — Émile O'Brien \& Co (s3)}" in (out / "s3" / "worksheet.tex").read_text()
    assert "Answers." in (out / "s2" / "solutions.tex").read_text()

    again = run_probgen(*args, "--out", "again", "--secret", "out/course-secret.txt")
    assert again.returncode == 0
    for sid in ("s1", "s2", "s3"):
        for name in ("worksheet.md", "worksheet.tex", "solutions.md", "submission.json"):
            assert (out / sid / name).read_text() == (tmp_path / "again" / sid / name).read_text()
    assert (out / "answer-key.json").read_text() == (tmp_path / "again" / "answer-key.json").read_text()


def test_without_roster_one_sheet_like_make(run_probgen, tmp_path):
    res = run_probgen("export", "--topic", "pooling", "--n", "6", "--seed", "11", "--format", "md", "--out", "one")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == [
        "answer-key.json", "course-secret.txt", "submission.json", "worksheet.md"]
    run_probgen("make", "--topic", "pooling", "--n", "6", "--seed", "11", "--out", "made",
                "--secret", "one/course-secret.txt")
    exported = json.loads((tmp_path / "one" / "answer-key.json").read_text())
    made = json.loads((tmp_path / "made" / "answer-key.json").read_text())
    assert exported["problems"] == made["problems"] and "students" not in exported


def test_without_seed_a_fresh_one_is_printed_and_reproduces(run_probgen, tmp_path):
    res = run_probgen("export", "--topic", "pooling", "--out", "a")
    assert res.returncode == 0, res.stderr
    seed = re.search(r"course seed (\d+) \(--seed \1 makes the same sheets again\)", res.stdout).group(1)
    run_probgen("export", "--topic", "pooling", "--seed", seed, "--out", "b", "--secret", "a/course-secret.txt")
    assert (tmp_path / "a" / "answer-key.json").read_text() == (tmp_path / "b" / "answer-key.json").read_text()


@pytest.mark.parametrize("roster, words", [
    ("name\nAnn\n", "roster.csv is not a roster layout probgen reads: its columns are name, and it needs an id column"),
    ("id,name\ns1,Ann\ns1,Bob\n", "roster.csv lists student 's1' twice, in rows 2 and 3."),
    ("", "roster.csv is empty"),
    ("id\n", "roster.csv lists no students"),
    ("id\n../../etc\n", "cannot be part of a folder name"),
])
def test_a_bad_roster_is_one_sentence_exit_1(run_probgen, tmp_path, roster, words):
    (tmp_path / "roster.csv").write_text(roster)
    res = run_probgen("export", "--topic", "pooling", "--roster", "roster.csv", "--out", "out")
    assert res.returncode == 1
    assert res.stderr.startswith("probgen: error: ") and words in res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, words", [
    (["--topic", "pooling", "--format", "md,docx", "--out", "o"], "'docx' is not a format probgen exports"),
    (["--topic", "pooling"], "Missing option '--out'"),
    (["--out", "o"], "say what to make with --topic"),
    (["--topic", "nope", "--out", "o"], "nope"),
    (["--topic", "pooling", "--roster", "missing.csv", "--out", "o"], "missing.csv does not exist."),
])
def test_usage_and_file_errors(run_probgen, args, words):
    res = run_probgen("export", *args)
    assert res.returncode == (1 if "missing.csv" in words else 2)
    assert words in res.stderr and "Traceback" not in res.stderr


def test_student_ids_that_would_overwrite_the_key_are_refused(tmp_path, monkeypatch):
    from probgen.generator.cli import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.csv").write_text("id\nanswer-key.json\n")
    res = CliRunner().invoke(cli, ["export", "--topic", "pooling", "--roster", "roster.csv", "--out", "o"])
    assert res.exit_code == 1 and "student id 'answer-key.json' is the name of a file the export writes" in res.output


def test_a_missing_tex_engine_is_one_sentence_naming_what_to_install(tmp_path, monkeypatch):
    from probgen.generator import pdf
    from probgen.generator.cli import cli

    monkeypatch.setattr(pdf, "find_engine", lambda: None)
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["export", "--topic", "pooling", "--format", "md,pdf", "--out", "o"])
    assert res.exit_code == 1
    assert "no TeX engine found: PDF sheets need LuaLaTeX; install" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "o").exists()            # found before any file is written


def test_progress_bar_on_a_terminal_only_for_long_runs(monkeypatch):
    from probgen.generator.cli import common, export_cmd

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert export_cmd._export_progress_from(["md", "pdf"], 5) == 3
    assert export_cmd._export_progress_from(["md"], 10) == 20
    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    assert list(common._progress("Exporting", 5, 3)(range(5))) == [0, 1, 2, 3, 4]
    assert "Exporting" in tty.getvalue()
    quiet = Tty()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert list(common._progress("Exporting", 2, 3)(range(2))) == [0, 1]
    assert quiet.getvalue() == ""
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    assert list(common._progress("Exporting", 500, 3)(range(500))) == list(range(500))
    assert piped.getvalue() == ""


# ---- every format at once ---------------------------------------------------------------

needs_tex = pytest.mark.skipif(pdf.find_engine() is None, reason="no TeX engine installed (CI installs TeX Live): "
                                                                  + pdf.NO_ENGINE)


@needs_tex
def test_three_students_in_all_five_formats(run_probgen, tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    res = run_probgen("export", "--topic", "pooling", "--template", "conv1d.entries", "--template",
                      "concepts.cnn-vs-mlp", "--n", "4", "--roster", "roster.csv", "--seed", "31",
                      "--format", "md,tex,pdf,html,moodle", "--solutions", "--out", "all")
    assert res.returncode == 0, res.stderr
    out = tmp_path / "all"
    key = json.loads((out / "answer-key.json").read_text())
    assert len({tuple(ids) for ids in key["students"].values()}) == 3  # three different variants
    for sid, ids in key["students"].items():
        folder = out / sid
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [f"{stem}.{ext}" for stem in ("worksheet", "solutions") for ext in ("md", "tex", "pdf", "html")]
            + ["submission.json"])
        for stem in ("worksheet", "solutions"):
            data = (folder / f"{stem}.pdf").read_bytes()
            assert data.startswith(b"%PDF-") and (pdf.page_count(data) or 0) >= 1
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(folder / "worksheet.pdf"), "-"], capture_output=True,
                                  text=True, check=True).stdout
            assert f"({sid})" in text and ids[0] in text
        page = (folder / "worksheet.html").read_text()
        assert page.lstrip().lower().startswith("<!doctype html>") and "<math" in page
        assert all(pid in page for pid in ids)
        assert "http" not in page and "url(" not in page and "@import" not in page
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:[a-z]+:)?//""", page, re.I)
    quiz = ET.parse(out / "moodle.xml").getroot()
    assert quiz.tag == "quiz"
    questions = quiz.findall("question")
    clozes = [q for q in questions if q.get("type") == "cloze"]
    assert sorted(q.find("name/text").text for q in clozes) == sorted(p["id"] for p in key["problems"])
    categories = [q.find("category/text").text for q in questions if q.get("type") == "category"]
    kinds_used = sorted({p["template"] for p in key["problems"]})
    assert sorted(categories) == [f"$course$/top/probgen/{k}" for k in kinds_used]
    assert "wrote all/moodle.xml" in res.stdout and "wrote all/answer-key.json" in res.stdout
