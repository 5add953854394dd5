"""concepts.cross-correlation: its option texts and the TA's feedback (the question is in its template)."""

from .choice import Distractor, choice_kind

CROSS_CORRELATION = choice_kind(
    "cross-correlation",
    "Cross-correlation versus convolution",
    "It is cross-correlation, not true convolution, and since kernels are learned the missing flip "
    "costs nothing.",
    [
        Distractor(
            "library-flips-kernel",
            "It is true convolution: the library flips the kernel before it slides it over the input.",
            "Deep-learning libraries do not flip: the formula slides K as it is given, which is "
            "cross-correlation; a true convolution would read X[i - a, j - b].",
        ),
        Distractor(
            "always-equal",
            "It is cross-correlation, and that gives the same output as true convolution for every kernel.",
            "They agree only for kernels that look the same after a half turn; the kernel (1, -1) flips "
            "to (-1, 1), and every output changes sign.",
        ),
        Distractor(
            "no-flip-loses-functions",
            "It is cross-correlation, so the network can represent fewer functions than with true "
            "convolution.",
            "Both families of functions are the same: a network trained with one operation learns the "
            "flipped kernels of a network trained with the other, so training is not affected.",
        ),
    ],
)
