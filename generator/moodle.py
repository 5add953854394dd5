"""Moodle Cloze ("Embedded answers") text of a problem: its parts as embedded subquestions.

The question bank file around it is :mod:`.moodle_bank`'s. Each part's subquestions are its
answer type's ``cloze`` form (``probgen/grader/types/``), written with the Cloze syntax of
:mod:`.cloze`; what each type makes of a part is described in its module.

Weights are integers in Cloze; within a question they keep the parts' relative points
(an entry of a k-entry part weighs points/k, k being the type's ``subquestions``). Moodle
rescales the question to the mark the quiz gives it.
"""

from __future__ import annotations

import html
import math
from fractions import Fraction
from typing import Any, Mapping, Sequence

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
    return "\n".join(chunks)
