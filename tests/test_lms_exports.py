"""What the three LMS exports (Moodle, Canvas, QTI 2.1) share: a problem with a part the LMS
cannot be given is left out with one sentence naming it, its kind and its part, and the rest is
exported; the note on fraction kinds; plain-text math for feedback."""

import xml.etree.ElementTree as ET

import pytest

from probgen.generator import canvas_package, canvas_qti, keyfile, moodle_bank, qti21, qti21_package, registry
from probgen.generator import worksheet as ws
from probgen.generator.formats import get
from probgen.generator.instances import sample
from probgen.generator.lms import DECIMALS_NOTE, asks_fractions, plain_math
from probgen.grader.types import TYPES
from probgen.grader.types.base import AnswerType


@pytest.fixture
def odd_and_good(monkeypatch):
    """A problem whose part has a type no LMS form was written for, and an ordinary one."""
    base = TYPES["integer"]
    monkeypatch.setitem(TYPES, "tally", AnswerType("tally", base.read, base.compare, base.expected))
    instance = sample(registry.find("pooling.output-size"), 1)
    key = keyfile.key_problem(instance)
    odd = dict(key, id="pooling.output-size@1:2", parts=[dict(key["parts"][0], type="tally")])
    return odd, key, ws.statement(instance, "html"), ws.solution(instance, "html")


def test_moodle_leaves_out_a_problem_it_cannot_ask(odd_and_good):
    odd, good, statement, solution = odd_and_good
    skipped = []
    text = moodle_bank.bank_xml([moodle_bank.Question(odd, statement, solution),
                                 moodle_bank.Question(good, statement, solution)], skipped)
    assert skipped == ["pooling.output-size@1:2 (pooling.output-size) is left out of the Moodle export: part (a) "
                       "has answer type 'tally', which the Moodle export does not know."]
    names = [q.find("name/text").text for q in ET.fromstring(text).findall("question[@type='cloze']")]
    assert names == [good["id"]]


def test_canvas_leaves_out_a_problem_it_cannot_ask(odd_and_good):
    odd, good, statement, solution = odd_and_good
    built = canvas_package.package([canvas_qti.Question(odd, statement, solution),
                                    canvas_qti.Question(good, statement, solution)], get("canvas-html").inline)
    assert built.skipped == ["pooling.output-size@1:2 (pooling.output-size) is left out of the Canvas export: "
                             "part (a) has answer type 'tally', which the Canvas and QTI exports do not know."]
    items = [f for f in built.files if f.endswith(".xml") and "/" in f and not f.endswith("meta.xml")]
    assert len(items) == 1 and good["id"].encode() in built.files[items[0]]


def test_qti21_leaves_out_a_problem_it_cannot_ask(odd_and_good):
    odd, good, statement, solution = odd_and_good
    skipped = []
    files = qti21_package.package([qti21.Question(odd, statement, solution), qti21.Question(good, statement, solution)],
                                  get("html").inline, "T", skipped)
    assert skipped == ["pooling.output-size@1:2 (pooling.output-size) is left out of the QTI 2.1 export: part (a) "
                       "has answer type 'tally', which the Canvas and QTI exports do not know."]
    assert [n for n in files if n.startswith("items/")] == [f"items/{qti21.qti_id('I', good['id'])}.xml"]


def test_the_kinds_that_ask_for_fractions_are_the_four_the_issue_found_and_the_new_ones():
    asking = set()
    for kind in registry.latest_kinds():
        instance = sample(kind, 3)
        statement = ws.statement(instance, "html")
        if any(asks_fractions(statement, p.prompt) for p in instance.parts):
            asking.add(kind.id)
    assert asking == {"pooling.avg-values", "pooling.avg-backward", "conv1d.numeric", "layers.depthwise-separable",
                      "conv1d.true-convolution", "layers.flops"}
    assert "at least 4 significant digits (0.3333)" in DECIMALS_NOTE


@pytest.mark.parametrize("dialect, plain", [
    (r"You used $\lfloor (n - k)/s \rfloor$ without the $+1$.", "You used ⌊ (n - k)/s ⌋ without the +1."),
    (r"$x_{1} \times w_2$ and $\frac{a}{b}$", "x1 × w2 and (a)/(b)"),
    (r"**Careful**: $a < b$ & $H'$", "Careful: a &lt; b &amp; H'"),
])
def test_feedback_math_is_plain_text(dialect, plain):
    assert plain_math(dialect) == plain


def test_every_spelling_an_lms_accepts_is_one_probgen_accepts():
    """The lists of spellings given to Moodle, Canvas and QTI never accept what probgen rejects."""
    from probgen.grader.compare import grade_part

    checked = 0
    for kind in registry.latest_kinds():
        key = keyfile.key_problem(sample(kind, 5))
        for part in key["parts"]:
            for box in TYPES[part["type"]].boxes(part):
                if box.kind != "text":
                    continue
                for spelling in box.accepted:
                    answer = spelling
                    if box.where:  # one entry of an array: the rest as the key has it
                        answer = _with_entry(part["answer"], box.where, spelling)
                    assert grade_part(part, answer).correct, (key["id"], part["label"], spelling)
                    checked += 1
    assert checked > 300


def _with_entry(value, where, entry):
    copy = [list(v) if isinstance(v, list) else v for v in value]
    if len(where) == 1:
        copy[where[0]] = entry
        return copy
    copy[where[0]] = _with_entry(value[where[0]], where[1:], entry)
    return copy
