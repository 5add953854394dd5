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

from . import sheets
from .atomic import write_text
from .exporters import EXPORTERS, ExportError
from .making import Progress, View
from .sheets import KEY_FILE, Sheet, SheetSpec

#: What ``make --format`` offers besides the sheet formats: the key with each statement.
JSON = "json"


@dataclass(frozen=True)
class Practice:
    """A ``make`` run: the sheet, its format, and where it goes (``out_dir`` None: stdout)."""

    spec: SheetSpec
    fmt: str
    solutions: bool = False
    out_dir: Path | None = None
    jobs: int = 0

    @property
    def written(self) -> bool:
        return self.out_dir is not None

    @property
    def view(self) -> View:
        with_solutions = self.solutions or self.written
        if self.fmt == JSON:
            return View("md", "inline", with_solutions)
        return View(self.fmt, "files" if self.written else "none", with_solutions)


def build(practice: Practice, progress: Progress | None = None) -> Sheet:
    """The sheet's problems, rendered (ParamError when hand-given params describe no problem)."""
    with_key = practice.fmt == JSON or practice.written  # a printed practice sheet needs none
    return sheets.build(practice.spec, [practice.view], with_key=with_key, jobs=practice.jobs, progress=progress)


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
        out.mkdir(parents=True, exist_ok=True)
        if practice.fmt == JSON:
            written.append(str(write_text(out / "worksheet.json", sheet_text(practice, sheet))))
        else:
            exporter = EXPORTERS[practice.fmt]
            for stem, with_solutions in sheets.STEMS:
                path = exporter.path(out, stem)
                exporter.write(path, sheet, with_solutions)
                written.append(str(path))
            figures = sheets.write_figures(out, sheet)
            if figures:
                written.append(f"{out / 'figures'}{os.sep} ({figures} SVG figures linked from the sheets)")
        written.append(str(write_text(out / KEY_FILE, sheets.json_text(sheet.key(), ascii_only=True))))
        written.append(str(sheets.write_submission(out, sheet, ascii_only=True)))
    except OSError as exc:
        raise ExportError(f"cannot write into {out}: {exc.strerror or exc}.") from None
    return written
