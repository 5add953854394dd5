"""The shape mistakes, feedback texts and misconception machinery the 2-D kinds share.

A misconception returns no answer for a part when the mistake has nothing to act on in the
given params (padding counted once when there is no padding, channels averaged when there
is one channel): such a student would answer correctly, and the problem does not test it.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..model import Misconception, Params
from ..rng import Rng


def plus_one_missing(n: int, k: int, s: int, p: int) -> int:
    return (n + 2 * p - k) // s


def stride_first(n: int, k: int, s: int, p: int) -> int:
    """Divided by the stride before adding the padding: floor((n - k)/s) + 1 + 2p."""
    return (n - k) // s + 1 + 2 * p


FLIP_FEEDBACK = ("You flipped the kernel (rotated it by 180 degrees), as in the convolution of signal processing; "
                  "deep-learning convolution is cross-correlation, with no flip.")


PADDING_ONCE_FEEDBACK = ("You padded one side only; the padding p is added on every side, "
                          "so the padded input is H + 2p by W + 2p.")


STRIDE_FIRST_FEEDBACK = ("You divided by the stride before adding the padding; the padding widens the input first: "
                          "floor((H + 2p - k)/s) + 1.")


PLUS_ONE_FEEDBACK = ("You left out the +1 in floor((H + 2p - k)/s) + 1: "
                      "the first window position counts too.")


def misconceptions_of(reference, mistakes) -> tuple[Misconception, ...]:
    """The kind's misconceptions from (name, feedback, solve) triples.

    A mistake keeps only the parts where it changes the answer: it can be invisible for some
    params (padding on one side only when no window reaches the far side, a floor that
    swallows the difference), and a student who makes it there answers correctly. When two
    mistakes give the same wrong answer to a part (forgetting the +1 and padding once agree
    when p = 1 and s = 1), the one listed first claims it, so a wrong answer names one mistake.
    """

    def table(params: Params) -> list[dict]:
        right = reference(params)
        claimed: dict[str, list] = {}
        out = []
        for _, _, wrong in mistakes:
            shown = {label: value for label, value in wrong(params).items() if value != right.get(label)}
            out.append({label: value for label, value in shown.items() if value not in claimed.get(label, ())})
            for label, value in shown.items():
                claimed.setdefault(label, []).append(value)
        return out

    @lru_cache(maxsize=32)
    def cached(key: str) -> list[dict]:
        return table(json.loads(key))

    def make(index: int):
        def solve(params: Params) -> dict:
            try:
                key = json.dumps(params, sort_keys=True)
            except (TypeError, ValueError):
                return table(params)[index]
            return dict(cached(key)[index])

        return solve

    return tuple(Misconception(name, feedback, make(i)) for i, (name, feedback, _) in enumerate(mistakes))


def redraw_until_shown(draw, reference, mistakes, values=lambda params: ()):
    """A sampler that redraws until every mistake that applies shows in every part it touches,
    so a sampled problem tests all its misconceptions (``misconceptions_of`` hides the others).

    For the parts named by ``values(params)`` (computed entries, not shapes) it also redraws
    when two mistakes happen to give the same answer, so each wrong value names one mistake.
    """

    def ok(params: Params) -> bool:
        right = reference(params)
        seen: dict[str, list] = {}
        for _, _, wrong in mistakes:
            for label, value in wrong(params).items():
                if value == right.get(label):
                    return False
                seen.setdefault(label, []).append(value)
        return all(len(set(seen.get(label, ()))) == len(seen.get(label, ())) for label in values(params))

    def sample(rng: Rng, difficulty: str) -> Params:
        for _ in range(200):
            params = draw(rng, difficulty)
            if ok(params):
                break
        return params

    return sample
