"""concepts.relu-maxpool: why ReLU and max pooling commute, and why average pooling does not.

Option texts and feedback; the stems and explanations are in its template.
"""

from fractions import Fraction

from .bank import Mistake, Question, bank_kind, reworded


def _number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return f"{sign}\\tfrac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def _terms(values: tuple[int, ...]) -> str:
    """A sum as math source, with a minus sign where a term is negative: -4 + 1 - 2 + 3."""
    text = str(values[0])
    for v in values[1:]:
        text += f" - {-v}" if v < 0 else f" + {v}"
    return text


def _average(name: str, window: tuple[int, int, int, int]) -> Question:
    """Average pooling then ReLU, and ReLU then average pooling, on one 2 x 2 window."""
    mean = Fraction(sum(window), 4)
    relu_mean = Fraction(sum(max(v, 0) for v in window), 4)

    def pair(a, b):
        return f"${_number(a)}$ and ${_number(b)}$"
    return Question(name, "medium", pair(max(mean, 0), relu_mean),
                    {"avg-commutes-too": pair(relu_mean, relu_mean),
                     "relu-forgotten": pair(mean, relu_mean),
                     "took-max": pair(max(window), max(window))},
                    stem="average", values={"a": window[0], "b": window[1], "c": window[2], "d": window[3],
                                            "sum": _terms(window), "mean": _number(mean),
                                            "relu_mean": _number(relu_mean),
                                            "relus": ", ".join(str(max(v, 0)) for v in window)})


_POOL = [
        Mistake("order-matters-for-max",
                "ReLU is increasing, so it never changes which entry of a window is largest: "
                "max(relu(x)) = relu(max(x)) for every window."),
        Mistake("pool-first-negative",
                "The ReLU after the pooling clips a negative maximum to 0, which is exactly what pooling the "
                "clipped entries gives."),
        Mistake("different-sizes",
                "ReLU acts on each entry and never changes a map's size, so both orders end with a map of the "
                "pooled size."),
        Mistake("commutes-by-linearity",
                "Neither is linear (the max of a sum is not the sum of the maxima); they commute because ReLU is "
                "increasing."),
        Mistake("both-entrywise",
                "ReLU acts on each entry alone, but max pooling combines the entries of a window; what makes them "
                "commute is that ReLU is increasing."),
        Mistake("relu-removes-negatives-only",
                "Max pooling does not ignore negative values: an all-negative window keeps its largest entry, and "
                "only the ReLU after it sends that to 0."),
        Mistake("only-avg-commutes",
                "It is the other way round: max pooling commutes with ReLU, which keeps the largest entry largest, "
                "while average pooling mixes signs that ReLU treats differently."),
        Mistake("neither-commutes",
                "Max pooling does commute with ReLU: ReLU is increasing, so the largest entry of a window stays "
                "the largest."),
        Mistake("avg-commutes-too",
                "Average pooling is linear and ReLU is not: for the window (-2, 2), the ReLU of the mean is 0 but "
                "the mean of the ReLUs is 1."),
        Mistake("relu-forgotten",
                "The ReLU after the pooling still acts: a negative pooled value becomes 0."),
        Mistake("took-max", "That is max pooling; average pooling takes the mean of the window."),
        Mistake("swap-no-savings",
                "After 2 by 2 pooling with stride 2 there are 4 times fewer entries, so the ReLU does 4 times "
                "less work."),
        Mistake("swap-saves-pool",
                "The pooling sees a map of the same size in both orders; it is the ReLU that moves to the map "
                "4 times smaller."),
        Mistake("avg-linear-so-commutes",
                "ReLU does not commute with linear maps: relu(a + b) differs from relu(a) + relu(b) when a and b "
                "have opposite signs."),
        Mistake("relu-never-needed",
                "Average pooling is linear, so without the ReLU the convolutions and average pools would compose "
                "into one linear map."),
        Mistake("leaky-breaks",
                "Leaky ReLU is increasing, so it keeps the largest entry largest and commutes with max pooling "
                "just as ReLU does."),
        Mistake("sigmoid-breaks",
                "The sigmoid is increasing, so it keeps the largest entry largest and commutes with max pooling."),
        Mistake("tanh-breaks",
                "tanh is increasing, so it keeps the largest entry largest and commutes with max pooling."),
        Mistake("affine-breaks",
                "2x + 1 is increasing, so it keeps the largest entry largest and commutes with max pooling."),
        Mistake("doubts-max-commutes",
                "This one is true: ReLU is increasing, so max(relu(x)) = relu(max(x)) for every window."),
        Mistake("doubts-nonneg",
                "This one is true: ReLU leaves non-negative entries as they are, so it changes nothing there."),
        Mistake("doubts-savings",
                "This one is true: 2 by 2 pooling with stride 2 leaves a quarter of the entries for the ReLU."),
]

_QUESTIONS = [
        Question("swap", "easy",
                 "Nothing: $\\max(\\mathrm{relu}(x)) = \\mathrm{relu}(\\max(x))$ for every window $x$.",
                 {"order-matters-for-max": "The outputs differ wherever a window holds both negative and positive "
                                           "entries.",
                  "pool-first-negative": "Pooling first can give negative outputs, which stay negative.",
                  "different-sizes": "The output map becomes larger, because the ReLU then acts on the pooled map."}),
        Question("why", "easy",
                 "ReLU is increasing, so it never changes which entry of a window is the largest.",
                 {"commutes-by-linearity": "Both are linear maps, and linear maps commute.",
                  "both-entrywise": "Both act on each entry on its own.",
                  "relu-removes-negatives-only": "Max pooling ignores negative values anyway, so removing them "
                                                 "first changes nothing."}),
        Question("which-pooling", "easy",
                 "Max pooling, but not average pooling.",
                 {"avg-commutes-too": "Both max pooling and average pooling.",
                  "only-avg-commutes": "Average pooling, but not max pooling.",
                  "neither-commutes": "Neither: the ReLU must always come before the pooling."}),
        _average("average", (-4, 1, -2, 3)),
        _average("average-other", (-6, 2, 1, -1)),
        Question("swap-saves", "medium",
                 "The outputs stay the same, and the ReLU now acts on $64 \\cdot 28 \\cdot 28$ entries instead of "
                 "$64 \\cdot 56 \\cdot 56$, 4 times fewer.",
                 {"order-matters-for-max": "The outputs change wherever a window holds negative entries, so the "
                                           "swap changes the network.",
                  "swap-no-savings": "The outputs stay the same, and so does the cost: the ReLU acts on every entry "
                                     "either way.",
                  "swap-saves-pool": "The outputs stay the same, and the pooling becomes 4 times cheaper."}),
        Question("which-activation", "hard",
                 "$f(x) = |x|$",
                 {"leaky-breaks": "$f(x) = \\max(x, 0.1 x)$, the leaky ReLU",
                  "sigmoid-breaks": "$f(x) = 1 / (1 + e^{-x})$, the sigmoid",
                  "tanh-breaks": "$f(x) = \\tanh(x)$",
                  "affine-breaks": "$f(x) = 2x + 1$"}),
        Question("avg-needs-relu", "hard",
                 "No: average pooling is linear but ReLU is not; for the window $(-2, 2)$ the ReLU of the mean is "
                 "$0$, the mean of the ReLUs is $1$.",
                 {"avg-commutes-too": "Yes: ReLU commutes with every kind of pooling.",
                  "avg-linear-so-commutes": "Yes: average pooling is linear, and ReLU commutes with linear maps.",
                  "relu-never-needed": "Yes, and the ReLU could even be dropped: average pooling already makes the "
                                       "network nonlinear."}),
        Question("not-true", "hard",
                 "For every window, average pooling followed by a ReLU gives the same output as a ReLU followed by "
                 "average pooling.",
                 {"doubts-max-commutes": "For every window, max pooling followed by a ReLU gives the same output as "
                                         "a ReLU followed by max pooling.",
                  "doubts-nonneg": "On a window whose entries are all non-negative, a ReLU before or after either "
                                   "pooling changes nothing.",
                  "doubts-savings": "With $2 \\times 2$ windows and stride 2, a ReLU after max pooling has 4 times "
                                    "fewer entries to process than one before it."}),
]

RELU_MAXPOOL = bank_kind("relu-maxpool", "ReLU and max pooling commute", _POOL, _QUESTIONS, version=1)

#: Version 2: the feedback on "average pooling commutes too" no longer argues from a window of its own,
#: which contradicted questions that give another window.
RELU_MAXPOOL_V2 = bank_kind(
    "relu-maxpool", "ReLU and max pooling commute",
    reworded(_POOL, {"avg-commutes-too":
                     "Average pooling is linear and ReLU is not: negative entries pull the mean down before the "
                     "ReLU but count as 0 after it, so the two orders in general give different numbers."}),
    _QUESTIONS, version=2)
