"""Reports as JSON, a table for people, or CSV for a gradebook.

Several submissions also get a per-problem summary (mean score, share fully correct) so
staff see which problem the class found hard.
"""

from __future__ import annotations

import csv
import io
import json
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


def summarize(reports: Sequence[SubmissionReport]) -> list[ProblemSummary]:
    """One line per problem id, in first-seen order; problems that could not be graded are skipped."""
    seen: dict[str, list] = {}
    for report in reports:
        for problem in report.problems:
            if problem.max_score > 0:
                seen.setdefault(problem.id, []).append(problem)
    out = []
    for problem_id, results in seen.items():
        n = len(results)
        out.append(ProblemSummary(
            problem_id, results[0].title, n, tidy(sum(r.score for r in results) / n),
            tidy(max(r.max_score for r in results)), tidy(sum(r.correct for r in results) / n)))
    return out


def as_json(reports: Sequence[SubmissionReport]) -> str:
    """One report as an object; several as ``{"submissions": [...], "summary": {...}}``."""
    if len(reports) == 1:
        data: object = reports[0].to_json()
    else:
        scores = [r.score for r in reports]
        data = {"submissions": [r.to_json() for r in reports],
                "summary": {"submissions": len(reports),
                            "mean_score": tidy(sum(scores) / len(scores)) if scores else 0,
                            "problems": [s.to_json() for s in summarize(reports)]}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _num(value: float | int) -> str:
    return str(tidy(value))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _table_one(report: SubmissionReport) -> list[str]:
    who = f" — student {report.student}" if report.student else ""
    lines = [f"{report.source}{who}: {_num(report.score)} / {_num(report.max_score)}"]
    for message in report.messages:
        lines.append(f"  ! {_one_line(message)}")
    width = max((len(p.id) for p in report.problems), default=0)
    for problem in report.problems:
        title = f"  {problem.title}" if problem.title else ""
        lines.append(f"  {problem.id:<{width}}  {_num(problem.score):>6} / {_num(problem.max_score):<4}{title}")
        if problem.message:
            lines.append(f"      ! {_one_line(problem.message)}")
        for part in problem.parts:
            mark = "✓" if part.correct else "✗"
            line = f"    {mark} {part.label}  {_num(part.score)} / {_num(part.max_score)}"
            if not part.correct or part.feedback != "Correct.":
                line += f"  {_one_line(part.feedback)}"
            if not part.correct and part.expected is not None:
                line += f"  (expected: {_one_line(part.expected)})"
            lines.append(line)
    return lines


def as_table(reports: Sequence[SubmissionReport]) -> str:
    """A human-readable report; with several submissions, a per-problem summary at the end."""
    lines: list[str] = []
    for n, report in enumerate(reports):
        if n:
            lines.append("")
        lines.extend(_table_one(report))
    if len(reports) > 1:
        summary = summarize(reports)
        lines += ["", f"Summary of {len(reports)} submissions"]
        if summary:
            width = max(len(s.id) for s in summary)
            lines.append(f"  {'problem':<{width}}  {'mean':>6} / {'max':<4}  fully correct")
            for s in summary:
                lines.append(f"  {s.id:<{width}}  {_num(s.mean_score):>6} / {_num(s.max_score):<4}  "
                             f"{round(100 * s.share_correct)}% of {s.submissions}")
        else:
            lines.append("  no problems were graded.")
    return "\n".join(lines) + "\n"


def as_csv(reports: Sequence[SubmissionReport]) -> str:
    """One row per submission: source, student, one column per problem id, total, max_score."""
    ids: list[str] = []
    for report in reports:
        for problem in report.problems:
            if problem.id not in ids:
                ids.append(problem.id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", "student", *ids, "total", "max_score"])
    for report in reports:
        scores = {p.id: _num(p.score) for p in report.problems}
        writer.writerow([report.source, report.student or "", *(scores.get(i, "") for i in ids),
                         _num(report.score), _num(report.max_score)])
    return buffer.getvalue()
