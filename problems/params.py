"""Checks and conversions for params, shared by the kinds.

Params arrive as JSON data (from a seed or from ``--params``); every check raises
``ParamError`` with one sentence that names the param, so a staff member who typed
``"stride": 0`` learns what to fix without reading a traceback.
"""

from __future__ import annotations

import functools
import math
import re
from fractions import Fraction
from typing import Any, Callable, Mapping, TypeVar

from .model import HAND_WORK, ParamError, Params  # noqa: F401  (HAND_WORK: the sampled bound, beside MAX_WORK)

T = TypeVar("T")

# ---- bounds: params past what a person could work by hand are refused before any work ----------
#
# Staff may size a problem by hand (``--params``); these bounds refuse, in one sentence and
# before anything is computed, a problem nobody could work with pencil and paper, so that a
# typo or a hostile value (a kernel of 100000 padded by 50000) never hangs or fills memory.

#: Hand operations (multiply-adds, comparisons, additions) in one part, as a kind's ``effort``
#: counts them. Sampled problems stay far below (about 40 on easy and medium, 100 on hard).
MAX_WORK = 2_000
#: Entries along one side of anything a kind writes out or slides entry by entry: a given matrix
#: or vector's side, a window (kernel), the padding and stride around and over it.
MAX_SIDE = 64
#: A size or count that only enters a formula (an image side, a channel count, a stride).
MAX_COUNT = 100_000
#: Digits of one number in params (numerator and denominator each, or a decimal's exponent).
MAX_DIGITS = 12
#: Characters of a number written as text ("1/4", "-1.5").
MAX_NUMBER_TEXT = 40


class TooMuchWork(ParamError):
    """Params past :data:`MAX_WORK`: drawing the other params again would not make the problem hand-sized."""


def check_work(effort: Mapping[str, int]) -> None:
    """Refuse params whose parts ask for more hand operations than :data:`MAX_WORK`."""
    for label, work in effort.items():
        if work > MAX_WORK:
            raise TooMuchWork(f"these params make part ({label}) take {work:,} operations by hand; "
                             f"a problem worked on paper takes at most {MAX_WORK:,}, so give a smaller input, "
                             f"kernel or padding.")


def check_finite(params: Params) -> None:
    """Refuse NaN or infinity anywhere in params (JSON readers accept them), naming the param."""

    def finite(value: Any) -> bool:
        if isinstance(value, float):
            return math.isfinite(value)
        if isinstance(value, list):
            return all(finite(v) for v in value)
        if isinstance(value, dict):
            return all(finite(v) for v in value.values())
        return True

    for name, value in params.items():
        if not finite(value):
            raise ParamError(f"param {name!r} holds NaN or infinity; give finite numbers only.")


def whole(value: Any, where: str) -> int:
    """``value`` as an int when it is a whole number (5 or 5.0); bools, NaN, infinity and 2.5 are refused."""
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or (isinstance(value, float) and not math.isfinite(value)) or value != int(value)):
        raise ParamError(f"{where} must be a whole number, not {value!r}.")
    value = int(value)
    if abs(value) >= 10 ** MAX_DIGITS:
        raise ParamError(f"{where} has more than {MAX_DIGITS} digits, more than a problem worked by hand needs.")
    return value


def require(params: Params, *names: str) -> None:
    missing = [n for n in names if n not in params]
    if missing:
        raise ParamError(f"missing param {', '.join(repr(n) for n in missing)}.")


def integer(params: Params, name: str, *, low: int | None = None, high: int | None = None,
            default: int | None = None) -> int:
    """The param ``name`` as an int within [low, high]; bools and floats like 2.5 are refused.

    ``default`` is what a missing param means (None: the param is required).
    """
    if name not in params and default is not None:
        return default
    require(params, name)
    value = whole(params[name], f"param {name!r}")
    if low is not None and value < low:
        raise ParamError(f"param {name!r} must be at least {low}, not {value}.")
    if high is not None and value > high:
        raise ParamError(f"param {name!r} must be at most {high}, not {value}.")
    return value


def pair(params: Params, name: str, *, low: int, high: int | None = None,
         default: int | None = None) -> tuple[int, int]:
    """An int or a pair [height, width] of ints, as a (height, width) tuple."""
    if name not in params and default is not None:
        return (default, default)
    require(params, name)
    value = params[name]
    if isinstance(value, list):
        if len(value) != 2:
            raise ParamError(f"param {name!r} must be a whole number or a pair [height, width], "
                             f"not a list of {len(value)} entries.")
        height, width = (integer({name: v}, name, low=low, high=high) for v in value)
        return height, width
    v = integer(params, name, low=low, high=high)
    return (v, v)


def boolean(params: Params, name: str) -> bool:
    require(params, name)
    value = params[name]
    if not isinstance(value, bool):
        raise ParamError(f"param {name!r} must be true or false, not {value!r}.")
    return value


#: The exponent of a number written in scientific notation ("1e999999999"), read before the number is.
_EXPONENT = re.compile(r"[eE]\s*([+-]?\d+)")


def number(value: Any, where: str) -> int | Fraction:
    """An exact number from a JSON value: an int, a float with a short decimal, or "p/q".

    Numbers past :data:`MAX_DIGITS` digits are refused before they are built: "1e999999999"
    would otherwise be a billion-digit integer.
    """
    if isinstance(value, bool):
        raise ParamError(f"{where} must be a number, not {value!r}.")
    if isinstance(value, int):
        return _bounded(value, where)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ParamError(f"{where} must be a finite number, not {value!r}.")
        if abs(value) >= 10 ** MAX_DIGITS:
            raise ParamError(f"{where} has more than {MAX_DIGITS} digits, more than a problem worked by hand needs.")
        f = Fraction(repr(value))
        return _bounded(int(f) if f.denominator == 1 else f, where)
    if isinstance(value, str):
        text = value.strip()
        exponent = _EXPONENT.search(text)
        if len(text) > MAX_NUMBER_TEXT or (exponent and abs(int(exponent.group(1)[:MAX_NUMBER_TEXT])) > MAX_DIGITS):
            raise ParamError(f"{where} has more than {MAX_DIGITS} digits, more than a problem worked by hand needs.")
        try:
            f = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ParamError(f"{where} must be a number such as 3, -1.5 or \"1/4\", not {value!r}.") from None
        return _bounded(int(f) if f.denominator == 1 else f, where)
    raise ParamError(f"{where} must be a number, not {value!r}.")


def _bounded(value: int | Fraction, where: str) -> int | Fraction:
    parts = (value.numerator, value.denominator) if isinstance(value, Fraction) else (value,)
    if any(abs(v) >= 10 ** MAX_DIGITS for v in parts):
        raise ParamError(f"{where} has more than {MAX_DIGITS} digits, more than a problem worked by hand needs.")
    return value


#: How each depth of tensor is written, for the sentence that refuses a malformed one.
_WRITTEN = {
    2: "a matrix written as a list of rows, such as [[1, 2], [3, 4]]",
    3: "a list of channels, each a matrix written as a list of rows (3-D: channels, rows, columns), "
       "such as [[[1, 2], [3, 4]]]",
    4: "a 4-D list of numbers (output channels, input channels, rows, columns), such as [[[[1, 0], [0, -1]]]]",
}
_AXIS = {3: "channel", 4: "output channel"}


def tensor(params: Params, name: str, depth: int, *, entry: Callable[[Any, str], Any] | None = None,
           min_size: int = 1, max_size: int = MAX_SIDE) -> list:
    """A rectangular nested list ``depth`` levels deep (2: a matrix; 3: channels of matrices; 4: filters).

    Every matrix in it is at least ``min_size`` and at most ``max_size`` on a side, and all the
    matrices (channels) have one shape. ``entry(value, where)`` reads one entry; by default an
    exact number.
    """
    require(params, name)
    return _tensor(params[name], depth, f"param {name!r}", name, "", entry or number, min_size, max_size)


def _tensor(value: Any, depth: int, where: str, name: str, index: str, entry, min_size: int, max_size: int) -> list:
    if depth == 2:
        return _matrix(value, where, name, index, entry, min_size, max_size)
    probe = value
    for _ in range(depth - 1):
        if not isinstance(probe, list) or not probe:
            raise ParamError(f"{where} must be {_WRITTEN[depth]}.")
        probe = probe[0]
    if not isinstance(probe, list):
        raise ParamError(f"{where} must be {_WRITTEN[depth]}.")
    axis = _AXIS[depth]
    items = [_tensor(v, depth - 1, f"{axis} {i} of {where}", name, f"{index}[{i}]", entry, min_size, max_size)
             for i, v in enumerate(value)]
    first = shape_of(items[0])
    for i, item in enumerate(items):
        if shape_of(item) != first:
            raise ParamError(f"{axis} {i} of {where} is {'x'.join(map(str, shape_of(item)))}, but {axis} 0 is "
                             f"{'x'.join(map(str, first))}; all {axis}s must have the same shape.")
    return items


def _matrix(value: Any, where: str, name: str, index: str, entry, min_size: int, max_size: int) -> list[list]:
    if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
        raise ParamError(f"{where} must be {_WRITTEN[2]}.")
    width = len(value[0])
    if any(len(r) != width for r in value):
        raise ParamError(f"{where} is ragged: every row must have {width} entries.")
    if width < min_size or len(value) < min_size:
        raise ParamError(f"{where} must be at least {min_size}x{min_size}.")
    if width > max_size or len(value) > max_size:
        raise ParamError(f"{where} must be at most {max_size}x{max_size}.")
    return [[entry(v, f"entry {index}[{i}][{j}] of {name!r}") for j, v in enumerate(r)] for i, r in enumerate(value)]


def shape_of(t: Any) -> tuple[int, ...]:
    """The shape of a rectangular nested list, read along its first entries."""
    dims = []
    while isinstance(t, list):
        dims.append(len(t))
        if not t:
            break
        t = t[0]
    return tuple(dims)


def matrix(params: Params, name: str, *, min_size: int = 1, max_size: int = MAX_SIDE) -> list[list[int | Fraction]]:
    """A rectangular matrix of exact numbers; ragged or empty matrices are refused."""
    return tensor(params, name, 2, min_size=min_size, max_size=max_size)


def vector(params: Params, name: str, *, min_len: int = 1, max_len: int = 256) -> list[int | Fraction]:
    require(params, name)
    value = params[name]
    if not isinstance(value, list) or any(isinstance(v, list) for v in value):
        raise ParamError(f"param {name!r} must be a list of numbers, such as [2, -1, 3].")
    if not min_len <= len(value) <= max_len:
        raise ParamError(f"param {name!r} must have between {min_len} and {max_len} entries, not {len(value)}.")
    return [number(v, f"entry {i} of {name!r}") for i, v in enumerate(value)]


def json_number(value: int | Fraction) -> int | str:
    """How an exact number is written into params: an int, or "p/q" so it stays exact."""
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    return value


def memo(fn: Callable[[Params], T]) -> Callable[[Params], T]:
    """Remember what ``fn`` parsed from params, keyed by their text.

    One problem's validate, solve, misconceptions and steps each parse the same params; for
    kinds with tensors that parsing was most of the time spent making a sheet. The result
    is shared, so callers must not mutate it.
    """
    cache: dict[str, T] = {}

    @functools.wraps(fn)
    def wrapper(params: Params) -> T:
        # repr tells apart every value JSON data can hold (1, 1.0, True, "1"), and is
        # several times cheaper than json.dumps; equal params in another key order only miss.
        key = repr(params)
        if key not in cache:
            if len(cache) >= 64:
                cache.clear()
            cache[key] = fn(params)
        return cache[key]

    return wrapper
