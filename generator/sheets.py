"""The one sheet pipeline that ``make`` and ``export`` (and later a practice page) share.

    kinds -> positions and seeds -> instances -> rendered views -> laid out per format -> files
    (selection)  (worksheet.instance_at)   (making)  (Sheet.text)        (exporters)

A :class:`SheetSpec` says what a sheet holds; :func:`build` makes its problems and renders
them in the formats asked for (each problem once per format, on several processes for long
sheets); the :class:`Sheet` it returns lays them out and gives the key and the blank
submission. What differs between commands is said by explicit options, never by which
command asks: the title, the figure mode and whether solutions are rendered (in
:class:`.making.View`), and whether JSON files escape non-ASCII text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from probgen.contract import DEFAULT_CREDIT, DEFAULT_DIFFICULTY
from probgen.problems.model import Kind

from . import keyfile, making
from . import worksheet as ws
from .atomic import write_text
from .making import Made, View

__all__ = ["SheetSpec", "Sheet", "View", "build", "json_text", "KEY_FILE", "SUBMISSION_FILE"]

KEY_FILE = "answer-key.json"
SUBMISSION_FILE = "submission.json"


@dataclass(frozen=True)
class SheetSpec:
    """What a sheet holds: ``n`` problems cycling through ``kinds``, from ``seed``.

    ``student`` (a roster id) seeds a student's own variant; ``params`` are hand-given params of
    a single kind; ``topics`` the topic versions the kinds were chosen by (the key records them).
    With a course ``secret`` the sheet is handed out: its ids carry tokens only the secret makes
    into problems, and it does not print its seed. ``credit`` is the rule its array parts are
    graded by (the key says it per part).
    """

    kinds: tuple[Kind, ...]
    n: int
    seed: int
    difficulty: str = DEFAULT_DIFFICULTY
    title: str = ""
    params: dict[str, Any] | None = None
    student: str | None = None
    topics: Mapping[str, int] = field(default_factory=dict)
    secret: bytes | None = field(default=None, repr=False)
    credit: str = DEFAULT_CREDIT

    @property
    def handed_out(self) -> bool:
        return self.secret is not None


@dataclass(frozen=True)
class Sheet:
    """A sheet's problems, made and rendered; laid out per format on demand (and only once)."""

    spec: SheetSpec
    problems: tuple[Made, ...]
    _texts: dict[tuple[str, bool, bool], str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def title(self) -> str:
        return self.spec.title

    def text(self, fmt: str, *, solutions: bool, written: bool = True) -> str:
        """The sheet in ``fmt``: statements, or with ``solutions`` worked solutions and answers.

        ``written`` says the sheet is a file beside a blank submission (its note says so).
        """
        at = (fmt, solutions, written)
        if at not in self._texts:
            views = [p.views[fmt] for p in self.problems]
            seed = None if self.spec.handed_out else self.spec.seed  # the seed stays with staff
            self._texts[at] = ws.layout(self.title, seed, self.spec.difficulty, views, fmt,
                                        solutions=solutions, written=written, handed_out=self.spec.handed_out)
        return self._texts[at]

    def key(self) -> dict[str, Any]:
        """The answer key of this sheet alone, a key entry per position (see :func:`answer_key`)."""
        return keyfile.answer_key_of([p.key for p in self.problems], title=self.title, seed=self.spec.seed,
                                     topics=self.spec.topics)

    def submission(self) -> dict[str, Any]:
        """A blank submission for this sheet, naming its student (if any)."""
        return keyfile.blank_submission_of([(p.id, p.labels) for p in self.problems], self.spec.student or "")

    def figure_files(self) -> dict[str, str]:
        """Figure files (path -> SVG) the sheet's Markdown links to."""
        return {name: svg for p in self.problems for name, svg in p.figures.items()}


def build(spec: SheetSpec, views: Sequence[View], *, with_key: bool = True, jobs: int = 1,
          progress: making.Progress | None = None) -> Sheet:
    """Make the sheet's problems and render each in every view (see :func:`.making.make_problems`)."""
    recipe = making.Recipe(tuple((k.id, k.version) for k in spec.kinds), spec.seed, spec.difficulty, spec.params,
                           spec.student, tuple(views), with_key, spec.secret, spec.credit)
    return Sheet(spec, tuple(making.make_problems(list(spec.kinds), spec.n, recipe, jobs, progress)))


def unique_problems(sheets: Sequence[Sheet]) -> list[Made]:
    """All problems of several sheets, each once, in sheet order (two students may share one)."""
    seen: dict[str, Made] = {}
    for sheet in sheets:
        for problem in sheet.problems:
            seen.setdefault(problem.id, problem)
    return list(seen.values())


def answer_key(sheets: Sequence[Sheet], *, title: str, seed: int) -> dict[str, Any]:
    """The key of every problem of ``sheets``; with students, also ``"students": {id: [problem ids]}``."""
    topics = {t: v for s in sheets for t, v in s.spec.topics.items()}
    key = keyfile.answer_key_of([p.key for p in unique_problems(sheets)], title=title, seed=seed, topics=topics)
    students = {s.spec.student: [p.id for p in s.problems] for s in sheets if s.spec.student is not None}
    if students:
        key["students"] = students
    return key


def json_text(data: Any, *, ascii_only: bool) -> str:
    """A JSON file's text. ``make`` has always escaped non-ASCII text and ``export`` has not."""
    return json.dumps(data, indent=2, ensure_ascii=ascii_only) + "\n"


def write_submission(folder: Path, sheet: Sheet, *, ascii_only: bool) -> Path:
    return write_text(folder / SUBMISSION_FILE, json_text(sheet.submission(), ascii_only=ascii_only))


def write_figures(folder: Path, sheet: Sheet) -> int:
    """The SVG files the sheet's Markdown links to, under ``folder``; how many there are."""
    files = sheet.figure_files()
    if files:
        (folder / "figures").mkdir(exist_ok=True)
        for name, svg in files.items():
            write_text(folder / name, svg)
    return len(files)
