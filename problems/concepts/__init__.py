"""Concepts: multiple-choice questions on why convolutional networks look the way they do.

``choice`` holds the shared machinery (four options, the ``order`` param); one module per
question holds its options and feedback.
"""

from .cnn_vs_mlp import CNN_VS_MLP
from .cross_correlation import CROSS_CORRELATION
from .kernel_as_input import KERNEL_AS_INPUT
from .pooling_invariance import POOLING_INVARIANCE
from .sharing_assumes import SHARING_ASSUMES
from .sharing_saves import SHARING_SAVES
from .translation_equivariance import TRANSLATION_EQUIVARIANCE
from .untrained_equivariance import UNTRAINED_EQUIVARIANCE

KINDS = [
    TRANSLATION_EQUIVARIANCE,
    POOLING_INVARIANCE,
    SHARING_SAVES,
    SHARING_ASSUMES,
    CROSS_CORRELATION,
    KERNEL_AS_INPUT,
    UNTRAINED_EQUIVARIANCE,
    CNN_VS_MLP,
]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
ORDERS = {
    1: (
        "concepts.translation-equivariance",
        "concepts.pooling-invariance",
        "concepts.sharing-saves",
        "concepts.sharing-assumes",
        "concepts.cross-correlation",
        "concepts.kernel-as-input",
        "concepts.untrained-equivariance",
        "concepts.cnn-vs-mlp",
    ),
}
