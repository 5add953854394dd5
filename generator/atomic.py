"""Writing files so that a crash or a full disk never leaves half a file behind.

Every file is written to a temporary file beside its destination, flushed, and renamed over
it: a reader sees the old file or the new one, never a part. The temporary file is given the
mode an ordinary ``open`` would (0666 less the umask), so a course web server can serve what
probgen writes when the umask lets it.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator, TextIO

__all__ = ["write_text", "write_bytes", "copy_file", "atomic_open", "file_mode", "interrupts_deferred"]


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux), since
    setting it to read it races with other threads creating files."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file: 0666 less the umask."""
    return 0o666 & ~_umask()


@contextmanager
def _replacing(path: Path, binary: bool) -> Iterator[BinaryIO | TextIO]:
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, file_mode())
        if binary:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@contextmanager
def atomic_open(path: Path) -> Iterator[TextIO]:
    """A text file to stream into; it replaces ``path`` only when the block ends without error."""
    with _replacing(path, binary=False) as handle:
        yield handle  # type: ignore[misc]


@contextmanager
def atomic_open_binary(path: Path) -> Iterator[BinaryIO]:
    """:func:`atomic_open` for bytes (a zip streamed into place)."""
    with _replacing(path, binary=True) as handle:
        yield handle  # type: ignore[misc]


def write_text(path: Path, text: str) -> Path:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    with atomic_open(path) as handle:
        handle.write(text)
    return Path(path)


def write_bytes(path: Path, data: bytes) -> Path:
    """:func:`write_text` for bytes."""
    with _replacing(path, binary=True) as handle:
        handle.write(data)  # type: ignore[arg-type]
    return Path(path)


def copy_file(source: Path, dest: Path) -> Path:
    """Copy ``source`` to ``dest`` through a temporary file beside ``dest``: a full disk or a
    crash leaves the earlier ``dest`` (or none), never a truncated copy."""
    with open(source, "rb") as src, _replacing(Path(dest), binary=True) as out:
        shutil.copyfileobj(src, out, 1 << 20)  # type: ignore[misc]
    return Path(dest)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl-C while a few files are written together (a sheet, its key and its submission) is
    acted on once they all are, so a stopped command leaves all of them or none new. Only the
    main thread receives signals; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
