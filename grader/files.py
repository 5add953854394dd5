"""Reading submission and answer-key files, with one plain sentence for every way they fail.

Everything that makes a file unusable becomes a :class:`GradeInputError` naming the file, so
the command line can print it and go on with the next file of a batch. What is wrong inside
one answer is not a file error: the grader scores it 0 with a message instead.

Numbers in submissions are parsed as :class:`decimal.Decimal`, so the digits a student wrote
(``0.3330``) are kept exactly; keys keep JSON floats as floats (computed values).
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any, Callable

from .compare import ANSWER_TYPES
from .errors import GradeInputError

KEY_FORMAT = "probgen-key"
SUBMISSION_FORMAT = "probgen-submission"
FILE_VERSION = 1
MAX_BYTES = 50_000_000

_KINDS = {KEY_FORMAT: "an answer key", SUBMISSION_FORMAT: "a submission"}


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def parse_json(text: str, name: str, *, parse_float: Callable[[str], Any] = float) -> Any:
    """JSON text into data; GradeInputError for invalid JSON, NaN/Infinity or absurd nesting."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise GradeInputError(f"{name} is empty.")
    try:
        return json.loads(text, parse_constant=_no_constants, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        raise GradeInputError(f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}).") from None
    except RecursionError:
        raise GradeInputError(f"{name} is nested too deeply to read.") from None
    except ValueError as exc:
        if "is not a number JSON allows" in str(exc):
            raise GradeInputError(f"{name} holds {str(exc).split(' is ')[0]}, which is not valid JSON; "
                                  "write numbers as digits.") from None
        raise GradeInputError(f"{name} holds a number too long to read.") from None


def read_text(path: str | os.PathLike[str]) -> str:
    """A file's text (UTF-8, BOM allowed); GradeInputError when it cannot be read."""
    name = os.fspath(path)
    try:
        if os.path.isdir(name):
            raise GradeInputError(f"{name} is a directory, not a file.")
        if os.path.getsize(name) > MAX_BYTES:
            raise GradeInputError(f"{name} is larger than {MAX_BYTES // 1_000_000} MB.")
        with open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise GradeInputError(f"{name} does not exist.") from None
    except PermissionError:
        raise GradeInputError(f"{name} cannot be read (permission denied).") from None
    except OSError as exc:
        raise GradeInputError(f"{name} cannot be read ({exc.strerror or exc}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GradeInputError(f"{name} is not UTF-8 text.") from None


def _check_format(data: Any, name: str, wanted: str) -> None:
    what = _KINDS[wanted]
    if not isinstance(data, dict):
        raise GradeInputError(f"{name} is not {what}: it holds {_type_name(data)}, not a JSON object.")
    fmt = data.get("format")
    if fmt in _KINDS and fmt != wanted:
        hint = "; give it with --key" if fmt == KEY_FORMAT else ""
        raise GradeInputError(f"{name} is {_KINDS[fmt]}, not {what}{hint}.")
    if fmt is None and wanted == SUBMISSION_FORMAT and "answers" in data:
        return  # a hand-written submission without the header is still clear enough
    if fmt != wanted:
        shown = f"\"format\": {json.dumps(fmt)}" if fmt is not None else "no \"format\""
        raise GradeInputError(f"{name} is not {what}: it has {shown} instead of \"format\": \"{wanted}\".")
    version = data.get("version", FILE_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise GradeInputError(f"{name} has a \"version\" that is not a whole number.")
    if version > FILE_VERSION:
        raise GradeInputError(f"{name} is version {version} of the {what[2:] if what.startswith('a ') else what[3:]} "
                              f"format; this probgen reads version {FILE_VERSION}.")


def check_submission(data: Any, name: str) -> dict[str, Any]:
    """Validate submission data (already parsed); return it."""
    _check_format(data, name, SUBMISSION_FORMAT)
    if "answers" not in data:
        raise GradeInputError(f"{name} has no \"answers\".")
    if not isinstance(data["answers"], dict):
        raise GradeInputError(f"\"answers\" in {name} must be an object mapping problem ids to answers, "
                              f"not {_type_name(data['answers'])}.")
    student = data.get("student")
    if student is not None and not isinstance(student, (str, int)) or isinstance(student, bool):
        raise GradeInputError(f"\"student\" in {name} must be a string.")
    return data


def check_key(data: Any, name: str) -> dict[str, Any]:
    """Validate answer-key data (already parsed); return it."""
    _check_format(data, name, KEY_FORMAT)
    problems = data.get("problems")
    if not isinstance(problems, list):
        raise GradeInputError(f"{name} has no \"problems\" list.")
    seen: set[str] = set()
    for n, problem in enumerate(problems, 1):
        if not isinstance(problem, dict) or not isinstance(problem.get("id"), str):
            raise GradeInputError(f"problem {n} in {name} has no \"id\".")
        pid = problem["id"]
        if pid in seen:
            raise GradeInputError(f"{name} lists problem {pid} twice.")
        seen.add(pid)
        parts = problem.get("parts")
        if not isinstance(parts, list) or not parts:
            raise GradeInputError(f"problem {pid} in {name} has no \"parts\".")
        labels: set[str] = set()
        for part in parts:
            if not isinstance(part, dict) or not isinstance(part.get("label"), str):
                raise GradeInputError(f"a part of problem {pid} in {name} has no \"label\".")
            label = part["label"]
            if label in labels:
                raise GradeInputError(f"problem {pid} in {name} has two parts labelled {label!r}.")
            labels.add(label)
            if part.get("type") not in ANSWER_TYPES:
                raise GradeInputError(f"part {label} of problem {pid} in {name} has unknown answer type "
                                      f"{json.dumps(part.get('type'))}.")
            if "answer" not in part:
                raise GradeInputError(f"part {label} of problem {pid} in {name} has no \"answer\".")
    students = data.get("students")
    if students is not None and not (isinstance(students, dict) and all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in students.values())):
        raise GradeInputError(f"\"students\" in {name} must map student ids to lists of problem ids.")
    return data


def read_submission(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A submission file, checked; GradeInputError (one sentence) when it is unusable."""
    name = os.fspath(path)
    return check_submission(parse_json(read_text(path), name, parse_float=Decimal), name)


def read_key(path: str | os.PathLike[str]) -> dict[str, Any]:
    """An answer-key file, checked; GradeInputError (one sentence) when it is unusable."""
    name = os.fspath(path)
    return check_key(parse_json(read_text(path), name), name)
