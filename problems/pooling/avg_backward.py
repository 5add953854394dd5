"""pooling.avg-backward: the gradient of average pooling, spread evenly over each window."""

from __future__ import annotations

import dataclasses

from ..model import Kind, Misconception, Params, hand_sized
from .backward import (BACKWARD_PARAMS, NO_SUM_FEEDBACK, avg_backward, backward_data, backward_fit, backward_parts, overlapping, backward_sample,
                       backward_steps, max_backward, no_sum, validate_backward)
from .windows import window_effort


def _solve(params: Params) -> dict:
    return {"a": avg_backward(*backward_data(params))}


AVG_BACKWARD = Kind(
    id="pooling.avg-backward",
    version=1,
    title="Average pooling: the backward pass",
    params=BACKWARD_PARAMS,
    parts=backward_parts,
    sample=backward_sample,
    fit=backward_fit,
    validate=validate_backward,
    solve=_solve,
    steps=backward_steps(lambda X, cells, entry: cells, divide=True),
    effort=window_effort("a", backward=True),
    misconceptions=(
        Misconception(
            "routed-to-max",
            "You sent each upstream value to the largest entry of its window, as max pooling would; "
            "average pooling spreads it evenly over the whole window.",
            lambda prm: {"a": max_backward(*backward_data(prm))},
        ),
        Misconception(
            "forgot-divide",
            "You gave every entry of the window the whole upstream value; each entry gets its share, "
            "the upstream value divided by the window size k times k.",
            lambda prm: {"a": avg_backward(*backward_data(prm), divide=False)},
        ),
        Misconception("no-sum-overlap", NO_SUM_FEEDBACK, no_sum(avg_backward)),
    ),
)


#: Version 2: hand-sized (at most 40 window cells on easy and medium, 100 on hard; issue 14).
AVG_BACKWARD_V2 = dataclasses.replace(AVG_BACKWARD, version=2, teaches=overlapping,
                                  sample=hand_sized(AVG_BACKWARD.sample, AVG_BACKWARD.effort, overlapping))
