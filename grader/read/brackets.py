"""Brackets in typed arrays and shapes: matching, nesting, and splitting at the top level.

Every text an array or shape reader looks at is cleaned here first (``clean_text``): cut at a
length limit, made notation-neutral, LaTeX sizing commands dropped, and its brackets checked
in one pass before anything recurses into it.
"""

from __future__ import annotations


from ..errors import Unreadable
from . import bounds
from .text import check_length, drop_sizing, normalize, shown

MAX_BRACKETS = bounds.BRACKET_DEPTH


PAIRS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {v: k for k, v in PAIRS.items()}


def closing(text: str, start: int) -> int:
    """Index of the bracket that closes ``text[start]``; Unreadable when brackets do not match."""
    stack = []
    for i in range(start, len(text)):
        ch = text[i]
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif ch in CLOSERS:
            if not stack or stack.pop() != ch:
                raise Unreadable(f"the brackets in {shown(text)} do not match.")
            if not stack:
                return i
    raise Unreadable(f"the brackets in {shown(text)} do not match.")


def check_brackets(text: str) -> None:
    """Brackets must match and nest at most MAX_BRACKETS deep (checked in one pass, before any
    recursion, so ``((((...))))`` ten thousand deep costs one scan)."""
    stack = []
    for ch in text:
        if ch in PAIRS:
            stack.append(PAIRS[ch])
            if len(stack) > MAX_BRACKETS:
                raise Unreadable(f"this answer is nested more than {MAX_BRACKETS} brackets deep.")
        elif ch in CLOSERS and (not stack or stack.pop() != ch):
            raise Unreadable(f"the brackets in {shown(text)} do not match.")
    if stack:
        raise Unreadable(f"the brackets in {shown(text)} do not match.")


def split_top(text: str, seps: str) -> list[str]:
    """Split at separator characters that are not inside any bracket or double quotes
    (``["1,024", "7/4"]`` pasted as text keeps its quoted entries whole)."""
    parts, depth, start = [], 0, 0
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch in PAIRS:
            depth += 1
        elif ch in CLOSERS:
            depth -= 1
        elif depth == 0 and ch in seps:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def has_top(text: str, seps: str) -> bool:
    return len(split_top(text, seps)) > 1


def is_group(text: str) -> bool:
    return bool(text) and text[0] in PAIRS and closing(text, 0) == len(text) - 1


def clean_text(text: str, limit: int) -> str:
    check_length(text, limit)
    text = drop_sizing(normalize(text), null_delimiters=True)
    check_brackets(text)
    return text
