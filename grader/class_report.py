"""``probgen grade --report DIR``: what the class got wrong, as CSV tables and one HTML page.

Files written into ``DIR``:

- ``items.csv``: per kind and part (and per whole problem): respondents, facility,
  point-biserial, upper–lower 27 %, share of blank answers (:mod:`.analysis` defines them);
- ``misconceptions.csv``: per kind and part, how often each misconception the key names fired;
- ``wrong-answers.csv``: per kind and part, the most common wrong answers that match no named
  misconception (the next misconception to write down);
- ``params.csv``: facility of whole problems by the value of each param a kind varies;
- ``report.html``: the same tables with plots (grade distribution, item map, misconceptions,
  params), one self-contained file: no script, no network.

Which misconceptions an answer matched is read from the report: the grader gives a matched
misconception's feedback, and the key names it. The answer itself is the text the student
wrote, normalised (spaces collapsed), as the report gives it when it carries ``read_as``.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, ContextManager, Mapping, Sequence, TextIO

from probgen.contract import kind_of

from . import analysis, report_plots
from .analysis import WHOLE, Observation
from .output import csv_text
from .plot import BINS, bin_of
from .results import PartResult, SubmissionReport

FILES = ("items.csv", "misconceptions.csv", "wrong-answers.csv", "params.csv", "report.html")
ANSWER_CHARS = 80


def answer_text(value: Any) -> str:
    """A submitted answer as one line of text ("" when blank): lists as ``[1, 2]``, spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        inner = [answer_text(v) for v in value[:64]]
        text = "" if not any(inner) else "[" + ", ".join(inner) + ("…" if len(value) > 64 else "") + "]"
    elif isinstance(value, Mapping):
        text = "{…}" if value else ""
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= ANSWER_CHARS else text[:ANSWER_CHARS - 1] + "…"


def fired_misconceptions(key_part: Mapping[str, Any], result: PartResult) -> tuple[str, ...]:
    """Names of the key part's misconceptions whose feedback the grader gave this answer."""
    if result.correct or not isinstance(key_part.get("misconceptions"), list):
        return ()
    return tuple(m["name"] for m in key_part["misconceptions"]
                 if isinstance(m, Mapping) and isinstance(m.get("name"), str)
                 and isinstance(m.get("feedback"), str) and m["feedback"] and m["feedback"] in result.feedback)


class ClassAnalysis:
    """Observations gathered one graded submission at a time, then written as tables and a page."""

    def __init__(self, key: Mapping[str, Any]) -> None:
        self.problems = {p["id"]: p for p in key.get("problems", []) if isinstance(p, Mapping) and "id" in p}
        self.title = key.get("title") if isinstance(key.get("title"), str) else ""
        self.observations: list[Observation] = []
        self.respondents = 0
        self.bins = [0] * BINS
        self.ungraded = 0

    def kind(self, problem_id: str) -> str:
        template = self.problems.get(problem_id, {}).get("template")
        return template if isinstance(template, str) else kind_of(problem_id)

    def add(self, report: SubmissionReport, answers: Mapping[str, Any] | None = None) -> None:
        respondent = self.respondents
        self.respondents += 1
        index = bin_of(report.score, report.max_score)
        if index is None:
            self.ungraded += 1
        else:
            self.bins[index] += 1
        answers = answers if isinstance(answers, Mapping) else {}
        for problem in report.problems:
            key_problem = self.problems.get(problem.id)
            if key_problem is None or problem.max_score <= 0:
                continue
            kind = self.kind(problem.id)
            key_parts = {p.get("label"): p for p in key_problem.get("parts", []) if isinstance(p, Mapping)}
            given = answers.get(problem.id)
            given = given if isinstance(given, Mapping) else {}
            for part in problem.parts:
                if part.max_score <= 0:
                    continue
                read_as = getattr(part, "read_as", None)  # the grader's reading, where reports carry it
                text = answer_text(read_as if isinstance(read_as, str) else given.get(part.label))
                self.observations.append(Observation(respondent, kind, part.label, problem.id, part.score,
                                                     part.max_score,
                                                     fired_misconceptions(key_parts.get(part.label, {}), part),
                                                     text))
            self.observations.append(Observation(respondent, kind, WHOLE, problem.id, problem.score,
                                                 problem.max_score))

    # ---- tables -----------------------------------------------------------------------

    def titles(self) -> dict[str, str]:
        """Each kind's title, from the key."""
        found: dict[str, str] = {}
        for pid, problem in self.problems.items():
            if isinstance(problem.get("title"), str):
                found.setdefault(self.kind(pid), problem["title"])
        return found

    def named(self) -> dict[tuple[str, str], list[str]]:
        """Every misconception the key names, per kind and part, for the kinds graded."""
        graded = {o.kind for o in self.observations}
        names: dict[tuple[str, str], list[str]] = defaultdict(list)
        for pid, problem in self.problems.items():
            kind = self.kind(pid)
            if kind not in graded:
                continue
            for part in problem.get("parts", []):
                for m in part.get("misconceptions", []) if isinstance(part, Mapping) else []:
                    name = m.get("name") if isinstance(m, Mapping) else None
                    if isinstance(name, str) and name not in names[(kind, part.get("label"))]:
                        names[(kind, part.get("label"))].append(name)
        return names

    def tables(self) -> dict[str, Any]:
        params = {pid: p.get("params") for pid, p in self.problems.items() if isinstance(p.get("params"), Mapping)}
        return {"items": analysis.item_stats(self.observations),
                "mistakes": analysis.mistake_counts(self.observations, self.named()),
                "wrong": analysis.common_wrong_answers(self.observations),
                "params": analysis.param_facility(self.observations, params)}

    def write(self, folder: Path, open_file: Callable[[Path], ContextManager[TextIO]]) -> list[Path]:
        """Write every file of the report into ``folder``; the paths written, in order."""
        tables = self.tables()
        feedback, titles = self.feedback_texts(), self.titles()
        contents = {
            "items.csv": _csv(["kind", "title", "part", "respondents", "facility", "point_biserial",
                               "upper_lower_27", "blank"],
                              [[i.kind, titles.get(i.kind, ""), i.part, i.respondents, _n(i.facility),
                                _n(i.point_biserial), _n(i.upper_lower), _n(i.blank)] for i in tables["items"]]),
            "misconceptions.csv": _csv(["kind", "part", "misconception", "times", "share", "feedback"],
                                       [[m.kind, m.part, m.name, m.times, _n(m.share),
                                         feedback.get((m.kind, m.part, m.name), "")] for m in tables["mistakes"]]),
            "wrong-answers.csv": _csv(["kind", "part", "answer", "times", "share"],
                                      [[w.kind, w.part, w.answer, w.times, _n(w.share)] for w in tables["wrong"]]),
            "params.csv": _csv(["kind", "param", "value", "problems", "facility"],
                               [[p.kind, p.param, p.value, p.problems, _n(p.facility)] for p in tables["params"]]),
        }
        from .class_page import page

        contents["report.html"] = page(self, tables)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name in FILES:
            with open_file(folder / name) as handle:
                handle.write(contents[name])
            written.append(folder / name)
        return written

    def feedback_texts(self) -> dict[tuple[str, str, str], str]:
        """The key's feedback of each (kind, part, misconception), shown beside its count."""
        texts: dict[tuple[str, str, str], str] = {}
        for pid, problem in self.problems.items():
            for part in problem.get("parts", []):
                for m in part.get("misconceptions", []) if isinstance(part, Mapping) else []:
                    if isinstance(m, Mapping) and isinstance(m.get("name"), str):
                        texts.setdefault((self.kind(pid), part.get("label"), m["name"]), str(m.get("feedback", "")))
        return texts


class _Number(str):
    """A number already written as text: never taken for a formula (``-0.25`` is a number)."""


def _n(value: float | None) -> _Number:
    """A statistic with at most 3 decimals; empty when there is none (a correlation of constants)."""
    if value is None or value != value:
        return _Number("")
    text = f"{round(value, 3) + 0.0:.3f}".rstrip("0").rstrip(".")
    return _Number("0" if text in ("-0", "") else text)


def _csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A table as CSV, every text cell guarded against spreadsheet formulas (answers are the students')."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_text(c) if isinstance(c, str) and not isinstance(c, _Number) else c for c in row])
    return buffer.getvalue()

