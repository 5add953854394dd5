"""Question banks written in bounded memory: what an LMS export has made so far waits on disk.

A once-per-export format (a Moodle bank, a Canvas or QTI 2.1 zip) needs every problem of the
class, grouped by kind, and some files (a zip's manifest) that can only be written once all are
known. Holding the class's rendered problems until then made memory grow with the roster, so the
bank writers of :mod:`.exporters` serialise each problem as its sheet is made and spool the text
here, in a folder of the export's staging folder; at the end the file is assembled from the
spools, a zip entry streamed at a time (:func:`zip_entry`), and the spools are removed. Only ids
and file names stay in memory (a manifest lists them anyway).
"""

from __future__ import annotations

import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .lms import ZIP_TIME

__all__ = ["KindSpool", "Records", "zip_writer", "zip_entry", "remove", "COPY_CHUNK"]

COPY_CHUNK = 1 << 20


class KindSpool:
    """Text appended per kind (one file each), read back kind by kind in first-seen order."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, tuple[Path, IO[str]]] = {}

    @property
    def kinds(self) -> list[str]:
        return list(self._files)

    def open(self, kind: str) -> None:
        """Start ``kind``'s spool (a kind is placed where it is first seen, even if nothing of it is kept)."""
        if kind not in self._files:
            path = self.folder / f"kind-{len(self._files)}.part"
            self._files[kind] = (path, open(path, "w", encoding="utf-8", newline=""))

    def append(self, kind: str, text: str) -> None:
        self.open(kind)
        self._files[kind][1].write(text)

    def copy(self, kind: str, out: IO[str]) -> None:
        """``kind``'s text, as appended, into ``out``."""
        path, handle = self._files[kind]
        handle.close()
        with open(path, encoding="utf-8", newline="") as spool:
            shutil.copyfileobj(spool, out, COPY_CHUNK)

    def chunks(self, kind: str) -> Iterator[bytes]:
        """``kind``'s text as UTF-8, a chunk at a time."""
        path, handle = self._files[kind]
        handle.close()
        with open(path, "rb") as spool:
            while chunk := spool.read(COPY_CHUNK):
                yield chunk

    def discard(self) -> None:
        for _, handle in self._files.values():
            handle.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class Records:
    """Named byte strings (a zip's files) appended to one spool file and read back in order."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._out: IO[bytes] = open(self.path, "wb")

    def add(self, name: str, data: bytes) -> None:
        encoded = name.encode("utf-8")
        self._out.write(b"%d %d\n" % (len(encoded), len(data)) + encoded)
        self._out.write(data)

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        self._out.close()
        with open(self.path, "rb") as spool:
            while header := spool.readline():
                name_size, data_size = (int(n) for n in header.split())
                yield spool.read(name_size).decode("utf-8"), spool.read(data_size)

    def discard(self) -> None:
        self._out.close()
        self.path.unlink(missing_ok=True)


def remove(folder: Path) -> None:
    """A writer's spool folder, gone (spools are closed first by their ``discard``)."""
    shutil.rmtree(folder, ignore_errors=True)


def zip_writer(out: IO[bytes]) -> zipfile.ZipFile:
    """A zip streamed into ``out`` (a seekable file), as :func:`.lms.zip_bytes` writes one."""
    return zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)


@contextmanager
def zip_entry(archive: zipfile.ZipFile, path: str) -> Iterator[IO[bytes]]:
    """A file of ``archive`` to stream into, stored as :func:`.lms.zip_bytes` stores one (deflated,
    the fixed time), so a streamed zip is the same, byte for byte, as one built in memory."""
    info = zipfile.ZipInfo(path, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, mode="w") as entry:
        yield entry
