"""The options ``make`` and ``export`` share, as decorators, so both say them the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import click

from probgen.contract import CREDIT_RULES, DEFAULT_CREDIT, DEFAULT_DIFFICULTY, DIFFICULTIES

from .params import TOPIC

Decorator = Callable[[Callable], Callable]

topic_option: Decorator = click.option(
    "--topic", "topics", multiple=True, type=TOPIC, metavar="TOPIC",
    help="A topic to draw from (repeatable); `probgen list` shows them. TOPIC@V pins version V of the "
         "topic's kinds, so that a sheet stays the same when kinds are added.")
template_option: Decorator = click.option(
    "--template", "template_ids", multiple=True, metavar="ID",
    help="A problem kind such as pooling.max-values (repeatable).")
difficulty_option: Decorator = click.option(
    "--difficulty", type=click.Choice(DIFFICULTIES), default=DEFAULT_DIFFICULTY, show_default=True)


def n_option(most: int, help: str) -> Decorator:
    return click.option("--n", "n", type=click.IntRange(1, most), default=None, help=help)


def seed_option(help: str) -> Decorator:
    return click.option("--seed", type=click.IntRange(0), default=None, help=help)


def _clean_title(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """The title as sheets print it: one line, NFC, no invisible characters (see names)."""
    from ..names import TextRefused, clean_text

    try:
        return clean_text(value or "")
    except TextRefused as exc:
        raise click.BadParameter(f"the title {exc}.") from None


def title_option(help: str) -> Decorator:
    return click.option("--title", default="", callback=_clean_title, help=help)


def secret_option(help: str) -> Decorator:
    return click.option("--secret", "secret_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                        help=help)


credit_option: Decorator = click.option(
    "--credit", type=click.Choice(CREDIT_RULES), default=DEFAULT_CREDIT, show_default=True,
    help="How array answers earn partial credit (the key says it per part, and staff may edit it): "
         "measured counts only entries that take work and gives a known mistake's answer nothing; "
         "per-entry gives the share of entries right; all-or-nothing gives full points or none.")
