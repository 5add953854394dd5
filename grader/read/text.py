"""Text as students paste it: the clean-up every reader starts from, and quoting it back.

``normalize`` makes notation-neutral text (Unicode minus signs, odd spaces, LaTeX math-mode
wrappers); ``shown`` quotes student text in a message so that one huge or hostile answer can
neither flood nor garble a report.
"""

from __future__ import annotations

import re
import reprlib
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..errors import Unreadable

_MINUSES = "\u2212\u2012\u2013\u2014\ufe63\uff0d"
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"  # zero-width marks pasted with text
_PLAIN = str.maketrans({**dict.fromkeys(_MINUSES, "-"), **dict.fromkeys(_SPACES, " "), **dict.fromkeys(_INVISIBLE)})
_STYLE = re.compile(r"\\(?:displaystyle|textstyle)\b")
_THIN_SPACE = re.compile(r"(?<!\\)\\[,;: ]")
_NO_SPACE = re.compile(r"(?<!\\)\\!")
_WRAPPERS = (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]"))


def printable(ch: str) -> bool:
    """False for control, format (bidi overrides, zero-width), surrogate and unassigned characters."""
    return unicodedata.category(ch)[0] != "C" or ch in "\t\n\r"


class _ShortRepr(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 200:  # repr of a huge int is slow, and refused above 4,300 digits
            return f"<an integer of about {int(x.bit_length() * 0.30103) + 1:,} digits>"
        return super().repr_int(x, level)

    def repr_Decimal(self, x: Decimal, level: int) -> str:  # as written in the JSON: 0.3330
        text = str(x)
        return text if len(text) <= self.maxother else text[: self.maxother] + "..."

    def repr_Fraction(self, x: Fraction, level: int) -> str:
        return self.repr_Decimal(x, level)  # type: ignore[arg-type]

    def repr_bool(self, x: bool, level: int) -> str:
        return "true" if x else "false"  # as JSON writes it

    def repr_NoneType(self, x: None, level: int) -> str:
        return "null"


_SHORT_REPR = _ShortRepr()
_SHORT_REPR.maxlevel, _SHORT_REPR.maxlist, _SHORT_REPR.maxtuple, _SHORT_REPR.maxdict = 3, 8, 8, 4
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = _SHORT_REPR.maxlong = 60


def shown(text: Any, width: int = 40) -> str:
    """Student text quoted in a message: cut so one huge answer cannot flood a report, and with
    control characters (terminal escapes, NUL, bidi overrides) replaced by U+FFFD so it cannot
    garble one, yet the reader sees that something invisible was there.
    """
    if not isinstance(text, str):
        text = _SHORT_REPR.repr(text)  # bounded: a list of a million entries is not printed whole
    if len(text) > 20 * width:
        text = text[: 20 * width]
    text = "".join(ch if printable(ch) else "\ufffd" for ch in text)
    text = " ".join(text.split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "\u2026"
    quote = '"' if "'" in text and '"' not in text else "'"
    return quote + text + quote


def drop_sizing(text: str, *, null_delimiters: bool = False) -> str:
    """LaTeX sizing commands dropped, so ``\\left( x \\right)`` and ``\\bigl[`` are plain brackets.

    ``null_delimiters`` drops the dot of ``\\left.`` too, as the array readers do; the
    expression reader keeps it, and refuses it as a stray character.
    """
    text = re.sub(r"\\(?:left|right)\b\s*\.?" if null_delimiters else r"\\(?:left|right)\b\s*", "", text)
    return re.sub(r"\\[bB]igg?[lr]?\b", "", text)


def check_length(text: str, limit: int, *, limit_of: str = "", how: str = "") -> None:
    """Refuse text over ``limit`` characters before any work is done on it, saying the limit
    (``limit_of``: whose limit, `` for an expression``) and ``how`` to write the answer."""
    if len(text) > limit:
        raise Unreadable(f"this answer is {len(text):,} characters long; the limit{limit_of} is {limit:,}"
                         + (f"; {how}." if how else "."))


def empty(value: Any) -> bool:
    """No answer: null or blank text (one value; a list of them is blank too, see ``compare``)."""
    return value is None or (isinstance(value, str) and not value.strip())


def normalize(text: str) -> str:
    """The notation-neutral clean-up every reader starts from.

    Unicode minus signs become ``-``, odd spaces become spaces, and math-mode wrappers
    (``$...$``, ``\\(...\\)``) that people paste from LaTeX are dropped.
    """
    text = text.translate(_PLAIN).strip()  # one pass, where a replace per character was twenty
    changed = True
    while changed:
        changed = False
        for left, right in _WRAPPERS:
            if len(text) >= len(left) + len(right) and text.startswith(left) and text.endswith(right):
                text = text[len(left): len(text) - len(right)].strip()
                changed = True
                break
    if "\\" not in text:  # most answers: no LaTeX spacing to look for
        return text.replace("{,}", ",").strip()
    text = _STYLE.sub("", text).replace("{,}", ",")
    return _NO_SPACE.sub("", _THIN_SPACE.sub(" ", text)).strip()

