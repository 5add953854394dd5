"""Padding rules: how many zeros go before and after the input along one axis.

A ``padding`` param is a whole number of zeros on each side or, for the kinds that take words,
"valid" (no padding) or "same", which follows PyTorch: only with stride 1, k - 1 zeros in all,
(k - 1) // 2 before and the rest after, so the output is as long as the input. A kind that
keeps one padding per axis (the same on both sides) asks for an odd kernel with "same".
"""

from __future__ import annotations

from typing import Any

from .. import params as P
from ..model import ParamError, Params

WORDS = ("same", "valid")


def padding_word(value: Any) -> str | None:
    """"same" or "valid" when ``value`` is that word (any case, spaces around it), else None."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in WORDS:
            return word
    return None


def padding_param(params: Params, *, name: str = "padding", default: int | None = None, words: bool = True,
                  high: int | None = None) -> int | str:
    """The padding param as a whole number of zeros per side, or "same" / "valid" when ``words``.

    ``default`` is what a missing param means (None: the param is required).
    """
    if name not in params and default is not None:
        return default
    P.require(params, name)
    value = params[name]
    if isinstance(value, str):
        word = padding_word(value) if words else None
        if word is not None:
            return word
        choices = '"same" or "valid"' if words else "such as 0 or 1"
        raise ParamError(f"param {name!r} must be a whole number of zeros per side, {choices}, not {value!r}.")
    return P.integer(params, name, low=0, high=high)


def padding_sides(padding: int | str, kernel: int, stride: int, *, odd: bool = False) -> tuple[int, int]:
    """(before, after) zeros along an axis with a kernel of ``kernel`` entries.

    ``odd`` asks "same" for an odd kernel, for kinds whose padding is the same on both sides.
    """
    if padding == "valid":
        return 0, 0
    if padding == "same":
        if stride != 1:
            raise ParamError(f'padding "same" needs stride 1 (as in PyTorch), not stride {stride}.')
        if odd and kernel % 2 == 0:
            raise ParamError('padding "same" needs an odd kernel size, so that both sides get the same padding; '
                             'give the padding as a number instead.')
        return (kernel - 1) // 2, kernel - 1 - (kernel - 1) // 2
    return padding, padding
