"""Worksheets in one process: the problem at each position of a sheet, its view in a format
(statement, solution, shown answers) and the views laid out as a sheet.

These are the stages every sheet goes through; :mod:`.making` runs them for many positions
(on several processes for long sheets) and :mod:`.sheets` assembles the result. ``build``
and ``render_sheet`` run the same stages on live instances in this process.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any, Iterator, Sequence

from probgen.grader.types.number import SHEET_RULE
from probgen.problems.model import Kind, Part

from . import instances as inst
from . import formats, render
from .instances import Instance
from .seeding import handout_token, slot_seed, token_seed

@dataclass(frozen=True)
class Worksheet:
    title: str
    seed: int | None
    difficulty: str
    instances: tuple[Instance, ...]


def instance_at(kinds: Sequence[Kind], position: int, seed: int, difficulty: str = inst.DEFAULT_DIFFICULTY,
                params: dict[str, Any] | None = None, student: str | None = None,
                secret: bytes | None = None) -> Instance:
    """The problem at ``position`` (0-based) of a sheet: ``kinds`` cycled in order, seeded by
    :func:`.seeding.slot_seed`, or on a handed-out sheet (a course ``secret``) by a token only
    the secret makes into a seed. Every sheet, printed, written or exported, is made of these.

    Cycling rather than drawing kinds at random gives a sheet of ``--topic pooling --n 10``
    two problems of every pooling kind, which is what a practice sheet wants.
    """
    kind = kinds[position % len(kinds)]
    if secret is not None and not params:
        token = handout_token(secret, seed, position, student)
        return inst.sample(kind, token_seed(secret, token), difficulty, token=token)
    return inst.sample(kind, slot_seed(seed, position, student), difficulty, given=params)


def build(kinds: list[Kind], n: int, seed: int, difficulty: str = inst.DEFAULT_DIFFICULTY,
          params: dict[str, Any] | None = None, title: str = "") -> Worksheet:
    """``n`` problems of ``kinds`` (see :func:`instance_at`) as live instances in this process,
    for code that wants the instances themselves; :func:`render_sheet` lays them out."""
    made = tuple(instance_at(kinds, i, seed, difficulty, params) for i in range(n))
    return Worksheet(title or default_title(kinds), seed, difficulty, made)


def default_title(kinds: list[Kind]) -> str:
    topics = []
    for k in kinds:
        if k.topic not in topics:
            topics.append(k.topic)
    if len(kinds) == 1:
        return f"Practice: {kinds[0].title}"
    return "Practice: " + ", ".join(topics)


class _LazySteps(Mapping):
    """``steps`` for a template, computed on first use: most statements never look at them."""

    def __init__(self, instance: Instance) -> None:
        self._instance = instance

    def __getitem__(self, key: str) -> Any:
        return self._instance.steps()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._instance.steps())

    def __len__(self) -> int:
        return len(self._instance.steps())


def _context(instance: Instance, figure_mode: str = "inline",
             figure_files: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "id": instance.id,
        "params": instance.params,
        "answers": instance.answers,
        "parts": instance.parts,
        "steps": _LazySteps(instance),
        "figure_mode": figure_mode,
        "figure_files": figure_files,
    }


def statement(instance: Instance, fmt: str, figure_mode: str = "inline",
              figure_files: dict[str, str] | None = None) -> str:
    """The problem's statement; ``figure_mode`` says how Markdown shows figures (see render)."""
    context = _context(instance, figure_mode, figure_files)
    return render.render_block(instance.kind.template_name, "statement", context, fmt)


def solution(instance: Instance, fmt: str, figure_mode: str = "inline",
             figure_files: dict[str, str] | None = None) -> str:
    context = _context(instance, figure_mode, figure_files)
    return render.render_block(instance.kind.template_name, "solution", context, fmt)


def _part_view(part: Part, answer: Any, fmt: str, with_answer: bool) -> dict[str, Any]:
    """A part as the sheet shows it; the answer already in the sheet's markup, so a view is
    plain text that travels cheaply between processes (no SymPy objects)."""
    choices = list(part.options.get("choices", ()))
    shown = render.show_answer(formats.get(fmt), part.type, answer, part.options) if with_answer else ""
    return {"label": part.label, "prompt": part.prompt, "points": part.points, "type": part.type,
            "shown": shown, "choices": choices, "rounded": render.takes_rounded(part.type, answer)}


def problem_view(number: int, instance: Instance, fmt: str, *, solutions: bool, figure_mode: str = "inline",
                 figure_files: dict[str, str] | None = None) -> dict[str, Any]:
    """What a sheet layout shows of one problem (its statement, and its solution if asked)."""
    return {
        "number": number,
        "id": instance.id,
        "title": instance.kind.title,
        "statement": statement(instance, fmt, figure_mode, figure_files),
        "solution": solution(instance, fmt, figure_mode, figure_files) if solutions else "",
        "parts": [_part_view(p, instance.answers[p.label], fmt, solutions) for p in instance.parts],
        "points": sum(p.points for p in instance.parts),
    }


def layout(title: str, seed: int | None, difficulty: str, views: list[dict[str, Any]], fmt: str, *,
           solutions: bool, written: bool = False, handed_out: bool = False) -> str:
    """Problem views laid out as a statement sheet, or with ``solutions`` as a solution sheet.

    A sheet with a part whose answer is not whole states the rounding rule once, beside the
    answer instructions (``rounding_rule``), whatever the parts' prompts say. A ``handed_out``
    sheet tells its student to hand the submission in (only staff can grade it)."""
    rounded = any(part.get("rounded") for view in views for part in view["parts"])
    context = {"title": title, "seed": seed, "difficulty": difficulty,
               "problems": views, "solutions": solutions, "written": written, "handed_out": handed_out,
               "rounding_rule": SHEET_RULE if rounded else ""}
    return render.render_sheet("solutions" if solutions else "worksheet", context, fmt)


def render_sheet(sheet: Worksheet, fmt: str, *, solutions: bool, written: bool = False,
                 figure_mode: str = "inline", figure_files: dict[str, str] | None = None) -> str:
    """The statement sheet, or with ``solutions`` the sheet with worked solutions and answers."""
    views = [problem_view(number, instance, fmt, solutions=solutions, figure_mode=figure_mode,
                          figure_files=figure_files)
             for number, instance in enumerate(sheet.instances, start=1)]
    return layout(sheet.title, sheet.seed, sheet.difficulty, views, fmt, solutions=solutions, written=written)
