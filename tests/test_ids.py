"""Ids that catch typos (a CRC-15 check), one spelling per problem, bounded numbers, and ids
issued before the check grading exactly as they did."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from probgen.contract import BadId, crc15, format_id, hand_id, handout_id, id_check, parse_id
from probgen.generator import registry
from probgen.generator.instances import from_id, sample
from probgen.grader.report import grade_submission, lookup_in_key

LEGACY = Path(__file__).parent / "data" / "legacy"
ID = format_id("pooling.max-values", 1, 55144488, "medium")
BODY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-.@:"


def test_new_ids_end_in_their_check():
    assert ID == f"pooling.max-values@1:55144488-{id_check('pooling.max-values@1:55144488')}"
    assert len(ID.rsplit("-", 1)[1]) == 3
    assert crc15("123456789") == 0x059E  # the published check value of CRC-15/CAN
    assert parse_id(ID).seed == 55144488 and parse_id(ID).checked
    hard = format_id("conv2d.output-size", 2, 7, "hard")
    assert hard.startswith("conv2d.output-size@2:7:hard-") and parse_id(hard).difficulty == "hard"
    assert parse_id(hand_id("a.b", 1, "0123abcd")).params_hash == "0123abcd"
    assert parse_id(handout_id("a.b", 1, "0123456789abcdef", "easy")).token == "0123456789abcdef"


def _typos(text):
    """Every id one character away: each character replaced, and each pair of neighbours swapped."""
    for i, c in enumerate(text):
        for other in BODY_CHARS + "0123456789abcdefghjkmnpqrstvwxyz":
            if other != c:
                yield text[:i] + other + text[i + 1:]
        if i + 1 < len(text) and text[i + 1] != c:
            yield text[:i] + text[i + 1] + c + text[i + 2:]


@pytest.mark.parametrize("problem_id", [ID, format_id("conv1d.numeric", 1, 7, "hard"),
                                        handout_id("pooling.output-size", 1, "9495b416a961cba0", "medium")])
def test_every_one_character_typo_is_refused(problem_id):
    typos = set(_typos(problem_id)) - {problem_id}
    assert len(typos) > 1000
    for typo in typos:
        with pytest.raises(BadId):
            parse_id(typo)


def test_a_typo_says_it_is_not_an_id_probgen_issued():
    typo = ID.replace("55144488", "55144489")
    with pytest.raises(BadId, match="is not an id probgen issued — check it for a typo"):
        parse_id(typo)


@pytest.mark.parametrize("text", ["pooling.max-values@1:01", "pooling.max-values@01:1", "pooling.max-values@1:1:medium",
                                  "pooling.max-values@1:0055144488", "POOLING.max-values@1:1",
                                  ID.upper(), ID + " x", "pooling.max-values@1:s0123456789abcdef"])
def test_one_seed_has_one_spelling(text):
    with pytest.raises(BadId):
        parse_id(text)


@pytest.mark.parametrize("text, words", [
    ("pooling.max-values@1:" + "9" * 4301, "too long to be a problem id"),
    ("pooling.max-values@1:18446744073709551616", "seed of 2**64 or more"),
    ("pooling.max-values@1000:1", "version of 1000 or more"),
])
def test_numbers_are_bounded(text, words):
    with pytest.raises(BadId, match=words.replace("*", r"\*")) as err:
        parse_id(text)
    assert len(str(err.value)) < 200
    assert parse_id("pooling.max-values@999:18446744073709551615").seed == 2**64 - 1


def test_ids_issued_before_the_check_still_parse_and_make_the_same_problem():
    old = "pooling.max-values@1:55144488"
    assert parse_id(old).seed == 55144488 and not parse_id(old).checked
    assert from_id(old).answers == from_id(ID).answers == sample(registry.find("pooling.max-values", 1), 55144488).answers


def test_a_handed_out_id_needs_the_secret():
    from probgen.generator.instances import NeedsSecret
    from probgen.generator.seeding import handout_token, token_seed

    secret = bytes(range(32))
    token = handout_token(secret, 2026, 0, "s1")
    problem_id = handout_id("pooling.max-values", 1, token, "medium")
    with pytest.raises(NeedsSecret, match="only course staff can grade it"):
        from_id(problem_id)
    made = from_id(problem_id, secret)
    assert made.id == problem_id
    assert made.answers == sample(registry.find("pooling.max-values", 1), token_seed(secret, token)).answers
    assert from_id(problem_id, bytes(32)).answers != made.answers or from_id(problem_id, bytes(32)).params != made.params


def test_grading_with_a_key_names_the_nearest_issued_id_for_a_typo():
    key = json.loads((LEGACY / "practice" / "answer-key.json").read_text())
    problem = next(p for p in key["problems"] if p["template"] == "pooling.max-values")
    issued = format_id("pooling.max-values", 1, 7, "medium")
    problem = dict(problem, id=issued)
    typo = issued.replace(":7-", ":8-")
    report = grade_submission({"answers": {typo: {"a": "1"}}}, lookup_in_key({"problems": [problem]}), "s.json",
                              key_problems=[problem])
    assert any("not an id probgen issued — check it for a typo; the nearest id on the key is " + issued in m
               for m in report.messages), report.messages
    assert report.score == 0


def test_grading_without_a_key_refuses_a_typo_and_grades_the_rest(run_probgen, tmp_path):
    right = format_id("pooling.output-size", 1, 3, "medium")
    answer = sample(registry.find("pooling.output-size", 1), 3).answers["a"]
    typo = right[:-1] + ("0" if right[-1] != "0" else "1")
    huge = "pooling.output-size@1:" + "7" * 5000
    (tmp_path / "s.json").write_text(json.dumps({"answers": {typo: {"a": 1}, huge: {"a": 1}, right: {"a": answer}}}))
    res = run_probgen("grade", "s.json", "--format", "json")
    assert res.returncode == 0, res.stderr
    problems = json.loads(res.stdout)["problems"] if "problems" in json.loads(res.stdout) else \
        json.loads(res.stdout)["submissions"][0]["problems"]
    by_id = {p["id"]: p for p in problems}
    assert by_id[right]["score"] == 1
    messages = [p.get("message", "") for p in problems]
    assert any("is not an id probgen issued — check it for a typo" in m for m in messages)
    assert any("too long to be a problem id" in m for m in messages)
    assert all(len(p["id"]) <= 100 for p in problems) and all(len(m) < 300 for m in messages)


@pytest.mark.parametrize("sheet", ["practice", "course"])
@pytest.mark.parametrize("with_key", [True, False])
def test_keys_and_ids_made_before_the_check_grade_as_they_did(run_probgen, tmp_path, sheet, with_key):
    """Submissions to sheets made by probgen before ids had checks (tests/data/legacy) get the
    scores probgen gave them then, part by part, with the key and from their ids alone."""
    folder = tmp_path / sheet
    shutil.copytree(LEGACY / sheet, folder)
    subs = sorted(p.name for p in folder.glob("*.json") if not p.name.startswith(("answer-key", "scores")))
    assert subs == ["blank.json", "misconception.json", "one-off.json", "reference.json"]
    args = ["grade", *subs, "--format", "json"] + (["--key", "answer-key.json"] if with_key else [])
    res = run_probgen(*args, cwd=folder)
    assert res.returncode == 0, res.stderr
    got = {s["source"]: {p["id"]: {q["label"]: [q["score"], q["max_score"], q["correct"]] for q in p["parts"]}
                         for p in s["problems"]} for s in json.loads(res.stdout)["submissions"]}
    then = json.loads((folder / f"scores-{'key' if with_key else 'nokey'}.json").read_text())
    assert got == then
