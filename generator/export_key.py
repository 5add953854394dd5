"""The answer key of an export, written as its sheets are made, so memory does not grow with the class.

Each problem's key entry is appended to a spool file when its sheet is made (each problem once,
remembered by id only), and each student's problem ids to another; :meth:`KeyWriter.write` then
streams the key from them. The file is the same, byte for byte, as ``json.dumps(key, indent=2,
ensure_ascii=False)`` of the key :func:`.sheets.answer_key` builds in memory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, Iterator, Mapping

from . import keyfile
from .atomic import atomic_open

__all__ = ["KeyWriter"]


def _dumps(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it ``level`` levels deep."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


class KeyWriter:
    """Collects an export's key entries in ``spool_dir`` and writes the key at the end."""

    def __init__(self, spool_dir: Path) -> None:
        self._problems_path = Path(spool_dir) / ".answer-key.problems.part"
        self._students_path = Path(spool_dir) / ".answer-key.students.part"
        self._problems: IO[str] = open(self._problems_path, "w", encoding="utf-8")
        self._students: IO[str] = open(self._students_path, "w", encoding="utf-8")
        self._seen: set[str] = set()
        self._topics: dict[str, int] = {}
        self._any_student = False

    def add(self, problems: Any, student: str | None, topics: Mapping[str, int]) -> None:
        """A sheet's problems (``Made`` records: ``id`` and ``key``) and its student."""
        ids = []
        for problem in problems:
            ids.append(problem.id)
            if problem.id not in self._seen:
                self._seen.add(problem.id)
                self._problems.write(json.dumps(problem.key, ensure_ascii=False) + "\n")
        self._topics.update(topics)
        if student is not None:
            self._any_student = True
            self._students.write(json.dumps([student, ids], ensure_ascii=False) + "\n")

    def _lines(self, path: Path) -> Iterator[Any]:
        with open(path, encoding="utf-8", newline="\n") as spool:
            for line in spool:
                yield json.loads(line)

    def write(self, path: Path, *, title: str, seed: int, after: Mapping[str, Any] | None = None) -> Path:
        """The key at ``path`` (atomically); the spool files are removed. ``after`` holds
        entries written after ``"students"`` (the roster's names and LMS ids)."""
        self._problems.close()
        self._students.close()
        head = keyfile.answer_key_of([], title=title, seed=seed, topics=self._topics)
        head.pop("problems")
        with atomic_open(path) as out:
            out.write("{")
            for name, value in head.items():
                out.write(f"\n  {json.dumps(name)}: {_dumps(value, 1)},")
            out.write('\n  "problems": [')
            count = self._write_items(out, (_dumps(entry, 2) for entry in self._lines(self._problems_path)))
            out.write("\n  ]" if count else "]")
            if self._any_student:
                out.write(',\n  "students": {')
                self._write_items(out, (f"{json.dumps(sid, ensure_ascii=False)}: {_dumps(ids, 2)}"
                                        for sid, ids in self._lines(self._students_path)))
                out.write("\n  }")
            for name, value in (after or {}).items():
                out.write(f",\n  {json.dumps(name)}: {_dumps(value, 1)}")
            out.write("\n}\n")
        self.discard()
        return Path(path)

    @staticmethod
    def _write_items(out: IO[str], items: Iterator[str]) -> int:
        count = 0
        for text in items:
            out.write(("\n    " if count == 0 else ",\n    ") + text)
            count += 1
        return count

    def discard(self) -> None:
        """Close and remove the spool files."""
        for handle, spool in ((self._problems, self._problems_path), (self._students, self._students_path)):
            handle.close()
            spool.unlink(missing_ok=True)
