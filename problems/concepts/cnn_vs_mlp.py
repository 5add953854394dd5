"""concepts.cnn-vs-mlp: its option texts and the TA's feedback (the question is in its template)."""

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
