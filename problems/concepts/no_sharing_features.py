"""concepts.no-sharing-features: what the windows of a locally connected layer learn, detectors tied
to one place. Option texts and feedback; the stems and explanations are in its template.
"""

from .bank import Mistake, Question, bank_kind, big


def _count(name: str, side: int, k: int, filters: int) -> Question:
    """Kernels and weights of a locally connected layer on a one-channel side x side input."""
    positions = (side - k + 1) ** 2

    def count(kernels):
        return f"${big(kernels)}$ kernels, ${big(kernels * k * k)}$ weights"
    return Question(name, "medium", count(filters * positions),
                    {"lc-one-kernel": count(filters),
                     "forgot-filters": count(positions),
                     "positions-of-input": count(filters * side * side)},
                    stem="count", values={"side": side, "k": k, "filters": filters, "out": side - k + 1,
                                          "positions": positions, "kernels": filters * positions,
                                          "weights": big(filters * positions * k * k)})


NO_SHARING_FEATURES = bank_kind(
    "no-sharing-features",
    "What a locally connected layer learns",
    [
        Mistake("lc-shares",
                "A locally connected layer has a kernel of its own at each position, and each is trained only by "
                "what appears in its own window, so nothing makes the kernels equal."),
        Mistake("lc-is-dense",
                "Each output of a locally connected layer still sees only its window, not the whole input."),
        Mistake("lc-equivariant",
                "With a kernel per position, a pattern moved elsewhere meets other weights, so the response does "
                "not simply move with it."),
        Mistake("lc-fewer-params",
                "A locally connected layer has a whole kernel per output position, so it has many more weights than "
                "a convolution with the same windows."),
        Mistake("lc-no-overlap",
                "Its windows are exactly those of the convolution, overlapping as the stride allows; only the "
                "weights differ."),
        Mistake("lc-kernels-converge",
                "Each kernel gets gradients only from what appears in its own window; kernels that never see the "
                "logo during training do not learn it."),
        Mistake("lc-invariant",
                "Nothing in a locally connected layer makes its output ignore where a pattern is; a pattern in a new "
                "place meets kernels that have not learned it."),
        Mistake("lc-one-kernel", "Without sharing there is a kernel per output position, not one per filter."),
        Mistake("forgot-filters",
                "Each filter has a kernel of its own at every position, so the kernels number filters times "
                "positions."),
        Mistake("positions-of-input",
                "There is one kernel per output position, and without padding there are (H - K + 1)(W - K + 1) "
                "output positions, not H W."),
        Mistake("lc-more-shared",
                "It is the other way round: a locally connected layer has a kernel per position and far more "
                "weights; it wins here because each region of an aligned face has patterns of its own."),
        Mistake("lc-wider-view",
                "A locally connected layer has the same windows as the convolution; only its weights differ between "
                "positions."),
        Mistake("lc-needs-less-data",
                "More weights need more data, not less: each position must see examples of every pattern it "
                "should detect."),
        Mistake("lc-same-data",
                "The windows have the same size, but there is a kernel per position, and each must be fitted from "
                "what appears at its own place, which takes more data."),
        Mistake("lc-learns-edges-everywhere",
                "A weight's gradient is the upstream gradient times the input it multiplies; where the input is "
                "always 0 that gradient is 0, so the kernel does not learn strokes there."),
        Mistake("lc-border-grows",
                "Kernels whose inputs are always 0 get no gradient from the data, so they stay as initialised "
                "rather than grow."),
        Mistake("doubts-kernels-count",
                "This one is true: there is a kernel of its own for every output position."),
        Mistake("doubts-tied-place",
                "This one is true: only the kernels of the places where a pattern appeared were trained on it."),
        Mistake("doubts-special-case",
                "This one is true: with all its kernels equal it computes exactly the convolution with that kernel."),
    ],
    [
        Question("what-learns", "easy",
                 "Patterns as they appear at that position in the training images: a detector tied to one place.",
                 {"lc-shares": "The same pattern as every other position's kernel, as in a convolution.",
                  "lc-is-dense": "Patterns anywhere in the image, since each output sees every pixel.",
                  "lc-equivariant": "A pattern wherever it appears, since its response follows the pattern when "
                                    "the pattern moves."}),
        Question("definition", "easy",
                 "Each output position has weights of its own instead of one kernel shared by all positions.",
                 {"lc-is-dense": "Each output sees the whole input instead of a window.",
                  "lc-fewer-params": "It has fewer weights, since each of its kernels is used only once.",
                  "lc-no-overlap": "Its windows never overlap."}),
        Question("logo", "medium",
                 "The kernels at the bottom right never learned the logo, so they are unlikely to detect it.",
                 {"lc-equivariant": "The response simply moves to the bottom right, as in a convolution.",
                  "lc-kernels-converge": "The kernels at the bottom right detect it too, because all kernels are "
                                         "trained on the same loss.",
                  "lc-invariant": "The outputs are the same as for a logo at the top left, since the layer does "
                                  "not care where the logo is."}),
        _count("count", 8, 3, 2),
        _count("count-larger", 10, 5, 3),
        Question("aligned-faces", "medium",
                 "Each region of an aligned face has patterns of its own, so detectors tied to a place can "
                 "specialise to it.",
                 {"lc-more-shared": "Locally connected layers share more weights, so they overfit less.",
                  "lc-wider-view": "Locally connected layers see the whole face at every output.",
                  "lc-equivariant": "Locally connected layers move their responses with the face, which "
                                    "convolutions cannot do."}),
        Question("data", "medium",
                 "More training data: every position must see enough examples of each pattern to learn its own "
                 "detector.",
                 {"lc-needs-less-data": "Less training data, since a locally connected layer is more flexible.",
                  "lc-same-data": "The same amount of data, since the windows have the same size.",
                  "lc-fewer-params": "Less training data, since it has fewer weights."}),
        Question("blank-border", "hard",
                 "They barely change from their initial values: their inputs are always 0, and a weight's gradient "
                 "is the upstream gradient times its input.",
                 {"lc-shares": "They end up equal to the kernels at the centre, since all kernels learn one detector.",
                  "lc-learns-edges-everywhere": "They become stroke detectors like the kernels at the centre, since "
                                                "every position learns edges.",
                  "lc-border-grows": "They grow larger than the others, to pick up the rare strokes near the "
                                     "border."}),
        Question("not-true", "hard",
                 "Shifting the input shifts its output by the same amount.",
                 {"doubts-kernels-count": "Each of its filters has as many kernels as there are output positions.",
                  "doubts-tied-place": "A pattern that appears at only one place during training is detected only "
                                       "there.",
                  "doubts-special-case": "It can compute any convolution with the same windows, by having all its "
                                         "kernels equal."}),
    ],
    version=1,
)
