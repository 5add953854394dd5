"""``probgen grade``: grade submission files and write reports (the use case is ``grader.run``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import BadUsage, InputFileError, _progress


def _say(line: str) -> None:
    """One line on stderr, with whatever a file name or a student put in it escaped."""
    from probgen.grader.csvsafe import terminal_text

    click.echo(terminal_text(line), err=True)


@click.command()
@click.argument("submissions", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--key", "key_path", type=click.Path(path_type=Path),
              help="Answer key to grade against (required for problems made with --params). [default: regenerate from the ids]")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of stdout; it is replaced only when a submission "
                   "was graded, and never when it (or the summary beside it) is the key or a submission.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Grade on this many processes (a class of hundreds grades about twice as fast with 2).")
def grade(submissions, key_path, fmt, out_file, jobs) -> None:
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
    from probgen.grader.csvsafe import terminal_text

    from .. import atomic, regenerate

    try:
        result = run.grade_batch(
            submissions, key_path=key_path, fmt=fmt, jobs=jobs, lookup=regenerate.regenerate,
            stdout=sys.stdout, out_file=out_file, open_file=atomic.atomic_open,
            progress=_progress("Grading", len(submissions), start=50),
            on_unusable=lambda message: _say(f"probgen: error: {message}"),
            on_written=lambda path, what: click.echo(terminal_text(f"wrote {path} ({what})")))
    except KeyboardInterrupt:
        _say("probgen: interrupted.")
        raise SystemExit(130) from None
    except run.OutputClash as exc:
        raise BadUsage(terminal_text(exc)) from None
    except errors.GradeInputError as exc:
        raise InputFileError(terminal_text(exc)) from None
    if result.missing_note:
        _say(f"probgen: note: {result.missing_note}")
    if result.kept is not None:
        _say(f"probgen: note: no submission could be graded, so {result.kept} was left as it was.")
    if result.unusable:
        raise SystemExit(1)
