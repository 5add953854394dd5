"""The output formats of ``probgen export``, one module each, registered by name (see base).

The modules are imported in the order ``--format`` lists them.
"""

from __future__ import annotations

from . import markdown  # noqa: F401  (each module registers its exporter)
from . import latex  # noqa: F401
from . import pdf  # noqa: F401
from . import html  # noqa: F401
from . import moodle  # noqa: F401
from . import canvas  # noqa: F401
from . import qti21  # noqa: F401
from .base import (EXPORTERS, PER_EXPORT, PER_SHEET, BankWriter, Exporter, ExportError, Failure, SheetFailed,
                   check_all, needed_views, register, write_sheet)

__all__ = ["BankWriter", "EXPORTERS", "PER_EXPORT", "PER_SHEET", "Exporter", "ExportError", "Failure", "SheetFailed",
           "check_all", "needed_views", "register", "write_sheet"]
