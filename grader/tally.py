"""What a batch's summary, flags and plot need, gathered one report at a time.

Several submissions get a per-problem summary (mean score, share fully correct) so staff see
which problem the class found hard. When every student has their own variants (a roster
key), each problem id belongs to one student, so the summary is by problem kind instead
(``by_kind``): all variants of ``pooling.max-values`` together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from probgen.contract import kind_of

from .plot import BINS, bin_of
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


class Tally:
    """What a batch's summary, flags and plot need, gathered one report at a time.

    Keeping these few numbers instead of every report keeps grading a class flat in memory:
    the reports themselves are written out as they are graded.
    """

    def __init__(self, by_kind: bool = False) -> None:
        self.by_kind = by_kind
        self.count = 0
        self.score_sum: float = 0
        self.bins = [0] * BINS
        self.ungraded = 0
        self.students: dict[str, int] = {}
        self._problems: dict[str, list] = {}  # id or kind -> [title, n, score sum, max, fully correct]

    def add(self, report: SubmissionReport) -> None:
        self.count += 1
        self.score_sum += report.score
        index = bin_of(report.score, report.max_score)
        if index is None:
            self.ungraded += 1
        else:
            self.bins[index] += 1
        if report.student:
            self.students[report.student] = self.students.get(report.student, 0) + 1
        for problem in report.problems:
            if problem.max_score > 0:
                key = kind_of(problem.id) if self.by_kind else problem.id
                entry = self._problems.setdefault(key, [problem.title, 0, 0, 0, 0])
                entry[1] += 1
                entry[2] += problem.score
                entry[3] = max(entry[3], problem.max_score)
                entry[4] += problem.correct

    def summary(self) -> list[ProblemSummary]:
        """One line per problem id (or per kind), in first-seen order; ungradable problems skipped."""
        return [ProblemSummary(key, title, n, tidy(total / n), tidy(top), tidy(correct / n))
                for key, (title, n, total, top, correct) in self._problems.items()]

    def summary_json(self) -> dict[str, object]:
        return {"submissions": self.count,
                "mean_score": tidy(self.score_sum / self.count) if self.count else 0,
                "by": "kind" if self.by_kind else "problem",
                "problems": [s.to_json() for s in self.summary()]}


def tally(reports: Iterable[SubmissionReport], by_kind: bool = False) -> Tally:
    out = Tally(by_kind)
    for report in reports:
        out.add(report)
    return out


def summarize(reports: Sequence[SubmissionReport], by_kind: bool = False) -> list[ProblemSummary]:
    """One line per problem id (or per kind), in first-seen order; problems that could not be graded are skipped."""
    return tally(reports, by_kind).summary()
