"""Staff exports: one sheet, or one variant per student of a roster, in the formats a course runs on.

Student ``s`` gets, in slot ``i``, the kind ``kinds[i % len(kinds)]`` seeded by
``derive_seed(course_seed, s, i)``, so the same (course seed, student id) always gives the same
sheet, whoever else is on the roster and in whatever order. Without a roster the sheet is the
one ``probgen make --seed`` makes with the same seed: both go through :mod:`.sheets`.

Files (``DIR`` is ``--out``)::

    DIR/answer-key.json           every problem of every student, plus "students": {id: [problem ids]}
                                  and "roster": {id: {name, email, LMS ids}}
    DIR/<file>                    what each once-per-export format writes (moodle.xml)
    DIR/<id>/worksheet.<ext>      per student, per sheet format; solutions.<ext> with --solutions
    DIR/<id>/submission.json      a blank submission naming the student

Without a roster the sheet files and ``submission.json`` go straight into ``DIR``. The formats
are the registered exporters (:mod:`.exporters`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from probgen.contract import DEFAULT_CREDIT
from probgen.problems.model import Kind

from . import sheets
from . import worksheet as ws
from .atomic import write_text
from .exporters import EXPORTERS, PER_EXPORT, Exporter, ExportError, needed_views, write_sheet
from .instances import DEFAULT_DIFFICULTY
from .secret import SECRET_FILE, SecretError, course_secret
from .making import View
from .roster import Student
from .roster_formats import key_roster
from .seeding import fresh_seed
from .selection import Selection
from .sheets import KEY_FILE, Sheet, SheetSpec

TITLE = "Worksheet"
LIST_FILES_UP_TO = 20  # student folders listed one per line; more get one summary line

__all__ = ["ExportError", "ExportResult", "export", "run", "report", "parse_formats", "student_title",
           "student_spec", "student_sheet", "build", "answer_key", "KEY_FILE"]

Progress = Callable[[Iterable[int]], Iterable[int]]


def format_names() -> list[str]:
    return list(EXPORTERS)


def parse_formats(text: str) -> list[str]:
    """``"md,pdf"`` -> ``["md", "pdf"]`` (duplicates dropped); ValueError naming a format we do not write."""
    known = format_names()
    wanted: list[str] = []
    for raw in text.split(","):
        fmt = raw.strip().lower()
        if not fmt:
            continue
        if fmt not in known:
            raise ValueError(f"{raw.strip()!r} is not a format probgen exports; choose from {','.join(known)}.")
        if fmt not in wanted:
            wanted.append(fmt)
    if not wanted:
        raise ValueError(f"--format needs at least one of {','.join(known)}.")
    return wanted


def student_title(title: str, student: Student) -> str:
    who = f"{student.name} ({student.id})" if student.name else student.id
    return f"{title} — {who}"


def student_spec(kinds: Sequence[Kind], n: int, course_seed: int, student: Student | None,
                 difficulty: str = DEFAULT_DIFFICULTY, title: str = "",
                 topics: Mapping[str, int] | None = None, secret: bytes | None = None,
                 credit: str = DEFAULT_CREDIT) -> SheetSpec:
    """One sheet of an export: a student's own variant, or without a student the one sheet;
    handed out (ids that need the course ``secret``) when there is a secret."""
    title = title or ws.default_title(list(kinds))
    if student is not None:
        title = student_title(title, student)
    return SheetSpec(tuple(kinds), n, course_seed, difficulty, title, student=student.id if student else None,
                     topics=dict(topics or {}), secret=secret, credit=credit)


def student_sheet(kinds: Sequence[Kind], n: int, course_seed: int, student: Student,
                  difficulty: str = DEFAULT_DIFFICULTY, title: str = "") -> Sheet:
    """The sheet of one student: slot ``i`` seeded by ``derive_seed(course_seed, student.id, i)``."""
    return sheets.build(student_spec(kinds, n, course_seed, student, difficulty, title), ())


def build(kinds: Sequence[Kind], n: int, course_seed: int, difficulty: str = DEFAULT_DIFFICULTY,
          title: str = "", students: Sequence[Student] | None = None,
          views: Sequence[View] = ()) -> list[Sheet]:
    """Every sheet of an export (one per student, or one without a roster), rendered in ``views``."""
    return [sheets.build(student_spec(kinds, n, course_seed, s, difficulty, title), views)
            for s in (students or [None])]


def answer_key(built: Sequence[Sheet], *, title: str, seed: int) -> dict[str, Any]:
    """The usual answer key of all problems; with a roster also ``"students": {id: [problem ids]}``."""
    return sheets.answer_key(built, title=title, seed=seed)


def _views(chosen: Sequence[Exporter], solutions: bool) -> list[View]:
    return [View(fmt, "inline", with_solutions) for fmt, with_solutions in needed_views(chosen, solutions).items()]


def write_sheet_files(folder: Path, sheet: Sheet, chosen: Sequence[Exporter], solutions: bool) -> list[Path]:
    """The sheet (and solutions) in every per-sheet format, text formats first, and a blank submission."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_sheet(folder, sheet, chosen, solutions) + [sheets.write_submission(folder, sheet, ascii_only=False)]


@dataclass(frozen=True)
class ExportResult:
    sheets: list[Sheet]
    key: dict[str, Any]
    key_path: Path
    export_files: list[Path]        # what the once-per-export formats wrote, in format order
    sheet_files: list[list[Path]]   # per sheet, in the order of ``sheets``
    secret_path: Path | None = None  # the course secret the ids were made with
    secret_made: bool = False        # ... made by this export


def reserved_names() -> set[str]:
    """File names in the export folder that no student folder may take."""
    return {KEY_FILE, SECRET_FILE} | {e.file_name.casefold() for e in EXPORTERS.values() if e.per == PER_EXPORT}


def export(out_dir: Path, kinds: Sequence[Kind], n: int, course_seed: int, formats: Sequence[str], *,
           students: Sequence[Student] | None = None, difficulty: str = DEFAULT_DIFFICULTY, title: str = "",
           solutions: bool = False, progress: Progress | None = None,
           topics: Mapping[str, int] | None = None, secret_file: Path | None = None,
           credit: str = DEFAULT_CREDIT) -> ExportResult:
    """Make and write every sheet of an export, then the key and the once-per-export files.

    Every sheet is handed out: its ids are made with the course secret, ``secret_file`` or
    else the folder's ``course-secret.txt`` (made by the first export into it, see
    :mod:`.secret`), which stays beside the key and out of every student's folder.

    Sheets are made and written one student at a time, so ``progress`` (over the students)
    moves evenly, PDFs included. ExportError (one sentence) when a file cannot be written.
    """
    out_dir = Path(out_dir)
    chosen = [EXPORTERS[f] for f in formats]
    views = _views(chosen, solutions)
    for student in students or ():
        if student.id.casefold() in reserved_names():
            raise ExportError(f"student id {student.id!r} is the name of a file the export writes; rename it in the roster.")
    made: list[Sheet] = []
    sheet_files: list[list[Path]] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        try:
            secret, secret_path, secret_made = course_secret(out_dir, secret_file)
        except SecretError as exc:
            raise ExportError(str(exc)) from None
        positions: Iterable[int] = range(len(students)) if students else range(1)
        if progress is not None and students:
            positions = progress(positions)
        for i in positions:
            student = students[i] if students else None
            sheet = sheets.build(student_spec(kinds, n, course_seed, student, difficulty, title, topics,
                                              secret, credit), views)
            made.append(sheet)
            folder = out_dir / student.id if student else out_dir
            sheet_files.append(write_sheet_files(folder, sheet, chosen, solutions))
        key = answer_key(made, title=title, seed=course_seed)
        if students:
            key["roster"] = key_roster(students)  # names and LMS ids, for gradebook files
        key_path = write_text(out_dir / KEY_FILE, sheets.json_text(key, ascii_only=False))
        export_files = []
        for exporter in chosen:
            if exporter.per == PER_EXPORT:
                path = exporter.path(out_dir)
                exporter.write(path, made)
                export_files.append(path)
    except OSError as exc:
        where = exc.filename or out_dir
        raise ExportError(f"cannot write {where}: {exc.strerror or exc}.") from None
    return ExportResult(made, key, key_path, export_files, sheet_files, secret_path, secret_made)


def run(out_dir: Path, selection: Selection, n: int, seed: int | None, formats: Sequence[str], *,
        students: Sequence[Student] | None = None, difficulty: str = DEFAULT_DIFFICULTY, title: str = "",
        solutions: bool = False, progress: Progress | None = None, secret_file: Path | None = None,
        credit: str = DEFAULT_CREDIT) -> ExportResult:
    """``probgen export``: :func:`export` with its defaults (a fresh course seed, the title
    ``Worksheet: <topics and kinds>``) and the selection's topic versions recorded."""
    return export(out_dir, selection.kinds, n, seed if seed is not None else fresh_seed(), formats,
                  students=students, difficulty=difficulty, title=title or selection.title(TITLE),
                  solutions=solutions, progress=progress, topics=selection.topics, secret_file=secret_file,
                  credit=credit)


def report(result: ExportResult, out_dir: Path) -> list[str]:
    """What ``export`` prints: the files written (a line per student folder, or one line for
    many), the key, the once-per-export files, and how to make the same sheets again."""
    students = [s.spec.student for s in result.sheets if s.spec.student is not None]
    if not students:
        lines = [f"wrote {path}" for path in result.sheet_files[0]]
    elif len(students) <= LIST_FILES_UP_TO:
        lines = [f"wrote {out_dir / sid}{os.sep} ({', '.join(p.name for p in files)})"
                 for sid, files in zip(students, result.sheet_files)]
    else:
        names = sorted({p.name for files in result.sheet_files for p in files})
        lines = [f"wrote {len(students)} student folders {out_dir / '<id>'}{os.sep}, each with {', '.join(names)}"]
    lines += [f"wrote {result.key_path}"] + [f"wrote {path}" for path in result.export_files]
    if any(e.name == "moodle" for e in EXPORTERS.values() if e.path(out_dir) in result.export_files) and any(
            part.get("credit", "per-entry") != "per-entry" for p in result.key["problems"] for part in p["parts"]):
        lines.append("note: Moodle scores array answers entry by entry; the key's measured or all-or-nothing credit "
                     "applies when you grade with probgen grade --key (each question says so in a comment).")
    if result.secret_path is not None:
        lines.append(f"{'wrote' if result.secret_made else 'used'} {result.secret_path} (the course secret: keep it "
                     f"with the key and out of students' hands; later exports into {out_dir} reuse it)")
    who = f"{len(students)} students" if students else "1 sheet"
    n, seed = result.sheets[0].spec.n, result.sheets[0].spec.seed
    lines.append(f"{who}, {n} problem{'s' if n != 1 else ''} each, course seed {seed} "
                 f"(--seed {seed} makes the same sheets again).")
    return lines
