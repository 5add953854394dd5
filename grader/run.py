"""Grading a batch of submissions into report files: the use case behind ``probgen grade``.

The decisions about what a run writes live here rather than in the command line: which
writer a format uses, that a graded class also gets ``<name>.summary.csv`` beside the report
file (the grade distribution is plotted in the class report, ``--report``), and the note about students on a key's
roster who handed in nothing. The caller says how files are opened (the command line opens
them atomically) and hears, as it happens, about unusable submissions and files written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Mapping, Sequence, TextIO

from . import batch, files, gradebook, output
from .errors import GradeInputError
from .report import Lookup
from .tally import Tally

Opener = Callable[[Path], ContextManager[TextIO]]


@dataclass(frozen=True)
class BatchResult:
    """What a run did: submissions graded, files that could not be used, the note (or None)
    naming roster students who handed in nothing, and the report file left as it was because
    nothing could be graded (or None)."""

    graded: int
    unusable: int
    missing_note: str | None = None
    notes: tuple[str, ...] = ()  # about the gradebook file and the class report
    kept: Path | None = None


class OutputClash(ValueError):
    """``--out`` names a file the run reads (the key or a submission): a usage error."""


class _NothingGraded(Exception):
    """Raised inside an atomic write to leave the existing report file as it was."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_out_file(out_file: Path | None, key_path: Path | None, submissions: Sequence[Path]) -> None:
    """OutputClash (one sentence) when the report, or the summary and plot written beside it,
    would overwrite the key or a submission."""
    if out_file is None:
        return
    beside = class_files(out_file)
    written = (out_file, *(beside if isinstance(beside, tuple) else (beside,)))  # the files a run may write
    for path in written:
        if key_path is not None and _same_file(path, key_path):
            raise OutputClash(f"--out {out_file} would overwrite the answer key {key_path}; "
                              "write the report to another file.")
        for submission in submissions:
            if _same_file(path, submission):
                raise OutputClash(f"--out {out_file} would overwrite the submission {submission}; "
                                  "write the report to another file.")


def _writer(fmt: str, out: TextIO, key: Mapping[str, Any] | None, assignment: str | None) -> Any:
    if fmt in gradebook.FORMATS:
        return gradebook.GradebookWriter(out, fmt, key or {}, assignment or "")
    if fmt == "csv":
        return output.CsvWriter(out, [p["id"] for p in key["problems"]] if key else None)
    return {"table": output.TableWriter, "json": output.JsonWriter}[fmt](out)


def _write(path: Path, open_file: Opener, fill: Callable[[TextIO], Any]) -> None:
    try:
        with open_file(path) as handle:
            fill(handle)
    except OSError as exc:
        raise GradeInputError(f"cannot write {path}: {exc.strerror or exc}.") from None


def class_files(out_file: Path) -> Path:
    """The per-problem summary written beside ``out_file``."""
    stem = out_file.with_suffix("") if out_file.suffix else out_file
    return stem.with_name(stem.name + ".summary.csv")  # never out_file: the stem lost its suffix


def _missing_note(roster: Any, students: Mapping[str, int]) -> str | None:
    missing = [s for s in roster if s not in students]
    if not missing:
        return None
    shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
    return (f"{len(missing)} student{'s' if len(missing) != 1 else ''} on the key's roster "
            f"handed in nothing: {output.clean(shown)}.")


def grade_batch(submissions: Sequence[Path], *, key_path: Path | None, fmt: str, jobs: int, lookup: Lookup,
                stdout: TextIO, out_file: Path | None, open_file: Opener,
                on_unusable: Callable[[str], None], on_written: Callable[[Path, str], None],
                progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda items: items,
                assignment: str | None = None, report_dir: Path | None = None) -> BatchResult:
    """Grade ``submissions`` and write the report to ``out_file`` (else to ``stdout``).

    Reports are written as submissions are graded, so a class grades in flat memory. With an
    answer key (``key_path``) every problem on it is graded, and a key with a roster
    summarises by problem kind; without one, ``lookup`` finds problems by id. Raises
    GradeInputError (one sentence) for a key or an output file that cannot be used; an
    unusable submission is reported to ``on_unusable`` and the others are graded.

    ``fmt`` may be a gradebook format (``canvas-csv``, ``moodle-csv``: :mod:`.gradebook`,
    its column named ``assignment``); with ``report_dir`` the class's item analysis is
    written there too (:mod:`.class_report`).
    Raises OutputClash when ``out_file`` is the key or a submission. ``out_file`` is replaced
    only when at least one submission was graded: a run where every file is unusable keeps the old one.
    """
    check_out_file(out_file, key_path, submissions)
    key = files.read_key(key_path) if key_path is not None else None
    roster = key.get("students") if key else None
    if fmt in gradebook.FORMATS and not (isinstance(roster, dict) and roster):
        raise GradeInputError(f"{key_path} has no roster of students; --format {fmt} needs the key of "
                              "an export made with --roster.")
    totals = Tally(by_kind=bool(roster))  # every student has their own variants: by kind
    unusable = 0
    notes: list[str] = []
    classes = _class_analysis(key) if report_dir is not None else None

    def grade_into(out: TextIO) -> None:
        nonlocal unusable
        writer = _writer(fmt, out, key, assignment)
        for outcome in progress(batch.grade_files(submissions, key, key_path, jobs, lookup)):
            if isinstance(outcome, str):
                unusable += 1
                on_unusable(outcome)
                continue
            writer.add(outcome)
            totals.add(outcome)
            if classes is not None:
                classes.add(outcome, _answers_of(outcome.source))
        if totals.count:
            writer.finish(totals)
            notes.extend(getattr(writer, "notes", ()))
        if not totals.count and out_file is not None:
            raise _NothingGraded  # leaves the file that is there (the opener writes atomically)

    kept = None
    if out_file is None:
        grade_into(stdout)
    else:
        try:
            _write(out_file, open_file, grade_into)
        except _NothingGraded:
            kept = out_file
        if totals.count:
            on_written(out_file, f"{totals.count} submission{'s' if totals.count != 1 else ''}")
        if totals.count > 1:
            summary_path = class_files(out_file)
            _write(summary_path, open_file, lambda handle: handle.write(output.summary_csv(totals)))
            on_written(summary_path, "per-problem summary")
    if classes is not None and report_dir is not None and classes.respondents:
        _write_class_report(classes, report_dir, open_file, on_written)
    note = _missing_note(roster, totals.students) if isinstance(roster, dict) and len(submissions) > 1 else None
    return BatchResult(totals.count, unusable, note, tuple(notes), kept)


def _class_analysis(key: Mapping[str, Any] | None) -> Any:
    from .class_report import ClassAnalysis

    return ClassAnalysis(key or {})


def _answers_of(source: str) -> Mapping[str, Any] | None:
    """The answers of a graded submission, read again for the class report's wrong answers."""
    try:
        return files.read_submission(Path(source)).get("answers")
    except GradeInputError:
        return None


def _write_class_report(classes: Any, folder: Path, open_file: Opener,
                        on_written: Callable[[Path, str], None]) -> None:
    try:
        paths = classes.write(folder, open_file)
    except OSError as exc:
        raise GradeInputError(f"cannot write the class report into {folder}: {exc.strerror or exc}.") from None
    on_written(folder, f"class report: {', '.join(p.name for p in paths)}")
