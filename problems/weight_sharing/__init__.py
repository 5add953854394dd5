"""weight-sharing: a convolution as a matrix, and what sharing one kernel saves.

One module per kind; the 1D geometry and feedback come from ``conv1d``.
"""

from .locally_connected_2d import LOCALLY_CONNECTED_2D
from .no_sharing import NO_SHARING
from .toeplitz import TOEPLITZ

KINDS = [TOEPLITZ, NO_SHARING, LOCALLY_CONNECTED_2D]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
ORDERS = {
    1: (
        "weight-sharing.toeplitz",
        "weight-sharing.no-sharing",
        "weight-sharing.locally-connected-2d",
    ),
}
