"""concepts.kernel-as-input: option texts and feedback of version 1 (one question) and version 2
(a bank); the stems and explanations are in its template."""

from .bank import Mistake, Question, bank_kind
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


# ---- version 2: a bank of questions ----------------------------------------------------


def _shape(name: str, channels: int, side: int, filters: int) -> Question:
    """The output shape of filters as large as a channels x side x side input."""
    def shape(c, h):
        return f"${c} \\times {h} \\times {h}$"
    return Question(name, "easy", shape(filters, 1),
                    {"keeps-spatial-size": shape(filters, side),
                     "channels-not-summed": shape(filters * channels, 1),
                     "channels-kept": shape(channels, 1)},
                    stem="shape", values={"channels": channels, "side": side, "filters": filters})


KERNEL_AS_INPUT_V2 = bank_kind(
    "kernel-as-input",
    "A kernel as large as the input",
    [
        *[Mistake(m.name, m.feedback) for m in KERNEL_AS_INPUT.misconceptions],
        Mistake("channels-not-summed",
                "Each filter sums over all its input channels, so it gives one map, not one per channel."),
        Mistake("channels-kept",
                "A convolution has as many output channels as filters, whatever the number of input channels."),
        Mistake("forgot-channels",
                "Each filter spans every input channel, so it has C H W weights, not H W."),
        Mistake("counted-positions",
                "A kernel as large as the input fits in one position only, so there are no copies to count: "
                "F C H W weights in all."),
        Mistake("kernel-1x1",
                "A 1 by 1 filter sees one position at a time, so it cannot combine all positions as a dense unit "
                "does; the filter must cover the whole map."),
        Mistake("padded-not-dense",
                "With padding the filter fits at several positions and gives a map per filter; only without "
                "padding is there one position and one output per filter, as in a dense layer."),
        Mistake("size-mismatch-error",
                "A convolution accepts any input at least as large as its kernel; it simply fits in more positions."),
        Mistake("centre-only",
                "A convolution slides over every position where its window fits, 3 by 3 of them here, not only "
                "the centre."),
        Mistake("keeps-size-no-padding",
                "Without padding a 7 by 7 kernel fits at 9 - 7 + 1 = 3 positions along each side, so the map is "
                "3 by 3, not 9 by 9."),
        Mistake("padding-ignored",
                "Padding 1 makes the padded input 6 by 6, and a 4 by 4 kernel fits at 3 by 3 positions of it, "
                "so the layer is no longer dense."),
        Mistake("padding-once",
                "Padding 1 adds a zero on both sides, so each side grows by 2, not 1: 4 + 2 - 4 + 1 = 3."),
        Mistake("thinks-same",
                "Padding 1 keeps the size only for a 3 by 3 kernel; with a 4 by 4 kernel the output side is "
                "4 + 2 - 4 + 1 = 3."),
        Mistake("doubts-one-entry",
                "This one is true: the filter fits in one position, so each filter gives a single number."),
        Mistake("doubts-dense-count",
                "This one is true: F filters of C H W weights are F C H W weights, those of a dense layer from "
                "C H W inputs to F outputs."),
        Mistake("doubts-grows",
                "This one is true: on a larger input the filter fits at more positions, so the layer slides "
                "the same dense unit over it."),
    ],
    [
        Question("which-statement", "easy",
                 "The output is $F \\times 1 \\times 1$, each entry a weighted sum of all inputs with weights of its "
                 "own: a dense layer.",
                 {"keeps-spatial-size": "The output is $F \\times H \\times W$, because a convolution keeps the height "
                                        "and width of its input.",
                  "still-shared": "It has fewer weights than a dense layer with the same outputs, because its kernels "
                                  "are shared across positions.",
                  "kernel-too-large": "It cannot be computed, because a kernel must always be strictly smaller than "
                                      "its input."}),
        _shape("shape", 3, 8, 10),
        _shape("shape-wide", 16, 5, 32),
        Question("weights", "medium",
                 "$1920$, as many as a dense layer from the 192 inputs to the 10 outputs.",
                 {"forgot-channels": "$640$, fewer than a dense layer from the 192 inputs to the 10 outputs.",
                  "counted-positions": "$1920 \\cdot 64 = 122\\,880$, one copy of each filter per input position.",
                  "still-shared": "$1920$, far fewer than a dense layer from the 192 inputs to the 10 outputs, "
                                  "because a convolution shares its weights."}),
        Question("dense-as-conv", "medium",
                 "4096 filters of size $512 \\times 7 \\times 7$, stride 1, no padding.",
                 {"kernel-1x1": "4096 filters of size $512 \\times 1 \\times 1$, stride 1, no padding.",
                  "padded-not-dense": "4096 filters of size $512 \\times 7 \\times 7$, stride 1, padding 3.",
                  "kernel-too-large": "None: a convolution cannot replace a dense layer, because a kernel must be "
                                      "smaller than its input."}),
        Question("bigger-input", "hard",
                 "A $4096 \\times 3 \\times 3$ map: the dense layer applied at each of the 9 positions where the "
                 "$7 \\times 7$ window fits.",
                 {"size-mismatch-error": "An error, because the kernel no longer matches the size of the input.",
                  "centre-only": "A $4096 \\times 1 \\times 1$ map, from the central $7 \\times 7$ window only.",
                  "keeps-size-no-padding": "A $4096 \\times 9 \\times 9$ map."}),
        Question("padding-one", "hard",
                 "$1 \\times 3 \\times 3$: the filter fits at 9 positions and is shared between them, so the layer "
                 "is no longer a dense layer.",
                 {"padding-ignored": "$1 \\times 1 \\times 1$: a kernel as large as the input fits once, so the "
                                     "layer is still a dense layer.",
                  "padding-once": "$1 \\times 2 \\times 2$: the filter fits at 4 positions and is shared between them.",
                  "thinks-same": "$1 \\times 4 \\times 4$: padding 1 keeps the size, and the filter is shared over "
                                 "16 positions."}),
        Question("not-true", "hard",
                 "It still reuses each of its weights at several positions of the input.",
                 {"doubts-one-entry": "Its output has one entry per filter.",
                  "doubts-dense-count": "It has as many weights as a dense layer from the flattened input to the "
                                        "same outputs.",
                  "doubts-grows": "Given a larger input, the same layer gives a larger output map."}),
    ],
    version=2,
)
