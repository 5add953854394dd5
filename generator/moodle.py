"""Moodle Cloze ("Embedded answers") text of a problem: its parts as embedded subquestions.

The question bank file around it is :mod:`.moodle_bank`'s.

Each part becomes embedded subquestions, ``{weight:TYPE:answers}``:

- ``integer``/``number``: ``NUMERICAL``, ``=value:tolerance`` -- tolerance 0 for exact values
  written as terminating decimals; a non-terminating fraction such as 7/9 is written to 10
  significant digits with a tolerance of 1/1000 of its size (the grader's rule for rounded
  decimals); a computed float gets the grader's relative tolerance. Misconception answers
  are listed as 0% answers with their feedback, so Moodle names the mistake too.
- ``vector``/``matrix``/``tensor``: one ``NUMERICAL`` per entry, laid out as a table.
- ``shape``: ``SHORTANSWER`` accepting ``(3, 3)``, ``(3,3)``, ``3x3``, ``3 x 3``, ``3×3``, ``[3, 3]``...
- ``expression`` (and per entry of ``expression-vector``/``-matrix``): ``SHORTANSWER`` with the
  key's text, with and without spaces. Moodle compares text, not mathematics: an equivalent
  expression written differently is marked wrong there (probgen's own grader accepts it).
- ``choice``: ``MULTICHOICE_V`` (radio buttons, which render math unlike a drop-down) with
  the option texts, the right one marked ``=``.

Weights are integers in Cloze; within a question they keep the parts' relative points
(an entry of a k-entry part weighs points/k). Moodle rescales the question to the mark the
quiz gives it.
"""

from __future__ import annotations

import html
import math
import re
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Callable, Iterable, Mapping, Sequence

from probgen.contract import CLOSE_DECIMAL, DECIMAL_SIGNIFICANT, DEFAULT_ABS_TOL, DEFAULT_REL_TOL

SIGNIFICANT = DECIMAL_SIGNIFICANT
MAX_WEIGHT_BASE = 100

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


def _terminates(value: Fraction) -> bool:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def decimal_text(value: Fraction, significant: int = SIGNIFICANT) -> str:
    """A number as Moodle reads it: plain decimal notation, exact when the decimal terminates."""
    if value.denominator == 1:
        return str(value.numerator)
    if _terminates(value):
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
    if _terminates(exact):
        return f"{decimal_text(exact)}:0"
    return f"{decimal_text(exact)}:{_tolerance_text(CLOSE_DECIMAL * abs(exact))}"


# ---- Cloze text ------------------------------------------------------------------------

def inline_html(text: str) -> str:
    """A prompt, option or feedback text (the templates' dialect, ``$...$`` math) as inline HTML
    with MathML, like the statements."""
    from .html import inline

    return inline(str(text))


def cloze_escape(text: str) -> str:
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


def _shortanswer_text(text: str) -> str:
    """A short-answer alternative: ``*`` is Moodle's wildcard, ``\\*`` a literal asterisk."""
    return cloze_escape(text.replace("*", r"\*"))


WRONG_JOIN = " Or perhaps: "


def _alternatives(right: Sequence[str], wrong: Iterable[tuple[str, str]] = ()) -> str:
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
        alts.append(f"%0%{answer}#{cloze_escape(text)}" if text else f"%0%{answer}")
    return "~".join(alts)


def shape_variants(dims: Sequence[int]) -> list[str]:
    """The ways people write a shape that the short answer accepts."""
    d = [str(int(x)) for x in dims]
    if len(d) == 1:
        return [f"({d[0]},)", f"({d[0]}, )", f"({d[0]})", d[0], f"[{d[0]}]"]
    return [f"({', '.join(d)})", f"({','.join(d)})", "x".join(d), " x ".join(d), "×".join(d), " × ".join(d),
            f"[{', '.join(d)}]", f"[{','.join(d)}]", ", ".join(d), ",".join(d)]


def expression_variants(text: str) -> list[str]:
    text = " ".join(str(text).split())
    return [text, text.replace(" ", "")]


def _entries(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return [e for v in value for e in _entries(v)]
    return [value]


def _slices(value: Any, index: tuple[int, ...] = ()) -> list[tuple[tuple[int, ...], Any]]:
    """The 2-D slices of a nested list (a vector is one row), each with its leading indices."""
    if not isinstance(value, (list, tuple)) or not value or not isinstance(value[0], (list, tuple)):
        return [(index, [value])]
    if not isinstance(value[0][0], (list, tuple)):
        return [(index, value)]
    return [pair for i, sub in enumerate(value) for pair in _slices(sub, index + (i,))]


def _wrong(part: Mapping[str, Any], convert: Callable[[Any], list[str] | None]) -> list[tuple[str, str]]:
    out = []
    for m in part.get("misconceptions", ()):
        try:
            answers = convert(m.get("answer"))
        except (ValueError, TypeError, ZeroDivisionError):
            continue
        for a in answers or ():
            out.append((a, str(m.get("feedback", ""))))
    return out


def _subquestion(weight: int, kind: str, alternatives: str) -> str:
    return f"{{{weight}:{kind}:{alternatives}}}"


def _numeric_entry(value: Any, options: Mapping[str, Any], weight: int) -> str:
    return _subquestion(weight, "NUMERICAL", _alternatives([numeric_answer(value, options)]))


def _expression_entry(value: Any, weight: int) -> str:
    return _subquestion(weight, "SHORTANSWER", _alternatives([_shortanswer_text(v) for v in expression_variants(value)]))


def _table(value: Any, cell: Callable[[Any], str]) -> str:
    """An array part as HTML tables of embedded subquestions, one table per 2-D slice."""
    blocks = []
    for index, rows in _slices(value):
        label = f"<p>[{', '.join(map(str, index))}]</p>" if index else ""
        body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
        blocks.append(f'{label}<table class="probgen-array">{body}</table>')
    return "".join(blocks)


def part_cloze(part: Mapping[str, Any], weight: int) -> str:
    """The embedded subquestion(s) of one key part; ``weight`` is per subquestion."""
    type_ = part["type"]
    answer = part["answer"]
    options = part.get("options") or {}
    if type_ in ("integer", "number"):
        wrong = _wrong(part, lambda v: [numeric_answer(v, options, inexact=isinstance(answer, float))])
        return _subquestion(weight, "NUMERICAL", _alternatives([numeric_answer(answer, options)], wrong))
    if type_ == "shape":
        right = [cloze_escape(v) for v in shape_variants(answer)]
        wrong = _wrong(part, lambda v: [cloze_escape(x) for x in shape_variants(v)[:3]])
        return _subquestion(weight, "SHORTANSWER", _alternatives(right, wrong))
    if type_ == "expression":
        right = [_shortanswer_text(v) for v in expression_variants(answer)]
        wrong = _wrong(part, lambda v: [_shortanswer_text(x) for x in expression_variants(v)])
        return _subquestion(weight, "SHORTANSWER", _alternatives(right, wrong))
    if type_ in ("vector", "matrix", "tensor"):
        return _table(answer, lambda v: _numeric_entry(v, options, weight))
    if type_ in ("expression-vector", "expression-matrix"):
        return _table(answer, lambda v: _expression_entry(v, weight))
    if type_ == "choice":
        choices = list(options.get("choices", ()))
        feedback = {str(m.get("answer")).upper(): str(m.get("feedback", "")) for m in part.get("misconceptions", ())}
        right = str(answer).strip().upper()
        alts = []
        for i, choice in enumerate(choices):
            letter = chr(ord("A") + i)
            text = cloze_escape(inline_html(choice))
            if letter == right:
                alts.append(f"={text}")
            else:
                note = feedback.get(letter)
                alts.append(f"{text}#{cloze_escape(inline_html(note))}" if note else text)
        return _subquestion(weight, "MULTICHOICE_V", "~".join(alts))
    raise ValueError(f"part {part.get('label')} has answer type {type_!r}, which the Moodle export does not know")


def _subquestion_count(part: Mapping[str, Any]) -> int:
    if part["type"] in ("vector", "matrix", "tensor", "expression-vector", "expression-matrix"):
        return max(1, len(_entries(part["answer"])))
    return 1


def weights(parts: Sequence[Mapping[str, Any]]) -> list[int]:
    """The weight of each subquestion of each part, so that parts keep their relative points."""
    counts = [_subquestion_count(p) for p in parts]
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
