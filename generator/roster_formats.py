"""Rosters as LMSs export them: a Canvas gradebook export and a Moodle participants export.

Staff rarely write a roster by hand: they download one. ``--roster`` takes, as they come,

- probgen's own roster (an ``id`` column, optional ``name`` and ``email``; :mod:`.roster`);
- a **Canvas gradebook export** (Grades → Export): ``Student, ID, SIS User ID, SIS Login ID,
  Section`` (or ``LastName, FirstName, ID, ...`` where a course splits names), then
  assignment columns. Its second row, ``Points Possible``, and a ``Muted`` /
  ``Manual Posting`` row are not students and are skipped, as Canvas's own importer skips
  them. The probgen id is Canvas's user ``ID`` (always present, unique, a number); the name
  is ``Student``; the email is ``SIS Login ID`` when that is an address;
- a **Moodle participants export** (Participants → select all → Download table data as CSV):
  ``First name, Last name``, then the identity fields the site shows (``Email address`` by
  default, ``ID number`` where shown; Moodle's ``user/action_redir.php``). The probgen id is
  the ``ID number`` when every student has one, else the email address.

What the LMS calls each student (Canvas's ID, SIS ids and section; Moodle's names and ID
number) is kept in :attr:`Student.lms` and recorded in the answer key's ``"roster"``, so the
grades go back to the LMS in a file it matches (``probgen grade --format canvas-csv``).
"""

from __future__ import annotations

import csv
import io
import os
from typing import Iterator, Mapping, Sequence

from .roster import RosterError, Student, _delimiter, _shown, id_problem, parse_roster, roster_text

CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_COLUMNS = ("First name", "Last name", "ID number", "Email address")
EXPECTED = ("an id column (with optional name and email), a Canvas gradebook export ("
            + ", ".join(CANVAS_COLUMNS) + ") or a Moodle participants export (" + ", ".join(MOODLE_COLUMNS) + ")")

# Canvas's field of a student -> the key the answer key's "roster" records it under.
CANVAS_FIELDS = {"ID": "canvas_id", "SIS User ID": "sis_user_id", "SIS Login ID": "sis_login_id",
                 "Section": "section"}
MOODLE_FIELDS = {"First name": "first_name", "Last name": "last_name", "ID number": "idnumber"}


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-blank row; RosterError for text CSV cannot read."""
    first = text.lstrip("\r\n").splitlines()[0]
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
    try:
        for row in rows:
            if any(cell.strip() for cell in row):
                yield rows.line_num, [cell.strip() for cell in row]
    except csv.Error as exc:
        raise RosterError(f"{name} is not a readable CSV file (line {rows.line_num}: {exc}).") from None


def layout(header: Sequence[str]) -> str | None:
    """Which roster a header row starts: ``"canvas"``, ``"moodle"``, ``"probgen"``, or None."""
    folded = [h.strip().casefold() for h in header]
    if folded and folded[0] in ("student", "lastname") and "id" in folded and "section" in folded:
        return "canvas"  # Canvas's importer: "Student" (or "LastName, FirstName"), "ID", ..., "Section"
    if "first name" in folded and "last name" in folded and ("email address" in folded or "id number" in folded):
        return "moodle"
    if "id" in folded:
        return "probgen"
    return None


def _columns(header: Sequence[str]) -> dict[str, int]:
    return {h.strip().casefold(): i for i, h in reversed(list(enumerate(header)))}  # first of a name wins


def _cell(row: Sequence[str], columns: Mapping[str, int], title: str) -> str:
    i = columns.get(title.casefold())
    return row[i] if i is not None and i < len(row) else ""


def _checked(found: list[tuple[int, Student]], name: str, what: str) -> list[Student]:
    """The students, each id checked as :func:`.roster.parse_roster` checks it (``what`` names the column)."""
    seen: dict[str, tuple[str, int]] = {}
    for line, student in found:
        if not student.id:
            raise RosterError(f"row {line} of {name} has no {what}.")
        problem = id_problem(student.id)
        if problem:
            raise RosterError(f"{what} {_shown(student.id)} in row {line} of {name} {problem}.")
        folded = student.id.casefold()
        if folded in seen:
            raise RosterError(f"{name} lists {what} {_shown(student.id)} twice, in rows {seen[folded][1]} and {line}.")
        seen[folded] = (student.id, line)
    if not found:
        raise RosterError(f"{name} lists no students: it has a header row but no student rows.")
    return [student for _, student in found]


def _lms(row: Sequence[str], columns: Mapping[str, int], fields: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((key, value) for title, key in fields.items() if (value := _cell(row, columns, title)))


def _canvas_filler(student_cell: str, row: Sequence[str]) -> bool:
    """Canvas's rows that are not students: ``Points Possible`` and the ``Muted``/``Manual Posting`` row."""
    if "points possible" in student_cell.casefold():
        return True
    return all(not c or c.casefold() in ("muted", "manual posting") or c.casefold().startswith("manual posting")
               for c in row)


def parse_canvas(rows: list[tuple[int, list[str]]], name: str) -> list[Student]:
    """Students of a Canvas gradebook export (header first in ``rows``)."""
    columns = _columns(rows[0][1])
    found: list[tuple[int, Student]] = []
    for line, row in rows[1:]:
        if _canvas_filler(row[0] if row else "", row):
            continue
        student_name = _cell(row, columns, "Student") or " ".join(
            p for p in (_cell(row, columns, "FirstName"), _cell(row, columns, "LastName")) if p)
        login = _cell(row, columns, "SIS Login ID")
        found.append((line, Student(_cell(row, columns, "ID"), student_name, login if "@" in login else "",
                                    _lms(row, columns, CANVAS_FIELDS))))
    return _checked(found, name, "Canvas ID")


def parse_moodle(rows: list[tuple[int, list[str]]], name: str) -> list[Student]:
    """Students of a Moodle participants export (header first in ``rows``)."""
    columns = _columns(rows[0][1])
    body = rows[1:]
    by_idnumber = "id number" in columns and all(_cell(row, columns, "ID number") for _, row in body)
    what = "ID number" if by_idnumber else "email address"
    found = []
    for line, row in body:
        full_name = " ".join(p for p in (_cell(row, columns, "First name"), _cell(row, columns, "Last name")) if p)
        email = _cell(row, columns, "Email address")
        found.append((line, Student(_cell(row, columns, what), full_name, email, _lms(row, columns, MOODLE_FIELDS))))
    return _checked(found, name, what)


def parse_any(text: str, name: str = "the roster") -> list[Student]:
    """Students from roster text in any layout this module knows; RosterError (one sentence) otherwise."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise RosterError(f"{name} is empty; it needs a header row with an id column and one row per student.")
    rows = list(_rows(text, name))
    kind = layout(rows[0][1])
    if kind == "canvas":
        return parse_canvas(rows, name)
    if kind == "moodle":
        return parse_moodle(rows, name)
    if kind == "probgen":
        return parse_roster(text, name)
    shown = ", ".join(h for h in rows[0][1] if h)[:200] or "empty"
    raise RosterError(f"{name} is not a roster layout probgen reads: its columns are {shown}, "
                      f"and it needs {EXPECTED}.")


def read_any(path: str | os.PathLike[str]) -> list[Student]:
    """The students of a roster file in any layout :func:`parse_any` reads; RosterError when unusable."""
    return parse_any(roster_text(path), os.fspath(path))


def key_roster(students: Sequence[Student]) -> dict[str, dict[str, str]]:
    """The answer key's ``"roster"``: each student's name, email and LMS fields, empty ones left out."""
    return {s.id: {k: v for k, v in (("name", s.name), ("email", s.email), *s.lms) if v} for s in students}

