"""Moodle Cloze ("Embedded answers") text of a problem: its parts as embedded subquestions.

The question bank file around it is :mod:`.moodle_bank`'s. Each part's subquestions are its
answer type's ``cloze`` form (``probgen/grader/types/``), written with the Cloze syntax of
:mod:`.cloze`; what each type makes of a part is described in its module.

Weights are integers in Cloze; within a question they keep the parts' relative points
(an entry of a k-entry part weighs points/k, k being the type's ``subquestions``). Moodle
rescales the question to the mark the quiz gives it.

Cloze scores every subquestion on its own, so an array part is graded entry by entry in
Moodle whatever its key part's ``credit`` says; a part whose rule Moodle cannot follow
(``measured``, ``all-or-nothing``) carries a note for staff (an HTML comment, which students
do not see) saying so, and ``export`` says it once when it writes the bank.
"""

from __future__ import annotations

import html
import math
from fractions import Fraction
from typing import Any, Mapping, Sequence

from probgen.contract import LEGACY_CREDIT
from probgen.grader.types import TYPES

from . import cloze
from .cloze import inline_html

MAX_WEIGHT_BASE = 100


def part_cloze(part: Mapping[str, Any], weight: int) -> str:
    """The embedded subquestion(s) of one key part; ``weight`` is per subquestion."""
    return TYPES[part["type"]].cloze(part, weight, cloze)


def weights(parts: Sequence[Mapping[str, Any]]) -> list[int]:
    """The weight of each subquestion of each part, so that parts keep their relative points."""
    counts = [TYPES[p["type"]].subquestions(p["answer"]) for p in parts]
    base = 1
    for c in counts:
        base = base * c // math.gcd(base, c)
    if base > MAX_WEIGHT_BASE:
        base = max(counts)
    return [max(1, round(Fraction(int(p.get("points", 1)) * base, c))) for p, c in zip(parts, counts)]


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
        answer = part_cloze(part, weight)
        chunks.append(answer if answer.startswith("<") else f"<p>{answer}</p>")
        if credit_note(part):
            chunks.append(credit_note(part))
    return "\n".join(chunks)
