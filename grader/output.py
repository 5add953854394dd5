"""Reports as JSON, a table for people, or CSV for a gradebook.

Several submissions also get a per-problem summary (``tally``), by problem id or, for a
roster key, by problem kind.

Student text echoed in a report is made harmless for where it goes (``csvsafe``): ANSI escapes,
control and invisible characters are dropped in the table, and every CSV text cell goes through
``csv_cell``, which quotes a cell a spreadsheet would run as a formula with a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from typing import Any, Sequence, TextIO

from .csvsafe import csv_cell, json_text, visible
from .results import SubmissionReport, tidy
from .tally import Tally, tally


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.splitlines())


class JsonWriter:
    """One report as an object; several as ``{"submissions": [...], "summary": {...}}``, streamed."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first: str | None = None
        self.count = 0

    def add(self, report: SubmissionReport) -> None:
        data = json_text(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        if self.count == 0:
            self.first = data
        else:
            if self.count == 1:
                self.out.write('{\n  "submissions": [\n' + _indented(self.first or "", 4))
                self.first = None
            self.out.write(",\n" + _indented(data, 4))
        self.count += 1

    def finish(self, totals: Tally) -> None:
        if self.count == 1:
            self.out.write((self.first or "") + "\n")
        elif self.count > 1:
            summary = json_text(json.dumps(totals.summary_json(), indent=2, ensure_ascii=False))
            self.out.write('\n  ],\n  "summary": ' + _indented(summary, 2).lstrip() + "\n}\n")


def _write_all(writer_class: Any, reports: Sequence[SubmissionReport], by_kind: bool, *args: Any) -> str:
    buffer = io.StringIO()
    writer = writer_class(buffer, *args)
    totals = Tally(by_kind)
    for report in reports:
        writer.add(report)
        totals.add(report)
    writer.finish(totals)
    return buffer.getvalue()


def as_json(reports: Sequence[SubmissionReport], by_kind: bool = False) -> str:
    """One report as an object; several as ``{"submissions": [...], "summary": {...}}``."""
    return _write_all(JsonWriter, reports, by_kind)


def _num(value: float | int) -> str:
    return str(tidy(value))


def clean(text: object) -> str:
    """Text that came from a submission, made harmless for a terminal: no ANSI escapes or control characters."""
    return visible(text)


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())


csv_text = csv_cell  # the name earlier code imports; the guard itself lives in csvsafe


def _table_one(report: SubmissionReport) -> list[str]:
    who = f" — student {_one_line(report.student)}" if report.student else ""
    lines = [f"{_one_line(report.source)}{who}: {_num(report.score)} / {_num(report.max_score)}"]
    for message in report.messages:
        lines.append(f"  ! {_one_line(message)}")
    width = max((len(_one_line(p.id)) for p in report.problems), default=0)
    for problem in report.problems:
        title = f"  {_one_line(problem.title)}" if problem.title else ""
        lines.append(f"  {_one_line(problem.id):<{width}}  {_num(problem.score):>6} / {_num(problem.max_score):<4}{title}")
        if problem.message:
            lines.append(f"      ! {_one_line(problem.message)}")
        for part in problem.parts:
            mark = "✓" if part.correct else "✗"
            line = f"    {mark} {_one_line(part.label)}  {_num(part.score)} / {_num(part.max_score)}"
            if part.retyped and part.read_as is not None:
                line += f"  read as {_one_line(part.read_as)}."
            if not part.correct or part.feedback != "Correct.":
                line += f"  {_one_line(part.feedback)}"
            if not part.correct and part.expected is not None:
                line += f"  (expected: {_one_line(part.expected)})"
            lines.append(line)
    return lines


class TableWriter:
    """A human-readable report, written as each submission is graded; a summary at the end."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def add(self, report: SubmissionReport) -> None:
        if self.count:
            self.out.write("\n")
        self.out.write("\n".join(_table_one(report)) + "\n")
        self.count += 1

    def finish(self, totals: Tally) -> None:
        if totals.count <= 1:
            return
        summary = totals.summary()
        lines = ["", f"Summary of {totals.count} submissions" + (", by problem kind" if totals.by_kind else "")]
        if summary:
            head = "kind" if totals.by_kind else "problem"
            width = max([len(_one_line(s.id)) for s in summary] + [len(head)])
            lines.append(f"  {head:<{width}}  {'mean':>6} / {'max':<4}  fully correct")
            for s in summary:
                lines.append(f"  {_one_line(s.id):<{width}}  {_num(s.mean_score):>6} / {_num(s.max_score):<4}  "
                             f"{round(100 * s.share_correct)}% of {s.submissions}")
        else:
            lines.append("  no problems were graded.")
        self.out.write("\n".join(lines) + "\n")


def as_table(reports: Sequence[SubmissionReport], by_kind: bool = False) -> str:
    """A human-readable report; with several submissions, a per-problem summary at the end."""
    return _write_all(TableWriter, reports, by_kind)


MAX_COLUMNS = 2_000  # problem columns in one gradebook CSV
MAX_CELL = 32_000  # characters in one cell: spreadsheets hold 32,767


def _fit(text: str) -> str:
    """A cell cut to what a spreadsheet holds, saying so."""
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 20] + " … (cut short)"


class CsvWriter:
    """One row per submission (one per student when each hands in one file), for a gradebook.

    Columns: ``student``, ``source``, one column per problem id (``problem_ids``, the whole
    key's, when given; else every problem graded against a key entry in some report, so an
    id that names no problem never becomes a column, and at most ``MAX_COLUMNS`` of them:
    one file cannot widen everyone's gradebook), ``total``, ``max_score``,
    ``flags``. A problem cell is the score, ``0`` when the problem was assigned but not
    answered, and empty when it was not that student's problem (or not graded). ``flags``
    lists, separated by ``; ``, answers that scored nothing because they were not the
    student's to answer (``not assigned: <id>``, ``not on key: <id>``), a student missing
    from the roster, repeated submissions and unreadable files. Text cells are made safe
    for spreadsheets (:func:`csvsafe.csv_cell`), and no cell is longer than a spreadsheet holds.

    Rows are spooled to a temporary file as they come and written out at the end, when the
    columns and the repeated-submission counts are known; memory stays flat in the number
    of submissions.
    """

    def __init__(self, out: TextIO, problem_ids: Sequence[str] | None = None) -> None:
        self.out = out
        self.ids: list[str] = list(problem_ids) if problem_ids is not None else []
        self.known = set(self.ids)
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")

    def add(self, report: SubmissionReport) -> None:
        for problem in report.problems:
            if problem.id not in self.known and problem.parts and len(self.ids) < MAX_COLUMNS:
                self.known.add(problem.id)
                self.ids.append(problem.id)
        row = {"student": report.student or "", "source": report.source, "flags": list(report.flags),
               "messages": list(report.messages[:1]), "graded": bool(report.problems),
               "scores": {p.id: _num(p.score) for p in report.problems},
               "total": _num(report.score), "max": _num(report.max_score),
               "beyond": sum(1 for p in report.problems if p.parts and p.id not in self.known)}
        self.spool.write(json.dumps(row, ensure_ascii=False) + "\n")

    def finish(self, totals: Tally) -> None:
        writer = csv.writer(self.out, lineterminator="\n")
        writer.writerow(["student", "source", *(csv_cell(i) for i in self.ids), "total", "max_score", "flags"])
        self.spool.seek(0)
        for line in self.spool:
            row = json.loads(line)
            flags = list(row["flags"])
            if row["student"] and totals.students.get(row["student"], 0) > 1:
                flags.append(f"{totals.students[row['student']]} submissions from this student")
            if row["max"] == "0" and not row["graded"] and row["messages"]:
                flags.append(_one_line(row["messages"][0]))
            beyond = row.get("beyond", 0)
            if beyond:
                flags.append(f"{beyond} graded problem{'s' if beyond != 1 else ''} past the "
                             f"{MAX_COLUMNS:,}-column limit, counted in the total")
            writer.writerow([csv_cell(row["student"]), csv_cell(row["source"]),
                             *(row["scores"].get(i, "") for i in self.ids),
                             row["total"], row["max"], csv_cell(_fit("; ".join(flags)))])
        self.spool.close()


def as_csv(reports: Sequence[SubmissionReport], problem_ids: Sequence[str] | None = None) -> str:
    """The gradebook CSV of :class:`CsvWriter` for a list of reports."""
    return _write_all(CsvWriter, reports, False, problem_ids)


def summary_csv(reports: Sequence[SubmissionReport] | Tally, by_kind: bool = False) -> str:
    """The summary as CSV: problem (or kind), title, submissions, mean_score, max_score, share_correct."""
    totals = reports if isinstance(reports, Tally) else tally(reports, by_kind)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind" if totals.by_kind else "problem", "title", "submissions", "mean_score", "max_score",
                     "share_correct"])
    for s in totals.summary():
        writer.writerow([csv_cell(s.id), csv_cell(s.title), s.submissions, _num(s.mean_score), _num(s.max_score),
                         _num(s.share_correct)])
    return buffer.getvalue()
