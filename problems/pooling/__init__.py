"""Pooling: output sizes, max and average values, and their backward passes.

One module per kind; ``windows`` holds the pooling windows the kinds share, ``values`` what the
two value kinds share and ``backward`` what the two backward kinds share.
"""

from .avg_backward import AVG_BACKWARD
from .avg_values import AVG_VALUES
from .max_backward import MAX_BACKWARD
from .max_values import MAX_VALUES
from .output_size import OUTPUT_SIZE

KINDS = [OUTPUT_SIZE, MAX_VALUES, AVG_VALUES, MAX_BACKWARD, AVG_BACKWARD]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
ORDERS = {
    1: (
        "pooling.output-size",
        "pooling.max-values",
        "pooling.avg-values",
        "pooling.max-backward",
        "pooling.avg-backward",
    ),
}
