"""Concepts: multiple-choice questions on why convolutional networks look the way they do.

Version 1 of the first eight kinds asks one fixed question (``choice`` holds its machinery: four
options, the ``order`` param); from version 2 on, and for the kinds added later, a kind asks one
of several questions per difficulty (``bank`` holds that machinery). One module per kind holds
its options and feedback; its template holds the stems and explanations of every version.
"""

from .cnn_vs_mlp import CNN_VS_MLP, CNN_VS_MLP_V2
from .cross_correlation import CROSS_CORRELATION, CROSS_CORRELATION_V2
from .feature_hierarchy import FEATURE_HIERARCHY
from .kernel_as_input import KERNEL_AS_INPUT, KERNEL_AS_INPUT_V2
from .maxpool_backward_words import MAXPOOL_BACKWARD_WORDS
from .no_sharing_features import NO_SHARING_FEATURES
from .output_size_formula import OUTPUT_SIZE_FORMULA, OUTPUT_SIZE_FORMULA_V2
from .pooling_invariance import POOLING_INVARIANCE, POOLING_INVARIANCE_V2
from .relu_maxpool import RELU_MAXPOOL, RELU_MAXPOOL_V2
from .same_padding import SAME_PADDING
from .sharing_assumes import SHARING_ASSUMES, SHARING_ASSUMES_V2
from .sharing_saves import SHARING_SAVES, SHARING_SAVES_V2
from .translation_equivariance import (TRANSLATION_EQUIVARIANCE, TRANSLATION_EQUIVARIANCE_V2,
                                       TRANSLATION_EQUIVARIANCE_V3)
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
    OUTPUT_SIZE_FORMULA,
    SAME_PADDING,
    RELU_MAXPOOL,
    MAXPOOL_BACKWARD_WORDS,
    NO_SHARING_FEATURES,
    FEATURE_HIERARCHY,
    OUTPUT_SIZE_FORMULA_V2,
    RELU_MAXPOOL_V2,
    TRANSLATION_EQUIVARIANCE_V3,
]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
#: Version 1's kinds are pinned at their version 1, so ``--topic concepts@1`` makes the sheets it made.
#: Version 2 goes from sizes to equivariance, pooling, sharing and what layers learn; its first two
#: kinds, which a 16-problem sheet asks twice, have the most questions per difficulty.
ORDERS = {
    1: (
        "concepts.translation-equivariance@1",
        "concepts.pooling-invariance@1",
        "concepts.sharing-saves@1",
        "concepts.sharing-assumes@1",
        "concepts.cross-correlation@1",
        "concepts.kernel-as-input@1",
        "concepts.untrained-equivariance@1",
        "concepts.cnn-vs-mlp@1",
    ),
    2: (
        "concepts.output-size-formula@1",
        "concepts.same-padding@1",
        "concepts.cross-correlation@2",
        "concepts.translation-equivariance@2",
        "concepts.untrained-equivariance@2",
        "concepts.pooling-invariance@2",
        "concepts.relu-maxpool@1",
        "concepts.maxpool-backward-words@1",
        "concepts.sharing-saves@2",
        "concepts.sharing-assumes@2",
        "concepts.no-sharing-features@1",
        "concepts.kernel-as-input@2",
        "concepts.feature-hierarchy@1",
        "concepts.cnn-vs-mlp@2",
    ),
    # Version 3: feedback that fits its question: output-size-formula 2, relu-maxpool 2,
    # translation-equivariance 3.
    3: (
        "concepts.output-size-formula",
        "concepts.same-padding",
        "concepts.cross-correlation",
        "concepts.translation-equivariance",
        "concepts.untrained-equivariance",
        "concepts.pooling-invariance",
        "concepts.relu-maxpool",
        "concepts.maxpool-backward-words",
        "concepts.sharing-saves",
        "concepts.sharing-assumes",
        "concepts.no-sharing-features",
        "concepts.kernel-as-input",
        "concepts.feature-hierarchy",
        "concepts.cnn-vs-mlp",
    ),
}
