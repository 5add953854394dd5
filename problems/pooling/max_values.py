"""pooling.max-values: the output of max pooling."""

from __future__ import annotations

import dataclasses

from ..core.numbers import exact
from ..model import Kind, Misconception, Params, hand_sized
from .values import (PLUS_ONE_FEEDBACK, VALUE_PARAMS, VALUE_PARTS, forgot_plus_one, stride_as_kernel, validate_values,
                     values_sample, values_steps)
from .windows import max_pool, max_zero_padded_pool, mean_real_pool, min_pool, out_shape, values_data, window_effort


def _pooled(values: list, k: int) -> dict:
    """A window's maximum; a padded cell is None (minus infinity), which the template prints."""
    return {"result": exact(max(v for v in values if v is not None))}


def _solve(params: Params) -> dict:
    X, k, s, p = values_data(params)
    return {"a": out_shape(X, k, s, p), "b": max_pool(X, k, s, p)}


MAX_VALUES = Kind(
    id="pooling.max-values",
    version=1,
    title="Max pooling: the output values",
    params=VALUE_PARAMS,
    parts=VALUE_PARTS,
    sample=values_sample(distinct=True),
    fit=values_sample(distinct=True, fit=True),
    validate=validate_values,
    solve=_solve,
    steps=values_steps(_pooled, fill=None, ties=True),
    effort=window_effort("b"),
    misconceptions=(
        Misconception(
            "took-min",
            "You took the smallest entry of each window; max pooling keeps the largest.",
            lambda prm: {"b": min_pool(*values_data(prm))},
        ),
        Misconception(
            "took-mean",
            "You averaged each window; that is average pooling, while max pooling keeps the largest entry.",
            lambda prm: {"b": mean_real_pool(*values_data(prm))},
        ),
        stride_as_kernel(max_pool),
        Misconception("forgot-plus-one", PLUS_ONE_FEEDBACK, forgot_plus_one),
        Misconception(
            "zero-padding",
            "You padded with zeros; max pooling pads with minus infinity, so a padded cell never wins "
            "and a window of negative entries keeps its largest negative entry.",
            lambda prm: {"b": max_zero_padded_pool(*values_data(prm))},
            silent_when_right=True,
        ),
    ),
)


#: Version 2: hand-sized (at most 40 window cells on easy and medium, 100 on hard; issue 14).
MAX_VALUES_V2 = dataclasses.replace(MAX_VALUES, version=2, teaches=None,
                                  sample=hand_sized(MAX_VALUES.sample, MAX_VALUES.effort, None))
