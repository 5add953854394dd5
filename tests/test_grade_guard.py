"""Issue 11, the grade side: each red-team finding against `probgen grade` replayed.

Hand-written keys and submissions (the grader never makes problems); the command line is run
through its entry point where the finding is about what a user sees.
"""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from probgen.grader import batch, files
from probgen.grader.csvsafe import csv_cell, terminal_text
from probgen.grader.errors import GradeInputError
from probgen.grader.output import MAX_COLUMNS, CsvWriter, as_csv, summary_csv
from probgen.grader.report import grade_submission, lookup_in_key
from probgen.grader.tally import tally

from conftest import probgen_command

PROBLEM = {"id": "pooling.output-size@1:7", "title": "Output size",
           "parts": [{"label": "a", "type": "integer", "answer": 4, "points": 2}]}
KEY = {"format": "probgen-key", "version": 1, "problems": [PROBLEM]}


def submission(student, answers=None, **extra):
    return {"format": "probgen-submission", "version": 1, "student": student,
            "answers": answers if answers is not None else {PROBLEM["id"]: {"a": 4}}, **extra}


def write(path, data):
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def report_of(student, source="s.json"):
    return grade_submission(submission(student), lookup_in_key(KEY), source, KEY["problems"])


# ---- spreadsheet formula injection ------------------------------------------------------

HIDDEN = ["\x00", "\x01", "\x1b", "\x7f", "\x9b", "\u202e", "\u200b", "\ufeff", "\u2066", "\x1b[31m"]
FORMULAS = ['=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_injection_behind_control_characters_is_quoted(hidden, formula):
    # the invisible character is gone and the formula is text ("\x1b@" is itself an escape)
    shown = formula[1:] if hidden == "\x1b" and formula.startswith("@") else "'" + formula
    assert csv_cell(hidden + formula) == shown
    assert csv_cell("  " + hidden + formula) == ("'  " + formula if shown[0] == "'" else "  " + shown)


def test_formula_injection_in_full_width_or_after_a_line_break_is_quoted():
    assert csv_cell("＝1+1") == "'＝1+1"
    assert csv_cell("\n=1+1") == "' =1+1"
    assert csv_cell("\u2028@SUM(A1)") == "' @SUM(A1)"
    assert csv_cell("ann-marie") == "ann-marie" and csv_cell("Zoë") == "Zoë" and csv_cell("李雷") == "李雷"


@pytest.mark.parametrize("hidden", HIDDEN)
def test_formula_injection_through_student_and_file_name_in_every_grade_csv(hidden):
    """The student, the file name and the ids echoed in flags of a submission, in the gradebook
    and the summary: no cell a spreadsheet opens starts a formula."""
    evil = hidden + '=HYPERLINK("http://evil","x")'
    report = grade_submission(submission(evil, {PROBLEM["id"]: {"a": 4}, evil: {"a": 1}}),
                              lookup_in_key(KEY), evil + ".json", KEY["problems"])
    rows = csv_rows(as_csv([report, report], [PROBLEM["id"]]))
    cells = [cell for row in rows for cell in row] + [c for row in csv_rows(summary_csv(tally([report]))) for c in row]
    for cell in cells:
        assert not cell.lstrip().startswith(("=", "+", "-", "@")), cell
        assert all(ch not in cell for ch in "\x00\x01\x1b\x7f\x9b\u202e\u200b\ufeff\u2066")
    assert rows[1][0] == "'=HYPERLINK(\"http://evil\",\"x\")" and rows[1][1] == rows[1][0] + ".json"
    assert "not on key: " in rows[1][-1]


# ---- one file cannot add unbounded columns ------------------------------------------------

def test_one_file_cannot_add_columns_for_ids_that_name_no_problem():
    def unknown(problem_id):
        if problem_id == PROBLEM["id"]:
            return PROBLEM
        raise LookupError(f"{problem_id} is unknown.")

    answers = {PROBLEM["id"]: {"a": 4}, **{f"zz.nope@1:{n}": {"a": 1} for n in range(500)}}
    report = grade_submission(submission("eve", answers), unknown, "eve.json")
    header = csv_rows(as_csv([report]))[0]
    assert header == ["student", "source", PROBLEM["id"], "total", "max_score", "flags"]


def test_one_file_cannot_add_more_than_the_column_limit():
    problems = [dict(PROBLEM, id=f"pooling.output-size@1:{n}") for n in range(MAX_COLUMNS + 50)]
    answers = {p["id"]: {"a": 4} for p in problems}
    by_id = {p["id"]: p for p in problems}
    report = grade_submission(submission("eve", answers), by_id.__getitem__, "eve.json")
    rows = csv_rows(as_csv([report]))
    assert len(rows[0]) == MAX_COLUMNS + 5
    assert rows[1][-3] == str(2 * (MAX_COLUMNS + 50))  # the total still counts every problem
    assert rows[1][-1] == f"50 graded problems past the {MAX_COLUMNS:,}-column limit, counted in the total"


def test_a_flags_cell_is_cut_to_what_a_spreadsheet_holds():
    answers = {PROBLEM["id"]: {"a": 4}, **{f"x.y@1:{n}{'9' * 40}": {} for n in range(2_000)}}
    report = grade_submission(submission("eve", answers), lookup_in_key(KEY), "eve.json", KEY["problems"])
    flags = csv_rows(as_csv([report], [PROBLEM["id"]]))[1][-1]
    assert len(flags) <= 32_000 and flags.endswith("(cut short)")
