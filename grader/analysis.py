"""Item analysis of a graded class: pure statistics over observations, no files and no plots.

An *observation* is one respondent's (one graded submission's) result on one part of one
problem. An *item* is a problem kind and one of its parts (``("pooling.max-values", "a")``),
or the whole problem (part :data:`WHOLE`): every student has their own variant, so variants
of a kind are pooled, the way an LMS pools a question group.

For each item, over the respondents who had it (a respondent with two problems of the kind
counts once, with the mean of their shares):

- **facility**: the mean share of the points earned (0 = nobody, 1 = everybody);
- **point-biserial**: Pearson's correlation between the item's share and the share of the
  rest of the respondent's total (the total without this item, so the item does not
  correlate with itself). With all-or-nothing parts this is the point-biserial correlation;
  with partial credit, the item-rest correlation. Empty when either side does not vary;
- **upper–lower (27 %)**: the item's facility among the 27 % of respondents with the highest
  totals minus that among the 27 % with the lowest (Kelley's groups; at least one
  respondent each, ties in the total broken by submission order).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

WHOLE = "(whole problem)"
UPPER_LOWER_SHARE = 0.27
TOP_WRONG_ANSWERS = 5


@dataclass(frozen=True)
class Observation:
    """One respondent's result on one part (or, with ``part == WHOLE``, one whole problem)."""

    respondent: int        # position of the submission in the batch
    kind: str
    part: str
    problem: str           # problem id
    points: float
    max_points: float
    mistakes: tuple[str, ...] = ()   # names of the misconceptions the answer matched
    answer: str = ""                 # the answer as text; "" when blank

    @property
    def share(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class ItemStats:
    kind: str
    part: str
    respondents: int
    facility: float
    point_biserial: float | None
    upper_lower: float | None
    blank: float


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation of two equally long sequences; None when either does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-15 or syy <= 1e-15:
        return None
    return sxy / math.sqrt(sxx * syy)


def upper_lower(item: Sequence[float], totals: Sequence[float], share: float = UPPER_LOWER_SHARE) -> float | None:
    """Facility of ``item`` among the top ``share`` of ``totals`` minus among the bottom ``share``.

    Respondents are ranked by total, highest first, ties kept in the given order; each group
    has ``round(share * n)`` respondents, at least one and at most half. None below 2 respondents.
    """
    n = len(item)
    if n < 2:
        return None
    size = min(n // 2, max(1, round(share * n)))
    ranked = sorted(range(n), key=lambda i: -totals[i])  # stable: ties keep their order
    return mean([item[i] for i in ranked[:size]]) - mean([item[i] for i in ranked[-size:]])


def respondent_totals(observations: Iterable[Observation]) -> dict[int, tuple[float, float]]:
    """Each respondent's (points, max points) over whole problems."""
    totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for o in observations:
        if o.part == WHOLE:
            totals[o.respondent][0] += o.points
            totals[o.respondent][1] += o.max_points
    return {r: (p, m) for r, (p, m) in totals.items()}


def item_stats(observations: Sequence[Observation]) -> list[ItemStats]:
    """One line per item, in the order items are first seen."""
    totals = respondent_totals(observations)
    by_item: dict[tuple[str, str], dict[int, list[Observation]]] = defaultdict(lambda: defaultdict(list))
    for o in observations:
        by_item[(o.kind, o.part)][o.respondent].append(o)
    lines = []
    for (kind, part), per_respondent in by_item.items():
        shares, rests, overall = [], [], []
        blank = [o.answer == "" for obs in per_respondent.values() for o in obs]
        for respondent, obs in per_respondent.items():
            points, top = totals.get(respondent, (0.0, 0.0))
            item_points, item_top = sum(o.points for o in obs), sum(o.max_points for o in obs)
            shares.append(mean([o.share for o in obs]))
            rests.append((points - item_points) / (top - item_top) if top - item_top > 0 else 0.0)
            overall.append(points / top if top else 0.0)
        lines.append(ItemStats(kind, part, len(shares), mean(shares), pearson(shares, rests),
                               upper_lower(shares, overall), 0.0 if part == WHOLE else mean(blank)))
    return lines


@dataclass(frozen=True)
class MistakeCount:
    kind: str
    part: str
    name: str
    times: int
    share: float  # of the answers given to the item (blank ones included)


def mistake_counts(observations: Sequence[Observation],
                   named: Mapping[tuple[str, str], Sequence[str]]) -> list[MistakeCount]:
    """How often each named misconception fired per item; ``named`` lists every misconception the
    key names for an item, so one that never fired is counted 0 rather than left out."""
    answers: Counter[tuple[str, str]] = Counter()
    fired: Counter[tuple[str, str, str]] = Counter()
    for o in observations:
        if o.part == WHOLE:
            continue
        answers[(o.kind, o.part)] += 1
        for name in o.mistakes:
            fired[(o.kind, o.part, name)] += 1
    lines = []
    for (kind, part), names in named.items():
        n = answers[(kind, part)]
        for name in names:
            times = fired[(kind, part, name)]
            lines.append(MistakeCount(kind, part, name, times, times / n if n else 0.0))
    return lines


@dataclass(frozen=True)
class WrongAnswer:
    kind: str
    part: str
    answer: str
    times: int
    share: float  # of the answers given to the item


def common_wrong_answers(observations: Sequence[Observation], top: int = TOP_WRONG_ANSWERS) -> list[WrongAnswer]:
    """Per item (items in alphabetical order), the ``top`` most frequent wrong answers that match
    no named misconception (blank answers left out), most frequent first, ties in alphabetical order."""
    answers: Counter[tuple[str, str]] = Counter()
    wrong: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for o in observations:
        if o.part == WHOLE:
            continue
        answers[(o.kind, o.part)] += 1
        if o.answer and not o.mistakes and o.points < o.max_points:
            wrong[(o.kind, o.part)][o.answer] += 1
    lines = []
    for item, counts in sorted(wrong.items()):
        for answer, times in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
            lines.append(WrongAnswer(item[0], item[1], answer, times, times / answers[item]))
    return lines


@dataclass(frozen=True)
class ParamFacility:
    kind: str
    param: str
    value: str
    problems: int
    facility: float


MAX_PARAM_VALUES = 12


def param_value_text(value: Any) -> str | None:
    """A param value as a table shows it, or None for values too big to group by (matrices)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        text = str(value)
        return text if len(text) <= 40 else None
    if isinstance(value, (list, tuple)) and 0 < len(value) <= 4 and all(
            isinstance(v, (int, float, str)) and not isinstance(v, bool) for v in value):
        return "(" + ", ".join(str(v) for v in value) + ")"
    return None


def param_facility(observations: Sequence[Observation],
                   params: Mapping[str, Mapping[str, Any]]) -> list[ParamFacility]:
    """Facility of whole problems by the value of each param their kind varies.

    ``params`` maps problem id -> its params (from the key). A param is shown when its values
    are small (a number, a word, a short tuple) and it takes at least 2 and at most
    :data:`MAX_PARAM_VALUES` values among the graded problems of the kind, each value on two
    problems on average: sizes drawn from a wide range (one problem per value) say nothing.
    """
    shares: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    unusable: set[tuple[str, str]] = set()
    for o in observations:
        if o.part != WHOLE:
            continue
        for name, value in (params.get(o.problem) or {}).items():
            text = param_value_text(value)
            if text is None:
                unusable.add((o.kind, name))
            else:
                shares[(o.kind, name)][text].append(o.share)
    lines = []
    for (kind, name), by_value in shares.items():
        problems = sum(len(v) for v in by_value.values())
        if (kind, name) in unusable or not 2 <= len(by_value) <= min(MAX_PARAM_VALUES, problems // 2):
            continue
        for value in sorted(by_value, key=_value_order):
            lines.append(ParamFacility(kind, name, value, len(by_value[value]), mean(by_value[value])))
    return lines


def _value_order(text: str) -> tuple[int, float, str]:
    try:
        return (0, float(text), text)
    except ValueError:
        return (1, 0.0, text)

