"""The ``shape`` answer type: a tuple of sizes, with feedback on which dimension is wrong."""

from __future__ import annotations

from ..read.shapes import format_shape, read_shape
from .base import CORRECT, AnswerType, Outcome, Spec, no_credit


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


TYPES = (
    AnswerType("shape", lambda value, spec: read_shape(value), _shape_compare,
               lambda reference, raw, spec: format_shape(reference)),
)
