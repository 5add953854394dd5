"""The ``probgen`` command: list kinds, make sheets, grade submissions.

Exit status: 0 when the command did its job (whatever the score), 2 for usage errors
(bad options, bad params), 1 for input files that cannot be used. Every error is one
sentence on stderr; a traceback is shown only with PROBGEN_DEBUG=1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable

import click

from probgen.problems.model import DIFFICULTIES, Kind, ParamError

from . import registry
from .atomic import write_text
from .instances import DEFAULT_DIFFICULTY

EXTENSIONS = {"md": "md", "tex": "tex", "html": "html", "json": "json"}
PROGRESS_FROM = 200  # problems or submissions; below this a run is instant anyway


class InputFileError(click.ClickException):
    """A file the user gave that cannot be used: exit status 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"probgen: error: {self.format_message()}", err=True)


class BadUsage(click.UsageError):
    """Options that cannot work together, or params that describe no problem: exit status 2."""

    def show(self, file: Any = None) -> None:
        hint = f" (see `probgen {self.ctx.info_name} --help`)" if self.ctx is not None else ""
        click.echo(f"probgen: error: {self.format_message()}{hint}", err=True)


def _progress(label: str, total: int, start: int = PROGRESS_FROM):
    """A progress bar on stderr for runs of at least ``start`` items at a terminal; nothing otherwise."""

    def wrap(items: Iterable[int]) -> Iterable[int]:
        if total < start or not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, length=total, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="probgen", prog_name="probgen")
def cli() -> None:
    """probgen: exercises on convolutional neural networks, each student their own variant.

    \b
    Practise:   probgen make --topic pooling --n 10 --out sheet/
                (answer in sheet/submission.json)
                probgen grade sheet/submission.json
    Staff:      probgen export --topic layers --n 5 --roster roster.csv --seed 2026 \\
                    --format md,pdf,html,moodle --solutions --out week3/
                probgen grade subs/*.json --key week3/answer-key.json --format csv --out grades.csv
    """


# ---- list ---------------------------------------------------------------------------


@cli.command("list")
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


# ---- make ---------------------------------------------------------------------------


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


@cli.command()
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
    from . import keyfile, making
    from . import worksheet as ws
    from .seeding import fresh_seed

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
    # Markdown figures: SVG files beside a written sheet; none on a terminal, where the grids
    # are shown as text already.
    recipe = making.Recipe(tuple((k.id, k.version) for k in kinds), master, difficulty, params, fmt,
                           solutions=solutions or out_dir is not None,
                           with_key=fmt == "json" or out_dir is not None,  # a printed practice sheet needs none
                           figure_mode="files" if out_dir is not None else "none")
    try:
        made = making.make_problems(kinds, count, recipe, jobs,
                                    progress=lambda total: _progress("Making problems", total))
    except ParamError as exc:
        raise BadUsage(f"{kinds[0].id}: {exc}") from None
    views = [m.view for m in made]
    if recipe.with_key:
        key = keyfile.answer_key_of([m.key for m in made], title=title, seed=master)
    if fmt == "json":
        for problem, m in zip(key["problems"], made):
            problem["statement"] = m.view["statement"]
            if solutions or out_dir:
                problem["solution"] = m.view["solution"]
        sheet_text = json.dumps(key, indent=2) + "\n"
    else:
        sheet_text = ws.layout(title, master, difficulty, views, fmt, solutions=solutions and not out_dir,
                               written=out_dir is not None)
    if out_dir is None:
        click.echo(sheet_text, nl=False)
        return
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        ext = EXTENSIONS[fmt]
        written.append(write_text(out_dir / f"worksheet.{ext}", sheet_text))
        if fmt != "json":
            written.append(write_text(out_dir / f"solutions.{ext}",
                                      ws.layout(title, master, difficulty, views, fmt, solutions=True, written=True)))
            figure_files = {name: svg for m in made for name, svg in m.figures.items()}
            if figure_files:
                (out_dir / "figures").mkdir(exist_ok=True)
                for name, svg in figure_files.items():
                    write_text(out_dir / name, svg)
                written.append(f"{out_dir / 'figures'}{os.sep} ({len(figure_files)} SVG figures linked from the sheets)")
        written.append(write_text(out_dir / "answer-key.json", json.dumps(key, indent=2) + "\n"))
        submission = keyfile.blank_submission_of([(m.id, m.labels) for m in made])
        written.append(write_text(out_dir / "submission.json", json.dumps(submission, indent=2) + "\n"))
    except OSError as exc:
        raise InputFileError(f"cannot write into {out_dir}: {exc.strerror or exc}.") from None
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(made)} problems, seed {master}. Answer in {out_dir / 'submission.json'}, "
               f"then: probgen grade {out_dir / 'submission.json'}")


# ---- export -------------------------------------------------------------------------

EXPORT_FORMATS = "md,tex,pdf,html,moodle"
LIST_FILES_UP_TO = 20  # student folders listed one per line; more get one summary line


def _export_progress_from(formats: list[str], n: int) -> int:
    """How many students make an export slow enough for a progress bar."""
    if "pdf" in formats:
        return 3  # a PDF takes about a second
    return max(2, PROGRESS_FROM // max(n, 1))


@cli.command("export")
@click.option("--topic", "topics", multiple=True, metavar="TOPIC", help="A topic to draw from (repeatable); `probgen list` shows them.")
@click.option("--template", "template_ids", multiple=True, metavar="ID", help="A problem kind such as pooling.max-values (repeatable).")
@click.option("--n", "n", type=click.IntRange(1, 1000), default=None,
              help="Problems per sheet, cycling through the chosen kinds. [default: one of each kind]")
@click.option("--roster", "roster_path", type=click.Path(path_type=Path), metavar="CSV",
              help="Class roster (CSV with a header and an id column, optional name and email): one variant per student.")
@click.option("--seed", type=click.IntRange(0), default=None,
              help="Course seed; with the same seed every student gets the same sheet again. [default: a fresh one, printed]")
@click.option("--difficulty", type=click.Choice(DIFFICULTIES), default=DEFAULT_DIFFICULTY, show_default=True)
@click.option("--format", "formats", default="md", show_default=True, metavar="LIST",
              help=f"Comma-separated formats to write, from {EXPORT_FORMATS}.")
@click.option("--solutions", is_flag=True, help="Also write solutions.<ext> (worked solutions and answers) beside each sheet.")
@click.option("--title", default="", help="Title of the sheets (each student's name and id are added).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into; each student gets a folder DIR/<id>/.")
def export_command(topics, template_ids, n, roster_path, seed, difficulty, formats, solutions, title, out_dir) -> None:
    """Export sheets for a class: a variant per student, answer key, PDF, HTML, Moodle XML.

    \b
    Examples:
      probgen export --topic pooling --n 5 --roster roster.csv --seed 2026 --format md,pdf --out week3/
      probgen export --topic layers --format html,moodle --solutions --out bank/
      probgen grade subs/*.json --key week3/answer-key.json --format csv --out grades.csv
    """
    from . import export as ex
    from .roster import RosterError, read_roster
    from .seeding import fresh_seed

    kinds = _selected_kinds(topics, template_ids)
    try:
        wanted = ex.parse_formats(formats)
    except ValueError as exc:
        raise BadUsage(str(exc)) from None
    students = None
    if roster_path is not None:
        try:
            students = read_roster(roster_path)
        except RosterError as exc:
            raise InputFileError(str(exc)) from None
    count = n if n is not None else len(kinds)
    if not title:
        names = list(topics) + [registry.find(t).title for t in template_ids]
        title = "Worksheet: " + ", ".join(names)
    course_seed = seed if seed is not None else fresh_seed()
    sheets = len(students) if students else 1
    progress = _progress("Exporting", sheets, _export_progress_from(wanted, count))
    try:
        result = ex.export(out_dir, kinds, count, course_seed, wanted, students=students, difficulty=difficulty,
                           title=title, solutions=solutions, progress=progress)
    except ex.ExportError as exc:
        raise InputFileError(str(exc)) from None
    if students:
        names = sorted({p.name for files in result.sheet_files for p in files})
        if len(students) <= LIST_FILES_UP_TO:
            for entry, files in zip(result.sheets, result.sheet_files):
                click.echo(f"wrote {out_dir / entry.student.id}{os.sep} ({', '.join(p.name for p in files)})")
        else:
            click.echo(f"wrote {len(students)} student folders {out_dir / '<id>'}{os.sep}, each with {', '.join(names)}")
    else:
        for path in result.sheet_files[0]:
            click.echo(f"wrote {path}")
    click.echo(f"wrote {result.key_path}")
    if result.moodle_path is not None:
        click.echo(f"wrote {result.moodle_path}")
    who = f"{len(students)} students" if students else "1 sheet"
    click.echo(f"{who}, {count} problem{'s' if count != 1 else ''} each, course seed {course_seed} "
               f"(--seed {course_seed} makes the same sheets again).")


# ---- grade --------------------------------------------------------------------------


@cli.command()
@click.argument("submissions", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--key", "key_path", type=click.Path(path_type=Path),
              help="Answer key to grade against (required for problems made with --params). [default: regenerate from the ids]")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file instead of stdout.")
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
    from probgen.grader import files, output
    from probgen.grader.errors import GradeInputError

    from .atomic import atomic_open
    from .batch import grade_files

    key = None
    if key_path is not None:
        try:
            key = files.read_key(key_path)
        except GradeInputError as exc:
            raise InputFileError(str(exc)) from None
    roster = key.get("students") if key else None
    by_kind = bool(roster)  # every student has their own variants: summarise by kind
    totals = output.Tally(by_kind)
    failed = 0

    def run(out) -> None:
        nonlocal failed
        if fmt == "csv":
            writer = output.CsvWriter(out, [p["id"] for p in key["problems"]] if key else None)
        else:
            writer = {"table": output.TableWriter, "json": output.JsonWriter}[fmt](out)
        outcomes = grade_files(submissions, key, key_path, jobs)
        for outcome in _progress("Grading", len(submissions), start=50)(outcomes):
            if isinstance(outcome, str):
                failed += 1
                click.echo(f"probgen: error: {outcome}", err=True)
                continue
            writer.add(outcome)
            totals.add(outcome)
        if totals.count:
            writer.finish(totals)

    if out_file is None:
        run(click.get_text_stream("stdout"))
    else:
        try:
            with atomic_open(out_file) as handle:
                run(handle)
        except OSError as exc:
            raise InputFileError(f"cannot write {out_file}: {exc.strerror or exc}.") from None
        if totals.count:
            click.echo(f"wrote {out_file} ({totals.count} submission{'s' if totals.count != 1 else ''})")
        if totals.count > 1:
            from probgen.grader.plot import histogram_from_counts

            stem = out_file.with_suffix("") if out_file.suffix else out_file
            summary_path = stem.with_name(stem.name + ".summary.csv")
            plot_path = stem.with_name(stem.name + ".svg")
            if plot_path == out_file:
                plot_path = stem.with_name(stem.name + ".distribution.svg")
            for path, content, what in ((summary_path, output.summary_csv(totals), "per-problem summary"),
                                        (plot_path, histogram_from_counts(totals.bins, totals.ungraded), "grade distribution")):
                try:
                    write_text(path, content)
                except OSError as exc:
                    raise InputFileError(f"cannot write {path}: {exc.strerror or exc}.") from None
                click.echo(f"wrote {path} ({what})")
    if isinstance(roster, dict) and len(submissions) > 1:
        missing = [s for s in roster if s not in totals.students]
        if missing:
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            click.echo(f"probgen: note: {len(missing)} student{'s' if len(missing) != 1 else ''} on the key's roster "
                       f"handed in nothing: {output.clean(shown)}.", err=True)
    if failed:
        raise SystemExit(1)


def main() -> None:
    """Entry point: no traceback reaches a user unless PROBGEN_DEBUG is set."""
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("probgen: interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: say so in one sentence
        if os.environ.get("PROBGEN_DEBUG"):
            raise
        click.echo(f"probgen: internal error ({type(exc).__name__}: {exc}); rerun with PROBGEN_DEBUG=1 and report it.", err=True)
        sys.exit(1)
