"""``probgen list``: the topics and problem kinds, with their params, parts and misconceptions."""

from __future__ import annotations

import click

from .. import catalog
from .common import user_errors


@click.command("list")
@click.option("--topic", help="Only the kinds of this topic.")
@click.option("--format", "fmt", type=click.Choice(list(catalog.RENDER)), default="table", show_default=True,
              help="table: kinds and their parts; json and md (the catalog, docs/catalog.md): also their params "
                   "and the misconceptions the grader names.")
def list_kinds(topic: str | None, fmt: str) -> None:
    """List the topics and problem kinds, with their parts."""
    with user_errors():
        click.echo(catalog.render(fmt, topic), nl=False)
