"""``probgen grade``: grade submission files and write reports (the use case is ``grader.run``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import BadUsage, InputFileError, _progress, secret_of


def _say(line: str) -> None:
    """One line on stderr, with whatever a file name or a student put in it escaped."""
    from probgen.grader.csvsafe import terminal_text

    click.echo(terminal_text(line), err=True)


@click.command()
@click.argument("submissions", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--key", "key_path", type=click.Path(path_type=Path),
              help="Answer key to grade against (required for problems made with --params). [default: regenerate from the ids]")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "canvas-csv", "moodle-csv"]), default="table",
              show_default=True, help="canvas-csv and moodle-csv: a gradebook import file, one row per graded "
                                      "student of the key's roster (needs --key and --assignment).")
@click.option("--assignment", metavar="NAME", help="The gradebook column to fill (canvas-csv, moodle-csv); in Canvas, "
                                                   "'Name (12345)' updates the assignment with id 12345.")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write the class's item analysis into this folder: items.csv, misconceptions.csv, "
                   "wrong-answers.csv, params.csv and report.html (needs --key).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of stdout; it is replaced only when a submission "
                   "was graded, and never when it (or the summary beside it) is the key or a submission.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Grade on this many processes (a class of hundreds grades about twice as fast with 2).")
@click.option("--secret", "secret_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The course secret (course-secret.txt beside an export's key): grades handed-out ids "
                   "without the key.")
def grade(submissions, key_path, fmt, assignment, report_dir, out_file, jobs, secret_file) -> None:
    """Grade submission files and explain every wrong answer.

    Reports are written as submissions are graded, so a whole class grades in flat memory;
    with several files the run ends with a per-problem summary, and with --out it also
    writes <name>.summary.csv. --report DIR adds the item analysis and the grade distribution.

    \b
    Examples:
      probgen grade sheet/submission.json
      probgen grade subs/*.json --key week3/answer-key.json --format csv --out grades.csv --jobs 2
      probgen grade subs/*.json --key course/answer-key.json --format canvas-csv --assignment "Week 3" --out canvas.csv
      probgen grade subs/*.json --key course/answer-key.json --report class-report/
    """
    from probgen.grader import errors, run
    from probgen.grader.csvsafe import terminal_text

    _check_gradebook_options(fmt, key_path, assignment, report_dir)

    from functools import partial

    from .. import atomic, regenerate

    secret = secret_of(secret_file)
    lookup = partial(regenerate.regenerate, secret=secret) if secret is not None else regenerate.regenerate
    try:
        result = run.grade_batch(
            submissions, key_path=key_path, fmt=fmt, jobs=jobs, lookup=lookup,
            stdout=sys.stdout, out_file=out_file, open_file=atomic.atomic_open,
            assignment=assignment, report_dir=report_dir,
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
    for note in result.notes:
        _say(f"probgen: note: {note}")
    if result.unusable:
        raise SystemExit(1)


def _check_gradebook_options(fmt: str, key_path: Path | None, assignment: str | None, report_dir: Path | None) -> None:
    """Options that cannot work together are refused before anything is graded or written."""
    from probgen.grader import gradebook

    if fmt in gradebook.FORMATS:
        if key_path is None:
            raise BadUsage(f"--format {fmt} needs --key, the answer key of an export with a roster.")
        if assignment is None:
            raise BadUsage(f"--format {fmt} needs --assignment NAME, the gradebook column to fill.")
        problem = gradebook.assignment_problem(fmt, assignment)
        if problem:
            raise BadUsage(f"--assignment {assignment!r} cannot name a {gradebook.LMS_NAMES[fmt]} gradebook column: "
                           f"{problem}.")
    elif assignment is not None:
        raise BadUsage("--assignment names the gradebook column of --format canvas-csv or moodle-csv.")
    if report_dir is not None and key_path is None:
        raise BadUsage("--report needs --key: the class report pools variants by the key's problem kinds and params.")
