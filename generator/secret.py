"""The course secret: what turns a handed-out id into its problem (and so into its answers).

A file of 32 random bytes written as 64 hex digits, ``course-secret.txt``, made by the first
export into a folder and kept there beside the answer key; later exports into that folder
reuse it, so a course keeps one secret. ``--secret FILE`` on ``make``, ``export`` and ``grade``
names another. The secret is never written into a student's files and never printed.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE = "course-secret.txt"
SECRET_BYTES = 32


class SecretError(ValueError):
    """A secret file that cannot be used; the message is one sentence naming the file."""


def read_secret(path: Path) -> bytes:
    """The secret in ``path``; SecretError when it is missing or not 64 hex digits."""
    try:
        text = Path(path).read_text(encoding="ascii", errors="replace")[:1000].strip()
    except OSError as exc:
        raise SecretError(f"cannot read the course secret {path}: {exc.strerror or exc}.") from None
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != SECRET_BYTES:
        raise SecretError(f"{path} is not a course secret (it should hold {2 * SECRET_BYTES} hex digits).")
    return secret


def course_secret(folder: Path, named: Path | None = None) -> tuple[bytes, Path, bool]:
    """The secret of an export into ``folder``: the file ``named``, else ``folder``'s own
    ``course-secret.txt``, else a new one (which the export then writes with
    :func:`write_secret` into the folder it stages).

    Returns the secret, its file and whether it is new.
    """
    if named is not None:
        return read_secret(named), Path(named), False
    path = Path(folder) / SECRET_FILE
    if path.exists():
        return read_secret(path), path, False
    return secrets.token_bytes(SECRET_BYTES), path, True


def write_secret(folder: Path, secret: bytes) -> Path:
    """``folder``'s ``course-secret.txt``, readable by its owner only."""
    path = Path(folder) / SECRET_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret.hex() + "\n")
    os.chmod(path, 0o600)
    return path
