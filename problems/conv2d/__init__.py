"""2-D convolution: single- and multi-channel outputs, output sizes, transposed output sizes.

One module per kind; ``common`` holds the params and matrix arithmetic the kinds share, and
``mistakes`` the shape mistakes and feedback texts.
"""

from .max_kernel import MAX_KERNEL
from .multi_channel import MULTI_CHANNEL, MULTI_CHANNEL_V2
from .output_size import OUTPUT_SIZE, OUTPUT_SIZE_V2
from .single_channel import SINGLE_CHANNEL, SINGLE_CHANNEL_V2
from .transposed_output_size import TRANSPOSED_OUTPUT_SIZE

KINDS = [SINGLE_CHANNEL, MULTI_CHANNEL, OUTPUT_SIZE, TRANSPOSED_OUTPUT_SIZE, SINGLE_CHANNEL_V2, OUTPUT_SIZE_V2,
         MULTI_CHANNEL_V2, MAX_KERNEL]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
#: Version 1's kinds are pinned at their version 1, so ``--topic conv2d@1`` makes the sheets it made.
ORDERS = {
    1: (
        "conv2d.single-channel@1",
        "conv2d.multi-channel@1",
        "conv2d.output-size@1",
        "conv2d.transposed-output-size@1",
    ),
    # Version 2: hand-sized single-channel problems, hard output sizes always padded or strided,
    # multi-channel problems whose asked entries differ, and the largest kernel that fits.
    2: (
        "conv2d.single-channel",
        "conv2d.multi-channel",
        "conv2d.output-size",
        "conv2d.max-kernel",
        "conv2d.transposed-output-size",
    ),
}
