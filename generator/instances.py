"""Instances: a kind plus params, with a stable id and everything solved once.

Ids are ``topic.kind@version:seed-ccc`` for sampled problems (``:seed:easy-ccc`` /
``:seed:hard-ccc`` when the difficulty is not the default ``medium``),
``topic.kind@version:sTOKEN-ccc`` for handed-out problems (whose seed only the course secret
gives) and ``topic.kind@version:p<hash>-ccc`` for params given by hand, which only the answer
key can grade (the grammar: :mod:`probgen.contract`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from probgen.contract import DEFAULT_DIFFICULTY, DIFFICULTIES, BadId, ParsedId, hand_id, handout_id, parse_id, shown_id
from probgen.contract import format_id as _format_id
from probgen.problems.model import Kind, Misconception, ParamError, Part, misconception_answers
from probgen.problems.params import TooMuchWork, check_finite, check_work
from probgen.problems.rng import Rng

from . import registry
from .seeding import params_hash, token_seed

MAX_TRIES = 500
__all__ = ["BadId", "NeedsSecret", "ParsedId", "parse_id", "format_id", "Instance", "sample", "from_params", "from_id",
           "degenerate", "same_answer", "param_names", "DEFAULT_DIFFICULTY"]


@dataclass(frozen=True)
class Instance:
    """One concrete problem: params, parts, reference answers and the misconceptions' answers."""

    id: str
    kind: Kind
    params: dict[str, Any]
    parts: tuple[Part, ...]
    answers: dict[str, Any]
    wrong: tuple[tuple[Misconception, dict[str, Any]], ...]
    seed: int | None
    difficulty: str

    def steps(self) -> dict[str, Any]:
        """The worked solution's intermediate values, computed once and only when shown."""
        cached = self.__dict__.get("_steps")
        if cached is None:
            cached = self.kind.steps(self.params) if self.kind.steps else {}
            object.__setattr__(self, "_steps", cached)
        return cached


class NeedsSecret(LookupError):
    """A handed-out id met without the course secret: its problem (and answers) stay hidden."""


def format_id(kind: Kind, seed: int, difficulty: str) -> str:
    return _format_id(kind.id, kind.version, seed, difficulty)


def same_answer(a: Any, b: Any) -> bool:
    """Structural equality of answer values, with SymPy expressions compared by expansion."""
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(same_answer(x, y) for x, y in zip(a, b))
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return False
    if hasattr(a, "free_symbols") or hasattr(b, "free_symbols"):
        import sympy

        return sympy.expand(sympy.S(a) - sympy.S(b)) == 0
    if isinstance(a, (int, float, Fraction)) and isinstance(b, (int, float, Fraction)):
        return a == b
    return a == b


def _solve(kind: Kind, params: dict[str, Any], problem_id: str, seed: int | None, difficulty: str) -> Instance:
    """Validate, refuse what no person could work by hand (before any work), then solve."""
    check_finite(params)
    kind.validate(params)
    if kind.effort is not None:
        check_work(kind.effort(params))
    answers = kind.solve(params)
    parts = tuple(kind.parts(params))
    wrong = misconception_answers(kind, params, answers)
    return Instance(problem_id, kind, dict(params), parts, answers, wrong, seed, difficulty)


def degenerate(instance: Instance) -> bool:
    """True when some misconception gives the right answer to a part, so it cannot be told apart."""
    for _, wrong_answers in instance.wrong:
        for label, value in wrong_answers.items():
            if label in instance.answers and same_answer(value, instance.answers[label]):
                return True
    return False


def sample(kind: Kind, seed: int, difficulty: str = DEFAULT_DIFFICULTY, given: dict[str, Any] | None = None,
           token: str | None = None) -> Instance:
    """Draw params from the seed's stream until they make a valid, non-degenerate problem.

    Params in ``given`` override the drawn ones; then validity is still required, but
    degeneracy is the caller's choice. A handed-out problem's ``token`` takes the seed's place
    in its id.
    """
    if difficulty not in DIFFICULTIES:
        raise ParamError(f"difficulty must be one of {', '.join(DIFFICULTIES)}, not {difficulty!r}.")
    rng = Rng(seed)
    last_error: ParamError | None = None
    defaults = {p.name: copy.deepcopy(p.default) for p in kind.params if not p.sampled and p.name not in (given or {})}
    for _ in range(MAX_TRIES):
        params = kind.fit(rng, difficulty, given) if given and kind.fit else kind.sample(rng, difficulty)
        if given:
            # A documented default holds where the params given leave a param out; the rest stay drawn.
            params.update(defaults)
            params.update(given)
        try:
            if given:
                problem_id = hand_id(kind.id, kind.version, params_hash(kind.id, kind.version, params))
            elif token is not None:
                problem_id = handout_id(kind.id, kind.version, token, difficulty)
            else:
                problem_id = format_id(kind, seed, difficulty)
            instance = _solve(kind, params, problem_id, seed, difficulty)
        except ParamError as exc:
            if not given:
                raise RuntimeError(f"{kind.id} sampled invalid params {params}: {exc}") from exc
            if isinstance(exc, TooMuchWork):
                raise
            last_error = exc
            continue
        if given or not degenerate(instance):
            return instance
    if last_error is not None:
        raise last_error
    raise RuntimeError(f"{kind.id}: no non-degenerate instance in {MAX_TRIES} draws from seed {seed}")


def param_names(kind: Kind) -> set[str]:
    """The params a kind takes: those it declares, and those it samples (for kinds that declare none)."""
    return {p.name for p in kind.params} | set(kind.sample(Rng(0), DEFAULT_DIFFICULTY))


def from_params(kind: Kind, params: dict[str, Any]) -> Instance:
    """An instance from complete hand-given params (no sampling)."""
    problem_id = hand_id(kind.id, kind.version, params_hash(kind.id, kind.version, params))
    return _solve(kind, params, problem_id, None, DEFAULT_DIFFICULTY)


def from_id(problem_id: str, secret: bytes | None = None) -> Instance:
    """Regenerate a sampled problem from its id alone (a handed-out one needs the course ``secret``).

    BadId when the id is not one probgen issued, NeedsSecret for a handed-out id without the secret.
    """
    parsed = parse_id(problem_id)
    if parsed.token is not None:
        if secret is None:
            raise NeedsSecret(f"{shown_id(problem_id)} is on a handed-out sheet, so only course staff can grade it "
                              "(with --key answer-key.json or --secret course-secret.txt).")
        kind = registry.find(parsed.kind_id, parsed.version)
        return sample(kind, token_seed(secret, parsed.token), parsed.difficulty, token=parsed.token)
    if parsed.seed is None:
        raise BadId(f"{shown_id(problem_id)} was made from hand-given params; grade it with --key answer-key.json.")
    kind = registry.find(parsed.kind_id, parsed.version)
    return sample(kind, parsed.seed, parsed.difficulty)
