"""Layers: shapes and parameter counts of convolutional layers compared with alternatives.

One module per kind. A misconception returns no answer for a part when the mistake has nothing
to act on in the given params (padding counted once when there is no padding, a forgotten bias
when there is no bias, forgotten input channels when there is one input channel): such a student
would answer correctly, and the problem simply does not test that mistake.
"""

from .batched_shapes import BATCHED_SHAPES, BATCHED_SHAPES_V2
from .conv_vs_dense import CONV_VS_DENSE, CONV_VS_DENSE_V2
from .depthwise_separable import DEPTHWISE_SEPARABLE, DEPTHWISE_SEPARABLE_V2
from .flops import FLOPS
from .stacked_vs_single import STACKED_VS_SINGLE

KINDS = [CONV_VS_DENSE, STACKED_VS_SINGLE, DEPTHWISE_SEPARABLE, DEPTHWISE_SEPARABLE_V2, FLOPS, BATCHED_SHAPES,
         CONV_VS_DENSE_V2, BATCHED_SHAPES_V2]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
#: Version 1's kinds are pinned at their version 1, so ``--topic layers@1`` makes the sheets it made.
ORDERS = {
    1: (
        "layers.conv-vs-dense@1",
        "layers.stacked-vs-single@1",
        "layers.depthwise-separable@1",
    ),
    # Version 2: hard conv-vs-dense problems are always padded or strided; batched shapes, multiply-adds,
    # and the pointwise-only bias of depthwise separable layers.
    2: (
        "layers.conv-vs-dense",
        "layers.batched-shapes",
        "layers.stacked-vs-single",
        "layers.depthwise-separable",
        "layers.flops",
    ),
}
