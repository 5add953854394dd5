"""The three ways grading input can be wrong, kept apart because each reaches a different person.

- ``GradeInputError``: a whole file cannot be used (missing, not JSON, not a submission). The
  command line prints its message as the one sentence a user sees, so it must be one plain
  sentence and never a traceback.
- ``Unreadable``: one answer cannot be read. It costs that answer its points and nothing else;
  its message is shown to the student as feedback, so it says how to write the answer.
- ``BadKey``: the answer key itself is broken (a reference answer the readers cannot read, an
  unknown answer type). That is staff's bug, not the student's, so it is reported as such.
"""

from __future__ import annotations


class GradeInputError(Exception):
    """An unusable input file; the message is one plain sentence naming the file."""


class Unreadable(ValueError):
    """One answer that cannot be read; the message says how to write it."""


class BadKey(ValueError):
    """A key entry the grader cannot use (unknown type, unreadable reference answer)."""
