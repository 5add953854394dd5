"""Finding a problem's key entry from its id alone: what ``probgen grade`` without --key grades by.

The grader never makes problems, so the command line hands it this lookup.
"""

from __future__ import annotations

from typing import Any, Mapping

from probgen.problems.model import ParamError

from . import registry


def regenerate(problem_id: str) -> Mapping[str, Any]:
    """The key entry of a problem rebuilt from its id; LookupError with one sentence when it cannot be."""
    from . import keyfile
    from .instances import BadId, from_id

    try:
        return keyfile.key_problem(from_id(problem_id))
    except (BadId, registry.UnknownKind) as exc:
        raise LookupError(str(exc)) from None
    except ParamError as exc:
        raise LookupError(f"{problem_id} cannot be regenerated: {exc}") from None
