"""The vocabulary every problem kind is written in.

A kind is data plus pure functions: params (plain JSON data) in, answers out. Nothing here
knows about text, files or grading, so a kind can be tested on its own and the generator and
grader can treat all kinds alike.

Answer values use plain Python types so that SymPy is imported only by kinds that need
symbols: ``int``; ``fractions.Fraction`` for exact rationals; ``float`` for inexact numbers;
tuples (nested) for shapes, vectors, matrices and tensors; SymPy expressions for the
``expression*`` types; the option letter (``"B"``) for ``choice``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Iterator

from probgen.contract import ANSWER_TYPES, DIFFICULTIES  # noqa: F401  (re-exported for kinds)

if TYPE_CHECKING:  # pragma: no cover
    from .rng import Rng

Params = dict[str, Any]
Answers = dict[str, Any]



class ParamError(ValueError):
    """Params that describe no sensible problem; the message is one plain sentence for the user."""


@dataclass(frozen=True)
class Part:
    """One answerable question of a problem.

    ``options`` carries what the grader needs beyond the type: ``symbols`` (the names an
    expression may use), ``choices`` (option texts of a multiple-choice part), ``rel_tol`` /
    ``abs_tol`` for inexact numbers. It is copied into the answer key as it is, so it must be
    JSON data.
    """

    label: str
    prompt: str
    type: str
    points: int = 1
    options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in ANSWER_TYPES:
            raise ValueError(f"unknown answer type {self.type!r} for part {self.label!r}")


@dataclass(frozen=True)
class Misconception:
    """A named wrong way of solving, so the grader can say which mistake a wrong answer shows.

    ``solve`` returns answers only for the parts this mistake changes; a part it leaves out is
    not affected by it.
    """

    name: str
    feedback: str
    solve: Callable[[Params], Answers]


#: ``Param.default`` of a param that is drawn from the seed when it is left out.
SAMPLED = "sampled"


@dataclass(frozen=True)
class Param:
    """A param a kind takes: staff pass it with ``--params``; the catalog lists it.

    ``type`` is a short word a person reads (``int``, ``bool``, ``matrix``, ``int or "same"``);
    ``default`` is the JSON value a param left out takes, or :data:`SAMPLED` when it is drawn
    from the seed; ``meaning`` is one line.
    """

    name: str
    type: str
    meaning: str
    default: Any = SAMPLED

    @property
    def sampled(self) -> bool:
        return isinstance(self.default, str) and self.default == SAMPLED


def fixed_parts(*parts: Part) -> Callable[[Params], tuple[Part, ...]]:
    """For kinds whose parts do not depend on the params (most of them)."""
    return lambda params: parts


@dataclass(frozen=True)
class Kind:
    """A problem template: ``topic.kind`` id, version, and the pure functions behind it.

    ``parts`` is a function of the params because some kinds ask one part per requested
    position. ``steps`` returns the intermediate values a worked solution shows (windows,
    products, sums), so that templates only print and never compute. ``params`` declares the
    params the kind takes (see :class:`Param`).
    """

    id: str
    version: int
    title: str
    parts: Callable[[Params], tuple[Part, ...]]
    sample: Callable[["Rng", str], Params]
    validate: Callable[[Params], None]
    solve: Callable[[Params], Answers]
    misconceptions: tuple[Misconception, ...] = ()
    steps: Callable[[Params], dict[str, Any]] | None = None
    params: tuple[Param, ...] = ()

    @property
    def topic(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def template_name(self) -> str:
        """The Jinja2 template holding this kind's statement and worked solution."""
        return f"kinds/{self.id}.j2"


class LaterSteps(Mapping):
    """Steps whose costly part is worked out only when a template reads it.

    Statements read a few parsed values (sizes, padding); solutions read the long working.
    A kind returns ``LaterSteps(now, later)`` so a sheet without solutions never pays for it.
    """

    def __init__(self, now: dict[str, Any], later: Callable[[], dict[str, Any]]) -> None:
        self._now = now
        self._later = later
        self._rest: dict[str, Any] | None = None

    def _all(self) -> dict[str, Any]:
        if self._rest is None:
            self._rest = self._later()
        return self._rest

    def __getitem__(self, key: str) -> Any:
        if key in self._now:
            return self._now[key]
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._now
        yield from (k for k in self._all() if k not in self._now)

    def __len__(self) -> int:
        return len(set(self._now) | set(self._all()))
