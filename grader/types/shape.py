"""The ``shape`` answer type: a tuple of sizes, with feedback on which dimension is wrong.

A sheet shows a shape as a tuple, ``(3,)`` for one dimension; Moodle asks for it as a
``SHORTANSWER`` accepting the ways people write it (``(3, 3)``, ``3x3``, ``[3, 3]``...).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ..read.shapes import format_shape, read_shape
from .base import CORRECT, TEXT_BOX, AnswerType, Box, Cloze, Markup, Outcome, Spec, no_credit


def _shape_compare(ref: tuple[int, ...], ans: tuple[int, ...], spec: Spec) -> Outcome:
    if ans == ref:
        return CORRECT
    n, m = len(ref), len(ans)
    if m == n - 1:
        for i in range(n):
            if ref[:i] + ref[i + 1:] == ans:
                return no_credit(f"Not correct: your shape has {m} dimension{'s' * (m != 1)} and the answer has {n}; "
                                 f"you left out the dimension of size {ref[i]} (position {i + 1}).")
    if m != n:
        return no_credit(f"Not correct: the answer has {n} dimension{'s' * (n != 1)}, yours has {m}.")
    if sorted(ans) == sorted(ref):
        return no_credit("Not correct: the sizes are right but in the wrong order.")
    wrong = [str(i + 1) for i in range(n) if ans[i] != ref[i]]
    where = "dimension " + wrong[0] if len(wrong) == 1 else "dimensions " + ", ".join(wrong)
    return no_credit(f"Not correct: {where} {'is' if len(wrong) == 1 else 'are'} wrong.")


def _sheet(value: Any, fmt: Markup, options: Mapping[str, Any]) -> str:
    return fmt.math(fmt.tex(tuple(value)) if len(value) != 1 else f"({value[0]},)")


def shape_variants(dims: Sequence[int]) -> list[str]:
    """The ways people write a shape that the short answer accepts."""
    d = [str(int(x)) for x in dims]
    if len(d) == 1:
        return [f"({d[0]},)", f"({d[0]}, )", f"({d[0]})", d[0], f"[{d[0]}]", f"( {d[0]}, )", f"( {d[0]} )"]
    return [f"({', '.join(d)})", f"({','.join(d)})", "x".join(d), " x ".join(d), "×".join(d), " × ".join(d),
            f"[{', '.join(d)}]", f"[{','.join(d)}]", ", ".join(d), ",".join(d), f"( {', '.join(d)} )",
            f"[ {', '.join(d)} ]", f"({' , '.join(d)})"]


def _boxes(part: Mapping[str, Any]) -> list[Box]:
    """One text box; case does not matter (``3X3`` is read like ``3x3``)."""
    return [Box(TEXT_BOX, part["answer"], accepted=tuple(shape_variants(part["answer"])))]


def _cloze(part: Mapping[str, Any], weight: int, cloze: Cloze) -> str:
    right = [cloze.escape(v) for v in shape_variants(part["answer"])]
    wrong = cloze.wrong(part, lambda v: [cloze.escape(x) for x in shape_variants(v)[:3]])
    return cloze.subquestion(weight, "SHORTANSWER", cloze.alternatives(right, wrong))


TYPES = (
    AnswerType("shape", lambda value, spec: read_shape(value), _shape_compare,
               lambda reference, raw, spec: format_shape(reference), sheet=_sheet, cloze=_cloze,
               boxes=_boxes),
)
