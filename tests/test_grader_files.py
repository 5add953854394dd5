"""Submission and key files: every unusable file is one plain sentence, never a traceback."""

import json
import math
from decimal import Decimal

import pytest

from probgen.grader.errors import GradeInputError
from probgen.grader.files import read_key, read_submission

KEY = {"format": "probgen-key", "version": 1, "problems": [
    {"id": "p@1:1", "title": "t", "parts": [{"label": "a", "type": "integer", "answer": 3, "points": 1}]}]}
SUBMISSION = {"format": "probgen-submission", "version": 1, "student": "s1", "answers": {"p@1:1": {"a": "3"}}}


def write(tmp_path, content, name="submission.json", encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding=encoding)
    return path


def error(reader, path):
    with pytest.raises(GradeInputError) as info:
        reader(path)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    assert ". " not in message.rstrip(".")  # one sentence
    return message


def test_good_files(tmp_path):
    assert read_submission(write(tmp_path, SUBMISSION))["answers"] == {"p@1:1": {"a": "3"}}
    assert read_key(write(tmp_path, KEY, "key.json"))["problems"][0]["id"] == "p@1:1"


def test_bom_is_fine(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + json.dumps(SUBMISSION).encode())
    assert read_submission(path)["student"] == "s1"


def test_submission_floats_keep_their_digits(tmp_path):
    data = dict(SUBMISSION, answers={"p@1:1": {"a": 0.3330}})
    path = write(tmp_path, json.dumps(data).replace("0.333", "0.3330"))
    assert read_submission(path)["answers"]["p@1:1"]["a"] == Decimal("0.3330")


def test_missing_file(tmp_path):
    assert error(read_submission, tmp_path / "nope.json") == f"{tmp_path / 'nope.json'} does not exist."


def test_directory(tmp_path):
    assert "is a directory" in error(read_submission, tmp_path)


def test_bad_json_names_line_and_column(tmp_path):
    path = write(tmp_path, '{\n  "format": "probgen-submission",\n  "answers": {,}\n}')
    assert error(read_submission, path) == f"{path} is not valid JSON (line 3, column 15)."


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_cost_only_their_answer(tmp_path, constant):
    """In a submission they are kept (as floats the readers refuse); in a key they are an error."""
    answers = read_submission(write(tmp_path, '{"answers": {"p": {"a": %s, "b": 3}}}' % constant))["answers"]["p"]
    assert answers["b"] == 3 and isinstance(answers["a"], float) and not math.isfinite(answers["a"])
    key = json.dumps(KEY).replace('"answer": 3', f'"answer": {constant}')
    assert constant.lstrip("-") in error(read_key, write(tmp_path, key, "key.json"))


def test_not_utf8_and_empty(tmp_path):
    assert "not valid UTF-8" in error(read_submission, write(tmp_path, b"\x80\x81{}"))
    assert "is empty" in error(read_submission, write(tmp_path, "  "))


def test_wrong_top_level_type(tmp_path):
    message = error(read_submission, write(tmp_path, [1, 2]))
    assert message == f"{tmp_path / 'submission.json'} is not a submission: it holds a list, not a JSON object."


def test_key_given_as_submission_says_so(tmp_path):
    path = write(tmp_path, KEY, "answer-key.json")
    assert error(read_submission, path) == f"{path} is an answer key, not a submission; give it with --key."


def test_submission_given_as_key_says_so(tmp_path):
    path = write(tmp_path, SUBMISSION)
    assert error(read_key, path) == f"{path} is a submission, not an answer key."


def test_wrong_format_and_version(tmp_path):
    assert "instead of \"format\": \"probgen-submission\"" in error(
        read_submission, write(tmp_path, dict(SUBMISSION, format="something-else")))
    assert "version 2" in error(read_submission, write(tmp_path, dict(SUBMISSION, version=2)))


def test_missing_or_bad_answers(tmp_path):
    assert "has no \"answers\"" in error(read_submission, write(tmp_path, {"format": "probgen-submission"}))
    assert "must be an object" in error(read_submission, write(tmp_path, dict(SUBMISSION, answers=[1])))


def test_hand_written_submission_without_header_is_accepted(tmp_path):
    assert read_submission(write(tmp_path, {"answers": {"p@1:1": {"a": 3}}}))["answers"]["p@1:1"]["a"] == 3


def test_deep_nesting_is_an_input_error(tmp_path):
    path = write(tmp_path, '{"answers": {"p": {"a": ' + "[" * 100_000 + "]" * 100_000 + "}}}")
    assert "nested too deeply" in error(read_submission, path)


def test_key_structure_checked(tmp_path):
    bad_type = json.loads(json.dumps(KEY))
    bad_type["problems"][0]["parts"][0]["type"] = "matrx"
    assert "unknown answer type \"matrx\"" in error(read_key, write(tmp_path, bad_type, "k.json"))
    no_problems = {"format": "probgen-key", "version": 1}
    assert "no \"problems\"" in error(read_key, write(tmp_path, no_problems, "k.json"))
    twice = dict(KEY, problems=KEY["problems"] * 2)
    assert "twice" in error(read_key, write(tmp_path, twice, "k.json"))


def test_absurdly_long_integer(tmp_path):
    """Over Python's int-str limit: a key is unusable, a submission keeps it for its answer to refuse."""
    answers = read_submission(write(tmp_path, '{"answers": {"p": {"a": ' + "9" * 5000 + ', "b": 1}}}'))["answers"]
    assert answers["p"]["b"] == 1 and answers["p"]["a"].digits == 5000
    key = json.dumps(KEY).replace('"answer": 3', '"answer": ' + "9" * 5000)
    assert "number too long" in error(read_key, write(tmp_path, key, "key.json"))
