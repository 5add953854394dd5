"""Grades as a file an LMS gradebook imports: Canvas's gradebook CSV and Moodle's grade import CSV.

Who each student is to the LMS comes from the answer key's ``"roster"``, which ``probgen
export --roster`` records from the roster it read (a Canvas or Moodle export keeps the LMS's
own ids there). One row per graded student of the key's roster, in roster order, and one
grade column named by ``--assignment`` (the rules of each importer were read in its source:
canvas-lms ``app/models/gradebook_importer.rb``, Moodle ``grade/import/csv/classes/load_data.php``):

- **canvas-csv**: ``Student, ID, SIS User ID, SIS Login ID, Section, <assignment>``, then a
  ``Points Possible`` row, as Canvas's own export writes them. Canvas's importer matches a
  row by ``ID`` (the Canvas user id), then ``SIS User ID``, then ``SIS Login ID``, then the
  name; a column whose name ends in ``(<number>)`` updates the assignment with that id, any
  other name creates (or updates, by title) an assignment.
- **moodle-csv**: ``First name, Last name, ID number, Email address, <assignment>``; in
  Moodle's *Import → CSV file* choose *Map from* ``ID number`` (to *idnumber*) or, when some
  student has none, ``Email address`` (to *email address*) as the run's note says, and map
  the grade column to the grade item (or a new one).

Grades are points. When variants of the same sheet carry different maxima, a student's score
is scaled to the largest maximum (the ``Points Possible``), so every row is out of the same
points. A student with several submissions gets the last one graded; a student who handed in
nothing gets no row (:class:`GradebookWriter` says why). Names come from
the roster and are written through :func:`.output.csv_text`, like every student-controlled
cell, so a spreadsheet never runs them as a formula.
"""

from __future__ import annotations

import csv
from typing import Any, Mapping, TextIO

from .output import clean, csv_text
from .results import SubmissionReport, tidy

CANVAS, MOODLE = "canvas-csv", "moodle-csv"
FORMATS = (CANVAS, MOODLE)
LMS_NAMES = {CANVAS: "Canvas", MOODLE: "Moodle"}
CANVAS_STUDENT_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_STUDENT_COLUMNS = ("First name", "Last name", "ID number", "Email address")
MAX_NAME = 255  # Canvas's assignment titles and Moodle's grade item names

# Columns Canvas's importer reads as student information, and the words that make it drop a
# column as a computed total (it matches them anywhere in the name).
_CANVAS_RESERVED = ("Student", "LastName", "FirstName", "ID", "SIS User ID", "SIS Login ID", "Section",
                    "Integration ID", "Root Account")
_CANVAS_TOTALS = ("Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade",
                  "Override Score", "Override Grade", "Override Status")


def assignment_problem(fmt: str, name: str) -> str | None:
    """Why ``name`` cannot be the gradebook column of ``fmt``, or None when it can."""
    if not name.strip():
        return "it is empty"
    if len(name) > MAX_NAME:
        return f"it is longer than the {MAX_NAME} characters {LMS_NAMES[fmt]} allows"
    if any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in name):
        return "it contains a line break or another control character"
    if name.lstrip().startswith(("=", "+", "-", "@")):
        return "it starts with = + - or @, which a spreadsheet runs as a formula"
    if fmt == CANVAS:
        if name.strip() in _CANVAS_RESERVED:
            return "Canvas reads a column of that name as student information"
        total = next((t for t in _CANVAS_TOTALS if t in name), None)
        if total:
            return f"Canvas ignores columns whose name contains {total!r} (it computes them)"
    return None


def roster_of_key(key: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The key's ``"roster"`` (id -> name, email and LMS fields), read defensively: a key may
    be hand-edited or older than rosters, when every student has only an id."""
    raw = key.get("roster")
    fields: dict[str, dict[str, str]] = {}
    if isinstance(raw, Mapping):
        for sid, entry in raw.items():
            if isinstance(entry, Mapping):
                fields[str(sid)] = {str(k): str(v) for k, v in entry.items() if isinstance(v, (str, int))
                                    and not isinstance(v, bool)}
    students = key.get("students")
    order = [str(s) for s in students] if isinstance(students, Mapping) else list(fields)
    return {sid: fields.get(sid, {}) for sid in order}


def _key_points(key: Mapping[str, Any]) -> dict[str, float]:
    """Each roster student's maximum, from the key (so students who handed in nothing have one)."""
    points: dict[str, float] = {}
    for problem in key.get("problems", []):
        if isinstance(problem, Mapping) and isinstance(problem.get("parts"), list):
            points[str(problem.get("id"))] = sum(p.get("points", 1) for p in problem["parts"]
                                                 if isinstance(p, Mapping) and isinstance(p.get("points", 1), (int, float)))
    students = key.get("students") if isinstance(key.get("students"), Mapping) else {}
    return {str(s): sum(points.get(str(pid), 0) for pid in ids) for s, ids in students.items()}


def _name_list(ids: list[str]) -> str:
    """Student ids for a note on the terminal: at most ten, control characters removed."""
    shown = ", ".join(clean(i) for i in ids[:10])
    return shown + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


def moodle_identity(roster: Mapping[str, Mapping[str, str]], students: list[str]) -> tuple[str, str]:
    """The column Moodle should match ``students`` by: (column title, roster field).

    Moodle's import matches every row by the one column staff map from, and a row with that
    cell blank is not skipped: the whole import stops, or the row's grade goes to the student
    of the row before (``grade/import/csv/classes/load_data.php``). So one column is chosen
    that the students have: ``ID number`` when all of them have one, else ``Email address``.
    """
    if students and all(roster[s].get("idnumber") for s in students):
        return "ID number", "idnumber"
    return "Email address", "email"


class GradebookWriter:
    """One row per graded roster student of the key, in roster order, written at the end.

    Students who handed in nothing get no row: a blank grade cell is not "no change" to the
    importers (Moodle sets "no grade", Canvas counts it a change), while a missing row leaves
    the gradebook's grade as it is. For Moodle, a student without the identity the file is
    matched by gets no row either (see :func:`moodle_identity`). Each case is told in a note.
    """

    def __init__(self, out: TextIO, fmt: str, key: Mapping[str, Any], assignment: str) -> None:
        self.out, self.fmt, self.assignment = out, fmt, assignment
        self.roster = roster_of_key(key)
        self.maxima = _key_points(key)
        self.grades: dict[str, tuple[float, float]] = {}
        self.repeated: set[str] = set()
        self.strangers: list[str] = []
        self.notes: list[str] = []

    def add(self, report: SubmissionReport) -> None:
        student = report.student
        if student is None or student not in self.roster:
            self.strangers.append(student or report.source)
            return
        if student in self.grades:
            self.repeated.add(student)
        self.grades[student] = (report.score, report.max_score)

    def _cell(self, student: str, points_possible: float) -> str:
        score, top = self.grades[student]
        top = self.maxima.get(student) or top
        return str(tidy(score * points_possible / top if top else 0))

    def _identity(self, student: str) -> list[str]:
        info = self.roster[student]
        if self.fmt == CANVAS:
            return [info.get("name", student), info.get("canvas_id", ""), info.get("sis_user_id", ""),
                    info.get("sis_login_id", ""), info.get("section", "")]
        first = info.get("first_name", info.get("name", student) if "last_name" not in info else "")
        return [first, info.get("last_name", ""), info.get("idnumber", ""), info.get("email", "")]

    def finish(self, totals: Any = None) -> None:
        points_possible = max(self.maxima.values(), default=0)
        graded = [s for s in self.roster if s in self.grades]
        unmatched: list[str] = []
        if self.fmt == MOODLE:
            title, field = moodle_identity(self.roster, graded)
            unmatched = [s for s in graded if not self.roster[s].get(field)]
            graded = [s for s in graded if s not in unmatched]
        writer = csv.writer(self.out, lineterminator="\n")
        columns = CANVAS_STUDENT_COLUMNS if self.fmt == CANVAS else MOODLE_STUDENT_COLUMNS
        writer.writerow([*columns, self.assignment])
        if self.fmt == CANVAS:
            writer.writerow(["Points Possible", "", "", "", "", str(tidy(points_possible))])
        for student in graded:
            writer.writerow([*(csv_text(v) for v in self._identity(student)), self._cell(student, points_possible)])
        self._note(graded, unmatched)
        if self.fmt == MOODLE and graded:
            self.notes.append(f"in Moodle's grade import (CSV file), map from {title!r} to "
                              f"{'idnumber' if field == 'idnumber' else 'email address'}.")

    def _note(self, written: list[str], unmatched: list[str]) -> None:
        lms = LMS_NAMES[self.fmt]

        def students(n: int) -> str:
            return f"{n} student{'s' if n != 1 else ''}"

        def have(n: int) -> str:
            return "has" if n == 1 else "have"

        if self.strangers:
            self.notes.append(f"{len(self.strangers)} submission{'s' if len(self.strangers) != 1 else ''} "
                              f"from students not on the key's roster left out of the {lms} file: "
                              f"{_name_list(self.strangers)}.")
        if self.repeated:
            self.notes.append(f"students with several submissions get the last one graded in the {lms} file: "
                              f"{_name_list(sorted(self.repeated))}.")
        absent = [s for s in self.roster if s not in self.grades]
        if absent:
            self.notes.append(f"{students(len(absent))} on the roster handed in nothing and {have(len(absent))} no row in the "
                              f"{lms} file, so {lms} keeps their grades: {_name_list(absent)}.")
        if unmatched:
            self.notes.append(f"{students(len(unmatched))} {have(len(unmatched))} no email address for Moodle to match them by "
                              f"and were left out of the Moodle file: {_name_list(unmatched)}.")
        if self.fmt == CANVAS:
            loose = [s for s in written if not self.roster[s].get("canvas_id")]
            if loose:
                self.notes.append(f"{students(len(loose))} {have(len(loose))} no Canvas ID (the roster was not a Canvas export), "
                                  f"so Canvas matches them by name: {_name_list(loose)}.")
