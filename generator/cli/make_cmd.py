"""``probgen make``: a practice sheet, its solutions, key and blank submission (see ``generator/make.py``)."""

from __future__ import annotations

from pathlib import Path

import click

from ..formats import SHEET_FORMATS
from ..keyfile import JSON_SHEET
from .common import _progress, secret_of, user_errors
from .options import (credit_option, difficulty_option, n_option, secret_option, seed_option, template_option,
                      title_option, topic_option)
from .params import PARAMS


@click.command()
@topic_option
@template_option
@n_option(100_000, "Number of problems, cycling through the chosen kinds. [default: one of each kind]")
@seed_option("Master seed; the same seed gives the same sheet and key. [default: a fresh one]")
@difficulty_option
@click.option("--params", type=PARAMS, metavar="JSON|@FILE",
              help="Params for one --template, as JSON or @file.json; params left out are sampled.")
@click.option("--format", "fmt", type=click.Choice([*SHEET_FORMATS, JSON_SHEET]), default="md", show_default=True,
              help="Sheet format (html: one self-contained page with MathML); json prints the answer key with "
                   "each problem's statement. PDFs and LMS formats: `probgen export`.")
@click.option("--solutions", is_flag=True, help="Print worked solutions and answers (with --out they are always written).")
@title_option("Title of the sheet.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write worksheet, solutions, answer-key.json and submission.json into this folder.")
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=0,
              help="Processes to make problems on. [default: 0, one per core for sheets of 400 problems or more]")
@secret_option("Hand the sheet out: make its ids with the course secret in FILE (as `probgen export` does), so "
               "that they grade only with the key or the secret. [default: a practice sheet, gradable from its ids]")
@credit_option
def make(topics, template_ids, n, seed, difficulty, params, fmt, solutions, title, out_dir, jobs, secret_file,
         credit) -> None:
    """Make a worksheet of problems, with solutions, answer key and a blank submission.

    \b
    Examples:
      probgen make --topic pooling --n 10
      probgen make --topic layers --seed 7 --format tex --out week3/
      probgen make --template pooling.max-values --params '{"kernel": 3, "stride": 1}'
    """
    from .. import make as use_case
    from ..selection import select

    secret = secret_of(secret_file)
    with user_errors():
        run = use_case.plan(select(topics, template_ids), n=n, seed=seed, difficulty=difficulty, params=params,
                            fmt=fmt, solutions=solutions, title=title, out_dir=out_dir, jobs=jobs, secret=secret,
                            credit=credit)
        sheet = use_case.build(run, progress=lambda total: _progress("Making problems", total))
        if out_dir is None:
            click.echo(use_case.sheet_text(run, sheet), nl=False)
            return
        for line in use_case.write(run, sheet):
            click.echo(f"wrote {line}")
    click.echo(use_case.summary(run, sheet))
