"""What the layer kinds share: the size limit of their params, the params of a layer, how a ratio is written."""

from __future__ import annotations

from fractions import Fraction

from ..model import Param
from ..params import MAX_COUNT as MAX_SIZE  # noqa: F401  (the bound is declared once, in params)

#: The params that describe a convolutional layer and its input, all but the padding (whose
#: words differ between kinds); weight-sharing.locally-connected-2d takes them too.
LAYER_PARAMS = (
    Param("channels", "int", "input channels C"),
    Param("height", "int", "input height H"),
    Param("width", "int", "input width W"),
    Param("filters", "int", "number of filters F (output channels)"),
    Param("kernel", "int", "side k of the square kernel"),
    Param("stride", "int", "step of the window, the same along both axes"),
)


def decimal(value: Fraction, places: int = 3) -> str:
    """A ratio rounded for a sentence such as "about 0.127 of the parameters"."""
    return f"{float(value):.{places}f}"
