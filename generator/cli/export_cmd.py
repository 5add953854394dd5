"""``probgen export``: a class's sheets, answer key and LMS files."""

from __future__ import annotations

import os
from pathlib import Path

import click

from probgen.contract import DEFAULT_DIFFICULTY, DIFFICULTIES

from .. import registry
from .make_cmd import _selected_kinds
from .common import PROGRESS_FROM, BadUsage, InputFileError, _progress  # noqa: F401


EXPORT_FORMATS = "md,tex,pdf,html,moodle"
LIST_FILES_UP_TO = 20  # student folders listed one per line; more get one summary line


def _export_progress_from(formats: list[str], n: int) -> int:
    """How many students make an export slow enough for a progress bar."""
    if "pdf" in formats:
        return 3  # a PDF takes about a second
    return max(2, PROGRESS_FROM // max(n, 1))


@click.command("export")
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
    from .. import export as ex
    from ..exporters import ExportError
    from ..roster import RosterError, read_roster
    from ..seeding import fresh_seed

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
    except ExportError as exc:
        raise InputFileError(str(exc)) from None
    if students:
        names = sorted({p.name for files in result.sheet_files for p in files})
        if len(students) <= LIST_FILES_UP_TO:
            for student, files in zip(students, result.sheet_files):
                click.echo(f"wrote {out_dir / student.id}{os.sep} ({', '.join(p.name for p in files)})")
        else:
            click.echo(f"wrote {len(students)} student folders {out_dir / '<id>'}{os.sep}, each with {', '.join(names)}")
    else:
        for path in result.sheet_files[0]:
            click.echo(f"wrote {path}")
    click.echo(f"wrote {result.key_path}")
    for path in result.export_files:
        click.echo(f"wrote {path}")
    who = f"{len(students)} students" if students else "1 sheet"
    click.echo(f"{who}, {count} problem{'s' if count != 1 else ''} each, course seed {course_seed} "
               f"(--seed {course_seed} makes the same sheets again).")
