"""The shape mistakes, feedback texts and misconception machinery the 2-D kinds share.

A misconception returns no answer for a part when the mistake has nothing to act on in the
given params (padding counted once when there is no padding, channels averaged when there
is one channel): such a student would answer correctly, and the problem does not test it.
"""

from __future__ import annotations


def stride_first(n: int, k: int, s: int, p: int, d: int = 1) -> int:
    """Divided by the stride before adding the padding: floor((n - d(k - 1) - 1)/s) + 1 + 2p."""
    return (n - d * (k - 1) - 1) // s + 1 + 2 * p


FLIP_FEEDBACK = ("You flipped the kernel (rotated it by 180 degrees), as in the convolution of signal processing; "
                 "deep-learning convolution is cross-correlation, with no flip.")
PADDING_ONCE_FEEDBACK = ("You padded one side only; the padding p is added on every side, "
                         "so the padded input is H + 2p by W + 2p.")
STRIDE_FIRST_FEEDBACK = ("You divided by the stride before adding the padding; the padding widens the input first: "
                         "floor((H + 2p - k)/s) + 1.")
PLUS_ONE_FEEDBACK = ("You left out the +1 in floor((H + 2p - k)/s) + 1: "
                     "the first window position counts too.")
