"""IMS QTI 2.1: a content package of one ``assessmentItem`` per problem and an ``assessmentTest``.

What LMSs that take QTI 2.1 import (Canvas New Quizzes among them)::

    imsmanifest.xml         IMS CP 1.1: the test, each item (with its figures) and each figure
    assessment.xml          the assessmentTest: a section per kind selecting one variant
    items/<item id>.xml     an assessmentItem per problem
    figures/<name>.svg      the figures, shown with <img src="../figures/...">

An item asks its parts box by box (each answer type's ``boxes`` form): a number is a
``textEntryInteraction`` of base type float, right within the margin of :mod:`.lms`
(``equal`` with an absolute tolerance, exact when the value terminates); an expression or a
shape a string entry scored by a ``mapping`` of its accepted spellings (expressions
case-sensitively); a choice a ``choiceInteraction``. Each box adds its share of the part's
points to ``SCORE``; the worked solution is a ``modalFeedback`` shown after submission. Math
is MathML in its own namespace, which QTI 2.1 embeds; the statement's HTML is mapped onto QTI's
XHTML subset (a figure becomes a ``div``, its SVG a file).
"""

from __future__ import annotations

import hashlib
import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from probgen.grader.types import TYPES
from probgen.grader.types.base import CHOICE_BOX, NUMBER_BOX, Box

from .lms import DECIMALS_NOTE, asks_fractions, lift_figures, numeric_target

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
MATHML = "http://www.w3.org/1998/Math/MathML"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
TEST_FILE = "assessment.xml"
FIGURES = "figures/"

ET.register_namespace("", QTI)
ET.register_namespace("m", MATHML)
ET.register_namespace("xsi", XSI)

#: HTML elements the statements use, as QTI 2.1's XHTML subset has them (others are renamed).
RENAMED = {"figure": "div", "figcaption": "p"}
XHTML = {"p", "div", "span", "strong", "em", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
         "table", "tbody", "tr", "td", "th", "img", "br", "sub", "sup", "b", "i"}


@dataclass(frozen=True)
class Question:
    """One problem: its key entry, and its statement and worked solution in HTML (MathML math)."""

    key: Mapping[str, Any]
    statement: str
    solution: str


def qti_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def qtag(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, qtag(tag), attrib)
    if text is not None:
        element.text = text
    return element


# ---- HTML into QTI's XHTML ------------------------------------------------------------

def _qualify(element: ET.Element, in_math: bool = False) -> None:
    """Put the parsed HTML's elements into QTI's namespace (MathML into its own)."""
    tag = element.tag
    if tag == "math" or in_math:
        element.tag = f"{{{MATHML}}}{tag}"
        in_math = True
    else:
        tag = RENAMED.get(tag, tag)
        element.tag = qtag(tag if tag in XHTML else "span")
        if tag == "img":
            element.attrib.setdefault("alt", "figure")
    for child in element:
        _qualify(child, in_math)


def _tables(element: ET.Element) -> None:
    """QTI's ``table`` holds its rows in ``tbody``."""
    for table in element.iter(qtag("table")):
        rows = [c for c in table if c.tag == qtag("tr")]
        if rows:
            body = ET.Element(qtag("tbody"))
            for row in rows:
                table.remove(row)
                body.append(row)
            table.append(body)


def xhtml(fragment: str, tag: str = "div", **attrib: str) -> ET.Element:
    """An HTML fragment (the views' HTML: well-formed, entities numeric) as a QTI element."""
    element = ET.fromstring(f"<{tag}>{fragment}</{tag}>")
    _qualify(element)
    element.attrib.update(attrib)
    _tables(element)
    return element


# ---- an item ----------------------------------------------------------------------------

def _response_id(part: Mapping[str, Any], box: Box) -> str:
    return "_".join(["RESPONSE", str(part["label"]), *map(str, box.where)])


def _declare(item: ET.Element, rid: str, box: Box) -> None:
    if box.kind == NUMBER_BOX:
        declaration = sub(item, "responseDeclaration", identifier=rid, cardinality="single", baseType="float")
        sub(sub(declaration, "correctResponse"), "value", numeric_target(box.value, box.options).text)
    elif box.kind == CHOICE_BOX:
        declaration = sub(item, "responseDeclaration", identifier=rid, cardinality="single", baseType="identifier")
        sub(sub(declaration, "correctResponse"), "value", box.value)
    else:
        declaration = sub(item, "responseDeclaration", identifier=rid, cardinality="single", baseType="string")
        sub(sub(declaration, "correctResponse"), "value", box.accepted[0])
        mapping = sub(declaration, "mapping", defaultValue="0", lowerBound="0", upperBound="1")
        seen: set[str] = set()
        for spelling in box.accepted:
            key = spelling if box.case_sensitive else spelling.lower()
            if key not in seen:
                seen.add(key)
                sub(mapping, "mapEntry", mapKey=spelling, mappedValue="1",
                     caseSensitive="true" if box.case_sensitive else "false")


def _right(condition: ET.Element, rid: str, box: Box) -> None:
    """The test that ``rid`` holds a right answer."""
    if box.kind == NUMBER_BOX:
        target = numeric_target(box.value, box.options)
        mode = {"toleranceMode": "exact"} if target.exact else {"toleranceMode": "absolute",
                                                                 "tolerance": target.margin_text}
        test = sub(condition, "equal", **mode)
        sub(test, "variable", identifier=rid)
        sub(test, "correct", identifier=rid)
    elif box.kind == CHOICE_BOX:
        test = sub(condition, "match")
        sub(test, "variable", identifier=rid)
        sub(test, "correct", identifier=rid)
    else:
        test = sub(condition, "gt")
        sub(test, "mapResponse", identifier=rid)
        sub(test, "baseValue", "0", baseType="float")


def _interaction(parent: ET.Element, rid: str, box: Box, inline: Any) -> None:
    if box.kind == CHOICE_BOX:
        choices = sub(parent, "choiceInteraction", responseIdentifier=rid, shuffle="false", maxChoices="1")
        for i, text in enumerate(box.choices):
            letter = chr(ord("A") + i)
            choices.append(xhtml(f"({letter}) {inline(text)}", "simpleChoice", identifier=letter))
        for choice in choices:
            choice.tag = qtag("simpleChoice")
    else:
        sub(parent, "textEntryInteraction", responseIdentifier=rid, expectedLength="12")


def _boxes_body(body: ET.Element, part: Mapping[str, Any], boxes: Sequence[Box], inline: Any) -> None:
    """The part's interactions: one in a paragraph, or tables laid out like the array."""
    if len(boxes) == 1 and not boxes[0].where:
        box = boxes[0]
        holder = body if box.kind == CHOICE_BOX else sub(body, "p")
        _interaction(holder, _response_id(part, box), box, inline)
        return
    slices: dict[tuple[int, ...], dict[tuple[int, ...], list[Box]]] = {}
    for box in boxes:
        where = box.where if len(box.where) >= 2 else (0, *box.where)
        slices.setdefault(where[:-2], {}).setdefault(where[:-1], []).append(box)
    for lead, rows in slices.items():
        if lead:
            sub(body, "p", f"{part['label']}[{', '.join(map(str, lead))}]")
        tbody = sub(sub(body, "table", **{"class": "probgen-array"}), "tbody")
        for cells in rows.values():
            row = sub(tbody, "tr")
            for box in cells:
                _interaction(sub(row, "td"), _response_id(part, box), box, inline)


def _number(value: Fraction) -> str:
    return format(float(value), ".6g")


def item_xml(q: Question, inline: Any, figures: dict[str, str]) -> tuple[str, bytes]:
    """(identifier, file) of one problem's assessmentItem; its figures are added to ``figures``."""
    item_id = qti_id("I", q.key["id"])
    parts = [(part, TYPES[part["type"]].boxes(part)) for part in q.key["parts"]]
    total = sum(Fraction(str(p.get("points", 1))) for p, _ in parts)
    item = ET.Element(qtag("assessmentItem"), {
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}", "identifier": item_id, "title": str(q.key["id"]),
        "adaptive": "false", "timeDependent": "false"})
    for part, boxes in parts:
        for box in boxes:
            _declare(item, _response_id(part, box), box)
    for name, value in (("SCORE", "0"), ("MAXSCORE", _number(total))):
        outcome = sub(item, "outcomeDeclaration", identifier=name, cardinality="single", baseType="float")
        sub(sub(outcome, "defaultValue"), "value", value)
    sub(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single", baseType="identifier")
    statement, lifted = lift_figures(q.statement, item_id, "../" + FIGURES)
    solution, solution_figures = lift_figures(q.solution, item_id + "-solution", "../" + FIGURES)
    figures.update(lifted)
    figures.update(solution_figures)
    body = sub(item, "itemBody")
    body.append(xhtml(statement, **{"class": "probgen-statement"}))
    for part, boxes in parts:
        points = part.get("points", 1)
        head = f"<strong>({html.escape(str(part['label']))})</strong> {inline(part.get('prompt', ''))}"
        body.append(xhtml(head + (f" <em>({points} points)</em>" if points != 1 else ""), "p"))
        if any(b.kind == NUMBER_BOX for b in boxes) and asks_fractions(q.statement, str(part.get("prompt", ""))):
            sub(sub(body, "p"), "em", DECIMALS_NOTE)
        _boxes_body(body, part, boxes, inline)
    processing = sub(item, "responseProcessing")
    for part, boxes in parts:
        share = Fraction(str(part.get("points", 1))) / len(boxes)
        for box in boxes:
            rid = _response_id(part, box)
            when = sub(sub(processing, "responseCondition"), "responseIf")
            _right(when, rid, box)
            add = sub(sub(when, "setOutcomeValue", identifier="SCORE"), "sum")
            sub(add, "variable", identifier="SCORE")
            sub(add, "baseValue", _number(share), baseType="float")
    shown = sub(processing, "setOutcomeValue", identifier="FEEDBACK")
    sub(shown, "baseValue", "SOLUTION", baseType="identifier")
    feedback = sub(item, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier="SOLUTION", showHide="show",
                    title="Worked solution")
    feedback.append(xhtml(solution, **{"class": "probgen-solution"}))
    return item_id, xml_bytes(item, indent=False)


def xml_bytes(root: ET.Element, *, indent: bool = True) -> bytes:
    """The file of an element (an item is not indented: whitespace between inline HTML
    elements would show as spaces)."""
    if indent:
        ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
