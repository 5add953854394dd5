"""What a sheet is made of: ``--topic T``, ``--topic T@V`` and ``--template ID`` resolved to kinds.

A selection remembers the topic versions it used (the key records them) and can say the
options that select the same kinds again, whatever is added to the topics later.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from typing import Any, Sequence

from probgen.contract import DEFAULT_DIFFICULTY
from probgen.problems.model import Kind

from . import registry


class BadRequest(ValueError):
    """Options that describe no sheet (nothing to make, params for several kinds, a param the
    kind does not take); the message is one sentence for the user."""


class NothingSelected(BadRequest):
    """Neither a topic nor a kind was named."""


@dataclass(frozen=True)
class TopicPick:
    """A topic as ``--topic`` names it: ``pooling`` (its latest version) or ``pooling@1``."""

    name: str
    version: int | None = None

    @classmethod
    def parse(cls, text: str) -> TopicPick:
        """``"pooling@1"`` -> ``TopicPick("pooling", 1)``; text that is no version stays the name
        (and is then reported as an unknown topic, as it is)."""
        name, at, version = text.partition("@")
        if at and version.isdigit():
            return cls(name, int(version))
        return cls(text)

    def __str__(self) -> str:
        return self.name if self.version is None else f"{self.name}@{self.version}"


@dataclass(frozen=True)
class Selection:
    kinds: tuple[Kind, ...]
    topics: dict[str, int]         # topic -> the version its kinds were taken from
    templates: tuple[str, ...]     # kind ids named one by one
    names: tuple[str, ...]         # what a title calls it: topic names, then kind titles

    def count(self, n: int | None) -> int:
        """``n`` problems, or by default one of each kind."""
        return n if n is not None else len(self.kinds)

    def title(self, prefix: str) -> str:
        """The default title of a sheet of this selection: ``Practice: pooling, layers``."""
        return f"{prefix}: " + ", ".join(self.names)

    def options(self) -> list[str]:
        """The options that select these kinds again, topics pinned to their versions."""
        pinned = [f"--topic {topic}@{version}" for topic, version in self.topics.items()]
        return pinned + [f"--template {t}" for t in self.templates]


def select(topics: Sequence[TopicPick | str], templates: Sequence[str]) -> Selection:
    """The kinds of the topics (each at its version), then of the templates, in that order.

    NothingSelected when nothing is named; registry.UnknownKind (one sentence) for a topic,
    version or kind there is none of.
    """
    if not topics and not templates:
        raise NothingSelected("say what to make with --topic (for example --topic pooling) or --template; "
                              "`probgen list` shows both.")
    picks = [t if isinstance(t, TopicPick) else TopicPick.parse(t) for t in topics]
    kinds: list[Kind] = []
    versions: dict[str, int] = {}
    for pick in picks:
        found = registry.of_topic(pick.name, pick.version)
        version = pick.version if pick.version is not None else registry.latest_version(pick.name)
        if versions.setdefault(pick.name, version) != version:
            raise registry.UnknownKind(f"topic {pick.name!r} is asked for at two versions, "
                                       f"{versions[pick.name]} and {version}; name one.")
        kinds.extend(found)
    chosen = [registry.find(t) for t in templates]
    kinds.extend(chosen)
    names = tuple(p.name for p in picks) + tuple(k.title for k in chosen)
    return Selection(tuple(kinds), versions, tuple(templates), names)


def reproduce(selection: Selection, n: int, seed: int, difficulty: str = DEFAULT_DIFFICULTY,
              params: dict[str, Any] | None = None) -> str:
    """The options that make the same sheet again: ``--topic pooling@1 --n 6 --seed 7``."""
    words = selection.options() + [f"--n {n}", f"--seed {seed}"]
    if difficulty != DEFAULT_DIFFICULTY:
        words.append(f"--difficulty {difficulty}")
    if params is not None:
        words.append(f"--params {shlex.quote(json.dumps(params, separators=(', ', ': ')))}")
    return " ".join(words)
