"""The ``choice`` answer type: one option of several, given by its letter or its text.

A sheet shows the answer as its letter and option text, ``(B) The kernel is flipped.``;
Moodle asks for it as ``MULTICHOICE_V`` (radio buttons, which render math unlike a
drop-down) with the option texts headed by their letters, ``(B) ...`` (the statement says
"answer with its letter"), the right one marked ``=``.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..read.choices import read_choice
from .base import CHOICE_BOX, CORRECT, NOT_CORRECT, AnswerType, Box, Cloze, Markup, Outcome, Spec


def _compare(reference: str, answer: str, spec: Spec) -> Outcome:
    return CORRECT if reference == answer else NOT_CORRECT


def _expected(reference: str, raw: Any, spec: Spec) -> str:
    return reference


def _sheet(value: str, fmt: Markup, options: Mapping[str, Any]) -> str:
    choices = options.get("choices", ())
    letter = str(value)
    index = ord(letter.upper()) - ord("A")
    label = choices[index] if 0 <= index < len(choices) else ""
    return f"({letter}) {label}".strip()


def _cloze(part: Mapping[str, Any], weight: int, cloze: Cloze) -> str:
    options = part.get("options") or {}
    choices = list(options.get("choices", ()))
    feedback = {str(m.get("answer")).upper(): str(m.get("feedback", "")) for m in part.get("misconceptions", ())}
    right = str(part["answer"]).strip().upper()
    alts = []
    for i, choice in enumerate(choices):
        letter = chr(ord("A") + i)
        text = cloze.escape(f"({letter}) " + cloze.inline_html(choice))
        if letter == right:
            alts.append(f"={text}")
        else:
            note = feedback.get(letter)
            alts.append(f"{text}#{cloze.escape(cloze.feedback_text(note))}" if note else text)
    return cloze.subquestion(weight, "MULTICHOICE_V", "~".join(alts))


def _boxes(part: Mapping[str, Any]) -> list[Box]:
    """One pick among the options, the right one named by its letter."""
    choices = tuple(str(c) for c in (part.get("options") or {}).get("choices", ()))
    return [Box(CHOICE_BOX, str(part["answer"]).strip().upper(), choices=choices)]


TYPES = (
    AnswerType("choice", lambda value, spec: read_choice(value, spec.choices), _compare, _expected,
               sheet=_sheet, cloze=_cloze, boxes=_boxes),
)
