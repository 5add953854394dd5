"""``--format canvas``: a Canvas QTI 1.2 zip of every problem of the export (see canvas_qti).

Returns a sentence per problem Canvas cannot ask (the rest is written), which ``export``
prints after the files it wrote. ``export`` streams the zip (:class:`CanvasWriter`): each item
is spooled to its kind's file as its sheet is made and the zip is put together at the end, the
same, byte for byte, as :func:`write` makes from all sheets in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..atomic import atomic_open_binary, write_bytes
from .base import PER_EXPORT, Exporter, ExportError, register

if TYPE_CHECKING:  # pragma: no cover
    from ..bank_spool import Records
    from ..sheets import Sheet

VIEW = "canvas-html"
FILE_NAME = "canvas.zip"


def _failed(exc: ValueError) -> ExportError:  # a renderer this installation does not have
    return ExportError(f"this probgen cannot write the Canvas export ({exc}).")


def write(path: Path, sheets: Sequence[Sheet]) -> list[str]:
    """The zip of every problem of the export, each once, from the Canvas HTML views."""
    from ..canvas_package import package, zip_bytes
    from ..canvas_qti import Question
    from ..formats import get
    from ..sheets import unique_problems

    questions = [Question(p.key, p.views[VIEW]["statement"], p.views[VIEW]["solution"])
                 for p in unique_problems(sheets)]
    try:
        built = package(questions, get(VIEW).inline)
    except ValueError as exc:
        raise _failed(exc) from None
    write_bytes(path, zip_bytes(built.files))
    return built.skipped


@dataclass
class _Kind:
    """What an assessment needs besides its items: its title, points, and what was left out."""

    title: str
    points: float
    items: int = 0
    skipped: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)


class CanvasWriter:
    """The zip of :func:`write`, written a sheet at a time (each problem once, by id)."""

    def __init__(self, path: Path, spool_folder: Path) -> None:
        from ..bank_spool import KindSpool
        from ..canvas_qti import ident_hash
        from ..formats import get

        try:
            self._inline: Any = get(VIEW).inline
        except ValueError as exc:
            raise _failed(exc) from None
        self.path = Path(path)
        self._spool = Path(spool_folder) / f".{FILE_NAME}.spool"
        self._items = KindSpool(self._spool / "items")
        self._figures: dict[str, Records] = {}      # per kind: the package lists figures kind by kind
        self._kinds: dict[str, _Kind] = {}
        self._ids_hash = ident_hash()        # the manifest's identifier hashes every problem id
        self._seen: set[str] = set()

    def add(self, sheet: Sheet) -> None:
        from ..bank_spool import Records
        from ..canvas_package import item_bytes
        from ..canvas_qti import Question, points_of, question_item
        from ..lms import CannotExpress, left_out

        for problem in sheet.problems:
            if problem.id in self._seen:
                continue
            self._ids_hash.update((("|" if self._seen else "") + problem.key["id"]).encode("utf-8"))
            self._seen.add(problem.id)
            q = Question(problem.key, problem.views[VIEW]["statement"], problem.views[VIEW]["solution"])
            kind_id = q.key["template"]
            kind = self._kinds.setdefault(kind_id, _Kind(f"probgen: {q.key.get('title') or kind_id} ({kind_id})",
                                                         points_of(q.key)))
            kind.points = max(kind.points, points_of(q.key))
            figures: dict[str, str] = {}
            try:
                item = question_item(q, self._inline, figures)
            except CannotExpress as exc:
                kind.skipped.append(str(exc))
                continue
            except ValueError as exc:  # a part of a type the LMS exports do not know
                kind.skipped.append(left_out(q.key, "Canvas", exc))
                continue
            self._items.append(kind_id, item_bytes(item).decode("utf-8"))
            kind.items += 1
            if figures and kind_id not in self._figures:
                self._figures[kind_id] = Records(self._spool / f"figures-{len(self._figures)}.part")
            for name, svg in figures.items():
                self._figures[kind_id].add(name, svg.encode("utf-8"))
                kind.figures.append(name)

    def finish(self) -> list[str]:
        from ..bank_spool import zip_entry, zip_writer
        from ..canvas_package import FIGURE_FOLDER, assessment_ends, assessment_meta, manifest_xml
        from ..canvas_qti import ident, ident_of

        kept = {kind_id: kind for kind_id, kind in self._kinds.items() if kind.items}
        ids = {kind_id: ident("probgen_a_", kind_id) for kind_id in kept}
        try:
            figure_names = [name for kind in kept.values() for name in kind.figures]
            manifest = manifest_xml(ident_of("probgen_m_", self._ids_hash), list(ids.values()), figure_names)
            with atomic_open_binary(self.path) as out, zip_writer(out) as archive:
                with zip_entry(archive, "imsmanifest.xml") as entry:
                    entry.write(manifest)
                for kind_id, kind in kept.items():
                    assessment_id = ids[kind_id]
                    head, tail = assessment_ends(assessment_id, kind.title, kind.points)
                    with zip_entry(archive, f"{assessment_id}/{assessment_id}.xml") as entry:
                        entry.write(head)
                        for chunk in self._items.chunks(kind_id):
                            entry.write(chunk)
                        entry.write(tail)
                    with zip_entry(archive, f"{assessment_id}/assessment_meta.xml") as entry:
                        entry.write(assessment_meta(assessment_id, kind.title, kind.points))
                for kind_id in kept:
                    for name, svg in self._figures.get(kind_id, ()):
                        with zip_entry(archive, FIGURE_FOLDER + name) as entry:
                            entry.write(svg)
        except ValueError as exc:
            raise _failed(exc) from None
        finally:
            self.discard()
        return [sentence for kind in self._kinds.values() for sentence in kind.skipped]

    def discard(self) -> None:
        from ..bank_spool import remove

        for figures in self._figures.values():
            figures.discard()
        self._items.discard()
        remove(self._spool)


CANVAS = register(Exporter("canvas", PER_EXPORT, FILE_NAME, write, view=VIEW, view_solutions=True,
                           stream=CanvasWriter))
