"""concepts.cross-correlation: option texts and feedback of version 1 (one question) and version 2
(a bank); the stems and explanations are in its template."""

from ..core.correlate import correlate_1d, rot180
from .bank import Mistake, Question, bank_kind
from .choice import Distractor, choice_kind

CROSS_CORRELATION = choice_kind(
    "cross-correlation",
    "Cross-correlation versus convolution",
    "It is cross-correlation, not true convolution, and since kernels are learned the missing flip "
    "costs nothing.",
    [
        Distractor(
            "library-flips-kernel",
            "It is true convolution: the library flips the kernel before it slides it over the input.",
            "Deep-learning libraries do not flip: the formula slides K as it is given, which is "
            "cross-correlation; a true convolution would read X[i - a, j - b].",
        ),
        Distractor(
            "always-equal",
            "It is cross-correlation, and that gives the same output as true convolution for every kernel.",
            "They agree only for kernels that look the same after a half turn; the kernel (1, -1) flips "
            "to (-1, 1), and every output changes sign.",
        ),
        Distractor(
            "no-flip-loses-functions",
            "It is cross-correlation, so the network can represent fewer functions than with true "
            "convolution.",
            "Both families of functions are the same: a network trained with one operation learns the "
            "flipped kernels of a network trained with the other, so training is not affected.",
        ),
    ],
)


# ---- version 2: a bank of questions ----------------------------------------------------


def _vector(values: tuple[int, ...]) -> str:
    return "$(" + ", ".join(str(v) for v in values) + ")$"


def _matrix(rows: tuple[tuple[int, ...], ...]) -> str:
    return "$\\begin{bmatrix} " + " \\\\ ".join(" & ".join(str(v) for v in row) for row in rows) + " \\end{bmatrix}$"


def _numbers(name: str, x: tuple[int, ...], k: tuple[int, ...]) -> Question:
    """What conv1d gives (no padding, stride 1), next to the flipped kernel's, a padded one's and
    numpy.convolve's (flipped and padded so every partial overlap counts)."""
    flipped, full = k[::-1], len(k) - 1
    return Question(name, "medium", _vector(correlate_1d(x, k)),
                    {"library-flips-kernel": _vector(correlate_1d(x, flipped)),
                     "padded-as-full": _vector(correlate_1d(x, k, before=full)),
                     "numpy-convolve": _vector(correlate_1d(x, flipped, before=full))},
                    stem="numbers", values={"x": ", ".join(map(str, x)), "k": ", ".join(map(str, k)),
                                            "flipped": ", ".join(map(str, flipped))})


def _load(name: str, k: tuple[tuple[int, ...], ...]) -> Question:
    """Which kernel makes conv2d compute the true convolution with the 2 x 2 kernel k: k turned by half a turn."""
    turned = rot180(k)
    return Question(name, "hard", _matrix(turned),
                    {"flip-left-right": _matrix(tuple(tuple(row[::-1]) for row in k)),
                     "flip-up-down": _matrix(k[::-1]),
                     "transpose-not-flip": _matrix(tuple(zip(*k))),
                     "always-equal": _matrix(k)},
                    stem="load", values={"k": _matrix(k)[1:-1], "turned": _matrix(turned)[1:-1]})


CROSS_CORRELATION_V2 = bank_kind(
    "cross-correlation",
    "Cross-correlation versus convolution",
    [
        *[Mistake(m.name, m.feedback) for m in CROSS_CORRELATION.misconceptions],
        Mistake("cross-correlation-as-convolution",
                "That is cross-correlation, what deep-learning libraries compute; the true convolution reads x "
                "at i - a, which slides the kernel flipped."),
        Mistake("entrywise-product",
                "An entrywise product has no window: a convolution sums a kernel's worth of products at every "
                "position."),
        Mistake("double-flip",
                "Flipping the kernel's index as well as reading x at i - a undoes the flip: with b = -a the sum "
                "is that of k at b times x at i + b, cross-correlation again."),
        Mistake("padded-as-full",
                "Without padding the kernel sits only where it fits whole: n - k + 1 positions, with no partial "
                "windows at the ends."),
        Mistake("numpy-convolve",
                "That is what numpy.convolve gives by default: it flips the kernel and pads so that every partial "
                "overlap counts (mode full); conv1d does neither."),
        Mistake("antisymmetric-kernel",
                "Flipping (-1, 0, 1) gives (1, 0, -1), its negative, so every output changes sign."),
        Mistake("none-equal",
                "They agree for every kernel that reads the same backwards, such as (1, 3, 1), since flipping it "
                "changes nothing."),
        Mistake("flip-matters-for-training",
                "Any kernel can be learned, and so can its flip, so edge detectors of both directions are "
                "available to either network."),
        Mistake("flip-left-right",
                "A true 2-D convolution flips the kernel along both axes, a half turn; flipping left to right "
                "only is half of it."),
        Mistake("flip-up-down",
                "A true 2-D convolution flips the kernel along both axes, a half turn; flipping top to bottom "
                "only is half of it."),
        Mistake("transpose-not-flip",
                "A transpose swaps rows and columns, which is not a half turn: the true convolution flips the "
                "kernel along both axes."),
        Mistake("doubts-sign",
                "This one is true: the flip of (1, -1) is (-1, 1), its negative, so every output changes sign."),
        Mistake("doubts-half-turn",
                "This one is true: the true convolution slides the kernel turned by half a turn, so turning K "
                "first makes cross-correlation compute it."),
        Mistake("doubts-swap",
                "This one is true: each true convolution with a turned kernel computes exactly the "
                "cross-correlation with the original kernel."),
    ],
    [
        Question("library-formula", "easy",
                 "It is cross-correlation, not true convolution, and since kernels are learned the missing flip "
                 "costs nothing.",
                 {"library-flips-kernel": "It is true convolution: the library flips the kernel before it slides "
                                          "it over the input.",
                  "always-equal": "It is cross-correlation, and that gives the same output as true convolution for "
                                  "every kernel.",
                  "no-flip-loses-functions": "It is cross-correlation, so the network can represent fewer functions "
                                             "than with true convolution."}),
        Question("true-formula", "easy", "$y_i = \\sum_a k_a \\, x_{i - a}$",
                 {"cross-correlation-as-convolution": "$y_i = \\sum_a k_a \\, x_{i + a}$",
                  "entrywise-product": "$y_i = k_i \\, x_i$",
                  "double-flip": "$y_i = \\sum_a k_{-a} \\, x_{i - a}$"}),
        _numbers("numbers", (3, 4, 5), (1, 2)),
        _numbers("numbers-signed", (2, -1, 3), (1, -2)),
        Question("same-output", "medium", "$(1, 3, 1)$",
                 {"antisymmetric-kernel": "$(-1, 0, 1)$",
                  "always-equal": "Every kernel: the two operations always give the same output.",
                  "none-equal": "No kernel: the two operations never give the same output."}),
        Question("training", "hard",
                 "Both can reach the same accuracy: each network can learn the flipped kernels of the other.",
                 {"no-flip-loses-functions": "The true-convolution network reaches a higher accuracy, because it "
                                             "can represent more functions.",
                  "flip-matters-for-training": "The cross-correlation network cannot learn edge detectors for one "
                                               "of the two directions.",
                  "always-equal": "Both learn exactly the same kernels, because the two operations are the same."}),
        _load("load", ((0, 1), (2, 3))),
        _load("load-other", ((1, 4), (0, 2))),
        Question("not-true", "hard",
                 "Cross-correlation and true convolution give the same output whenever the kernel's entries sum "
                 "to zero.",
                 {"doubts-sign": "For the kernel $(1, -1)$ the two operations give outputs of opposite sign.",
                  "doubts-half-turn": "Cross-correlation with $K$ equals true convolution with $K$ turned by half "
                                      "a turn.",
                  "doubts-swap": "In a trained network, replacing every cross-correlation by a true convolution "
                                 "and turning every learned kernel by half a turn leaves the outputs unchanged."}),
    ],
    version=2,
)
