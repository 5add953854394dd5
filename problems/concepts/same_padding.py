"""concepts.same-padding: the padding P that keeps the size ("same") for an odd kernel, and why an
even kernel cannot be padded symmetrically. Option texts and feedback; the stems and explanations
are in its template.
"""

from .bank import Mistake, Question, bank_kind


def _odd(k: int) -> Question:
    """Which P keeps the size for an odd k; a mistake giving the right P, or another mistake's P, is left out."""
    results = {"p-equals-k-minus-1": k - 1, "p-equals-k": k, "p-half-k-up": (k + 1) // 2, "p-is-1-always": 1,
               "no-padding": 0}
    wrong: dict[str, str] = {}
    for mistake, p in results.items():
        text = f"$P = {p}$"
        if p != (k - 1) // 2 and text not in wrong.values():
            wrong[mistake] = text
    return Question(f"odd-{k}", "easy", f"$P = {(k - 1) // 2}$", wrong, stem="odd-kernel",
                    values={"k": k, "total": k - 1, "p": (k - 1) // 2})


def _even(k: int) -> Question:
    """Whether an even k can be padded symmetrically to keep the size (it cannot)."""
    wrong = {"p-half-k-even": f"Yes, with $P = {k // 2}$ on each side.",
             "half-zeros": f"Yes, with $P = {(k - 1) / 2}$ on each side.",
             "even-k-impossible": "No, and no padding at all keeps the size when the kernel size is even."}
    if k // 2 != 1:
        wrong["p-is-1-always"] = "Yes, with $P = 1$ on each side."
    zeros = "zero" if k - 1 == 1 else "zeros"
    low = (k - 2) // 2
    split = (f"{'no zero' if low == 0 else low} on one side and {k // 2} on the other")
    return Question(f"even-{k}", "hard",
                    f"No: it takes $K - 1 = {k - 1}$ {zeros} in all along each dimension, an odd number, so one side "
                    "gets one zero more than the other.",
                    wrong, stem="even-kernel", values={"k": k, "total": k - 1, "zeros": zeros, "split": split})


def _dilated(k: int, d: int) -> Question:
    """The padding that keeps the size for a k x k kernel with dilation d: half its span minus one."""
    span = d * (k - 1) + 1
    return Question(f"dilated-{k}-{d}", "hard", f"$P = {(span - 1) // 2}$",
                    {"dilation-ignored": f"$P = {(k - 1) // 2}$", "span-as-dk": f"$P = {d * k // 2}$",
                     "span-minus-one": f"$P = {span - 1}$"},
                    stem="dilated", values={"k": k, "d": d, "gaps": k - 1, "span": span, "total": span - 1,
                                            "p": (span - 1) // 2})


def _rectangle(kh: int, kw: int) -> Question:
    def pair(a, b):
        return f"$(P_h, P_w) = ({a}, {b})$"
    return Question(f"rectangle-{kh}x{kw}", "medium", pair((kh - 1) // 2, (kw - 1) // 2),
                    {"axes-swapped": pair((kw - 1) // 2, (kh - 1) // 2),
                     "p-is-1-always": pair(1, 1),
                     "p-equals-k-minus-1": pair(kh - 1, kw - 1)},
                    stem="rectangle", values={"kh": kh, "kw": kw, "ph": (kh - 1) // 2, "pw": (kw - 1) // 2})


SAME_PADDING = bank_kind(
    "same-padding",
    "Padding that keeps the size",
    [
        Mistake("p-equals-k-minus-1",
                "K - 1 is the total padding the size needs, split over the two sides: P = (K - 1)/2 on each side."),
        Mistake("p-equals-k",
                "With P = K the input grows by 2K and the output by K + 1; keeping the size needs 2P = K - 1."),
        Mistake("p-half-k-up",
                "Rounding K/2 up pads one zero too many on each side, so the output grows by 2."),
        Mistake("p-is-1-always", "P = 1 keeps the size only for K = 3; in general it takes P = (K - 1)/2."),
        Mistake("no-padding", "Without padding the output shrinks by K - 1 along each dimension."),
        Mistake("axes-swapped",
                "Each dimension's padding comes from the kernel's size along that dimension: the kernel's height "
                "sets the padding of the rows, its width that of the columns."),
        Mistake("p-half-k-even",
                "P = K/2 on each side adds K zeros in all, one more than the K - 1 needed, so the output grows by 1."),
        Mistake("half-zeros",
                "Padding adds whole zeros; half a zero on each side is not possible, which is why an even kernel "
                "needs one more zero on one side than on the other."),
        Mistake("even-k-impossible",
                "The size can be kept: K - 1 zeros in all, with one more on one side than on the other, which is "
                "what PyTorch's same padding does for an even kernel."),
        Mistake("dilation-ignored",
                "A kernel with dilation d spans d(K - 1) + 1 inputs, and the padding must make up for that span, "
                "not for K."),
        Mistake("span-as-dk",
                "A dilated kernel spans d(K - 1) + 1 inputs, not dK: the gaps lie between the K taps, so there are "
                "K - 1 of them."),
        Mistake("span-minus-one",
                "The span minus 1 is the number of zeros needed in all, split over the two sides: half of it on "
                "each side."),
        Mistake("doubts-odd",
                "This one is true: P = (K - 1)/2 on each side adds K - 1 zeros, exactly what the window removes."),
        Mistake("doubts-even-total",
                "This one is true: K - 1 is odd when K is even, so the zeros cannot be split equally."),
        Mistake("doubts-stack",
                "This one is true: each such layer gives an output of the size of its input, so any number of them "
                "keeps the size."),
        Mistake("doubts-stride",
                "This one is true: with stride 2 only every second window position is kept, so the output has about "
                "half the rows and columns."),
    ],
    [
        *[_odd(k) for k in (3, 5, 7, 9, 11)],
        Question("formula", "easy", "$P = \\frac{K - 1}{2}$",
                 {"p-equals-k-minus-1": "$P = K - 1$",
                  "p-equals-k": "$P = K$",
                  "p-half-k-up": "$P = \\frac{K + 1}{2}$",
                  "p-is-1-always": "$P = 1$, whatever $K$ is"}),
        *[_rectangle(kh, kw) for kh, kw in ((3, 5), (5, 3), (3, 7), (7, 5), (5, 7), (7, 3), (1, 3), (3, 1))],
        Question("which-keeps", "medium", "Kernel $5 \\times 5$, padding 2.",
                 {"p-is-1-always": "Kernel $5 \\times 5$, padding 1.",
                  "p-equals-k-minus-1": "Kernel $3 \\times 3$, padding 2.",
                  "p-half-k-even": "Kernel $4 \\times 4$, padding 2.",
                  "p-equals-k": "Kernel $3 \\times 3$, padding 3."}),
        *[_even(k) for k in (2, 4, 6, 8, 10)],
        *[_dilated(k, d) for k, d in ((3, 2), (5, 2), (3, 3), (3, 4))],
        Question("not-true", "hard",
                 "For an even kernel size $K$, padding $K/2$ on each side keeps the size.",
                 {"doubts-odd": "For an odd kernel size $K$, padding $(K - 1)/2$ on each side keeps the size.",
                  "doubts-even-total": "For an even kernel size $K$, keeping the size takes $K - 1$ zeros in all, "
                                       "which cannot be split equally between the two sides.",
                  "doubts-stack": "With stride 1 and padding $(K - 1)/2$ for an odd $K$, a stack of layers never "
                                  "shrinks the feature map.",
                  "doubts-stride": "With stride 2, even padding $(K - 1)/2$ roughly halves the size."}),
    ],
    version=1,
)
