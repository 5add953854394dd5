"""The contract between what makes problems and what grades them.

Everything both sides must agree on lives here and nowhere else: the problem-id grammar,
the answer-type names, the names and versions of the files probgen writes and reads, the
difficulties, and the tolerance and rounding policy for numbers. The problem kinds, the
generator and the grader all import it; it imports nothing of theirs, so a change to the
contract is one edit that every side sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

# ---- difficulties ---------------------------------------------------------------------

DIFFICULTIES = ("easy", "medium", "hard")
DEFAULT_DIFFICULTY = "medium"

# ---- answer types (the "type" of a key part) -----------------------------------------

ANSWER_TYPES = (
    "integer",
    "number",
    "shape",
    "vector",
    "matrix",
    "tensor",
    "expression",
    "expression-vector",
    "expression-matrix",
    "choice",
)

# ---- credit for array answers (the "credit" of a key part) ---------------------------
#
#   measured        0 for a named misconception's answer; otherwise
#                   max(0, 1 - wrong / max(2, entries - free)), where ``free`` (beside
#                   "credit" in the key) is the most entries a no-work answer gets right,
#                   and never more than the share of entries right
#   per-entry       the share of entries right (keys without "credit" grade this way)
#   all-or-nothing  full points or none

MEASURED, PER_ENTRY, ALL_OR_NOTHING = "measured", "per-entry", "all-or-nothing"
CREDIT_RULES = (MEASURED, PER_ENTRY, ALL_OR_NOTHING)
DEFAULT_CREDIT = MEASURED
#: How a part without "credit" (a key made before credit rules) is graded.
LEGACY_CREDIT = PER_ENTRY
#: The answer types graded entry by entry, which the credit rules apply to.
ARRAY_TYPES = ("vector", "matrix", "tensor", "expression-vector", "expression-matrix")

# ---- files ----------------------------------------------------------------------------

KEY_FORMAT = "probgen-key"
SUBMISSION_FORMAT = "probgen-submission"
FILE_VERSION = 1

# ---- numbers: tolerance and rounding --------------------------------------------------

#: Inexact references (floats) match within this relative tolerance ...
DEFAULT_REL_TOL = Fraction(1, 10**6)
#: ... or this absolute one, whichever is larger.
DEFAULT_ABS_TOL = Fraction(1, 10**9)
#: Moodle, which cannot check rounding, takes a decimal for a non-terminating exact reference
#: (7/9) within this share of it; probgen's grader applies the rounding rule D5 instead.
CLOSE_DECIMAL = Fraction(1, 1000)
#: D5: a decimal earns credit when it is the exact reference correctly rounded to the places it
#: gives (half-up or half-even on a tie) with at least this many significant digits.
MIN_DIGITS = 3
#: Significant digits a non-terminating exact answer is written with where a decimal is needed.
DECIMAL_SIGNIFICANT = 10

# ---- problem ids ----------------------------------------------------------------------
#
#   topic.kind@version:seed[:easy|hard]-ccc      a sampled problem (medium unless named)
#   topic.kind@version:sTOKEN[:easy|hard]-ccc    a handed-out problem: only the course secret
#                                                turns TOKEN (16 hex digits) into its seed
#   topic.kind@version:p<hash>-ccc               params given by hand (only a key can grade it)
#
# ``-ccc`` is a check on everything before it (a CRC-15 in 3 Crockford base-32 characters), so
# a typo is caught instead of grading another problem. Ids issued before the check existed
# (no ``-ccc``, never a token) still parse, and grade as they always did. Every number is
# written canonically (no leading zeros, bounded digits): one seed has one spelling.

ID_PATTERN = re.compile(
    r"^(?P<body>(?P<kind>[a-z0-9-]+\.[a-z0-9-]+)@(?P<version>0|[1-9][0-9]{0,2}):"
    r"(?:(?P<seed>0|[1-9][0-9]{0,19})(?::(?P<difficulty>[a-z]+))?"
    r"|s(?P<token>[0-9a-f]{16})(?::(?P<token_difficulty>[a-z]+))?"
    r"|p(?P<hash>[0-9a-f]{1,64})))"
    r"(?:-(?P<check>[0-9a-z]{3}))?$"
)
ID_FORM = "topic.kind@version:seed"
#: Seeds and versions an id may carry (bounded, so that reading an id never does unbounded work).
MAX_SEED = 2**64
MAX_VERSION = 1000
#: Ids echoed in messages are cut to this many characters.
ID_SHOWN = 80
NOT_ISSUED = "not an id probgen issued — check it for a typo"

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_CRC15_POLY = 0x4599  # CRC-15/CAN: x^15 + x^14 + x^10 + x^8 + x^7 + x^4 + x^3 + 1


class BadId(ValueError):
    """A text that is not a problem id probgen issued (one sentence saying why)."""


@dataclass(frozen=True)
class ParsedId:
    kind_id: str
    version: int
    seed: int | None
    difficulty: str
    params_hash: str | None
    token: str | None = None     # a handed-out id's token (its seed needs the course secret)
    checked: bool = False        # the id carries a check (issued since checks exist)


def crc15(text: str) -> int:
    """CRC-15/CAN of ``text``'s UTF-8 bytes (catches every single-character typo and every
    swap of two neighbouring characters in an id)."""
    crc = 0
    for byte in text.encode():
        crc ^= byte << 7
        for _ in range(8):
            crc = ((crc << 1) ^ _CRC15_POLY) if crc & 0x4000 else crc << 1
            crc &= 0x7FFF
    return crc


def id_check(body: str) -> str:
    """The 3-character check of an id's body: its CRC-15 in Crockford base 32, lower case."""
    value = crc15(body)
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in (10, 5, 0))


def shown_id(text: object) -> str:
    """An id (or what was given as one) as a message echoes it: printable and at most
    :data:`ID_SHOWN` characters, so that a hostile id cannot flood or steer a terminal."""
    value = "".join(c if c.isprintable() else "\ufffd" for c in str(text))
    return repr(value if len(value) <= ID_SHOWN else value[:ID_SHOWN] + "…")


def parse_id(problem_id: str) -> ParsedId:
    """The parts of a problem id; :class:`BadId` with one sentence when it is not one probgen issued.

    Refused: a wrong check, a non-canonical number (``@1:01``), a seed of ``2**64`` or more, a
    version of 1000 or more, and a handed-out id without its check.
    """
    if not isinstance(problem_id, str):
        raise BadId(f"{shown_id(problem_id)} is not a problem id of the form {ID_FORM}.")
    if len(problem_id) > 400:
        raise BadId(f"{shown_id(problem_id)} is too long to be a problem id.")
    text = problem_id.strip()
    m = ID_PATTERN.match(text)
    if not m:
        raise BadId(f"{shown_id(problem_id)} {_why_not(text)}.")
    if m["check"] is not None and m["check"] != id_check(m["body"]):
        raise BadId(f"{shown_id(problem_id)} is {NOT_ISSUED}.")
    if m["token"] is not None and m["check"] is None:
        raise BadId(f"{shown_id(problem_id)} is {NOT_ISSUED}.")
    seed = int(m["seed"]) if m["seed"] is not None else None
    if seed is not None and seed >= MAX_SEED:
        raise BadId(f"{shown_id(problem_id)} has a seed of 2**64 or more, which probgen never issues.")
    difficulty = m["difficulty"] or m["token_difficulty"] or DEFAULT_DIFFICULTY
    if difficulty not in DIFFICULTIES:
        raise BadId(f"{shown_id(problem_id)} names an unknown difficulty {difficulty!r}.")
    if (m["difficulty"] or m["token_difficulty"]) == DEFAULT_DIFFICULTY:
        raise BadId(f"{shown_id(problem_id)} is {NOT_ISSUED}.")  # medium is never written out
    return ParsedId(m["kind"], int(m["version"]), seed, difficulty, m["hash"], m["token"], m["check"] is not None)


_LOOSE_ID = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+@(\d+):(\d+|s[0-9a-f]+|p[0-9a-f]+)(:[a-z]+)?(-[0-9a-z]+)?$")


def _why_not(text: str) -> str:
    """Why ``text`` is not an id, in words: a typo-like near miss, a too-long number, or no id at all."""
    m = _LOOSE_ID.match(text)
    if not m:
        return f"is not a problem id of the form {ID_FORM}"
    version, seed = m[1], m[2]
    if len(version) > 3 and not version.startswith("0"):
        return "has a version of 1000 or more, which probgen never issues"
    if seed.isdigit() and len(seed) > 20 and not seed.startswith("0"):
        return "has a seed of 2**64 or more, which probgen never issues"
    return f"is {NOT_ISSUED}"


def _checked(body: str) -> str:
    return f"{body}-{id_check(body)}"


def format_id(kind_id: str, version: int, seed: int, difficulty: str) -> str:
    """The id of a sampled problem, with its check."""
    suffix = "" if difficulty == DEFAULT_DIFFICULTY else f":{difficulty}"
    return _checked(f"{kind_id}@{version}:{seed}{suffix}")


def handout_id(kind_id: str, version: int, token: str, difficulty: str) -> str:
    """The id of a handed-out problem: its token in place of the seed, with its check."""
    suffix = "" if difficulty == DEFAULT_DIFFICULTY else f":{difficulty}"
    return _checked(f"{kind_id}@{version}:s{token}{suffix}")


def hand_id(kind_id: str, version: int, params_hash: str) -> str:
    """The id of a problem made from params given by hand, with its check."""
    return _checked(f"{kind_id}@{version}:p{params_hash}")


def kind_of(problem_id: str) -> str:
    """The problem kind of an id: ``pooling.max-values@1:8121-x3k`` -> ``pooling.max-values``."""
    return problem_id.split("@", 1)[0]
