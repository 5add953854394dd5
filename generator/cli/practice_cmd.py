"""``probgen practice``: a page on this machine that checks answers as you type them (see
``generator/practice/``)."""

from __future__ import annotations

from pathlib import Path

import click

from probgen.contract import DEFAULT_DIFFICULTY

from .common import BadUsage, InputFileError, user_errors
from .options import difficulty_option, seed_option, template_option, topic_option


@click.command()
@topic_option
@template_option
@seed_option("Master seed: the page's problems are those of `probgen make` with this seed. [default: a fresh one]")
@difficulty_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on. Another than this machine's own makes the page reachable by others: "
                   "it has no accounts.")
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port to serve on. [default: a free one]")
@click.option("--no-browser", is_flag=True, help="Print the address only; do not open a browser.")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite file that keeps your progress. [default: practice.sqlite3 in your user data folder]")
def practice(topics, template_ids, seed, difficulty, host, port, no_browser, db) -> None:
    """Practise in the browser: a box per part, a preview of how each answer is read, and
    Check, Show solution and Another one. Everything stays on this machine.

    With --topic or --template the page starts with the first problem `probgen make` makes
    with the same options (and --seed); without, it lets you pick a topic. Scores are kept
    per kind and summed up on the start page. Ctrl-C stops the server.

    \b
    Examples:
      probgen practice --topic pooling
      probgen practice --template pooling.max-values --seed 3 --no-browser
    """
    from ..practice import app, problems, server
    from ..practice.store import Store, StoreError, default_path
    from ..seeding import fresh_seed
    from ..selection import select

    start = None
    if topics or template_ids:
        with user_errors():
            select(topics, template_ids)
        start = problems.pinned([str(t) for t in topics], template_ids, seed if seed is not None else fresh_seed(),
                                difficulty)
    elif seed is not None or difficulty != DEFAULT_DIFFICULTY:
        raise BadUsage("--seed and --difficulty choose the problems of a --topic or --template; name one.")
    try:
        store = Store(db if db is not None else default_path())
    except StoreError as exc:
        raise InputFileError(str(exc)) from None
    app.warm(start, store)
    try:
        sock, address = server.bind(host, port)
    except server.ServeError as exc:
        raise InputFileError(str(exc)) from None
    if not server.is_loopback(host):
        click.echo(f"probgen practice: warning: serving on {host}: anyone who can reach this address can use the "
                   "page and change the progress it keeps; it has no accounts.", err=True)
    click.echo(f"probgen practice: progress is kept in {store.path}; Ctrl-C stops the server.", err=True)
    click.echo(address.url)
    try:
        server.serve(app.create_app(start, store, hosts=app.hosts_for(host)), sock,
                     on_ready=None if no_browser else lambda: server.open_browser(address.url))
    finally:
        store.close()
    click.echo("probgen practice: stopped.", err=True)
