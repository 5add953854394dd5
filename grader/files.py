"""Reading submission and answer-key files, with one plain sentence for every way they fail.

Everything that makes a file unusable becomes a :class:`GradeInputError` naming the file, so
the command line can print it and go on with the next file of a batch. What is wrong inside
one answer is not a file error: the grader scores it 0 with a message instead.

Numbers in submissions are parsed as :class:`decimal.Decimal`, so the digits a student wrote
(``0.3330``) are kept exactly; keys keep JSON floats as floats (computed values).

What is odd about one answer stays with that answer, so the rest of the file is graded: in a
submission an integer too long to convert becomes a :class:`TooManyDigits` marker and
``NaN``/``Infinity`` become float NaN/infinity, which the answer readers refuse with a
message. Text may be UTF-8 (with or without a BOM), UTF-16 or UTF-32 (the encoding is detected
as JSON allows); lone surrogates (``"\\ud800"``), which no output can encode, are replaced by
U+FFFD.

Bytes come through :mod:`.intake`: regular files only, opened without blocking, and a
submission bounded in values, text and problems before it is parsed. In a key, a number too
large for a float (``1e999``) is a sentence naming the problem and part that hold it.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import sys
from decimal import Decimal
from typing import Any, Callable

from probgen.contract import ANSWER_TYPES, FILE_VERSION, KEY_FORMAT, SUBMISSION_FORMAT
from .errors import GradeInputError
from .intake import MAX_BYTES, MAX_TEXT_MEMORY, check_submission_size, read_bytes  # noqa: F401 (MAX_BYTES: the limit callers know)
from .read.literals import MAX_DIGITS
from .read.numbers import TooManyDigits
from .read.text import shown

MAX_STUDENT = 200  # characters of a student id
MAX_PROBLEMS = 2_000  # problem ids answered in one submission

_KINDS = {KEY_FORMAT: "an answer key", SUBMISSION_FORMAT: "a submission"}


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _answer_constant(name: str) -> float:
    """NaN, Infinity, -Infinity in a submission: kept as floats, which the readers refuse."""
    return float(name)


def _answer_int(digits: str) -> int | TooManyDigits:
    """A JSON integer; one longer than any answer may be is not converted at all."""
    count = len(digits.lstrip("-"))
    if count > MAX_DIGITS + 1:
        return TooManyDigits(count)
    return int(digits)


class Overflowing(str):
    """A number in a key too large for a float (``1e999``), kept as its text until
    :func:`check_key` names the key entry that holds it."""


def _key_float(text: str) -> float | Overflowing:
    value = float(text)
    return value if math.isfinite(value) else Overflowing(text)


def _overflowing(value: Any) -> Overflowing | None:
    """The first number too large for a float anywhere in ``value`` (iteratively: keys nest)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Overflowing):
            return item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _key_int(digits: str) -> int:
    if len(digits.lstrip("-")) > 4_000:  # below Python's int-str limit (4,300 digits)
        raise ValueError("number too long")
    return int(digits)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(data: Any) -> Any:
    """The data with lone surrogates in its strings (and keys) replaced by U+FFFD; iterative,
    because the data may be as deep as the JSON parser allows."""
    def fix(value: Any) -> Any:
        return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) and _SURROGATE.search(value) else value

    root = [fix(data)]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        container, index = stack.pop()
        value = container[index]
        if isinstance(value, list):
            for i, item in enumerate(value):
                value[i] = fix(item)
                if isinstance(value[i], (list, dict)):
                    stack.append((value, i))
        elif isinstance(value, dict):
            if any(_SURROGATE.search(k) for k in value):
                fixed = {fix(k): v for k, v in value.items()}
                value.clear()
                value.update(fixed)
            for k, item in value.items():
                value[k] = fix(item)
                if isinstance(value[k], (list, dict)):
                    stack.append((value, k))
    return root[0]


def _json_shown(value: Any) -> str:
    """A value from the file quoted in a message as JSON writes it, cut short and cleaned
    (the value may be a megabyte of text, or a number too long to write)."""
    if isinstance(value, str):
        return json.dumps(shown(value, 60)[1:-1], ensure_ascii=False)
    if value is None or isinstance(value, (bool, float)) or isinstance(value, int) and value.bit_length() < 200:
        return json.dumps(value)
    return shown(value, 60)[1:-1]  # a list, an object, a huge number: bounded, as Python prints it


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def parse_json(text: str, name: str, *, parse_float: Callable[[str], Any] = float,
               answers: bool = False) -> Any:
    """JSON text into data; GradeInputError for invalid JSON or absurd nesting.

    With ``answers`` (a submission) NaN/Infinity and integers too long to read are kept for
    the answer readers to refuse one by one; otherwise (a key) they make the file unusable.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise GradeInputError(f"{name} is empty.")
    try:
        data = json.loads(text, parse_constant=_answer_constant if answers else _no_constants,
                          parse_float=parse_float, parse_int=_answer_int if answers else _key_int)
        return _no_surrogates(data)
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
    return decode(read_bytes(name), name)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, name: str) -> str:
    """A file's bytes as text: UTF-8 (a BOM allowed), or UTF-16/UTF-32 with a BOM, or without
    one when the first characters show it (JSON text starts with an ASCII character)."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        encoding = json.detect_encoding(data) if data else "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        what = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        raise GradeInputError(f"{name} is not valid {what} text; save it as UTF-8.") from None


def _check_format(data: Any, name: str, wanted: str) -> None:
    what = _KINDS[wanted]
    if not isinstance(data, dict):
        raise GradeInputError(f"{name} is not {what}: it holds {_type_name(data)}, not a JSON object.")
    fmt = data.get("format")
    if isinstance(fmt, str) and fmt in _KINDS and fmt != wanted:
        hint = "; give it with --key" if fmt == KEY_FORMAT else ""
        raise GradeInputError(f"{name} is {_KINDS[fmt]}, not {what}{hint}.")
    if fmt is None and wanted == SUBMISSION_FORMAT and "answers" in data:
        return  # a hand-written submission without the header is still clear enough
    if fmt != wanted:
        found = f"\"format\": {_json_shown(fmt)}" if fmt is not None else "no \"format\""
        raise GradeInputError(f"{name} is not {what}: it has {found} instead of \"format\": \"{wanted}\".")
    version = data.get("version", FILE_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise GradeInputError(f"{name} has a \"version\" that is not a whole number from 1 up.")
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
    if len(data["answers"]) > MAX_PROBLEMS:
        raise GradeInputError(f"{name} answers {len(data['answers']):,} problems; a submission answers at most "
                              f"{MAX_PROBLEMS:,}.")
    student = data.get("student")
    if student is not None and not isinstance(student, (str, int)) or isinstance(student, bool):
        raise GradeInputError(f"\"student\" in {name} must be a string.")
    if isinstance(student, str) and len(student) > MAX_STUDENT:
        raise GradeInputError(f"\"student\" in {name} is {len(student):,} characters long; "
                              f"a student id has at most {MAX_STUDENT}.")
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
                                      f"{_json_shown(part.get('type'))}.")
            if "answer" not in part:
                raise GradeInputError(f"part {label} of problem {pid} in {name} has no \"answer\".")
            huge = _overflowing(part)
            if huge is not None:
                raise GradeInputError(f"part {label} of problem {pid} in {name} holds {shown(huge, 40)[1:-1]}, "
                                      "a number too large to grade with (it is infinite as a float).")
        huge = _overflowing({k: v for k, v in problem.items() if k != "parts"})
        if huge is not None:
            raise GradeInputError(f"problem {pid} in {name} holds {shown(huge, 40)[1:-1]}, "
                                  "a number too large to grade with (it is infinite as a float).")
    students = data.get("students")
    if students is not None and not (isinstance(students, dict) and all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in students.values())):
        raise GradeInputError(f"\"students\" in {name} must map student ids to lists of problem ids.")
    return data


def read_submission(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A submission file, checked; GradeInputError (one sentence) when it is unusable.

    Its size is bounded before it is decoded or parsed (see :mod:`.intake`),
    and the bytes are let go as soon as the text is decoded, so reading one takes a few times
    its size in memory at most.
    """
    name = os.fspath(path)
    data = read_bytes(name)
    check_submission_size(data, name)
    text = decode(data, name)
    del data
    if sys.getsizeof(text) > MAX_TEXT_MEMORY:  # UTF-16 or UTF-32 text that widened when decoded
        raise GradeInputError(f"{name} holds more text than a submission may "
                              f"({MAX_TEXT_MEMORY // 1_000_000} MB once read).")
    return check_submission(parse_json(text, name, parse_float=Decimal, answers=True), name)


def read_key(path: str | os.PathLike[str]) -> dict[str, Any]:
    """An answer-key file, checked; GradeInputError (one sentence) when it is unusable."""
    name = os.fspath(path)
    return check_key(parse_json(read_text(path), name, parse_float=_key_float), name)
