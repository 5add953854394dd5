"""A file's bytes, read safely, and the bounds a submission must keep before it is parsed.

Only regular files are opened, without blocking: a pipe (FIFO) or a device given as a
submission would otherwise wait forever or read without end. A submission is then bounded
on its bytes, before anything is built from them, so a file under ``MAX_BYTES`` cannot make
grading take gigabytes: the JSON values of a 48 MB file of ``[],`` would take over a gigabyte
as Python lists, and 48 MB of text with one emoji four times that once decoded. A sheet a
person works by hand is far inside every bound (a 2,000-problem sheet is about 220 KB and
30,000 values). ``benchmarks/grade_memory.py`` measures what the bounds give.
"""

from __future__ import annotations

import codecs
import os
import stat

from .errors import GradeInputError

MAX_BYTES = 50_000_000
MAX_VALUES = 500_000  # lists, objects and list or object entries in a submission
MAX_TEXT_MEMORY = 64_000_000  # bytes the text of a submission may take once decoded


_NOT_FILES = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a pipe"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _not_a_file(mode: int, name: str) -> GradeInputError | None:
    """Why a path that is not a regular file cannot be graded (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    what = next((what for test, what in _NOT_FILES if test(mode)), "not a regular file")
    hint = "" if what == "a directory" else "; save what it holds to a file and give that"
    return GradeInputError(f"{name} is {what}, not a file{hint}.")


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most ``limit`` of them; GradeInputError when it cannot be read.

    Only regular files are opened, and they are opened without blocking: a pipe (a FIFO) or a
    device given as a submission would otherwise wait forever for a writer. The type is checked
    before opening and again on what was opened, in case the path changed in between.
    """
    name = os.fspath(path)
    try:
        problem = _not_a_file(os.stat(name).st_mode, name)
        if problem:
            raise problem
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            problem = _not_a_file(info.st_mode, name)
            if problem:
                raise problem
            if info.st_size > limit:
                raise GradeInputError(f"{name} is larger than {limit // 1_000_000} MB.")
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise GradeInputError(f"{name} is larger than {limit // 1_000_000} MB.")
    except FileNotFoundError:
        raise GradeInputError(f"{name} does not exist.") from None
    except PermissionError:
        raise GradeInputError(f"{name} cannot be read (permission denied).") from None
    except OSError as exc:
        raise GradeInputError(f"{name} cannot be read ({exc.strerror or exc}).") from None
    except ValueError:  # a path Python cannot pass to the system (an embedded NUL)
        raise GradeInputError(f"{name} is not a path a file can have.") from None
    return data


def _values_at_most(data: bytes) -> int:
    """An upper bound on the JSON values a file's bytes can hold: every list or object, and
    every entry after a first one, needs a ``[``, ``{`` or ``,`` byte (in any of the
    encodings read; the same bytes inside strings only make the bound looser)."""
    return data.count(b"[") + data.count(b"{") + data.count(b",")


def _char_width(data: bytes) -> int:
    """Bytes per character Python will need for UTF-8 ``data``: 4 when it may hold a
    character past U+FFFF (a lead byte from F0), 2 past U+00FF (from C4), else 1."""
    if data.isascii():
        return 1
    if any(bytes([lead]) in data for lead in range(0xF0, 0xF5)):
        return 4
    return 2 if any(bytes([lead]) in data for lead in range(0xC4, 0xF0)) else 1


def check_submission_size(data: bytes, name: str) -> None:
    """GradeInputError when a submission would take more memory to read than any sheet needs."""
    values = _values_at_most(data)
    if values > MAX_VALUES:
        raise GradeInputError(f"{name} holds more values (numbers, texts, lists) than a submission may: at most "
                              f"{MAX_VALUES:,}, far more than any sheet asks for.")
    utf8 = not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not (
        len(data) > 1 and (data[0] == 0 or data[1] == 0))
    width = _char_width(data) if utf8 else 1
    if len(data) * width > MAX_TEXT_MEMORY:
        raise GradeInputError(f"{name} is {len(data) / 1_000_000:.0f} MB of text with characters beyond Latin-1; "
                              f"a submission with such characters is at most {MAX_TEXT_MEMORY // width // 1_000_000} MB.")
