"""Checks every kind in the registry must pass, so a new kind is tested the moment it exists."""

import json
from pathlib import Path

import pytest

from probgen.generator import instances, keyfile, registry, render, worksheet
from probgen.problems.model import DIFFICULTIES

KINDS = registry.all_kinds()
IDS = [f"{k.id}@{k.version}" for k in KINDS]
SEEDS = range(60)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_kind_declares_what_the_model_needs(kind):
    assert kind.id.count(".") == 1 and kind.id == kind.id.lower()
    assert kind.title and kind.version >= 1
    path = render.TEMPLATE_DIR / kind.template_name
    assert path.exists(), f"missing template {path}"
    template = render.environment("md").get_template(kind.template_name)
    assert {"statement", "solution"} <= set(template.blocks)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_500_seeds_give_valid_problems_where_every_misconception_differs(kind, difficulty):
    """Issue 3's property: no sampled instance lets a named mistake score, at any difficulty."""
    for seed in range(500):
        inst = instances.sample(kind, seed, difficulty)
        kind.validate(inst.params)
        assert not instances.degenerate(inst)
        labels = [p.label for p in inst.parts]
        assert len(labels) == len(set(labels)) and set(labels) == set(inst.answers)
        for _, answers in inst.wrong:
            for label, value in answers.items():
                assert not instances.same_answer(value, inst.answers[label]), (inst.id, label)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_params_survive_the_key_and_give_the_same_answers(kind, difficulty):
    for seed in SEEDS:
        inst = instances.sample(kind, seed, difficulty)
        # Params go through the answer key (JSON) and, given by hand, give the same answers.
        again = instances.from_params(kind, json.loads(json.dumps(inst.params)))
        assert all(instances.same_answer(again.answers[p.label], inst.answers[p.label]) for p in inst.parts)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_same_seed_same_problem(kind):
    a = keyfile.key_problem(instances.sample(kind, 99, "hard"))
    b = keyfile.key_problem(instances.sample(kind, 99, "hard"))
    assert a == b
    c = keyfile.key_problem(instances.sample(kind, 100, "hard"))
    assert c["id"] != a["id"]


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
@pytest.mark.parametrize("fmt", render.FORMATS)
def test_statement_and_solution_render(kind, fmt):
    for seed in range(5):
        inst = instances.sample(kind, seed)
        statement = worksheet.statement(inst, fmt)
        solution = worksheet.solution(inst, fmt)
        assert len(statement.strip()) > 20 and len(solution.strip()) > 20
        for text in (statement, solution):
            assert "None" not in text and "{{" not in text and "{%" not in text
            assert text.count("$") % 2 == 0, f"unbalanced $ in {kind.id}:\n{text}"
        if fmt == "tex":
            assert "$$" not in solution and "$$" not in statement


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_key_answers_grade_full_marks_and_misconceptions_are_named(kind):
    from probgen.grader import report

    for seed in range(10):
        inst = instances.sample(kind, seed)
        entry = keyfile.key_problem(inst)
        answers = {p["label"]: p["answer"] for p in entry["parts"]}
        result = report.grade_submission({"answers": {inst.id: answers}}, lambda _id: entry, "key")
        assert result.score == result.max_score == sum(p.points for p in inst.parts)
        for part in entry["parts"]:
            for wrong in part.get("misconceptions", []):
                sub = {"answers": {inst.id: {part["label"]: wrong["answer"]}}}
                graded = report.grade_submission(sub, lambda _id: entry, "wrong")
                (pr,) = [p for p in graded.problems[0].parts if p.label == part["label"]]
                assert not pr.correct and pr.score < pr.max_score
                assert wrong["feedback"] in pr.feedback


GOLDEN = Path(__file__).parent / "golden"
GOLDEN_SEEDS = [(1, "medium"), (2, "medium"), (3, "easy"), (4, "hard")]


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_golden_instances_are_unchanged(kind, request):
    """A kind's output is pinned: changing it means bumping its version (DESIGN.md)."""
    path = GOLDEN / f"{kind.id}@{kind.version}.json"
    current = [keyfile.key_problem(instances.sample(kind, s, d)) for s, d in GOLDEN_SEEDS]
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(current, indent=1) + "\n")
    assert path.exists(), f"no golden file for {kind.id}; run pytest --update-golden once and review it"
    assert json.loads(path.read_text()) == json.loads(json.dumps(current))
