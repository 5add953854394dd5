"""Answer keys and blank submissions as JSON data (the file formats of DESIGN.md).

A key entry holds everything needed to grade without regenerating: params, every part's
type, points, options, reference answer, and the answers of the kind's misconceptions.
Exact values stay exact: rationals are written ``"7/4"``, expressions as strings the
grader's parser reads back (each answer type's ``to_json`` form, ``probgen/grader/types/``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from probgen.contract import DEFAULT_CREDIT, FILE_VERSION, KEY_FORMAT, SUBMISSION_FORMAT
from probgen.grader.types import TYPES

from .credit import part_credit

if TYPE_CHECKING:  # pragma: no cover
    from .instances import Instance

#: What ``make --format`` calls the answer key with each problem's statement: a sheet as JSON data.
JSON_SHEET = "json"


def answer_json(value: Any, type_: str) -> Any:
    """An answer value of answer type ``type_`` as JSON data."""
    return TYPES[type_].to_json(value)


def key_problem(instance: Instance, credit: str = DEFAULT_CREDIT) -> dict[str, Any]:
    """A problem's key entry; its array parts are graded by the ``credit`` rule (see :mod:`.credit`)."""
    parts = []
    for part in instance.parts:
        entry: dict[str, Any] = {
            "label": part.label,
            "type": part.type,
            "prompt": part.prompt,
            "answer": answer_json(instance.answers[part.label], part.type),
            "points": part.points,
        }
        entry.update(part_credit(part.type, instance.answers[part.label], instance.params, credit))
        if part.options:
            entry["options"] = dict(part.options)
        wrong = [
            {"name": m.name, "feedback": m.feedback, "answer": answer_json(answers[part.label], part.type)}
            for m, answers in instance.wrong
            if part.label in answers
        ]
        if wrong:
            entry["misconceptions"] = wrong
        parts.append(entry)
    return {
        "id": instance.id,
        "template": instance.kind.id,
        "version": instance.kind.version,
        "title": instance.kind.title,
        "params": instance.params,
        "parts": parts,
    }


def answer_key(instances: list[Instance], *, title: str | None = None, seed: int | None = None) -> dict[str, Any]:
    return answer_key_of([key_problem(i) for i in instances], title=title, seed=seed)


def answer_key_of(problems: list[dict[str, Any]], *, title: str | None = None, seed: int | None = None,
                  topics: Mapping[str, int] | None = None) -> dict[str, Any]:
    """A key from problem entries already made (possibly on other processes).

    ``topics`` records the version of each topic the sheet's kinds were chosen by (``--topic
    T@V`` makes the same sheet again after the topic has grown).
    """
    key: dict[str, Any] = {"format": KEY_FORMAT, "version": FILE_VERSION}
    # Reports graded with this key show each part's expected answer; staff who send students
    # their reports as feedback may set it to false (a part may say so too).
    key["show_expected"] = True
    if title:
        key["title"] = title
    if seed is not None:
        key["seed"] = seed
    if topics:
        key["topics"] = dict(topics)
    key["problems"] = list(problems)
    return key


def blank_submission(instances: list[Instance], student: str = "") -> dict[str, Any]:
    return blank_submission_of([(i.id, tuple(p.label for p in i.parts)) for i in instances], student)


def blank_submission_of(problems: list[tuple[str, tuple[str, ...]]], student: str = "") -> dict[str, Any]:
    """A blank submission from (problem id, part labels) pairs."""
    return {
        "format": SUBMISSION_FORMAT,
        "version": FILE_VERSION,
        "student": student,
        "answers": {problem_id: {label: "" for label in labels} for problem_id, labels in problems},
    }
