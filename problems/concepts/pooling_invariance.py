"""concepts.pooling-invariance: option texts and feedback of version 1 (one question) and version 2
(a bank); the stems and explanations are in its template."""

from .bank import Mistake, Question, bank_kind
from .choice import Distractor, choice_kind

POOLING_INVARIANCE = choice_kind(
    "pooling-invariance",
    "What pooling adds: invariance versus equivariance",
    "Approximate invariance to small shifts: a feature may move within a window without changing its "
    "maximum.",
    [
        Distractor(
            "exact-global-invariance",
            "Exact invariance to every translation of the input, however large the shift is.",
            "Only approximately and only for small shifts: a shift that carries a feature into another "
            "window changes the pooled map, and a large shift moves the pooled map along with it.",
        ),
        Distractor(
            "pooling-creates-equivariance",
            "Translation equivariance, which the convolution before it did not have on its own.",
            "The convolution is already equivariant on its own; pooling gives up some of that equivariance "
            "in exchange for local invariance, it does not create equivariance.",
        ),
        Distractor(
            "pooling-only-shrinks",
            "Nothing about shifts: pooling only makes the feature map smaller to save computation.",
            "Shrinking is one effect, but keeping only the maximum of a window also means a feature may move "
            "inside the window without changing the output, and that local invariance is why pooling is used.",
        ),
    ],
)


# ---- version 2: a bank of questions ----------------------------------------------------

_RIGHT_V1 = ("Approximate invariance to small shifts: a feature may move within a window without changing its "
             "maximum.")

POOLING_INVARIANCE_V2 = bank_kind(
    "pooling-invariance",
    "What pooling adds: invariance versus equivariance",
    [
        *[Mistake(m.name, m.feedback) for m in POOLING_INVARIANCE.misconceptions],
        Mistake("shift-always-absorbed",
                "A shift is absorbed only while each maximum stays inside its window; one that carries a maximum "
                "across a window border changes the pooled map."),
        Mistake("shift-never-absorbed",
                "Max pooling reports the largest value of each window, not where in the window it was, so a "
                "maximum that moves inside its window leaves the output unchanged."),
        Mistake("took-mean", "Max pooling keeps the largest entry of each window, not the mean of the window."),
        Mistake("forgot-stride",
                "With window 2 and stride 2 the windows do not overlap: 6 entries make 3 windows, so the "
                "output has 3 entries."),
        Mistake("stride-ignored",
                "Pooling with stride 2 halves the grid, so a shift by 2 input pixels moves the pooled map by "
                "one position, not by two."),
        Mistake("pooling-breaks-equivariance",
                "A shift by a multiple of the stride lines the windows up again, one position further, so the "
                "pooled map moves as a whole; only other shifts break the pattern."),
        Mistake("invariance-always-local",
                "Invariance reaches as far as the pooling window: a global pool's window is the whole map, so any "
                "shift that keeps the content in view leaves its maximum unchanged."),
        Mistake("conv-invariant",
                "The convolutions are equivariant, not invariant: their maps move with the content, and it is the "
                "maximum over the whole map that does not depend on where the content is."),
        Mistake("pooling-loses-strength",
                "Max pooling keeps the strongest response of each window exactly; what it discards is where in "
                "the window that response was."),
        Mistake("pooling-mixes-channels",
                "Pooling acts on each channel on its own; the number of channels does not change."),
        Mistake("pooling-has-weights",
                "Max pooling has no weights to learn, and the position within each window that it discards "
                "cannot be recovered by later layers."),
        Mistake("doubts-cross-window",
                "This one is true: a shift that carries a maximum across a window border changes the pooled map."),
        Mistake("doubts-two-pixel",
                "This one is true: after a two-pixel shift the stride-2 windows line up again, one position "
                "further, so the pooled map moves by one position."),
        Mistake("doubts-conv-equivariant",
                "This one is true: a stride-1 convolution is equivariant, so its map moves with the input."),
        Mistake("doubts-within-window",
                "This one is true: the maximum of a window does not depend on where in the window it sits."),
    ],
    [
        Question("what-adds", "easy", _RIGHT_V1,
                 {"exact-global-invariance": "Exact invariance to every translation of the input, however large "
                                             "the shift is.",
                  "pooling-creates-equivariance": "Translation equivariance, which the convolution before it did "
                                                  "not have on its own.",
                  "pooling-only-shrinks": "Nothing about shifts: pooling only makes the feature map smaller to "
                                          "save computation."}),
        Question("meaning", "easy",
                 "A small shift of the input changes the pooled output little or not at all, since a maximum may "
                 "move inside its window.",
                 {"exact-global-invariance": "The pooled output is the same for every shift of the input, however "
                                             "large.",
                  "pooling-creates-equivariance": "The pooled output moves by exactly as much as the input does.",
                  "shift-never-absorbed": "Any shift of a feature, even inside its window, changes the pooled "
                                          "output, but only a little."}),
        Question("what-lost", "easy",
                 "Where in each window the largest response was.",
                 {"pooling-loses-strength": "How strong the strongest response of each window was.",
                  "pooling-mixes-channels": "Which channel a response came from: a window's channels are merged "
                                            "into one.",
                  "pooling-has-weights": "Nothing: its learned weights keep everything later layers need."}),
        Question("row-left", "medium", "$(0, 7, 0)$",
                 {"shift-never-absorbed": "$(7, 0, 0)$", "took-mean": "$(0, 3.5, 0)$",
                  "forgot-stride": "$(0, 7, 7, 0, 0)$"},
                 stem="row", values={"way": "left", "moved": "0, 0, 7, 0, 0, 0", "entry": 3, "crossed": False}),
        Question("row-right", "medium", "$(0, 0, 7)$",
                 {"shift-always-absorbed": "$(0, 7, 0)$", "took-mean": "$(0, 0, 3.5)$",
                  "forgot-stride": "$(0, 0, 0, 7, 7)$"},
                 stem="row", values={"way": "right", "moved": "0, 0, 0, 0, 7, 0", "entry": 5, "crossed": True}),
        Question("global-pool", "medium",
                 "It stays the same: the convolutions move their maps with the content, and a maximum over a "
                 "whole map does not depend on where the content is.",
                 {"invariance-always-local": "It changes, because pooling is invariant only to shifts of a pixel "
                                             "or two.",
                  "conv-invariant": "It stays the same, but only because the convolutions are themselves invariant "
                                    "to shifts.",
                  "pooling-only-shrinks": "It changes in no predictable way: pooling only shrinks the maps and "
                                          "does nothing about shifts."}),
        Question("two-pixel", "hard", "$P$ moved one position to the right.",
                 {"stride-ignored": "$P$ moved two positions to the right.",
                  "exact-global-invariance": "Exactly $P$: pooling makes the output invariant to shifts.",
                  "pooling-breaks-equivariance": "A map that is not a moved copy of $P$, because pooling "
                                                 "destroys equivariance."}),
        Question("not-true", "hard",
                 "Shifting the input by one pixel never changes the pooled output.",
                 {"doubts-cross-window": "A one-pixel shift can change the pooled output, when it carries a "
                                         "maximum into the next window.",
                  "doubts-two-pixel": "Shifting the input by two pixels moves the pooled map by one position.",
                  "doubts-conv-equivariant": "The convolution's map, before the pooling, moves with the input.",
                  "doubts-within-window": "A maximum that moves inside its window leaves the pooled output "
                                          "unchanged."}),
    ],
    version=2,
)
