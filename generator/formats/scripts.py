"""Which fonts of the LaTeX sheets' fallback chain a text needs, from the scripts it is written in.

LuaLaTeX sets text in Latin Modern and takes what Latin Modern lacks from a chain of Noto fonts
(see ``templates/sheets/worksheet.tex.j2``). Loading a font costs time in every run, and a
class of 600 is 600 runs, so a sheet loads only the fonts of the scripts its text holds. A
character of a script this table does not know loads the whole chain: a name still prints.
"""

from __future__ import annotations

from bisect import bisect_right

#: (first, last, script) code point ranges, sorted; the script names are the chain's tags.
_RANGES = sorted([
    (0x0080, 0x052F, "latin"),        # Latin-1, Latin Extended A/B, IPA, combining marks, Greek, Cyrillic
    (0x0530, 0x058F, "armenian"), (0xFB13, 0xFB17, "armenian"),
    (0x0590, 0x05FF, "hebrew"), (0xFB1D, 0xFB4F, "hebrew"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"), (0xA8E0, 0xA8FF, "devanagari"),
    (0x0980, 0x09FF, "bengali"), (0x0B80, 0x0BFF, "tamil"), (0x0E00, 0x0E7F, "thai"),
    (0x10A0, 0x10FF, "georgian"), (0x1C90, 0x1CBF, "georgian"), (0x2D00, 0x2D2F, "georgian"),
    (0x1100, 0x11FF, "cjk"), (0x2E80, 0x9FFF, "cjk"), (0xA960, 0xA97F, "cjk"), (0xAC00, 0xD7FF, "cjk"),
    (0xF900, 0xFAFF, "cjk"), (0xFE30, 0xFE4F, "cjk"), (0xFF00, 0xFFEF, "cjk"), (0x20000, 0x3FFFF, "cjk"),
    (0x1200, 0x139F, "ethiopic"), (0x2D80, 0x2DDF, "ethiopic"),
    (0x1D00, 0x1FFF, "latin"),        # phonetic extensions, Latin Extended Additional (Vietnamese), Greek Extended
    (0x2000, 0x2BFF, "latin"),        # punctuation, currency, letterlike, arrows, maths symbols
    (0x2600, 0x27BF, "emoji"), (0xFE00, 0xFE0F, "emoji"), (0x1F000, 0x1FAFF, "emoji"),
    (0x2C60, 0x2C7F, "latin"), (0xA720, 0xA7FF, "latin"),
], key=lambda r: (r[0], -r[1]))
_STARTS = [r[0] for r in _RANGES]


def script_of(char: str) -> str:
    """The chain tag of one non-ASCII character, or ``"all"`` for a script the table does not know."""
    code = ord(char)
    if code == 0x200C or code == 0x200D:   # joiners: part of the emoji or the script beside them
        return "emoji"
    i = bisect_right(_STARTS, code) - 1
    # Later, narrower ranges (emoji inside symbols) win over the wide range they sit in.
    best = "all"
    while i >= 0 and _RANGES[i][0] <= code:
        first, last, script = _RANGES[i]
        if code <= last:
            best = script if best == "all" or best == "latin" else best
            if script != "latin":
                break
        i -= 1
    return best


def scripts_in(text: str) -> list[str]:
    """The chain tags ``text`` needs, sorted: empty for ASCII text, ``["all"]`` among them for
    a character of an unknown script."""
    return sorted({script_of(c) for c in set(text) if ord(c) > 0x7F})
