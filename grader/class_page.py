"""The class report as one HTML page: tables and plots, no script, nothing fetched from a network.

``analysis`` is a :class:`.class_report.ClassAnalysis` (its bins, title, titles and
feedback texts). Every text that came from a key or a submission is escaped; the plots are SVG images in
``data:`` URIs (:mod:`.report_plots`).
"""

from __future__ import annotations

from html import escape
from typing import Any, Sequence

from . import report_plots
from .analysis import WHOLE

LOW_DISCRIMINATION = report_plots.LOW

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 64em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f5f8; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.low td { background: #fbeaea; } tr.whole td { font-weight: 600; } tr.none td { color: #999; }
img { max-width: 100%; height: auto; display: block; margin: 0.5em 0; }
p.note { color: #555; font-size: 0.9em; max-width: 48em; } code { font-size: 0.95em; }
"""


def _fmt(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{100 * value:.0f}%" if percent else f"{value:.2f}"


def _table(header: Sequence[str], rows: Sequence[tuple[str, Sequence[tuple[str, bool]]]]) -> str:
    """``rows``: (row class, cells as (text, is a number)); all text escaped here."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        f'<tr class="{cls}">' + "".join(f'<td class="num">{escape(t)}</td>' if num else f"<td>{escape(t)}</td>"
                                         for t, num in cells) + "</tr>"
        for cls, cells in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _img(svg: str | None, alt: str) -> str:
    return f'<img src="{report_plots.data_uri(svg)}" alt="{escape(alt)}">' if svg else ""


def _items(analysis: Any, items: Sequence[Any]) -> str:
    titles = analysis.titles()
    parts_of: dict[str, int] = {}
    for i in items:
        parts_of[i.kind] = parts_of.get(i.kind, 0) + (i.part != WHOLE)
    rows = []
    for i in items:
        if i.part == WHOLE and parts_of[i.kind] == 1:
            continue  # the same numbers as its one part
        low = i.part != WHOLE and i.point_biserial is not None and i.point_biserial < LOW_DISCRIMINATION
        cls = "whole" if i.part == WHOLE else "low" if low else ""
        rows.append((cls, [(i.kind, False), (titles.get(i.kind, ""), False), (i.part, False),
                           (str(i.respondents), True), (_fmt(i.facility, True), True), (_fmt(i.point_biserial), True),
                           (_fmt(i.upper_lower), True), ("" if i.part == WHOLE else _fmt(i.blank, True), True)]))
    return _table(["kind", "title", "part", "students", "facility", "point-biserial", "upper–lower 27 %", "blank"],
                  rows)


def page(analysis: Any, tables: dict[str, Any]) -> str:
    """The whole report page."""
    items, mistakes, wrong, params = tables["items"], tables["mistakes"], tables["wrong"], tables["params"]
    graded = sum(analysis.bins)
    title = "Class report"
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
             f"<style>{STYLE}</style></head><body>", f"<h1>{escape(title)}</h1>",
             f"<p>{graded} submission{'s' if graded != 1 else ''} graded against the key"
             + (f" of <i>{escape(analysis.title)}</i>" if analysis.title else "")
             + (f"; {analysis.ungraded} could not be graded" if analysis.ungraded else "") + ".</p>",
             _img(report_plots.grade_histogram(analysis.bins, analysis.ungraded), "Grade distribution"),
             "<h2>Parts: facility and discrimination</h2>",
             "<p class=\"note\">Every student has their own variant, so variants of a kind are pooled. "
             "<b>Facility</b>: the share of the points the class earned. <b>Point-biserial</b>: the "
             "correlation between a part's score and the rest of the student's total; below "
             f"{LOW_DISCRIMINATION} (shaded) the part tells strong and weak students apart poorly. "
             "<b>Upper–lower 27 %</b>: facility among the top 27 % of totals minus among the bottom 27 %.</p>",
             _img(report_plots.item_map(items), "Parts by facility and point-biserial"), _items(analysis, items)]

    parts.append("<h2>Named misconceptions</h2>")
    parts.append(_img(report_plots.mistakes_chart(mistakes), "Misconceptions that fired most often"))
    feedback = analysis.feedback_texts()
    parts.append(_table(["kind", "part", "misconception", "times", "share of answers", "feedback"],
                        [("" if m.times else "none",
                          [(m.kind, False), (m.part, False), (m.name, False), (str(m.times), True),
                           (_fmt(m.share, True), True), (feedback.get((m.kind, m.part, m.name), ""), False)])
                         for m in sorted(mistakes, key=lambda m: (m.kind, m.part, -m.times, m.name))]))

    parts.append("<h2>Common wrong answers that match no named misconception</h2>")
    parts.append("<p class=\"note\">As the students wrote them (spaces collapsed); a frequent one is a "
                 "mistake worth naming.</p>")
    parts.append(_table(["kind", "part", "answer", "times", "share of answers"],
                        [("", [(w.kind, False), (w.part, False), (w.answer, False), (str(w.times), True),
                               (_fmt(w.share, True), True)]) for w in wrong])
                 if wrong else "<p>None: every wrong answer matched a named misconception.</p>")

    parts.append("<h2>Facility by param value</h2>")
    if params:
        panels = len({(p.kind, p.param) for p in params})
        if panels > report_plots.PARAM_PANELS:
            parts.append(f"<p class=\"note\">The first {report_plots.PARAM_PANELS} of {panels} params are "
                         "plotted; the table lists them all.</p>")
        parts.append(_img(report_plots.params_chart(params), "Facility by param value"))
        parts.append(_table(["kind", "param", "value", "problems", "facility"],
                            [("", [(p.kind, False), (p.param, False), (p.value, False), (str(p.problems), True),
                                   (_fmt(p.facility, True), True)]) for p in params]))
    else:
        parts.append("<p>No kind varied a param across the graded problems.</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
