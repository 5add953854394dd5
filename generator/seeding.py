"""Per-problem seeds derived by hashing, so a sheet's problems are independent of each other
and any one of them regenerates from its own id."""

from __future__ import annotations

import hashlib
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
