"""``probgen grade``: grade submission files and write reports (the use case is ``grader.run``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import InputFileError, _progress, secret_of


@click.command()
@click.argument("submissions", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--key", "key_path", type=click.Path(path_type=Path),
              help="Answer key to grade against (required for problems made with --params). [default: regenerate from the ids]")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file instead of stdout.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Grade on this many processes (a class of hundreds grades about twice as fast with 2).")
@click.option("--secret", "secret_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The course secret (course-secret.txt beside an export's key): grades handed-out ids without the key.")
def grade(submissions, key_path, fmt, out_file, jobs, secret_file) -> None:
    """Grade submission files and explain every wrong answer.

    Reports are written as submissions are graded, so a whole class grades in flat memory;
    with several files the run ends with a per-problem summary, and with --out it also
    writes <name>.summary.csv and a grade-distribution plot <name>.svg.

    \b
    Examples:
      probgen grade sheet/submission.json
      probgen grade subs/*.json --key week3/answer-key.json --format csv --out grades.csv --jobs 2
    """
    from probgen.grader import errors, run

    from functools import partial

    from .. import atomic, regenerate

    secret = secret_of(secret_file)
    lookup = partial(regenerate.regenerate, secret=secret) if secret is not None else regenerate.regenerate
    try:
        result = run.grade_batch(
            submissions, key_path=key_path, fmt=fmt, jobs=jobs, lookup=lookup,
            stdout=sys.stdout, out_file=out_file, open_file=atomic.atomic_open,
            progress=_progress("Grading", len(submissions), start=50),
            on_unusable=lambda message: click.echo(f"probgen: error: {message}", err=True),
            on_written=lambda path, what: click.echo(f"wrote {path} ({what})"))
    except errors.GradeInputError as exc:
        raise InputFileError(str(exc)) from None
    if result.missing_note:
        click.echo(f"probgen: note: {result.missing_note}", err=True)
    if result.unusable:
        raise SystemExit(1)
