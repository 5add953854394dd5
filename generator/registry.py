"""Finds problem kinds by looking in ``probgen.problems``: a topic module that defines
``KINDS`` is picked up as it is, so adding a kind needs no central list to edit.

A topic's sheets stay the same when the topic grows: its module may declare
``ORDERS = {version: (kind ids in order), ...}``; ``--topic T`` cycles through the kinds of
the latest version and ``--topic T@V`` through those of version ``V``, so adding a kind to a
topic is adding a version, and every sheet made before can still be made again. A topic
without ``ORDERS`` has one version, 1: its ``KINDS`` in order. An entry may pin a kind's
version too (``"pooling.max-values@1"``); otherwise the kind's latest version is used.

Kinds and templates may also live outside this package (a course's own kinds, a test's
throwaway one): add their folder to ``probgen.problems.__path__`` and call :func:`refresh`
(and :func:`probgen.generator.render.add_template_folder` for their templates).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from functools import lru_cache
from types import ModuleType

from probgen import problems
from probgen.problems.model import Kind


class UnknownKind(LookupError):
    """A topic, kind id or version that no module in ``problems/`` defines."""


def _module_kinds(name: str) -> list[Kind]:
    module = importlib.import_module(f"{problems.__name__}.{name}")
    return list(getattr(module, "KINDS", ()))


def _topic_module(topic: str) -> ModuleType | None:
    """The module named after ``topic`` (``receptive-field`` -> ``receptive_field``), if there is one."""
    name = topic.replace("-", "_")
    if name.isidentifier() and not name.startswith("_") and importlib.util.find_spec(f"{problems.__name__}.{name}"):
        return importlib.import_module(f"{problems.__name__}.{name}")
    return None


@lru_cache(maxsize=256)  # bounded: grading looks up topics named in students' ids, real or not
def _topic_kinds(topic: str) -> tuple[Kind, ...]:
    """The kinds of one topic, importing only its module when it is named after the topic.

    A student's `make --topic pooling` then loads one problem module, not all of them;
    a kind whose module is named otherwise is still found through all_kinds().
    """
    module = _topic_module(topic)
    if module is not None:
        found = tuple(k for k in getattr(module, "KINDS", ()) if k.topic == topic)
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


def kinds_of(topic: str) -> list[Kind]:
    """Every kind of ``topic`` (its latest version), in definition order, in a sheet order or not."""
    return _latest(_topic_kinds(topic))


@lru_cache(maxsize=None)
def orders(topic: str) -> dict[int, tuple[str, ...]]:
    """The topic's kind orders by version: its module's ``ORDERS``, or its kinds as version 1."""
    kinds = kinds_of(topic)
    if not kinds:
        raise UnknownKind(f"there is no topic {topic!r}; topics are {', '.join(topics())}.")
    declared = getattr(_topic_module(topic), "ORDERS", None)
    if not declared:
        return {1: tuple(k.id for k in kinds)}
    return {int(version): tuple(ids) for version, ids in sorted(declared.items())}


def latest_version(topic: str) -> int:
    """The version ``--topic T`` means: the highest in the topic's orders."""
    return max(orders(topic))


def of_topic(topic: str, version: int | None = None) -> list[Kind]:
    """The kinds a ``topic`` sheet cycles through, in order, at ``version`` (latest when None)."""
    known = orders(topic)
    if version is None:
        version = max(known)
    if version not in known:
        raise UnknownKind(f"topic {topic!r} has no version {version}; its versions are "
                          f"{', '.join(map(str, known))}.")
    return [_pinned(entry) for entry in known[version]]


def _pinned(entry: str) -> Kind:
    """A kind of a topic order: ``id`` (its latest version) or ``id@version``."""
    kind_id, _, version = entry.partition("@")
    return find(kind_id, int(version) if version else None)


def refresh() -> None:
    """Forget what was found, so kinds added since (a folder put on ``probgen.problems.__path__``,
    a module's ``KINDS`` or ``ORDERS`` changed) are found the next time they are asked for."""
    importlib.invalidate_caches()
    for cached in (_topic_kinds, all_kinds, orders):
        cached.cache_clear()
