"""The tokens of a typed expression, read against a whitelist.

Text is first made plain (``prepare``: LaTeX sizing commands dropped, ``\\cdot`` and ``·``
made ``*``, superscript digits made powers, subscripts joined to their names), then cut into
tokens (``tokenize``): numbers, the part's declared names, ``+ - * / ^ **``, brackets and
``\\frac``. Anything else is refused with a :class:`Bad` saying what is not allowed, so no
student text reaches anything that could run it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from ..errors import BadKey
from .bounds import EXPONENT_DIGITS
from .literals import MAX_DIGITS, parse_decimal
from .text import drop_sizing, normalize, shown

_LETTERS = "A-Za-z\u0391-\u03a9\u03b1-\u03c9"
_IDENT = re.compile(rf"[{_LETTERS}][{_LETTERS}0-9]*")
_DECLARED = re.compile(rf"[{_LETTERS}][{_LETTERS}0-9_{{}}]*")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?:\d+\.?\d*|\.\d+)")
_EXPONENT = re.compile(rf"[eE][+-]?\d{{1,{EXPONENT_DIGITS}}}")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


class Bad(Exception):
    """A problem found while reading; read_expression turns it into an Unreadable.

    ``names_given`` marks messages that already list the allowed names.
    """

    def __init__(self, message: str, names_given: bool = False) -> None:
        super().__init__(message)
        self.names_given = names_given


def _char(ch: str) -> str:
    """One character for a message: quoted when it prints, else its code (``U+202E``)."""
    if unicodedata.category(ch)[0] == "C":
        return f"U+{ord(ch):04X} (an invisible control character)"
    return repr(ch)


def canonical(name: str) -> str:
    """A declared name as it is matched: ``k_1``, ``k_{1}`` and ``k1`` are the same name."""
    return re.sub(r"[_{}\s]", "", name)


def names_in(text: str) -> tuple[str, ...]:
    """The identifiers in a key's expression text, for parts that declare no ``symbols``."""
    found: list[str] = []
    for name in re.findall(r"(?<![0-9.])[A-Za-z_][A-Za-z0-9_]*", text):
        if name not in found:
            found.append(name)
    return tuple(found)


@dataclass(frozen=True)
class Token:
    kind: str  # num, name, op, open, close, frac
    text: str
    value: Any = None


class Names:
    """The declared symbols, matched by canonical spelling; splits ``k1x1`` into ``k1 x1``."""

    def __init__(self, declared: Sequence[str]) -> None:
        self.by_canonical: dict[str, str] = {}
        for name in declared:
            if not isinstance(name, str) or not _DECLARED.fullmatch(name):
                raise BadKey(f"{name!r} cannot be a symbol name.")
            key = canonical(name)
            if key in self.by_canonical and self.by_canonical[key] != name:
                raise BadKey(f"the symbol names {self.by_canonical[key]!r} and {name!r} are the same name.")
            self.by_canonical[key] = name
        self.longest = max((len(k) for k in self.by_canonical), default=0)
        self.no_exponent_e = any(k[0] in "eE" for k in self.by_canonical)

    def listing(self) -> str:
        return ", ".join(sorted(self.by_canonical))

    def split(self, run: str) -> list[str]:
        """``run`` as a product of declared names, longest names first; Bad when impossible."""
        n = len(run)
        best: list[int | None] = [None] * (n + 1)
        best[n] = 0
        for i in range(n - 1, -1, -1):
            for length in range(min(self.longest, n - i), 0, -1):
                if best[i + length] is not None and run[i:i + length] in self.by_canonical:
                    best[i] = length
                    break
        if best[0] is None:
            raise Bad(self._unknown(run), names_given=True)
        pieces, i = [], 0
        while i < n:
            length = best[i]
            assert length
            pieces.append(self.by_canonical[run[i:i + length]])
            i += length
        return pieces

    def _unknown(self, run: str) -> str:
        if not self.by_canonical:
            return f"unknown name {shown(run, 30)}; this answer has no symbols, only numbers"
        near = [k for k in self.by_canonical if k.lower() == run.lower()]
        hint = f" (did you mean {near[0]}?)" if near else ""
        return f"unknown name {shown(run, 30)}{hint}; the names allowed are {self.listing()} (case matters)"


def prepare(text: str, times: bool = False) -> str:
    text = normalize(text)
    text = drop_sizing(text)
    text = re.sub(r"\\[dt]frac\b", r"\\frac", text)
    text = re.sub(r"\\frac\s*(\d|[A-Za-z])\s*(\d|[A-Za-z])", r"\\frac{\1}{\2}", text)
    text = re.sub(r"\\frac\s*(\{[^{}]*\})\s*(\d|[A-Za-z])", r"\\frac\1{\2}", text)
    text = re.sub(r"\\frac\s*(\d|[A-Za-z])\s*\{", r"\\frac{\1}{", text)
    text = re.sub(r"\\(?:cdot|ast)\b|[·⋅∙]", "*", text)
    text = re.sub(r"(?:\\times\b|×)(?=\s*10\s*(?:\^|\*\*))" if not times else r"\\times\b|×", "*", text)
    if re.search(r"\\times\b|×", text):
        raise Bad("use * or · to multiply in an expression (× is for shapes)")
    text = re.sub(r"([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "^(" + m[1].translate(_SUPERSCRIPTS) + ")", text)
    text = re.sub(r"_\s*\{\s*([A-Za-z0-9]+)\s*\}", r"\1", text)
    text = re.sub(r"_\s*([0-9]+|[A-Za-z])", r"\1", text)
    return text


def tokenize(text: str, names: Names) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        m = _NUMBER.match(text, i) if ch.isdigit() or ch == "." else None  # not ①: isdigit, but no \d
        if m:
            literal, i = m.group(), m.end()
            e = _EXPONENT.match(text, i)
            if e and not names.no_exponent_e:
                literal, i = literal + e.group(), e.end()
            if literal.isdigit() and len(literal) <= MAX_DIGITS:
                tokens.append(Token("num", literal, Fraction(int(literal))))  # the common case, fast
                continue
            number = parse_decimal(literal)
            if number is None:  # pragma: no cover - the pattern only matches literals
                raise Bad(f"could not read the number {literal!r}")
            tokens.append(Token("num", literal, number.value))
            continue
        m = _IDENT.match(text, i)
        if m:
            for name in names.split(m.group()):
                tokens.append(Token("name", name, name))
            i = m.end()
            continue
        if ch == "\\":
            m = _COMMAND.match(text, i)
            if not m:
                raise Bad(f"unexpected {shown(text[i:i + 2])}")
            command = m[1]
            if command == "frac":
                tokens.append(Token("frac", "\\frac"))
            elif command in names.by_canonical:
                tokens.append(Token("name", "\\" + command, names.by_canonical[command]))
            else:
                raise Bad(f"\\{command} is not allowed here")
            i = m.end()
            continue
        if text.startswith("**", i):
            tokens.append(Token("op", "^"))
            i += 2
            continue
        if ch in "+-*/^":
            tokens.append(Token("op", ch))
        elif ch in "([{":
            tokens.append(Token("open", ch))
        elif ch in ")]}":
            tokens.append(Token("close", ch))
        elif ch == ",":
            raise Bad("a comma is not allowed in one expression (commas group thousands only: 1,234)")
        else:
            raise Bad(f"the character {_char(ch)} is not allowed")
        i += 1
    return tokens
