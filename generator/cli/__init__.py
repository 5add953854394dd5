"""The ``probgen`` command: list kinds, make sheets, grade submissions, practise in the browser.

Exit status: 0 when the command did its job (whatever the score), 2 for usage errors
(bad options, bad params), 1 for input files that cannot be used. Every error is one
sentence on stderr; a traceback is shown only with PROBGEN_DEBUG=1.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

#: Each command and where it lives: (module, function), imported only when the command runs, so
#: `probgen make` does not pay for loading export, grading and the practice server.
COMMANDS = {
    "list": ("list_cmd", "list_kinds"),
    "make": ("make_cmd", "make"),
    "export": ("export_cmd", "export_command"),
    "grade": ("grade_cmd", "grade"),
    "practice": ("practice_cmd", "practice"),
}


class _LazyGroup(click.Group):
    """A group whose commands are imported when asked for (click's lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        return getattr(importlib.import_module(f".{where[0]}", __name__), where[1])


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="probgen", prog_name="probgen")
def cli() -> None:
    """probgen: exercises on convolutional neural networks, each student their own variant.

    \b
    Practise:   probgen practice --topic pooling
                (a page in your browser that checks answers as you go)
                probgen make --topic pooling --n 10 --out sheet/
                (answer in sheet/submission.json)
                probgen grade sheet/submission.json
    Staff:      probgen export --topic layers --n 5 --roster roster.csv --seed 2026 \\
                    --format md,pdf,html,moodle --solutions --out week3/
                probgen grade subs/*.json --key week3/answer-key.json --format csv --out grades.csv
    """


def main() -> None:
    """Entry point: no traceback reaches a user unless PROBGEN_DEBUG is set.

    Ctrl-C is one line and exit status 130 (click's standalone mode would print "Aborted!" and
    exit 1); what a command was writing is left as it was (files are replaced whole, an export
    folder only at its end).
    """
    try:
        try:
            status = cli.main(standalone_mode=False)
        except click.exceptions.Abort:
            raise KeyboardInterrupt from None
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        sys.exit(status if isinstance(status, int) else 0)
    except KeyboardInterrupt:
        click.echo("probgen: interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: say so in one sentence
        if os.environ.get("PROBGEN_DEBUG"):
            raise
        click.echo(f"probgen: internal error ({type(exc).__name__}: {exc}); rerun with PROBGEN_DEBUG=1 and report it.", err=True)
        sys.exit(1)
