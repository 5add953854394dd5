"""Progress on the practice page: every check kept in a small SQLite file, summed up per kind.

One row per check (when, which problem, its kind and topic, the score), so the summary can
be recomputed any way later; the file lives in the user's data folder unless ``--db`` names
another. One connection is kept open for the server's life, behind a lock: in WAL mode the
last connection to close checkpoints and flushes the file, which a connection per check
would pay every time (20 ms here). WAL with ``synchronous=NORMAL`` keeps a check's commit
off the disk's flush (a crash may lose the last check, never the file).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from probgen.contract import kind_of

FILE_NAME = "practice.sqlite3"
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,          -- UTC, ISO 8601
    problem TEXT NOT NULL,     -- the problem id
    kind TEXT NOT NULL,        -- its kind id (topic.kind)
    score REAL NOT NULL,
    max_score REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS checks_kind ON checks (kind);
"""


class StoreError(Exception):
    """The progress file cannot be used; the message is one sentence naming it."""


def default_path() -> Path:
    """``practice.sqlite3`` in the user's data folder (platformdirs: XDG on Linux, the
    platform's own place on macOS and Windows)."""
    from platformdirs import user_data_path

    return user_data_path("probgen", appauthor=False) / FILE_NAME


@dataclass(frozen=True)
class KindProgress:
    """How practising one kind went: problems tried and fully solved, checks, mean best share."""

    kind: str
    problems: int
    solved: int
    checks: int
    best_share: float          # mean over problems of the best score / max score, 0..1

    @property
    def topic(self) -> str:
        return self.kind.split(".", 1)[0]


@dataclass(frozen=True)
class TopicProgress:
    topic: str
    kinds: tuple[KindProgress, ...]

    @property
    def problems(self) -> int:
        return sum(k.problems for k in self.kinds)

    @property
    def solved(self) -> int:
        return sum(k.solved for k in self.kinds)

    @property
    def checks(self) -> int:
        return sum(k.checks for k in self.kinds)

    @property
    def best_share(self) -> float:
        return sum(k.best_share * k.problems for k in self.kinds) / self.problems if self.problems else 0.0


class Store:
    """The progress file at ``path``, created (with its folder) on first use; :meth:`close` it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
            with self._db as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StoreError(f"{self.path} was written by a newer probgen (progress format {version}); "
                                     "upgrade probgen or choose another file with --db.")
                db.executescript(_SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot keep progress in {self.path} ({exc}); choose another file with --db.") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def record(self, problem_id: str, score: float, max_score: float) -> None:
        """Keep one check of ``problem_id``."""
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock, self._db as db:
            db.execute("INSERT INTO checks (at, problem, kind, score, max_score) VALUES (?, ?, ?, ?, ?)",
                       (at, problem_id, kind_of(problem_id), float(score), float(max_score)))

    def summary(self) -> tuple[TopicProgress, ...]:
        """Progress per topic and kind, topics and kinds in alphabetical order."""
        query = """
            SELECT kind, COUNT(*), SUM(best >= max_score AND max_score > 0),
                   SUM(checks), AVG(CASE WHEN max_score > 0 THEN best / max_score ELSE 0 END)
            FROM (SELECT kind, problem, MAX(score) AS best, MAX(max_score) AS max_score, COUNT(*) AS checks
                  FROM checks GROUP BY kind, problem)
            GROUP BY kind ORDER BY kind"""
        with self._lock:
            rows = self._db.execute(query).fetchall()
        kinds = [KindProgress(kind, problems, int(solved or 0), int(checks), float(share or 0))
                 for kind, problems, solved, checks, share in rows]
        topics: dict[str, list[KindProgress]] = {}
        for kind in kinds:
            topics.setdefault(kind.topic, []).append(kind)
        return tuple(TopicProgress(topic, tuple(found)) for topic, found in topics.items())
