"""Version 1 of the first eight concepts kinds: one question each, options shuffled per seed.

Version 1 stays registered so that every id issued with it regenerates; the banks of version 2
and of the later kinds are tested in test_concepts_bank.py. Every version-1 kind has a fixed
list of four options, the right one first (index 0) and the three distractors after it
(1, 2, 3); ``order`` is the order in which that list is shown. The
expected letters below are worked out by hand from the order, not by the code under test:
``order = [2, 0, 3, 1]`` shows option 2 at A, option 0 at B, option 3 at C and option 1 at D.
"""

import itertools
import re

import pytest

from probgen.generator import instances, keyfile, registry, render
from probgen.problems.model import DIFFICULTIES, ParamError

# kind id, a phrase only the right option contains, then the distractors' misconception
# names in the order of the fixed list (options 1, 2, 3) with a phrase of each one's text.
QUESTIONS = [
    ("concepts.translation-equivariance", "equivariant to translation",
     [("invariant-not-equivariant", "invariant to translation"),
      ("weights-per-position", "its own weights"),
      ("shift-reversed-by-flip", "to the left")]),
    ("concepts.pooling-invariance", "Approximate invariance to small shifts",
     [("exact-global-invariance", "Exact invariance"),
      ("pooling-creates-equivariance", "Translation equivariance"),
      ("pooling-only-shrinks", "only makes the feature map smaller")]),
    ("concepts.sharing-saves", "Parameters",
     [("sharing-saves-compute", "Multiplications"),
      ("sharing-shrinks-output", "Output size"),
      ("local-as-dense", "Nothing")]),
    ("concepts.sharing-assumes", "stationarity",
     [("fixed-object-position", "same position"),
      ("pixels-independent", "independent"),
      ("symmetric-kernel", "symmetric")]),
    ("concepts.cross-correlation", "costs nothing",
     [("library-flips-kernel", "It is true convolution"),
      ("always-equal", "same output"),
      ("no-flip-loses-functions", "fewer functions")]),
    ("concepts.kernel-as-input", "weights of its own",
     [("keeps-spatial-size", "F \\times H \\times W"),
      ("still-shared", "fewer weights"),
      ("kernel-too-large", "cannot be computed")]),
    ("concepts.untrained-equivariance", "comes from the architecture",
     [("equivariance-is-learned", "unrelated"),
      ("untrained-is-invariant", "identical"),
      ("relu-breaks-equivariance", "ReLU")]),
    ("concepts.cnn-vs-mlp", "locality, weight sharing and equivariance",
     [("mlp-lacks-capacity", "cannot represent"),
      ("cnn-has-more-parameters", "more parameters"),
      ("cnn-is-just-faster", "cheaper to compute")]),
]
IDS = [q[0] for q in QUESTIONS]

# Orders worked by hand: where options 0, 1, 2 and 3 end up.
#   [0, 1, 2, 3]: 0 at A, 1 at B, 2 at C, 3 at D.
#   [2, 0, 3, 1]: 2 at A, 0 at B, 3 at C, 1 at D.
#   [3, 2, 1, 0]: 3 at A, 2 at B, 1 at C, 0 at D.
#   [1, 3, 0, 2]: 1 at A, 3 at B, 0 at C, 2 at D.
HAND_ORDERS = [
    ([0, 1, 2, 3], {0: "A", 1: "B", 2: "C", 3: "D"}),
    ([2, 0, 3, 1], {0: "B", 1: "D", 2: "A", 3: "C"}),
    ([3, 2, 1, 0], {0: "D", 1: "C", 2: "B", 3: "A"}),
    ([1, 3, 0, 2], {0: "C", 1: "A", 2: "D", 3: "B"}),
]


def test_topic_version_1_lists_the_eight_kinds_whose_version_1_stays_registered():
    assert registry.orders("concepts")[1] == tuple(f"{i}@1" for i in IDS)
    assert all(registry.find(kind_id, 1).version == 1 for kind_id in IDS)


def wrong(inst, name):
    (found,) = [answers for m, answers in inst.wrong if m.name == name]
    return found


def choices(inst):
    (part,) = inst.parts
    assert part.label == "a" and part.type == "choice"
    return part.options["choices"]


@pytest.mark.parametrize("kind_id, right, distractors", QUESTIONS, ids=IDS)
@pytest.mark.parametrize("order, where", HAND_ORDERS, ids=lambda v: str(v))
def test_letters_follow_the_order(kind_id, right, distractors, order, where):
    kind = registry.find(kind_id, 1)
    inst = instances.from_params(kind, {"order": order})
    shown = choices(inst)
    assert len(shown) == 4 and len(set(shown)) == 4
    assert inst.answers == {"a": where[0]}
    assert right in shown["ABCD".index(where[0])]
    for option, (name, phrase) in enumerate(distractors, start=1):
        assert wrong(inst, name) == {"a": where[option]}
        assert phrase in shown["ABCD".index(where[option])]
        assert right not in shown["ABCD".index(where[option])]
    assert not instances.degenerate(inst)


def test_the_example_of_the_brief():
    # order [2, 0, 3, 1] puts the original option 0 (the right one) at position B.
    kind = registry.find("concepts.translation-equivariance", 1)
    inst = instances.from_params(kind, {"order": [2, 0, 3, 1]})
    assert inst.answers["a"] == "B"
    assert choices(inst)[1] == "$Y$ shifted two pixels to the right: convolution is equivariant to translation."
    # Options 1, 2, 3 are invariant-not-equivariant, weights-per-position, shift-reversed-by-flip;
    # option 2 is shown at A, option 3 at C, option 1 at D.
    assert choices(inst)[0] == "An unrelated feature map, because each position of the image has its own weights."
    assert choices(inst)[2] == "$Y$ shifted two pixels to the left, because convolution flips the kernel."
    assert choices(inst)[3] == "Exactly $Y$, unchanged: convolution is invariant to translation."
    assert wrong(inst, "weights-per-position") == {"a": "A"}
    assert wrong(inst, "shift-reversed-by-flip") == {"a": "C"}
    assert wrong(inst, "invariant-not-equivariant") == {"a": "D"}


@pytest.mark.parametrize("kind_id", IDS)
def test_a_distractor_letter_gets_that_distractors_feedback(kind_id):
    from probgen.grader import report

    kind = registry.find(kind_id, 1)
    inst = instances.from_params(kind, {"order": [2, 0, 3, 1]})
    entry = keyfile.key_problem(inst)
    right = report.grade_submission({"answers": {inst.id: {"a": "B"}}}, lambda _id: entry, "key")
    assert right.score == right.max_score == 1
    # Option 1 is shown at D, option 2 at A, option 3 at C.
    for misconception, letter in zip(kind.misconceptions, "DAC"):
        graded = report.grade_submission({"answers": {inst.id: {"a": letter}}}, lambda _id: entry, "key")
        (part,) = graded.problems[0].parts
        assert not part.correct and part.score == 0
        assert misconception.feedback in part.feedback
        for other in kind.misconceptions:
            if other is not misconception:
                assert other.feedback not in part.feedback


@pytest.mark.parametrize("order, words", [
    ([0, 1, 2], ["order", "0, 1, 2 and 3"]),
    ([0, 0, 1, 2], ["order", "once each", "[0, 0, 1, 2]"]),
    ([1, 2, 3, 4], ["order", "0, 1, 2 and 3"]),
    ([0, 1, 2, 3, 4], ["order"]),
    ([0, 1, 2.5, 3], ["order"]),
    ([True, 0, 2, 3], ["order"]),
    (["0", "1", "2", "3"], ["order"]),
    ("0123", ["order"]),
    (None, ["order"]),
])
@pytest.mark.parametrize("kind_id", IDS)
def test_a_non_permutation_is_refused_in_one_sentence(kind_id, order, words):
    kind = registry.find(kind_id, 1)
    with pytest.raises(ParamError) as info:
        kind.validate({"order": order})
    message = str(info.value)
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("kind_id", IDS)
def test_a_missing_order_is_named(kind_id):
    with pytest.raises(ParamError, match="missing param 'order'"):
        registry.find(kind_id, 1).validate({})


@pytest.mark.parametrize("kind_id", IDS)
def test_every_permutation_is_valid(kind_id):
    kind = registry.find(kind_id, 1)
    for order in itertools.permutations(range(4)):
        kind.validate({"order": list(order)})


@pytest.mark.parametrize("kind_id", IDS)
def test_500_seeds_give_every_order_and_no_degenerate_instance(kind_id):
    kind = registry.find(kind_id, 1)
    for difficulty in DIFFICULTIES:
        seen = set()
        for seed in range(500):
            inst = instances.sample(kind, seed, difficulty)
            kind.validate(inst.params)
            assert set(inst.params) == {"order"}
            assert sorted(inst.params["order"]) == [0, 1, 2, 3]
            assert instances.degenerate(inst) is False
            letters = [inst.answers["a"]] + [answers["a"] for _, answers in inst.wrong]
            assert sorted(letters) == ["A", "B", "C", "D"]
            seen.add(tuple(inst.params["order"]))
        assert len(seen) == 24


@pytest.mark.parametrize("kind_id", IDS)
def test_difficulty_is_ignored(kind_id):
    kind = registry.find(kind_id, 1)
    for seed in range(20):
        params = [instances.sample(kind, seed, d).params for d in DIFFICULTIES]
        assert params[0] == params[1] == params[2]


# ---- rendering ------------------------------------------------------------------------


def rendered(inst, block, fmt):
    ctx = {"params": inst.params, "answers": inst.answers, "parts": inst.parts, "steps": inst.steps()}
    return render.render_block(inst.kind.template_name, block, ctx, fmt)


def prose(text):
    """The text with its math taken out (display math first, then inline)."""
    text = re.sub(r"\$\$.+?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\\\[.+?\\\]", " ", text, flags=re.S)
    return re.sub(r"\$[^$]+\$", " ", text)


@pytest.mark.parametrize("kind_id", IDS)
@pytest.mark.parametrize("fmt", render.FORMATS)
def test_rendering_is_safe_and_names_the_right_option(kind_id, fmt):
    kind = registry.find(kind_id, 1)
    inst = instances.from_params(kind, {"order": [3, 1, 0, 2]})   # the right option 0 is at C
    statement = rendered(inst, "statement", fmt)
    solution = rendered(inst, "solution", fmt)
    shown = choices(inst)
    for text in [statement, solution, *shown]:
        assert text.count("$") % 2 == 0
        assert not re.search(r"[%&#_]", prose(text)), text
    for option in shown:
        assert option not in statement          # the sheet layout lists the options
    assert solution.rstrip().endswith(shown[2])
    assert "(C)" in solution
    if fmt == "tex":
        assert "$$" not in statement + solution


@pytest.mark.parametrize("kind_id", IDS)
def test_feedback_is_one_or_two_plain_sentences(kind_id):
    for m in registry.find(kind_id, 1).misconceptions:
        assert m.feedback.endswith(".") and "$" not in m.feedback
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", m.feedback)) <= 2, m.feedback
