"""Moodle XML question banks: one "Embedded answers (Cloze)" question per problem.

The file is what Moodle's "Moodle XML format" import reads (docs.moodle.org: Moodle XML
format; Embedded Answers (Cloze) question type)::

    <quiz>
      <question type="category"><category><text>$course$/top/probgen/<kind id></text></category></question>
      <question type="cloze">
        <name><text>problem id</text></name>
        <questiontext format="html"><text>statement HTML and the embedded subquestions</text></questiontext>
        <generalfeedback format="html"><text>worked solution HTML</text></generalfeedback>
        <defaultgrade>5040, every question's</defaultgrade><penalty>0.3333333</penalty><hidden>0</hidden>
      </question>
      ...
    </quiz>

Each problem kind gets its own category holding all its variants, so a quiz can draw a
random question from the category and every student sees a different variant. The embedded
subquestions of each part are :func:`.moodle.part_cloze`'s; :mod:`.exporters.moodle` writes
the file of an export. The XML is built with :mod:`xml.etree.ElementTree`; the question text
and the worked solution are written as CDATA sections: Moodle's import drops the whitespace
between tags of HTML written as escaped text ("(a)W′" for "(a) W′"), and keeps it in CDATA.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from . import keyfile
from .instances import Instance
from .lms import left_out
from .moodle import default_mark, question_html

CATEGORY_ROOT = "$course$/top/probgen"
PENALTY = "0.3333333"

Render = Callable[[Instance], str]


def _text(parent: ET.Element, tag: str, text: str, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    ET.SubElement(element, "text").text = text
    return element


class _Cdata:
    """HTML held aside while the tree is serialised, then put back as CDATA sections."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def hold(self, text: str) -> str:
        self.texts.append(text)
        return f"\ue000cdata{len(self.texts) - 1}\ue001"

    def fill(self, xml: str) -> str:
        def section(match: re.Match[str]) -> str:
            body = self.texts[int(match.group(1))].replace("]]>", "]]]]><![CDATA[>")
            return f"<![CDATA[{body}]]>"
        return re.sub("\ue000cdata(\\d+)\ue001", section, xml)


def category_path(kind_id: str) -> str:
    return f"{CATEGORY_ROOT}/{kind_id}"


def _category(quiz: ET.Element, kind_id: str) -> None:
    question = ET.SubElement(quiz, "question", {"type": "category"})
    _text(question, "category", category_path(kind_id))


def _default_statement(instance: Instance) -> str:
    from .worksheet import statement

    return statement(instance, "html")


def _default_solution(instance: Instance) -> str:
    from .worksheet import solution

    return solution(instance, "html")


@dataclass(frozen=True)
class Question:
    """One problem as a question: its key entry and its statement and worked solution in HTML."""

    key: Mapping[str, Any]
    statement: str
    solution: str


def questions_of(instances: Sequence[Instance], *, statement: Render | None = None,
                 solution: Render | None = None) -> list[Question]:
    """Questions of live instances, rendered here (by default as the HTML sheets render them)."""
    statement = statement or _default_statement
    solution = solution or _default_solution
    return [Question(keyfile.key_problem(i), statement(i), solution(i)) for i in instances]


def question_element(q: Question, hold: Callable[[str], str] = lambda text: text) -> ET.Element:
    """One problem's cloze ``<question>`` (ValueError when Moodle cannot be given a part);
    ``hold`` takes the HTML texts, to be written as CDATA."""
    text = question_html(q.statement, q.key)
    element = ET.Element("question", {"type": "cloze"})
    _text(element, "name", q.key["id"])
    _text(element, "questiontext", hold(text), format="html")
    _text(element, "generalfeedback", hold(q.solution), format="html")
    ET.SubElement(element, "defaultgrade").text = str(default_mark(q.key["parts"]))
    ET.SubElement(element, "penalty").text = PENALTY
    ET.SubElement(element, "hidden").text = "0"
    return element


def category_element(kind_id: str) -> ET.Element:
    question = ET.Element("question", {"type": "category"})
    _text(question, "category", category_path(kind_id))
    return question


def quiz_element(questions: Sequence[Question], cdata: _Cdata | None = None,
                 skipped: list[str] | None = None) -> ET.Element:
    """A ``<quiz>`` of a category per kind, each followed by one cloze question per variant
    (with ``cdata``, the HTML texts are held there to be written as CDATA). A problem with a
    part Moodle cannot be given is left out, its sentence added to ``skipped``."""
    hold = cdata.hold if cdata is not None else (lambda text: text)
    by_kind: dict[str, list[Question]] = {}
    for question in questions:
        by_kind.setdefault(question.key["template"], []).append(question)
    quiz = ET.Element("quiz")
    for kind_id, group in by_kind.items():
        quiz.append(category_element(kind_id))
        for q in group:
            try:
                quiz.append(question_element(q, hold))
            except ValueError as exc:
                if skipped is None:
                    raise
                skipped.append(left_out(q.key, "Moodle", exc))
    return quiz


XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def bank_xml(questions: Sequence[Question], skipped: list[str] | None = None) -> str:
    """The Moodle XML file's text (UTF-8, XML declaration on the first line); with ``skipped``,
    problems Moodle cannot be given are left out and named there."""
    cdata = _Cdata()
    quiz = quiz_element(questions, cdata, skipped)
    ET.indent(quiz)
    return XML_HEAD + cdata.fill(ET.tostring(quiz, encoding="unicode")) + "\n"


def _child_xml(element: ET.Element, cdata: _Cdata) -> str:
    ET.indent(element, level=1)
    return cdata.fill(ET.tostring(element, encoding="unicode"))


def question_xml(q: Question) -> str:
    """One question as :func:`bank_xml` writes it inside ``<quiz>`` (indented one level, HTML as
    CDATA, no line break before it), so a bank can be written a question at a time; ValueError
    when Moodle cannot be given a part."""
    cdata = _Cdata()
    return _child_xml(question_element(q, cdata.hold), cdata)


def category_xml(kind_id: str) -> str:
    """A kind's category as :func:`bank_xml` writes it inside ``<quiz>`` (see :func:`question_xml`)."""
    return _child_xml(category_element(kind_id), _Cdata())


def quiz_xml(instances: Sequence[Instance], *, statement: Render | None = None, solution: Render | None = None) -> str:
    """The Moodle XML file of live instances (see :func:`questions_of`)."""
    return bank_xml(questions_of(instances, statement=statement, solution=solution))
