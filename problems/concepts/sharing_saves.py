"""concepts.sharing-saves: its option texts and the TA's feedback (the question is in its template)."""

from .choice import Distractor, choice_kind

SHARING_SAVES = choice_kind(
    "sharing-saves",
    "What weight sharing saves",
    "Parameters: $9$ weights instead of $8100$, while the number of multiplications stays the same.",
    [
        Distractor(
            "sharing-saves-compute",
            "Multiplications: the kernel is applied once and reused, so $9$ multiplications instead of $8100$.",
            "Sharing saves weights, not arithmetic: the kernel is still applied at each of the 900 "
            "positions, each time with 9 multiplications.",
        ),
        Distractor(
            "sharing-shrinks-output",
            "Output size: with a shared kernel the feature map comes out smaller than without sharing.",
            "The output size depends on the kernel size, stride and padding, not on sharing: both layers "
            "give a 30 by 30 feature map.",
        ),
        Distractor(
            "local-as-dense",
            "Nothing: both layers have $1024 \\cdot 900$ weights, one for each input and output pair.",
            "Neither layer is dense: each output sees only a 3 by 3 window, so the locally connected layer "
            "has 900 * 9 = 8100 weights and the shared one only 9.",
        ),
    ],
)
