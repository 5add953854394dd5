"""concepts.sharing-assumes: its option texts and the TA's feedback (the question is in its template)."""

from .choice import Distractor, choice_kind

SHARING_ASSUMES = choice_kind(
    "sharing-assumes",
    "What weight sharing assumes",
    "A pattern worth detecting in one place is worth detecting everywhere (stationarity).",
    [
        Distractor(
            "fixed-object-position",
            "Objects of interest always appear at the same position in the image.",
            "It is the opposite: if objects always sat in the same place, separate weights per position "
            "would do; sharing pays off because a pattern may appear anywhere.",
        ),
        Distractor(
            "pixels-independent",
            "Neighbouring pixels are statistically independent of each other.",
            "Convolutional layers assume the reverse, that nearby pixels are strongly related; that is "
            "locality, the assumption behind small kernels, not behind sharing.",
        ),
        Distractor(
            "symmetric-kernel",
            "Images are symmetric, so the shared kernel has to be symmetric as well.",
            "Nothing forces a shared kernel to be symmetric, and images need not be: sharing only means "
            "the same kernel, whatever it is, is used at every position.",
        ),
    ],
)
