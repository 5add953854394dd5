"""conv1d: the sliding window of a 1D convolution (cross-correlation, as deep-learning libraries compute it).

One module per kind; ``geometry`` and ``mistakes`` hold what the kinds (and ``weight_sharing``) share.
"""

from .entries import ENTRIES
from .numeric import NUMERIC
from .output_length import OUTPUT_LENGTH

KINDS = [OUTPUT_LENGTH, ENTRIES, NUMERIC]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
ORDERS = {
    1: (
        "conv1d.output-length",
        "conv1d.entries",
        "conv1d.numeric",
    ),
}
