"""How an answer was read, as text in the key's notation: the ``read_as`` of a report's part
and of the practice page's preview (one function for both, so a student sees the same words
wherever an answer is read).

``[1 2; 3 4]`` is read as ``[[1, 2], [3, 4]]``, ``k_1 x_1`` as ``k1*x1``, a typed decimal stays a
decimal (``0.125``, not ``1/8``), so a student can tell a misread from a mistake.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .errors import Unreadable
from .read.grid import Grid
from .read.literals import Number
from .read.numbers import terminates
from .types import TYPES, Spec
from .types.base import display_raw

#: How an entry of an array that cannot be read is written in a report's ``read_as``.
UNREAD_ENTRY = "?"


def _power(n: int, p: int) -> int:
    count = 0
    while n % p == 0:
        n //= p
        count += 1
    return count


def _decimal(number: Number) -> int | Fraction | str:
    """A number as its value, or a decimal typed as a decimal (``0.333``, not ``333/1000``)."""
    value = number.value
    if not number.decimal or value.denominator == 1 or not terminates(value):
        return number.exact()
    places = max(_power(value.denominator, 2), _power(value.denominator, 5))
    digits = str(abs(value.numerator) * (10 ** places // value.denominator)).rjust(places + 1, "0")
    return ("-" if value < 0 else "") + digits[:-places] + "." + digits[-places:]


def shown_value(value: Any, unread: str | None = None) -> Any:
    """A value as the grader's readers return it, as a value the generator shows: ints and
    Fractions (a typed decimal as its text), SymPy expressions, nested lists, shape tuples,
    a choice's letter. An entry of an array that cannot be read is ``unread`` when given,
    else Unreadable (the grader marks that entry wrong)."""
    if isinstance(value, Number):
        return _decimal(value)
    if isinstance(value, Grid):
        bad = next((e for e in value.entries if isinstance(e, Unreadable)), None)
        if bad is not None and unread is None:
            raise Unreadable(f"an entry cannot be read: {bad}")
        return Grid(value.shape, tuple(unread if isinstance(e, Unreadable) else shown_value(e)
                                       for e in value.entries)).nested()
    return value


def read_as(spec: Spec, value: Any, shown: Any) -> str:
    """The one place a read answer becomes text: the key's notation, as the grader shows the
    expected answer of the part's type (so "read as" and "expected" are written alike), with
    a typed decimal kept a decimal. ``shown`` is :func:`shown_value` of ``value``."""
    if isinstance(value, Number):
        return str(shown)
    answer_type = TYPES[spec.type]
    return answer_type.expected(value, answer_type.to_json(shown), spec)


def report_read_as(spec: Spec, value: Any) -> str:
    """``read_as`` for a report: an array entry that cannot be read is written ``?``."""
    return read_as(spec, value, shown_value(value, UNREAD_ENTRY))


def as_typed(submitted: Any) -> str:
    """An answer as the student typed it (a JSON value), written as a report shows one."""
    return display_raw(submitted)


def differs(read: str, submitted: Any) -> bool:
    """Whether ``read`` says something other than what was typed (spacing aside): then a
    table report shows it."""
    return "".join(read.split()) != "".join(as_typed(submitted).split())
