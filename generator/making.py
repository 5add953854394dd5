"""Making a sheet's problems, on one process or several.

Sampling, solving and rendering are CPU-bound Python and every problem is independent of
the others (its seed comes from its position, see :func:`.worksheet.instance_at`), so a long
sheet is split into chunks of positions made on a fork pool; each worker returns rendered
text and key data, never live objects, and the chunks come back in order. Output is
identical to a run on one process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from probgen.contract import DEFAULT_CREDIT, kind_of
from probgen.problems.model import Kind

from . import keyfile, registry
from . import worksheet as ws

PARALLEL_FROM = 400  # below this a pool costs more than it saves
CHUNK = 50


@dataclass(frozen=True)
class View:
    """How problems are rendered in one format.

    ``figure_mode`` says how a format that can show figures more than one way shows them
    (Markdown: ``inline`` data URIs, SVG ``files`` beside the sheet, or ``none`` on a
    terminal); ``solutions`` renders worked solutions and shown answers too.
    """

    fmt: str
    figure_mode: str = "inline"
    solutions: bool = False


@dataclass(frozen=True)
class Made:
    """One problem, made and rendered, ready to be laid out and written."""

    id: str
    labels: tuple[str, ...]
    views: dict[str, dict[str, Any]]      # format name -> what a sheet layout shows of it
    key: dict[str, Any] | None
    figures: dict[str, str]               # figure files (path -> SVG) its Markdown links to

    @property
    def kind_id(self) -> str:
        return kind_of(self.id)


@dataclass(frozen=True)
class Recipe:
    """Everything a worker needs to make problems at given positions (plain, picklable data)."""

    kinds: tuple[tuple[str, int], ...]
    seed: int
    difficulty: str
    params: dict[str, Any] | None = None
    student: str | None = None
    views: tuple[View, ...] = ()
    with_key: bool = True
    secret: bytes | None = field(default=None, repr=False)  # a handed-out sheet's course secret
    credit: str = DEFAULT_CREDIT


def make_one(recipe: Recipe, kinds: list[Kind], position: int) -> Made:
    instance = ws.instance_at(kinds, position, recipe.seed, recipe.difficulty, recipe.params, recipe.student,
                              recipe.secret)
    figures: dict[str, str] = {}
    views = {view.fmt: ws.problem_view(position + 1, instance, view.fmt, solutions=view.solutions,
                                       figure_mode=view.figure_mode, figure_files=figures)
             for view in recipe.views}
    key = keyfile.key_problem(instance, recipe.credit) if recipe.with_key else None
    return Made(instance.id, tuple(p.label for p in instance.parts), views, key, figures)


def _chunk(job: tuple[Recipe, range]) -> list[Made]:
    recipe, positions = job
    kinds = [registry.find(kind_id, version) for kind_id, version in recipe.kinds]
    return [make_one(recipe, kinds, i) for i in positions]


def default_jobs(n: int) -> int:
    return min(os.cpu_count() or 1, 8) if n >= PARALLEL_FROM else 1


Progress = Callable[[int], Callable[[Iterable[int]], Iterable[int]]]


def _leave_interrupts_to_parent() -> None:
    """Ctrl-C reaches the whole process group: workers ignore it, so only the parent stops (one
    line, exit 130) and the pool's exit ends the workers without a traceback from each."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def make_problems(kinds: list[Kind], n: int, recipe: Recipe, jobs: int = 0,
                  progress: Progress | None = None) -> list[Made]:
    """Problems 0..n-1 in order; ``jobs`` 0 picks one process per core for long sheets.

    ``progress(total)`` wraps an iterable of ``total`` steps (problems, or chunks of them).
    """
    jobs = jobs or default_jobs(n)
    if jobs <= 1 or n < 2 or "fork" not in multiprocessing.get_all_start_methods():
        positions: Iterable[int] = progress(n)(range(n)) if progress else range(n)
        return [make_one(recipe, kinds, i) for i in positions]
    chunks = [(recipe, range(start, min(n, start + CHUNK))) for start in range(0, n, CHUNK)]
    # The first chunk is made here: it imports what these kinds need (SymPy, templates), so
    # the forked workers inherit it instead of each importing it again.
    made: list[Made] = _chunk(chunks[0])
    rest = chunks[1:]
    if not rest:
        return made
    with multiprocessing.get_context("fork").Pool(min(jobs, len(rest)), initializer=_leave_interrupts_to_parent) as pool:
        results: Iterator[list[Made]] = pool.imap(_chunk, rest)
        steps = progress(len(rest))(range(len(rest))) if progress else range(len(rest))
        for _ in steps:
            made.extend(next(results))
    return made
