"""How much of a part's points an answer earns: the credit rule its key part declares.

The rules and their names are the contract's (:mod:`probgen.contract`); this is the one
place they are applied. A key part without ``"credit"`` (every key made before the rules)
grades as it always did, entry by entry.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from probgen.contract import ALL_OR_NOTHING, CREDIT_RULES, LEGACY_CREDIT, MEASURED

from .errors import BadKey


def part_rule(part: Mapping[str, Any], label: str) -> tuple[str, int]:
    """The part's credit rule and its ``free`` entries (0 when not given); BadKey for a rule or
    a count that is not one."""
    rule = part.get("credit", LEGACY_CREDIT)
    if rule not in CREDIT_RULES:
        raise BadKey(f"part {label} has credit {rule!r}; credit is one of {', '.join(CREDIT_RULES)}.")
    free = part.get("free", 0)
    if isinstance(free, bool) or not isinstance(free, int) or free < 0:
        raise BadKey(f"part {label} has free {free!r}; free is a whole number of entries, at least 0.")
    return rule, free


def earned(rule: str, free: int, credit: Fraction, entries: tuple[int, int] | None, misconception: bool) -> Fraction:
    """The share of the points earned under ``rule``, from the comparison's ``credit`` (the share
    of entries right) and ``entries`` (right, total), for an answer that equals a named
    misconception's answer or not.

    measured: 0 for a misconception's answer, else ``max(0, 1 - wrong / max(2, total - free))``,
    so entries that an answer with no work in it would get right earn nothing, and one wrong
    entry never costs more than half; and never more than the share of entries right, so an
    array of one entry is right or wrong like a number.
    """
    if credit == 1:
        return Fraction(1)
    if rule == ALL_OR_NOTHING:
        return Fraction(0)
    if rule == MEASURED:
        if misconception:
            return Fraction(0)
        if entries is None:
            return credit
        right, total = entries
        return min(credit, max(Fraction(0), 1 - Fraction(total - right, max(2, total - free))))
    return credit
