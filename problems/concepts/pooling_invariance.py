"""concepts.pooling-invariance: its option texts and the TA's feedback (the question is in its template)."""

from .choice import Distractor, choice_kind

POOLING_INVARIANCE = choice_kind(
    "pooling-invariance",
    "What pooling adds: invariance versus equivariance",
    "Approximate invariance to small shifts: a feature may move within a window without changing its "
    "maximum.",
    [
        Distractor(
            "exact-global-invariance",
            "Exact invariance to every translation of the input, however large the shift is.",
            "Only approximately and only for small shifts: a shift that carries a feature into another "
            "window changes the pooled map, and a large shift moves the pooled map along with it.",
        ),
        Distractor(
            "pooling-creates-equivariance",
            "Translation equivariance, which the convolution before it did not have on its own.",
            "The convolution is already equivariant on its own; pooling gives up some of that equivariance "
            "in exchange for local invariance, it does not create equivariance.",
        ),
        Distractor(
            "pooling-only-shrinks",
            "Nothing about shifts: pooling only makes the feature map smaller to save computation.",
            "Shrinking is one effect, but keeping only the maximum of a window also means a feature may move "
            "inside the window without changing the output, and that local invariance is why pooling is used.",
        ),
    ],
)
