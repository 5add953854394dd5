"""Every layout a solution sheet prints is accepted as typed (issue 10, item 4).

The answers a sheet shows, taken from the generator's own rendering (Markdown as printed on a
terminal and written to files, LaTeX), are fed back to the grader as a student would paste
them, for every kind and every part over several seeds and difficulties (arrays, expressions,
tensors as named slices, and choices as "(B) its text"); and the Toeplitz matrix of the issue
is taken from a real `probgen make --solutions` sheet.
"""

import json
import re

import pytest

from probgen.generator import formats, instances, keyfile, registry, render
from probgen.grader.compare import grade_part

from probgen.contract import ANSWER_TYPES

PASTED = set(ANSWER_TYPES)  # every type: numbers, shapes and choices too


def _cases():
    for kind in registry.latest_kinds():
        yield kind.id


@pytest.mark.parametrize("kind_id", sorted(_cases()))
@pytest.mark.parametrize("fmt", ["md", "tex"])
def test_sheet_answers_grade_full_marks_as_typed(kind_id, fmt):
    kind = registry.find(kind_id)
    for seed in (1, 2, 3):
        for difficulty in ("easy", "medium", "hard"):
            instance = instances.sample(kind, seed, difficulty)
            problem = json.loads(json.dumps(keyfile.key_problem(instance)))
            for part in problem["parts"]:
                if part["type"] not in PASTED:
                    continue
                shown = render.show_answer(formats.get(fmt), part["type"], instance.answers[part["label"]],
                                           part.get("options") or {})
                result = grade_part(part, shown)
                assert result.correct, (kind_id, seed, difficulty, part["label"], shown, result.feedback)


def _answers_block(sheet: str, label: str) -> str:
    """The text after ``(label)`` in a sheet's Answers section, up to the next part or heading."""
    section = sheet.split("**Answers.**", 1)[1]
    found = re.search(rf"^\({label}\) ?(.*?)(?=^\([a-z]\) |^## |\Z)", section, re.S | re.M)
    assert found, section
    return found.group(1)


@pytest.mark.parametrize("seed", ["1", "2", "7"])
def test_toeplitz_matrix_copied_from_the_printed_sheet(run_probgen, tmp_path, seed):
    """The issue's case: the sheet prints K row by row, entries apart by spaces; pasted, it is right."""
    res = run_probgen("make", "--template", "weight-sharing.toeplitz", "--seed", seed, "--solutions")
    assert res.returncode == 0, res.stderr
    typed = _answers_block(res.stdout, "b")
    assert re.search(r"k\d +k\d", typed)  # the layout in question: entries apart by spaces only
    run_probgen("make", "--template", "weight-sharing.toeplitz", "--seed", seed, "--out", tmp_path / "sheet")
    key = json.loads((tmp_path / "sheet" / "answer-key.json").read_text())
    part = next(p for p in key["problems"][0]["parts"] if p["label"] == "b")
    assert grade_part(part, typed).correct
    rows = [line.split() for line in typed.strip().splitlines()]
    assert grade_part(part, "[" + "; ".join(" ".join(r) for r in rows) + "]").correct  # MATLAB
    assert grade_part(part, "[" + " ".join("[" + " ".join(r) + "]" for r in rows) + "]").correct  # NumPy


@pytest.mark.parametrize("typed", [
    "[k1 k2 0; 0 k1 k2]", "[[k1 k2 0] [0 k1 k2]]", "[k1, k2, 0; 0, k1, k2]", "[[k1, k2, 0], [0, k1, k2]]",
    "k1 k2 0\n0 k1 k2", "[k_1  k_2  0; 0  k_1  k_2]",
])
def test_whitespace_separates_entries_in_brackets(typed):
    part = {"label": "b", "type": "expression-matrix", "answer": [["k1", "k2", "0"], ["0", "k1", "k2"]], "points": 1}
    assert grade_part(part, typed).correct, grade_part(part, typed).feedback


@pytest.mark.parametrize("typed, right", [
    ("[k1*x1 + k2*x2  k1x2]", True),        # products written with * or no space
    ("[k1·x1 + k2·x2  k1 * x2]", True),
    ("[k1 x1 + k2 x2, k1 x2]", True),        # commas: spaces inside an entry are products
    ("[k1 x1 + k2 x2  k1 x2]", False),       # neither reading fits: 4 entries, or 1
    ("[k1x1 + k2x2 -k1x2]", False),          # a sign after a space starts an entry (MATLAB): 2 entries, wrong
])
def test_products_inside_an_entry(typed, right):
    part = {"label": "v", "type": "expression-vector", "answer": ["k1*x1 + k2*x2", "k1*x2"], "points": 1,
            "options": {"symbols": ["k1", "k2", "x1", "x2"]}}
    assert grade_part(part, typed).correct is right, grade_part(part, typed).feedback


def test_too_many_entries_says_that_spaces_separate_entries():
    part = {"label": "v", "type": "expression-vector", "answer": ["k1*x1 + k2*x2", "k1*x2"], "points": 1}
    feedback = grade_part(part, "[k1 x1 + k2 x2  k1 x2]").feedback
    assert feedback.startswith("Wrong shape: expected a vector of 2 entries, got a list of 5 entries.")
    assert "spaces separate entries: write a product as k1*x1 or k1x1" in feedback


def test_the_reading_that_fits_the_expected_shape_is_taken():
    """`[k1 x1 + k2 x2]` is one entry to a one-entry vector (products), not four."""
    part = {"label": "v", "type": "expression-vector", "answer": ["k1*x1 + k2*x2"], "points": 1}
    assert grade_part(part, "[k1 x1 + k2 x2]").correct
    two = {"label": "v", "type": "expression-vector", "answer": ["k1", "x1"], "points": 1}
    assert grade_part(two, "[k1 x1]").correct


def test_tensor_slices_as_the_sheet_names_them():
    part = {"label": "t", "type": "tensor", "answer": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "points": 1}
    assert grade_part(part, "[0] =\n  1 2\n  3 4\n\n[1] =\n  5 6\n  7 8").correct
    missing = grade_part(part, "[0] =\n  1 2\n  3 4\n\n[2] =\n  5 6\n  7 8")
    assert not missing.correct and "some slices are missing" in missing.feedback


def test_choice_as_the_sheet_prints_it():
    part = {"label": "c", "type": "choice", "answer": "B", "points": 1,
            "options": {"choices": ["The kernel is flipped.", "The same weights slide over every position."]}}
    assert grade_part(part, "(B) The same weights slide over every position.").correct
    mixed = grade_part(part, "(A) The same weights slide over every position.")
    assert not mixed.correct and "one option by its letter and another by its text" in mixed.feedback


def test_symbolic_pooling_gradient_copied_from_the_printed_sheet(run_probgen, tmp_path):
    """Entries that are sums (`g1/9 + g2/9`) in a grid whose columns are apart by spaces."""
    params = ('{"X": [[1,2,3,4],[5,6,7,8],[9,10,11,12],[13,14,15,16]], "kernel": 3, "stride": 1, '
              '"upstream": [["g1","g2"],["g3","g4"]]}')
    res = run_probgen("make", "--template", "pooling.avg-backward", "--params", params, "--solutions")
    assert res.returncode == 0, res.stderr
    typed = _answers_block(res.stdout, "a")
    assert "g1/9 + g2/9" in typed
    run_probgen("make", "--template", "pooling.avg-backward", "--params", params, "--out", tmp_path / "sheet")
    key = json.loads((tmp_path / "sheet" / "answer-key.json").read_text())
    assert grade_part(key["problems"][0]["parts"][0], typed).correct
