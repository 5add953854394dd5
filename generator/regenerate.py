"""Finding a problem's key entry from its id alone: what ``probgen grade`` without --key grades by.

The grader never makes problems, so the command line hands it this lookup. A handed-out id
(``...:sTOKEN-ccc``) is made into its problem only with the course secret; without it the
lookup refuses the whole run with one sentence (:class:`GradeInputError`), so that nothing
of the problem's answers is ever shown to whoever holds the sheet.
"""

from __future__ import annotations

from typing import Any, Mapping

from probgen.contract import DEFAULT_CREDIT, LEGACY_CREDIT, NOT_ISSUED, parse_id, shown_id
from probgen.grader.errors import GradeInputError
from probgen.problems.model import ParamError

from . import registry


def _legacy(problem_id: str) -> bool:
    """An id issued before ids had checks (and keys credit rules): it grades per entry, as it did."""
    return not parse_id(problem_id).checked


def regenerate(problem_id: str, secret: bytes | None = None) -> Mapping[str, Any]:
    """The key entry of a problem rebuilt from its id; LookupError with one sentence when it cannot be.

    GradeInputError for a handed-out id without the course ``secret``.
    """
    from . import keyfile
    from .instances import BadId, NeedsSecret, from_id

    try:
        instance = from_id(problem_id, secret)
        entry = keyfile.key_problem(instance, LEGACY_CREDIT if _legacy(problem_id) else DEFAULT_CREDIT)
        entry["id"] = problem_id.strip()  # an id issued before checks is reported as it was issued
        return entry
    except NeedsSecret as exc:
        raise GradeInputError(str(exc)) from None
    except BadId as exc:
        raise LookupError(str(exc)) from None
    except registry.UnknownKind as exc:
        raise LookupError(f"{shown_id(problem_id)} is {NOT_ISSUED} ({exc.args[0].rstrip('.')}).") from None
    except ParamError as exc:
        raise LookupError(f"{shown_id(problem_id)} cannot be regenerated: {exc}") from None
