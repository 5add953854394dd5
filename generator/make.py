"""``probgen make``: a practice sheet printed, or written with its solutions, key and blank submission.

The sheet goes through the same pipeline as an export (:mod:`.sheets`); what is particular to
practice is said here: a printed sheet shows figures as nothing (its grids are text already)
and needs no key; a written one links SVG figure files and always has its solution sheet;
``json`` is the answer key with each problem's statement (Markdown, figures inline).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from probgen.contract import DEFAULT_CREDIT, DEFAULT_DIFFICULTY
from probgen.problems.model import ParamError

from . import sheets
from .atomic import interrupts_deferred, write_text
from .exporters import EXPORTERS, ExportError, write_sheet
from .instances import param_names
from .keyfile import JSON_SHEET as JSON
from .making import Progress, View
from .seeding import fresh_seed
from .selection import BadRequest, Selection, reproduce
from .sheets import KEY_FILE, SUBMISSION_FILE, Sheet, SheetSpec

TITLE = "Practice"


@dataclass(frozen=True)
class Practice:
    """A ``make`` run: the sheet, its format, and where it goes (``out_dir`` None: stdout)."""

    spec: SheetSpec
    fmt: str
    solutions: bool = False
    out_dir: Path | None = None
    jobs: int = 0
    selection: Selection | None = None

    @property
    def written(self) -> bool:
        return self.out_dir is not None

    @property
    def view(self) -> View:
        with_solutions = self.solutions or self.written
        if self.fmt == JSON:
            return View("md", "inline", with_solutions)
        return View(self.fmt, "files" if self.written else "none", with_solutions)


def plan(selection: Selection, *, n: int | None = None, seed: int | None = None, difficulty: str = DEFAULT_DIFFICULTY,
         params: dict[str, Any] | None = None, fmt: str = "md", solutions: bool = False, title: str = "",
         out_dir: Path | None = None, jobs: int = 0, secret: bytes | None = None,
         credit: str = DEFAULT_CREDIT) -> Practice:
    """A ``make`` run from its options: by default one problem of each kind, a fresh seed and
    the title ``Practice: <topics and kinds>``. BadRequest when ``params`` cannot apply.

    With a course ``secret`` the sheet is handed out (its ids need the secret to grade);
    ``credit`` is the rule its array parts are graded by."""
    if params is not None:
        if len(selection.kinds) != 1 or selection.topics:
            raise BadRequest("--params needs exactly one --template, since params belong to one problem kind.")
        kind = selection.kinds[0]
        known = param_names(kind)
        unknown = sorted(set(params) - known)
        if unknown:
            raise BadRequest(f"{kind.id} has no param {', '.join(map(repr, unknown))}; "
                             f"its params are {', '.join(sorted(known))}.")
    spec = SheetSpec(selection.kinds, selection.count(n), seed if seed is not None else fresh_seed(), difficulty,
                     title or selection.title(TITLE), params, topics=selection.topics, secret=secret, credit=credit)
    return Practice(spec, fmt, solutions, out_dir, jobs, selection)


def build(practice: Practice, progress: Progress | None = None) -> Sheet:
    """The sheet's problems, rendered; BadRequest when hand-given params describe no problem."""
    with_key = practice.fmt == JSON or practice.written  # a printed practice sheet needs none
    try:
        return sheets.build(practice.spec, [practice.view], with_key=with_key, jobs=practice.jobs, progress=progress)
    except ParamError as exc:
        raise BadRequest(f"{practice.spec.kinds[0].id}: {exc}") from None


def key_with_statements(practice: Practice, sheet: Sheet) -> dict[str, Any]:
    key = sheet.key()
    fmt = practice.view.fmt
    for problem, made in zip(key["problems"], sheet.problems):
        problem["statement"] = made.views[fmt]["statement"]
        if practice.view.solutions:
            problem["solution"] = made.views[fmt]["solution"]
    return key


def sheet_text(practice: Practice, sheet: Sheet) -> str:
    """What ``make`` prints, or writes as ``worksheet.<format>``."""
    if practice.fmt == JSON:
        return sheets.json_text(key_with_statements(practice, sheet), ascii_only=True)
    return sheet.text(practice.fmt, solutions=practice.solutions and not practice.written, written=practice.written)


def write(practice: Practice, sheet: Sheet) -> list[str]:
    """Write the sheet's files into ``out_dir``; what was written, one line each.

    ExportError (one sentence) when the folder cannot be written.
    """
    out = practice.out_dir
    assert out is not None
    written: list[str] = []
    try:
        with interrupts_deferred():
            out.mkdir(parents=True, exist_ok=True)
            if practice.fmt == JSON:
                written.append(str(write_text(out / "worksheet.json", sheet_text(practice, sheet))))
            else:
                written += map(str, write_sheet(out, sheet, [EXPORTERS[practice.fmt]], solutions=True))
                figures = sheets.write_figures(out, sheet)
                if figures:
                    written.append(f"{out / 'figures'}{os.sep} ({figures} SVG figures linked from the sheets)")
            written.append(str(write_text(out / KEY_FILE, sheets.json_text(sheet.key(), ascii_only=True))))
            written.append(str(sheets.write_submission(out, sheet, ascii_only=True)))
    except OSError as exc:
        raise ExportError(f"cannot write into {out}: {exc.strerror or exc}.") from None
    return written


def summary(practice: Practice, sheet: Sheet) -> str:
    """The last line ``make --out`` prints: what was made, how to make it again, what to do next."""
    spec = practice.spec
    again = f" ({reproduce(practice.selection, spec.n, spec.seed, spec.difficulty, spec.params)} makes the same " \
            f"sheet again)" if practice.selection is not None else ""
    submission = practice.out_dir / SUBMISSION_FILE if practice.out_dir is not None else SUBMISSION_FILE
    if spec.handed_out:
        key = practice.out_dir / KEY_FILE if practice.out_dir is not None else KEY_FILE
        return (f"{len(sheet.problems)} problems, seed {spec.seed}{again}, handed out: its ids grade only with "
                f"the key or the course secret (probgen grade SUBMISSIONS --key {key}).")
    return (f"{len(sheet.problems)} problems, seed {spec.seed}{again}. Answer in {submission}, "
            f"then: probgen grade {submission}")
