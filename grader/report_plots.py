"""The class report's plots, drawn by matplotlib as SVG documents.

Figures are made with matplotlib's object interface (``Figure``), never ``pyplot``, so
nothing global is touched and no display is needed. The SVG carries no date and fixed ids
(``svg.hashsalt``), so the same class gives the same file; the HTML embeds each plot as an
image (a ``data:`` URI), which keeps the page one file, keeps the plots' ids apart and runs
nothing.
"""

from __future__ import annotations

import base64
import functools
import io
from typing import Any, Callable, Sequence

from .analysis import WHOLE, ItemStats, MistakeCount, ParamFacility
from .plot import bin_labels

BAR = "#4a7ebb"
LOW = 0.2  # point-biserial below which a part discriminates poorly
PARAM_PANELS = 12  # (kind, param) panels plotted; the table lists every one
# Text stays text in the SVG (``fonttype: none``): drawing glyphs as paths costs seconds on a
# class-sized report, and the browser has a sans-serif font anyway.
_RC = {"svg.hashsalt": "probgen-class-report", "svg.fonttype": "none", "font.size": 9,
       "font.family": "sans-serif"}


def _styled(draw: Callable[..., str | None]) -> Callable[..., str | None]:
    """``draw`` run with the report's matplotlib settings (fonts are read as artists are made)."""
    @functools.wraps(draw)
    def run(*args: Any, **kwargs: Any) -> str | None:
        import matplotlib

        with matplotlib.rc_context(_RC):
            return draw(*args, **kwargs)

    return run


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def data_uri(svg: str) -> str:
    """An SVG document as a ``data:`` URI for an ``<img>``: the page stays one file."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _figure(width: float, height: float, layout: str | None = "constrained"):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout=layout)


@_styled
def grade_histogram(counts: Sequence[int], skipped: int = 0) -> str:
    """Submissions per 10 % bin of their maximum (the last bin holds full marks)."""
    fig = _figure(7, 3.2)
    ax = fig.subplots()
    labels = bin_labels()
    bars = ax.bar(labels, counts, color=BAR)
    ax.bar_label(bars, labels=[str(c) if c else "" for c in counts])
    ax.set_xlabel("Score (% of the maximum)")
    ax.set_ylabel("Submissions")
    graded = sum(counts)
    title = f"Grade distribution: {graded} graded submission{'s' if graded != 1 else ''}"
    ax.set_title(title + (f" ({skipped} ungradable left out)" if skipped else ""))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


@_styled
def item_map(items: Sequence[ItemStats]) -> str:
    """Each part as a point: facility across, point-biserial up; the low-discrimination band
    shaded, and only the parts worth a look labelled (a class's parts cluster, and labels on
    every point overlap into a smudge): poor discrimination, or nearly nobody or everybody right."""
    parts = [i for i in items if i.part != WHOLE and i.point_biserial is not None]
    fig = _figure(7, 4.2)
    ax = fig.subplots()
    ax.axhspan(-1, LOW, color="#f3d9d9", zorder=0)
    ax.axhline(0, color="#999", linewidth=0.8)
    ax.scatter([i.facility for i in parts], [i.point_biserial for i in parts], color=BAR, zorder=2)
    for i in parts:
        if i.point_biserial < LOW or not 0.1 <= i.facility <= 0.95:
            ax.annotate(f"{i.kind} {i.part}", (i.facility, i.point_biserial), fontsize=7,
                        xytext=(4, 3), textcoords="offset points")
    ax.set_xlim(-0.02, 1.05)
    low = min([i.point_biserial for i in parts] + [-0.1])
    ax.set_ylim(max(-1.0, low - 0.1), 1.0)
    ax.set_xlabel("Facility (share of the points earned)")
    ax.set_ylabel("Point-biserial (part vs rest of total)")
    ax.set_title(f"Parts by facility and discrimination (shaded: below {LOW}, labelled: worth a look)")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


@_styled
def mistakes_chart(mistakes: Sequence[MistakeCount], top: int = 15) -> str | None:
    """The misconceptions that fired most often, as a share of the answers to their part."""
    shown = sorted((m for m in mistakes if m.times), key=lambda m: (-m.share, m.kind, m.part, m.name))[:top]
    if not shown:
        return None
    fig = _figure(8, 0.9 + 0.3 * len(shown))
    ax = fig.subplots()
    shown = shown[::-1]  # the most frequent at the top
    positions = range(len(shown))  # numbers, not names: two kinds may share a part and a mistake name
    bars = ax.barh(positions, [100 * m.share for m in shown], color="#c0504d")
    ax.set_yticks(positions, [f"{m.kind} {m.part}: {m.name}" for m in shown])
    ax.bar_label(bars, labels=[f"{m.times}" for m in shown], padding=2, fontsize=7)
    ax.set_xlabel("% of the answers to the part (count at the bar's end)")
    ax.set_title("Named misconceptions that fired most often")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


@_styled
def params_chart(lines: Sequence[ParamFacility], limit: int = PARAM_PANELS) -> str | None:
    """Facility by param value, one small panel per (kind, param)."""
    groups: dict[tuple[str, str], list[ParamFacility]] = {}
    for line in lines:
        groups.setdefault((line.kind, line.param), []).append(line)
    if not groups:
        return None
    panels = list(groups.items())[:limit]
    cols = min(3, len(panels))
    rows = -(-len(panels) // cols)
    fig = _figure(3 * cols, 2.4 * rows, layout=None)  # a fixed grid: constrained layout costs seconds here
    axes = fig.subplots(rows, cols, squeeze=False)
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.25 / rows, top=1 - 0.4 / (2.4 * rows),
                        hspace=0.8, wspace=0.35)
    for ax, ((kind, param), values) in zip(axes.flat, panels):
        bars = ax.bar([v.value for v in values], [v.facility for v in values], color=BAR)
        ax.bar_label(bars, labels=[f"n={v.problems}" for v in values], fontsize=7)
        ax.set_ylim(0, 1.15)
        ax.set_ylabel("facility", fontsize=7)
        ax.set_title(f"{kind}\n{param}", fontsize=8)
        ax.tick_params(axis="x", labelsize=7, labelrotation=30 if len(values) > 4 else 0)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    return _svg(fig)
