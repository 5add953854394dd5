"""What every command shares: its errors (exit 1 for files, 2 for usage) and progress bars."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import click

from .. import registry
from ..exporters.base import ExportError
from ..roster import RosterError
from ..secret import SecretError, read_secret
from ..selection import BadRequest

PROGRESS_FROM = 200  # problems or submissions; below this a run is instant anyway


class InputFileError(click.ClickException):
    """A file the user gave that cannot be used: exit status 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"probgen: error: {self.format_message()}", err=True)


class BadUsage(click.UsageError):
    """Options that cannot work together, or params that describe no problem: exit status 2."""

    def show(self, file: Any = None) -> None:
        hint = f" (see `probgen {self.ctx.info_name} --help`)" if self.ctx is not None else ""
        click.echo(f"probgen: error: {self.format_message()}{hint}", err=True)


def _progress(label: str, total: int, start: int = PROGRESS_FROM):
    """A progress bar on stderr for runs of at least ``start`` items at a terminal; nothing otherwise."""

    def wrap(items: Iterable[int]) -> Iterable[int]:
        if total < start or not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, length=total, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


@contextmanager
def user_errors() -> Iterator[None]:
    """The generator's one-sentence errors as the command reports them: options that describe
    nothing are usage errors (exit 2), files that cannot be read or written exit 1."""
    try:
        yield
    except (registry.UnknownKind, BadRequest) as exc:
        raise BadUsage(str(exc)) from None
    except (ExportError, RosterError, SecretError) as exc:
        raise InputFileError(str(exc)) from None


def secret_of(path: Any) -> bytes | None:
    """The course secret in the file ``--secret`` names (None without one); exit 1 when unusable."""
    if path is None:
        return None
    try:
        return read_secret(path)
    except SecretError as exc:
        raise InputFileError(str(exc)) from None
