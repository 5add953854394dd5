"""pooling.max-backward: the gradient of max pooling, routed to each window's maximum."""

from __future__ import annotations

import dataclasses

from ..core.numbers import exact
from ..model import Kind, Misconception, Params, hand_sized
from .backward import (BACKWARD_PARAMS, NO_SUM_FEEDBACK, avg_backward, backward_data, backward_fit, backward_parts, overlapping, backward_sample,
                       backward_steps, max_backward, no_sum, validate_backward)
from .windows import argmax, real_values, window_effort


def _to_max(X: list[list], cells: list, entry: dict) -> list:
    """The whole upstream value goes to the window's first maximum (and the template says which)."""
    arg = argmax(X, cells)
    real = real_values(X, cells)
    entry.update(arg=arg, max=exact(X[arg[0]][arg[1]]), tie=real.count(max(real)) > 1)
    return [arg]


def _solve(params: Params) -> dict:
    return {"a": max_backward(*backward_data(params))}


MAX_BACKWARD = Kind(
    id="pooling.max-backward",
    version=1,
    title="Max pooling: the backward pass",
    params=BACKWARD_PARAMS,
    parts=backward_parts,
    sample=backward_sample,
    fit=backward_fit,
    validate=validate_backward,
    solve=_solve,
    steps=backward_steps(_to_max, divide=False),
    effort=window_effort("a", backward=True),
    misconceptions=(
        Misconception(
            "spread-as-average",
            "You spread each upstream value over its whole window, as average pooling would; "
            "max pooling sends it all to the entry that was the maximum.",
            lambda prm: {"a": avg_backward(*backward_data(prm))},
        ),
        Misconception("no-sum-overlap", NO_SUM_FEEDBACK, no_sum(max_backward)),
    ),
)


def _routes_spread(params: Params) -> bool:
    """The gradient reaches at least two entries of X, and one per two windows: an answer that is
    all zeros but one entry tests no routing (every window's maximum in one shared cell)."""
    X, k, s, G = backward_data(params)
    reached = sum(1 for row in max_backward(X, k, s, G) for v in row if v != 0)
    return reached >= max(2, (len(G) * len(G[0]) + 1) // 2)


def _spread_sample(rng, difficulty: str) -> Params:
    while True:
        params = backward_sample(rng, difficulty)
        if _routes_spread(params):
            return params


#: Version 2: hand-sized (at most 40 window cells on easy and medium, 100 on hard), hard windows
#: overlap, and no answer routes every upstream value to one or two cells (issue 14).
MAX_BACKWARD_V2 = dataclasses.replace(MAX_BACKWARD, version=2, teaches=overlapping,
                                  sample=hand_sized(_spread_sample, MAX_BACKWARD.effort, overlapping))
