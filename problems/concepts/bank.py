"""Concept kinds with variety: a bank of questions per kind, asked by difficulty.

A kind holds a pool of named mistakes (the misconceptions the grader names, each with the
feedback a TA would give) and several questions, each written for one difficulty: an easy
question asks to recognise a definition, a medium one to apply it to a scenario or to
numbers, a hard one a subtle case or a "which is NOT" with close options. A question has its
right option and the texts of the wrong options it may show, each under the name of the
mistake it stands for; a problem shows the right option and three of those wrong ones. Where
the pool's feedback on a mistake does not fit one question, the question gives its own
(``Question.feedback``); the grader and the worked solution then both say that.

Params: ``question`` (the question's name) and ``shuffle``, a number from which the three
wrong options and the order of all four are drawn. ``shuffle`` fits every question, so a
question given by hand (``--params '{"question": "even-kernel"}'``) needs nothing else.

The stem and the explanation of each question are text to typeset, so they live in the
kind's template, under the question's ``stem`` name (several questions may share a stem and
differ in the ``values`` it prints); the option texts and the feedback live here because the
grader needs them. Option texts are plain sentences with $math$ only, never % & # _ outside
math; feedback is one or two plain sentences (the grader shows it, nothing typesets it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import params as read
from ..model import DIFFICULTIES, Kind, Misconception, Param, ParamError, Params, Part
from ..rng import Rng

LETTERS = "ABCD"
#: The name under which the right option appears among the shown options.
RIGHT = "right"
PROMPT = "Answer with the letter of your choice."
SHUFFLE_HIGH = 2**31 - 1
#: Every bank by (kind id, version), so tests and tools can go through all the questions of a kind.
BANKS: dict[tuple[str, int], tuple["Question", ...]] = {}


@dataclass(frozen=True)
class Mistake:
    """A misconception of the kind's pool: its name and the TA's feedback on it."""

    name: str
    feedback: str


@dataclass(frozen=True)
class Question:
    """One question: its difficulty, its right option, and its wrong options by mistake name."""

    name: str
    level: str
    right: str
    wrong: Mapping[str, str]
    stem: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    #: Feedback for some of its wrong options, where the pool's does not fit this question.
    feedback: Mapping[str, str] = field(default_factory=dict)

    @property
    def section(self) -> str:
        """The template section holding the stem and explanation (the name unless shared)."""
        return self.stem or self.name


def big(n: int) -> str:
    """An integer as math source, with thin spaces between groups of three digits from five digits
    on (4\\,320\\,000, but 8100), as numbers are usually typeset."""
    return f"{n:,}".replace(",", "\\,") if abs(n) >= 10_000 else str(n)


def reworded(pool: list[Mistake], texts: Mapping[str, str]) -> list[Mistake]:
    """The pool with new feedback for the named mistakes (for a new version of a kind: an old
    version keeps the feedback its keys were issued with)."""
    if set(texts) - {m.name for m in pool}:
        raise ValueError(f"unknown mistakes {sorted(set(texts) - {m.name for m in pool})}")
    return [Mistake(m.name, texts.get(m.name, m.feedback)) for m in pool]


def _check_bank(kind_id: str, pool: tuple[Mistake, ...], questions: tuple[Question, ...]) -> None:
    """Refuse a bank a student could trip over: unknown names, too few or repeated options."""
    names = [m.name for m in pool]
    asked = [q.name for q in questions]
    if len(set(names)) != len(names) or len(set(asked)) != len(asked) or RIGHT in names:
        raise ValueError(f"{kind_id}: mistake or question names repeat")
    for q in questions:
        texts = [q.right, *q.wrong.values()]
        if q.level not in DIFFICULTIES or len(q.wrong) < len(LETTERS) - 1 or len(set(texts)) != len(texts):
            raise ValueError(f"{kind_id}: question {q.name} needs a difficulty and three or more distinct "
                             "wrong options")
        if set(q.feedback) - set(q.wrong):
            raise ValueError(f"{kind_id}: question {q.name} gives feedback for options it does not have")
        if set(q.wrong) - set(names):
            raise ValueError(f"{kind_id}: question {q.name} names unknown mistakes {sorted(set(q.wrong) - set(names))}")
    unused = set(names) - {name for q in questions for name in q.wrong}
    missing = set(DIFFICULTIES) - {q.level for q in questions}
    if unused or missing:
        raise ValueError(f"{kind_id}: unused mistakes {sorted(unused)} or no question for {sorted(missing)}")


def shown_options(question: Question, shuffle: int) -> list[str]:
    """The names of the four options shown, in order: three wrong ones and RIGHT, from ``shuffle``."""
    rng = Rng(shuffle)
    wrong = rng.shuffled(list(question.wrong))[: len(LETTERS) - 1]
    return rng.shuffled([RIGHT, *wrong])


def bank_kind(slug: str, title: str, pool: list[Mistake], questions: list[Question], version: int) -> Kind:
    """The kind ``concepts.<slug>`` asking the questions of its bank, one per problem."""
    kind_id = f"concepts.{slug}"
    _check_bank(kind_id, tuple(pool), tuple(questions))
    by_name = {q.name: q for q in questions}
    BANKS[(kind_id, version)] = tuple(questions)
    feedback = {m.name: m.feedback for m in pool}

    def question(params: Params) -> Question:
        return by_name[params["question"]]

    def options(params: Params) -> list[str]:
        return shown_options(question(params), int(params["shuffle"]))

    def letter(params: Params, name: str) -> str:
        return LETTERS[options(params).index(name)]

    def text(q: Question, name: str) -> str:
        return q.right if name == RIGHT else q.wrong[name]

    def validate(params: Params) -> None:
        read.require(params, "question", "shuffle")
        if not isinstance(params["question"], str) or params["question"] not in by_name:
            raise ParamError(f"param 'question' must name one of the questions of {kind_id} "
                             f"({', '.join(by_name)}), not {params['question']!r}.")
        read.integer(params, "shuffle", low=0, high=SHUFFLE_HIGH)

    def sample(rng: Rng, difficulty: str) -> Params:
        asked = rng.choice([q for q in questions if q.level == difficulty])
        return {"question": asked.name, "shuffle": rng.integer(0, SHUFFLE_HIGH)}

    def parts(params: Params) -> tuple[Part, ...]:
        q = question(params)
        return (Part("a", PROMPT, "choice", options={"choices": [text(q, n) for n in options(params)]}),)

    def solve(params: Params) -> dict:
        return {"a": letter(params, RIGHT)}

    def steps(params: Params) -> dict:
        q = question(params)
        others = [{"letter": LETTERS[i], "text": q.wrong[n], "feedback": q.feedback.get(n, feedback[n])}
                  for i, n in enumerate(options(params)) if n != RIGHT]
        return {"stem": q.section, "given": dict(q.values), "letter": letter(params, RIGHT), "right": q.right,
                "others": others}

    def picked(name: str, asked: frozenset[str] | None = None):
        """The mistake's answer: its letter where shown, on the questions ``asked`` (None: on those
        that take the pool's feedback on it)."""
        def solve(params: Params) -> dict:
            q = question(params)
            mine = q.name in asked if asked is not None else name not in q.feedback
            return {"a": letter(params, name)} if mine and name in options(params) else {}
        return solve

    own = [Misconception(m.name, text, picked(m.name, frozenset(q.name for q in questions
                                                                   if q.feedback.get(m.name) == text)))
           for m in pool for text in dict.fromkeys(q.feedback[m.name] for q in questions if m.name in q.feedback)]

    return Kind(
        id=kind_id,
        version=version,
        title=title,
        params=(
            Param("question", "question name", "the question asked, sampled from those of the difficulty: "
                  + "; ".join(f"{level} {', '.join(q.name for q in questions if q.level == level)}"
                              for level in DIFFICULTIES)),
            Param("shuffle", "int >= 0", "picks which three wrong options are shown and the order of all four"),
        ),
        parts=parts,
        sample=sample,
        validate=validate,
        solve=solve,
        steps=steps,
        misconceptions=tuple(Misconception(m.name, m.feedback, picked(m.name)) for m in pool) + tuple(own),
    )
