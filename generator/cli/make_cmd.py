"""``probgen make``: a practice sheet, its solutions, key and blank submission."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from probgen.contract import DEFAULT_DIFFICULTY, DIFFICULTIES
from probgen.problems.model import Kind, ParamError

from .. import registry
from .common import BadUsage, InputFileError, _progress  # noqa: F401


def _selected_kinds(topics: tuple[str, ...], template_ids: tuple[str, ...]) -> list[Kind]:
    if not topics and not template_ids:
        raise BadUsage("say what to make with --topic (for example --topic pooling) or --template; `probgen list` shows both.")
    kinds: list[Kind] = []
    try:
        for topic in topics:
            kinds.extend(registry.of_topic(topic))
        for template_id in template_ids:
            kinds.append(registry.find(template_id))
    except registry.UnknownKind as exc:
        raise BadUsage(str(exc)) from None
    return kinds


def _read_params(raw: str | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    if raw.startswith("@"):
        path = Path(raw[1:])
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputFileError(f"cannot read params file {path}: {exc.strerror or exc}.") from None
    try:
        params = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadUsage(f"--params is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).") from None
    if not isinstance(params, dict):
        raise BadUsage('--params must be a JSON object such as {"kernel": 2, "stride": 2}.')
    return params


def _check_param_names(kind: Kind, params: dict[str, Any]) -> None:
    from probgen.problems.rng import Rng

    known = set(kind.sample(Rng(0), DEFAULT_DIFFICULTY))
    unknown = sorted(set(params) - known)
    if unknown:
        raise BadUsage(f"{kind.id} has no param {', '.join(map(repr, unknown))}; its params are {', '.join(sorted(known))}.")


@click.command()
@click.option("--topic", "topics", multiple=True, metavar="TOPIC", help="A topic to draw from (repeatable); `probgen list` shows them.")
@click.option("--template", "template_ids", multiple=True, metavar="ID", help="A problem kind such as pooling.max-values (repeatable).")
@click.option("--n", "n", type=click.IntRange(1, 100_000), default=None,
              help="Number of problems, cycling through the chosen kinds. [default: one of each kind]")
@click.option("--seed", type=click.IntRange(0), default=None, help="Master seed; the same seed gives the same sheet and key. [default: a fresh one]")
@click.option("--difficulty", type=click.Choice(DIFFICULTIES), default=DEFAULT_DIFFICULTY, show_default=True)
@click.option("--params", "raw_params", metavar="JSON|@FILE",
              help="Params for one --template, as JSON or @file.json; params left out are sampled.")
@click.option("--format", "fmt", type=click.Choice(["md", "tex", "html", "json"]), default="md", show_default=True,
              help="Sheet format (html: one self-contained page with MathML); json prints the answer key with "
                   "each problem's statement. PDFs and LMS formats: `probgen export`.")
@click.option("--solutions", is_flag=True, help="Print worked solutions and answers (with --out they are always written).")
@click.option("--title", default="", help="Title of the sheet.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write worksheet, solutions, answer-key.json and submission.json into this folder.")
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=0,
              help="Processes to make problems on. [default: 0, one per core for sheets of 400 problems or more]")
def make(topics, template_ids, n, seed, difficulty, raw_params, fmt, solutions, title, out_dir, jobs) -> None:
    """Make a worksheet of problems, with solutions, answer key and a blank submission.

    \b
    Examples:
      probgen make --topic pooling --n 10
      probgen make --topic layers --seed 7 --format tex --out week3/
      probgen make --template pooling.max-values --params '{"kernel": 3, "stride": 1}'
    """
    from .. import practice as pr
    from ..exporters import ExportError
    from ..seeding import fresh_seed
    from ..sheets import SheetSpec

    kinds = _selected_kinds(topics, template_ids)
    params = _read_params(raw_params)
    if params is not None:
        if len(kinds) != 1 or topics:
            raise BadUsage("--params needs exactly one --template, since params belong to one problem kind.")
        _check_param_names(kinds[0], params)
    count = n if n is not None else len(kinds)
    if not title:
        names = list(topics) + [registry.find(t).title for t in template_ids]
        title = "Practice: " + ", ".join(names)
    master = seed if seed is not None else fresh_seed()
    run = pr.Practice(SheetSpec(tuple(kinds), count, master, difficulty, title, params), fmt, solutions, out_dir, jobs)
    try:
        sheet = pr.build(run, progress=lambda total: _progress("Making problems", total))
    except ParamError as exc:
        raise BadUsage(f"{kinds[0].id}: {exc}") from None
    if out_dir is None:
        click.echo(pr.sheet_text(run, sheet), nl=False)
        return
    try:
        written = pr.write(run, sheet)
    except ExportError as exc:
        raise InputFileError(str(exc)) from None
    for line in written:
        click.echo(f"wrote {line}")
    click.echo(f"{len(sheet.problems)} problems, seed {master}. Answer in {out_dir / 'submission.json'}, "
               f"then: probgen grade {out_dir / 'submission.json'}")
