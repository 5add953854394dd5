"""Answer values and outside text written as LaTeX source or as a person types them.

These are the same in every output format: Markdown and HTML sheets carry math as LaTeX
source too (``$...$``), which the HTML format turns into MathML later. What differs by
format lives in the format objects (:mod:`.formats`); they build on these.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any


def tex(value: Any) -> str:
    """LaTeX math for a number, an expression, or a flat tuple (written as a row vector)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        sign = "-" if value < 0 else ""
        return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, (tuple, list)):
        return r"\left(" + ", ".join(tex(v) for v in value) + r"\right)"
    if isinstance(value, str):
        return value
    return _sympy_latex(value)


def _sympy_latex(expr: Any) -> str:
    from probgen.grader.types.expression import expression_latex  # only expression kinds reach here

    return expression_latex(expr)


def _float_text(value: float) -> str:
    return f"{value:.6g}"


def text(value: Any) -> str:
    """A value as a person would type it: ``7/4``, ``(3, 3)``, ``k1*x1 + k2*x2``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
        return "[" + ", ".join(text(list(r)) for r in value) + "]"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(text(v) for v in value)
        return f"({inner},)" if isinstance(value, tuple) and len(value) == 1 else (
            f"({inner})" if isinstance(value, tuple) else f"[{inner}]")
    return str(value)


def bmatrix(rows: Any) -> str:
    """A matrix as LaTeX ``bmatrix`` source, for use inside math."""
    body = r" \\ ".join(" & ".join(tex(v) for v in row) for row in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def shape(dims: Any) -> str:
    """A shape as math: ``3 \\times 3``."""
    return r" \times ".join(str(d) for d in dims)


_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                   "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex_escape(value: Any) -> str:
    """Text from outside the templates (titles, figure names) made safe for LaTeX text mode."""
    return "".join(_LATEX_SPECIALS.get(c, c) for c in str(value))
