"""The array answer types ``vector``, ``matrix`` and ``tensor``, and what every array type shares.

An array answer earns credit entry by entry; a wrong shape is named (``expected a 3x3
matrix, got a list of 9 entries``), and a row or column given for a vector is accepted.
Wrong entries are named by position, counted as the statement counts them (``first_index``).
``grid_type`` makes an array type from how its entries are read and matched, so the arrays
of expressions (``expression.py``) are made the same way.

A sheet shows a vector as a tuple, a matrix as a grid and a tensor as one grid per 2-D slice,
named by its leading indices (``[0, 1]``); Moodle asks for an array entry by entry, as a
table of the entry type's subquestions (the part's weight split evenly among its entries).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any, Callable, Mapping

from ..errors import BadKey, Unreadable
from ..read import bounds
from ..read.arrays import read_grid
from ..read.grid import MAX_ENTRIES, Grid, dims_text
from ..read.numbers import read_number
from .base import (CORRECT, AnswerType, Box, Cloze, Markup, Outcome, Settings, Spec, expected_as_written,
                   full_credit, json_data, never, no_credit, no_settings, number_boxes, show_math)
from .number import has_fraction, number_cloze, number_match

EntryMatch = Callable[[Any, Any, Spec], "tuple[bool, str | None]"]  # (reference, answer, spec) -> ok, note
ClozeForm = Callable[[Mapping[str, Any], int, Cloze], str]  # an AnswerType's ``cloze``
BoxesForm = Callable[[Mapping[str, Any]], "list[Box]"]  # an AnswerType's ``boxes``


def _squeezed(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)


def _shape_words(kind: str, shape: tuple[int, ...]) -> str:
    if len(shape) == 1 and kind.endswith("vector"):
        return f"a vector of {shape[0]} entries"
    if len(shape) == 2 and kind.endswith("matrix"):
        return f"a {shape[0]}x{shape[1]} matrix"
    return f"a {dims_text(shape)} {'tensor' if len(shape) > 2 else 'array'}"


def _got_words(shape: tuple[int, ...]) -> str:
    if not shape:
        return "a single value"
    if len(shape) == 1:
        return f"a list of {shape[0]} entries"
    return dims_text(shape)


def first_index(spec: Spec) -> int:
    """Where feedback starts counting positions, as the part's statement numbers them (D4): the
    key option ``first_index`` (0 or 1) when given; else 1 for a vector (statements write
    x_1, y_1, r_1) and 0 for a matrix or tensor (statements number them from row 0, column 0)."""
    given = spec.options.get("first_index")
    if given is not None:
        return int(given)
    return 1 if spec.type.endswith("vector") else 0


def _position(index: tuple[int, ...], start: int) -> str:
    if len(index) == 1:
        return str(index[0] + start)
    return "(" + ", ".join(str(i + start) for i in index) + ")"


def _indices(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = [()]
    for d in shape:
        out = [i + (j,) for i in out for j in range(d)]
    return out


def _grid_compare(ref: Grid, ans: Grid, spec: Spec, entry_match: EntryMatch) -> Outcome:
    if ans.shape != ref.shape:
        hint = (" Inside brackets, spaces separate entries: write a product as k1*x1 or k1x1."
                if spec.type.startswith("expression") and len(ans.entries) > len(ref.entries) else "")
        return no_credit(f"Wrong shape: expected {_shape_words(spec.type, ref.shape)}, "
                         f"got {_got_words(ans.shape)}.{hint}")
    total = len(ref.entries)
    if total == 0:
        return CORRECT
    wrong: list[tuple[int, ...]] = []
    unreadable: list[tuple[tuple[int, ...], Unreadable]] = []
    rounded = False
    for index, r, a in zip(_indices(ref.shape), ref.entries, ans.entries):
        ok, note = (False, None) if isinstance(a, Unreadable) else entry_match(r, a, spec)
        rounded |= bool(note)
        if not ok:
            wrong.append(index)
            if isinstance(a, Unreadable):
                unreadable.append((index, a))
    right = total - len(wrong)
    if not wrong:
        extra = (" Decimals were accepted where they match the exact fractions to the digits given."
                 if rounded else "")
        return full_credit("Correct." + extra)
    noun = "entries" if total != 1 else "entry"
    start = first_index(spec)
    where = ", ".join(_position(i, start) for i in wrong[:6]) + (f" and {len(wrong) - 6} more" if len(wrong) > 6 else "")
    label = "entry" if len(wrong) == 1 else "entries"
    counting = f"counting from {start}" if start != 1 or len(ref.shape) != 1 else ""
    if len(ref.shape) == 2:
        label += f" (row, column, {counting})"
    elif counting:
        label += f" ({counting})"
    feedback = f"{right} of {total} {noun} right; wrong {label}: {where}."
    if unreadable:
        index, exc = unreadable[0]
        feedback += f" Entry {_position(index, start)} could not be read: {exc}"
    return Outcome(Fraction(right, total), feedback, (right, total))


def grid_limits(spec: Spec, max_entries: int = MAX_ENTRIES) -> dict[str, Any]:
    """How many entries an answer to ``spec`` may have, counted before any entry is read: twice
    the reference's (16 more for small parts, so a wrong shape is still named), at most
    ``max_entries``; nothing more is read of an answer that cannot be right."""
    reference = spec.reference
    if reference is None:
        return {"max_entries": max_entries}
    n = len(reference.entries)
    return {"max_entries": min(max_entries, max(bounds.EXPECTED_ENTRIES_FACTOR * n, n + bounds.EXPECTED_ENTRIES_SLACK)),
            "too_many": f"; the answer is {_shape_words(spec.type, reference.shape)}"}


def fits_reference(spec: Spec) -> Callable[[tuple[int, ...]], bool] | None:
    """Whether a shape holds the reference's entries (a row or column given for a vector counts)."""
    reference = spec.reference
    if reference is None:
        return None
    count, squeezed = len(reference.entries), _squeezed(reference.shape)

    def fits(shape: tuple[int, ...]) -> bool:
        size = 1
        for d in shape:
            size *= d
        return size == count and _squeezed(shape) == squeezed
    return fits


def _fit(ans: Grid, ref: Grid, dims: int | None) -> Grid:
    """A row or column given for a vector (or a flat list for a one-row matrix) is accepted."""
    if (ans.shape != ref.shape and dims is not None and len(ans.entries) == len(ref.entries)
            and _squeezed(ans.shape) == _squeezed(ref.shape)):
        return ans.reshaped(ref.shape)
    return ans


def matrices(value: Any, index: tuple[int, ...] = ()) -> list[tuple[tuple[int, ...], Any]]:
    """The 2-D slices of an array of any rank (a vector is one row), each with its leading indices."""
    if not isinstance(value, (list, tuple)) or not value or not isinstance(value[0], (list, tuple)):
        return [(index, [value])]
    if not isinstance(value[0][0], (list, tuple)):
        return [(index, value)]
    return [pair for i, sub in enumerate(value) for pair in matrices(sub, index + (i,))]


def _slice_name(index: tuple[int, ...]) -> str:
    """What a tensor's slice is called: ``[0, 1]``."""
    return f"[{', '.join(map(str, index))}]"


def _grid_sheet(value: Any, fmt: Markup, options: Mapping[str, Any]) -> str:
    return fmt.grid(value)


def _slices_sheet(value: Any, fmt: Markup, options: Mapping[str, Any]) -> str:
    return "".join(fmt.grid(m, _slice_name(index)) for index, m in matrices(value))


#: How a sheet shows an array of so many dimensions (None: any number).
SHEETS = {1: show_math, 2: _grid_sheet, None: _slices_sheet}


def _entries(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return [e for v in value for e in _entries(v)]
    return [value]


def _subquestions(answer: Any) -> int:
    return max(1, len(_entries(answer)))


def split_weight(total: int, count: int) -> list[int]:
    """``total`` split into ``count`` integer weights as evenly as can be (the first ones get
    the remainder), so that a part weighs the same in every variant whatever its size."""
    share, extra = divmod(total, count)
    return [share + (i < extra) for i in range(count)]


def positioned(value: Any, index: tuple[int, ...] = ()) -> list[tuple[tuple[int, ...], Any]]:
    """Every entry of a nested list with its 0-based position, in row-major order."""
    if isinstance(value, (list, tuple)):
        return [pair for i, v in enumerate(value) for pair in positioned(v, index + (i,))]
    return [(index, value)]


def grid_type(name: str, dims: int | None, read_entries: Callable[[Any, Spec], Grid], entry_match: EntryMatch,
              settings: Settings = no_settings, entry_cloze: ClozeForm = number_cloze,
              to_json: Callable[[Any], Any] = json_data, entry_boxes: BoxesForm = number_boxes,
              rounded: Callable[[Any], bool] = never) -> AnswerType:
    """An array type: ``dims`` dimensions (None: any), entries read by ``read_entries`` and
    compared by ``entry_match``, asked in Moodle one ``entry_cloze`` subquestion each (the
    ``cloze`` of the entries' type, without the part's misconceptions), in Canvas and QTI one
    ``entry_boxes`` box each, and written to a key by ``to_json``; ``rounded`` says whether
    the sheet states the rounding rule for an answer (numeric arrays: when an entry is a
    fraction)."""

    def read(value: Any, spec: Spec) -> Grid:
        grid = read_entries(value, spec)
        if spec.reference is not None:
            grid = _fit(grid, spec.reference, dims)
        return grid

    def compare(reference: Grid, answer: Grid, spec: Spec) -> Outcome:
        return _grid_compare(reference, answer, spec, entry_match)

    def check(reference: Grid, spec: Spec) -> None:
        if spec.options.get("first_index") not in (None, 0, 1) or isinstance(spec.options.get("first_index"), bool):
            raise BadKey(f"part {spec.label} has first_index {spec.options.get('first_index')!r}; it is 0 or 1.")
        if dims is not None and len(reference.shape) != dims:
            raise BadKey(f"the reference answer of {name} part {spec.label} has {len(reference.shape)} dimensions.")
        if any(isinstance(e, Unreadable) for e in reference.entries):
            bad = next(e for e in reference.entries if isinstance(e, Unreadable))
            raise BadKey(f"an entry of the reference answer of part {spec.label} cannot be read: {bad}")

    def cloze(part: Mapping[str, Any], weight: int, kit: Cloze) -> str:
        options = part.get("options") or {}
        shares = iter(split_weight(weight, _subquestions(part["answer"])))

        def cell(value: Any) -> str:
            return entry_cloze({"answer": value, "options": options}, next(shares), kit)

        return "".join(kit.table(rows, cell, _slice_name(index) if index else "")
                       for index, rows in matrices(part["answer"]))

    def boxes(part: Mapping[str, Any]) -> list[Box]:
        options = part.get("options") or {}
        return [replace(box, where=where) for where, value in positioned(part["answer"])
                for box in entry_boxes({"answer": value, "options": options})]

    return AnswerType(name, read, compare, expected_as_written, settings, check, to_json,
                      sheet=SHEETS.get(dims, _slices_sheet), cloze=cloze, subquestions=_subquestions, boxes=boxes,
                      rounded=rounded)


def _numbers(how: str) -> Callable[[Any, Spec], Grid]:
    return lambda value, spec: read_grid(value, read_number, numeric=True, how=how, **grid_limits(spec))


TYPES = (
    grid_type("vector", 1, _numbers("write it like [1, 2, 3] or (1, 2, 3)"), number_match, rounded=has_fraction),
    grid_type("matrix", 2, _numbers("write it like [[1, 2], [3, 4]] or [1 2; 3 4]"), number_match,
              rounded=has_fraction),
    grid_type("tensor", None, _numbers("write it as nested lists, like [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]"),
              number_match, rounded=has_fraction),
)
