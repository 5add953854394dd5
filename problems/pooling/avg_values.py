"""pooling.avg-values: the output of average pooling (padded zeros count in the divisor)."""

from __future__ import annotations

import dataclasses

from fractions import Fraction

from ..core.numbers import exact
from ..model import Kind, Misconception, Params, hand_sized
from .values import (PLUS_ONE_FEEDBACK, VALUE_PARAMS, VALUE_PARTS, forgot_plus_one, stride_as_kernel, validate_values,
                     values_sample, values_steps)
from .windows import avg_pool, max_pool, mean_real_pool, out_shape, read_padding, values_data, window_effort


def _pooled(values: list, k: int) -> dict:
    """A window's sum and its mean over all k^2 cells, padded zeros included (count_include_pad)."""
    total = exact(sum(values))
    return {"sum": total, "result": exact(Fraction(total) / (k * k)),
            # Whether total / k^2 needs a further "= mean" to be in lowest terms.
            "reduced": not (isinstance(total, int) and Fraction(total, k * k).denominator == k * k)}


def _solve(params: Params) -> dict:
    X, k, s, p = values_data(params)
    return {"a": out_shape(X, k, s, p), "b": avg_pool(X, k, s, p)}


AVG_VALUES = Kind(
    id="pooling.avg-values",
    version=1,
    title="Average pooling: the output values",
    params=VALUE_PARAMS,
    parts=VALUE_PARTS,
    sample=values_sample(distinct=False),
    fit=values_sample(distinct=False, fit=True),
    validate=validate_values,
    solve=_solve,
    steps=values_steps(_pooled, fill=0, ties=False),
    effort=window_effort("b"),
    misconceptions=(
        Misconception(
            "took-max",
            "You took the largest entry of each window; average pooling takes the mean of the whole window.",
            lambda prm: {"b": max_pool(*values_data(prm))},
        ),
        stride_as_kernel(avg_pool),
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, forgot_plus_one),
        Misconception(
            "pad-not-counted",
            "You divided border windows by their number of real entries; here the padded zeros count, "
            "so every window is divided by k times k.",
            lambda prm: {"b": mean_real_pool(*values_data(prm))} if read_padding(prm) else {},
        ),
    ),
)


#: Version 2: hand-sized (at most 40 window cells on easy and medium, 100 on hard; issue 14).
AVG_VALUES_V2 = dataclasses.replace(AVG_VALUES, version=2, teaches=None,
                                  sample=hand_sized(AVG_VALUES.sample, AVG_VALUES.effort, None))
