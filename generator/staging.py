"""An export folder replaced as a whole: written beside its target, moved into place at the end.

``probgen export --out week3`` writes into ``week3.unfinished-export/`` next to ``week3/`` and,
only when every file is written, swaps it into place (one atomic ``renameat2`` exchange on Linux,
two renames elsewhere) and deletes the previous export. Files in ``week3/`` the export does not
write (a course secret, grades, notes) are carried into the new folder first, as hard links.
So an export stopped at any point (Ctrl-C, ``kill -9``, a full disk) leaves the previous export
as it was, plus at most the ``.unfinished-export`` folder, whose name says what it is.

While an export runs, ``.week3.export-lock`` beside the folder holds an exclusive lock
(``flock``; the system drops it when the process dies, so a lock left by a killed run is known
to be stale and taken over, and the unfinished folder it left is removed). A second export into
the same folder is refused with a sentence naming the process writing it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .atomic import interrupts_deferred
from .names import printable

try:
    import fcntl
except ImportError:  # pragma: no cover  (Windows: an exclusive create stands in for the lock)
    fcntl = None  # type: ignore[assignment]

__all__ = ["FolderBusy", "Staged", "staged_folder", "staging_path", "lock_path"]

UNFINISHED = ".unfinished-export"
_MARKER = "EXPORT-UNFINISHED.txt"
_MARKER_TEXT = ("This folder is an export that has not finished (or was stopped). When it finishes it\n"
                "replaces {target}; until then {target} holds the previous export, untouched.\n"
                "Running the export again removes this folder.\n")


class FolderBusy(Exception):
    """Another export is writing the folder; the message is one sentence."""


@dataclass
class Staged:
    """Where an export writes (``folder``) and what the caller should tell the user."""

    folder: Path
    target: Path
    notes: list[str] = field(default_factory=list)


def staging_path(target: Path) -> Path:
    return target.parent / (target.name + UNFINISHED)


def lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.export-lock"


@contextmanager
def _locked(target: Path) -> Iterator[bool]:
    """Hold the export lock of ``target``; yields whether a stopped run's lock was taken over."""
    path = lock_path(target)
    while True:
        if fcntl is None:
            fd = _create(path, target)
            break
        # O_NOFOLLOW: a link planted in a shared parent (/tmp) cannot make us truncate its target.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = printable(os.read(fd, 200).decode("utf-8", "replace").strip())
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            raise FolderBusy(f"another export ({holder or 'a running probgen'}) is writing {target}; "
                             f"wait for it to finish, then export again.") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed this lock file as we opened it: take the new one
    stale = os.fstat(fd).st_size > 0
    os.ftruncate(fd, 0)
    os.write(fd, f"process {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}".encode())
    try:
        yield stale
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
        os.close(fd)


def _create(path: Path, target: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise FolderBusy(f"another export is writing {target} (or one was stopped: then delete {path}); "
                         f"wait for it to finish, then export again.") from None


def _link_tree(source: Path, dest: Path) -> None:
    """Carry what ``source`` (the live folder) holds and the new export does not into ``dest``.

    Files the new export wrote win; a PDF's log from an earlier failure is dropped when the PDF
    now exists.
    """
    for entry in os.scandir(source):
        into = dest / entry.name
        if entry.is_dir(follow_symlinks=False):
            if into.is_dir() and not into.is_symlink():
                _link_tree(Path(entry.path), into)
            elif not os.path.lexists(into):
                shutil.copytree(entry.path, into, symlinks=True, copy_function=_link_or_copy)
            continue
        if os.path.lexists(into):
            continue
        if entry.name.endswith(".log") and (dest / (entry.name[:-4] + ".pdf")).exists():
            continue
        _link_or_copy(entry.path, into)


def _link_or_copy(source: str, dest: str | Path) -> None:
    try:
        os.link(source, dest, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, dest, follow_symlinks=False)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unavailable."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    return False


def _swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` at ``target`` and delete what was there."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)   # now the previous export
        return
    previous = target.parent / (target.name + ".previous-export")
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous, ignore_errors=True)


@contextmanager
def staged_folder(target: Path) -> Iterator[Staged]:
    """A folder to write an export into; it replaces ``target`` when the block ends without error.

    FolderBusy when another export holds the lock; OSError when the parent cannot be written.
    On any error or interruption the staging folder is removed and ``target`` is untouched.
    """
    target = Path(os.path.realpath(target))   # a link to the folder keeps pointing at the new one
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_path(target)
    with _locked(target) as stale:
        staged = Staged(staging, target)
        if os.path.lexists(staging):
            shutil.rmtree(staging) if staging.is_dir() and not staging.is_symlink() else os.unlink(staging)
            staged.notes.append(f"removed {staging}, left by an export that was stopped before it finished.")
        elif stale:
            staged.notes.append("took over the lock of an export that was stopped before it finished.")
        staging.mkdir()
        (staging / _MARKER).write_text(_MARKER_TEXT.format(target=target), encoding="utf-8")
        try:
            yield staged
            with interrupts_deferred():   # Ctrl-C now would stop between two renames
                (staging / _MARKER).unlink()
                if target.is_dir():
                    _link_tree(target, staging)
                _swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
