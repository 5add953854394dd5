"""What an output format of ``probgen export`` is: an :class:`Exporter` registered by name.

``export --format`` offers every registered exporter and ``export`` runs the chosen ones, so
a new output format is one module in this package that calls :func:`register` (and is
imported by ``__init__``), or any code that calls it before the command runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol, Sequence

from ..atomic import write_text

if TYPE_CHECKING:  # pragma: no cover
    from ..sheets import Sheet

#: Written for every sheet (every student's, or the one sheet without a roster), in its folder:
#: one file per variant of the sheet (statements; and with --solutions, solutions).
PER_SHEET = "sheet"
#: Written once per export, into the export folder, from all sheets (a question bank).
PER_EXPORT = "export"
#: The variants of a sheet a per-sheet exporter writes: (file stem, with worked solutions).
VARIANTS = (("worksheet", False), ("solutions", True))


class ExportError(Exception):
    """An export that could not be finished (a folder that cannot be written, a TeX engine
    that is not installed); the message is one sentence."""


class SheetFailed(ExportError):
    """One file of one sheet could not be made (a PDF that would not compile), while the rest
    of the export can be: the export writes everything else and reports the sheet.

    ``reason`` says why in a clause; ``log`` is the file kept beside the sheet to look into.
    """

    def __init__(self, message: str, reason: str = "", log: Path | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message
        self.log = log


@dataclass(frozen=True)
class Failure:
    """A file an export could not make: its folder, its name, why, and the log kept beside it."""

    folder: Path
    file_name: str
    reason: str
    log: Path | None = None


class BankWriter(Protocol):
    """A once-per-export file written as the export goes, so memory does not grow with the class:
    ``add`` each sheet as it is made (only the views the exporter reads), then ``finish``
    writes the file and returns the sentences ``write`` would; ``discard`` drops what was spooled."""

    def add(self, sheet: Sheet) -> None: ...

    def finish(self) -> list[str]: ...

    def discard(self) -> None: ...


@dataclass(frozen=True)
class Exporter:
    """An output format.

    ``file_name`` is the name of what it writes: with ``{stem}`` (``worksheet`` or
    ``solutions``) for a :data:`PER_SHEET` exporter. ``write`` is called as
    ``write(path, sheet, solutions)`` per sheet and variant, or ``write(path, sheets)`` once
    for a :data:`PER_EXPORT` one, which may return sentences naming problems it left out (an
    LMS that cannot ask a part), printed after the files. ``view`` names the format whose rendered problems it lays
    out (each problem is rendered once per format however many exporters read it), and
    ``view_solutions`` asks for worked solutions even on a sheet without them. A
    ``compiled`` exporter runs an outside program on another format's text, so it is written
    after the text formats of the same sheet. ``check`` (optional) raises ExportError when
    the exporter cannot work on this machine (no TeX engine): it runs before any file is written.
    ``stream`` (optional, :data:`PER_EXPORT` only) is called as ``stream(path, spool_folder)``
    and gives a :class:`BankWriter`: ``export`` then hands it each sheet as it is made instead of
    keeping every sheet for ``write``; the file must be the same, byte for byte.
    """

    name: str
    per: str
    file_name: str
    write: Callable[..., Any]
    view: str | None = None
    view_solutions: bool = False
    compiled: bool = False
    check: Callable[[], None] | None = None
    stream: Callable[[Path, Path], BankWriter] | None = None

    def path(self, folder: Path, stem: str = "") -> Path:
        return Path(folder) / self.file_name.format(stem=stem)


#: Every exporter by name, in the order ``--format`` lists them.
EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Make ``exporter`` one of the formats ``probgen export --format`` offers."""
    if exporter.per not in (PER_SHEET, PER_EXPORT):
        raise ValueError(f"exporter {exporter.name!r}: per must be {PER_SHEET!r} or {PER_EXPORT!r}")
    EXPORTERS[exporter.name] = exporter
    return exporter


def text_sheet_exporter(fmt: str) -> Exporter:
    """The exporter of a text format (``md``, ``tex``, ``html``): the sheet laid out in it."""

    def write(path: Path, sheet: Sheet, solutions: bool) -> None:
        try:
            text = sheet.text(fmt, solutions=solutions)
        except ValueError as exc:  # a renderer this installation does not have
            raise ExportError(f"this probgen cannot write {fmt} sheets ({exc}).") from None
        write_text(path, text)

    return Exporter(fmt, PER_SHEET, "{stem}." + fmt, write, view=fmt)


def write_sheet(folder: Path, sheet: Sheet, exporters: Sequence[Exporter], solutions: bool,
                failures: list[Failure] | None = None) -> list[Path]:
    """A sheet's files in ``folder`` in every per-sheet format: the statement sheets, then with
    ``solutions`` the solution sheets; text formats before compiled ones. The paths written.

    With a ``failures`` list, a file that cannot be made (:class:`SheetFailed`) is recorded
    there and the other files are still written; without one it is raised.
    """
    chosen = sorted((e for e in exporters if e.per == PER_SHEET), key=lambda e: e.compiled)
    written: list[Path] = []
    for stem, with_solutions in VARIANTS if solutions else VARIANTS[:1]:
        for exporter in chosen:
            path = exporter.path(folder, stem)
            try:
                exporter.write(path, sheet, with_solutions)
            except SheetFailed as exc:
                if failures is None:
                    raise
                failures.append(Failure(Path(folder), path.name, exc.reason, exc.log))
                continue
            written.append(path)
    return written


def check_all(exporters: Sequence[Exporter]) -> None:
    """ExportError when one of ``exporters`` cannot work here, before anything is written."""
    for exporter in exporters:
        if exporter.check is not None:
            exporter.check()


def needed_views(exporters: Sequence[Exporter], solutions: bool) -> dict[str, bool]:
    """The formats the exporters lay out, each with whether its worked solutions are needed."""
    views: dict[str, bool] = {}
    for exporter in exporters:
        if exporter.view is not None:
            views[exporter.view] = views.get(exporter.view, False) or solutions or exporter.view_solutions
    return views
