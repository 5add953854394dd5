"""Grading a batch of submission files, in order, on one process or several.

Grading is CPU-bound Python, so a class is spread over processes rather than threads.
Each worker grades whole files and sends back the report; the parent writes reports out as
they arrive, in the order the files were given, so memory stays flat in the class size.

Without an answer key, problems are found by id through a ``lookup`` the caller passes (the
command line's rebuilds them from their ids); the grader itself never makes problems. Each
process remembers the last ``CACHED`` problems it found (a class answering one sheet rebuilds
each problem once) and rebuilds at most ``MAX_REBUILT`` per run, so a batch of valid ids
cannot keep a run busy for hours; past that, problems get a sentence asking for the key.

Memory: a file larger than ``LARGE_FILE`` is graded by the parent process, one at a time,
while the workers grade the small ones, so ``--jobs`` does not multiply the memory a large
submission takes. Workers ignore Ctrl-C; the parent stops them, so an interrupted run prints
no worker tracebacks.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from . import files, report
from .errors import GradeInputError
from .read.text import shown
from .report import Lookup
from .results import SubmissionReport

Outcome = SubmissionReport | str  # a report, or the one-sentence reason a file was unusable

MAX_REBUILT = 2_000  # problems found by id without a key, per run
CACHED = 512  # problems found by id that each process remembers
LARGE_FILE = 1_000_000  # bytes: larger submissions are graded by the parent, one at a time

_state: dict[str, Any] = {}


class _Count:
    """A count kept in one process, shaped like ``multiprocessing.Value`` (which is shared)."""

    def __init__(self) -> None:
        self.value = 0

    def get_lock(self) -> contextlib.nullcontext[None]:
        return contextlib.nullcontext()


class Rebuilt:
    """The caller's lookup with a memory of the last ``CACHED`` answers (problems and
    LookupError messages alike, so unknown ids cannot grow it either) and a budget of
    ``limit`` calls to the caller's lookup, counted in ``used`` (shared by every process of
    a run, so the budget does not depend on ``--jobs``)."""

    def __init__(self, lookup: Lookup, limit: int | None = None, used: Any = None) -> None:
        self.lookup = lookup
        self.limit = MAX_REBUILT if limit is None else limit
        self.used = used if used is not None else _Count()
        self.found: OrderedDict[str, Mapping[str, Any] | str] = OrderedDict()

    def _take(self) -> bool:
        with self.used.get_lock():
            if self.used.value >= self.limit:
                return False
            self.used.value += 1
            return True

    def _find(self, problem_id: str) -> Mapping[str, Any] | str:
        if not self._take():
            return (f"{shown(problem_id, 80)} was not graded: this run has already found {self.limit:,} "
                    "problems from their ids; grade with --key to grade more.")  # not remembered: no work done
        try:
            found = self.lookup(problem_id)
        except LookupError as exc:
            found = exc.args[0] if exc.args and isinstance(exc.args[0], str) else \
                f"{shown(problem_id, 80)} could not be found."
        except GradeInputError:
            raise  # the lookup refuses the whole file (a handed-out id without the course secret)
        except Exception as exc:  # a bug of the caller's: it costs this problem, not the batch
            found = (f"{shown(problem_id, 80)} could not be made from its id (internal error: "
                     f"{type(exc).__name__}); grade it with --key, and please report it.")
        self.found[problem_id] = found
        if len(self.found) > CACHED:
            self.found.popitem(last=False)
        return found

    def __call__(self, problem_id: str) -> Mapping[str, Any]:
        found = self.found.get(problem_id)
        if found is None:
            found = self._find(problem_id)
        else:
            self.found.move_to_end(problem_id)
        if isinstance(found, str):
            raise LookupError(found)
        return found


def _prepare(key: Mapping[str, Any] | None, lookup: Lookup | None, used: Any = None) -> None:
    """This process's key and lookup; ``used`` counts the problems every process found by id."""
    _state["key"] = key
    _state["lookup"] = report.lookup_in_key(key) if key else (
        Rebuilt(lookup, used=used) if lookup is not None else None)


def _quiet_worker() -> None:
    """Ctrl-C reaches every process of the terminal; the parent alone answers it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C ignored for the moment the pool forks (only the main thread may set handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _prepare_worker(used: Any) -> None:
    _quiet_worker()
    _prepare(_state["key"], _state["caller"], used)


def _prepare_from_path(key_path: str | None, lookup: Lookup | None, used: Any = None) -> None:
    """Worker set-up where processes cannot inherit the parent's memory (spawn)."""
    _quiet_worker()
    _prepare(files.read_key(Path(key_path)) if key_path else None, lookup, used)


def _large(name: str) -> bool:
    try:
        return os.stat(name).st_size > LARGE_FILE
    except (OSError, ValueError):
        return False


def grade_file(path: str) -> Outcome:
    """One file's report, or the sentence saying why it could not be graded; never raises for
    anything in the file, so one file cannot stop a batch."""
    key = _state["key"]
    try:
        submission = files.read_submission(Path(path))
        return report.grade_submission(submission, _state["lookup"], path,
                                       key_problems=key["problems"] if key else None,
                                       roster=key.get("students") if key else None,
                                       show_expected=key.get("show_expected", True) is not False if key else True)
    except GradeInputError as exc:
        return str(exc)
    except RecursionError:
        return f"{path} is nested too deeply to grade."
    except Exception as exc:  # a bug of ours: this file is reported, the others are graded
        return f"{path} could not be graded (internal error: {type(exc).__name__}); please report it."


def grade_files(paths: Sequence[Path], key: Mapping[str, Any] | None, key_path: Path | None,
                jobs: int = 1, lookup: Lookup | None = None) -> Iterator[Outcome]:
    """Each file's report (or why it is unusable), in the order of ``paths``.

    With a ``key`` every problem on it is graded; without one, ``lookup(problem_id)`` gives
    the key entry of each answered problem (a module-level function, so that spawned worker
    processes can be handed it).
    """
    _state["caller"] = lookup
    names = [str(p) for p in paths]
    if jobs <= 1 or len(names) < 2:
        _prepare(key, lookup)
        for name in names:
            yield grade_file(name)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    used = context.Value("q", 0) if key is None else None
    _prepare(key, lookup, used)
    # The first file is graded here: it imports what grading needs (SymPy for expressions),
    # so forked workers inherit it instead of each importing it again.
    yield grade_file(names[0])
    names = names[1:]
    large = [_large(name) for name in names]
    small = [name for name, big in zip(names, large) if not big]
    if not small:
        for name in names:
            yield grade_file(name)
        return
    jobs = min(jobs, len(small))
    with _sigint_ignored():  # forked workers start with Ctrl-C ignored, before their set-up runs
        if context.get_start_method() == "fork":  # workers inherit the key already read
            pool = context.Pool(jobs, initializer=_prepare_worker, initargs=(used,))
        else:
            pool = context.Pool(jobs, initializer=_prepare_from_path,
                                initargs=(str(key_path) if key_path else None, lookup, used))
    chunk = max(1, min(32, len(small) // (jobs * 8)))
    with pool:
        graded = pool.imap(grade_file, small, chunksize=chunk)
        for name, big in zip(names, large):  # in the order given: large files are graded here
            yield grade_file(name) if big else next(graded)
