"""The concept kinds that ask one of several questions per difficulty: version 2 of the first
eight, and the six added by issue 14.

The hand-checked cases below were read option by option: the numbers in them were worked out
by hand (H + 2P - K + 1, half turns of 2 x 2 kernels, where a max-pool gradient goes), not by
the code under test. The property tests go through every question of every bank and many
seeds at every difficulty.
"""

import re
from fractions import Fraction

import pytest

from probgen.generator import instances, keyfile, registry, render, worksheet
from probgen.grader import report
from probgen.problems.concepts.bank import BANKS, LETTERS, RIGHT
from probgen.problems.core.sizes import out_size
from probgen.problems.model import DIFFICULTIES, ParamError

ORDER_2 = (
    "concepts.output-size-formula", "concepts.same-padding", "concepts.cross-correlation",
    "concepts.translation-equivariance", "concepts.untrained-equivariance", "concepts.pooling-invariance",
    "concepts.relu-maxpool", "concepts.maxpool-backward-words", "concepts.sharing-saves", "concepts.sharing-assumes",
    "concepts.no-sharing-features", "concepts.kernel-as-input", "concepts.feature-hierarchy", "concepts.cnn-vs-mlp",
)
NEW = {"concepts.relu-maxpool", "concepts.feature-hierarchy", "concepts.output-size-formula", "concepts.same-padding",
       "concepts.no-sharing-features", "concepts.maxpool-backward-words"}
KINDS = [registry.find(kind_id) for kind_id in ORDER_2]


def bank(kind):
    return BANKS[(kind.id, kind.version)]


def choices(inst):
    (part,) = inst.parts
    assert part.label == "a" and part.type == "choice"
    return part.options["choices"]


def grade(inst, letter):
    entry = keyfile.key_problem(inst)
    graded = report.grade_submission({"answers": {inst.id: {"a": letter}}}, lambda _id: entry, "key")
    (part,) = graded.problems[0].parts
    return part


#: Version 3 of the topic: kinds whose feedback did not fit some of their questions, bumped.
REWORDED = {"concepts.output-size-formula": 2, "concepts.relu-maxpool": 2, "concepts.translation-equivariance": 3}


def test_topic_version_2_holds_the_fourteen_kinds_and_the_bumped_versions():
    assert tuple(entry.partition("@")[0] for entry in registry.orders("concepts")[2]) == ORDER_2
    assert [(k.id, k.version) for k in registry.of_topic("concepts", 2)] == [
        (kind_id, 1 if kind_id in NEW else 2) for kind_id in ORDER_2]
    assert registry.orders("concepts")[3] == ORDER_2
    assert [k.id for k in registry.of_topic("concepts")] == list(ORDER_2)
    for kind in KINDS:
        assert kind.version == REWORDED.get(kind.id, 1 if kind.id in NEW else 2), kind.id
        if kind.id not in NEW:
            assert registry.find(kind.id, 1).version == 1


# ---- hand-checked problems: one per kind ------------------------------------------------

# kind, seed, difficulty, the question drawn, a phrase of its stem, then the four options as
# shown (A to D): the mistake each wrong one stands for (RIGHT for the right one) and its text.
HAND = [
    ("concepts.output-size-formula", 1, "easy", "stride-one-12-5-2", "input height $H = 12$, kernel height $K = 5$",
     [("padding-once", "$10$"), (RIGHT, "$12$"), ("forgot-plus-one", "$11$"), ("padding-ignored", "$8$")]),
    ("concepts.same-padding", 3, "medium", "rectangle-3x5", "a kernel of height 3 and width 5",
     [("p-is-1-always", "$(P_h, P_w) = (1, 1)$"), ("p-equals-k-minus-1", "$(P_h, P_w) = (2, 4)$"),
      (RIGHT, "$(P_h, P_w) = (1, 2)$"), ("axes-swapped", "$(P_h, P_w) = (2, 1)$")]),
    ("concepts.cross-correlation", 5, "hard", "load-other", "\\begin{bmatrix} 1 & 4 \\\\ 0 & 2 \\end{bmatrix} \\; ?",
     [("transpose-not-flip", "$\\begin{bmatrix} 1 & 0 \\\\ 4 & 2 \\end{bmatrix}$"),
      ("always-equal", "$\\begin{bmatrix} 1 & 4 \\\\ 0 & 2 \\end{bmatrix}$"),
      ("flip-left-right", "$\\begin{bmatrix} 4 & 1 \\\\ 2 & 0 \\end{bmatrix}$"),
      (RIGHT, "$\\begin{bmatrix} 2 & 0 \\\\ 4 & 1 \\end{bmatrix}$")]),
    ("concepts.translation-equivariance", 2, "easy", "shift-right", "moved two pixels to the right",
     [(RIGHT, "$Y$ moved two pixels to the right: convolution is equivariant to translation."),
      ("shift-reversed-by-flip", "$Y$ moved two pixels to the left, because convolution flips the kernel."),
      ("invariant-not-equivariant", "Exactly $Y$, unchanged: convolution is invariant to translation."),
      ("weights-per-position", "An unrelated feature map, because each position of the image has its own weights.")]),
    ("concepts.untrained-equivariance", 9, "medium", "with-bias", "moved five pixels to the left",
     [("relu-breaks-equivariance", "Only the first convolution's maps are moved copies; the ReLU after it breaks "
                                   "the equivariance."),
      (RIGHT, "The original last maps, moved five pixels to the left."),
      ("bias-breaks", "Not moved copies of the original maps: the random biases break the equivariance."),
      ("shift-reversed", "The original last maps, moved five pixels to the right.")]),
    ("concepts.pooling-invariance", 10, "hard", "two-pixel", "moved two pixels to the right",
     [("stride-ignored", "$P$ moved two positions to the right."),
      ("pooling-breaks-equivariance", "A map that is not a moved copy of $P$, because pooling destroys equivariance."),
      (RIGHT, "$P$ moved one position to the right."),
      ("exact-global-invariance", "Exactly $P$: pooling makes the output invariant to shifts.")]),
    ("concepts.relu-maxpool", 1, "easy", "which-pooling", "For which pooling can the ReLU be moved after",
     [("only-avg-commutes", "Average pooling, but not max pooling."),
      ("avg-commutes-too", "Both max pooling and average pooling."),
      ("neither-commutes", "Neither: the ReLU must always come before the pooling."),
      (RIGHT, "Max pooling, but not average pooling.")]),
    ("concepts.maxpool-backward-words", 2, "medium", "max-window", "\\begin{bmatrix} 1 & 5 \\\\ 3 & 2 \\end{bmatrix}",
     [(RIGHT, "$\\begin{bmatrix} 0 & 4 \\\\ 0 & 0 \\end{bmatrix}$"),
      ("max-gets-value", "$\\begin{bmatrix} 0 & 5 \\\\ 0 & 0 \\end{bmatrix}$"),
      ("max-spreads", "$\\begin{bmatrix} 1 & 1 \\\\ 1 & 1 \\end{bmatrix}$"),
      ("max-gradient-one", "$\\begin{bmatrix} 0 & 1 \\\\ 0 & 0 \\end{bmatrix}$")]),
    ("concepts.sharing-saves", 11, "hard", "gradient", "one of the kernel's 9 weights",
     [("gradient-per-copy", "Each of the 900 positions gets a gradient of its own and updates its own copy of the "
                            "weight."),
      (RIGHT, "The sum, over the 900 positions, of the upstream gradient there times the input that the weight "
              "multiplies there."),
      ("gradient-average", "The average, over the 900 positions, of the upstream gradient there times the input "
                           "that the weight multiplies there."),
      ("gradient-one-position", "The upstream gradient times the input at the position with the largest output "
                                "only.")]),
    ("concepts.sharing-assumes", 3, "easy", "name", "Which name and description fit that assumption?",
     [("pixels-independent", "Independence: neighbouring pixels are statistically independent."),
      ("invariance-not-stationarity", "Invariance: the label of an image does not change when the image is shifted."),
      (RIGHT, "Stationarity: the statistics of small patches do not depend on where in the image they are."),
      ("sharing-assumes-locality", "Locality: each output depends only on a small neighbourhood of pixels.")]),
    ("concepts.no-sharing-features", 1, "medium", "logo", "the logo appears in the bottom right corner",
     [("lc-kernels-converge", "The kernels at the bottom right detect it too, because all kernels are trained on "
                              "the same loss."),
      ("lc-equivariant", "The response simply moves to the bottom right, as in a convolution."),
      ("lc-invariant", "The outputs are the same as for a logo at the top left, since the layer does not care where "
                       "the logo is."),
      (RIGHT, "The kernels at the bottom right never learned the logo, so they are unlikely to detect it.")]),
    ("concepts.kernel-as-input", 2, "hard", "padding-one", "with stride 1 but padding 1",
     [(RIGHT, "$1 \\times 3 \\times 3$: the filter fits at 9 positions and is shared between them, so the layer is "
              "no longer a dense layer."),
      ("thinks-same", "$1 \\times 4 \\times 4$: padding 1 keeps the size, and the filter is shared over 16 positions."),
      ("padding-ignored", "$1 \\times 1 \\times 1$: a kernel as large as the input fits once, so the layer is still "
                          "a dense layer."),
      ("padding-once", "$1 \\times 2 \\times 2$: the filter fits at 4 positions and is shared between them.")]),
    ("concepts.feature-hierarchy", 11, "easy", "late", "units of its last convolutional layers",
     [("all-layers-same", "The same edges as the first layer, since every layer uses the same kind of "
                          "$3 \\times 3$ kernel."),
      (RIGHT, "Object parts and whole objects, over large regions of the image."),
      ("late-detects-edges", "Edges, at a finer scale than those of the first layer."),
      ("late-detects-pixels", "Single pixel values, the simplest form of the information.")]),
    ("concepts.cnn-vs-mlp", 3, "medium", "param-count", "16 filters of size $3 \\times 3$, stride 1 and padding 1",
     [("forgot-channels", "$144$ for the convolution and $50\\,331\\,648$ for the dense layer."),
      ("dense-per-channel", "$432$ for the convolution and $3072 \\cdot 16 = 49\\,152$ for the dense layer."),
      (RIGHT, "$432$ for the convolution and $3072 \\cdot 16\\,384 = 50\\,331\\,648$ for the dense layer."),
      ("counted-per-position", "$432 \\cdot 1024 = 442\\,368$ for the convolution and $50\\,331\\,648$ for the "
                               "dense layer.")]),
]


@pytest.mark.parametrize("kind_id, seed, difficulty, question, stem, shown", HAND, ids=[h[0] for h in HAND])
def test_a_seed_shows_the_expected_question_and_grades_every_option(kind_id, seed, difficulty, question, stem, shown):
    kind = registry.find(kind_id)
    inst = instances.sample(kind, seed, difficulty)
    assert inst.params["question"] == question
    assert stem in worksheet.statement(inst, "md")
    assert choices(inst) == [text for _, text in shown]
    right = LETTERS[[name for name, _ in shown].index(RIGHT)]
    assert inst.answers == {"a": right}
    assert grade(inst, right).score == 1
    pool = {}
    for m in kind.misconceptions:  # the pool's feedback comes first; a question may give its own
        pool.setdefault(m.name, m.feedback)
    asked = next(q for q in bank(kind) if q.name == question)
    feedback = {**pool, **asked.feedback}
    for letter, (name, _) in zip(LETTERS, shown):
        if name == RIGHT:
            continue
        part = grade(inst, letter)
        assert not part.correct and part.score == 0
        assert feedback[name] in part.feedback
        assert [m.name for m, answers in inst.wrong if answers == {"a": letter}] == [name]


# ---- numbers in the options, against the convolution core ----------------------------------


def _number(text):
    value = re.fullmatch(r"\$(?:\\tfrac\{(\d+)\}\{(\d+)\}|(-?\d+))\$", text.split(":")[0])
    assert value, text
    return Fraction(int(value[1]), int(value[2])) if value[1] else Fraction(int(value[3]))


def test_every_output_size_question_with_numbers_has_the_size_the_core_computes():
    kind = registry.find("concepts.output-size-formula")
    checked = 0
    for q in bank(kind):
        g = q.values
        if "h" in g:
            assert _number(q.right) == out_size(g["h"], g["k"], g.get("s", 1), g["p"], g.get("d", 1)), q.name
            assert all(_number(text) != _number(q.right) for text in q.wrong.values()), q.name
            checked += 1
    assert checked >= 20


def test_every_same_padding_answer_keeps_the_size_and_no_wrong_one_does():
    kind = registry.find("concepts.same-padding")
    for q in bank(kind):
        g = q.values
        if q.stem == "odd-kernel" or q.stem == "dilated":
            d = g.get("d", 1)
            for text in [q.right, *q.wrong.values()]:
                p = int(re.fullmatch(r"\$P = (\d+)\$", text)[1])
                assert (out_size(32, g["k"], 1, p, d) == 32) == (text == q.right), (q.name, text)


# ---- properties over every question and many seeds -------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=ORDER_2)
def test_every_question_has_a_larger_pool_of_real_mistakes(kind):
    questions = bank(kind)
    names = {m.name for m in kind.misconceptions}
    assert len(names) >= 8 and RIGHT not in names
    for q in questions:
        texts = [q.right, *q.wrong.values()]
        assert len(q.wrong) >= 3 and len(set(texts)) == len(texts), q.name
        assert set(q.wrong) <= names
    assert {name for q in questions for name in q.wrong} == names


@pytest.mark.parametrize("kind", KINDS, ids=ORDER_2)
def test_seeds_give_at_least_four_stems_and_each_difficulty_its_own(kind):
    stems = {}
    for difficulty in DIFFICULTIES:
        stems[difficulty] = {worksheet.statement(instances.sample(kind, seed, difficulty), "md") for seed in range(120)}
        assert len(stems[difficulty]) >= 2, (kind.id, difficulty)
    assert len(set().union(*stems.values())) >= 6
    easy, medium, hard = (stems[d] for d in DIFFICULTIES)
    assert not (easy & medium) and not (medium & hard) and not (easy & hard)


@pytest.mark.parametrize("kind", KINDS, ids=ORDER_2)
def test_every_question_is_asked_at_its_difficulty(kind):
    for difficulty in DIFFICULTIES:
        asked = {instances.sample(kind, seed, difficulty).params["question"] for seed in range(400)}
        assert asked == {q.name for q in bank(kind) if q.level == difficulty}, (kind.id, difficulty)


@pytest.mark.parametrize("kind", KINDS, ids=ORDER_2)
def test_options_are_distinct_and_the_right_one_is_shown_once(kind):
    texts = {q.name: q.right for q in bank(kind)}
    for difficulty in DIFFICULTIES:
        letters = set()
        for seed in range(200):
            inst = instances.sample(kind, seed, difficulty)
            shown = choices(inst)
            assert len(shown) == 4 and len(set(shown)) == 4
            assert shown.count(texts[inst.params["question"]]) == 1
            assert shown[LETTERS.index(inst.answers["a"])] == texts[inst.params["question"]]
            wrong = sorted(answers["a"] for _, answers in inst.wrong if answers)
            assert sorted([inst.answers["a"], *wrong]) == list(LETTERS)
            letters.add(inst.answers["a"])
        assert letters == set(LETTERS)


def prose(text):
    """The text with its math taken out (display math first, then inline)."""
    text = re.sub(r"\$\$.+?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\\\[.+?\\\]", " ", text, flags=re.S)
    return re.sub(r"\$[^$]+\$", " ", text)


@pytest.mark.parametrize("kind", KINDS, ids=ORDER_2)
def test_every_question_renders_in_every_format_and_explains_the_shown_options(kind):
    for q in bank(kind):
        inst = instances.from_params(kind, {"question": q.name, "shuffle": 11})
        for fmt in render.OUTPUT_FORMATS:
            statement, solution = worksheet.statement(inst, fmt), worksheet.solution(inst, fmt)
            assert len(statement) > 40 and len(solution) > 80, (q.name, fmt)
        for fmt in render.FORMATS:
            statement, solution = worksheet.statement(inst, fmt), worksheet.solution(inst, fmt)
            for text in [statement, solution, *choices(inst)]:
                assert text.count("$") % 2 == 0, (q.name, text)
                assert not re.search(r"[%&#_^~\\{}<>]", prose(text)), (q.name, fmt, prose(text))
            # The sheet layout lists the options; a stem may quote a value one of them repeats.
            assert sum(option in statement for option in choices(inst)) <= 1, q.name
            for letter, option in zip(LETTERS, choices(inst)):
                if letter != inst.answers["a"]:
                    assert f"Why not ({letter})?" in solution, (q.name, letter)
            assert solution.rstrip().endswith(f"The answer is ({inst.answers['a']}): {q.right}")


@pytest.mark.parametrize("kind", KINDS, ids=ORDER_2)
def test_feedback_is_one_or_two_plain_sentences_safe_in_every_format(kind):
    for m in kind.misconceptions:
        assert m.feedback.endswith(".") and not re.search(r"[$%&#_^~\\{}<>]", m.feedback), m.feedback
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", m.feedback)) <= 2, m.feedback


# ---- params -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=ORDER_2)
def test_a_question_given_by_hand_is_asked_at_any_difficulty(kind):
    hardest = next(q for q in bank(kind) if q.level == "hard")
    inst = instances.sample(kind, 5, "easy", given={"question": hardest.name})
    assert inst.params["question"] == hardest.name
    assert choices(inst).count(hardest.right) == 1


@pytest.mark.parametrize("params, words", [
    ({}, ["missing param", "question", "shuffle"]),
    ({"question": "nope", "shuffle": 1}, ["param 'question'", "concepts.same-padding", "odd-3", "'nope'"]),
    ({"question": ["odd-3"], "shuffle": 1}, ["param 'question'"]),
    ({"question": "odd-3", "shuffle": -1}, ["param 'shuffle'", "at least 0"]),
    ({"question": "odd-3", "shuffle": "7"}, ["param 'shuffle'", "whole number"]),
    ({"question": "odd-3", "shuffle": True}, ["param 'shuffle'", "whole number"]),
])
def test_bad_params_are_refused_in_one_sentence(params, words):
    with pytest.raises(ParamError) as info:
        registry.find("concepts.same-padding").validate(params)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message
    for word in words:
        assert word in message


# ---- feedback that fits its question ----------------------------------------------------------


def why_not(inst):
    """The solution's "Why not (X)?" feedback by letter."""
    text = " ".join(worksheet.solution(inst, "md").split())
    return dict(re.findall(r"Why not \(([A-D])\)\? (.+?)(?= Why not| The answer is)", text))


def key_feedback(inst, letter):
    (part,) = keyfile.key_problem(inst)["parts"]
    return [m["feedback"] for m in part["misconceptions"] if m["answer"] == letter]


def test_a_pooling_formula_without_padding_is_not_answered_with_padding_and_stride_1():
    kind = registry.find("concepts.output-size-formula", 2)
    forgot_k = "$\\left\\lfloor \\frac{H}{S} \\right\\rfloor + 1$"
    inst = next(i for i in (instances.from_params(kind, {"question": "pooling", "shuffle": n}) for n in range(40))
                if forgot_k in choices(i))
    letter = LETTERS[choices(inst).index(forgot_k)]
    for said in (why_not(inst)[letter], *key_feedback(inst, letter)):
        assert "2P + 1" not in said and "stride 1" not in said and "minus K" in said
    old = instances.from_params(registry.find("concepts.output-size-formula", 1), inst.params)
    assert "not H + 2P + 1" in why_not(old)[letter]  # version 1 keeps what its keys say


def test_relu_and_average_pooling_feedback_argues_from_no_window_of_its_own():
    kind = registry.find("concepts.relu-maxpool", 2)
    inst = instances.sample(kind, 9390761, "medium")  # the window [[-6, 2], [1, -1]]
    assert "-6 & 2" in worksheet.statement(inst, "md")
    said = " ".join(why_not(inst).values())
    assert "(-2, 2)" not in said and "negative entries pull the mean down" in said


def test_an_odd_shift_under_stride_2_gets_feedback_on_its_own_mistakes():
    kind = registry.find("concepts.translation-equivariance", 3)
    inst = instances.from_params(kind, {"question": "stride-odd-shift", "shuffle": 1})
    shown = dict(zip(LETTERS, choices(inst)))
    assert shown["B"] == "$Y$ moved one position to the right, as with stride 1."
    feedback = why_not(inst)
    assert "a one-pixel shift of the input falls between the positions it samples" in feedback["B"]
    assert key_feedback(inst, "B") == [feedback["B"]]
    assert grade(inst, "B").feedback == feedback["B"]
    for letter in ("A", "D"):  # neither says the output moves with the input, which the right answer denies
        assert "moves the same way" not in feedback[letter] and "move with the pattern" not in feedback[letter]
    # The same mistake on a question it fits keeps the pool's feedback.
    other = instances.from_params(kind, {"question": "stride-two", "shuffle": 1})
    assert any("s times coarser" in text for text in why_not(other).values())


def test_a_question_cannot_give_feedback_for_an_option_it_does_not_have():
    from probgen.problems.concepts.bank import Mistake, Question, bank_kind

    pool = [Mistake(f"m{i}", "Because.") for i in range(4)]
    asked = [Question(f"q-{level}", level, "Right.", {f"m{i}": f"Wrong {i}." for i in range(3)},
                      feedback={"m3": "Not shown here."}) for level in DIFFICULTIES]
    with pytest.raises(ValueError, match="feedback for options it does not have"):
        bank_kind("test-feedback", "Test", pool, asked, version=1)
