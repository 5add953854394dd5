"""The answer-type registry: one module per family, names exactly the contract's, and a new
type added as one module (a throwaway ``percent`` type, graded without touching the grader)."""

import importlib.util
import textwrap
from pathlib import Path

import pytest

import probgen.grader.types as types
from probgen.contract import ANSWER_TYPES
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
    from probgen.grader.types.base import CORRECT, AnswerType, no_credit


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


    TYPES = (AnswerType("percent", read, compare, expected, check=check),)
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


def test_the_throwaway_type_is_gone_afterwards():
    assert "percent" not in types.TYPES
    with pytest.raises(BadKey, match="unknown answer type 'percent'"):
        grade_part({"label": "p", "type": "percent", "answer": "1/2"}, "50%")
