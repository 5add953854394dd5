"""Finds problem kinds by looking in ``probgen.problems``: a topic module that defines
``KINDS`` is picked up as it is, so adding a kind needs no central list to edit."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from functools import lru_cache

from probgen import problems
from probgen.problems.model import Kind


class UnknownKind(LookupError):
    """A topic, kind id or version that no module in ``problems/`` defines."""


def _module_kinds(name: str) -> list[Kind]:
    module = importlib.import_module(f"{problems.__name__}.{name}")
    return list(getattr(module, "KINDS", ()))


@lru_cache(maxsize=None)
def _topic_kinds(topic: str) -> tuple[Kind, ...]:
    """The kinds of one topic, importing only its module when it is named after the topic.

    A student's `make --topic pooling` then loads one problem module, not all of them;
    a kind whose module is named otherwise is still found through all_kinds().
    """
    name = topic.replace("-", "_")
    if name.isidentifier() and not name.startswith("_") and importlib.util.find_spec(f"{problems.__name__}.{name}"):
        found = tuple(k for k in _module_kinds(name) if k.topic == topic)
        if found:
            return found
    return tuple(k for k in all_kinds() if k.topic == topic)


@lru_cache(maxsize=1)
def all_kinds() -> tuple[Kind, ...]:
    """Every kind of every version, sorted by topic module order then definition order."""
    found: list[Kind] = []
    for info in sorted(pkgutil.iter_modules(problems.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        found.extend(_module_kinds(info.name))
    ids = [(k.id, k.version) for k in found]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RuntimeError(f"kinds defined twice: {sorted(dupes)}")
    return tuple(found)


def _latest(kinds: tuple[Kind, ...]) -> list[Kind]:
    best: dict[str, Kind] = {}
    for kind in kinds:
        if kind.id not in best or kind.version > best[kind.id].version:
            best[kind.id] = kind
    return list(best.values())


def latest_kinds() -> list[Kind]:
    """One kind per id, its highest version: what new sheets are made from."""
    return _latest(all_kinds())


def topics() -> list[str]:
    seen: list[str] = []
    for kind in latest_kinds():
        if kind.topic not in seen:
            seen.append(kind.topic)
    return seen


def find(kind_id: str, version: int | None = None) -> Kind:
    """The kind ``kind_id`` at ``version`` (latest when None)."""
    topic = kind_id.split(".", 1)[0] if isinstance(kind_id, str) else ""
    matches = [k for k in _topic_kinds(topic) if k.id == kind_id] if topic else []
    if not matches:
        raise UnknownKind(f"there is no problem kind {kind_id!r}; `probgen list` shows them all.")
    if version is None:
        return max(matches, key=lambda k: k.version)
    for kind in matches:
        if kind.version == version:
            return kind
    raise UnknownKind(f"problem kind {kind_id!r} has no version {version}.")


def of_topic(topic: str) -> list[Kind]:
    kinds = _latest(_topic_kinds(topic))
    if not kinds:
        raise UnknownKind(f"there is no topic {topic!r}; topics are {', '.join(topics())}.")
    return kinds
