"""The credit rule a key part declares, and what a no-work answer would earn under it.

An array part's key entry says how it is graded (``"credit"``, see :mod:`probgen.contract`);
under ``measured`` it also holds ``"free"``: the most entries of the reference that an answer
with no work in it gets right. No-work answers are an array of one value everywhere (all
zeros, any constant) and an input of the problem copied where its shape matches the
answer's. They are computed here, from the instance's own answer and params, so the grader
needs neither.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from probgen.contract import ARRAY_TYPES, CREDIT_RULES, MEASURED


def _shape(value: Any) -> tuple[int, ...]:
    shape: list[int] = []
    while isinstance(value, (list, tuple)):
        shape.append(len(value))
        if not value:
            break
        value = value[0]
    return tuple(shape)


def _flat(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return [e for v in value for e in _flat(v)]
    return [value]


def _squeezed(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)


def _key(value: Any) -> Any:
    """A hashable stand-in for an entry, equal for equal numbers (7/4, 1.75) and equal expressions."""
    if hasattr(value, "free_symbols"):
        return ("expr", str(value))
    return value


def _inputs(params: Mapping[str, Any]) -> list[Any]:
    """The arrays among the params (an input, a kernel, an upstream gradient), nested ones too."""
    found: list[Any] = []
    stack = list(params.values())
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)) and value:
            found.append(value)
    return found


def free_entries(answer: Any, params: Mapping[str, Any]) -> int:
    """The most entries of ``answer`` that a no-work answer gets right: a constant everywhere,
    or a param array copied whose shape matches (leading or trailing 1s aside)."""
    entries = _flat(answer)
    best = max(Counter(_key(e) for e in entries).values(), default=0)
    shape = _squeezed(_shape(answer))
    for array in _inputs(params):
        if _squeezed(_shape(array)) == shape:
            copied = _flat(array)
            if len(copied) == len(entries):
                best = max(best, sum(_key(a) == _key(e) for a, e in zip(copied, entries)))
    return best


def part_credit(answer_type: str, answer: Any, params: Mapping[str, Any], rule: str = MEASURED) -> dict[str, Any]:
    """What a key part says about its credit: ``{"credit": rule}`` (with ``"free"`` under
    ``measured``) for an array part; nothing for the others, which are all-or-nothing."""
    if rule not in CREDIT_RULES:
        raise ValueError(f"{rule!r} is not a credit rule; choose from {', '.join(CREDIT_RULES)}.")
    if answer_type not in ARRAY_TYPES:
        return {}
    if rule != MEASURED:
        return {"credit": rule}
    return {"credit": rule, "free": free_entries(answer, params)}
