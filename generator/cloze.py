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

import math
import re
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Callable, Iterable, Mapping, Sequence

from probgen.contract import CLOSE_DECIMAL, DECIMAL_SIGNIFICANT, DEFAULT_ABS_TOL, DEFAULT_REL_TOL
from probgen.grader.read.numbers import terminates

SIGNIFICANT = DECIMAL_SIGNIFICANT

# ---- numbers ---------------------------------------------------------------------------


def _fraction(value: Any) -> Fraction:
    """A key answer (int, ``"7/4"``, float, Decimal) as an exact Fraction."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a number")
        return Fraction(repr(value))  # the shortest decimal that reads back as this float
    if isinstance(value, Decimal):
        return Fraction(value)
    if isinstance(value, str):
        return Fraction(value.strip())
    raise ValueError(f"{value!r} is not a number")


def decimal_text(value: Fraction, significant: int = SIGNIFICANT) -> str:
    """A number as Moodle reads it: plain decimal notation, exact when the decimal terminates."""
    if value.denominator == 1:
        return str(value.numerator)
    if terminates(value):
        with localcontext() as ctx:
            ctx.prec = 1000
            text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    else:
        with localcontext() as ctx:
            ctx.prec = significant
            text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _tolerance_text(tol: Fraction) -> str:
    """A tolerance rounded up to 3 significant digits, in plain decimal notation."""
    if tol == 0:
        return "0"
    exponent = math.floor(math.log10(tol)) - 2
    step = Fraction(10) ** exponent
    return decimal_text(math.ceil(tol / step) * step, 12)


def _option_fraction(options: Mapping[str, Any], name: str) -> Fraction | None:
    value = options.get(name)
    if value is None or isinstance(value, bool):
        return None
    try:
        return _fraction(value)
    except (ValueError, ZeroDivisionError):
        return None


def numeric_answer(value: Any, options: Mapping[str, Any] | None = None, *, inexact: bool | None = None) -> str:
    """``value:tolerance`` for a NUMERICAL subquestion."""
    options = options or {}
    exact = _fraction(value)
    rel, tol = _option_fraction(options, "rel_tol"), _option_fraction(options, "abs_tol")
    if inexact is None:
        inexact = isinstance(value, float)
    if inexact or rel is not None or tol is not None:
        rel = rel if rel is not None else DEFAULT_REL_TOL
        tol = tol if tol is not None else DEFAULT_ABS_TOL
        return f"{decimal_text(exact)}:{_tolerance_text(max(rel * abs(exact), tol))}"
    if terminates(exact):
        return f"{decimal_text(exact)}:0"
    return f"{decimal_text(exact)}:{_tolerance_text(CLOSE_DECIMAL * abs(exact))}"


# ---- Cloze text ------------------------------------------------------------------------

def inline_html(text: str) -> str:
    """A prompt, option or feedback text (the templates' dialect, ``$...$`` math) as inline HTML
    with MathML, like the statements."""
    from .html import inline

    return inline(str(text))


def escape(text: str) -> str:
    r"""Text or HTML made safe inside a Cloze answer or feedback, coming out of Moodle's import as it went in.

    Moodle ends an answer at a ``~``, ``#`` or ``}`` not preceded by ``\`` (a ``#`` may also
    follow ``&`` or ``&amp;``, for entities), decodes HTML entities once, then turns ``\}`` and
    ``\#`` into the characters. So ``&`` is written ``&amp;`` (the decoding gives it back), a
    backslash ``&#92;`` and ``~`` ``&#126;`` (which have no other escape), ``}`` ``\}`` and a ``#``
    that does not belong to an entity ``\#``.
    """
    text = text.replace("&", "&amp;").replace("\\", "&#92;").replace("}", "\\}")
    text = re.sub(r"(?<!&)(?<!&amp;)#", r"\\#", text)
    return text.replace("~", "&#126;")


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
        text = WRONG_JOIN.join(inline_html(n) for n in notes)
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
