"""concepts.translation-equivariance: its option texts and the TA's feedback (the question is in its template)."""

from .choice import Distractor, choice_kind

TRANSLATION_EQUIVARIANCE = choice_kind(
    "translation-equivariance",
    "Convolution and a shifted input",
    "$Y$ shifted two pixels to the right: convolution is equivariant to translation.",
    [
        Distractor(
            "invariant-not-equivariant",
            "Exactly $Y$, unchanged: convolution is invariant to translation.",
            "That would be invariance, which convolution does not have: the feature map moves with the "
            "input. Approximate invariance comes later, from pooling.",
        ),
        Distractor(
            "weights-per-position",
            "An unrelated feature map, because each position of the image has its own weights.",
            "The same kernel slides over every position, so a pattern gives the same response wherever "
            "it is; the responses simply move with the pattern.",
        ),
        Distractor(
            "shift-reversed-by-flip",
            "$Y$ shifted two pixels to the left, because convolution flips the kernel.",
            "A flip, if any, concerns the kernel, not the direction of the shift; with stride 1 the output "
            "moves the same way and by the same amount as the input.",
        ),
    ],
)
