"""``--format qti21``: an IMS QTI 2.1 content package of every problem of the export (see qti21).

``export`` streams the package (:class:`Qti21Writer`): each item file is spooled as its sheet
is made and the zip is put together at the end, the same, byte for byte, as :func:`write` makes
from all sheets in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..atomic import atomic_open_binary, write_bytes
from .base import PER_EXPORT, Exporter, ExportError, register

if TYPE_CHECKING:  # pragma: no cover
    from ..sheets import Sheet

FILE_NAME = "qti21.zip"


def _failed(exc: ValueError) -> ExportError:  # a renderer this installation does not have
    return ExportError(f"this probgen cannot write the QTI 2.1 export ({exc}).")


def write(path: Path, sheets: Sequence[Sheet]) -> list[str]:
    """The package of every problem of the export, each once, from the HTML views."""
    from ..formats import get
    from ..qti21 import Question
    from ..qti21_package import package, zip_bytes
    from ..sheets import unique_problems

    questions = [Question(p.key, p.views["html"]["statement"], p.views["html"]["solution"])
                 for p in unique_problems(sheets)]
    title = sheets[0].title if sheets else "probgen"
    skipped: list[str] = []
    try:
        files = package(questions, get("html").inline, title, skipped)
    except ValueError as exc:
        raise _failed(exc) from None
    write_bytes(path, zip_bytes(files))
    return skipped


class Qti21Writer:
    """The package of :func:`write`, written a sheet at a time (each problem once, by id). The
    manifest and the test list every item, so item ids and figure names stay in memory."""

    def __init__(self, path: Path, spool_folder: Path) -> None:
        from ..bank_spool import Records
        from ..formats import get

        try:
            self._inline: Any = get("html").inline
        except ValueError as exc:
            raise _failed(exc) from None
        self.path = Path(path)
        self._spool = Path(spool_folder) / f".{FILE_NAME}.spool"
        self._items = Records(self._spool / "items.part")
        self._figures = Records(self._spool / "figures.part")
        self._title: str | None = None
        self._item_figures: dict[str, list[str]] = {}
        self._figure_names: list[str] = []
        self._sections: dict[str, tuple[str, list[str]]] = {}
        self._skipped: list[str] = []
        self._seen: set[str] = set()

    def add(self, sheet: Sheet) -> None:
        from ..lms import left_out
        from ..qti21 import Question, item_xml

        if self._title is None:
            self._title = sheet.title
        for problem in sheet.problems:
            if problem.id in self._seen:
                continue
            self._seen.add(problem.id)
            q = Question(problem.key, problem.views["html"]["statement"], problem.views["html"]["solution"])
            figures: dict[str, str] = {}
            try:
                item_id, data = item_xml(q, self._inline, figures)
            except ValueError as exc:  # a part of a type the LMS exports do not know
                self._skipped.append(left_out(q.key, "QTI 2.1", exc))
                item_id = None
            for name, svg in figures.items():   # as the package keeps them, even a left-out item's
                self._figures.add(name, svg.encode("utf-8"))
                self._figure_names.append(name)
            if item_id is None:
                continue
            self._items.add(f"items/{item_id}.xml", data)
            self._item_figures[item_id] = list(figures)
            kind_id = q.key["template"]
            self._sections.setdefault(kind_id, (f"{q.key.get('title') or kind_id} ({kind_id})", []))[1].append(item_id)

    def finish(self) -> list[str]:
        from ..bank_spool import zip_entry, zip_writer
        from ..qti21 import FIGURES, TEST_FILE, qti_id
        from ..qti21_package import manifest_xml, test_xml

        try:
            manifest = manifest_xml(self._item_figures, self._figure_names)
            test = test_xml(self._title if self._title is not None else "probgen",
                            [(qti_id("S", kind_id), section_title, ids)
                             for kind_id, (section_title, ids) in self._sections.items()])
            with atomic_open_binary(self.path) as out, zip_writer(out) as archive:
                for name, data in (("imsmanifest.xml", manifest), (TEST_FILE, test)):
                    with zip_entry(archive, name) as entry:
                        entry.write(data)
                for records, prefix in ((self._items, ""), (self._figures, FIGURES)):
                    for name, data in records:
                        with zip_entry(archive, prefix + name) as entry:
                            entry.write(data)
        except ValueError as exc:
            raise _failed(exc) from None
        finally:
            self.discard()
        return self._skipped

    def discard(self) -> None:
        from ..bank_spool import remove

        self._items.discard()
        self._figures.discard()
        remove(self._spool)


QTI21 = register(Exporter("qti21", PER_EXPORT, FILE_NAME, write, view="html", view_solutions=True,
                          stream=Qti21Writer))
