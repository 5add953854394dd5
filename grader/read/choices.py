"""Reading a choice: an option letter (``b``, ``(B)``, ``b)``), the exact text of an option, or
both as a solution sheet prints them (``(B) The same weights slide over every position.``)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import Unreadable
from . import bounds
from .text import normalize, shown

_LETTER = re.compile(r"(?:(?:option|choice|answer)\s*:?\s*)?\(?\s*([A-Za-z])\s*\)?\s*[.:]?", re.IGNORECASE)


_LABELLED = re.compile(r"\(\s*([A-Za-z])\s*\)\s+(.+)", re.DOTALL)


def _plain(text: str) -> str:
    return " ".join(normalize(text).casefold().split()).rstrip(".")


def read_choice(value: Any, choices: tuple[str, ...] | None) -> str:
    """An option letter (``b``, ``(B)``, ``b)``) or an option's exact text, as the upper-case letter."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[: len(choices)] if choices else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    span = f"{letters[0]} to {letters[-1]}" if len(letters) > 1 else letters
    if not isinstance(value, str) or isinstance(value, bool):
        raise Unreadable(f"write the letter of one option ({span}).")
    if len(value) > bounds.CHOICE_TEXT:
        raise Unreadable(f"this answer is too long; write the letter of one option ({span}).")
    if choices:
        wanted = _plain(value)
        for letter, text in zip(letters, choices):
            if isinstance(text, str) and _plain(text) == wanted:
                return letter
        labelled = _LABELLED.fullmatch(normalize(value))  # "(B) its text", as a solution sheet prints it
        if labelled and labelled[1].upper() in letters:
            letter = labelled[1].upper()
            if _plain(choices[letters.index(letter)]) == _plain(labelled[2]):
                return letter
            if any(_plain(text) == _plain(labelled[2]) for text in choices):
                raise Unreadable(f"{shown(value)} names one option by its letter and another by its text; "
                                 f"write the letter of one option ({span}).")
    m = _LETTER.fullmatch(normalize(value))
    if m:
        letter = m[1].upper()
        if letter in letters:
            return letter
        raise Unreadable(f"{shown(value)} is not one of the options; write the letter of one option ({span}).")
    raise Unreadable(f"could not read {shown(value)} as a choice; write the letter of one option ({span})"
                     + (" or copy its text." if choices else "."))
