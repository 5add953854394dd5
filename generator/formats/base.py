"""The primitives an output format provides, SymPy-printer style: one object per format.

Kind templates are written once, in a small dialect every format shares (plain sentences,
``$...$`` and ``$$...$$`` math as LaTeX source, blank lines between paragraphs). Where the
markup must differ by format, a template calls a primitive of the format object it is
given as ``fmt`` -- ``{{ fmt.quoted("same") }}``, ``{{ grid(X, "X") }}`` -- instead of
comparing format names. Code that shows values outside templates (the reference answer of a
part, each answer type's ``sheet`` form in ``probgen/grader/types/``) calls the same
primitives: ``fmt.math(fmt.tex(value))``, ``fmt.grid(rows, name)``.

Every primitive returns text in the format's *source* dialect; :meth:`Format.finish` turns a
rendered block of it into the format's final markup (identity for Markdown, display math to
``\\[...\\]`` for LaTeX, the whole block to HTML with MathML for HTML).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import values

if TYPE_CHECKING:  # pragma: no cover
    from ..figures import Figure


class Format:
    """What Markdown, LaTeX and HTML share; a subclass overrides what differs.

    ``name`` is what ``--format`` and the sheet layouts (``sheets/worksheet.<name>.j2``) call
    the format; it is also the sheets' file extension.
    """

    name = ""
    #: Whether sheets are laid out in it (``make --format`` offers it); a format only LMS
    #: exports read problems in says False.
    sheets = True

    # ---- inline pieces --------------------------------------------------------------

    def math(self, source: str) -> str:
        """Inline math from LaTeX source."""
        return f"${source}$"

    def tex(self, value: Any) -> str:
        """LaTeX source of a number, an expression or a flat tuple (a row vector), for ``math``."""
        return values.tex(value)

    def grid(self, rows: Any, name: str | None = None) -> str:
        """A matrix shown as a block, optionally as ``name = ...``."""
        raise NotImplementedError

    def quoted(self, word: str) -> str:
        """A word in quotation marks, such as padding "same"."""
        return f'"{word}"'

    def code(self, name: str) -> str:
        """An identifier from code, such as PyTorch's ``output_padding``."""
        return f"`{name}`"

    def derivative(self, of: str, by: str) -> str:
        """The name of a derivative used as the name of a grid: dL/dW."""
        return f"d{of}/d{by}"

    def escape(self, value: Any) -> str:
        """Text from outside the templates (titles, ids) made safe in this format's markup."""
        return str(value)

    def inline(self, value: Any) -> str:
        """A prompt or choice in the dialect (``$math$``, ``**bold**``) as this format's inline markup."""
        return str(value)

    def figure(self, fig: Figure, *, mode: str = "inline", files: dict[str, str] | None = None,
               owner: str = "figure") -> str:
        """A figure as a block. ``mode`` (``inline``, ``files``, ``none``), ``files`` (a sink for
        figure files) and ``owner`` (the problem id, which names a file) matter only to formats
        that can show a figure more than one way."""
        raise NotImplementedError

    # ---- whole blocks ---------------------------------------------------------------

    def finish(self, block: str) -> str:
        """A rendered statement, solution or shown answer, from the dialect to final markup."""
        return block

    def finish_sheet(self, sheet: str) -> str:
        """A rendered sheet layout (written in this format's own markup) made final."""
        return sheet

    def __repr__(self) -> str:
        return f"<format {self.name}>"
