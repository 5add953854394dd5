"""Concepts: multiple-choice questions on why convolutional networks look the way they do.

``choice`` holds the shared machinery (four options, the ``order`` param); one module per
question holds its options and feedback.
"""

from .cnn_vs_mlp import CNN_VS_MLP, CNN_VS_MLP_V2
from .cross_correlation import CROSS_CORRELATION, CROSS_CORRELATION_V2
from .kernel_as_input import KERNEL_AS_INPUT, KERNEL_AS_INPUT_V2
from .pooling_invariance import POOLING_INVARIANCE, POOLING_INVARIANCE_V2
from .sharing_assumes import SHARING_ASSUMES, SHARING_ASSUMES_V2
from .sharing_saves import SHARING_SAVES, SHARING_SAVES_V2
from .translation_equivariance import TRANSLATION_EQUIVARIANCE, TRANSLATION_EQUIVARIANCE_V2
from .untrained_equivariance import UNTRAINED_EQUIVARIANCE, UNTRAINED_EQUIVARIANCE_V2

KINDS = [
    TRANSLATION_EQUIVARIANCE,
    POOLING_INVARIANCE,
    SHARING_SAVES,
    SHARING_ASSUMES,
    CROSS_CORRELATION,
    KERNEL_AS_INPUT,
    UNTRAINED_EQUIVARIANCE,
    CNN_VS_MLP,
    TRANSLATION_EQUIVARIANCE_V2,
    POOLING_INVARIANCE_V2,
    SHARING_SAVES_V2,
    SHARING_ASSUMES_V2,
    CROSS_CORRELATION_V2,
    KERNEL_AS_INPUT_V2,
    UNTRAINED_EQUIVARIANCE_V2,
    CNN_VS_MLP_V2,
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
