"""Checks every kind in the registry must pass, so a new kind is tested the moment it exists."""

import importlib
import json
import re
from pathlib import Path

import pytest

from probgen.generator import instances, keyfile, registry, render, worksheet
from probgen.problems.model import DIFFICULTIES
from probgen.problems.rng import Rng

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


# ---- declared params --------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_kind_declares_exactly_the_params_its_sampler_draws(kind):
    """Kind.params is what the CLI and the catalog show: it must name every param the kind takes."""
    declared = [p.name for p in kind.params]
    assert declared and len(declared) == len(set(declared)), kind.id
    for p in kind.params:
        assert p.type and p.meaning and "\n" not in p.meaning, (kind.id, p.name)
    fixed = {p.name: p.default for p in kind.params if not p.sampled and not p.drawn}
    for difficulty in DIFFICULTIES:
        for seed in range(150):
            drawn = kind.sample(Rng(seed), difficulty)
            assert set(drawn) == set(declared), (kind.id, difficulty, seed, sorted(drawn))
            # A param with a declared default is never drawn (unless it says seeds draw it).
            assert all(drawn[name] == default for name, default in fixed.items()), (kind.id, difficulty, seed)


# ---- pinned topic orders ------------------------------------------------------------------

# The kind order of each topic as released before topic versions existed: version 1 must stay
# exactly this, or `--topic T@1 --seed S` stops regenerating the sheets handed out with it.
RELEASED_V1 = {
    "backprop": ("backprop.conv1d-symbolic", "backprop.conv1d-numeric", "backprop.conv2d-numeric"),
    "concepts": ("concepts.translation-equivariance", "concepts.pooling-invariance", "concepts.sharing-saves",
                 "concepts.sharing-assumes", "concepts.cross-correlation", "concepts.kernel-as-input",
                 "concepts.untrained-equivariance", "concepts.cnn-vs-mlp"),
    "conv1d": ("conv1d.output-length", "conv1d.entries", "conv1d.numeric"),
    "conv2d": ("conv2d.single-channel", "conv2d.multi-channel", "conv2d.output-size",
               "conv2d.transposed-output-size"),
    "layers": ("layers.conv-vs-dense", "layers.stacked-vs-single", "layers.depthwise-separable"),
    "pooling": ("pooling.output-size", "pooling.max-values", "pooling.avg-values", "pooling.max-backward",
                "pooling.avg-backward"),
    "receptive-field": ("receptive-field.stack",),
    "weight-sharing": ("weight-sharing.toeplitz", "weight-sharing.no-sharing", "weight-sharing.locally-connected-2d"),
}


def _orders(topic):
    return importlib.import_module(f"probgen.problems.{topic.replace('-', '_')}").ORDERS


@pytest.mark.parametrize("topic", sorted(RELEASED_V1))
def test_topic_version_1_is_the_released_kind_order(topic):
    """`--topic T@1` keeps making the sheets it made: the same kinds, each at the version it had then."""
    assert tuple(entry.partition("@")[0] for entry in _orders(topic)[1]) == RELEASED_V1[topic]
    assert [(k.id, k.version) for k in registry.of_topic(topic, 1)] == [(i, 1) for i in RELEASED_V1[topic]]


@pytest.mark.parametrize("topic", registry.topics())
def test_latest_topic_order_holds_every_kind_of_the_topic_once(topic):
    orders = _orders(topic)
    assert sorted(orders) == list(range(1, len(orders) + 1)), "topic versions count 1, 2, ..."
    latest = orders[max(orders)]
    assert len(latest) == len(set(latest))
    assert sorted(latest) == sorted(k.id for k in registry.latest_kinds() if k.topic == topic)
    known = {k.id for k in registry.all_kinds()} | {f"{k.id}@{k.version}" for k in registry.all_kinds()}
    for version, order in orders.items():
        assert order and set(order) <= known, (topic, version)



# ---- templates document their steps ---------------------------------------------------------

_STEPS_COMMENT = re.compile(r"\{# steps read:(.*?)#\}", re.S)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_template_documents_exactly_the_steps_it_reads(kind):
    """The comment at the top of a kind's template names every steps key the template reads."""
    text = (render.TEMPLATE_DIR / kind.template_name).read_text()
    comment = _STEPS_COMMENT.search(text)
    assert comment, f"{kind.template_name} has no '{{# steps read: ... #}}' comment"
    documented = {name.strip() for item in comment.group(1).split(";")
                  for name in item.split("\u2014")[0].split(",") if name.strip()}
    body = text[:comment.start()] + text[comment.end():]
    assert documented == set(re.findall(r"steps\.([A-Za-z_]\w*)", body))
    assert documented <= set(instances.sample(kind, 0).steps()), "the comment names keys the steps do not give"


# ---- no degenerate instance (issue 14, item 5) -----------------------------------------------

LATEST = registry.latest_kinds()


@pytest.mark.parametrize("kind", LATEST, ids=[f"{k.id}@{k.version}" for k in LATEST])
def test_latest_kinds_never_sample_a_degenerate_problem(kind):
    """No answer almost all zero, no two parts with one answer, no answer that is a param shown again."""
    from probgen.problems.model import degenerate_reason

    for difficulty in DIFFICULTIES:
        for seed in range(300):
            inst = instances.sample(kind, seed, difficulty)
            reason = degenerate_reason(inst.params, inst.answers, kind.same_by_design)
            assert reason is None, f"{inst.id}: {reason}"


def test_degenerate_reasons_name_what_gives_the_problem_away():
    from probgen.problems.model import degenerate_reason

    assert degenerate_reason({}, {"a": ((0, 0), (0, 5))}) == "part a is all zeros but one entry"
    assert degenerate_reason({}, {"a": (4, -7), "b": (4, -7)}) == "parts a and b have the same answer"
    assert degenerate_reason({"kernel": [1, -2]}, {"b": (1, -2)}) == "part b is param kernel written out again"
    assert degenerate_reason({"kernel": [1, -2]}, {"a": (4, -7), "b": (0, 5), "c": (1, 0, -4)}) is None


def test_parts_equal_by_design_are_declared_not_ignored():
    """A kind may declare parts equal on purpose (a gradient's shape is its input's); any other pair
    with one answer is still degenerate."""
    from probgen.problems.model import degenerate_reason

    answers = {"a": (2, 3), "b": (4, 5), "g": (2, 3)}
    assert degenerate_reason({}, answers) == "parts a and g have the same answer"
    assert degenerate_reason({}, answers, (("a", "g"),)) is None
    assert degenerate_reason({}, {**answers, "f": (4, 5)}, (("a", "g"),)) == "parts b and f have the same answer"
