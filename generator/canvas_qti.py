"""Canvas's QTI 1.2 (Classic Quizzes): a zip that *Import course content → QTI .zip* reads.

The layout and the elements follow what text2qti and R/exams' ``exams2canvas`` write::

    imsmanifest.xml                      a resource per assessment (+ its Canvas metadata), per figure
    <assessment id>/<assessment id>.xml  one assessment per problem kind: a question group that
                                         draws one of the kind's variants per student
    <assessment id>/assessment_meta.xml  Canvas's own metadata of that quiz
    web_resources/probgen/<figure>.svg   the figures, shown with <img src="$IMS-CC-FILEBASE$/probgen/...">

Canvas makes a question bank of each assessment, so a course gets a bank per kind holding its
variants. A problem becomes one question, so that its parts stay together when a question
group draws a variant (a question per part would let Canvas draw the parts of different
variants):

- one number to type: ``numerical_question``, the exact answer with a margin (the rules of
  :mod:`.lms`); Canvas rounds answers below 1e-4 to 0, so such a part is refused;
- one option to pick: ``multiple_choice_question``, options headed by their letters;
- one expression or shape to type: ``short_answer_question`` listing the accepted spellings;
- anything else: ``fill_in_multiple_blanks_question``, a blank per answer box (``[ans_b_0_1]``
  for row 0, column 1 of part (b)) listing the spellings probgen accepts: numbers as
  :func:`.lms.number_spellings` (exact fractions included), expressions and shapes as their
  types list them. Canvas weighs every blank the same and compares text without case.

Math is Canvas's equation images (the ``canvas-html`` view); the worked solution is the
question's general feedback.
"""

from __future__ import annotations

import hashlib
import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

from probgen.grader.types import TYPES
from probgen.grader.types.base import CHOICE_BOX, NUMBER_BOX, Box

from .lms import DECIMALS_NOTE, CannotExpress, asks_fractions, lift_figures, number_spellings, numeric_target

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
FIGURE_FOLDER = "web_resources/probgen/"
FIGURE_SRC = "$IMS-CC-FILEBASE$/probgen/"
#: Canvas rounds a numerical answer (and margin) below this to 0.
CANVAS_SMALLEST = Fraction(1, 10**4)
FRACTIONS_NOTE = "Type a fraction such as 7/4, or a decimal correctly rounded to 4 to 6 significant digits."


@dataclass(frozen=True)
class Question:
    """One problem: its key entry, and its statement and worked solution in Canvas's HTML."""

    key: Mapping[str, Any]
    statement: str
    solution: str


@dataclass
class Package:
    """The zip's files by path, and a sentence per problem left out."""

    files: dict[str, bytes] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def ident(prefix: str, text: str) -> str:
    """A stable identifier: ``prefix`` and a hash of ``text`` (Canvas wants letters first)."""
    return ident_of(prefix, ident_hash(text))


def ident_hash(text: str = "") -> Any:
    """The hash :func:`ident` takes of ``text``; ``update`` it to hash a text given in pieces."""
    return hashlib.sha1(text.encode("utf-8"))


def ident_of(prefix: str, digest: Any) -> str:
    """:func:`ident` of the text hashed into ``digest`` (see :func:`ident_hash`)."""
    return prefix + digest.hexdigest()[:20]


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def meta_fields(parent: ET.Element, fields: Sequence[tuple[str, str]]) -> None:
    meta = sub(parent, "qtimetadata")
    for label, entry in fields:
        field_ = sub(meta, "qtimetadatafield")
        sub(field_, "fieldlabel", label)
        sub(field_, "fieldentry", entry)


def _mattext(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    sub(sub(parent, "material"), "mattext", text, texttype=texttype)


def _boxes(part: Mapping[str, Any]) -> list[Box]:
    return TYPES[part["type"]].boxes(part)


def _blank_name(part: Mapping[str, Any], box: Box) -> str:
    """``ans_b_0_1`` for row 0, column 1 of part (b): a name no statement's brackets hold."""
    return "_".join(["ans", str(part["label"]), *map(str, box.where)])


def _part_head(part: Mapping[str, Any], inline: Any) -> str:
    points = part.get("points", 1)
    note = f" <em>({points} points)</em>" if points != 1 else ""
    return f'<p><strong>({html.escape(str(part["label"]))})</strong> {inline(part.get("prompt", ""))}{note}</p>'


def points_of(key: Mapping[str, Any]) -> float:
    return float(sum(Fraction(str(p.get("points", 1))) for p in key["parts"]))


def _number_text(value: Fraction) -> str:
    return format(float(value), ".10g") if value.denominator != 1 else str(value.numerator)


# ---- one question ---------------------------------------------------------------------

def _item_head(item: ET.Element, qtype: str, points: float, answer_ids: Sequence[str], ref: str) -> None:
    meta_fields(sub(item, "itemmetadata"), [
        ("question_type", qtype), ("points_possible", f"{points:g}"),
        ("original_answer_ids", ",".join(answer_ids)), ("assessment_question_identifierref", ref)])


def _resprocessing(item: ET.Element) -> ET.Element:
    proc = sub(item, "resprocessing")
    sub(sub(proc, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = sub(proc, "respcondition", **{"continue": "Yes"})
    sub(sub(general, "conditionvar"), "other")
    sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    return proc


def _feedback(item: ET.Element, fb_ident: str, text: str) -> None:
    _mattext(sub(sub(item, "itemfeedback", ident=fb_ident), "flow_mat"), text)


def _numerical(item: ET.Element, q: Question, part: Mapping[str, Any], box: Box, text: str, item_id: str) -> None:
    target = numeric_target(box.value, box.options)
    small = target.value != 0 and abs(target.value) < CANVAS_SMALLEST
    if small or 0 < target.margin < CANVAS_SMALLEST:
        what = f"its answer {target.text}" if small else f"its margin {target.margin_text}"
        raise CannotExpress(f"part ({part['label']}) of {q.key['template']} ({q.key['id']}) is left out of the "
                            f"Canvas export: {what} is below 0.0001, which Canvas rounds to 0.")
    answer_id = item_id + "_num"
    _item_head(item, "numerical_question", points_of(q.key), [answer_id], item_id + "_ref")
    presentation = sub(item, "presentation")
    _mattext(presentation, text)
    response = sub(presentation, "response_str", ident="response1", rcardinality="Single")
    sub(sub(response, "render_fib", fibtype="Decimal"), "response_label", ident=answer_id)
    proc = _resprocessing(item)
    right = sub(proc, "respcondition", **{"continue": "No"})
    either = sub(sub(right, "conditionvar"), "or")
    sub(either, "varequal", _number_text(target.value), respident="response1")
    within = sub(either, "and")
    sub(within, "vargte", _number_text(target.value - target.margin), respident="response1")
    sub(within, "varlte", _number_text(target.value + target.margin), respident="response1")
    sub(right, "setvar", "100", action="Set", varname="SCORE")


def _choice(item: ET.Element, q: Question, part: Mapping[str, Any], box: Box, text: str, item_id: str,
            inline: Any) -> None:
    letters = [chr(ord("A") + i) for i in range(len(box.choices))]
    ids = [f"{item_id}_{letter}" for letter in letters]
    _item_head(item, "multiple_choice_question", points_of(q.key), ids, item_id + "_ref")
    presentation = sub(item, "presentation")
    _mattext(presentation, text)
    render = sub(sub(presentation, "response_lid", ident="response1", rcardinality="Single"), "render_choice")
    for letter, answer_id, choice in zip(letters, ids, box.choices):
        _mattext(sub(render, "response_label", ident=answer_id), f"({letter}) {inline(choice)}")
    proc = _resprocessing(item)
    feedback = {str(m.get("answer")).upper(): str(m.get("feedback", "")) for m in part.get("misconceptions", ())}
    for letter, answer_id in zip(letters, ids):
        if letter in feedback and letter != box.value:
            said = sub(proc, "respcondition", **{"continue": "Yes"})
            sub(sub(said, "conditionvar"), "varequal", answer_id, respident="response1")
            sub(said, "displayfeedback", feedbacktype="Response", linkrefid=answer_id + "_fb")
    right = sub(proc, "respcondition", **{"continue": "No"})
    sub(sub(right, "conditionvar"), "varequal", f"{item_id}_{box.value}", respident="response1")
    sub(right, "setvar", "100", action="Set", varname="SCORE")
    for letter, answer_id in zip(letters, ids):
        if letter in feedback and letter != box.value:
            _feedback(item, answer_id + "_fb", f"<p>{inline(feedback[letter])}</p>")


def _short_answer(item: ET.Element, q: Question, box: Box, text: str, item_id: str) -> None:
    ids = [f"{item_id}_{i}" for i in range(len(box.accepted))]
    _item_head(item, "short_answer_question", points_of(q.key), ids, item_id + "_ref")
    presentation = sub(item, "presentation")
    _mattext(presentation, text)
    response = sub(presentation, "response_str", ident="response1", rcardinality="Single")
    sub(sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    proc = _resprocessing(item)
    right = sub(proc, "respcondition", **{"continue": "No"})
    condition = sub(right, "conditionvar")
    for spelling in box.accepted:
        sub(condition, "varequal", spelling, respident="response1")
    sub(right, "setvar", "100", action="Set", varname="SCORE")


def blank_answers(box: Box) -> list[str]:
    """What a fill-in blank accepts for a box (Canvas compares text, ignoring case)."""
    if box.kind == NUMBER_BOX:
        return number_spellings(box.value, box.options)
    if box.kind == CHOICE_BOX:
        return [box.value, f"({box.value})"]
    return list(box.accepted)


def _blanks_html(part: Mapping[str, Any], boxes: Sequence[Box]) -> str:
    """The blanks of a part: one after the prompt, or tables laid out like the array (a table
    per 2-D slice of a tensor, headed by its leading indices)."""
    names = [_blank_name(part, b) for b in boxes]
    if len(boxes) == 1 and not boxes[0].where:
        return f"<p>[{names[0]}]</p>"
    slices: dict[tuple[int, ...], dict[tuple[int, ...], list[str]]] = {}
    for box, name in zip(boxes, names):
        where = box.where if len(box.where) >= 2 else (0, *box.where)  # a vector is one row
        slices.setdefault(where[:-2], {}).setdefault(where[:-1], []).append(f"[{name}]")
    out = []
    for lead, rows in slices.items():
        if lead:
            out.append(f"<p>{html.escape(str(part['label']))}[{', '.join(map(str, lead))}]</p>")
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" for cells in rows.values())
        out.append(f'<table class="probgen-array">{body}</table>')
    return "".join(out)


def _fill_in(item: ET.Element, q: Question, parts_boxes: Sequence[tuple[Mapping[str, Any], list[Box]]],
             text: str, item_id: str) -> None:
    blanks = [(_blank_name(part, box), box) for part, boxes in parts_boxes for box in boxes]
    answers = [(name, f"{item_id}_{i}_{j}", spelling) for i, (name, box) in enumerate(blanks)
               for j, spelling in enumerate(blank_answers(box))]
    _item_head(item, "fill_in_multiple_blanks_question", points_of(q.key), [a for _, a, _ in answers], item_id + "_ref")
    presentation = sub(item, "presentation")
    _mattext(presentation, text)
    for name, _ in blanks:
        lid = sub(presentation, "response_lid", ident=f"response_{name}")
        _mattext(lid, name, "text/plain")
        render = sub(lid, "render_choice")
        for blank, answer_id, spelling in answers:
            if blank == name:
                _mattext(sub(render, "response_label", ident=answer_id), spelling, "text/plain")
    proc = _resprocessing(item)
    share = f"{100 / len(blanks):.2f}"
    for name, answer_id, _ in answers:
        condition = sub(proc, "respcondition")
        sub(sub(condition, "conditionvar"), "varequal", answer_id, respident=f"response_{name}")
        sub(condition, "setvar", share, varname="SCORE", action="Add")


def question_item(q: Question, inline: Any, figures: dict[str, str]) -> ET.Element:
    """The ``<item>`` of one problem (CannotExpress when Canvas cannot ask it as probgen grades)."""
    item_id = ident("probgen_q_", q.key["id"])
    statement, lifted = lift_figures(q.statement, item_id, FIGURE_SRC)
    parts_boxes = [(part, _boxes(part)) for part in q.key["parts"]]
    all_boxes = [b for _, boxes in parts_boxes for b in boxes]
    single = len(all_boxes) == 1 and len(parts_boxes) == 1
    chunks = [f'<div class="probgen-statement">{statement}</div>']
    for part, boxes in parts_boxes:
        chunks.append(_part_head(part, inline))
        fractions = asks_fractions(q.statement, str(part.get("prompt", "")))
        if fractions and any(b.kind == NUMBER_BOX for b in boxes):
            chunks.append(f"<p><em>{html.escape(DECIMALS_NOTE if single else FRACTIONS_NOTE)}</em></p>")
        if not single:
            chunks.append(_blanks_html(part, boxes))
    text = "\n".join(chunks)
    item = ET.Element("item", ident=item_id, title=str(q.key["id"]))
    if single and all_boxes[0].kind == NUMBER_BOX:
        _numerical(item, q, parts_boxes[0][0], all_boxes[0], text, item_id)
    elif single and all_boxes[0].kind == CHOICE_BOX:
        _choice(item, q, parts_boxes[0][0], all_boxes[0], text, item_id, inline)
    elif single:
        _short_answer(item, q, all_boxes[0], text, item_id)
    else:
        _fill_in(item, q, parts_boxes, text, item_id)
    solution, solution_figures = lift_figures(q.solution, item_id + "-solution", FIGURE_SRC)
    _feedback(item, "general_fb", solution)
    figures.update(lifted)
    figures.update(solution_figures)
    return item
