"""``probgen export``: a class's sheets, answer key and LMS files (see ``export``)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exporters import EXPORTERS
from .common import PROGRESS_FROM, _progress, user_errors
from .options import (credit_option, difficulty_option, n_option, secret_option, seed_option, template_option,
                      title_option, topic_option)
from .params import EXPORT_FORMATS, ROSTER


def _export_progress_from(formats: list[str], n: int) -> int:
    """How many students make an export slow enough for a progress bar."""
    if "pdf" in formats:
        return 3  # a PDF takes about a second
    return max(2, PROGRESS_FROM // max(n, 1))


@click.command("export")
@topic_option
@template_option
@n_option(1000, "Problems per sheet, cycling through the chosen kinds. [default: one of each kind]")
@click.option("--roster", "students", type=ROSTER, metavar="CSV",
              help="Class roster (CSV with a header and an id column, optional name and email): one variant per student.")
@seed_option("Course seed; with the same seed every student gets the same sheet again. [default: a fresh one, printed]")
@difficulty_option
@click.option("--format", "formats", type=EXPORT_FORMATS, default="md", show_default=True, metavar="LIST",
              help=f"Comma-separated formats to write, from {','.join(EXPORTERS)}.")
@click.option("--solutions", is_flag=True, help="Also write solutions.<ext> (worked solutions and answers) beside each sheet.")
@title_option("Title of the sheets (each student's name and id are added).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into; each student gets a folder DIR/<id>/.")
@secret_option("The course secret the sheets' ids are made with. [default: DIR/course-secret.txt, made by the "
               "first export into DIR and reused by later ones]")
@credit_option
def export_command(topics, template_ids, n, students, seed, difficulty, formats, solutions, title, out_dir,
                   secret_file, credit) -> None:
    """Export sheets for a class: a variant per student, answer key, PDF, HTML, and question banks for
    Moodle (XML), Canvas (QTI 1.2 zip) and other LMSs (QTI 2.1 zip).

    \b
    Examples:
      probgen export --topic pooling --n 5 --roster roster.csv --seed 2026 --format md,pdf --out week3/
      probgen export --topic layers --format html,moodle,canvas,qti21 --solutions --out bank/
      probgen grade subs/*.json --key week3/answer-key.json --format csv --out grades.csv
    """
    from .. import export
    from ..selection import select

    with user_errors():
        selection = select(topics, template_ids)
        count = selection.count(n)
        bar = _progress("Exporting", len(students) if students else 1, _export_progress_from(formats, count))
        result = export.run(out_dir, selection, count, seed, formats, students=students, difficulty=difficulty,
                            title=title, solutions=solutions, progress=bar, secret_file=secret_file, credit=credit)
    for line in export.report(result, out_dir):
        click.echo(line)
    problems = export.failure_lines(result)
    if problems:
        for line in problems:
            click.echo(f"probgen: error: {line}", err=True)
        whose = "student" if result.students else "sheet"
        count = len({f.folder for f in result.failures})
        click.echo(f"probgen: {count} {whose}{'s' if count != 1 else ''} could not be exported in full; "
                   f"everything else, the answer key included, was written.", err=True)
        raise SystemExit(1)
