"""What the layer kinds share: the size limit of their params and how a ratio is written."""

from __future__ import annotations

from fractions import Fraction

MAX_SIZE = 100_000


def decimal(value: Fraction, places: int = 3) -> str:
    """A ratio rounded for a sentence such as "about 0.127 of the parameters"."""
    return f"{float(value):.{places}f}"
