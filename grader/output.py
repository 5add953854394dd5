"""Reports as JSON, a table for people, or CSV for a gradebook.

Several submissions also get a per-problem summary (mean score, share fully correct) so
staff see which problem the class found hard. When every student has their own variants (a
roster key), each problem id belongs to one student, so the summary is by problem kind
instead (``by_kind``): all variants of ``pooling.max-values`` together.

Student text echoed in a report is made harmless for where it goes: ANSI escapes and control
characters are dropped in the table, and CSV cells that a spreadsheet would run as a formula
are quoted with a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Sequence

from .results import SubmissionReport, tidy


@dataclass(frozen=True)
class ProblemSummary:
    """How one problem went across submissions that were graded on it."""

    id: str
    title: str
    submissions: int
    mean_score: float | int
    max_score: float | int
    share_correct: float | int

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "submissions": self.submissions,
                "mean_score": self.mean_score, "max_score": self.max_score, "share_correct": self.share_correct}


def kind_of(problem_id: str) -> str:
    """The problem kind of an id: ``pooling.max-values@1:8121`` -> ``pooling.max-values``."""
    return problem_id.split("@", 1)[0]


def summarize(reports: Sequence[SubmissionReport], by_kind: bool = False) -> list[ProblemSummary]:
    """One line per problem id (or per kind), in first-seen order; problems that could not be graded are skipped."""
    seen: dict[str, list] = {}
    for report in reports:
        for problem in report.problems:
            if problem.max_score > 0:
                seen.setdefault(kind_of(problem.id) if by_kind else problem.id, []).append(problem)
    out = []
    for problem_id, results in seen.items():
        n = len(results)
        out.append(ProblemSummary(
            problem_id, results[0].title, n, tidy(sum(r.score for r in results) / n),
            tidy(max(r.max_score for r in results)), tidy(sum(r.correct for r in results) / n)))
    return out


def as_json(reports: Sequence[SubmissionReport], by_kind: bool = False) -> str:
    """One report as an object; several as ``{"submissions": [...], "summary": {...}}``."""
    if len(reports) == 1:
        data: object = reports[0].to_json()
    else:
        scores = [r.score for r in reports]
        data = {"submissions": [r.to_json() for r in reports],
                "summary": {"submissions": len(reports),
                            "mean_score": tidy(sum(scores) / len(scores)) if scores else 0,
                            "by": "kind" if by_kind else "problem",
                            "problems": [s.to_json() for s in summarize(reports, by_kind)]}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _num(value: float | int) -> str:
    return str(tidy(value))


# ANSI escape sequences (CSI ... final byte, OSC ... BEL/ST, and two-byte ESC x), then any
# other C0/C1 control character: student text must not drive the terminal that shows a report.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """Text that came from a submission, made harmless for a terminal: no ANSI escapes or control characters."""
    return _CONTROL.sub("", _ANSI.sub("", str(text)))


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: object) -> str:
    """A text cell safe to open in a spreadsheet: a cell that would start a formula (``= + - @``,
    tab or carriage return first, or after leading spaces) gets a leading ``'``; ANSI escapes and
    control characters are dropped and line breaks become spaces."""
    raw = _ANSI.sub("", str(text))
    value = _CONTROL.sub("", raw.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    risky = raw.lstrip(" ").startswith(_FORMULA_START)
    return "'" + value if risky else value


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
            if not part.correct or part.feedback != "Correct.":
                line += f"  {_one_line(part.feedback)}"
            if not part.correct and part.expected is not None:
                line += f"  (expected: {_one_line(part.expected)})"
            lines.append(line)
    return lines


def as_table(reports: Sequence[SubmissionReport], by_kind: bool = False) -> str:
    """A human-readable report; with several submissions, a per-problem summary at the end."""
    lines: list[str] = []
    for n, report in enumerate(reports):
        if n:
            lines.append("")
        lines.extend(_table_one(report))
    if len(reports) > 1:
        summary = summarize(reports, by_kind)
        lines += ["", f"Summary of {len(reports)} submissions" + (", by problem kind" if by_kind else "")]
        if summary:
            head = "kind" if by_kind else "problem"
            width = max([len(_one_line(s.id)) for s in summary] + [len(head)])
            lines.append(f"  {head:<{width}}  {'mean':>6} / {'max':<4}  fully correct")
            for s in summary:
                lines.append(f"  {_one_line(s.id):<{width}}  {_num(s.mean_score):>6} / {_num(s.max_score):<4}  "
                             f"{round(100 * s.share_correct)}% of {s.submissions}")
        else:
            lines.append("  no problems were graded.")
    return "\n".join(lines) + "\n"


def _flags(reports: Sequence[SubmissionReport]) -> list[list[str]]:
    """Each report's flags, plus one when a student handed in more than one submission."""
    count: dict[str, int] = {}
    for report in reports:
        if report.student:
            count[report.student] = count.get(report.student, 0) + 1
    out = []
    for report in reports:
        flags = list(report.flags)
        if report.student and count[report.student] > 1:
            flags.append(f"{count[report.student]} submissions from this student")
        if report.max_score == 0 and not report.problems and report.messages:
            flags.append(_one_line(report.messages[0]))
        out.append(flags)
    return out


def as_csv(reports: Sequence[SubmissionReport], problem_ids: Sequence[str] | None = None) -> str:
    """One row per submission (one per student when each hands in one file), for a gradebook.

    Columns: ``student``, ``source``, one column per problem id (``problem_ids``, the whole
    key's, when given; else every problem graded in some report), ``total``, ``max_score``,
    ``flags``. A problem cell is the score, ``0`` when the problem was assigned but not
    answered, and empty when it was not that student's problem (or not graded). ``flags``
    lists, separated by ``; ``, answers that scored nothing because they were not the
    student's to answer (``not assigned: <id>``, ``not on key: <id>``), a student missing
    from the roster, repeated submissions and unreadable files. Text cells are made safe
    for spreadsheets (see :func:`csv_text`).
    """
    ids: list[str] = list(problem_ids) if problem_ids is not None else []
    for report in reports:
        for problem in report.problems:
            if problem.id not in ids:
                ids.append(problem.id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "source", *(csv_text(i) for i in ids), "total", "max_score", "flags"])
    for report, flags in zip(reports, _flags(reports)):
        scores = {p.id: _num(p.score) for p in report.problems}
        writer.writerow([csv_text(report.student or ""), csv_text(report.source), *(scores.get(i, "") for i in ids),
                         _num(report.score), _num(report.max_score), csv_text("; ".join(flags))])
    return buffer.getvalue()


def summary_csv(reports: Sequence[SubmissionReport], by_kind: bool = False) -> str:
    """The summary as CSV: problem (or kind), title, submissions, mean_score, max_score, share_correct."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind" if by_kind else "problem", "title", "submissions", "mean_score", "max_score", "share_correct"])
    for s in summarize(reports, by_kind):
        writer.writerow([csv_text(s.id), csv_text(s.title), s.submissions, _num(s.mean_score), _num(s.max_score),
                         _num(s.share_correct)])
    return buffer.getvalue()
