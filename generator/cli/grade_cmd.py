"""``probgen grade``: grade submission files and write reports."""

from __future__ import annotations

from pathlib import Path

import click


from ..atomic import write_text
from .common import BadUsage, InputFileError, _progress  # noqa: F401


@click.command()
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

    from ..atomic import atomic_open
    from ..batch import grade_files

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
