"""Finds problem kinds by looking in ``probgen.problems``: a topic module that defines
``KINDS`` is picked up as it is, so adding a kind needs no central list to edit."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from probgen import problems
from probgen.problems.model import Kind


class UnknownKind(LookupError):
    """A topic, kind id or version that no module in ``problems/`` defines."""


@lru_cache(maxsize=1)
def all_kinds() -> tuple[Kind, ...]:
    """Every kind of every version, sorted by topic module order then definition order."""
    found: list[Kind] = []
    for info in sorted(pkgutil.iter_modules(problems.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{problems.__name__}.{info.name}")
        found.extend(getattr(module, "KINDS", ()))
    ids = [(k.id, k.version) for k in found]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RuntimeError(f"kinds defined twice: {sorted(dupes)}")
    return tuple(found)


def latest_kinds() -> list[Kind]:
    """One kind per id, its highest version: what new sheets are made from."""
    best: dict[str, Kind] = {}
    for kind in all_kinds():
        if kind.id not in best or kind.version > best[kind.id].version:
            best[kind.id] = kind
    return list(best.values())


def topics() -> list[str]:
    seen: list[str] = []
    for kind in latest_kinds():
        if kind.topic not in seen:
            seen.append(kind.topic)
    return seen


def find(kind_id: str, version: int | None = None) -> Kind:
    """The kind ``kind_id`` at ``version`` (latest when None)."""
    matches = [k for k in all_kinds() if k.id == kind_id]
    if not matches:
        raise UnknownKind(f"there is no problem kind {kind_id!r}; `probgen list` shows them all.")
    if version is None:
        return max(matches, key=lambda k: k.version)
    for kind in matches:
        if kind.version == version:
            return kind
    raise UnknownKind(f"problem kind {kind_id!r} has no version {version}.")


def of_topic(topic: str) -> list[Kind]:
    kinds = [k for k in latest_kinds() if k.topic == topic]
    if not kinds:
        raise UnknownKind(f"there is no topic {topic!r}; topics are {', '.join(topics())}.")
    return kinds
