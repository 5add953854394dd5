"""The practice page's HTML: its own small Jinja environment over ``templates/practice/``.

Unlike the sheet templates (whose text is the kinds' own dialect, escaped by the format
objects), these templates escape every value by default: the only markup that passes
through unescaped is what the sheet pipeline rendered (statements, prompts and choices in
the dialect, MathML, SVG), marked with :func:`trusted`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import jinja2
from markupsafe import Markup

from probgen import templates
from probgen.contract import DEFAULT_DIFFICULTY

from .. import html as dialect
from .. import registry
from .problems import Problem, Ref
from .store import TopicProgress

FOLDER = Path(templates.__file__).parent / "practice"
STATIC = FOLDER / "static"
#: Answer types typed on several lines (a row per line reads as a row of the matrix).
MULTILINE = ("matrix", "tensor", "expression-matrix")


def trusted(markup: str) -> Markup:
    """HTML the sheet pipeline made (never text a user typed)."""
    return Markup(markup)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(FOLDER)), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["dialect"] = lambda text: trusted(dialect.inline(text))
    env.filters["percent"] = lambda share: f"{round(100 * share)} %"
    return env


def _render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def _part(part: dict[str, Any]) -> dict[str, Any]:
    return dict(part, multiline=part["type"] in MULTILINE, letters=[chr(ord("A") + i) for i in range(len(part["choices"]))])


def problem_page(problem: Problem, *, title: str, progress: Sequence[TopicProgress] | None = None,
                 store_path: Path | None = None) -> str:
    """A problem with an answer box per part; with ``progress``, the start page's summary under it."""
    ref = problem.ref
    view = problem.view
    return _render("problem.html.j2", title=title, problem=view, statement=trusted(view["statement"]),
                   parts=[_part(p) for p in view["parts"]], ref=ref.query(),
                   next=ref.at(ref.position + 1).query() if ref.has_next else None,
                   difficulty=ref.difficulty, seed=ref.seed, progress=progress, store_path=store_path,
                   topics=registry.topics())


def start_page(*, progress: Sequence[TopicProgress] | None, store_path: Path | None) -> str:
    """The start page when no topic was named: what there is to practise, and the progress."""
    return _render("start.html.j2", title="Practice", progress=progress, store_path=store_path,
                   topics=registry.topics())


ERROR_TITLES = {404: "Not here", 409: "This page has changed", 500: "Something went wrong"}


def error_page(status: int, message: str) -> str:
    return _render("error.html.j2", title=ERROR_TITLES.get(status, "Cannot show this"), status=status, message=message)


def page_title(ref: Ref) -> str:
    """``Practice: pooling`` as the sheet would be titled (topics, then kind titles)."""
    names = [t.partition("@")[0] for t in ref.topics] + [registry.find(t).title for t in ref.templates]
    suffix = "" if ref.difficulty == DEFAULT_DIFFICULTY else f" ({ref.difficulty})"
    return "Practice: " + ", ".join(names) + suffix


def solution_json(view: dict[str, Any], expected: Sequence[str | None]) -> dict[str, Any]:
    """The worked solution and each part's answer, as the solution sheet shows them."""
    return {"html": view["solution"],
            "answers": [{"label": part["label"], "shown": part["shown"], "expected": shown}
                        for part, shown in zip(view["parts"], expected)]}
