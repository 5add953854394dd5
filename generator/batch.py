"""Grading a batch of submission files, in order, on one process or several.

Grading is CPU-bound Python, so a class is spread over processes rather than threads.
Each worker grades whole files and sends back the report; the parent writes reports out as
they arrive, in the order the files were given, so memory stays flat in the class size.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from probgen.grader import files, report
from probgen.grader.errors import GradeInputError
from probgen.grader.results import SubmissionReport
from probgen.problems.model import ParamError

from . import registry

Outcome = SubmissionReport | str  # a report, or the one-sentence reason a file was unusable

_state: dict[str, Any] = {}


def regenerate(problem_id: str) -> Mapping[str, Any]:
    """The key entry of a problem rebuilt from its id (practice grading, no key file)."""
    from . import keyfile
    from .instances import BadId, from_id

    try:
        return keyfile.key_problem(from_id(problem_id))
    except (BadId, registry.UnknownKind) as exc:
        raise LookupError(str(exc)) from None
    except ParamError as exc:
        raise LookupError(f"{problem_id} cannot be regenerated: {exc}") from None


def _lookup_in(key: Mapping[str, Any]) -> Callable[[str], Mapping[str, Any]]:
    by_id = {p["id"]: p for p in key["problems"]}

    def lookup(problem_id: str) -> Mapping[str, Any]:
        if problem_id not in by_id:
            raise LookupError(f"{problem_id} is not on the answer key.")
        return by_id[problem_id]

    return lookup


def _prepare(key: Mapping[str, Any] | None) -> None:
    _state["key"] = key
    _state["lookup"] = _lookup_in(key) if key else regenerate


def _prepare_from_path(key_path: str | None) -> None:
    """Worker set-up where processes cannot inherit the parent's memory (spawn)."""
    _prepare(files.read_key(Path(key_path)) if key_path else None)


def grade_file(path: str) -> Outcome:
    key = _state["key"]
    try:
        submission = files.read_submission(Path(path))
    except GradeInputError as exc:
        return str(exc)
    return report.grade_submission(submission, _state["lookup"], path,
                                   key_problems=key["problems"] if key else None,
                                   roster=key.get("students") if key else None)


def grade_files(paths: Sequence[Path], key: Mapping[str, Any] | None, key_path: Path | None,
                jobs: int = 1) -> Iterator[Outcome]:
    """Each file's report (or why it is unusable), in the order of ``paths``."""
    _prepare(key)
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
            jobs, initializer=_prepare_from_path, initargs=(str(key_path) if key_path else None,))
    chunk = max(1, min(32, len(names) // (jobs * 8)))
    with pool:
        yield from pool.imap(grade_file, names, chunksize=chunk)
