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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

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
    not affected by it. ``silent_when_right`` names the parts on which the mistake may, for some
    params, land on the right answer and then simply does not show (True: every part it answers):
    :func:`misconception_answers` leaves those out. Any other part that equals the right answer
    makes a sampled instance degenerate, and the generator draws again.
    """

    name: str
    feedback: str
    solve: Callable[[Params], Answers]
    silent_when_right: bool | tuple[str, ...] = False

    def silent_on(self, label: str) -> bool:
        return self.silent_when_right is True or (not isinstance(self.silent_when_right, bool)
                                                  and label in self.silent_when_right)


#: Hand operations a sampled part takes at most, per difficulty (the course's largest worked
#: example is 36 multiply-adds): what "hand-sized" means for the samplers and their property
#: test. Hand-given params have the looser bound ``params.MAX_WORK``.
HAND_WORK = {"easy": 40, "medium": 40, "hard": 100}


#: ``Param.default`` of a param that is drawn from the seed when it is left out.
SAMPLED = "sampled"


@dataclass(frozen=True)
class Param:
    """A param a kind takes: staff pass it with ``--params``; the catalog lists it.

    ``type`` is a short word a person reads (``int``, ``bool``, ``matrix``, ``int or "same"``);
    ``default`` is the JSON value a param left out of ``--params`` takes, or :data:`SAMPLED` when
    it is drawn to fit the params given; ``meaning`` is one line. ``drawn``: seeds draw this
    param although it has a default (a seeded problem varies it; a hand-given one that leaves it
    out gets the default the catalog documents).
    """

    name: str
    type: str
    meaning: str
    default: Any = field(default=SAMPLED, hash=False)  # JSON data, a list maybe: not hashable
    drawn: bool = False

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
    params the kind takes (see :class:`Param`). ``first_claims``: when two misconceptions give
    the same wrong answer to a part, only the one listed first keeps it, so that a wrong answer
    names one mistake (see :func:`misconception_answers`). ``effort`` counts, from validated
    params and without solving, the operations a person does by hand for each part it names
    (multiply-adds; comparisons for a max; additions for a sum): sampled instances are kept
    hand-sized by it, and hand-given params past :data:`probgen.problems.params.MAX_WORK` are
    refused before any work. A kind that only applies a formula declares none. ``fit(rng,
    difficulty, given)`` draws the params left out of ``given`` so they fit it (a given kernel of
    7 gets an input large enough); only hand-given params use it, so seeded problems never change.
    ``teaches(params)`` says whether a problem holds what the kind teaches (overlapping windows
    for a gradient, padding or stride for a size); every sampled hard problem must.
    ``same_by_design`` names pairs of parts whose answers are equal on purpose (see
    :func:`degenerate_reason`).
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
    first_claims: bool = False
    effort: Callable[[Params], dict[str, int]] | None = None
    fit: Callable[["Rng", str, Params], Params] | None = None
    teaches: Callable[[Params], bool] | None = None
    same_by_design: tuple[tuple[str, str], ...] = ()

    @property
    def topic(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def template_name(self) -> str:
        """The Jinja2 template holding this kind's statement and worked solution."""
        return f"kinds/{self.id}.j2"


def misconception_answers(kind: Kind, params: Params, right: Answers) -> tuple[tuple[Misconception, Answers], ...]:
    """What each of the kind's misconceptions answers, where it counts: the one rule for all kinds.

    A mistake's answer to a part is left out where the mistake is silent on that part and
    answers it right anyway (``Misconception.silent_when_right``), and, for a kind with
    ``first_claims``, where a misconception listed earlier gives that same answer. Everything
    else stands; a part that then equals ``right`` marks the instance degenerate for the
    generator, which draws again.
    """
    shown = []
    claimed: dict[str, list[Any]] = {}
    for mistake in kind.misconceptions:
        answers = mistake.solve(params)
        kept = {label: value for label, value in answers.items()
                if not (mistake.silent_on(label) and value == right.get(label))
                and not (kind.first_claims and value in claimed.get(label, ()))}
        if kind.first_claims:
            for label, value in answers.items():
                claimed.setdefault(label, []).append(value)
        shown.append((mistake, kept))
    return tuple(shown)


def redrawing(draw: Callable[["Rng", str], Params], solve: Callable[[Params], Answers],
              misconceptions: tuple[Misconception, ...], distinct: Callable[[Params], Any] = lambda params: (),
              tries: int = 200, validate: Callable[[Params], None] | None = None) -> Callable[["Rng", str], Params]:
    """A sampler that draws again until every misconception shows in every part it answers.

    For the parts named by ``distinct(params)`` it also draws again while two misconceptions
    give the same answer, so each wrong value names one mistake. After ``tries`` draws it keeps
    the last one (its silent parts are then left out by :func:`misconception_answers`).

    ``validate``, when given, makes a draw the kind would refuse count as one more failed try,
    and the sampler keeps the last valid draw, never an invalid one. A draw that passes
    ``validate`` is judged as before, so every seed that gave a problem without it gives the
    same problem with it: only seeds that used to stop on invalid params change.
    """

    def valid(params: Params) -> bool:
        if validate is None:
            return True
        try:
            validate(params)
        except ParamError:
            return False
        return True

    def every_mistake_shows(params: Params) -> bool:
        right = solve(params)
        seen: dict[str, list[Any]] = {}
        for mistake in misconceptions:
            for label, value in mistake.solve(params).items():
                if value == right.get(label):
                    return False
                seen.setdefault(label, []).append(value)
        return all(len(set(seen.get(label, ()))) == len(seen.get(label, ())) for label in distinct(params))

    def sample(rng: "Rng", difficulty: str) -> Params:
        kept = None
        for _ in range(tries):
            params = draw(rng, difficulty)
            if not valid(params):
                continue
            kept = params
            if every_mistake_shows(params):
                break
        while kept is None:  # every try was invalid: draw on until one is valid
            params = draw(rng, difficulty)
            kept = params if valid(params) else None
        return kept

    return sample


def _entries(value: Any) -> list[Any]:
    if isinstance(value, (tuple, list)):
        return [entry for item in value for entry in _entries(item)]
    return [value]


def _as_tuple(value: Any) -> Any:
    return tuple(_as_tuple(v) for v in value) if isinstance(value, (tuple, list)) else value


def degenerate_reason(params: Params, answers: Answers, same_by_design: Iterable[tuple[str, str]] = ()) -> str | None:
    """Why a problem's answers make it degenerate, in a few words, or None (issue 14).

    Three ways a problem tests nothing: an array answer of four or more numbers with fewer than
    two non-zero entries (a max-pool gradient routed to one cell, a sum that cancels); two parts
    with the same answer (copying one earns the other); an array answer that is a param of the
    statement written out again (dL/dk equal to the kernel shown). ``same_by_design`` lists the
    pairs of parts whose answers are equal because that is the lesson (a gradient has the shape of
    what it is taken with respect to), declared on the kind as ``Kind.same_by_design``.
    """
    allowed = {frozenset(pair) for pair in same_by_design}
    from fractions import Fraction

    labels = list(answers)
    for n, label in enumerate(labels):
        value = answers[label]
        entries = _entries(value)
        numbers = all(isinstance(e, (int, Fraction)) and not isinstance(e, bool) for e in entries)
        if isinstance(value, (tuple, list)) and numbers and len(entries) >= 4 \
                and sum(1 for e in entries if e != 0) < 2:
            return f"part {label} is all zeros but one entry"
        for other in labels[n + 1:]:
            if frozenset((label, other)) in allowed:
                continue
            if not isinstance(value, str) and numbers and _as_tuple(value) == _as_tuple(answers[other]):
                return f"parts {label} and {other} have the same answer"
        if isinstance(value, (tuple, list)) and numbers and len(entries) >= 2:
            for name, given in params.items():
                if isinstance(given, list) and _as_tuple(given) == _as_tuple(value):
                    return f"part {label} is param {name} written out again"
    return None


def not_degenerate(draw: Callable[["Rng", str], Params], solve: Callable[[Params], Answers],
                   tries: int = 1000, same_by_design: tuple[tuple[str, str], ...] = ()) -> Callable[["Rng", str], Params]:
    """A sampler that draws again while :func:`degenerate_reason` finds the problem degenerate."""

    def sample(rng: "Rng", difficulty: str) -> Params:
        for _ in range(tries):
            params = draw(rng, difficulty)
            if degenerate_reason(params, solve(params), same_by_design) is None:
                return params
        raise RuntimeError(f"no problem that tests something in {tries} draws at {difficulty}")

    return sample


def hand_sized(draw: Callable[["Rng", str], Params], effort: Callable[[Params], dict[str, int]] | None,
               teaches: Callable[[Params], bool] | None = None, tries: int = 1000) -> Callable[["Rng", str], Params]:
    """A sampler that draws again until every part takes at most the difficulty's hand work
    (``params.HAND_WORK``) and, on hard, the problem holds what the kind ``teaches``.

    For a new version of a kind whose old sampler drew problems too big or too plain: the
    accepted draws keep the old sampler's variety.
    """
    def fits(params: Params, difficulty: str) -> bool:
        if effort is not None and max(effort(params).values(), default=0) > HAND_WORK[difficulty]:
            return False
        return difficulty != "hard" or teaches is None or teaches(params)

    def sample(rng: "Rng", difficulty: str) -> Params:
        for _ in range(tries):
            params = draw(rng, difficulty)
            if fits(params, difficulty):
                return params
        raise RuntimeError(f"no hand-sized draw in {tries} tries at {difficulty}")

    return sample


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
