"""1-D index bookkeeping, shared by the symbolic and numeric 1-D kinds.

In 1-D (1-based indices, as the statements say; the code counts from 0) output ``y_i`` of a layer with kernel
``k_1..k_K``, stride ``s`` and zero padding ``p`` on each side is

    y_i = sum_j k_j x_t  with  t = (i - 1) s + j - p,

where an ``x_t`` with ``t`` outside ``1..n`` is a padded zero and drops out. With upstream
gradient ``g_i = dL/dy_i`` the chain rule gives ``dL/dk_j = sum_i g_i x_t`` and
``dL/dx_t = sum g_i k_j`` over the pairs (i, j) that reach ``t``.
"""

from __future__ import annotations

from ..core.windows import window_1d
from .common import sum_terms


def pairs_1d(n: int, k: int, s: int, p: int, m: int) -> list[tuple[int, int, int]]:
    """Every (i, j, t), 0-based, with output i using kernel entry j on a real input x[t]."""
    return [(i, j, t) for i in range(m) for j, t in enumerate(window_1d(n, k, s, p, i)) if t is not None]


def grads_1d(pairs, n, k, xs, ks, gs, zero, *, first_only=False, flip_dx=False, swapped=False):
    """(dL/dk, dL/dx) from the (i, j, t) pairs; the flags give the misconceptions' versions.

    ``first_only`` keeps only the g_1 terms; ``flip_dx`` pairs g_i with k_{K+1-j} in dL/dx;
    ``swapped`` keeps the variable being differentiated instead of its partner (k_j in dL/dk,
    x_t in dL/dx).
    """
    use = [(i, j, t) for i, j, t in pairs if not first_only or i == 0]
    dk = [sum_terms([gs[i] * (ks[j] if swapped else xs[t]) for i, j, t in use if j == jj], zero)
          for jj in range(k)]
    dx = [sum_terms([gs[i] * (xs[t] if swapped else ks[k - 1 - j] if flip_dx else ks[j])
                     for i, j, t in use if t == tt], zero)
          for tt in range(n)]
    return dk, dx


ONLY_FIRST_FEEDBACK = ("You kept only the g1 terms: every output position uses the same kernel, so the gradient "
                       "adds up the contributions of all outputs g1, g2, and so on.")
UNFLIPPED_FEEDBACK = ("You used the kernel unflipped in dL/dx: written as a full convolution, dL/dx slides the "
                      "flipped kernel over g, so x_t receives g_i times the k_j that multiplied x_t in y_i.")
