"""Staff exports: one sheet, or one variant per student of a roster, in the formats a course runs on.

Student ``s`` gets, in slot ``i``, the kind ``kinds[i % len(kinds)]`` seeded by
``derive_seed(course_seed, s, i)``, so the same (course seed, student id) always gives the same
sheet, whoever else is on the roster and in whatever order. Without a roster the sheet is the
one ``probgen make --seed`` makes with the same seed.

Files (``DIR`` is ``--out``)::

    DIR/answer-key.json           every problem of every student, plus "students": {id: [problem ids]}
    DIR/moodle.xml                with the moodle format: a question bank of all problems
    DIR/<id>/worksheet.<ext>      per student (md, tex, html, pdf), solutions.<ext> with --solutions
    DIR/<id>/submission.json      a blank submission naming the student

Without a roster the sheet files and ``submission.json`` go straight into ``DIR``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from probgen.problems.model import Kind

from . import keyfile
from . import worksheet as ws
from .atomic import write_text
from .instances import DEFAULT_DIFFICULTY, Instance, sample
from .roster import Student
from .seeding import derive_seed

FORMATS = ("md", "tex", "pdf", "html", "moodle")
SHEET_FORMATS = ("md", "tex", "html", "pdf")  # the ones written per student, in this order
KEY_FILE = "answer-key.json"
MOODLE_FILE = "moodle.xml"

Progress = Callable[[Iterable[int]], Iterable[int]]


class ExportError(Exception):
    """An export that could not be finished (a PDF that would not compile, a folder that
    cannot be written); the message is one sentence."""


@dataclass(frozen=True)
class StudentSheet:
    """One sheet of an export: ``student`` is None for the single sheet of an export without roster."""

    student: Student | None
    sheet: ws.Worksheet


def parse_formats(text: str) -> list[str]:
    """``"md,pdf"`` -> ``["md", "pdf"]`` (duplicates dropped); ValueError naming a format we do not write."""
    wanted: list[str] = []
    for raw in text.split(","):
        fmt = raw.strip().lower()
        if not fmt:
            continue
        if fmt not in FORMATS:
            raise ValueError(f"{raw.strip()!r} is not a format probgen exports; choose from {','.join(FORMATS)}.")
        if fmt not in wanted:
            wanted.append(fmt)
    if not wanted:
        raise ValueError(f"--format needs at least one of {','.join(FORMATS)}.")
    return wanted


def student_title(title: str, student: Student) -> str:
    who = f"{student.name} ({student.id})" if student.name else student.id
    return f"{title} — {who}"


def student_sheet(kinds: Sequence[Kind], n: int, course_seed: int, student: Student,
                  difficulty: str = DEFAULT_DIFFICULTY, title: str = "") -> ws.Worksheet:
    """The sheet of one student: slot ``i`` seeded by ``derive_seed(course_seed, student.id, i)``."""
    made = [sample(kinds[i % len(kinds)], derive_seed(course_seed, student.id, i), difficulty) for i in range(n)]
    base = title or ws.default_title(list(kinds))
    return ws.Worksheet(student_title(base, student), course_seed, difficulty, tuple(made))


def build(kinds: Sequence[Kind], n: int, course_seed: int, difficulty: str = DEFAULT_DIFFICULTY,
          title: str = "", students: Sequence[Student] | None = None,
          progress: Progress | None = None) -> list[StudentSheet]:
    """Every sheet of an export (one per student, or one without a roster)."""
    if not students:
        return [StudentSheet(None, ws.build(list(kinds), n, course_seed, difficulty, title=title))]
    positions: Iterable[int] = range(len(students))
    if progress is not None:
        positions = progress(positions)
    return [StudentSheet(students[i], student_sheet(kinds, n, course_seed, students[i], difficulty, title))
            for i in positions]


def unique_instances(sheets: Sequence[StudentSheet]) -> list[Instance]:
    """All problems of an export, each once, in sheet order (two students may share a problem)."""
    seen: dict[str, Instance] = {}
    for entry in sheets:
        for instance in entry.sheet.instances:
            seen.setdefault(instance.id, instance)
    return list(seen.values())


def answer_key(sheets: Sequence[StudentSheet], *, title: str, seed: int) -> dict[str, Any]:
    """The usual answer key of all problems; with a roster also ``"students": {id: [problem ids]}``."""
    key = keyfile.answer_key(unique_instances(sheets), title=title, seed=seed)
    if any(entry.student is not None for entry in sheets):
        key["students"] = {entry.student.id: [i.id for i in entry.sheet.instances]
                           for entry in sheets if entry.student is not None}
    return key


def _render(sheet: ws.Worksheet, fmt: str, solutions: bool) -> str:
    try:
        return ws.render_sheet(sheet, fmt, solutions=solutions, written=True)
    except ValueError as exc:  # a renderer this installation does not have
        raise ExportError(f"this probgen cannot write {fmt} sheets ({exc}).") from None


def _pdf(tex_source: str, dest: Path) -> Path:
    from .pdf import PdfError, compile_pdf

    try:
        return compile_pdf(tex_source, dest)
    except PdfError as exc:
        raise ExportError(str(exc)) from None


def write_sheet_files(folder: Path, entry: StudentSheet, formats: Sequence[str], solutions: bool) -> list[Path]:
    """The sheet (and solutions) of one student in every sheet format, and a blank submission."""
    written: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)
    variants = [("worksheet", False)] + ([("solutions", True)] if solutions else [])
    for stem, with_solutions in variants:
        tex_source: str | None = None
        for fmt in SHEET_FORMATS:
            if fmt not in formats:
                continue
            if fmt == "pdf":
                if tex_source is None:
                    tex_source = _render(entry.sheet, "tex", with_solutions)
                written.append(_pdf(tex_source, folder / f"{stem}.pdf"))
                continue
            text = _render(entry.sheet, fmt, with_solutions)
            if fmt == "tex":
                tex_source = text
            written.append(write_text(folder / f"{stem}.{fmt}", text))
    student = entry.student.id if entry.student is not None else ""
    submission = keyfile.blank_submission(list(entry.sheet.instances), student=student)
    written.append(write_text(folder / "submission.json", json.dumps(submission, indent=2, ensure_ascii=False) + "\n"))
    return written


@dataclass(frozen=True)
class ExportResult:
    sheets: list[StudentSheet]
    key: dict[str, Any]
    key_path: Path
    moodle_path: Path | None
    sheet_files: list[list[Path]]  # per sheet, in the order of ``sheets``


def export(out_dir: Path, kinds: Sequence[Kind], n: int, course_seed: int, formats: Sequence[str], *,
           students: Sequence[Student] | None = None, difficulty: str = DEFAULT_DIFFICULTY, title: str = "",
           solutions: bool = False, progress: Progress | None = None) -> ExportResult:
    """Make and write every sheet of an export, then the key (and moodle.xml).

    Sheets are made and written one student at a time, so ``progress`` (over the students)
    moves evenly, PDFs included. ExportError (one sentence) when a file cannot be written.
    """
    out_dir = Path(out_dir)
    title = title or ws.default_title(list(kinds))
    count = len(students) if students else 1
    for student in students or ():
        if student.id.casefold() in {KEY_FILE, MOODLE_FILE}:
            raise ExportError(f"student id {student.id!r} is the name of a file the export writes; rename it in the roster.")
    sheets: list[StudentSheet] = []
    sheet_files: list[list[Path]] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        positions: Iterable[int] = range(count)
        if progress is not None and students:
            positions = progress(positions)
        for i in positions:
            if students:
                entry = StudentSheet(students[i], student_sheet(kinds, n, course_seed, students[i], difficulty, title))
                folder = out_dir / students[i].id
            else:
                entry = build(kinds, n, course_seed, difficulty, title)[0]
                folder = out_dir
            sheets.append(entry)
            sheet_files.append(write_sheet_files(folder, entry, formats, solutions))
        key = answer_key(sheets, title=title, seed=course_seed)
        key_path = write_text(out_dir / KEY_FILE, json.dumps(key, indent=2, ensure_ascii=False) + "\n")
        moodle_path = None
        if "moodle" in formats:
            from .moodle import quiz_xml

            try:
                text = quiz_xml(unique_instances(sheets))
            except ValueError as exc:  # a renderer this installation does not have
                raise ExportError(f"this probgen cannot write the Moodle question bank ({exc}).") from None
            moodle_path = write_text(out_dir / MOODLE_FILE, text)
    except OSError as exc:
        where = exc.filename or out_dir
        raise ExportError(f"cannot write {where}: {exc.strerror or exc}.") from None
    return ExportResult(sheets, key, key_path, moodle_path, sheet_files)
