"""Concepts: multiple-choice questions on why convolutional networks look the way they do.

Every kind here asks one question with four options: the right one and three distractors,
each a real misconception with the feedback a TA would give. The options are a fixed list
(the right one first); the one param, ``order``, is the order in which that list is shown,
a permutation of 0..3 drawn per seed. So ``order = [2, 0, 3, 1]`` shows the original option
2 at A, the right option 0 at B, option 3 at C and option 1 at D, and the answer is "B".

The question text and the explanation live in each kind's template; the option texts and
the feedback live here because the grader needs them (the choices go into the part's
options, the feedback into the misconceptions). Option texts are printed by the sheet
layout in Markdown and LaTeX alike, so they are plain sentences with $math$ only, never
% & # _ outside math; feedback is plain text (it is shown by the grader, not typeset).

Difficulty is ignored: the same question is asked at every difficulty, only the order of
its options changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Kind, Misconception, Params, ParamError, Part
from .rng import Rng

LETTERS = "ABCD"
_PROMPT = "Which option is right? Answer with its letter."


@dataclass(frozen=True)
class Distractor:
    """A wrong option: its misconception's name, the option text, and the TA's feedback."""

    name: str
    text: str
    feedback: str


# ---- the shared machinery -------------------------------------------------------------


def _order(params: Params) -> list[int]:
    """The ``order`` param of already validated params."""
    return [int(i) for i in params["order"]]


def _validate(params: Params) -> None:
    if "order" not in params:
        raise ParamError("missing param 'order'.")
    order = params["order"]
    ok = (
        isinstance(order, list)
        and len(order) == len(LETTERS)
        and all(isinstance(i, int) and not isinstance(i, bool) for i in order)
        and sorted(order) == list(range(len(LETTERS)))
    )
    if not ok:
        raise ParamError(
            f"param 'order' must list 0, 1, 2 and 3 once each, such as [2, 0, 3, 1], not {order!r}."
        )


def _sample(rng: Rng, difficulty: str) -> Params:
    return {"order": rng.shuffled(range(len(LETTERS)))}


def _letter(params: Params, option: int) -> str:
    """The letter under which the original option ``option`` is shown."""
    return LETTERS[_order(params).index(option)]


def choice_kind(slug: str, title: str, right: str, distractors: list[Distractor]) -> Kind:
    """A four-option multiple-choice kind ``concepts.<slug>``; option 0 is ``right``."""
    if len(distractors) != len(LETTERS) - 1:
        raise ValueError(f"concepts.{slug} needs {len(LETTERS) - 1} distractors")
    texts = [right] + [d.text for d in distractors]
    if len(set(texts)) != len(texts):
        raise ValueError(f"concepts.{slug} has two identical options")

    def parts(params: Params) -> tuple[Part, ...]:
        shown = [texts[i] for i in _order(params)]
        return (Part("a", _PROMPT, "choice", options={"choices": shown}),)

    def solve(params: Params) -> dict:
        return {"a": _letter(params, 0)}

    def steps(params: Params) -> dict:
        return {"letter": _letter(params, 0), "right": right}

    def wrong(option: int):
        return lambda params: {"a": _letter(params, option)}

    return Kind(
        id=f"concepts.{slug}",
        version=1,
        title=title,
        parts=parts,
        sample=_sample,
        validate=_validate,
        solve=solve,
        steps=steps,
        misconceptions=tuple(
            Misconception(d.name, d.feedback, wrong(i)) for i, d in enumerate(distractors, start=1)
        ),
    )


# ---- the questions --------------------------------------------------------------------

TRANSLATION_EQUIVARIANCE = choice_kind(
    "translation-equivariance",
    "Convolution and a shifted input",
    "$Y$ shifted two pixels to the right: convolution is equivariant to translation.",
    [
        Distractor(
            "invariant-not-equivariant",
            "Exactly $Y$, unchanged: convolution is invariant to translation.",
            "That would be invariance, which convolution does not have: the feature map moves with the "
            "input. Approximate invariance comes later, from pooling.",
        ),
        Distractor(
            "weights-per-position",
            "An unrelated feature map, because each position of the image has its own weights.",
            "The same kernel slides over every position, so a pattern gives the same response wherever "
            "it is; the responses simply move with the pattern.",
        ),
        Distractor(
            "shift-reversed-by-flip",
            "$Y$ shifted two pixels to the left, because convolution flips the kernel.",
            "A flip, if any, concerns the kernel, not the direction of the shift; with stride 1 the output "
            "moves the same way and by the same amount as the input.",
        ),
    ],
)

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

KERNEL_AS_INPUT = choice_kind(
    "kernel-as-input",
    "A kernel as large as the input",
    "The output is $F \\times 1 \\times 1$, each entry a weighted sum of all inputs with weights of its "
    "own: a dense layer.",
    [
        Distractor(
            "keeps-spatial-size",
            "The output is $F \\times H \\times W$, because a convolution keeps the height and width of its input.",
            "Without padding each side of the output is H - H + 1 = 1: a kernel as large as the input "
            "fits in exactly one position.",
        ),
        Distractor(
            "still-shared",
            "It has fewer weights than a dense layer with the same outputs, because its kernels are "
            "shared across positions.",
            "There is only one position, so nothing is shared: the layer has F * C * H * W weights, "
            "exactly as many as a dense layer from C * H * W inputs to F outputs.",
        ),
        Distractor(
            "kernel-too-large",
            "It cannot be computed, because a kernel must always be strictly smaller than its input.",
            "A kernel may be as large as the input; it then fits in exactly one position and gives a "
            "1 by 1 output per filter.",
        ),
    ],
)

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

KINDS = [
    TRANSLATION_EQUIVARIANCE,
    POOLING_INVARIANCE,
    SHARING_SAVES,
    SHARING_ASSUMES,
    CROSS_CORRELATION,
    KERNEL_AS_INPUT,
    UNTRAINED_EQUIVARIANCE,
    CNN_VS_MLP,
]
