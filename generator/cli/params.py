"""click ParamTypes for what the commands read from their options: topics, params, formats, rosters.

Each converts the text once and reports a bad value as the commands always have: one sentence
on stderr, exit status 2 for usage (bad JSON, an unknown format) and 1 for a file that cannot
be used (a params file or roster that cannot be read).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..selection import TopicPick
from .common import BadUsage, InputFileError


class TopicType(click.ParamType):
    """``pooling`` or ``pooling@1`` (a pinned topic version); which topics exist is checked later,
    with the other names, so that every unknown name gets the same message."""

    name = "topic"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> TopicPick:
        return value if isinstance(value, TopicPick) else TopicPick.parse(str(value))


class ParamsType(click.ParamType):
    """``--params``: a JSON object, or ``@file.json`` holding one."""

    name = "params"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        raw = str(value)
        if raw.startswith("@"):
            path = Path(raw[1:])
            try:
                raw = path.read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise InputFileError(f"cannot read params file {path}: {exc.strerror or exc}.") from None
        try:
            params = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise BadUsage(f"--params is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).",
                           ctx) from None
        if not isinstance(params, dict):
            raise BadUsage('--params must be a JSON object such as {"kernel": 2, "stride": 2}.', ctx)
        return params


class ExportFormatsType(click.ParamType):
    """``--format md,pdf``: a comma-separated list of registered exporters (see ``exporters``)."""

    name = "formats"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[str]:
        if isinstance(value, list):
            return value
        from ..export import parse_formats

        try:
            return parse_formats(str(value))
        except ValueError as exc:
            raise BadUsage(str(exc), ctx) from None


class RosterType(click.ParamType):
    """``--roster roster.csv``: the students of a class roster, read and checked."""

    name = "roster"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list:
        if isinstance(value, list):
            return value
        from ..roster import RosterError
        from ..roster_formats import read_any

        try:
            return read_any(Path(value))
        except RosterError as exc:
            raise InputFileError(str(exc)) from None


TOPIC = TopicType()
PARAMS = ParamsType()
EXPORT_FORMATS = ExportFormatsType()
ROSTER = RosterType()
