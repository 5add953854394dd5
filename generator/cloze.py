"""Moodle's Cloze ("Embedded answers") syntax: what an answer type's ``cloze`` form writes with.

Each answer type writes its parts as embedded subquestions, ``{weight:TYPE:answers}``, in its
own module (``cloze`` of :class:`probgen.grader.types.AnswerType`), and is given this module
for the syntax: numbers as Moodle's NUMERICAL reads them, alternatives with misconception
feedback, escaping, and tables of subquestions for arrays. :mod:`.moodle` puts a problem's
parts together.

Numbers: ``=value:tolerance`` -- tolerance 0 for exact values written as terminating
decimals; a non-terminating fraction such as 7/9 is written to 10 significant digits with a
tolerance of 1/1000 of its size (the grader's rule for rounded decimals); a computed float
gets the grader's relative tolerance. Misconception answers are listed as 0% answers with
their feedback, so Moodle names the mistake too.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping, Sequence

from .lms import SIGNIFICANT, decimal_text, numeric_target, plain_math  # noqa: F401  (decimal_text: Moodle's numbers)


def numeric_answer(value: Any, options: Mapping[str, Any] | None = None, *, inexact: bool | None = None) -> str:
    """``value:tolerance`` for a NUMERICAL subquestion (the rules of :mod:`.lms`)."""
    target = numeric_target(value, options, inexact=inexact)
    return f"{target.text}:{target.margin_text}"


# ---- Cloze text ------------------------------------------------------------------------

def feedback_text(text: str) -> str:
    """A misconception's feedback as Moodle's feedback popover shows it: plain text, math included
    (the popover strips MathML with its content)."""
    return plain_math(text)


def inline_html(text: str) -> str:
    """A prompt, option or feedback text (the templates' dialect, ``$...$`` math) as inline HTML
    with MathML, like the statements."""
    from .html import inline

    return inline(str(text))


#: How each character Moodle's Cloze import treats specially is written inside an answer or a
#: feedback. Moodle (question/type/multianswer/questiontype.php) ends an answer at ``~``, ``#``
#: or ``}`` unless preceded by ``\``, ``&`` or ``&amp;``; then it decodes HTML entities once
#: (``html_entity_decode``) and turns ``\}`` and ``\#`` into the characters, and nothing else.
#: So ``}`` and ``#`` take a backslash, while ``~`` and ``\`` (whose backslash escapes Moodle's
#: documentation lists but its import would keep) are numeric entities; ``&`` is ``&#38;``,
#: which ends in ``;``: an answer ending in ``&amp;`` would not end at the ``~`` or ``}`` after
#: it and would swallow its neighbour. ``/`` and ``"``, also listed by the documentation, end
#: nothing in the import's expressions, so they are written as they are (the HTML of an option
#: stays readable in Moodle's editor).
CLOZE_ESCAPES = {"&": "&#38;", "\\": "&#92;", "~": "&#126;", "}": "\\}", "#": "\\#"}


def escape(text: str) -> str:
    """Text or HTML made safe inside a Cloze answer or feedback, coming out of Moodle's import as
    it went in (see :data:`CLOZE_ESCAPES`)."""
    return "".join(CLOZE_ESCAPES.get(ch, ch) for ch in str(text))


def shortanswer_text(text: str) -> str:
    """A short-answer alternative: ``*`` is Moodle's wildcard, ``\\*`` a literal asterisk."""
    return escape(text.replace("*", r"\*"))


WRONG_JOIN = " Or perhaps: "


def alternatives(right: Sequence[str], wrong: Iterable[tuple[str, str]] = ()) -> str:
    """``=a~=b~%0%c#feedback``: right answers first (Moodle uses the first that matches).

    Two misconceptions that give the same wrong answer share one alternative, whose feedback
    names both mistakes.
    """
    seen: set[str] = set()
    alts = []
    for answer in right:
        if answer not in seen:
            seen.add(answer)
            alts.append(f"={answer}")
    feedback_of: dict[str, list[str]] = {}
    for answer, feedback in wrong:
        if answer in seen:
            continue
        notes = feedback_of.setdefault(answer, [])
        if feedback and feedback not in notes:
            notes.append(feedback)
    for answer, notes in feedback_of.items():
        text = WRONG_JOIN.join(feedback_text(n) for n in notes)
        alts.append(f"%0%{answer}#{escape(text)}" if text else f"%0%{answer}")
    return "~".join(alts)


def wrong(part: Mapping[str, Any], convert: Callable[[Any], list[str] | None]) -> list[tuple[str, str]]:
    """(alternative, feedback) for each answer ``convert`` makes of each misconception's answer
    (one it cannot convert is left out), for :func:`alternatives`."""
    out = []
    for m in part.get("misconceptions", ()):
        try:
            answers = convert(m.get("answer"))
        except (ValueError, TypeError, ZeroDivisionError):
            continue
        for a in answers or ():
            out.append((a, str(m.get("feedback", ""))))
    return out


def subquestion(weight: int, kind: str, alts: str) -> str:
    """One embedded subquestion: ``{weight:KIND:alternatives}``."""
    return f"{{{weight}:{kind}:{alts}}}"


def table(rows: Any, cell: Callable[[Any], str], name: str = "") -> str:
    """A 2-D array (or one slice of a tensor, headed by its ``name``) as an HTML table of
    embedded subquestions, ``cell`` making each entry's."""
    label = f"<p>{name}</p>" if name else ""
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f'{label}<table class="probgen-array">{body}</table>'
