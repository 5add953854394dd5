"""Per-problem seeds derived by hashing, so a sheet's problems are independent of each other
and any one of them regenerates from its own id."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from typing import Any

SEED_RANGE = 100_000_000  # 8 digits keep ids short; collisions only repeat a problem


def derive_seed(*parts: Any) -> int:
    """A seed from (master seed, position) or (course seed, student, slot)."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") % SEED_RANGE


def slot_seed(seed: int, position: int, student: str | None = None) -> int:
    """The seed of the problem at ``position`` of a sheet: from (master seed, position), or on a
    student's sheet from (course seed, student id, position), so that a student's sheet does
    not depend on who else is on the roster or in which order."""
    return derive_seed(seed, position) if student is None else derive_seed(seed, student, position)


def fresh_seed() -> int:
    """A master seed for a sheet made without ``--seed`` (practice wants new problems)."""
    return secrets.randbelow(SEED_RANGE)


def params_hash(kind_id: str, version: int, params: dict[str, Any]) -> str:
    """A short stable fingerprint of hand-given params, used in place of a seed in an id."""
    blob = json.dumps([kind_id, version, params], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:10]


# ---- handed-out problems --------------------------------------------------------------
#
# A handed-out sheet's ids carry a token instead of a seed: the token is an HMAC of the
# position under the course secret, and the seed an HMAC of the token, so whoever holds a
# sheet (and its ids) but not the secret cannot make its problems, and so cannot see their
# answers. Staff, who keep the secret beside the key, regenerate them exactly.

TOKEN_HEX = 16


def handout_token(secret: bytes, seed: int, position: int, student: str | None = None) -> str:
    """The token of the problem at ``position`` of a handed-out sheet (course seed, student, slot)."""
    message = f"{seed}/{student if student is not None else ''}/{position}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:TOKEN_HEX]


def token_seed(secret: bytes, token: str) -> int:
    """The seed of a handed-out problem: only the course secret turns its token into it."""
    digest = hmac.new(secret, b"seed/" + token.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") % SEED_RANGE
