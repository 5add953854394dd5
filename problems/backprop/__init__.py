"""Backprop through convolution: gradients with respect to the kernel, the input and the bias.

Convolution is what deep-learning libraries compute, cross-correlation with no kernel flip. One
module per kind; ``grads_1d`` holds the 1-D index bookkeeping the two 1-D kinds share.

A misconception returns no answer for a part when the mistake has nothing to act on in the
given params (a forgotten stride when the stride is 1, ignored padding when there is none).
"""

from .bias_gradient import BIAS_GRADIENT
from .conv1d_numeric import CONV1D_NUMERIC, CONV1D_NUMERIC_V2
from .conv1d_symbolic import CONV1D_SYMBOLIC, CONV1D_SYMBOLIC_V2
from .conv2d_numeric import CONV2D_NUMERIC, CONV2D_NUMERIC_V2

KINDS = [CONV1D_SYMBOLIC, CONV1D_NUMERIC, CONV2D_NUMERIC, CONV1D_SYMBOLIC_V2, CONV1D_NUMERIC_V2, CONV2D_NUMERIC_V2,
         BIAS_GRADIENT]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
#: Version 1's kinds are pinned at their version 1, so ``--topic backprop@1`` makes the sheets it made.
ORDERS = {
    1: (
        "backprop.conv1d-symbolic@1",
        "backprop.conv1d-numeric@1",
        "backprop.conv2d-numeric@1",
    ),
    # Version 2: hand-sized conv2d-numeric, overlapping hard conv1d-symbolic, no degenerate problem,
    # and the bias gradient over a batch.
    2: (
        "backprop.conv1d-symbolic",
        "backprop.conv1d-numeric",
        "backprop.bias-gradient",
        "backprop.conv2d-numeric",
    ),
}
