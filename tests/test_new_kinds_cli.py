"""The kinds issue 14 added, through the ``probgen`` command: made, answered as a student types
answers, and graded at full marks, at every difficulty and from the course's own numbers."""

import json

import pytest

NEW_KINDS = ["layers.batched-shapes", "layers.flops", "layers.depthwise-separable", "conv1d.true-convolution",
             "conv2d.max-kernel", "backprop.bias-gradient"]


def typed(value):
    """An answer as a student types it: (16, 3, 32, 32) for a shape or vector, 74/577, 38102400."""
    if isinstance(value, list):
        return "(" + ", ".join(typed(v) for v in value) + ")"
    return str(value)


def answer_with_key(out):
    key = json.loads((out / "answer-key.json").read_text())
    sub = json.loads((out / "submission.json").read_text())
    for problem in key["problems"]:
        for part in problem["parts"]:
            sub["answers"][problem["id"]][part["label"]] = typed(part["answer"])
    path = out / "typed.json"
    path.write_text(json.dumps(sub))
    return path, key


@pytest.mark.parametrize("difficulty", ["easy", "medium", "hard"])
def test_new_kinds_typed_answers_grade_full_marks(run_probgen, tmp_path, difficulty):
    out = tmp_path / difficulty
    templates = [arg for kind in NEW_KINDS for arg in ("--template", kind)]
    res = run_probgen("make", *templates, "--n", "12", "--seed", "14", "--difficulty", difficulty, "--out", out)
    assert res.returncode == 0, res.stderr
    typed_path, key = answer_with_key(out)
    assert sorted({p["id"].split("@")[0] for p in key["problems"]}) == sorted(NEW_KINDS)
    report = json.loads(run_probgen("grade", typed_path, "--format", "json").stdout)
    assert report["score"] == report["max_score"] == sum(q["points"] for p in key["problems"] for q in p["parts"])


@pytest.mark.parametrize("kind, params, expected", [
    ("layers.depthwise-separable", {"in_channels": 64, "out_channels": 64, "kernel": 3, "bias": "pointwise"},
     {"b": 4736}),
    ("layers.flops", {"channels": 3, "height": 256, "width": 256, "filters": 32, "kernel": 5, "stride": 2,
                      "padding": 0}, {"a": 38102400, "b": 99883155456, "c": "65536/25"}),
    ("conv1d.true-convolution", {"x": [3, 4, 5], "kernel": [1, 2]}, {"a": [11, 14], "b": [10, 13]}),
    ("conv2d.max-kernel", {"channels": 3, "height": 8, "width": 8, "filters": 4},
     {"a": [8, 8], "b": [4, 1, 1], "c": 768, "d": 768}),
    ("backprop.bias-gradient", {"upstream": [[[[1, 2], [3, 4]]], [[[0, -1], [2, 5]]]]}, {"a": [16]}),
])
def test_the_course_examples_through_the_command(run_probgen, tmp_path, kind, params, expected):
    out = tmp_path / "sheet"
    res = run_probgen("make", "--template", kind, "--params", json.dumps(params), "--out", out)
    assert res.returncode == 0, res.stderr
    key = json.loads((out / "answer-key.json").read_text())
    (problem,) = key["problems"]
    answers = {p["label"]: p["answer"] for p in problem["parts"]}
    for label, value in expected.items():
        assert typed(answers[label]) == typed(value)
    typed_path, _ = answer_with_key(out)
    report = json.loads(run_probgen("grade", typed_path, "--key", out / "answer-key.json", "--format", "json").stdout)
    assert report["score"] == report["max_score"] > 0
