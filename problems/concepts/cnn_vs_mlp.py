"""concepts.cnn-vs-mlp: option texts and feedback of version 1 (one question) and version 2
(a bank); the stems and explanations are in its template."""

from .bank import Mistake, Question, bank_kind
from .choice import Distractor, choice_kind

CNN_VS_MLP = choice_kind(
    "cnn-vs-mlp",
    "Why CNNs beat MLPs on images",
    "It builds in locality, weight sharing and equivariance, which suit images, so it needs fewer "
    "parameters and less data.",
    [
        Distractor(
            "mlp-lacks-capacity",
            "An MLP cannot represent the functions a CNN computes, so no MLP, however large, can reach "
            "the same accuracy.",
            "A large enough MLP can represent any convolution, which is a dense layer with most weights "
            "zero and the rest tied; the CNN wins because its constraints make learning from limited data "
            "easier, not because the MLP lacks capacity.",
        ),
        Distractor(
            "cnn-has-more-parameters",
            "A CNN has more parameters than an MLP of the same depth, so it can fit the training images better.",
            "It is the other way round: a convolutional layer has far fewer weights than a dense layer on "
            "the same image, and that is part of why it generalises better.",
        ),
        Distractor(
            "cnn-is-just-faster",
            "Convolutions are cheaper to compute than dense layers, so a CNN can simply be trained for more epochs.",
            "Speed is not the reason: even trained to convergence, an MLP generalises worse on images, "
            "because it must learn separately at every position what a CNN learns once.",
        ),
    ],
)


# ---- version 2: a bank of questions ----------------------------------------------------

CNN_VS_MLP_V2 = bank_kind(
    "cnn-vs-mlp",
    "Why CNNs beat MLPs on images",
    [
        *[Mistake(m.name, m.feedback) for m in CNN_VS_MLP.misconceptions],
        Mistake("cnn-builtin-rotation",
                "A CNN builds in equivariance to shifts only; invariance to rotations and scale is not built in "
                "and must be learned, usually from augmented data."),
        Mistake("cnn-order-blind",
                "A CNN's kernels rely on neighbouring pixels belonging together; a fixed shuffle scatters every "
                "neighbourhood, so the CNN loses its advantage."),
        Mistake("mlp-order-sensitive",
                "A dense layer treats its inputs as an unordered list: a fixed shuffle of the pixels only "
                "relabels its weights, so an MLP learns as well as before."),
        Mistake("both-fail",
                "The shuffle loses no information, since it can be undone; an MLP, which ignores the order of its "
                "inputs, learns just as well as before."),
        Mistake("counted-per-position",
                "The 16 filters are shared by all 1024 positions, so they are counted once: 16 * 3 * 3 * 3 = 432."),
        Mistake("forgot-channels",
                "Each filter spans all 3 input channels, so it has 3 * 3 * 3 = 27 weights, and 16 filters have 432."),
        Mistake("dense-per-channel",
                "A dense layer connects every input to every output entry, 16 * 32 * 32 = 16384 of them, not to "
                "16 channels."),
        Mistake("doubts-fewer-weights",
                "This one is a reason: fewer weights to fit means fewer examples are needed to fit them well."),
        Mistake("doubts-everywhere",
                "This one is a reason: with a shared kernel a pattern learned in one place is recognised "
                "everywhere, while an MLP must learn it again at every position."),
        Mistake("doubts-locality",
                "This one is a reason: nearby pixels are strongly related, and small kernels look exactly at such "
                "neighbourhoods."),
        Mistake("misjudges-spectrogram",
                "A spectrogram has local structure in time and frequency, and its patterns recur over time, so "
                "convolutions suit it well."),
        Mistake("misjudges-text",
                "Neighbouring words are related and a phrase means the same wherever it occurs in a sentence, so "
                "one-dimensional convolutions suit text well."),
        Mistake("misjudges-satellite",
                "Fields, roads and roofs are local patterns that appear anywhere in a satellite image, so "
                "convolutions suit it well."),
    ],
    [
        Question("main-reason", "easy",
                 "It builds in locality, weight sharing and equivariance, which suit images, so it needs fewer "
                 "parameters and less data.",
                 {"mlp-lacks-capacity": "An MLP cannot represent the functions a CNN computes, so no MLP, however "
                                        "large, can reach the same accuracy.",
                  "cnn-has-more-parameters": "A CNN has more parameters than an MLP of the same depth, so it can fit "
                                             "the training images better.",
                  "cnn-is-just-faster": "Convolutions are cheaper to compute than dense layers, so a CNN can simply "
                                        "be trained for more epochs."}),
        Question("three-ideas", "easy",
                 "Local connections, weight sharing, and the equivariance to shifts that follows from them.",
                 {"cnn-has-more-parameters": "More parameters, more layers and larger learning rates than an MLP.",
                  "cnn-builtin-rotation": "Built-in invariance to shifts, rotations and changes of scale.",
                  "mlp-lacks-capacity": "The power to represent functions that no MLP can represent."}),
        Question("shuffled", "medium",
                 "The MLP does about as well as before, while the CNN loses much of its advantage.",
                 {"cnn-order-blind": "Both do as well as before, since the same shuffle is used for every image.",
                  "mlp-order-sensitive": "The MLP fails, while the CNN's weight sharing still finds the patterns.",
                  "both-fail": "Both fail, because shuffled images no longer hold the information."}),
        Question("param-count", "medium",
                 "$432$ for the convolution and $3072 \\cdot 16\\,384 = 50\\,331\\,648$ for the dense layer.",
                 {"counted-per-position": "$432 \\cdot 1024 = 442\\,368$ for the convolution and $50\\,331\\,648$ for "
                                          "the dense layer.",
                  "forgot-channels": "$144$ for the convolution and $50\\,331\\,648$ for the dense layer.",
                  "dense-per-channel": "$432$ for the convolution and $3072 \\cdot 16 = 49\\,152$ for the dense "
                                       "layer."}),
        Question("not-reason", "hard",
                 "An MLP cannot represent the functions that a convolutional layer computes.",
                 {"doubts-fewer-weights": "A CNN has far fewer weights to fit, so it needs fewer training images.",
                  "doubts-everywhere": "A pattern learned at one position is recognised at every position.",
                  "doubts-locality": "Small kernels use the fact that nearby pixels are strongly related."}),
        Question("helps-least", "hard",
                 "Records of 50 unrelated measurements of a patient, such as age and blood pressure, in a fixed "
                 "but arbitrary order.",
                 {"misjudges-spectrogram": "Audio spectrograms, with time along one axis and frequency along the "
                                           "other.",
                  "misjudges-text": "Sentences given as sequences of word vectors.",
                  "misjudges-satellite": "Satellite images of farmland."}),
    ],
    version=2,
)
