"""Pooling: output sizes, max and average values, and their backward passes.

One module per kind; ``windows`` holds the pooling windows the kinds share, ``values`` what the
two value kinds share and ``backward`` what the two backward kinds share.
"""

from .avg_backward import AVG_BACKWARD, AVG_BACKWARD_V2
from .avg_values import AVG_VALUES, AVG_VALUES_V2
from .max_backward import MAX_BACKWARD, MAX_BACKWARD_V2
from .max_values import MAX_VALUES, MAX_VALUES_V2
from .output_size import OUTPUT_SIZE, OUTPUT_SIZE_V2

KINDS = [OUTPUT_SIZE, MAX_VALUES, AVG_VALUES, MAX_BACKWARD, AVG_BACKWARD, MAX_VALUES_V2, AVG_VALUES_V2,
         MAX_BACKWARD_V2, AVG_BACKWARD_V2, OUTPUT_SIZE_V2]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
ORDERS = {
    1: (
        "pooling.output-size@1",
        "pooling.max-values@1",
        "pooling.avg-values@1",
        "pooling.max-backward@1",
        "pooling.avg-backward@1",
    ),
    # Version 2: hand-sized value and backward kinds, hard output sizes always padded or strided.
    2: (
        "pooling.output-size",
        "pooling.max-values",
        "pooling.avg-values",
        "pooling.max-backward",
        "pooling.avg-backward",
    ),
}
