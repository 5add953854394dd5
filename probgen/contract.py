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
#   topic.kind@version:seed              a sampled problem of difficulty medium
#   topic.kind@version:seed:easy|hard    a sampled problem of another difficulty
#   topic.kind@version:p<hash>           params given by hand (only a key can grade it)

ID_PATTERN = re.compile(
    r"^(?P<kind>[a-z0-9-]+\.[a-z0-9-]+)@(?P<version>\d+):"
    r"(?:(?P<seed>\d+)(?::(?P<difficulty>[a-z]+))?|p(?P<hash>[0-9a-f]+))$"
)
ID_FORM = "topic.kind@version:seed"


class BadId(ValueError):
    """A problem id that is not of the form ``topic.kind@version:seed``."""


@dataclass(frozen=True)
class ParsedId:
    kind_id: str
    version: int
    seed: int | None
    difficulty: str
    params_hash: str | None


def parse_id(problem_id: str) -> ParsedId:
    """The parts of a problem id; :class:`BadId` with one sentence when it is not one."""
    m = ID_PATTERN.match(problem_id.strip()) if isinstance(problem_id, str) else None
    if not m:
        shown = repr(problem_id if not isinstance(problem_id, str) or len(problem_id) <= 60 else problem_id[:60] + "…")
        raise BadId(f"{shown} is not a problem id of the form {ID_FORM}.")
    difficulty = m["difficulty"] or DEFAULT_DIFFICULTY
    if difficulty not in DIFFICULTIES:
        raise BadId(f"{problem_id!r} names an unknown difficulty {difficulty!r}.")
    return ParsedId(m["kind"], int(m["version"]), int(m["seed"]) if m["seed"] else None, difficulty, m["hash"])


def format_id(kind_id: str, version: int, seed: int, difficulty: str) -> str:
    """The id of a sampled problem."""
    suffix = "" if difficulty == DEFAULT_DIFFICULTY else f":{difficulty}"
    return f"{kind_id}@{version}:{seed}{suffix}"


def hand_id(kind_id: str, version: int, params_hash: str) -> str:
    """The id of a problem made from params given by hand."""
    return f"{kind_id}@{version}:p{params_hash}"


def kind_of(problem_id: str) -> str:
    """The problem kind of an id: ``pooling.max-values@1:8121`` -> ``pooling.max-values``."""
    return problem_id.split("@", 1)[0]
