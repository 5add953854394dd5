"""Grading one part: read the reference and the answer with the same reader, compare, explain.

Reading the key's reference with the reader used for students guarantees that anything the
key can hold, a student can type back. Each answer type is a small ``_Kind`` (read, compare,
display). Whatever a student submits, ``grade_part`` returns a :class:`PartResult`; only a
broken key raises (:class:`BadKey`), because that is staff's bug to fix, not a zero to give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable, Mapping

from probgen.contract import ANSWER_TYPES, CLOSE_DECIMAL, DEFAULT_ABS_TOL, DEFAULT_REL_TOL, MIN_DIGITS  # noqa: F401

from . import arrays, expressions
from .errors import BadKey, Unreadable
from .numbers import Number, format_number, normalize, read_number, shown, terminates
from .results import PartResult, tidy

_ARRAY_DIMS = {"vector": 1, "matrix": 2, "tensor": None, "expression-vector": 1, "expression-matrix": 2}
_HOW = {
    "vector": "write it like [1, 2, 3] or (1, 2, 3)",
    "matrix": "write it like [[1, 2], [3, 4]] or [1 2; 3 4]",
    "tensor": "write it as nested lists, like [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]",
    "expression-vector": "write it like [2*a, a + 1], with commas between the entries",
    "expression-matrix": "write it like [[2*a, 1], [0, a - 1]], with commas between the entries",
}


@dataclass(frozen=True)
class _Outcome:
    credit: Fraction  # share of the points earned, 0..1
    feedback: str


@dataclass(frozen=True)
class _Spec:
    """One key part, checked and with its reference read: everything grading needs."""

    label: str
    type: str
    points: float | int
    options: Mapping[str, Any]
    reference: Any
    expected: str
    symbols: tuple[str, ...] = ()
    choices: tuple[str, ...] | None = None
    rel_tol: Fraction | None = None
    abs_tol: Fraction | None = None
    misconceptions: tuple[Mapping[str, Any], ...] = field(default=())


# ---- numbers ---------------------------------------------------------------------------


def _tolerance(options: Mapping[str, Any], name: str) -> Fraction | None:
    value = options.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise BadKey(f"option {name} must be a number.")
    try:
        tol = read_number(value).value
    except Unreadable:
        raise BadKey(f"option {name} must be a number.") from None
    if tol < 0:
        raise BadKey(f"option {name} must not be negative.")
    return tol


def _number_match(ref: Number, ans: Number, spec: _Spec) -> tuple[bool, str | None]:
    """Whether ``ans`` is right for ``ref``, with a note when a rounded decimal was accepted."""
    if ref.inexact or spec.rel_tol is not None or spec.abs_tol is not None:
        rel = spec.rel_tol if spec.rel_tol is not None else DEFAULT_REL_TOL
        tol = spec.abs_tol if spec.abs_tol is not None else DEFAULT_ABS_TOL
        return abs(ans.value - ref.value) <= max(rel * max(abs(ans.value), abs(ref.value)), tol), None
    if ans.value == ref.value:
        return True, None
    if (ans.decimal and not terminates(ref.value) and ans.digits >= MIN_DIGITS
            and abs(ans.value - ref.value) <= CLOSE_DECIMAL * abs(ref.value)):
        return True, f"the exact value is {format_number(ref)}"
    return False, None


def _close_decimal(ref: Number, ans: Number) -> bool:
    return (ans.decimal and not ref.inexact and not terminates(ref.value)
            and abs(ans.value - ref.value) <= abs(ref.value) / 100)


def _number_compare(ref: Number, ans: Number, spec: _Spec) -> _Outcome:
    ok, note = _number_match(ref, ans, spec)
    if ok:
        return _Outcome(Fraction(1), f"Correct to the digits given; {note}." if note else "Correct.")
    if _close_decimal(ref, ans):
        return _Outcome(Fraction(0), "Close, but not accurate enough: give the exact fraction, or a decimal "
                                     f"with at least {MIN_DIGITS} significant digits rounded correctly.")
    return _Outcome(Fraction(0), "Not correct.")


def _integer_compare(ref: Number, ans: Number, spec: _Spec) -> _Outcome:
    if ans.value == ref.value:
        return _Outcome(Fraction(1), "Correct.")
    if not ans.is_integer:
        return _Outcome(Fraction(0), "Not correct; the answer is a whole number.")
    return _Outcome(Fraction(0), "Not correct.")


# ---- shapes ----------------------------------------------------------------------------


def _shape_compare(ref: tuple[int, ...], ans: tuple[int, ...], spec: _Spec) -> _Outcome:
    if ans == ref:
        return _Outcome(Fraction(1), "Correct.")
    n, m = len(ref), len(ans)
    if m == n - 1:
        for i in range(n):
            if ref[:i] + ref[i + 1:] == ans:
                return _Outcome(Fraction(0), f"Not correct: your shape has {m} dimension{'s' * (m != 1)} and the answer has {n}; "
                                             f"you left out the dimension of size {ref[i]} (position {i + 1}).")
    if m != n:
        return _Outcome(Fraction(0), f"Not correct: the answer has {n} dimension{'s' * (n != 1)}, yours has {m}.")
    if sorted(ans) == sorted(ref):
        return _Outcome(Fraction(0), "Not correct: the sizes are right but in the wrong order.")
    wrong = [str(i + 1) for i in range(n) if ans[i] != ref[i]]
    where = "dimension " + wrong[0] if len(wrong) == 1 else "dimensions " + ", ".join(wrong)
    return _Outcome(Fraction(0), f"Not correct: {where} {'is' if len(wrong) == 1 else 'are'} wrong.")


# ---- arrays ----------------------------------------------------------------------------


def _squeezed(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)


def _shape_words(kind: str, shape: tuple[int, ...]) -> str:
    if len(shape) == 1 and kind.endswith("vector"):
        return f"a vector of {shape[0]} entries"
    if len(shape) == 2 and kind.endswith("matrix"):
        return f"a {shape[0]}x{shape[1]} matrix"
    return f"a {arrays.dims_text(shape)} {'tensor' if len(shape) > 2 else 'array'}"


def _got_words(shape: tuple[int, ...]) -> str:
    if not shape:
        return "a single value"
    if len(shape) == 1:
        return f"a list of {shape[0]} entries"
    return arrays.dims_text(shape)


def _position(kind: str, index: tuple[int, ...]) -> str:
    if len(index) == 1:
        return str(index[0] + 1)
    return "(" + ", ".join(str(i + 1) for i in index) + ")"


def _indices(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = [()]
    for d in shape:
        out = [i + (j,) for i in out for j in range(d)]
    return out


def _entry_match(spec: _Spec, ref: Any, ans: Any) -> tuple[bool, str | None]:
    if isinstance(ans, Unreadable):
        return False, None
    if spec.type.startswith("expression"):
        return expressions.same_expression(ref, ans), None
    return _number_match(ref, ans, spec)


def _grid_compare(ref: arrays.Grid, ans: arrays.Grid, spec: _Spec) -> _Outcome:
    if ans.shape != ref.shape:
        return _Outcome(Fraction(0), f"Wrong shape: expected {_shape_words(spec.type, ref.shape)}, "
                                     f"got {_got_words(ans.shape)}.")
    total = len(ref.entries)
    if total == 0:
        return _Outcome(Fraction(1), "Correct.")
    wrong: list[tuple[int, ...]] = []
    unreadable: list[tuple[tuple[int, ...], Unreadable]] = []
    rounded = False
    for index, r, a in zip(_indices(ref.shape), ref.entries, ans.entries):
        ok, note = _entry_match(spec, r, a)
        rounded |= bool(note)
        if not ok:
            wrong.append(index)
            if isinstance(a, Unreadable):
                unreadable.append((index, a))
    right = total - len(wrong)
    if not wrong:
        extra = (" Decimals were accepted where they match the exact fractions to the digits given."
                 if rounded else "")
        return _Outcome(Fraction(1), "Correct." + extra)
    noun = "entries" if total != 1 else "entry"
    where = ", ".join(_position(spec.type, i) for i in wrong[:6]) + (f" and {len(wrong) - 6} more" if len(wrong) > 6 else "")
    label = "entry" if len(wrong) == 1 else "entries"
    if len(ref.shape) == 2:
        label += " (row, column)"
    feedback = f"{right} of {total} {noun} right; wrong {label}: {where}."
    if unreadable:
        index, exc = unreadable[0]
        feedback += f" Entry {_position(spec.type, index)} could not be read: {exc}"
    return _Outcome(Fraction(right, total), feedback)


def _fit(ans: arrays.Grid, ref: arrays.Grid, spec: _Spec) -> arrays.Grid:
    """A row or column given for a vector (or a flat list for a one-row matrix) is accepted."""
    if (ans.shape != ref.shape and spec.type != "tensor" and len(ans.entries) == len(ref.entries)
            and _squeezed(ans.shape) == _squeezed(ref.shape)):
        return ans.reshaped(ref.shape)
    return ans


# ---- choices ---------------------------------------------------------------------------

_LETTER = re.compile(r"(?:(?:option|choice|answer)\s*:?\s*)?\(?\s*([A-Za-z])\s*\)?\s*[.:]?", re.IGNORECASE)


def _plain(text: str) -> str:
    return " ".join(normalize(text).casefold().split()).rstrip(".")


def read_choice(value: Any, choices: tuple[str, ...] | None) -> str:
    """An option letter (``b``, ``(B)``, ``b)``) or an option's exact text, as the upper-case letter."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[: len(choices)] if choices else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    span = f"{letters[0]} to {letters[-1]}" if len(letters) > 1 else letters
    if not isinstance(value, str) or isinstance(value, bool):
        raise Unreadable(f"write the letter of one option ({span}).")
    if len(value) > 2_000:
        raise Unreadable(f"this answer is too long; write the letter of one option ({span}).")
    if choices:
        wanted = _plain(value)
        for letter, text in zip(letters, choices):
            if isinstance(text, str) and _plain(text) == wanted:
                return letter
    m = _LETTER.fullmatch(normalize(value))
    if m:
        letter = m[1].upper()
        if letter in letters:
            return letter
        raise Unreadable(f"{shown(value)} is not one of the options; write the letter of one option ({span}).")
    raise Unreadable(f"could not read {shown(value)} as a choice; write the letter of one option ({span})"
                     + (" or copy its text." if choices else "."))


# ---- the kinds -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    read: Callable[[Any, _Spec], Any]
    compare: Callable[[Any, Any, _Spec], _Outcome]
    display: Callable[[Any, Any, _Spec], str]  # (reference, raw key answer, spec)


def _display_raw(raw: Any) -> str:
    """A key answer as written in the key: ``[[1, "7/4"]]`` shows as ``[[1, 7/4]]``."""
    if isinstance(raw, (list, tuple)):
        return "[" + ", ".join(_display_raw(v) for v in raw) + "]"
    if isinstance(raw, (float, Decimal)):
        return format_number(read_number(raw))
    return str(raw).strip()


# Reading an expression costs more per character than reading a number, so arrays of
# expressions get a smaller budget (the largest key answer of that type is ~1,800 characters
# as JSON, most of it quotes and zeros).
EXPRESSION_GRID_TEXT = 4_000
EXPRESSION_GRID_ENTRIES = 1_000


def _read_grid(value: Any, spec: _Spec) -> arrays.Grid:
    if spec.type.startswith("expression"):
        symbols = spec.symbols
        return arrays.read_grid(value, lambda v: expressions.read_expression(v, symbols), numeric=False,
                                how=_HOW[spec.type], max_text=EXPRESSION_GRID_TEXT,
                                max_entries=EXPRESSION_GRID_ENTRIES)
    return arrays.read_grid(value, read_number, numeric=True, how=_HOW[spec.type])


def _grid_kind() -> _Kind:
    def read(value: Any, spec: _Spec) -> arrays.Grid:
        grid = _read_grid(value, spec)
        if spec.reference is not None:
            grid = _fit(grid, spec.reference, spec)
        return grid
    return _Kind(read, _grid_compare, lambda ref, raw, spec: _display_raw(raw))


def _number_read(value: Any, spec: _Spec) -> Number:
    return read_number(value)


_KINDS: dict[str, _Kind] = {
    "integer": _Kind(_number_read, _integer_compare, lambda ref, raw, spec: format_number(ref)),
    "number": _Kind(_number_read, _number_compare, lambda ref, raw, spec: format_number(ref)),
    "shape": _Kind(lambda v, spec: arrays.read_shape(v), _shape_compare,
                   lambda ref, raw, spec: arrays.format_shape(ref)),
    "expression": _Kind(
        lambda v, spec: expressions.read_expression(v, spec.symbols),
        lambda ref, ans, spec: _Outcome(Fraction(1), "Correct.") if expressions.same_expression(ref, ans)
        else _Outcome(Fraction(0), "Not correct."),
        lambda ref, raw, spec: _display_raw(raw)),
    "choice": _Kind(
        lambda v, spec: read_choice(v, spec.choices),
        lambda ref, ans, spec: _Outcome(Fraction(1), "Correct.") if ref == ans else _Outcome(Fraction(0), "Not correct."),
        lambda ref, raw, spec: ref),
    **{name: _grid_kind() for name in _ARRAY_DIMS},
}


# ---- the key part ----------------------------------------------------------------------


def _strings(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, (list, tuple)):
        return [s for v in raw for s in _strings(v)]
    return []


def _spec(part: Mapping[str, Any]) -> _Spec:
    if not isinstance(part, Mapping):
        raise BadKey("a key part must be an object.")
    label = part.get("label")
    if not isinstance(label, str) or not label:
        raise BadKey("a key part has no label.")
    kind = part.get("type")
    if kind not in _KINDS:
        raise BadKey(f"part {label} has unknown answer type {kind!r}.")
    points = part.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
        raise BadKey(f"part {label} has points {points!r}; points are a number of at least 0.")
    options = part.get("options") or {}
    if not isinstance(options, Mapping):
        raise BadKey(f"part {label} has options that are not an object.")
    if "answer" not in part:
        raise BadKey(f"part {label} has no answer.")
    raw = part["answer"]
    symbols: tuple[str, ...] = ()
    if kind.startswith("expression"):
        declared = options.get("symbols")
        if declared is None:
            symbols = tuple(n for s in _strings(raw) for n in expressions.names_in(s))
        elif isinstance(declared, (list, tuple)) and all(isinstance(s, str) for s in declared):
            symbols = tuple(declared)
        else:
            raise BadKey(f"part {label} has symbols that are not a list of names.")
    choices = options.get("choices")
    if choices is not None and not (isinstance(choices, (list, tuple)) and all(isinstance(c, str) for c in choices)
                                    and 0 < len(choices) <= 26):
        raise BadKey(f"part {label} has choices that are not a list of 1 to 26 texts.")
    misconceptions = part.get("misconceptions") or ()
    if not isinstance(misconceptions, (list, tuple)):
        raise BadKey(f"part {label} has misconceptions that are not a list.")
    spec = _Spec(label, kind, points, options, None, "", symbols, tuple(choices) if choices else None,
                 _tolerance(options, "rel_tol"), _tolerance(options, "abs_tol"),
                 tuple(m for m in misconceptions if isinstance(m, Mapping)))
    handler = _KINDS[kind]
    try:
        reference = handler.read(raw, spec)
    except Unreadable as exc:
        raise BadKey(f"the reference answer of part {label} cannot be read: {exc}") from None
    if kind == "integer" and not reference.is_integer:
        raise BadKey(f"the reference answer of integer part {label} is not a whole number.")
    if isinstance(reference, arrays.Grid):
        dims = _ARRAY_DIMS[kind]
        if dims is not None and len(reference.shape) != dims:
            raise BadKey(f"the reference answer of {kind} part {label} has {len(reference.shape)} dimensions.")
        if any(isinstance(e, Unreadable) for e in reference.entries):
            bad = next(e for e in reference.entries if isinstance(e, Unreadable))
            raise BadKey(f"an entry of the reference answer of part {label} cannot be read: {bad}")
    return _Spec(label, kind, points, options, reference, handler.display(reference, raw, spec), symbols,
                 spec.choices, spec.rel_tol, spec.abs_tol, spec.misconceptions)


def _blank(value: Any) -> bool:
    """No answer: null, blank text, or lists of those. Iterative and bounded, because a
    submission's JSON may nest a thousand lists deep (the readers then refuse it)."""
    stack, seen = [value], 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > 10_000:
            return False
        if item is None or (isinstance(item, str) and not item.strip()):
            continue
        if isinstance(item, (list, tuple)):
            stack.extend(item)
            continue
        return False
    return True


def _misconception(spec: _Spec, handler: _Kind, answer: Any) -> str | None:
    """The feedback of every misconception whose answer this answer equals.

    Two mistakes can land on the same wrong number (forgetting the +1 and counting the
    padding once, say); then both are named rather than guessing which one was made.
    """
    found: list[str] = []
    for wrong in spec.misconceptions:
        feedback = wrong.get("feedback")
        if not isinstance(feedback, str) or "answer" not in wrong or feedback in found:
            continue
        try:
            value = handler.read(wrong["answer"], spec)
            if handler.compare(value, answer, spec).credit == 1:
                found.append(feedback)
        except (Unreadable, BadKey, ArithmeticError, ValueError, TypeError, RecursionError):
            continue  # a wrong solver's output the readers refuse (a negative size...) explains nothing
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return "More than one mistake gives this answer. " + " Or: ".join(found)


def grade_part(part: Mapping[str, Any], submitted: Any) -> PartResult:
    """Grade one submitted answer against one key part.

    Never raises for any ``submitted`` value; raises :class:`BadKey` for a broken key part.
    """
    spec = _spec(part)
    points = spec.points
    if _blank(submitted):
        return PartResult(spec.label, 0, points, False, "No answer.", spec.expected)
    handler = _KINDS[spec.type]
    try:
        answer = handler.read(submitted, spec)
        outcome = handler.compare(spec.reference, answer, spec)
        if outcome.credit < 1:
            feedback = _misconception(spec, handler, answer)
            if feedback is not None:
                if 0 < outcome.credit < 1 and isinstance(answer, arrays.Grid):
                    right = round(outcome.credit * len(answer.entries))
                    feedback += f" ({right} of {len(answer.entries)} entries right.)"
                outcome = _Outcome(outcome.credit, feedback)
    except Unreadable as exc:
        return PartResult(spec.label, 0, points, False, str(exc), spec.expected)
    except RecursionError:
        return PartResult(spec.label, 0, points, False, "This answer is nested too deeply to read.", spec.expected)
    except Exception as exc:  # a bug of ours must not cost the student the other parts
        return PartResult(spec.label, 0, points, False,
                          f"This answer could not be graded (internal error: {type(exc).__name__}); "
                          "please report it.", spec.expected)
    return PartResult(spec.label, tidy(points * outcome.credit), points, outcome.credit == 1,
                      outcome.feedback, spec.expected)
