"""Grading a batch of submission files, in order, on one process or several.

Grading is CPU-bound Python, so a class is spread over processes rather than threads.
Each worker grades whole files and sends back the report; the parent writes reports out as
they arrive, in the order the files were given, so memory stays flat in the class size.

Without an answer key, problems are found by id through a ``lookup`` the caller passes (the
command line's rebuilds them from their ids); the grader itself never makes problems.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from . import files, report
from .errors import GradeInputError
from .report import Lookup
from .results import SubmissionReport

Outcome = SubmissionReport | str  # a report, or the one-sentence reason a file was unusable

_state: dict[str, Any] = {}


def _prepare(key: Mapping[str, Any] | None, lookup: Lookup | None) -> None:
    _state["key"] = key
    _state["lookup"] = report.lookup_in_key(key) if key else lookup


def _prepare_from_path(key_path: str | None, lookup: Lookup | None) -> None:
    """Worker set-up where processes cannot inherit the parent's memory (spawn)."""
    _prepare(files.read_key(Path(key_path)) if key_path else None, lookup)


def grade_file(path: str) -> Outcome:
    key = _state["key"]
    try:
        submission = files.read_submission(Path(path))
    except GradeInputError as exc:
        return str(exc)
    return report.grade_submission(submission, _state["lookup"], path,
                                   key_problems=key["problems"] if key else None,
                                   roster=key.get("students") if key else None,
                                   show_expected=key.get("show_expected", True) is not False if key else True)


def grade_files(paths: Sequence[Path], key: Mapping[str, Any] | None, key_path: Path | None,
                jobs: int = 1, lookup: Lookup | None = None) -> Iterator[Outcome]:
    """Each file's report (or why it is unusable), in the order of ``paths``.

    With a ``key`` every problem on it is graded; without one, ``lookup(problem_id)`` gives
    the key entry of each answered problem (a module-level function, so that spawned worker
    processes can be handed it).
    """
    _prepare(key, lookup)
    names = [str(p) for p in paths]
    if jobs <= 1 or len(names) < 2:
        for name in names:
            yield grade_file(name)
        return
    # The first file is graded here: it imports what grading needs (SymPy for expressions),
    # so forked workers inherit it instead of each importing it again.
    yield grade_file(names[0])
    names = names[1:]
    jobs = min(jobs, len(names))
    if "fork" in multiprocessing.get_all_start_methods():
        pool = multiprocessing.get_context("fork").Pool(jobs)  # workers inherit the key already read
    else:
        pool = multiprocessing.get_context("spawn").Pool(
            jobs, initializer=_prepare_from_path, initargs=(str(key_path) if key_path else None, lookup))
    chunk = max(1, min(32, len(names) // (jobs * 8)))
    with pool:
        yield from pool.imap(grade_file, names, chunksize=chunk)
