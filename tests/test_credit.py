"""Credit that measures work (the key part's "credit" rule), over every array kind and many seeds.

An answer with no work in it (all zeros, a constant, an input copied) or a named
misconception's answer earns at most a quarter of the points on average; an answer with one
entry wrong earns at least half.
"""

from __future__ import annotations

import json
from fractions import Fraction
from statistics import mean

import pytest

from probgen.contract import ALL_OR_NOTHING, ARRAY_TYPES, DIFFICULTIES, MEASURED, PER_ENTRY
from probgen.generator import keyfile, registry
from probgen.generator.credit import free_entries
from probgen.generator.instances import sample
from probgen.grader.compare import grade_part

NO_WORK = ("zeros", "ones", "copied input", "copied input", "copied input", "copied input")
SEEDS = range(60)  # a third each easy, medium and hard


def _array_kinds():
    return [k for k in registry.latest_kinds()
            if any(p.type in ARRAY_TYPES for p in sample(k, 0).parts)]


def _shape(value):
    shape = []
    while isinstance(value, list):
        shape.append(len(value))
        value = value[0]
    return tuple(shape)


def _fill(answer, leaf):
    return [_fill(v, leaf) for v in answer] if isinstance(answer, list) else leaf(answer)


def _flat(value):
    return [e for v in value for e in _flat(v)] if isinstance(value, list) else [value]


def _unflat(entries, shape):
    if not shape:
        return entries.pop(0)
    return [_unflat(entries, shape[1:]) for _ in range(shape[0])]


def _one_off(part):
    """The reference with one entry changed (by +1), choosing an entry where that is not also a
    named misconception's answer (which would be graded as that mistake)."""
    def number(v):
        return Fraction(str(v)) if not part["type"].startswith("expression") else v

    wrong = [[number(v) for v in _flat(m["answer"])] for m in part.get("misconceptions", ())]
    entries = _flat(part["answer"])
    for i in range(len(entries)):
        changed = [number(v) for v in entries]
        changed[i] = f"({entries[i]}) + 1" if part["type"].startswith("expression") else changed[i] + 1
        if changed not in wrong:
            return _unflat([str(v) for v in changed], _shape(part["answer"]))
    return None


def _share(part, answer):
    result = grade_part(part, answer)
    return result.score / result.max_score


def _no_work_answers(part, params):
    """All zeros, all ones, and every param array of the answer's shape; None in place of one
    that is the right answer (one value everywhere can be). (One right entry written everywhere
    took the work of that entry: ``benchmarks/credit.py`` prints what it earns.)"""
    flat = _flat(part["answer"])
    answers = [_fill(part["answer"], lambda _: 0), _fill(part["answer"], lambda _: 1)]
    squeezed = tuple(d for d in _shape(part["answer"]) if d != 1)
    for value in params.values():
        if isinstance(value, list) and tuple(d for d in _shape(value) if d != 1) == squeezed:
            answers.append(_unflat(_flat(value), _shape(part["answer"])))
    right = [_norm(e) for e in flat]
    return [None if [_norm(e) for e in _flat(a)] == right else a for a in answers]


def _norm(entry):
    """An entry as comparable text: numbers by value (7/4 and 1.75 alike), anything else as written."""
    try:
        return str(Fraction(str(entry)))
    except (ValueError, ZeroDivisionError):
        return str(entry)


@pytest.fixture(scope="module")
def graded():
    """Per kind: the shares of no-work, misconception and one-entry-off answers."""
    shares = {}
    for kind in _array_kinds():
        no_work, wrong, one_off = {}, [], []
        for seed in SEEDS:
            entry = keyfile.key_problem(sample(kind, seed, DIFFICULTIES[seed % 3]))
            for part in entry["parts"]:
                if part["type"] not in ARRAY_TYPES:
                    continue
                assert part["credit"] == MEASURED and part["free"] >= 1
                for way, answer in zip(NO_WORK, _no_work_answers(part, entry["params"])):
                    if answer is not None:
                        no_work.setdefault(way, []).append(
                            _share(part, answer))
                wrong += [_share(part, m["answer"]) for m in part.get("misconceptions", ())]
                off = _one_off(part) if len(_flat(part["answer"])) > 1 else None
                if off is not None:
                    one_off.append(_share(part, off))
        shares[kind.id] = (no_work, wrong, one_off)
    return shares


def test_every_array_kind_is_measured(graded):
    assert len(graded) >= 10
    assert {"pooling.max-backward", "weight-sharing.toeplitz", "conv2d.single-channel"} <= set(graded)


def test_answers_with_no_work_earn_at_most_a_quarter(graded):
    for kind, (no_work, _, _) in graded.items():
        for way, shares in no_work.items():
            assert not shares or mean(shares) <= 0.25, (kind, way, mean(shares))
        assert no_work["zeros"] and no_work["ones"], kind


def test_misconception_answers_earn_at_most_a_quarter(graded):
    for kind, (_, wrong, _) in graded.items():
        if wrong:
            assert mean(wrong) <= 0.25, (kind, mean(wrong))


def test_one_entry_off_earns_at_least_half(graded):
    for kind, (_, _, one_off) in graded.items():
        if one_off:
            assert min(one_off) >= 0.5, (kind, min(one_off))
            assert mean(one_off) < 1, kind


MAX_BACKWARD = {"label": "a", "type": "matrix", "points": 4,
                "answer": [[0, 0, 3], [0, 5, 0], [0, 0, 0]],
                "misconceptions": [{"name": "m", "feedback": "You spread it.", "answer": [[0, 0, 3], [0, 5, 1], [0, 0, 0]]}]}


@pytest.mark.parametrize("rule, free, answer, score", [
    (None, 0, [[0, 0, 0], [0, 0, 0], [0, 0, 0]], Fraction(4 * 7, 9)),     # old keys: per entry, as before
    (PER_ENTRY, 0, [[0, 0, 0], [0, 0, 0], [0, 0, 0]], Fraction(4 * 7, 9)),
    (MEASURED, 7, [[0, 0, 0], [0, 0, 0], [0, 0, 0]], 0),                  # 2 wrong of 9 - 7 = 2 that take work
    (MEASURED, 7, [[0, 0, 3], [0, 4, 0], [0, 0, 0]], 2),                  # one wrong: half
    (MEASURED, 7, [[0, 0, 3], [0, 5, 1], [0, 0, 0]], 0),                  # the misconception's answer
    (MEASURED, 0, [[0, 0, 3], [0, 5, 0], [0, 0, 9]], Fraction(4 * 8, 9)),
    (ALL_OR_NOTHING, 0, [[0, 0, 3], [0, 4, 0], [0, 0, 0]], 0),
    (ALL_OR_NOTHING, 0, [[0, 0, 3], [0, 5, 0], [0, 0, 0]], 4),
])
def test_each_rule_scores_as_the_readme_says(rule, free, answer, score):
    part = dict(MAX_BACKWARD)
    if rule:
        part.update(credit=rule, free=free)
    assert grade_part(part, answer).score == pytest.approx(float(score), abs=1e-3)


def test_measured_feedback_says_why_the_share_is_lower():
    part = dict(MAX_BACKWARD, credit=MEASURED, free=7)
    result = grade_part(part, [[0, 0, 3], [0, 0, 0], [0, 0, 0]])
    assert result.score == 2
    assert "gets 7 of the 9 entries right" in result.feedback


@pytest.mark.parametrize("field, value", [("credit", "generous"), ("free", -1), ("free", 1.5), ("free", True)])
def test_a_key_part_with_a_bad_rule_is_refused_in_a_sentence(field, value):
    from probgen.grader.errors import BadKey
    part = dict(MAX_BACKWARD, credit=MEASURED, free=0)
    part[field] = value
    with pytest.raises(BadKey, match=f"part a has {field}"):
        grade_part(part, [[0]])


def test_free_counts_a_constant_and_a_copied_input():
    assert free_entries([[0, 0], [0, 1]], {}) == 3
    assert free_entries([[1, 2], [3, 5]], {"X": [[1, 2], [3, 4]], "k": 2}) == 3
    assert free_entries([[1, 2, 3]], {"x": [1, 2, 3]}) == 3           # a row for a vector still matches


@pytest.mark.parametrize("rule, noted", [(MEASURED, True), (ALL_OR_NOTHING, True), (PER_ENTRY, False), (None, False)])
def test_moodle_notes_for_staff_the_rule_it_cannot_follow(rule, noted):
    from probgen.generator.moodle import question_html

    part = {k: v for k, v in MAX_BACKWARD.items() if k != "misconceptions"}
    if rule:
        part.update(credit=rule, free=7)
    text = question_html("<p>S</p>", {"parts": [part, {"label": "b", "type": "integer", "answer": 3, "credit": rule}]})
    assert text.count("<!-- probgen, part a: the answer key grades this part") == int(noted)
    assert "probgen, part b" not in text  # one entry: Moodle gives it as the rule does
    assert text.count(":NUMERICAL:") == 10  # still one subquestion per entry


def test_export_to_moodle_says_once_how_moodle_grades_arrays(run_probgen):
    res = run_probgen("export", "--template", "pooling.max-backward", "--format", "moodle", "--out", "m")
    assert res.returncode == 0, res.stderr
    assert res.stdout.count("note: Moodle scores array answers entry by entry") == 1
    res = run_probgen("export", "--template", "pooling.max-backward", "--format", "moodle", "--credit", "per-entry",
                      "--out", "p")
    assert "note: Moodle" not in res.stdout


def test_an_array_of_one_entry_is_right_or_wrong_like_a_number():
    part = {"label": "a", "type": "vector", "points": 2, "answer": [5], "credit": MEASURED, "free": 1}
    assert grade_part(part, [4]).score == 0 and grade_part(part, [5]).score == 2


@pytest.mark.parametrize("command", ["make", "export"])
@pytest.mark.parametrize("rule", [PER_ENTRY, ALL_OR_NOTHING, MEASURED])
def test_staff_choose_the_rule_of_a_sheet(run_probgen, tmp_path, command, rule):
    res = run_probgen(command, "--template", "pooling.max-backward", "--template", "pooling.output-size",
                      "--credit", rule, "--out", "o")
    assert res.returncode == 0, res.stderr
    key = json.loads((tmp_path / "o" / "answer-key.json").read_text())
    backward, size = key["problems"]
    assert backward["parts"][0]["credit"] == rule and ("free" in backward["parts"][0]) == (rule == MEASURED)
    assert "credit" not in size["parts"][0]  # a number is right or wrong


def test_a_hand_edited_rule_is_the_one_graded(run_probgen, tmp_path):
    assert run_probgen("make", "--template", "pooling.max-backward", "--seed", "4", "--out", "o").returncode == 0
    key = json.loads((tmp_path / "o" / "answer-key.json").read_text())
    part = key["problems"][0]["parts"][0]
    zeros = _fill(part["answer"], lambda _: 0)
    (tmp_path / "s.json").write_text(json.dumps({"answers": {key["problems"][0]["id"]: {"a": zeros}}}))

    def score(rule):
        part["credit"] = rule
        (tmp_path / "key.json").write_text(json.dumps(key))
        res = run_probgen("grade", "s.json", "--key", "key.json", "--format", "json")
        assert res.returncode == 0, res.stderr
        return json.loads(res.stdout)["score"]

    assert score(PER_ENTRY) > 0.5 and score(MEASURED) < 0.5 * score(PER_ENTRY) and score(ALL_OR_NOTHING) == 0
