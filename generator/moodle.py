"""Moodle Cloze ("Embedded answers") text of a problem: its parts as embedded subquestions.

The question bank file around it is :mod:`.moodle_bank`'s. Each part's subquestions are its
answer type's ``cloze`` form (``probgen/grader/types/``), written with the Cloze syntax of
:mod:`.cloze`; what each type makes of a part is described in its module.

Weights: Moodle's default mark of a Cloze question is the sum of its subquestions' weights,
so a part weighs ``MARK_PER_POINT`` times its points, split among its subquestions: every
variant of a kind then has the same default mark, however large its arrays (an entry of a
k-entry part weighs 1/k of the part, to within one unit in 720). Moodle rescales the question
to the mark the quiz gives it.

A part that asks for numbers of a kind that tells students to give exact fractions carries a
note asking for decimals instead (Moodle's NUMERICAL box refuses ``1/3``), with the margin it
grades by (:data:`.lms.DECIMALS_NOTE`).
"""

from __future__ import annotations

import html
from typing import Any, Mapping, Sequence

from probgen.grader.types import TYPES

from . import cloze
from .cloze import inline_html
from .lms import DECIMALS_NOTE, asks_fractions

#: A part's weight per point: divisible by 1..6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30, 36, 40,
#: 45, 48..., so most arrays split it evenly.
MARK_PER_POINT = 720


def part_cloze(part: Mapping[str, Any], weight: int) -> str:
    """The embedded subquestion(s) of one key part, weighing ``weight`` together."""
    return TYPES[part["type"]].cloze(part, weight, cloze)


def weights(parts: Sequence[Mapping[str, Any]]) -> list[int]:
    """The weight of each part (all its subquestions together): its points times
    :data:`MARK_PER_POINT`, at least one per subquestion."""
    return [max(int(round(float(p.get("points", 1)) * MARK_PER_POINT)), TYPES[p["type"]].subquestions(p["answer"]))
            for p in parts]


def default_mark(parts: Sequence[Mapping[str, Any]]) -> int:
    """What Moodle makes the question's default mark: the sum of its subquestions' weights."""
    return sum(weights(parts))


def _asks_numbers(part: Mapping[str, Any]) -> bool:
    try:
        boxes = TYPES[part["type"]].boxes(part)
    except ValueError:
        return False
    return bool(boxes) and all(b.kind == "number" for b in boxes)


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
    return "\n".join(chunks)
