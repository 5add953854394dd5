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

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from probgen.contract import DEFAULT_CREDIT, PER_ENTRY
from probgen.problems.model import Kind

from . import sheets
from . import worksheet as ws
from .export_key import KeyWriter
from .exporters import (EXPORTERS, PER_EXPORT, BankWriter, Exporter, ExportError, Failure, check_all, needed_views,
                        write_sheet)
from .instances import DEFAULT_DIFFICULTY
from .secret import SECRET_FILE, SecretError, course_secret, write_secret
from .making import View
from .names import TextRefused, clean_text, printable, shown
from .roster import Student, id_problem
from .roster_formats import key_roster
from .seeding import fresh_seed
from .selection import Selection
from .sheets import KEY_FILE, Sheet, SheetSpec
from .staging import FolderBusy, staged_folder

TITLE = "Worksheet"
LIST_FILES_UP_TO = 20  # student folders listed one per line; more get one summary line

__all__ = ["ExportError", "ExportResult", "export", "run", "report", "failure_lines", "parse_formats",
           "student_title", "student_spec", "student_sheet", "build", "answer_key", "KEY_FILE"]

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
          views: Sequence[View] = (), secret: bytes | None = None) -> list[Sheet]:
    """Every sheet of an export (one per student, or one without a roster), rendered in ``views``;
    handed out with the course ``secret``."""
    return [sheets.build(student_spec(kinds, n, course_seed, s, difficulty, title, secret=secret), views)
            for s in (students or [None])]


def answer_key(built: Sequence[Sheet], *, title: str, seed: int) -> dict[str, Any]:
    """The usual answer key of all problems; with a roster also ``"students": {id: [problem ids]}``."""
    return sheets.answer_key(built, title=title, seed=seed)


def _views(chosen: Sequence[Exporter], solutions: bool) -> list[View]:
    return [View(fmt, "inline", with_solutions) for fmt, with_solutions in needed_views(chosen, solutions).items()]


def write_sheet_files(folder: Path, sheet: Sheet, chosen: Sequence[Exporter], solutions: bool,
                      failures: list[Failure] | None = None) -> list[Path]:
    """The sheet (and solutions) in every per-sheet format, text formats first, and a blank submission."""
    folder.mkdir(parents=True, exist_ok=True)
    return (write_sheet(folder, sheet, chosen, solutions, failures)
            + [sheets.write_submission(folder, sheet, ascii_only=False)])


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote, in compact records (a class of 100,000 is 100,000 short tuples)."""

    out_dir: Path
    students: tuple[str, ...]                # roster ids, in roster order (empty without a roster)
    n: int
    seed: int
    key_path: Path
    export_files: list[Path]                 # what the once-per-export formats wrote, in format order
    sheet_files: list[tuple[str, ...]]       # per sheet, the names of the files in its folder
    failures: tuple[Failure, ...] = ()       # files that could not be made (a PDF), the rest written
    notes: tuple[str, ...] = ()              # a sentence per problem an LMS format left out
    cleanups: tuple[str, ...] = ()           # what the export cleaned up on its way (a stopped run's folder)
    secret_path: Path | None = None          # the course secret the ids were made with
    secret_made: bool = False                # ... made by this export


def reserved_names() -> set[str]:
    """File names in the export folder that no student folder may take."""
    return {KEY_FILE, SECRET_FILE} | {e.file_name.casefold() for e in EXPORTERS.values() if e.per == PER_EXPORT}


#: Files that say a folder is an export's (the key; the course secret is written before it).
EXPORT_MARKS = (KEY_FILE, SECRET_FILE)


def _checked(students: Sequence[Student] | None) -> list[Student] | None:
    """The roster as sheets print it, whichever reader made it: ids that can be folder names and
    no file of the export's, names cleaned (see :mod:`.names`). ExportError naming the student."""
    if students is None:
        return None
    reserved = reserved_names()
    checked = []
    for student in students:
        problem = id_problem(student.id)
        if problem:
            raise ExportError(f"student id {shown(student.id)} {problem}; correct it in the roster.")
        if student.id.casefold() in reserved:
            raise ExportError(f"student id {student.id!r} is the name of a file the export writes; rename it in the roster.")
        try:
            name = clean_text(student.name)
        except TextRefused as exc:
            raise ExportError(f"the name of student {student.id} {exc}; correct it in the roster.") from None
        checked.append(student if name == student.name else dataclasses.replace(student, name=name))
    return checked


def _check_target(out_dir: Path) -> None:
    """An export replaces its folder as a whole, so the folder must be new, empty or an export."""
    is_export = any((out_dir / mark).is_file() for mark in EXPORT_MARKS)
    if out_dir.is_dir() and not is_export and any(out_dir.iterdir()):
        raise ExportError(f"{out_dir} holds files but no {KEY_FILE}, so it is not an earlier export; export into "
                          f"a new or empty folder (an export replaces its folder as a whole).")
    cwd = Path.cwd().resolve()
    if out_dir.exists() and (cwd == out_dir.resolve() or out_dir.resolve() in cwd.parents):
        raise ExportError(f"{out_dir} is the folder you are in (or holds it), and an export replaces its folder "
                          f"as a whole; run the export from outside it.")


def _for_bank(sheet: Sheet, views: set[str]) -> Sheet:
    """The sheet as a once-per-export format needs it: only the views it reads, no figures."""
    slim = tuple(dataclasses.replace(p, views={v: p.views[v] for v in views if v in p.views}, figures={})
                 for p in sheet.problems)
    return Sheet(sheet.spec, slim)


def export(out_dir: Path, kinds: Sequence[Kind], n: int, course_seed: int, formats: Sequence[str], *,
           students: Sequence[Student] | None = None, difficulty: str = DEFAULT_DIFFICULTY, title: str = "",
           solutions: bool = False, progress: Progress | None = None,
           topics: Mapping[str, int] | None = None, secret_file: Path | None = None,
           credit: str = DEFAULT_CREDIT) -> ExportResult:
    """Make and write every sheet of an export, then the key and the once-per-export files.

    Every sheet is handed out: its ids are made with the course secret, ``secret_file`` or
    else the folder's ``course-secret.txt`` (made by the first export into it, see
    :mod:`.secret`), which stays beside the key and out of every student's folder.

    Everything is written into a staging folder beside ``out_dir`` that replaces it only at the
    end (see :mod:`.staging`): an export that fails or is stopped leaves the previous one as it
    was. Sheets are made and written one student at a time (``progress`` moves evenly, PDFs
    included) and not kept: the key is spooled as it goes. A sheet's PDF that does not compile
    is recorded in ``failures`` and the rest of the class is exported. ExportError (one
    sentence) when the export cannot be made at all: a TeX engine missing (found before any
    file is written), a folder that cannot be written, another export writing the same folder.
    """
    out_dir = Path(out_dir)
    chosen = [EXPORTERS[f] for f in formats]
    views = _views(chosen, solutions)
    students = _checked(students)
    check_all(chosen)
    _check_target(out_dir)
    try:
        secret, secret_path, secret_made = course_secret(out_dir, secret_file)
    except SecretError as exc:
        raise ExportError(str(exc)) from None
    try:
        with staged_folder(out_dir) as staged:
            if secret_file is None:  # the folder's own secret: written into the export that replaces it
                write_secret(staged.folder, secret)
            written = _write_all(staged.folder, chosen, views, kinds, n, course_seed, students, difficulty,
                                 title, solutions, progress, topics, secret, credit)
    except FolderBusy as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        where = exc.filename or out_dir
        raise ExportError(f"cannot write {where}: {exc.strerror or exc}.") from None
    key_path, export_files, sheet_files, failures, notes = written
    moved = [dataclasses.replace(f, folder=out_dir / f.folder.relative_to(staged.folder),
                                 log=out_dir / f.log.relative_to(staged.folder) if f.log else None) for f in failures]
    return ExportResult(out_dir, tuple(s.id for s in students or ()), n, course_seed,
                        out_dir / key_path.relative_to(staged.folder),
                        [out_dir / p.relative_to(staged.folder) for p in export_files], sheet_files,
                        tuple(moved), tuple(notes), tuple(staged.notes), secret_path, secret_made)


def _write_all(folder: Path, chosen: Sequence[Exporter], views: Sequence[View], kinds: Sequence[Kind], n: int,
               course_seed: int, students: Sequence[Student] | None, difficulty: str, title: str, solutions: bool,
               progress: Progress | None, topics: Mapping[str, int] | None, secret: bytes | None = None,
               credit: str = DEFAULT_CREDIT) -> tuple[Path, list[Path], list[tuple[str, ...]], list[Failure], list[str]]:
    """Every file of the export, written into ``folder``."""
    banks = [e for e in chosen if e.per == PER_EXPORT]
    held = [e for e in banks if e.stream is None]   # formats that read every sheet at the end
    held_views = {e.view for e in held if e.view}
    bank: list[Sheet] = []               # only what the held formats read
    key = KeyWriter(folder)
    streams: dict[str, BankWriter] = {}
    sheet_files: list[tuple[str, ...]] = []
    same_names: dict[tuple[str, ...], tuple[str, ...]] = {}
    failures: list[Failure] = []
    try:
        for exporter in banks:
            if exporter.stream is not None:
                streams[exporter.name] = exporter.stream(exporter.path(folder), folder)
        positions: Iterable[int] = range(len(students)) if students else range(1)
        if progress is not None and students:
            positions = progress(positions)
        for i in positions:
            student = students[i] if students else None
            sheet = sheets.build(student_spec(kinds, n, course_seed, student, difficulty, title, topics,
                                              secret, credit), views)
            sub = folder / student.id if student else folder
            names = tuple(p.name for p in write_sheet_files(sub, sheet, chosen, solutions, failures))
            sheet_files.append(same_names.setdefault(names, names))
            key.add(sheet.problems, sheet.spec.student, sheet.spec.topics)
            for exporter in banks:
                if exporter.name in streams:
                    streams[exporter.name].add(_for_bank(sheet, {exporter.view} if exporter.view else set()))
            if held:
                bank.append(_for_bank(sheet, held_views))
        # names and LMS ids, for gradebook files
        roster = {"roster": key_roster(students)} if students else {}
        key_path = key.write(folder / KEY_FILE, title=title, seed=course_seed, after=roster)
        export_files, notes = [], []
        for exporter in banks:
            path = exporter.path(folder)
            if exporter.name in streams:
                notes += streams.pop(exporter.name).finish() or []
            else:
                notes += exporter.write(path, bank) or []
            export_files.append(path)
    finally:
        key.discard()
        for writer in streams.values():
            writer.discard()
    if any(e.name == "moodle" for e in banks) and credit != PER_ENTRY:
        notes.append("note: Moodle scores array answers entry by entry; the key's measured or all-or-nothing "
                     "credit applies when you grade with probgen grade --key (each question says so in a comment).")
    return key_path, export_files, sheet_files, failures, notes


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
    students = result.students
    if not students:
        lines = [f"wrote {out_dir / name}" for name in result.sheet_files[0]]
    elif len(students) <= LIST_FILES_UP_TO:
        lines = [f"wrote {out_dir / sid}{os.sep} ({', '.join(names)})"
                 for sid, names in zip(students, result.sheet_files)]
    else:
        names = sorted({name for files in result.sheet_files for name in files})
        lines = [f"wrote {len(students)} student folders {out_dir / '<id>'}{os.sep}, each with {', '.join(names)}"]
    lines += [f"wrote {result.key_path}"] + [f"wrote {path}" for path in result.export_files] + list(result.notes)
    if result.secret_path is not None:
        lines.append(f"{'wrote' if result.secret_made else 'used'} {result.secret_path} (the course secret: keep it "
                     f"with the key and out of students' hands; later exports into {out_dir} reuse it)")
    who = f"{len(students)} students" if students else "1 sheet"
    n, seed = result.n, result.seed
    lines.append(f"{who}, {n} problem{'s' if n != 1 else ''} each, course seed {seed} "
                 f"(--seed {seed} makes the same sheets again).")
    return [*result.cleanups, *lines]


def failure_lines(result: ExportResult) -> list[str]:
    """One line per file that could not be made, naming the student's folder (so the id), the
    file, why, and the log to look into; the rest of the class was exported."""
    lines = []
    for failure in result.failures:
        where = failure.folder.name if result.students else str(result.out_dir)
        who = f"student {where}: " if result.students else ""
        log = f"; its log is {failure.log}" if failure.log else ""
        reason = printable(failure.reason)          # a TeX log line: anything unprintable escaped
        lines.append(f"{who}{failure.file_name} was not made: {reason}{log}.")
    return lines
