"""The symbolic answer types: ``expression``, ``expression-vector`` and ``expression-matrix``.

Expressions are read with the part's declared ``symbols`` (or, when a key declares none, the
names its reference answer uses) and are right when equal as rational functions of them.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from ..errors import BadKey
from ..read.arrays import read_grid
from ..read.expressions import read_expression
from ..read.grid import Grid
from ..read.identity import same_expression
from ..read.tokens import names_in
from .arrays import grid_type
from .base import CORRECT, NOT_CORRECT, AnswerType, Outcome, Spec, expected_as_written

# Reading an expression costs more per character than reading a number, so arrays of
# expressions get a smaller budget (the largest key answer of that type is ~1,800 characters
# as JSON, most of it quotes and zeros).
EXPRESSION_GRID_TEXT = 4_000
EXPRESSION_GRID_ENTRIES = 1_000


def _strings(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, (list, tuple)):
        return [s for v in raw for s in _strings(v)]
    return []


def _symbols(label: str, options: Mapping[str, Any], raw: Any) -> Mapping[str, Any]:
    """The part's symbols: the declared ones, else the names its reference answer uses."""
    declared = options.get("symbols")
    if declared is None:
        return {"symbols": tuple(n for s in _strings(raw) for n in names_in(s))}
    if isinstance(declared, (list, tuple)) and all(isinstance(s, str) for s in declared):
        return {"symbols": tuple(declared)}
    raise BadKey(f"part {label} has symbols that are not a list of names.")


def _read(value: Any, spec: Spec) -> Any:
    return read_expression(value, spec.symbols)


def _compare(reference: Any, answer: Any, spec: Spec) -> Outcome:
    return CORRECT if same_expression(reference, answer) else NOT_CORRECT


def _entry_match(reference: Any, answer: Any, spec: Spec) -> tuple[bool, str | None]:
    return same_expression(reference, answer), None


def _expressions(how: str) -> Callable[[Any, Spec], Grid]:
    def read(value: Any, spec: Spec) -> Grid:
        symbols = spec.symbols
        return read_grid(value, lambda v: read_expression(v, symbols), numeric=False, how=how,
                         max_text=EXPRESSION_GRID_TEXT, max_entries=EXPRESSION_GRID_ENTRIES)
    return read


TYPES = (
    AnswerType("expression", _read, _compare, expected_as_written, settings=_symbols),
    grid_type("expression-vector", 1, _expressions("write it like [2*a, a + 1], with commas between the entries"),
              _entry_match, settings=_symbols),
    grid_type("expression-matrix", 2,
              _expressions("write it like [[2*a, 1], [0, a - 1]], with commas between the entries"),
              _entry_match, settings=_symbols),
)
