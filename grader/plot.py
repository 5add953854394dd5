"""The bins of a class's grade distribution (the class report plots it: ``report_plots``).

Scores are binned by their share of the submission's maximum (students' variants may carry
different points), in ten bins of 10 %: 0–10, 10–20, ..., 90–100, where the last bin holds
full marks too. Submissions that could not be graded at all (maximum 0) are in no bin.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Sequence

from .results import SubmissionReport

BINS = 10


def bin_labels() -> list[str]:
    step = 100 // BINS
    return [f"{i * step}–{(i + 1) * step}" for i in range(BINS)]


def bin_counts(reports: Sequence[SubmissionReport]) -> list[int]:
    """How many graded submissions fall in each 10 % bin of their maximum score."""
    counts = [0] * BINS
    for report in reports:
        index = bin_of(report.score, report.max_score)
        if index is not None:
            counts[index] += 1
    return counts


def bin_of(score: float | int, max_score: float | int) -> int | None:
    """The bin of one submission's total, or None when it could not be graded at all."""
    if max_score <= 0:
        return None
    share = Fraction(str(score)) / Fraction(str(max_score))
    return min(BINS - 1, max(0, math.floor(share * BINS)))
