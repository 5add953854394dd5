"""Moodle Cloze ("Embedded answers") text of a problem: its parts as embedded subquestions.

The question bank file around it is :mod:`.moodle_bank`'s. Each part's subquestions are its
answer type's ``cloze`` form (``probgen/grader/types/``), written with the Cloze syntax of
:mod:`.cloze`; what each type makes of a part is described in its module.

Weights: Moodle's default mark of a Cloze question is the sum of its subquestions' weights,
so every question weighs ``QUESTION_MARK`` in all, shared among its parts by their points and
within a part among its subquestions: every variant of every kind then has the same default
mark, however many parts or array entries it has (a kind whose variants differ in parts,
like ``layers.batched-shapes``, included). Moodle rescales the question to the mark the quiz
gives it.

A part that asks for numbers of a kind that tells students to give exact fractions carries a
note asking for decimals instead (Moodle's NUMERICAL box refuses ``1/3``), with the margin it
grades by (:data:`.lms.DECIMALS_NOTE`).

Cloze scores every subquestion on its own, so an array part is graded entry by entry in
Moodle whatever its key part's ``credit`` says; a part whose rule Moodle cannot follow
(``measured``, ``all-or-nothing``) carries a note for staff (an HTML comment, which students
do not see) saying so, and ``export`` says it once when it writes the bank.
"""

from __future__ import annotations

import html
from fractions import Fraction
from typing import Any, Mapping, Sequence

from probgen.contract import LEGACY_CREDIT
from probgen.grader.types import TYPES

from . import cloze
from .cloze import inline_html
from .lms import DECIMALS_NOTE, asks_fractions

#: What every question's subquestions weigh together, its default mark in Moodle: 7!, divisible
#: by every total of points up to 10 and by most array sizes, so shares come out even.
QUESTION_MARK = 5040


def part_cloze(part: Mapping[str, Any], weight: int) -> str:
    """The embedded subquestion(s) of one key part, weighing ``weight`` together."""
    return TYPES[part["type"]].cloze(part, weight, cloze)


def weights(parts: Sequence[Mapping[str, Any]]) -> list[int]:
    """The weight of each part (all its subquestions together): its share of
    :data:`QUESTION_MARK` by points, whole numbers that add up to it exactly (largest
    remainders), and at least one per subquestion."""
    points = [Fraction(str(p.get("points", 1))) for p in parts]
    total = sum(points) or 1
    exact = [QUESTION_MARK * p / total for p in points]
    shares = [int(e) for e in exact]
    by_remainder = sorted(range(len(parts)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[:QUESTION_MARK - sum(shares)]:
        shares[i] += 1
    return [max(share, TYPES[p["type"]].subquestions(p["answer"])) for share, p in zip(shares, parts)]


def default_mark(parts: Sequence[Mapping[str, Any]]) -> int:
    """What Moodle makes the question's default mark: the sum of its subquestions' weights."""
    return sum(weights(parts))


def _asks_numbers(part: Mapping[str, Any]) -> bool:
    try:
        boxes = TYPES[part["type"]].boxes(part)
    except ValueError:
        return False
    return bool(boxes) and all(b.kind == "number" for b in boxes)


#: What Moodle does instead of each credit rule it cannot follow.
CREDIT_NOTES = {
    "measured": "the answer key grades this part by measured credit (entries a no-work answer gets right earn "
                "nothing, a known mistake's answer earns 0); Moodle scores each entry on its own, so here every "
                "right entry earns its share. Grade with probgen grade --key for measured credit.",
    "all-or-nothing": "the answer key grades this part all-or-nothing; Moodle scores each entry on its own, so "
                      "here every right entry earns its share. Grade with probgen grade --key for all-or-nothing.",
}


def credit_note(part: Mapping[str, Any]) -> str:
    """The staff note (an HTML comment) of a part whose credit rule Moodle cannot follow; empty otherwise."""
    note = CREDIT_NOTES.get(part.get("credit", LEGACY_CREDIT))
    if not note or TYPES[part["type"]].subquestions(part["answer"]) < 2:
        return ""
    return f"<!-- probgen, part {html.escape(part['label'])}: {note} -->"


def question_html(statement_html: str, key_problem: Mapping[str, Any]) -> str:
    """The question text: the statement, then each part's prompt and embedded answers."""
    chunks = [f'<div class="probgen-statement">{statement_html}</div>']
    parts = key_problem["parts"]
    for part, weight in zip(parts, weights(parts)):
        points = part.get("points", 1)
        note = f" <em>({points} points)</em>" if points != 1 else ""
        chunks.append(f'<p><strong>({html.escape(part["label"])})</strong> {inline_html(part.get("prompt", ""))}{note}</p>')
        if _asks_numbers(part) and asks_fractions(statement_html, str(part.get("prompt", ""))):
            chunks.append(f'<p class="probgen-lms-note"><em>{html.escape(DECIMALS_NOTE)}</em></p>')
        answer = part_cloze(part, weight)
        chunks.append(answer if answer.startswith("<") else f"<p>{answer}</p>")
        if credit_note(part):
            chunks.append(credit_note(part))
    return "\n".join(chunks)
