"""concepts.untrained-equivariance: option texts and feedback of version 1 (one question) and version 2
(a bank); the stems and explanations are in its template."""

from .bank import Mistake, Question, bank_kind
from .choice import Distractor, choice_kind

UNTRAINED_EQUIVARIANCE = choice_kind(
    "untrained-equivariance",
    "Equivariance before any training",
    "They are the original maps shifted by three pixels: equivariance comes from the architecture, "
    "not from training.",
    [
        Distractor(
            "equivariance-is-learned",
            "They are unrelated, because a network with random weights has not yet learned to be equivariant.",
            "Equivariance is not learned: every layer uses one kernel at all positions and ReLU acts on "
            "each entry alone, so a shift passes through any weights, trained or random.",
        ),
        Distractor(
            "untrained-is-invariant",
            "They are identical, because random kernels respond in the same way at every position of the image.",
            "Identical maps would be invariance; the maps move with the input instead of staying where "
            "they were, whether the network is trained or not.",
        ),
        Distractor(
            "relu-breaks-equivariance",
            "Only the first layer's maps are shifted, because the ReLU layers in between break the equivariance.",
            "ReLU acts on each entry on its own, so it commutes with a shift; a stack of stride-1 "
            "convolutions and entrywise nonlinearities stays equivariant.",
        ),
    ],
)


# ---- version 2: a bank of questions ----------------------------------------------------

_DIFFERENT_MAPS = "Unrelated maps, because random weights have not learned to be equivariant."

UNTRAINED_EQUIVARIANCE_V2 = bank_kind(
    "untrained-equivariance",
    "Equivariance before any training",
    [
        *[Mistake(m.name, m.feedback) for m in UNTRAINED_EQUIVARIANCE.misconceptions],
        Mistake("augmentation-needed",
                "Augmentation with shifted images helps a network become invariant where that is not built in; "
                "the equivariance of convolutions needs no data at all."),
        Mistake("from-pooling",
                "Pooling adds approximate local invariance; equivariance is already there in every convolution."),
        Mistake("bias-breaks",
                "A filter's bias is the same at every position, so adding it commutes with a shift, random or not."),
        Mistake("shift-reversed",
                "Nothing in the network reverses directions: a shift of the input moves every map the same way."),
        Mistake("stride-ignored",
                "With a total stride of 4 the last maps are 4 times coarser than the input, so a shift of the "
                "input by 4 pixels moves them by one position."),
        Mistake("one-stride-only",
                "Each stride-2 layer halves the grid again, so the last maps are 4 times coarser than the input: "
                "a shift is divided by 4, not by 2."),
        Mistake("stride-absorbs-shift",
                "A stride does not absorb a small shift: the windows then cover other pixels, so the outputs are "
                "other sums, not the old ones."),
        Mistake("dense-head-equivariant",
                "A dense layer has a weight for every position of its input map, so a moved map meets other "
                "weights: its output is not a moved copy of the old one."),
        Mistake("conv-invariant",
                "The convolutions are equivariant, not invariant: their maps move with the input, and the dense "
                "layer sees the moved map."),
        Mistake("trained-becomes-invariant",
                "Training does not change the architecture: after it, the dense layer still has a weight per "
                "position and sees a moved map, so at best its output changes little, not never."),
        Mistake("doubts-commute-each",
                "This one is true: a stride-1 convolution uses one kernel everywhere and a ReLU acts on each "
                "entry alone, so each layer commutes with a shift."),
        Mistake("doubts-relu",
                "This one is true: ReLU is applied to each entry on its own, so shifting before or after it "
                "gives the same."),
        Mistake("doubts-bias",
                "This one is true: a filter's bias is added at every position alike, so it commutes with a shift."),
    ],
    [
        Question("stack", "easy",
                 "They are the original maps shifted by three pixels: equivariance comes from the architecture, "
                 "not from training.",
                 {"equivariance-is-learned": "They are unrelated, because a network with random weights has not yet "
                                             "learned to be equivariant.",
                  "untrained-is-invariant": "They are identical, because random kernels respond in the same way at "
                                            "every position of the image.",
                  "relu-breaks-equivariance": "Only the first layer's maps are shifted, because the ReLU layers in "
                                              "between break the equivariance."}),
        Question("where-from", "easy",
                 "From the architecture: one kernel is used at every position, whatever its values.",
                 {"equivariance-is-learned": "From training: the network learns from examples to respond in the same "
                                             "way at every position.",
                  "augmentation-needed": "From data augmentation with shifted images, without which the layer would "
                                         "not be equivariant.",
                  "from-pooling": "From the pooling layers, which a convolutional layer without pooling lacks."}),
        Question("with-bias", "medium",
                 "The original last maps, moved five pixels to the left.",
                 {"bias-breaks": "Not moved copies of the original maps: the random biases break the equivariance.",
                  "relu-breaks-equivariance": "Only the first convolution's maps are moved copies; the ReLU after it "
                                              "breaks the equivariance.",
                  "shift-reversed": "The original last maps, moved five pixels to the right.",
                  "equivariance-is-learned": _DIFFERENT_MAPS}),
        Question("stride-net", "medium",
                 "The original last maps, moved two positions to the right.",
                 {"stride-ignored": "The original last maps, moved eight positions to the right.",
                  "one-stride-only": "The original last maps, moved four positions to the right.",
                  "equivariance-is-learned": _DIFFERENT_MAPS}),
        Question("odd-shift", "hard",
                 "In general not moved copies of the original maps: with a total stride of 4, only shifts by a "
                 "multiple of 4 pixels pass through as shifts.",
                 {"stride-ignored": "The original last maps, moved two positions to the right.",
                  "one-stride-only": "The original last maps, moved one position to the right.",
                  "stride-absorbs-shift": "Exactly the original last maps: a shift smaller than the stride is "
                                          "absorbed by it."}),
        Question("dense-head", "hard",
                 "In general it changes, and not as a moved copy: the dense layer has a weight for every position, "
                 "so the moved map meets other weights.",
                 {"dense-head-equivariant": "It is the old output moved by three entries, because every layer of "
                                            "the network is equivariant.",
                  "conv-invariant": "It is unchanged, because the convolutions before it are invariant to shifts.",
                  "trained-becomes-invariant": "It changes now, but once the network is trained it would stay "
                                               "exactly the same for any shift."}),
        Question("not-true", "hard",
                 "Its feature maps become equivariant only after training on shifted images.",
                 {"doubts-commute-each": "Each of its layers commutes with a shift of its input.",
                  "doubts-relu": "A ReLU commutes with a shift, since it acts on each entry on its own.",
                  "doubts-bias": "Random biases, one per filter, do not break its equivariance."}),
    ],
    version=2,
)
