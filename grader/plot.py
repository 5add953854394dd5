"""The grade distribution of a class as an SVG histogram, written by hand (no plotting library).

Scores are binned by their share of the submission's maximum (students' variants may carry
different points), in ten bins of 10 %: 0–10, 10–20, ..., 90–100, where the last bin holds
full marks too. Each bar is a ``<rect class="bar">`` with ``data-bin`` and ``data-count``
attributes and its count written above it, so the file is easy to check as well as to look at.
Submissions that could not be graded at all (maximum 0) are left out and counted in the caption.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Sequence

from .results import SubmissionReport

SVG_NS = "http://www.w3.org/2000/svg"
BINS = 10
WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 48, 72


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


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrib: object) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrib.items()})
    if text is not None:
        element.text = text
    return element


def bin_of(score: float | int, max_score: float | int) -> int | None:
    """The bin of one submission's total, or None when it could not be graded at all."""
    if max_score <= 0:
        return None
    share = Fraction(str(score)) / Fraction(str(max_score))
    return min(BINS - 1, max(0, math.floor(share * BINS)))


def histogram_svg(reports: Sequence[SubmissionReport], title: str = "Grade distribution") -> str:
    """An SVG document: bars of the number of submissions per score bin, with axes and labels."""
    counts = bin_counts(reports)
    return histogram_from_counts(counts, len(reports) - sum(counts), title)


def histogram_from_counts(counts: Sequence[int], skipped: int = 0, title: str = "Grade distribution") -> str:
    """The histogram from bin counts, so a large batch need not keep its reports."""
    counts = list(counts)
    graded = sum(counts)
    top = max(counts + [1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bar_w = plot_w / BINS

    svg = ET.Element("svg", {"xmlns": SVG_NS, "width": str(WIDTH), "height": str(HEIGHT),
                             "viewBox": f"0 0 {WIDTH} {HEIGHT}", "font-family": "sans-serif", "font-size": "12"})
    _el(svg, "title", f"{title}: {graded} submission{'s' if graded != 1 else ''}")
    _el(svg, "rect", x=0, y=0, width=WIDTH, height=HEIGHT, fill="white")
    _el(svg, "text", title, x=WIDTH / 2, y=24, text_anchor="middle", font_size=16, class_="heading")

    # y axis with integer ticks
    step = max(1, math.ceil(top / 5))
    for value in range(0, top + 1, step):
        y = TOP + plot_h - plot_h * value / top
        _el(svg, "line", x1=LEFT - 4, y1=f"{y:.1f}", x2=LEFT + plot_w, y2=f"{y:.1f}", stroke="#ddd")
        _el(svg, "text", str(value), x=LEFT - 8, y=f"{y + 4:.1f}", text_anchor="end")
    _el(svg, "line", x1=LEFT, y1=TOP, x2=LEFT, y2=TOP + plot_h, stroke="black")
    _el(svg, "line", x1=LEFT, y1=TOP + plot_h, x2=LEFT + plot_w, y2=TOP + plot_h, stroke="black")

    for i, (label, count) in enumerate(zip(bin_labels(), counts)):
        x = LEFT + i * bar_w
        h = plot_h * count / top
        _el(svg, "rect", x=f"{x + 2:.1f}", y=f"{TOP + plot_h - h:.1f}", width=f"{bar_w - 4:.1f}", height=f"{h:.1f}",
            fill="#4a7ebb", class_="bar", data_bin=label, data_count=count)
        if count:
            _el(svg, "text", str(count), x=f"{x + bar_w / 2:.1f}", y=f"{TOP + plot_h - h - 4:.1f}",
                text_anchor="middle", class_="count")
        _el(svg, "text", label, x=f"{x + bar_w / 2:.1f}", y=TOP + plot_h + 16, text_anchor="middle")

    _el(svg, "text", "Score (% of the maximum)", x=LEFT + plot_w / 2, y=HEIGHT - 30, text_anchor="middle",
        class_="axis-label")
    _el(svg, "text", "Submissions", x=16, y=TOP + plot_h / 2, text_anchor="middle",
        transform=f"rotate(-90 16 {TOP + plot_h / 2:.1f})", class_="axis-label")
    caption = f"{graded} graded submission{'s' if graded != 1 else ''}"
    if skipped:
        caption += f"; {skipped} that could not be graded left out"
    _el(svg, "text", caption, x=LEFT + plot_w / 2, y=HEIGHT - 10, text_anchor="middle", fill="#555")
    ET.indent(svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode") + "\n"
