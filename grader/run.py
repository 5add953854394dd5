"""Grading a batch of submissions into report files: the use case behind ``probgen grade``.

The decisions about what a run writes live here rather than in the command line: which
writer a format uses, that a graded class also gets ``<name>.summary.csv`` and a grade
distribution ``<name>.svg`` beside the report file, and the note about students on a key's
roster who handed in nothing. The caller says how files are opened (the command line opens
them atomically) and hears, as it happens, about unusable submissions and files written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Mapping, Sequence, TextIO

from . import batch, files, output
from .errors import GradeInputError
from .plot import histogram_from_counts
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


def _writer(fmt: str, out: TextIO, key: Mapping[str, Any] | None) -> Any:
    if fmt == "csv":
        return output.CsvWriter(out, [p["id"] for p in key["problems"]] if key else None)
    return {"table": output.TableWriter, "json": output.JsonWriter}[fmt](out)


def _write(path: Path, open_file: Opener, fill: Callable[[TextIO], Any]) -> None:
    try:
        with open_file(path) as handle:
            fill(handle)
    except OSError as exc:
        raise GradeInputError(f"cannot write {path}: {exc.strerror or exc}.") from None


def class_files(out_file: Path) -> tuple[Path, Path]:
    """The per-problem summary and the grade-distribution plot written beside ``out_file``."""
    stem = out_file.with_suffix("") if out_file.suffix else out_file
    summary_path = stem.with_name(stem.name + ".summary.csv")
    plot_path = stem.with_name(stem.name + ".svg")
    if plot_path == out_file:
        plot_path = stem.with_name(stem.name + ".distribution.svg")
    return summary_path, plot_path


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
                progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda items: items) -> BatchResult:
    """Grade ``submissions`` and write the report to ``out_file`` (else to ``stdout``).

    Reports are written as submissions are graded, so a class grades in flat memory. With an
    answer key (``key_path``) every problem on it is graded, and a key with a roster
    summarises by problem kind; without one, ``lookup`` finds problems by id. Raises
    GradeInputError (one sentence) for a key or an output file that cannot be used, and
    OutputClash when ``out_file`` is the key or a submission; an unusable submission is
    reported to ``on_unusable`` and the others are graded. ``out_file`` is replaced only when
    at least one submission was graded: a run where every file is unusable keeps the old one.
    """
    check_out_file(out_file, key_path, submissions)
    key = files.read_key(key_path) if key_path is not None else None
    roster = key.get("students") if key else None
    totals = Tally(by_kind=bool(roster))  # every student has their own variants: by kind
    unusable = 0

    def grade_into(out: TextIO) -> None:
        nonlocal unusable
        writer = _writer(fmt, out, key)
        for outcome in progress(batch.grade_files(submissions, key, key_path, jobs, lookup)):
            if isinstance(outcome, str):
                unusable += 1
                on_unusable(outcome)
                continue
            writer.add(outcome)
            totals.add(outcome)
        if totals.count:
            writer.finish(totals)
        elif out_file is not None:
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
            summary_path, plot_path = class_files(out_file)
            for path, content, what in ((summary_path, output.summary_csv(totals), "per-problem summary"),
                                        (plot_path, histogram_from_counts(totals.bins, totals.ungraded),
                                         "grade distribution")):
                _write(path, open_file, lambda handle, text=content: handle.write(text))
                on_written(path, what)
    note = _missing_note(roster, totals.students) if isinstance(roster, dict) and len(submissions) > 1 else None
    return BatchResult(totals.count, unusable, note, kept)
