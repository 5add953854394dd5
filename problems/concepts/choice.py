"""The machinery every concept kind shares: a four-option multiple-choice question.

Every concept kind asks one question with four options: the right one and three distractors,
each a real misconception with the feedback a TA would give. The options are a fixed list
(the right one first); the one param, ``order``, is the order in which that list is shown,
a permutation of 0..3 drawn per seed. So ``order = [2, 0, 3, 1]`` shows the original option
2 at A, the right option 0 at B, option 3 at C and option 1 at D, and the answer is "B".

The question text and the explanation live in each kind's template; the option texts and
the feedback live in the kind's module because the grader needs them (the choices go into the part's
options, the feedback into the misconceptions). Option texts are printed by the sheet
layout in Markdown and LaTeX alike, so they are plain sentences with $math$ only, never
% & # _ outside math; feedback is plain text (it is shown by the grader, not typeset).

Difficulty is ignored: the same question is asked at every difficulty, only the order of
its options changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Kind, Misconception, Param, ParamError, Params, Part
from ..rng import Rng

LETTERS = "ABCD"
_PROMPT = "Which option is right? Answer with its letter."
ORDER_PARAM = Param("order", "permutation of 0..3", "the order in which the options are shown (option 0 is right)")


@dataclass(frozen=True)
class Distractor:
    """A wrong option: its misconception's name, the option text, and the TA's feedback."""

    name: str
    text: str
    feedback: str


# ---- the shared machinery -------------------------------------------------------------


def _order(params: Params) -> list[int]:
    """The ``order`` param of already validated params."""
    return [int(i) for i in params["order"]]


def _validate(params: Params) -> None:
    if "order" not in params:
        raise ParamError("missing param 'order'.")
    order = params["order"]
    ok = (
        isinstance(order, list)
        and len(order) == len(LETTERS)
        and all(isinstance(i, int) and not isinstance(i, bool) for i in order)
        and sorted(order) == list(range(len(LETTERS)))
    )
    if not ok:
        raise ParamError(
            f"param 'order' must list 0, 1, 2 and 3 once each, such as [2, 0, 3, 1], not {order!r}."
        )


def _sample(rng: Rng, difficulty: str) -> Params:
    return {"order": rng.shuffled(range(len(LETTERS)))}


def _letter(params: Params, option: int) -> str:
    """The letter under which the original option ``option`` is shown."""
    return LETTERS[_order(params).index(option)]


def choice_kind(slug: str, title: str, right: str, distractors: list[Distractor]) -> Kind:
    """A four-option multiple-choice kind ``concepts.<slug>``; option 0 is ``right``."""
    if len(distractors) != len(LETTERS) - 1:
        raise ValueError(f"concepts.{slug} needs {len(LETTERS) - 1} distractors")
    texts = [right] + [d.text for d in distractors]
    if len(set(texts)) != len(texts):
        raise ValueError(f"concepts.{slug} has two identical options")

    def parts(params: Params) -> tuple[Part, ...]:
        shown = [texts[i] for i in _order(params)]
        return (Part("a", _PROMPT, "choice", options={"choices": shown}),)

    def solve(params: Params) -> dict:
        return {"a": _letter(params, 0)}

    def steps(params: Params) -> dict:
        # The template of a kind is shared by its versions; "stem": "v1" picks this version's text.
        return {"stem": "v1", "given": {}, "letter": _letter(params, 0), "right": right, "others": []}

    def wrong(option: int):
        return lambda params: {"a": _letter(params, option)}

    return Kind(
        id=f"concepts.{slug}",
        version=1,
        title=title,
        params=(ORDER_PARAM,),
        parts=parts,
        sample=_sample,
        validate=_validate,
        solve=solve,
        steps=steps,
        misconceptions=tuple(
            Misconception(d.name, d.feedback, wrong(i)) for i, d in enumerate(distractors, start=1)
        ),
    )
