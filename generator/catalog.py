"""The catalog of problem kinds, generated from the code: what ``probgen list`` prints.

Each kind with its params (as the kind declares them), its parts with their answer types (of
a sampled problem: parts are a function of the params, so the catalog says when sampled
problems differ in them) and its named misconceptions. ``docs/catalog.md`` is
:func:`markdown` of every kind, checked in and kept current by a test.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from probgen.contract import DEFAULT_DIFFICULTY, DIFFICULTIES
from probgen.problems.model import Kind, Part
from probgen.problems.rng import Rng

from . import registry
from .selection import TopicPick

#: Seeds drawn at every difficulty to see whether a kind's parts depend on its params.
SAMPLE_SEEDS = range(4)
MD_COMMAND = "probgen list --format md"


@dataclass(frozen=True)
class Entry:
    kind: Kind
    parts: tuple[Part, ...]     # of the problem drawn from seed 0 at the default difficulty
    parts_vary: bool            # other draws have other parts (more of them, other types or prompts)


def entry(kind: Kind) -> Entry:
    """A kind's catalog entry; its parts come from sampled params (nothing is solved)."""
    def parts(seed: int, difficulty: str) -> tuple[Part, ...]:
        return tuple(kind.parts(kind.sample(Rng(seed), difficulty)))

    def outline(parts: tuple[Part, ...]) -> list[tuple[str, str, int, str]]:
        return [(p.label, p.type, p.points, p.prompt) for p in parts]  # not the order of choices

    shown = parts(0, DEFAULT_DIFFICULTY)
    vary = any(outline(parts(seed, d)) != outline(shown) for d in DIFFICULTIES for seed in SAMPLE_SEEDS)
    return Entry(kind, shown, vary)


def kinds(topic: str | None = None) -> list[Kind]:
    """The kinds listed: per topic those of its latest order (the order sheets use), then any
    other kind of the topic; ``topic`` may be ``T@V`` for the kinds of one version."""
    if topic is not None:
        pick = TopicPick.parse(topic)
        ordered = registry.of_topic(pick.name, pick.version)
        return ordered if pick.version is not None else ordered + _unordered(pick.name, ordered)
    found: list[Kind] = []
    for name in registry.topics():
        ordered = registry.of_topic(name)
        found += ordered + _unordered(name, ordered)
    return found


def _unordered(topic: str, ordered: list[Kind]) -> list[Kind]:
    return [k for k in registry.kinds_of(topic) if k not in ordered]


# ---- outputs ----------------------------------------------------------------------------

def _parts_text(e: Entry) -> str:
    shown = ", ".join(f"({p.label}) {p.type}" for p in e.parts)
    return f"parts{' (vary with the params)' if e.parts_vary else ''}: {shown}"


def table(entries: list[Entry]) -> str:
    """Topics, each kind on a line (id, version, title) with its parts on the next."""
    width = max(len(e.kind.id) for e in entries)
    lines: list[str] = []
    current = None
    for e in entries:
        if e.kind.topic != current:
            current = e.kind.topic
            lines.append(current)
        head = f"  {e.kind.id.ljust(width)}  v{e.kind.version}  "
        lines += [head + e.kind.title, " " * len(head) + _parts_text(e)]
    return "\n".join(lines) + "\n"


def _param_json(param: Any) -> dict[str, Any]:
    row = {"name": param.name, "type": param.type, "default": param.default, "meaning": param.meaning}
    if param.drawn:
        row["drawn"] = True  # seeds draw it; hand-given params that leave it out take the default
    return row


def _default_cell(param: Any) -> str:
    """The default column: "sampled", or the default, noting when seeds draw the param anyway."""
    if param.sampled:
        return str(param.default)
    return json.dumps(param.default) + (" (seeds draw it)" if param.drawn else "")


def _named(kind: Any) -> list[tuple[str, str]]:
    """A kind's misconceptions as (name, feedback), each once: one mistake may be solved by two
    records when it gives a part more than one wrong answer."""
    return list(dict.fromkeys((m.name, m.feedback) for m in kind.misconceptions))


def rows(entries: list[Entry]) -> list[dict[str, Any]]:
    return [{"id": e.kind.id, "version": e.kind.version, "topic": e.kind.topic, "title": e.kind.title,
             "params": [_param_json(p) for p in e.kind.params],
             "parts": [{"label": p.label, "type": p.type, "points": p.points, "prompt": p.prompt} for p in e.parts],
             "parts_vary": e.parts_vary,
             "misconceptions": [{"name": name, "feedback": feedback} for name, feedback in _named(e.kind)]}
            for e in entries]


def to_json(entries: list[Entry]) -> str:
    return json.dumps(rows(entries), indent=2, ensure_ascii=False) + "\n"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def kind_markdown(e: Entry) -> list[str]:
    kind = e.kind
    out = [f"### `{kind.id}` (v{kind.version}): {kind.title}", ""]
    if kind.params:
        out += ["| param | type | default | meaning |", "|---|---|---|---|"]
        out += [f"| `{p.name}` | {_cell(p.type)} | {_cell(_default_cell(p))} "
                f"| {_cell(p.meaning)} |" for p in kind.params]
        out.append("")
    vary = "; they vary with the params" if e.parts_vary else ""
    out += [f"Parts (of a sampled problem{vary}):", ""]
    out += [f"- ({p.label}) {p.type}{f', {p.points} points' if p.points != 1 else ''}: {p.prompt}" for p in e.parts]
    out.append("")
    if kind.misconceptions:
        out += ["Misconceptions the grader names:", ""]
        out += [f"- `{name}`: {feedback}" for name, feedback in _named(kind)]
        out.append("")
    return out


def markdown(entries: list[Entry]) -> str:
    """The catalog as Markdown: per topic its versions (kind orders), then each kind."""
    out = ["# Catalog of problem kinds", "",
           f"Generated from the code by `{MD_COMMAND}`; do not edit it by hand.", "",
           "A sheet of `--topic T` cycles through the kinds of the topic's latest version in the order",
           "listed; `--topic T@V` through those of version V, so a sheet made before a topic grew can be",
           "made again (see ARCHITECTURE.md).", ""]
    topics = list(dict.fromkeys(e.kind.topic for e in entries))
    for topic in topics:
        out += [f"## {topic}", ""]
        for version, ids in registry.orders(topic).items():
            out.append(f"- version {version}: " + ", ".join(f"`{i}`" for i in ids))
        out.append("")
        for e in entries:
            if e.kind.topic == topic:
                out += kind_markdown(e)
    return "\n".join(out).rstrip("\n") + "\n"


RENDER = {"table": table, "json": to_json, "md": markdown}


def render(fmt: str, topic: str | None = None) -> str:
    """``probgen list`` in ``fmt`` (``table``, ``json`` or ``md``); registry.UnknownKind for an
    unknown topic."""
    return RENDER[fmt]([entry(k) for k in kinds(topic)])
