"""Grading a batch into report files (grader.run) and by id through a caller's lookup (grader.batch).

Hand-written keys and submissions: nothing here makes a problem, as the grader never does.
"""

import csv
import io
import json
from contextlib import contextmanager
from pathlib import Path

import pytest

from probgen.grader import batch
from probgen.grader.errors import GradeInputError
from probgen.grader.run import class_files, grade_batch

PROBLEM = {"id": "pooling.output-size@1:7", "title": "Output size",
           "parts": [{"label": "a", "type": "integer", "answer": 4, "points": 2},
                     {"label": "b", "type": "shape", "answer": [3, 4, 4], "points": 1}]}
KEY = {"format": "probgen-key", "version": 1, "problems": [PROBLEM]}


def submission(student, answers):
    return {"format": "probgen-submission", "version": 1, "student": student,
            "answers": {PROBLEM["id"]: answers}}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "key.json").write_text(json.dumps(KEY))
    (tmp_path / "ann.json").write_text(json.dumps(submission("ann", {"a": "4", "b": "3x4x4"})))
    (tmp_path / "bob.json").write_text(json.dumps(submission("bob", {"a": 5, "b": "(3, 4, 4)"})))
    (tmp_path / "broken.json").write_text("{not json")
    return tmp_path


class Calls:
    """What a run told its caller, in order."""

    def __init__(self):
        self.events = []
        self.opened = []

    def unusable(self, message):
        self.events.append(("unusable", message))

    def written(self, path, what):
        self.events.append(("written", Path(path).name, what))

    @contextmanager
    def open_file(self, path):
        self.opened.append(Path(path).name)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle


def run(folder, names, calls, **options):
    settings = {"key_path": folder / "key.json", "fmt": "csv", "jobs": 1, "lookup": None,
                "stdout": io.StringIO(), "out_file": folder / "grades.csv"}
    settings.update(options)
    return grade_batch([folder / n for n in names], open_file=calls.open_file, on_unusable=calls.unusable,
                       on_written=calls.written, **settings)


def test_a_class_gets_the_report_and_a_summary_beside_it(folder):
    calls = Calls()
    result = run(folder, ["ann.json", "bob.json"], calls)
    assert (result.graded, result.unusable, result.missing_note) == (2, 0, None)
    assert calls.events == [("written", "grades.csv", "2 submissions"),
                            ("written", "grades.summary.csv", "per-problem summary")]
    assert calls.opened == ["grades.csv", "grades.summary.csv"]  # the grade distribution is in --report
    rows = list(csv.reader(io.StringIO((folder / "grades.csv").read_text())))
    assert rows[0] == ["student", "source", PROBLEM["id"], "total", "max_score", "flags"]
    assert [r[0] for r in rows[1:]] == ["ann", "bob"]
    assert [r[3] for r in rows[1:]] == ["3", "1"]  # bob: 5 is not 4 (0 of 2), the shape is right (1)
    summary = list(csv.reader(io.StringIO((folder / "grades.summary.csv").read_text())))
    assert summary[1][:4] == [PROBLEM["id"], "Output size", "2", "2"]  # mean of 3 and 1
    assert not (folder / "grades.svg").exists()


def test_a_class_report_is_written_into_its_folder_with_the_grade_distribution(folder):
    calls = Calls()
    run(folder, ["ann.json", "bob.json"], calls, report_dir=folder / "class")
    assert calls.events[-1] == ("written", "class", "class report: items.csv, misconceptions.csv, "
                                                    "wrong-answers.csv, params.csv, report.html")
    assert calls.opened[-5:] == ["items.csv", "misconceptions.csv", "wrong-answers.csv", "params.csv", "report.html"]
    page = (folder / "class" / "report.html").read_text(encoding="utf-8")
    assert "2 submissions graded against the key." in page and 'alt="Grade distribution"' in page


def test_one_submission_writes_only_its_report(folder):
    calls = Calls()
    result = run(folder, ["ann.json"], calls, fmt="json")
    assert result.graded == 1
    assert calls.events == [("written", "grades.csv", "1 submission")]
    assert json.loads((folder / "grades.csv").read_text())["score"] == 3


def test_an_unusable_file_is_told_and_the_rest_graded(folder):
    calls = Calls()
    stdout = io.StringIO()
    result = run(folder, ["ann.json", "broken.json", "bob.json"], calls, fmt="table", out_file=None, stdout=stdout)
    assert (result.graded, result.unusable) == (2, 1)
    assert calls.events == [("unusable", f"{folder / 'broken.json'} is not valid JSON (line 1, column 2).")]
    assert calls.opened == []  # no --out: the report goes to stdout, and no summary files
    assert "Summary of 2 submissions" in stdout.getvalue()


def test_roster_students_who_handed_in_nothing_are_named(folder):
    key = dict(KEY, students={"ann": [PROBLEM["id"]], "bob": [PROBLEM["id"]], "cy\x1b[2J": [PROBLEM["id"]]})
    (folder / "key.json").write_text(json.dumps(key))
    result = run(folder, ["ann.json", "bob.json"], Calls())
    assert result.missing_note == "1 student on the key's roster handed in nothing: cy."


def test_an_unusable_key_or_output_is_one_sentence(folder):
    with pytest.raises(GradeInputError, match=r"missing\.json does not exist\."):
        run(folder, ["ann.json"], Calls(), key_path=folder / "missing.json")
    (folder / "grades.csv").mkdir()
    with pytest.raises(GradeInputError, match=r"^cannot write .*grades\.csv: "):
        run(folder, ["ann.json"], Calls())


@pytest.mark.parametrize("out, summary", [
    ("grades.csv", "grades.summary.csv"),
    ("grades", "grades.summary.csv"),
    ("grades.summary.csv", "grades.summary.summary.csv"),
])
def test_class_file_names(out, summary):
    assert class_files(Path("out") / out) == Path("out") / summary


def lookup(problem_id):
    """A caller's lookup by id (module level, as spawned workers need)."""
    if problem_id != PROBLEM["id"]:
        raise LookupError(f"{problem_id} is unknown here.")
    return PROBLEM


@pytest.mark.parametrize("jobs", [1, 2])
def test_without_a_key_problems_are_found_through_the_callers_lookup(folder, jobs):
    other = submission("cy", {"a": "4"})
    other["answers"]["conv2d.output-size@1:3"] = {"a": 1}
    (folder / "cy.json").write_text(json.dumps(other))
    outcomes = list(batch.grade_files([folder / "ann.json", folder / "cy.json"], None, None, jobs, lookup))
    assert [o.score for o in outcomes] == [3, 2]
    assert outcomes[1].problems[1].message == "conv2d.output-size@1:3 is unknown here."
