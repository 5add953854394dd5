"""The answer-type registry: one module per family, names exactly the contract's, and a new
type added as one module (a throwaway ``percent`` type, graded, shown on a sheet, written to a
key and exported to Moodle, Canvas and QTI 2.1 without touching the grader or the generator)."""

import importlib.util
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

import probgen.grader.types as types
from probgen.contract import ANSWER_TYPES
from probgen.generator import formats, instances, keyfile, moodle, render, worksheet
from probgen.problems import model
from probgen.grader.compare import grade_part
from probgen.grader.errors import BadKey
from probgen.grader.report import grade_submission
from probgen.grader.types.base import AnswerType


def test_the_registry_names_exactly_the_contracts_answer_types():
    assert tuple(types.TYPES) == ANSWER_TYPES
    assert all(isinstance(t, AnswerType) and t.name == name for name, t in types.TYPES.items())


def test_every_type_module_is_registered():
    folder = Path(types.__file__).parent
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__", "base"}
    assert {m.__name__.rpartition(".")[2] for m in types.MODULES} == modules
    assert modules == {"number", "shape", "arrays", "expression", "choice"}


PERCENT_MODULE = '''
    """A throwaway answer type: a share written as a percentage (``45%``) or a fraction (``0.45``)."""

    from probgen.grader.errors import BadKey, Unreadable
    from probgen.grader.read.numbers import format_number, read_number
    from probgen.grader.types.base import CORRECT, TEXT_BOX, AnswerType, Box, no_credit


    def read(value, spec):
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and text.endswith("%"):
            number = read_number(text[:-1])
            return number.value / 100
        if isinstance(text, str) and not text:
            raise Unreadable("write it like 45% or 0.45.")
        return read_number(text).value


    def compare(reference, answer, spec):
        if answer == reference:
            return CORRECT
        if answer == reference * 100:
            return no_credit("Not correct: that is the percentage; add the % sign or divide by 100.")
        return no_credit("Not correct.")


    def expected(reference, raw, spec):
        return f"{format_number(read_number(reference * 100))}%"


    def check(reference, spec):
        if not 0 <= reference <= 1:
            raise BadKey(f"the reference answer of percent part {spec.label} is not between 0% and 100%.")


    def sheet(value, fmt, options):
        return fmt.math(fmt.tex(value * 100) + r"\\%")


    def cloze(part, weight, cloze):
        def percent(answer):
            return [cloze.numeric_answer(read(answer, None) * 100)]

        alternatives = cloze.alternatives(percent(part["answer"]), cloze.wrong(part, percent))
        return cloze.subquestion(weight, "NUMERICAL", alternatives)


    def boxes(part):
        shown = f"{float(read(part['answer'], None) * 100):g}"
        return [Box(TEXT_BOX, part["answer"], accepted=(f"{shown}%", f"{shown} %"))]


    # The key form is the default one: a Fraction is written "3/8", which read() reads back.
    TYPES = (AnswerType("percent", read, compare, expected, check=check, sheet=sheet, cloze=cloze, boxes=boxes),)
'''


@pytest.fixture
def percent(tmp_path, monkeypatch):
    """The throwaway module, written to a file, imported, and registered for this test only."""
    path = tmp_path / "percent_type.py"
    path.write_text(textwrap.dedent(PERCENT_MODULE))
    spec = importlib.util.spec_from_file_location("percent_type", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for answer_type in module.TYPES:
        monkeypatch.setitem(types.TYPES, answer_type.name, answer_type)
    return {"label": "p", "type": "percent", "answer": "3/8", "points": 2,
            "misconceptions": [{"answer": "5/8", "feedback": "That is the share of the other class."}]}


def test_a_new_type_is_graded_through_its_module_alone(percent):
    right = grade_part(percent, "37.5%")
    assert (right.score, right.correct, right.feedback, right.expected) == (2, True, "Correct.", "75/2%")
    assert grade_part(percent, 0.375).correct
    hint = grade_part(percent, "37.5")
    assert (hint.score, hint.feedback) == (0, "Not correct: that is the percentage; add the % sign or divide by 100.")
    mistake = grade_part(percent, "62.5%")
    assert mistake.feedback == "That is the share of the other class."
    unreadable = grade_part(percent, "lots%")
    assert unreadable.score == 0 and "could not read 'lots' as a number" in unreadable.feedback
    assert grade_part(percent, "").feedback == "No answer."


def test_a_new_types_key_check_and_submissions(percent):
    with pytest.raises(BadKey, match="percent part p is not between 0% and 100%"):
        grade_part(dict(percent, answer="3/2"), "1")
    problem = {"id": "stats.share@1:1", "title": "Share", "parts": [percent]}
    report = grade_submission({"answers": {"stats.share@1:1": {"p": "37.5 %"}}}, None, "s.json",
                              key_problems=[problem])
    assert (report.score, report.max_score) == (2, 2)


SHARE_TEMPLATE = """{% block statement %}
A class of {{ params.n }} has {{ params.k }} students who passed.
{% endblock %}
{% block solution %}
The share is $k / n$.
{% endblock %}
"""


@pytest.fixture
def share_kind(percent, tmp_path, monkeypatch):
    """A kind asking for a percent, its template in a folder of its own; the contract's list of
    answer types names ``percent`` for this test only."""
    monkeypatch.setattr(model, "ANSWER_TYPES", (*ANSWER_TYPES, "percent"))
    (tmp_path / "kinds").mkdir()
    (tmp_path / "kinds" / "stats.share.j2").write_text(SHARE_TEMPLATE, encoding="utf-8")
    render.add_template_folder(tmp_path)
    yield model.Kind(
        id="stats.share", version=1, title="Share", parts=model.fixed_parts(
            model.Part("p", "The share of the class that passed.", "percent", points=2)),
        sample=lambda rng, difficulty: {"n": 8, "k": 3}, validate=lambda params: None,
        solve=lambda params: {"p": Fraction(params["k"], params["n"])},
        misconceptions=(model.Misconception("failed", "That is the share of the other class.",
                                            lambda params: {"p": 1 - Fraction(params["k"], params["n"])}),))
    render.remove_template_folder(tmp_path)


@pytest.mark.parametrize("name", list(formats.FORMATS))
def test_a_new_type_is_shown_on_a_sheet_through_its_module(share_kind, name):
    fmt = formats.get(name)
    view = worksheet.problem_view(1, instances.sample(share_kind, 1), name, solutions=True)
    assert view["parts"][0]["shown"] == fmt.finish(r"$\frac{75}{2}\%$")


def test_a_new_type_is_written_to_a_key_that_grades(share_kind):
    entry = keyfile.key_problem(instances.sample(share_kind, 1))
    part = entry["parts"][0]
    assert (part["type"], part["answer"], part["misconceptions"][0]["answer"]) == ("percent", "3/8", "5/8")
    assert grade_part(part, "37.5%").correct
    assert grade_part(part, "62.5%").feedback == "That is the share of the other class."


def test_a_new_type_is_exported_to_moodle_through_its_module(share_kind):
    entry = keyfile.key_problem(instances.sample(share_kind, 1))
    assert moodle.question_html("<p>Statement</p>", entry).splitlines() == [
        '<div class="probgen-statement"><p>Statement</p></div>',
        "<p><strong>(p)</strong> The share of the class that passed. <em>(2 points)</em></p>",
        "<p>{5040:NUMERICAL:=37.5:0~%0%62.5:0#That is the share of the other class.}</p>",
    ]


def test_a_new_type_is_exported_to_canvas_and_qti_through_its_module(share_kind):
    import xml.etree.ElementTree as ET

    from probgen.generator import canvas_qti, qti21

    entry = keyfile.key_problem(instances.sample(share_kind, 1))
    item = canvas_qti.question_item(canvas_qti.Question(entry, "<p>Statement</p>", "<p>Solution</p>"),
                                    formats.get("canvas-html").inline, {})
    assert [v.text for v in item.iter("varequal")] == ["37.5%", "37.5 %"]  # the file's root names the namespace
    _, data = qti21.item_xml(qti21.Question(entry, "<p>Statement</p>", "<p>Solution</p>"), formats.get("html").inline, {})
    root = ET.fromstring(data)
    assert [e.get("mapKey") for e in root.iter(f"{{{qti21.QTI}}}mapEntry")] == ["37.5%", "37.5 %"]


def test_the_throwaway_type_is_gone_afterwards():
    assert "percent" not in types.TYPES and "percent" not in model.ANSWER_TYPES
    with pytest.raises(BadKey, match="unknown answer type 'percent'"):
        grade_part({"label": "p", "type": "percent", "answer": "1/2"}, "50%")
