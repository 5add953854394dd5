"""The hostile corpus (tests/data/hostile.json): answers meant to crash, hang or fool the grader.

Each entry is ``{"name", "type", "answer"}``. ``type`` is an answer type, a list of them, or
``"any"`` (every answer type: a hostile answer may be typed into any box). ``answer`` is the
submitted value, or a recipe that builds it, so the file stays small:

- ``{"repeat": TEXT, "times": N}``: TEXT repeated N times;
- ``{"concat": [PIECE, ...]}``: the pieces (texts or recipes) joined;
- ``{"list": VALUE, "times": N}``: a JSON list of N copies of VALUE (itself expanded);
- ``{"nest": VALUE, "depth": N}``: VALUE inside N nested lists;
- ``{"json": TEXT}``: TEXT parsed as a submission file parses an answer (``NaN``, an integer
  of 10,000 digits, ``1e999999``: values only a JSON file can hold).

Answers that would run code name the file ``CANARY`` (relative: graders run in a scratch
directory, and the file must never appear there).

Used by tests/test_grader_hostile.py and benchmarks/hostile.py (which imports ``cases`` and
``key_parts``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from probgen.contract import ANSWER_TYPES

CORPUS = Path(__file__).parent / "data" / "hostile.json"
CANARY = "CANARY"


# One realistic key part per answer type: (kind id, part label), sampled at seed 1, medium.
KEY_SOURCES = {
    "integer": ("conv1d.output-length", "a"),
    "number": ("layers.depthwise-separable", "c"),
    "shape": ("conv2d.multi-channel", "a"),
    "vector": ("backprop.conv1d-numeric", "a"),
    "matrix": ("pooling.avg-values", "b"),
    "tensor": ("backprop.conv2d-numeric", "b"),
    "expression": ("conv1d.entries", "c"),
    "expression-vector": ("backprop.conv1d-symbolic", "a"),
    "expression-matrix": ("weight-sharing.toeplitz", "b"),
    "choice": ("concepts.translation-equivariance", "a"),
}


def expand(value: Any) -> Any:
    """A corpus answer with its recipes carried out."""
    if isinstance(value, dict):
        if "repeat" in value:
            return value["repeat"] * value["times"]
        if "concat" in value:
            return "".join(expand(piece) for piece in value["concat"])
        if "list" in value:
            item = expand(value["list"])
            return [item] * value["times"] if not isinstance(item, list) else \
                [list(item) for _ in range(value["times"])]
        if "nest" in value:
            node = expand(value["nest"])
            for _ in range(value["depth"]):
                node = [node]
            return node
        if "json" in value:
            from probgen.grader.files import parse_json

            return parse_json(json.dumps({"a": "placeholder"}).replace('"placeholder"', expand(value["json"])),
                              "hostile.json", parse_float=Decimal, answers=True)["a"]
        raise ValueError(f"unknown recipe {sorted(value)}")
    return value


@lru_cache(maxsize=1)
def _entries() -> tuple[dict[str, Any], ...]:
    with open(CORPUS, encoding="utf-8") as handle:
        return tuple(json.load(handle))


def load() -> list[dict[str, Any]]:
    """Every corpus entry with its answer expanded."""
    return [dict(entry, answer=expand(entry["answer"])) for entry in _entries()]


def types_of(entry: dict[str, Any]) -> tuple[str, ...]:
    kind = entry["type"]
    if kind == "any":
        return ANSWER_TYPES
    return tuple(kind) if isinstance(kind, list) else (kind,)


def cases() -> Iterator[tuple[str, str, Any]]:
    """(name, answer type, answer) for every entry and every type it may be submitted to."""
    for entry in load():
        for kind in types_of(entry):
            yield entry["name"], kind, entry["answer"]


@lru_cache(maxsize=1)
def key_problems() -> dict[str, dict[str, Any]]:
    """A real answer-key entry (from the generator) for each answer type, as JSON data."""
    from probgen.generator import instances, keyfile, registry

    found: dict[str, dict[str, Any]] = {}
    for answer_type, (kind_id, label) in KEY_SOURCES.items():
        problem = keyfile.key_problem(instances.sample(registry.find(kind_id), 1, "medium"))
        problem = json.loads(json.dumps(problem))
        part = next(p for p in problem["parts"] if p["label"] == label)
        assert part["type"] == answer_type, (kind_id, label, part["type"])
        found[answer_type] = problem
    return found


def key_parts() -> dict[str, dict[str, Any]]:
    """The key part of each answer type (see KEY_SOURCES)."""
    problems = key_problems()
    return {t: next(p for p in problems[t]["parts"] if p["label"] == KEY_SOURCES[t][1]) for t in ANSWER_TYPES}
