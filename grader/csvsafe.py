"""Text a person controls, made safe for the two places probgen echoes it: spreadsheet cells
and terminal lines.

Every CSV probgen writes passes each text cell a student, a registrar or a file name controls
through :func:`csv_cell`; every error or note line that quotes such text passes it through
:func:`terminal_text`, and JSON reports through :func:`json_text`. They live here, once, so a new CSV format imports the same guard.

The order matters. Control and invisible characters are removed *first*, then the cell is
checked for a formula start: a guard that looks at the raw text lets ``"\\x01=HYPERLINK(...)"``
through, because the spreadsheet never sees the ``\\x01`` and the cell starts with ``=``.
"""

from __future__ import annotations

import re
import unicodedata

# ANSI escape sequences (CSI ... final byte, OSC ... BEL/ST, two-byte ESC x). A lone 8-bit CSI
# (U+009B) is dropped as a control character, not read as a sequence: that would eat the
# visible text after it ("\x9b=HYPERLINK" must still show, quoted, as "=HYPERLINK").
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
# Characters a spreadsheet would start a formula (or a DDE call) with, once normalised.
_FORMULA_START = ("=", "+", "-", "@", "\u2212")
# What becomes a space rather than nothing: line and paragraph breaks, tabs.
_BREAKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]")


def _invisible(char: str) -> bool:
    """Control (Cc), format (Cf: bidi overrides, zero-width, BOM) and lone surrogate (Cs)
    characters: none of them is seen in a cell, all of them can hide what a cell starts with."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


def visible(text: object) -> str:
    """``text`` without ANSI escapes and invisible characters, line breaks and tabs as spaces."""
    value = _BREAKS.sub(" ", _ANSI.sub("", str(text)))
    if value.isascii() and value.isprintable():
        return value
    return "".join(c for c in value if not _invisible(c))


def csv_cell(text: object) -> str:
    """A text cell safe to open in a spreadsheet.

    Invisible characters go first (see the module docstring); then a cell whose first visible
    character, after normalising (NFKC: a full-width ``＝`` is ``=``) and skipping spaces,
    would start a formula (``= + - @``) gets a leading ``'``, which spreadsheets show as text.
    """
    value = visible(text)
    risky = unicodedata.normalize("NFKC", value).lstrip().startswith(_FORMULA_START)
    return "'" + value if risky else value


def terminal_text(text: object) -> str:
    """Text for one line on a terminal: control, invisible and undecodable characters (a file
    name's stray bytes) written as visible escapes (``\\x1b``, ``\\u202e``), so a file name
    can neither drive the terminal nor hide what it is."""
    out = []
    for char in str(text):
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 in a file name (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char == " " or not _invisible(char) and char.isprintable():
            out.append(char)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


# Characters JSON may hold raw that a terminal acts on or a reader cannot see: DEL and the C1
# controls (U+009B starts an escape sequence on some terminals), bidi and zero-width marks.
_JSON_INVISIBLE = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u2028\u2029]")


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the invisible characters
    that JSON leaves raw written as ``\\uXXXX`` escapes: the same data, safe on a terminal.
    Sound because JSON's own syntax is ASCII, so these characters only occur inside strings."""
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
