"""What every LMS export shares: numbers as an LMS reads them, the spellings a text box lists,
the note that asks for decimals, math as plain text, and figures lifted out of the HTML.

Moodle (:mod:`.cloze`), Canvas (:mod:`.canvas_qti`) and QTI 2.1 (:mod:`.qti21`) each write
their own syntax with these, so a rule about numbers is written once:

- an exact value that terminates (``7/4``) is asked exactly, ``1.75`` with no margin;
- a fraction that does not terminate (``1/3``) is given to 10 significant digits with a
  margin of half a unit in its ``MIN_DIGITS``-th significant digit (``0.0005`` for 1/3): a
  decimal correctly rounded to at least that many digits is accepted, as probgen's rounding
  rule accepts it (an LMS cannot also check that a longer decimal was rounded correctly);
- a computed float gets probgen's relative tolerance, or the part's own tolerances.
"""

from __future__ import annotations

import html
import io
import math
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any, Mapping

from probgen.contract import DECIMAL_SIGNIFICANT, DEFAULT_ABS_TOL, DEFAULT_REL_TOL, MIN_DIGITS
from probgen.grader.read.numbers import terminates

SIGNIFICANT = DECIMAL_SIGNIFICANT

#: What a statement says where an LMS's number box cannot read a fraction.
DECIMALS_NOTE = (f"In this quiz, type decimals instead of fractions: 7/4 as 1.75, and a fraction that does not end, such as 1/3, "
                 f"correctly rounded to at least {MIN_DIGITS + 1} significant digits (0.3333).")


def asks_fractions(statement: str, prompt: str) -> bool:
    """Whether a kind tells students to give exact fractions (its statement or the part's prompt
    says so): the same for every variant of a kind, so a kind's questions all carry the note or
    none does."""
    return "fraction" in statement.lower() or "fraction" in prompt.lower()


class CannotExpress(ValueError):
    """A part an LMS cannot ask as probgen grades it; the message names the part and why."""


def left_out(key: Mapping[str, Any], lms: str, reason: Exception) -> str:
    """The sentence an export prints for a problem it leaves out (the rest is exported)."""
    return f"{key['id']} ({key['template']}) is left out of the {lms} export: {str(reason).rstrip('.')}."


def exact_fraction(value: Any) -> Fraction:
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
    """A number in plain decimal notation (no exponent), exact when the decimal terminates."""
    if value.denominator == 1:
        return str(value.numerator)
    with localcontext() as ctx:
        ctx.prec = 1000 if terminates(value) else significant
        text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def tolerance_text(tol: Fraction) -> str:
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
        return exact_fraction(value)
    except (ValueError, ZeroDivisionError):
        return None


@dataclass(frozen=True)
class Target:
    """A number box's answer: the value as an LMS reads it, and the margin either side."""

    value: Fraction
    margin: Fraction
    text: str          # the value in plain decimal notation
    margin_text: str   # the margin, rounded up to 3 significant digits

    @property
    def exact(self) -> bool:
        return self.margin == 0


def rounding_margin(value: Fraction, digits: int = MIN_DIGITS) -> Fraction:
    """Half a unit in the ``digits``-th significant digit of ``value``: how far a decimal correctly
    rounded to that many digits can be from it."""
    unit = Fraction(10) ** (math.floor(math.log10(abs(value))) - (digits - 1))
    return unit / 2


def numeric_target(value: Any, options: Mapping[str, Any] | None = None, *, inexact: bool | None = None) -> Target:
    """The value and margin of a number box, by the rules in this module's docstring."""
    options = options or {}
    exact = exact_fraction(value)
    rel, tol = _option_fraction(options, "rel_tol"), _option_fraction(options, "abs_tol")
    if inexact is None:
        inexact = isinstance(value, float)
    if inexact or rel is not None or tol is not None:
        rel = rel if rel is not None else DEFAULT_REL_TOL
        tol = tol if tol is not None else DEFAULT_ABS_TOL
        margin = max(rel * abs(exact), tol)
    elif terminates(exact):
        margin = Fraction(0)
    else:
        margin = rounding_margin(exact)
    margin_text = tolerance_text(margin)
    return Target(exact, Fraction(margin_text) if margin else margin, decimal_text(exact), margin_text)


def _rounded(value: Fraction, significant: int, rounding: str) -> str:
    if value == 0:
        return "0"
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        places = significant - 1 - math.floor(math.log10(abs(value)))
        quantum = Decimal(1).scaleb(-places)
        text = format(exact.quantize(quantum, rounding=rounding), "f")
    return text


def number_spellings(value: Any, options: Mapping[str, Any] | None = None) -> list[str]:
    """The ways of typing a number that probgen accepts, for an LMS that compares text.

    Candidates: an integer as ``5`` and ``5.0``; a terminating value as its decimal and its
    fraction (``1.75``, ``7/4``); a value that does not terminate as its fraction and its
    decimals rounded to 3..6 significant digits (both ways on a tie); a computed float as its
    decimals rounded to 4..8 significant digits; each also without the leading ``0``. Only
    those probgen's own grader gives full credit are kept, so the LMS never accepts more.
    """
    from probgen.grader.compare import grade_part

    options = dict(options or {})
    exact = exact_fraction(value)
    inexact = isinstance(value, float) or "rel_tol" in options or "abs_tol" in options
    out: list[str] = []
    if exact.denominator == 1 and not inexact:
        out += [str(exact.numerator), f"{exact.numerator}.0"]
    elif not inexact:
        out += [decimal_text(exact)] if terminates(exact) else []
        out.append(f"{exact.numerator}/{exact.denominator}")
        if not terminates(exact):
            out += [_rounded(exact, d, r) for d in range(MIN_DIGITS, MIN_DIGITS + 4)
                    for r in (ROUND_HALF_UP, ROUND_HALF_EVEN)]
    else:
        out += [decimal_text(exact)] + [_rounded(exact, d, ROUND_HALF_UP) for d in range(4, 9)]
    out += [s.replace("0.", ".", 1) for s in out if s.startswith(("0.", "-0."))]
    part = {"label": "n", "type": "number", "answer": value, "options": options}
    unique: list[str] = []
    for spelling in out:
        if spelling not in unique and grade_part(part, spelling).correct:
            unique.append(spelling)
    return unique


# ---- text -----------------------------------------------------------------------------

_TEX_WORDS = {r"\times": "×", r"\cdot": "·", r"\le": "≤", r"\leq": "≤", r"\ge": "≥", r"\geq": "≥",
              r"\neq": "≠", r"\ne": "≠", r"\ldots": "…", r"\dots": "…", r"\cdots": "⋯", r"\to": "→",
              r"\rightarrow": "→", r"\sum": "Σ", r"\partial": "∂", r"\infty": "∞", r"\pm": "±",
              r"\lfloor": "⌊", r"\rfloor": "⌋", r"\lceil": "⌈", r"\rceil": "⌉", r"\quad": " ", r"\,": " ",
              r"\;": " ", r"\!": "", r"\{": "{", r"\}": "}", r"\%": "%", r"\ast": "*", r"\circ": "∘"}
_FRAC = re.compile(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")
_MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$]+?)\$", re.S)
_COMMAND = re.compile(r"\\[A-Za-z]+|\\[,;!{}%]")


def _plain_tex(tex: str) -> str:
    text = _FRAC.sub(r"(\1)/(\2)", tex)
    text = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)\b\s*", "", text)
    text = re.sub(r"\\(?:mathrm|text|mathbf|mathit|operatorname|textbf)\{([^{}]*)\}", r"\1", text)
    text = _COMMAND.sub(lambda m: _TEX_WORDS.get(m.group(0), m.group(0).lstrip("\\")), text)
    text = re.sub(r"([_^])\{([^{}]*)\}", lambda m: m.group(2) if m.group(1) == "_" else "^" + m.group(2), text)
    text = re.sub(r"_(\w)", r"\1", text)
    text = text.replace("{", "").replace("}", "")
    return " ".join(text.split())


def plain_math(text: str) -> str:
    """A text of the templates' dialect with its ``$...$`` math as plain text (``$x_{1} \\times 2$``
    as ``x1 × 2``), HTML-escaped: for places that strip MathML, like Moodle's feedback popovers."""
    plain = _MATH.sub(lambda m: _plain_tex(m.group(1) or m.group(2)), str(text))
    plain = re.sub(r"\*\*(.+?)\*\*", r"\1", plain)
    return html.escape(plain, quote=False)


# ---- figures --------------------------------------------------------------------------

_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def lift_figures(html_text: str, stem: str, src: str) -> tuple[str, dict[str, str]]:
    """The inline SVG figures of a statement as files: the HTML with each ``<svg>`` replaced by
    an ``<img>`` whose address is ``src`` + file name, and ``{file name: SVG text}``."""
    files: dict[str, str] = {}

    def lift(match: re.Match[str]) -> str:
        svg = match.group(0)
        name = f"{stem}-{len(files) + 1}.svg"
        if "xmlns=" not in svg[:200]:
            svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
        files[name] = svg
        label = re.search(r'aria-label="([^"]*)"', svg)
        alt = label.group(1) if label else "figure"
        return f'<img src="{src}{name}" alt="{alt}"/>'

    return _SVG.sub(lift, html_text), files


# ---- packages -------------------------------------------------------------------------

# A fixed date and time in the zip, so the same export gives the same bytes.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """The files as a zip (deflated, fixed timestamps: the same export gives the same bytes)."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return stream.getvalue()
