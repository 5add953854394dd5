"""concepts.untrained-equivariance: its option texts and the TA's feedback (the question is in its template)."""

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
