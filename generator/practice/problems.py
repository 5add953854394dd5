"""Which problem a practice page shows, and that problem made through the sheet pipeline.

A page names its problem the way ``make`` does, by kinds and seeds: topics (each pinned to
its version) and kind ids, a master seed, a difficulty and a position, in the page's query
string (``?topic=pooling@1&seed=3&n=0``). The problem is then ``worksheet.instance_at`` of
those, so position 0 of ``--template K --seed S`` is the first problem of ``make --template
K --seed S --n 1``, with the same id. Nothing else is ever served: no id typed by a user, no
hand-given params, no student's seed, so no problem of an exported (staff) sheet.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol, Sequence
from urllib.parse import urlencode

from probgen.contract import DEFAULT_DIFFICULTY, DIFFICULTIES
from probgen.problems.model import Kind

from .. import registry
from .. import worksheet as ws
from ..instances import Instance
from ..keyfile import key_problem
from ..selection import TopicPick, select

MAX_NAMES = 64            # topics and kinds one page may cycle through (there are 30 kinds in all)
MAX_POSITION = 99_999     # as many problems as `make --n` makes
MAX_SEED_DIGITS = 18
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,60}(?:\.[a-z0-9][a-z0-9-]{0,60})?(?:@[0-9]{1,6})?")


class BadPage(ValueError):
    """A page address that names no problem; the message is one sentence (HTTP 400)."""


class NoSuchKind(LookupError):
    """A topic or kind that does not exist; the message is one sentence (HTTP 404)."""


class Stale(ValueError):
    """A request about a problem whose id is not the one its page names (HTTP 409)."""


@dataclass(frozen=True)
class Ref:
    """A practice problem named by kinds and seeds, as in ``make``: the page's address."""

    topics: tuple[str, ...]       # "pooling@1": topics pinned to a version
    templates: tuple[str, ...]    # kind ids
    seed: int
    difficulty: str = DEFAULT_DIFFICULTY
    position: int = 0

    def at(self, position: int) -> Ref:
        return Ref(self.topics, self.templates, self.seed, self.difficulty, position)

    def query(self) -> str:
        """The query string that names this problem again (what links and the page's script use)."""
        pairs = [("topic", t) for t in self.topics] + [("template", t) for t in self.templates]
        pairs.append(("seed", str(self.seed)))
        if self.difficulty != DEFAULT_DIFFICULTY:
            pairs.append(("difficulty", self.difficulty))
        pairs.append(("n", str(self.position)))
        return urlencode(pairs, safe="@")

    @property
    def has_next(self) -> bool:
        return self.position < MAX_POSITION


def pinned(topics: Sequence[str], templates: Sequence[str], seed: int, difficulty: str = DEFAULT_DIFFICULTY) -> Ref:
    """The first problem of a selection, its topics pinned to their versions (so its address
    keeps naming the same problems when a topic grows). NoSuchKind for an unknown name."""
    picks = [TopicPick.parse(t) for t in topics]
    for name in [*topics, *templates]:
        _known(name)
    try:
        pins = tuple(str(TopicPick(p.name, p.version if p.version is not None else registry.latest_version(p.name)))
                     for p in picks)
    except registry.UnknownKind as exc:
        raise NoSuchKind(_sentence(exc)) from None
    ref = Ref(pins, tuple(templates), seed, difficulty)
    kinds_of(ref)
    return ref


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:]


def _known(name: str) -> None:
    """Refuse a name that cannot be a topic or kind before the registry sees it (its caches
    keep every name they are asked about)."""
    topic = name.partition("@")[0].split(".", 1)[0]
    if not _NAME.fullmatch(name) or topic not in registry.topics():
        shown = name if len(name) <= 60 else name[:60] + "…"
        raise NoSuchKind(f"There is no topic or problem kind {shown!r}; topics are {', '.join(registry.topics())}.")


class Params(Protocol):
    """A parsed query string (Starlette's ``QueryParams``): every value of a name."""

    def getlist(self, key: str) -> list[str]: ...


def _one(params: Params, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise BadPage(f"The address names {name} {len(values)} times; name it once.")
    return values[0] if values else None


def _whole(text: str | None, name: str, most: int) -> int:
    if text is None or not text.isdigit() or len(text) > MAX_SEED_DIGITS or not 0 <= int(text) <= most:
        raise BadPage(f"The address needs {name} as a whole number from 0 to {most:,}.")
    return int(text)


def parse(params: Params) -> Ref:
    """The problem a query string names (``topic``/``template`` repeated, ``seed``,
    ``difficulty``, ``n``). BadPage or NoSuchKind (one sentence) when it names none."""
    topics, templates = tuple(params.getlist("topic")), tuple(params.getlist("template"))
    if not topics and not templates:
        raise BadPage("The address names no topic or problem kind to practise.")
    if len(topics) + len(templates) > MAX_NAMES:
        raise BadPage(f"A page cycles through at most {MAX_NAMES} topics and kinds.")
    for name in [*topics, *templates]:
        _known(name)
    difficulty = _one(params, "difficulty") or DEFAULT_DIFFICULTY
    if difficulty not in DIFFICULTIES:
        raise BadPage(f"The difficulty is one of {', '.join(DIFFICULTIES)}.")
    seed = _whole(_one(params, "seed"), "seed", 10 ** MAX_SEED_DIGITS - 1)
    position = _whole(_one(params, "n") or "0", "n", MAX_POSITION)
    ref = Ref(topics, templates, seed, difficulty, position)
    kinds_of(ref)
    return ref


@lru_cache(maxsize=64)
def _kinds(topics: tuple[str, ...], templates: tuple[str, ...]) -> tuple[Kind, ...]:
    try:
        return select(topics, templates).kinds
    except registry.UnknownKind as exc:
        raise NoSuchKind(_sentence(exc)) from None


def kinds_of(ref: Ref) -> tuple[Kind, ...]:
    """The kinds the page cycles through, in the order ``make`` cycles them."""
    return _kinds(ref.topics, ref.templates)


@dataclass(frozen=True)
class Problem:
    """One practice problem: the instance, its answer-key entry as a key file holds it, and
    what the HTML sheet shows of it (statement and parts, no solution)."""

    ref: Ref
    instance: Instance
    key: dict[str, Any]
    view: dict[str, Any]

    @property
    def id(self) -> str:
        return self.instance.id

    def part(self, label: str) -> dict[str, Any] | None:
        return next((p for p in self.key["parts"] if p["label"] == label), None)


@lru_cache(maxsize=128)
def problem(ref: Ref) -> Problem:
    """The problem at ``ref`` (made once, then kept while it is likely to be asked about)."""
    instance = ws.instance_at(list(kinds_of(ref)), ref.position, ref.seed, ref.difficulty)
    key = json.loads(json.dumps(key_problem(instance)))  # graded exactly as from a key file
    return Problem(ref, instance, key, ws.problem_view(ref.position + 1, instance, "html", solutions=False))


def named(ref: Ref, problem_id: Any) -> Problem:
    """The problem at ``ref``, which its page says has id ``problem_id``: Stale when it has
    not (a page from before probgen was upgraded, or an id changed by hand)."""
    found = problem(ref)
    if problem_id != found.id:
        raise Stale("This page's problem has changed since the page was loaded; reload the page.")
    return found


@lru_cache(maxsize=32)
def solution(ref: Ref) -> dict[str, Any]:
    """The problem's view with its worked solution and the answers shown as the sheet shows them."""
    found = problem(ref)
    return ws.problem_view(ref.position + 1, found.instance, "html", solutions=True)
