"""Reading vectors, matrices and tensors from JSON lists or from typed text.

People write the same matrix as a JSON list, ``[[3,4],[6,7]]``, ``[3 4; 6 7]`` (MATLAB) or a
LaTeX ``bmatrix``. Text is first turned into nested lists of entry texts (the structure),
then each entry is read by a reader the caller passes (numbers, or expressions), so this
module knows nothing about what an entry means. An entry that cannot be read stays in the grid as its :class:`Unreadable` error: it
costs that entry its credit, not the whole answer.

Limits (entries, nesting depth, text length) bound the work any submission can cause.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from ..errors import Unreadable
from .brackets import clean_text, has_top, is_group, split_top
from .grid import MAX_DEPTH, MAX_DIMS, MAX_ENTRIES, MAX_TEXT, Budget, Grid
from .numbers import read_number
from .text import check_length, empty, shown

_ENV = re.compile(
    r"\\begin\{(?P<env>[pbBvV]?matrix\*?|smallmatrix|array)\}(?:\{[^{}]*\})?(?P<body>.*)\\end\{(?P=env)\}",
    re.DOTALL,
)

Nested = Any  # a leaf or a list of Nested


def _structural(text: str, depth: int) -> bool:
    """Whether a bracket group is an array (``(1, 2)``) rather than a leaf (``(x1 + x2)``).

    Square brackets always make an array; parentheses and braces only when they hold a
    top-level comma or semicolon, or another array.
    """
    if text[0] == "[":
        return True
    inner = text[1:-1].strip()
    if has_top(inner, ",;") or inner.startswith("\\begin"):
        return True
    return depth < MAX_DEPTH and is_group(inner) and _structural(inner, depth + 1)


class _Splitter:
    """Turns one text into nested lists of entry texts.

    ``numeric`` allows whitespace as a separator anywhere (``[1 2; 3 4]``, ``1 2 3``).
    ``words`` lets whitespace separate the entries of a row of an array of expressions, as in
    MATLAB and NumPy's printing (``[k1 k2 0; 0 k1 k2]``, ``[[k1 k2] [0 k1]]``, the rows a
    solution sheet prints); products inside an entry then need ``*``, ``·`` or no space
    (``k1x1``), and an operator with spaces on both sides joins (``[k1 + k2  0]`` is two
    entries, ``[k1 -k2]`` two). A row with commas is split at its commas only, so
    ``[k1 x1 + k2 x2, 0]`` keeps its products.
    """

    def __init__(self, numeric: bool, budget: Budget | None = None, words: bool = False) -> None:
        self.numeric = numeric
        self.words = words
        self.budget = budget or Budget(MAX_TEXT, MAX_ENTRIES)

    def nest(self, text: str, depth: int, whole: bool = False) -> Nested:
        """``whole``: the text is already one entry of a list (a JSON string in a JSON list),
        so a number in it with digit groups (``"99,883,155,456"``) is not split at its commas."""
        node = self._nest(text, depth, whole)
        if not isinstance(node, list):
            self.budget.entry()
        return node

    def _nest(self, text: str, depth: int, whole: bool) -> Nested:
        self.budget.level(depth)
        text = text.strip()
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'" and text[0] not in text[1:-1]:
            text = text[1:-1].strip()  # ["k1", "0"] pasted as text: the quotes are JSON's, not the answer's
            whole = True
        if whole and self.numeric and _one_number(text):
            return text
        if text.startswith("\\begin"):
            return self.env(text, depth)
        if is_group(text):
            if _structural(text, depth):
                return self.items(text[1:-1], depth + 1)
            return text
        if has_top(text, ",;\n") or (self.numeric and self._words(text)):
            return self.items(text, depth)
        return text

    def env(self, text: str, depth: int) -> Nested:
        m = _ENV.fullmatch(text)
        if not m:
            raise Unreadable(f"could not read the LaTeX matrix in {shown(text)}; write it like "
                             "\\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}.")
        body = m["body"].replace("\\hline", "")
        rows = [r for r in re.split(r"\\\\", body)]
        while rows and not rows[-1].strip():
            rows.pop()
        result = []
        for row in rows:
            cells = split_top(row, "&")
            if any(not c.strip() for c in cells):
                raise Unreadable(f"the LaTeX matrix in {shown(text)} has an empty cell.")
            result.append([self.nest(c, depth + 2) for c in cells])
        return result

    def items(self, inner: str, depth: int) -> list[Nested]:
        inner = inner.strip()
        if not inner:
            return []
        if inner.startswith("\\begin") and _ENV.fullmatch(inner):
            return self.env(inner, depth)
        if has_top(inner, ";") or (has_top(inner, "\n") and not has_top(inner, ",")):
            rows = split_top(inner, ";" if has_top(inner, ";") else "\n")
            while rows and not rows[-1].strip():
                rows.pop()
            if any(not r.strip() for r in rows):
                raise Unreadable(f"{shown(inner)} has an empty row.")
            return [self.row(r, depth + 1) for r in rows]
        return self.row_items(inner, depth)

    def row(self, text: str, depth: int) -> list[Nested]:
        text = text.strip()
        if is_group(text) and _structural(text, depth):
            nested = self.nest(text, depth)
            if isinstance(nested, list):
                return nested
        return self.row_items(text, depth)

    def row_items(self, text: str, depth: int) -> list[Nested]:
        parts = split_top(text, ",")
        if len(parts) > 1:
            if not parts[-1].strip():
                parts.pop()  # (32,) -- a trailing comma, as Python writes 1-tuples
            if any(not p.strip() for p in parts):
                raise Unreadable(f"{shown(text)} has an empty entry between two commas.")
        elif self.numeric:
            parts = self._words(text) or [text]
        elif self.words:
            parts = self._expression_words(text) or [text]
        return [self.nest(p, depth + 1) for p in parts]

    def _expression_words(self, text: str) -> list[str]:
        """Whitespace-separated entries of a row of expressions (MATLAB's rule for signs: ``a - b``
        and ``a-b`` are one entry, ``a -b`` two)."""
        text = re.sub(r"\\cdot\b", "·", re.sub(r"\\times\b", "×", text.strip()))
        text = re.sub(r"\s*(/|×|·|\^|\*\*|\*|_)\s*", r"\1", text)
        text = re.sub(r"\\frac\s*", r"\\frac", text)
        text = re.sub(r"\}\s*\{", "}{", text)
        text = re.sub(r"\s+([+-])\s+", r"\1", text)
        text = re.sub(r"(^|[(\[{])\s*([+-])\s+", r"\1\2", text)
        words = [w for w in split_top(text, " \t\r\n") if w]
        return words if len(words) > 1 else []

    def _words(self, text: str) -> list[str]:
        """Whitespace-separated entries of a numeric row, keeping ``7 / 4`` and ``- 3`` whole."""
        text = re.sub(r"\s*(/|\\times|×|\\cdot|·|\^|\*\*|\*)\s*", r"\1", text.strip())
        text = re.sub(r"\\frac\s*", r"\\frac", text)
        text = re.sub(r"\}\s*\{", "}{", text)
        text = re.sub(r"(^|\s)([+-])\s+", r"\1\2", text)
        words = [w for w in split_top(text, " \t\r\n") if w]
        return words if len(words) > 1 else []


def _one_number(text: str) -> bool:
    if len(text) > 100 or not re.fullmatch(r"[-+]?\s*\d[\d,' _.]*", text):
        return False  # only digit groups are in question; anything else is split as usual
    try:
        read_number(text)
    except Unreadable:
        return False
    return True


# A tensor as a solution sheet prints it: one matrix per 2-D slice, each after its name,
# ``[0, 1] =`` (in LaTeX inside ``\[ ... \]``).
_SLICE = re.compile(r"(?:\\\[\s*)?\[\s*(\d{1,4}(?:\s*,\s*\d{1,4})*)?\s*\]\s*=")


def _slices(text: str, splitter: _Splitter, depth: int) -> Nested | None:
    """The tensor a text of named slices holds (the sheets' layout), or None for other text."""
    found = list(_SLICE.finditer(text))
    if not found or text[:found[0].start()].strip():
        return None
    blocks: dict[tuple[int, ...], Nested] = {}
    for i, m in enumerate(found):
        body = text[m.end(): found[i + 1].start() if i + 1 < len(found) else len(text)].strip()
        body = re.sub(r"\\\]\s*$", "", body).strip()
        index = tuple(int(n) for n in re.findall(r"\d+", m[1] or ""))
        if index in blocks or not body:
            raise Unreadable(f"the slice {_slice_text(index)} is given twice or empty.")
        node = splitter.nest(clean_text(body, splitter.budget.max_text), depth + len(index))
        if not isinstance(node, list):
            node = [[node]]
        elif node and not isinstance(node[0], list):
            node = [node]  # a one-row slice prints as one line
        blocks[index] = node
    ranks = {len(index) for index in blocks}
    if len(ranks) != 1:
        raise Unreadable("the slices are named with different numbers of indices.")
    sizes = [max(index[k] for index in blocks) + 1 for k in range(ranks.pop())]
    count = 1
    for size in sizes:
        count *= size
    if count != len(blocks):
        raise Unreadable(f"some slices are missing: {len(blocks)} given, for indices up to {_slice_text(tuple(sizes))}.")

    def build(prefix: tuple[int, ...]) -> Nested:
        if len(prefix) == len(sizes):
            return blocks[prefix]
        return [build(prefix + (i,)) for i in range(sizes[len(prefix)])]
    return build(())


def _slice_text(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(map(str, index)) + "]"


_PLAIN_ENTRY = re.compile(r"[A-Za-z0-9_.*/^+-]+")  # an entry text no clean-up or splitting would change


def _structure(value: Any, splitter: _Splitter, depth: int = 0) -> Nested:
    budget = splitter.budget
    budget.level(depth)
    if isinstance(value, (list, tuple)):
        budget.list_node()
        budget.room_for(len(value))
        return [_structure(v, splitter, depth + 1) for v in value]
    if isinstance(value, str):
        budget.text(len(value))
        if depth > 0 and _PLAIN_ENTRY.fullmatch(value):
            budget.entry()  # "k1", "7/4", "g1*x1+g2": nothing to clean or split, the common case in a key
            return value
        if depth == 0 and "=" in value:
            check_length(value, budget.max_text)
            tensor = _slices(value, splitter, depth)
            if tensor is not None:
                return tensor
        return splitter.nest(clean_text(value, budget.max_text), depth, whole=depth > 0)
    budget.entry()
    return value


def _shape(node: Nested, depth: int = 0) -> tuple[int, ...]:
    if not isinstance(node, list):
        return ()
    if not node:
        return (0,)
    shapes = [_shape(child, depth + 1) for child in node]
    first = shapes[0]
    for other in shapes[1:]:
        if len(other) != len(first):
            raise Unreadable("this answer mixes single entries and lists at the same level.")
        if other != first:
            what = "rows" if len(first) == 1 else "the lists inside"
            raise Unreadable(f"{what} have different lengths ({first[0]} and {other[0]}); "
                             "every row needs the same number of entries.")
    return (len(node),) + first


def _flatten(node: Nested, out: list[Any]) -> None:
    if isinstance(node, list):
        for child in node:
            _flatten(child, out)
    else:
        out.append(node)  # the budget has already counted the leaves while reading


def _layout(value: Any, splitter: _Splitter, how: str) -> tuple[tuple[int, ...], list[Any]]:
    """The shape of an answer and its leaves (entry texts), before any entry is read."""
    try:
        node = _structure(value, splitter)
        shape = _shape(node)
        leaves: list[Any] = []
        _flatten(node, leaves)
    except RecursionError:
        raise Unreadable(f"this answer is nested too deeply; {how}.") from None
    except Unreadable as exc:
        message = str(exc)
        raise Unreadable(message if "write it like" in message else f"{message.rstrip('.')}; {how}.") from None
    if len(shape) > MAX_DIMS:
        raise Unreadable(f"this answer has more than {MAX_DIMS} dimensions; {how}.")
    return shape, leaves


def read_grid(value: Any, read_entry: Callable[[Any], Any], *, numeric: bool, how: str,
              max_text: int = MAX_TEXT, max_entries: int = MAX_ENTRIES, too_many: str = "",
              words: bool = False, fits: Callable[[tuple[int, ...]], bool] | None = None) -> Grid:
    """Any array notation into a :class:`Grid`; each entry read with ``read_entry``.

    A single value (no list at all) gives shape ``()``; if it cannot be read the whole answer
    is Unreadable with ``how`` ("write it like ...") appended. ``max_text`` (characters of all
    strings together) and ``max_entries`` bound the work, and are counted before any entry is
    read (``too_many``: what the refusal adds, such as the expected shape).
    ``words``: whitespace separates the entries of a row of expressions (see ``_Splitter``);
    when the answer's shape read so does not ``fits`` the expected one and the shape read with
    whitespace as products does, that reading is taken. Entries are read once, after the
    shape is settled (an answer of another shape is still read: it may be a misconception's,
    such as the transpose).
    """
    shape, leaves = _layout(value, _Splitter(numeric, Budget(max_text, max_entries, too_many), words), how)
    if words and fits is not None and not fits(shape):
        try:
            other_shape, other_leaves = _layout(value, _Splitter(numeric, Budget(max_text, max_entries, too_many)), how)
        except Unreadable:
            other_shape, other_leaves = shape, leaves
        if fits(other_shape):
            shape, leaves = other_shape, other_leaves
    entries: list[Any] = []
    for leaf in leaves:
        try:
            if empty(leaf):
                raise Unreadable("this entry is empty.")
            entries.append(read_entry(leaf))
        except Unreadable as exc:
            if not shape:
                raise Unreadable(f"could not read {shown(value if isinstance(value, str) else leaf)}; {how}.") from None
            entries.append(exc)
    return Grid(shape, tuple(entries))
