"""conv1d: the sliding window of a 1D convolution (cross-correlation, as deep-learning libraries compute it).

One module per kind; ``geometry`` and ``mistakes`` hold what the kinds (and ``weight_sharing``) share.
"""

from .entries import ENTRIES
from .numeric import NUMERIC, NUMERIC_V2
from .output_length import OUTPUT_LENGTH
from .true_convolution import TRUE_CONVOLUTION

KINDS = [OUTPUT_LENGTH, ENTRIES, NUMERIC, NUMERIC_V2, TRUE_CONVOLUTION]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
#: Version 1's kinds are pinned at their version 1, so ``--topic conv1d@1`` makes the sheets it made.
ORDERS = {
    1: (
        "conv1d.output-length@1",
        "conv1d.entries@1",
        "conv1d.numeric@1",
    ),
    # Version 2: hand-sized numeric problems, and the true (flipped) convolution.
    2: (
        "conv1d.output-length",
        "conv1d.entries",
        "conv1d.numeric",
        "conv1d.true-convolution",
    ),
}
