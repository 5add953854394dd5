"""Jinja2 rendering of statements, worked solutions and sheets, per output format.

Kind templates are written once, in a small dialect every format shares: plain sentences,
inline math ``$...$``, display math ``$$...$$``, blank lines between paragraphs, and the
primitives of the format object ``fmt`` (:mod:`.formats`) for the things whose markup differs
by format (matrices above all). Rendering only prints what the kind computed (answers and
``steps``); it never computes an answer.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import jinja2

from probgen import templates
from probgen.grader.types import TYPES

from . import figures, formats
from .formats import Format
from .values import bmatrix, shape, tex, text

__all__ = ["FORMATS", "OUTPUT_FORMATS", "TEMPLATE_DIR", "environment", "render_block", "render_sheet",
           "show_answer", "tex", "text", "bmatrix", "shape"]

#: The formats whose rendered statements and solutions are text in the templates' dialect
#: ($...$ math kept as LaTeX source): Markdown and LaTeX.
FORMATS = ("md", "tex")
#: Every format statements, solutions and sheets render to. HTML is the dialect converted to
#: HTML with MathML, so its fragments no longer hold LaTeX source.
OUTPUT_FORMATS = tuple(formats.FORMATS)
TEMPLATE_DIR = Path(templates.__file__).parent
#: Folders searched after TEMPLATE_DIR, for kinds defined outside probgen (see add_template_folder).
_EXTRA_FOLDERS: list[str] = []


def add_template_folder(folder: str | Path) -> None:
    """Find templates in ``folder`` too (``kinds/<kind id>.j2``), after probgen's own.

    For kinds that live outside ``probgen.problems`` (see :func:`.registry.refresh`).
    """
    if str(folder) not in _EXTRA_FOLDERS:
        _EXTRA_FOLDERS.append(str(folder))
        environment.cache_clear()


def remove_template_folder(folder: str | Path) -> None:
    """Stop looking in a folder :func:`add_template_folder` added."""
    if str(folder) in _EXTRA_FOLDERS:
        _EXTRA_FOLDERS.remove(str(folder))
        environment.cache_clear()


def _figure_global(fmt: Format) -> Callable[..., str]:
    @jinja2.pass_context
    def figure(context: Any, rows: Any, caption: str = "") -> str:
        """``{{ figure([panel(...), panel(...)], caption="...") }}``: the figure in this format.

        The caller chooses through the context's ``figure_mode`` how a format that can show a
        figure more than one way shows it (see :meth:`.formats.markdown.Markdown.figure`).
        """
        return fmt.figure(figures.figure(rows, caption), mode=context.get("figure_mode", "inline"),
                          files=context.get("figure_files"), owner=str(context.get("id", "figure")))

    return figure


def show_answer(fmt: Format, type_: str, value: Any, options: Mapping[str, Any] | None = None) -> str:
    """A reference answer as final markup of ``fmt``: what a solution sheet shows for a part.

    The answer type's ``sheet`` form writes it with the format's primitives; ``options`` are
    the part's (a choice part's ``choices`` above all).
    """
    return fmt.finish(TYPES[type_].sheet(value, fmt, options or {}))


def _cache_root() -> str:
    return os.environ.get("PROBGEN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "probgen")


def _only_user_can_write(folder: str) -> bool:
    """Whether nobody but this user (and root) can put a file into ``folder``: it is a real
    folder owned by the user, not writable by group or others, and every folder above it is
    owned by the user or root and not writable by others unless sticky (like /tmp), so that
    nobody can swap it for another."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return False
    parent = os.path.dirname(os.path.abspath(folder))
    while True:
        try:
            above = os.stat(parent)
        except OSError:
            return False
        if above.st_uid not in (0, os.getuid()):
            return False
        if above.st_mode & 0o002 and not above.st_mode & stat.S_ISVTX:
            return False
        if above.st_mode & 0o020 and above.st_uid != 0 and not above.st_mode & stat.S_ISVTX:
            return False
        up = os.path.dirname(parent)
        if up == parent:
            return True
        parent = up


def takes_rounded(type_: str, value: Any) -> bool:
    """Whether a decimal answer to a part is graded by the rounding rule, so its sheet states
    the rule (the answer type decides: a number or numeric array with an entry not whole)."""
    return TYPES[type_].rounded(value)


@lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (PROBGEN_CACHE_DIR, else ~/.cache/probgen).

    Compiling the templates was most of a short `probgen make`'s time; Jinja checks each
    cached entry against its template's source, so an edited template is compiled afresh.
    A cached template is code that runs, so the cache is used only in a folder nobody but the
    user can write (created 0700, checked: owner, mode and the folders above it); otherwise,
    and on systems without user ids, templates are simply compiled every run.
    """
    if not hasattr(os, "getuid"):
        return None
    folder = os.path.join(_cache_root(), f"jinja-{jinja2.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}")
    try:
        os.makedirs(os.path.dirname(folder), mode=0o700, exist_ok=True)
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not _only_user_can_write(folder):
        return None
    return jinja2.FileSystemBytecodeCache(folder)


@lru_cache(maxsize=None)
def environment(fmt: str) -> jinja2.Environment:
    """The Jinja environment of one format: its templates see the format object as ``fmt``."""
    form = formats.get(fmt)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATE_DIR), *_EXTRA_FOLDERS]),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals.update(tex=tex, text=text, bmatrix=bmatrix, shape=shape, grid=form.grid, fmt=form,
                       show_answer=lambda type_, value, options=None: show_answer(form, type_, value, options),
                       figure=_figure_global(form), panel=figures.panel)
    env.filters.update(tex=tex, text=text, bmatrix=bmatrix, shape=shape, escape_text=form.escape,
                       # The dialect of prompts and choices ($math$, **bold**) as inline markup.
                       dialect=form.inline)
    return env


def _tidy(rendered: str) -> str:
    """Collapse runs of blank lines that template control flow leaves behind."""
    return re.sub(r"\n{3,}", "\n\n", rendered).strip() + "\n"


def render_block(template_name: str, block: str, context: dict[str, Any], fmt: str) -> str:
    """Render one named block (``statement`` or ``solution``) of a kind template."""
    env = environment(fmt)
    template = env.get_template(template_name)
    if block not in template.blocks:
        raise KeyError(f"template {template_name} has no block {block!r}")
    out = "".join(template.blocks[block](template.new_context(context)))
    return _tidy(formats.get(fmt).finish(out))


def render_sheet(layout: str, context: dict[str, Any], fmt: str) -> str:
    """Render a worksheet layout (``sheets/<layout>.<fmt>.j2``)."""
    env = environment(fmt)
    out = env.get_template(f"sheets/{layout}.{fmt}.j2").render(context)
    return _tidy(formats.get(fmt).finish_sheet(out))
