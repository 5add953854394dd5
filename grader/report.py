"""Grading whole submissions: every problem, every part, and notes about what was not graded.

One bad thing never spoils the rest: a problem that cannot be found is reported with its
message and a zero, a broken key part is reported as the key's fault, an answer to a problem
or part that does not exist is noted and skipped, and everything else is graded.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Any, Callable, Iterable, Mapping

from probgen.contract import NOT_ISSUED, BadId, parse_id, shown_id

from .compare import grade_part
from .errors import BadKey
from .results import PartResult, ProblemResult, SubmissionReport, tidy

__all__ = ["PartResult", "ProblemResult", "SubmissionReport", "grade_problem", "grade_submission",
           "lookup_in_key", "failed_report"]

Lookup = Callable[[str], Mapping[str, Any]]


def _shown(text: object, limit: int = 60) -> str:
    """Text from a submission (an id, a label) echoed in a message: short, one line, no control characters."""
    value = "".join(c if c.isprintable() else "\ufffd" for c in str(text))
    return value if len(value) <= limit else value[:limit] + "…"


def _sum(values: Iterable[float]) -> float | int:
    return tidy(sum(values))


def grade_problem(key_problem: Mapping[str, Any], answers: Any,
                  show_expected: bool = True) -> tuple[ProblemResult, list[str]]:
    """One problem's result, and notes about answers that were not graded (unknown labels).

    ``expected`` is left out where the key says not to show it (``"show_expected": false`` on
    the key, passed as ``show_expected``, or on a part)."""
    problem_id = str(key_problem.get("id", "?"))
    title = key_problem.get("title") if isinstance(key_problem.get("title"), str) else ""
    notes: list[str] = []
    if answers is None:
        answers = {}
    elif not isinstance(answers, Mapping):
        notes.append(f"answers to {_shown(problem_id)} must be an object with one answer per part; not graded.")
        answers = {}
    parts_key = key_problem.get("parts")
    if not isinstance(parts_key, list):
        return ProblemResult(problem_id, title, 0, 0, (), f"the answer key entry of {problem_id} has no parts."), notes
    results: list[PartResult] = []
    labels: set[str] = set()
    broken: list[str] = []
    for part in parts_key:
        label = part.get("label") if isinstance(part, Mapping) else None
        if isinstance(label, str):
            labels.add(label)
        try:
            result = grade_part(part, answers.get(label) if isinstance(label, str) else None)
            if not show_expected or part.get("show_expected", True) is False:
                result = replace(result, expected=None)
            results.append(result)
        except BadKey as exc:
            name = label if isinstance(label, str) else "?"
            broken.append(f"part {name}: {exc}")
            results.append(PartResult(name, 0, 0, False, f"This part cannot be graded: the answer key is broken ({exc})", None))
    for label in answers:
        if label not in labels:
            notes.append(f"answers to {_shown(problem_id)} part {_shown(label)!r}: no such part; not graded.")
    message = f"the answer key entry of {problem_id} is broken: {'; '.join(broken)}" if broken else None
    return ProblemResult(problem_id, title, _sum(r.score for r in results), _sum(r.max_score for r in results),
                         tuple(results), message), notes


def not_on_key(problem_id: str, key_ids: Iterable[str]) -> str:
    """Why an answered id is not on the key: "not on this answer key", or for an id with a typo
    that it is not one probgen issued, with the nearest id on the key (so staff can see
    which problem was meant)."""
    try:
        parse_id(problem_id)
    except BadId as exc:
        if NOT_ISSUED in str(exc):
            nearest = difflib.get_close_matches(str(problem_id)[:400], list(key_ids), n=1, cutoff=0.6)
            hint = f"; the nearest id on the key is {nearest[0]}" if nearest else ""
            return f"{NOT_ISSUED}{hint}"
    return "not on this answer key"


def _not_found(problem_id: str, exc: LookupError) -> ProblemResult:
    message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else f"{_shown(problem_id)} could not be found."
    return ProblemResult(_shown(problem_id, 80), "", 0, 0, (), message)


def _student(submission: Mapping[str, Any]) -> str | None:
    student = submission.get("student")
    if student is None or isinstance(student, bool):
        return None
    student = str(student).strip()
    return student or None


def grade_submission(submission: Mapping[str, Any], lookup: Lookup | None, source: str,
                     key_problems: list[Mapping[str, Any]] | None = None, *,
                     roster: Mapping[str, list[str]] | None = None, show_expected: bool = True) -> SubmissionReport:
    """Grade every answered problem (or, with ``key_problems``, every problem on the key).

    ``lookup(problem_id)`` returns a key problem entry or raises LookupError with a
    one-sentence message. With ``key_problems`` (grading with --key) unanswered key problems
    count towards ``max_score`` and answers to problems not on the key are noted. With a
    ``roster`` (the key's ``"students"``) only the submitting student's problems are graded.
    """
    student = _student(submission) if isinstance(submission, Mapping) else None
    answers = submission.get("answers") if isinstance(submission, Mapping) else None
    if not isinstance(answers, Mapping):
        return failed_report(source, f"{source} has no answers to grade.", student)
    problems: list[ProblemResult] = []
    messages: list[str] = []
    flags: list[str] = []

    def add(key_problem: Mapping[str, Any], answer: Any) -> None:
        result, notes = grade_problem(key_problem, answer, show_expected)
        problems.append(result)
        messages.extend(notes)

    if key_problems is None:
        if lookup is None:
            raise ValueError("grade_submission needs a lookup or key_problems")
        for problem_id, answer in answers.items():
            try:
                key_problem = lookup(problem_id)
            except LookupError as exc:
                problems.append(_not_found(problem_id, exc))
                continue
            add(key_problem, answer)
    else:
        on_key = [p for p in key_problems if isinstance(p, Mapping)]
        key_ids = {str(p.get("id")) for p in on_key}
        assigned = key_ids
        if roster:
            if student is not None and student in roster:
                assigned = {str(i) for i in roster[student]}
            else:
                who = f"student {_shown(student)!r} is" if student else "this submission names no student and is"
                messages.append(f"{who} not on the answer key's roster; only the answered problems were graded.")
                flags.append("not on roster" if student else "no student id")
                assigned = {i for i in key_ids if i in answers}
        for key_problem in on_key:
            if str(key_problem.get("id")) in assigned:
                add(key_problem, answers.get(str(key_problem.get("id"))))
        for problem_id in answers:
            if problem_id not in key_ids:
                messages.append(f"answers to {_shown(problem_id)}: {not_on_key(problem_id, key_ids)}; not graded.")
                flags.append(f"not on key: {_shown(problem_id)}")
            elif problem_id not in assigned:
                messages.append(f"answers to {_shown(problem_id)}: not assigned to student {_shown(student)}; not graded.")
                flags.append(f"not assigned: {_shown(problem_id)}")
    return SubmissionReport(source, student, _sum(p.score for p in problems), _sum(p.max_score for p in problems),
                            tuple(problems), tuple(messages), tuple(flags))


def lookup_in_key(key: Mapping[str, Any]) -> Lookup:
    """A lookup over an answer key's problems (for grading by id against a key)."""
    by_id = {p.get("id"): p for p in key.get("problems", []) if isinstance(p, Mapping)}

    def lookup(problem_id: str) -> Mapping[str, Any]:
        if problem_id not in by_id:
            raise LookupError(f"{shown_id(problem_id)} is {not_on_key(problem_id, [str(i) for i in by_id])}.")
        return by_id[problem_id]

    return lookup


def failed_report(source: str, message: str, student: str | None = None) -> SubmissionReport:
    """A report for a submission that could not be graded at all (an unusable file in a batch)."""
    return SubmissionReport(source, student, 0, 0, (), (message,))
