"""People's strings (roster names and ids, sheet titles): what may be in them, and how they are shown.

A roster comes from a registrar and a title from a command line; both land in LaTeX, Markdown,
HTML, JSON, file names and terminal lines. Every script a registrar can hold is welcome (names
are normalised to NFC, so a name typed with combining accents prints like a precomposed one).
What is not welcome is what a reader cannot see but a program obeys:

- **refused** with a sentence naming the row: control characters (C0 but tab and line breaks,
  DEL, C1), bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069,
  which reorder what follows them), private-use, unassigned and surrogate code points (no font
  prints them);
- **removed** from names and titles: invisible format characters that change nothing a reader
  sees (zero-width space, word joiner, soft hyphen, byte-order mark, direction marks, tags);
  zero-width joiners and non-joiners stay, since emoji sequences, Persian and Indic names need
  them;
- **folded**: line breaks, tabs and runs of spaces become one space, so a blank line in a name
  or title cannot start a paragraph or a Markdown block.

A student id is a folder name and the key of the answer key, matched exactly: it may hold no
control, format or invisible character at all (not even a joiner).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_NAME_LENGTH", "TextRefused", "clean_text", "id_character_problem", "printable", "same_id", "shown"]

MAX_NAME_LENGTH = 200
_JOINERS = {"\u200c", "\u200d"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = set("\t\n\r\x0b\x0c\x85\u2028\u2029")
_SPACES = re.compile(r"\s+")


class TextRefused(ValueError):
    """A string that holds a character we refuse; the message is the end of a sentence
    (``contains U+202E (RIGHT-TO-LEFT OVERRIDE), which ...``)."""


def _named(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _refusal(char: str) -> str | None:
    """Why ``char`` may not be in a name, or None when it may (perhaps to be removed)."""
    if char in _LINE_BREAKS:
        return None
    if char in _BIDI_CONTROLS:
        return f"contains {_named(char)}, which reorders the text after it"
    category = unicodedata.category(char)
    if category == "Cc":
        return f"contains the control character {_named(char)}"
    if category in ("Co", "Cn", "Cs"):
        return f"contains {_named(char)}, which no font prints"
    return None


def clean_text(text: str, *, limit: int = MAX_NAME_LENGTH) -> str:
    """``text`` as it will be printed: NFC, invisible characters removed, white space folded.

    Raises :class:`TextRefused` for a character that cannot be removed harmlessly or a text
    longer than ``limit`` characters.
    """
    for char in text:
        problem = _refusal(char)
        if problem:
            raise TextRefused(problem)
    kept = "".join(c for c in text if c in _JOINERS or c in _LINE_BREAKS or unicodedata.category(c) != "Cf")
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", kept)).strip()
    if len(cleaned) > limit:
        raise TextRefused(f"is longer than {limit} characters")
    return cleaned


def id_character_problem(student_id: str) -> str | None:
    """Why ``student_id`` holds a character an id may not, or None."""
    for char in student_id:
        problem = _refusal(char)
        if problem:
            return problem
        if char in _LINE_BREAKS:
            return f"contains the control character {_named(char)}"
        if unicodedata.category(char) == "Cf":
            return f"contains the invisible character {_named(char)}"
        if unicodedata.category(char) == "Zs" and char != " ":
            return f"contains the space character {_named(char)}"
    return None


def same_id(student_id: str) -> str:
    """What two ids must differ in to be two students: case and Unicode normalisation aside
    (``Zoë`` typed precomposed or with a combining accent is one folder on macOS)."""
    return unicodedata.normalize("NFC", student_id).casefold()


def printable(text: str) -> str:
    """``text`` with control and invisible characters written as escapes (``\\x1b``, ``\\u202e``),
    safe on a terminal line."""
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS:
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def shown(text: str, width: int = 40) -> str:
    """``text`` quoted for a terminal line: control and invisible characters as escapes, cut to
    ``width`` characters."""
    short = text if len(text) <= width else text[: width - 3] + "..."
    return "'" + printable(short).replace("'", "\\'") + "'"
