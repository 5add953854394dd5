"""concepts.sharing-saves: option texts and feedback of version 1 (one question) and version 2
(a bank); the stems and explanations are in its template."""

from .bank import Mistake, Question, bank_kind, big
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


# ---- version 2: a bank of questions ----------------------------------------------------


def _what_saves(name: str, side: int, k: int) -> Question:
    """Version 1's question with a one-channel side x side image and a k x k kernel."""
    out = side - k + 1
    positions, weights = out * out, k * k
    local, dense = positions * weights, side * side * positions
    return Question(
        name, "easy",
        f"Parameters: ${weights}$ weights instead of ${big(local)}$, while the number of multiplications stays "
        "the same.",
        {"sharing-saves-compute": f"Multiplications: the kernel is applied once and reused, so ${weights}$ "
                                  f"multiplications instead of ${big(local)}$.",
         "sharing-shrinks-output": "Output size: with a shared kernel the feature map comes out smaller than "
                                   "without sharing.",
         "local-as-dense": f"Nothing: both layers have ${side * side} \\cdot {positions} = {big(dense)}$ weights, "
                           "one for each input and output pair."},
        stem="what-saves",
        values={"side": side, "k": k, "out": out, "positions": positions, "weights": weights, "local": big(local),
                "inputs": side * side, "dense": big(dense)})


def _count(name: str, channels: int, side: int, filters: int, k: int) -> Question:
    """Weights of a convolution and of the locally connected layer with the same windows."""
    out = side - k + 1
    conv, positions = filters * channels * k * k, out * out
    return Question(
        name, "medium", f"${big(conv)}$ and ${big(conv * positions)}$",
        {"forgot-channels": f"${big(filters * k * k)}$ and ${big(filters * k * k * positions)}$",
         "positions-of-input": f"${big(conv)}$ and ${big(conv * side * side)}$",
         "local-as-dense": f"${big(conv)}$ and ${big(channels * side * side * filters * positions)}$"},
        stem="count",
        values={"channels": channels, "side": side, "filters": filters, "k": k, "out": out, "positions": positions,
                "conv": big(conv), "local": big(conv * positions), "per_filter": channels * k * k})


SHARING_SAVES_V2 = bank_kind(
    "sharing-saves",
    "What weight sharing saves",
    [
        Mistake("sharing-saves-compute",
                "Sharing saves weights, not arithmetic: the kernel is still applied at every output position, "
                "with one multiplication per weight each time."),
        Mistake("sharing-shrinks-output",
                "The output size depends on the kernel size, stride and padding, not on sharing: both layers "
                "give feature maps of the same size."),
        Mistake("local-as-dense",
                "Neither layer is dense: each output sees only its window, so a locally connected layer has one "
                "weight, and does one multiplication, per output position and window entry, not per input and "
                "output pair."),
        Mistake("sharing-one-weight",
                "Each output sees only its window, through the kernel's weights; sharing means those same weights "
                "serve every position, not that one weight connects everything."),
        Mistake("forgot-channels",
                "Each filter spans every input channel: a K by K filter on C channels has C K K weights."),
        Mistake("positions-of-input",
                "A locally connected layer has one kernel per output position, and without padding there are "
                "(H - K + 1)(W - K + 1) of them, not H W."),
        Mistake("sharing-across-layers",
                "Sharing is across the positions of one layer; each layer, and each filter within it, has "
                "kernels of its own."),
        Mistake("sharing-across-filters",
                "Each filter of a layer has its own kernel; sharing means that one filter's kernel is reused at "
                "every position."),
        Mistake("sharing-shrinks-work",
                "Sharing does not change the output size or the work per output: both layers compute every "
                "output as a weighted sum over the same window."),
        Mistake("doubts-fewer-weights",
                "This one is reduced: one shared kernel instead of one kernel per output position."),
        Mistake("doubts-less-data",
                "This one is reduced: with far fewer weights to fit, and every position's data training the same "
                "kernel, fewer examples are needed."),
        Mistake("doubts-smaller-gradient",
                "This one is reduced: the gradient has one entry per weight, so it shrinks with the number of "
                "weights, although computing it takes as many multiplications as before."),
        Mistake("gradient-average",
                "The loss depends on a shared weight through every position, so by the chain rule the "
                "contributions add up; nothing divides by the number of positions."),
        Mistake("gradient-one-position",
                "Every position where the weight is used contributes to its gradient, not only the one with the "
                "largest output; that routing belongs to max pooling."),
        Mistake("gradient-per-copy",
                "With sharing there is one weight and so one gradient, the sum of the contributions of all "
                "positions; there are no copies to update separately."),
    ],
    [
        _what_saves("what-saves", 32, 3),
        _what_saves("what-saves-28", 28, 5),
        Question("definition", "easy",
                 "One filter uses the same kernel weights at every position of its input.",
                 {"sharing-across-layers": "All layers of the network use the same kernel.",
                  "sharing-across-filters": "All filters of a layer use the same kernel.",
                  "sharing-one-weight": "Every output is connected to every input through one shared weight."}),
        _count("count", 3, 64, 16, 5),
        _count("count-small", 2, 32, 8, 3),
        Question("multiplications", "medium",
                 "$8100$ for both.",
                 {"sharing-saves-compute": "$9$ for the convolutional layer and $8100$ for the locally connected one.",
                  "local-as-dense": "$8100$ for the convolutional layer and $1024 \\cdot 900 = 921\\,600$ for the "
                                    "locally connected one.",
                  "sharing-shrinks-work": "Fewer for the convolutional layer, because sharing makes its "
                                              "output smaller."}),
        Question("not-saved", "hard",
                 "The number of multiplications in a forward pass.",
                 {"doubts-fewer-weights": "The number of weights to store.",
                  "doubts-less-data": "The number of training examples needed to fit the weights well.",
                  "doubts-smaller-gradient": "The number of entries of the gradient with respect to the weights."}),
        Question("gradient", "hard",
                 "The sum, over the 900 positions, of the upstream gradient there times the input that the "
                 "weight multiplies there.",
                 {"gradient-average": "The average, over the 900 positions, of the upstream gradient there times "
                                      "the input that the weight multiplies there.",
                  "gradient-one-position": "The upstream gradient times the input at the position with the largest "
                                           "output only.",
                  "gradient-per-copy": "Each of the 900 positions gets a gradient of its own and updates its own "
                                       "copy of the weight."}),
    ],
    version=2,
)
