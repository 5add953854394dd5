"""Every kind's key answers read back: the reference, its JSON text and the shown ``expected``
string all score full marks, and each misconception's answer is recognised as wrong."""

import json

import pytest

from probgen.grader.compare import grade_part

registry = pytest.importorskip("probgen.generator.registry")
instances = pytest.importorskip("probgen.generator.instances")
keyfile = pytest.importorskip("probgen.generator.keyfile")


def key_problems():
    for kind in registry.latest_kinds():
        for seed, difficulty in ((1, "easy"), (2, "medium"), (3, "hard")):
            yield json.loads(json.dumps(keyfile.key_problem(instances.sample(kind, seed, difficulty))))


@pytest.mark.parametrize("problem", list(key_problems()), ids=lambda p: p["id"])
def test_key_answers_round_trip(problem):
    for part in problem["parts"]:
        answer = part["answer"]
        for submitted in (answer, answer if isinstance(answer, str) else json.dumps(answer)):
            result = grade_part(part, submitted)
            assert result.correct, (part["label"], submitted, result.feedback)
        shown = grade_part(part, result.expected)
        assert shown.correct, (part["label"], result.expected, shown.feedback)
        feedbacks = {m["feedback"] for m in part.get("misconceptions", [])}
        for wrong in part.get("misconceptions", []):
            graded = grade_part(part, wrong["answer"])
            assert not graded.correct
            assert wrong["feedback"] in graded.feedback
            assert any(graded.feedback.startswith(f) for f in feedbacks) or \
                graded.feedback.startswith("More than one mistake gives this answer."), graded.feedback
