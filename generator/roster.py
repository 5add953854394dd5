"""Class rosters: a CSV file with a header row, an ``id`` column and optional ``name`` and ``email``.

Each student id becomes a folder name (``DIR/<id>/``) and the key of the answer key's
``"students"`` map, so ids must be safe as folder names on every system: no path separators,
no ``..``, nothing a file system refuses. Every way a roster can be unusable is a
:class:`RosterError` with one plain sentence naming the file (and the row, where there is one).

The file may start with a byte-order mark (Excel writes one) and may use ``;`` or tabs
instead of commas (Excel in many locales); the delimiter is read from the header row.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from .names import TextRefused, clean_text, id_character_problem, same_id, shown

MAX_ID_LENGTH = 64
MAX_BYTES = 20_000_000
# Characters Windows refuses in file names, plus both path separators.
_UNSAFE = set('/\\:*?"<>|')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


class RosterError(ValueError):
    """A roster that cannot be used; the message is one sentence for the user."""


@dataclass(frozen=True)
class Student:
    """A student of a roster. ``lms`` holds, as (field, value) pairs, how the LMS the roster
    came from names the student (Canvas's user id and section, Moodle's ID number...), so that
    grades can be written back in a file that LMS matches (:mod:`.roster_formats`)."""

    id: str
    name: str = ""
    email: str = ""
    lms: tuple[tuple[str, str], ...] = ()


def _shown(text: str, width: int = 30) -> str:
    return shown(text, width)


def id_problem(student_id: str) -> str | None:
    """Why ``student_id`` cannot be a folder name, or None when it can."""
    if not student_id:
        return "is empty"
    if len(student_id) > MAX_ID_LENGTH:
        return f"is longer than {MAX_ID_LENGTH} characters"
    character = id_character_problem(student_id)
    if character:
        return character
    bad = sorted({c for c in student_id if c in _UNSAFE})
    if bad:
        return f"contains {' and '.join(repr(c) for c in bad)}, which cannot be part of a folder name"
    if ".." in student_id:
        return "contains '..', which cannot be part of a folder name"
    if student_id.startswith(".") or student_id.endswith((".", " ")):
        return "starts with a dot or ends with a dot or space, which folder names cannot"
    if student_id.split(".")[0].lower() in _RESERVED:
        return "is a name Windows reserves for devices"
    return None


def _clean(text: str, column: str, line: int, name: str) -> str:
    """A name or email as it will be printed (see :mod:`.names`); RosterError naming the row."""
    try:
        return clean_text(text)
    except TextRefused as exc:
        raise RosterError(f"the {column} in row {line} of {name} {exc}; correct it in the roster.") from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_roster(text: str, name: str = "the roster") -> list[Student]:
    """Students from roster CSV text, in file order; RosterError (one sentence) when unusable."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise RosterError(f"{name} is empty; it needs a header row with an id column and one row per student.")
    first = text.lstrip("\r\n").splitlines()[0]
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
        header: list[str] | None = None
        for row in rows:
            if any(cell.strip() for cell in row):
                header = [cell.strip().lower() for cell in row]
                break
        if header is None:
            raise RosterError(f"{name} has no header row; it needs one with an id column.")
        if "id" not in header:
            shown = ", ".join(h for h in header if h) or "empty"
            raise RosterError(f"{name} has no id column in its header row (its columns are: {shown}).")
        column = {h: i for i, h in reversed(list(enumerate(header)))}  # first column of a name wins
        students: list[Student] = []
        seen: dict[str, tuple[str, int]] = {}
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            line = rows.line_num

            def cell(key: str) -> str:
                i = column.get(key)
                return row[i].strip() if i is not None and i < len(row) else ""

            student_id = cell("id")
            if not student_id:
                raise RosterError(f"row {line} of {name} has no student id.")
            problem = id_problem(student_id)
            if problem:
                raise RosterError(f"student id {_shown(student_id)} in row {line} of {name} {problem}.")
            folded = same_id(student_id)
            if folded in seen:
                other, other_line = seen[folded]
                same = "" if other == student_id else (
                    f" (as {_shown(other)}; ids that differ only in case or in how an accent is encoded share a folder)")
                raise RosterError(f"{name} lists student {_shown(student_id)} twice, in rows {other_line} and {line}{same}.")
            seen[folded] = (student_id, line)
            students.append(Student(student_id, _clean(cell("name"), "name", line, name),
                                    _clean(cell("email"), "email", line, name)))
    except csv.Error as exc:
        raise RosterError(f"{name} is not a readable CSV file (line {rows.line_num}: {exc}).") from None
    if not students:
        raise RosterError(f"{name} lists no students: it has a header row but no rows with an id.")
    return students


def read_roster(path: str | os.PathLike[str]) -> list[Student]:
    """The students of a roster file; RosterError (one sentence) when it cannot be used."""
    return parse_roster(roster_text(path), os.fspath(path))


def roster_text(path: str | os.PathLike[str]) -> str:
    """A roster file's text (UTF-8, a BOM allowed); RosterError (one sentence) when it cannot be read."""
    name = os.fspath(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise RosterError(f"{name} is a directory, not a roster file.")
        if p.stat().st_size > MAX_BYTES:
            raise RosterError(f"{name} is larger than {MAX_BYTES // 1_000_000} MB; is it really a roster?")
        data = p.read_bytes()
    except FileNotFoundError:
        raise RosterError(f"{name} does not exist.") from None
    except PermissionError:
        raise RosterError(f"{name} cannot be read (permission denied).") from None
    except OSError as exc:
        raise RosterError(f"{name} cannot be read ({exc.strerror or exc}).") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(f"{name} is not UTF-8 text; save it as 'CSV UTF-8'.") from None
    return text
