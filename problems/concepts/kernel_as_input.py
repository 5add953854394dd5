"""concepts.kernel-as-input: its option texts and the TA's feedback (the question is in its template)."""

from .choice import Distractor, choice_kind

KERNEL_AS_INPUT = choice_kind(
    "kernel-as-input",
    "A kernel as large as the input",
    "The output is $F \\times 1 \\times 1$, each entry a weighted sum of all inputs with weights of its "
    "own: a dense layer.",
    [
        Distractor(
            "keeps-spatial-size",
            "The output is $F \\times H \\times W$, because a convolution keeps the height and width of its input.",
            "Without padding each side of the output is H - H + 1 = 1: a kernel as large as the input "
            "fits in exactly one position.",
        ),
        Distractor(
            "still-shared",
            "It has fewer weights than a dense layer with the same outputs, because its kernels are "
            "shared across positions.",
            "There is only one position, so nothing is shared: the layer has F * C * H * W weights, "
            "exactly as many as a dense layer from C * H * W inputs to F outputs.",
        ),
        Distractor(
            "kernel-too-large",
            "It cannot be computed, because a kernel must always be strictly smaller than its input.",
            "A kernel may be as large as the input; it then fits in exactly one position and gives a "
            "1 by 1 output per filter.",
        ),
    ],
)
