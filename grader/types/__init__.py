"""The answer types, one module per family, after PrairieLearn's elements.

Each module holds everything about its types: how an answer is read (through the shared
readers in :mod:`probgen.grader.read`), compared with feedback, checked in a key, shown as
the expected answer in a report, and the generator's forms: written to a key as JSON, shown
on a solution sheet, asked in Moodle, and as answer boxes in Canvas and QTI 2.1. Each module
ends with ``TYPES``, a tuple of :class:`~.base.AnswerType` records; ``TYPES`` here maps every type name to its record, and
its names are exactly the contract's ``ANSWER_TYPES``.

    number.py      integer, number
    shape.py       shape
    arrays.py      vector, matrix, tensor (and ``grid_type``, which makes any array type)
    expression.py  expression, expression-vector, expression-matrix
    choice.py      choice

Adding an answer type is one module here, its name in the contract and its tests; no
file of the grader's flow or of the generator changes:

1. Name it in ``probgen/contract.py`` (``ANSWER_TYPES``): generator and grader both check
   key parts against that list.
2. Write ``grader/types/<name>.py`` ending in ``TYPES = (AnswerType(name, read, compare,
   expected, settings=..., check=..., to_json=..., sheet=..., cloze=..., subquestions=...),)``:
   ``read`` delegates to a reader of ``grader/read`` (or a new one there), ``compare``
   returns an :class:`~.base.Outcome`, ``check`` raises BadKey for a reference the type
   cannot grade; ``to_json`` writes a kind's answer to a key, ``sheet`` shows it on a sheet
   with the format primitives it is given (:class:`~.base.Markup`), ``cloze`` asks a key
   part in Moodle with the Cloze syntax it is given (:class:`~.base.Cloze`) in
   ``subquestions`` subquestions, and ``boxes`` gives the answer boxes Canvas and QTI 2.1
   ask (:class:`~.base.Box`). Every form has a default (see :class:`~.base.AnswerType`).
   An array of something is ``arrays.grid_type(name, dims, read_entries, entry_match)``.
3. Add the module to ``MODULES`` below, and write its tests (``tests/test_grader_types.py``
   grades a throwaway type this way, and shows it on a sheet, writes it to a key and
   exports it to Moodle, without touching any other file).

``compare.py`` grades a key part of any type through these records alone, and the generator's
``keyfile``, ``render`` and ``moodle`` write one the same way.
"""

from __future__ import annotations

from . import arrays, choice, expression, number, shape
from .base import AnswerType, Outcome, Spec

__all__ = ["AnswerType", "MODULES", "Outcome", "Spec", "TYPES"]

MODULES = (number, shape, arrays, expression, choice)

TYPES: dict[str, AnswerType] = {answer_type.name: answer_type for module in MODULES for answer_type in module.TYPES}
