"""``probgen list``: the topics and problem kinds."""

from __future__ import annotations

import json

import click


from .. import registry
from .common import BadUsage, InputFileError, _progress  # noqa: F401


@click.command("list")
@click.option("--topic", help="Only the kinds of this topic.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_kinds(topic: str | None, fmt: str) -> None:
    """List the topics and problem kinds, with their parts."""
    try:
        kinds = registry.of_topic(topic) if topic else registry.latest_kinds()
    except registry.UnknownKind as exc:
        raise BadUsage(str(exc)) from None
    if fmt == "json":
        rows = [{"id": k.id, "version": k.version, "topic": k.topic, "title": k.title} for k in kinds]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(k.id) for k in kinds)
    current = None
    for kind in kinds:
        if kind.topic != current:
            current = kind.topic
            click.echo(f"{current}")
        click.echo(f"  {kind.id.ljust(width)}  v{kind.version}  {kind.title}")
