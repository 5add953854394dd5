"""Reading shapes: a JSON list of whole numbers, or ``(32, 126, 126)``, ``32x126x126``, ``32 × 126``."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..errors import Unreadable
from . import bounds
from .brackets import clean_text, is_group
from .grid import MAX_DIMS, MAX_TEXT
from .numbers import TooManyDigits, read_number
from .text import shown

HOW_SHAPE = "write it like (3, 4) or 3x4"
_SHAPE_SEPS = re.compile(r"\s*(?:,|\\times|×|\*|·|\\cdot|\bby\b|(?<=\d)\s*[xX]\s*(?=\d))\s*")


def read_shape(value: Any) -> tuple[int, ...]:
    """A shape: a JSON list of whole numbers, or ``(32, 126, 126)``, ``32x126x126``, ``32 × 126``."""
    if isinstance(value, bool):
        raise Unreadable(f"could not read {str(value).lower()} as a shape; {HOW_SHAPE}.")
    if isinstance(value, (int, float, Decimal, TooManyDigits)):
        items: list[Any] = [value]
    elif isinstance(value, (list, tuple)):
        if len(value) > MAX_DIMS:
            raise Unreadable(f"a shape has at most {MAX_DIMS} dimensions; {HOW_SHAPE}.")
        items = list(value)
    elif isinstance(value, str):
        if len(value) > bounds.CHOICE_TEXT:
            raise Unreadable(f"this answer is {len(value):,} characters long; {HOW_SHAPE}.")
        try:
            text = clean_text(value, MAX_TEXT)
            if is_group(text):
                text = text[1:-1].strip()
        except Unreadable as exc:
            raise Unreadable(f"{str(exc).rstrip('.')}; {HOW_SHAPE}.") from None
        if any(ch in text for ch in "()[]{}"):
            raise Unreadable(f"could not read {shown(value)} as a shape; {HOW_SHAPE}.")
        parts = _SHAPE_SEPS.split(text) if text else []
        if len(parts) == 1 and " " in parts[0].strip():
            parts = parts[0].split()
        if len(parts) > 1 and not parts[-1].strip() and "," in text:
            parts.pop()
        if any(not p.strip() for p in parts):
            raise Unreadable(f"could not read {shown(value)} as a shape; {HOW_SHAPE}.")
        items = parts
    else:
        raise Unreadable(f"could not read this answer as a shape; {HOW_SHAPE}.")
    dims = []
    for item in items:
        if isinstance(item, (list, tuple)) or isinstance(item, bool):
            raise Unreadable(f"could not read {shown(value)} as a shape; {HOW_SHAPE}.")
        try:
            number = read_number(item)
        except Unreadable:
            raise Unreadable(f"could not read {shown(value)} as a shape; {HOW_SHAPE}.") from None
        if not number.is_integer or number.value < 0:
            raise Unreadable(f"the sizes in a shape are whole numbers, not {shown(item)}; {HOW_SHAPE}.")
        dims.append(number.value.numerator)
    if len(dims) > MAX_DIMS:
        raise Unreadable(f"a shape has at most {MAX_DIMS} dimensions; {HOW_SHAPE}.")
    return tuple(dims)


def format_shape(shape: tuple[int, ...]) -> str:
    """A shape as Python prints a tuple: ``(3, 3)``, ``(32,)``."""
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
