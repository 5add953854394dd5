"""The value an array answer is read into: a :class:`Grid`, and what one answer may cost.

A grid is a shape and its entries in row-major order; an entry that could not be read stays
in it as its :class:`Unreadable`, so it costs that entry its credit, not the whole answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..errors import Unreadable
from . import bounds

MAX_ENTRIES = bounds.ARRAY_ENTRIES
MAX_DEPTH = bounds.LIST_DEPTH
MAX_TEXT = bounds.ARRAY_TEXT
MAX_DIMS = bounds.DIMENSIONS


class Budget:
    """What one answer may cost, counted while it is read (not after): text across all its strings,
    entries, and nesting."""

    def __init__(self, max_text: int, max_entries: int, too_many: str = "") -> None:
        self.text_left = max_text
        self.max_text = max_text
        self.entries_left = max_entries
        self.max_entries = max_entries
        self.too_many = too_many
        self.lists_left = max_entries + MAX_DEPTH  # a list holds an entry or a list: no more lists than that

    def text(self, length: int) -> None:
        self.text_left -= length
        if self.text_left < 0:
            raise Unreadable(f"this answer is more than {self.max_text:,} characters long.")

    def entry(self) -> None:
        self.entries_left -= 1
        self.room_for(0)

    def list_node(self) -> None:
        """Count one list (``[[], [], ...]`` nested holds no entries, yet each list costs work)."""
        self.lists_left -= 1
        if self.lists_left < 0:
            raise Unreadable(f"this answer has more than {self.max_entries:,} lists{self.too_many}.")

    def room_for(self, count: int) -> None:
        """Refuse at once a list of ``count`` items when fewer entries than that are left."""
        if count > self.entries_left:
            raise Unreadable(f"this answer has more than {self.max_entries:,} entries{self.too_many}.")

    def level(self, depth: int) -> None:
        """Refuse an answer nested deeper than MAX_DEPTH lists."""
        if depth > MAX_DEPTH:
            raise Unreadable(f"this answer is nested more than {MAX_DEPTH} levels deep.")


@dataclass(frozen=True)
class Grid:
    """A rectangular array: its shape and its entries in row-major order.

    An entry is whatever the entry reader returned, or the :class:`Unreadable` it raised.
    """

    shape: tuple[int, ...]
    entries: tuple[Any, ...]

    def reshaped(self, shape: tuple[int, ...]) -> "Grid":
        return Grid(tuple(shape), self.entries)

    def nested(self) -> Any:
        """The entries as nested lists of the grid's shape (a bare entry for shape ())."""
        flat = iter(self.entries)

        def build(dims: tuple[int, ...]) -> Any:
            if not dims:
                return next(flat)
            return [build(dims[1:]) for _ in range(dims[0])]
        return build(self.shape)


def dims_text(shape: tuple[int, ...]) -> str:
    """``3x3`` for a shape; used in messages about wrong shapes."""
    return "x".join(str(d) for d in shape) if shape else "a single value"


def format_nested(grid: Grid, entry: Callable[[Any], str]) -> str:
    """``[[1, 2], [3, 4]]`` with each entry formatted by ``entry``."""
    def show(node: Any) -> str:
        return "[" + ", ".join(show(n) for n in node) + "]" if isinstance(node, list) else entry(node)
    return show(grid.nested())
