"""concepts.output-size-formula: choose the output-size formula; the wrong options are the named
size mistakes. Option texts and feedback; the stems and explanations are in its template.
"""

from fractions import Fraction

from ..core.sizes import out_size
from .bank import Mistake, Question, bank_kind, reworded


def _floor(top: str, bottom: str = "S") -> str:
    return f"\\left\\lfloor \\frac{{{top}}}{{{bottom}}} \\right\\rfloor"


def _number(value: Fraction) -> str:
    return f"${value}$" if value.denominator == 1 else f"$\\tfrac{{{value.numerator}}}{{{value.denominator}}}$"


def _distinct(right, results: dict) -> dict[str, str]:
    """The wrong options: each mistake whose result differs from the right one and from the mistakes before it."""
    wrong: dict[str, str] = {}
    for mistake, value in results.items():
        if value != right and _number(value) not in wrong.values():
            wrong[mistake] = _number(value)
    return wrong


def _numbers(h: int, k: int, p: int, s: int) -> Question:
    """The output height for numbers (question strided-H-K-P-S), next to what the named size mistakes give."""
    name = f"strided-{h}-{k}-{p}-{s}"
    right = out_size(h, k, s, p)
    results = {"forgot-plus-one": right - 1,
               "padding-once": (h + p - k) // s + 1,
               "stride-before-padding": (h - k) // s + 2 * p + 1,
               "kernel-not-subtracted": (h + 2 * p) // s + 1,
               "no-floor": Fraction(h + 2 * p - k, s) + 1}
    return Question(name, "medium", _number(Fraction(right)), _distinct(right, results), stem="numbers",
                    values={"h": h, "k": k, "p": p, "s": s, "padded": h + 2 * p, "travel": h + 2 * p - k,
                            "steps": (h + 2 * p - k) // s, "size": right})


def _stride_one(h: int, k: int, p: int) -> Question:
    """The output height of a stride-1 convolution (question stride-one-H-K-P), next to what the named size
    mistakes give."""
    name = f"stride-one-{h}-{k}-{p}"
    right = out_size(h, k, 1, p)
    results = {"forgot-plus-one": right - 1, "padding-once": h + p - k + 1, "kernel-not-subtracted": h + 2 * p + 1,
               "padding-ignored": h - k + 1, "no-shrink": h}
    return Question(name, "easy", _number(Fraction(right)), _distinct(right, results), stem="stride-one-numbers",
                    values={"h": h, "k": k, "p": p, "padded": h + 2 * p, "size": right})


def _dilated_numbers(h: int, k: int, d: int, p: int) -> Question:
    """The output height of a dilated kernel with stride 1 (question dilated-H-K-D-P), next to the dilation
    mistakes."""
    name = f"dilated-{h}-{k}-{d}-{p}"
    span = d * (k - 1) + 1
    right = out_size(h, k, 1, p, d)
    results = {"dilation-ignored": h + 2 * p - k + 1,
               "dilation-times-k": h + 2 * p - d * k + 1,
               "padding-once": h + p - span + 1,
               "forgot-plus-one": right - 1}
    return Question(name, "hard", _number(Fraction(right)), _distinct(right, results), stem="dilated-numbers",
                    values={"h": h, "k": k, "d": d, "p": p, "gaps": k - 1, "span": span, "size": right})


def _not_integer(h: int, k: int, p: int, s: int) -> Question:
    """A division with a remainder (question not-integer-H-K-P-S): the size, and the reason, among rounding
    and padding mistakes."""
    name = f"not-integer-{h}-{k}-{p}-{s}"
    travel = h + 2 * p - k
    steps = out_size(h, k, s, p) - 1
    return Question(
        name, "hard", f"${steps + 1}$: the last window would hang over the edge, so it is not used.",
        {"ceil-instead-of-floor": f"${steps + 2}$: the last window counts, although it hangs over the edge.",
         "padding-auto": f"${steps + 2}$: the layer pads the input further so that the last window fits.",
         "no-floor": f"{_number(Fraction(travel, s) + 1)}: an output size need not be a whole number.",
         "forgot-plus-one": f"${steps}$: the window moves $\\lfloor {travel} / {s} \\rfloor = {steps}$ times."},
        stem="not-integer",
        values={"h": h, "k": k, "p": p, "s": s, "travel": travel, "steps": steps, "size": steps + 1,
                "exact": _number(Fraction(travel, s) + 1)[1:-1]})


_POOL = [
        Mistake("forgot-plus-one",
                "The number of window positions is the number of steps the window takes, plus 1 for its first "
                "position; without the +1 that first position is not counted."),
        Mistake("padding-once", "Padding P adds P zeros on each side, so the input grows by 2P, not by P."),
        Mistake("stride-before-padding",
                "Pad first, then slide: the stride divides the whole distance the window travels over the padded "
                "input, H + 2P - K, so 2P belongs inside the division."),
        Mistake("no-floor",
                "A window that would hang over the edge is not used, so the division rounds down and the size is a "
                "whole number."),
        Mistake("ceil-instead-of-floor",
                "Rounding up counts a last window that does not fit inside the padded input; convolutions round "
                "down."),
        Mistake("kernel-not-subtracted",
                "The window needs K rows to fit, so its first row can be at only H + 2P - K + 1 places with "
                "stride 1, not H + 2P + 1."),
        Mistake("padding-ignored",
                "Padding adds 2P rows before the window slides: the output has H + 2P - K + 1 rows, not H - K + 1."),
        Mistake("no-shrink",
                "The window needs K rows, so it fits at H + 2P - K + 1 places; the size stays H only when "
                "2P = K - 1."),
        Mistake("always-halves",
                "Only a window of 2 with stride 2 halves the size; in general it is floor((H - K)/S) + 1."),
        Mistake("dilation-ignored",
                "A kernel with dilation d spans d(K - 1) + 1 inputs, and that span, not K, is what must fit."),
        Mistake("dilation-times-k",
                "A dilated kernel spans d(K - 1) + 1 inputs, not dK: the gaps lie between the K taps, so there are "
                "K - 1 of them."),
        Mistake("padding-auto",
                "A convolution pads only as asked; the last window that does not fit inside the padded input is "
                "dropped."),
]

_QUESTIONS = [
        Question("formula", "easy", f"${_floor('H + 2P - K')} + 1$",
                 {"forgot-plus-one": f"${_floor('H + 2P - K')}$",
                  "padding-once": f"${_floor('H + P - K')} + 1$",
                  "stride-before-padding": f"${_floor('H - K')} + 2P + 1$",
                  "no-floor": "$\\frac{H + 2P - K}{S} + 1$",
                  "kernel-not-subtracted": f"${_floor('H + 2P')} + 1$"}),
        Question("stride-one", "easy", "$W + 2P - K + 1$",
                 {"forgot-plus-one": "$W + 2P - K$",
                  "padding-once": "$W + P - K + 1$",
                  "kernel-not-subtracted": "$W + 2P + 1$"}),
        Question("pooling", "easy", f"${_floor('H - K')} + 1$",
                 {"forgot-plus-one": f"${_floor('H - K')}$",
                  "no-floor": "$\\frac{H - K}{S} + 1$",
                  "always-halves": f"${_floor('H', '2')}$",
                  "kernel-not-subtracted": f"${_floor('H')} + 1$"}),
        *[_stride_one(h, k, p)
          for h, k, p in ((28, 5, 0), (32, 3, 1), (64, 7, 3), (10, 3, 0), (14, 3, 2), (20, 5, 1), (12, 5, 2),
                          (24, 7, 1))],
        *[_numbers(h, k, p, s) for h, k, p, s in ((10, 3, 1, 2), (15, 5, 2, 3), (10, 4, 3, 2), (12, 5, 1, 2),
                                                   (14, 3, 1, 3), (9, 2, 2, 3), (32, 3, 1, 2), (28, 5, 2, 2),
                                                   (11, 3, 0, 3), (17, 5, 1, 2))],
        Question("dilated", "hard", f"${_floor('H + 2P - d(K - 1) - 1')} + 1$",
                 {"dilation-ignored": f"${_floor('H + 2P - K')} + 1$",
                  "dilation-times-k": f"${_floor('H + 2P - dK')} + 1$",
                  "padding-once": f"${_floor('H + P - d(K - 1) - 1')} + 1$",
                  "forgot-plus-one": f"${_floor('H + 2P - d(K - 1) - 1')}$"}),
        *[_dilated_numbers(h, k, d, p) for h, k, d, p in ((10, 3, 3, 3), (16, 3, 2, 2), (12, 5, 3, 3), (32, 3, 2, 2))],
        *[_not_integer(h, k, p, s) for h, k, p, s in ((10, 3, 0, 2), (12, 4, 1, 3), (28, 5, 0, 2), (20, 5, 1, 3))],
]

OUTPUT_SIZE_FORMULA = bank_kind("output-size-formula", "Choosing the output-size formula", _POOL, _QUESTIONS, version=1)

#: Version 2: the feedback on a size that forgets the kernel fits every question it is shown on (version 1
#: spoke of padding and stride 1 on questions with neither).
OUTPUT_SIZE_FORMULA_V2 = bank_kind(
    "output-size-formula", "Choosing the output-size formula",
    reworded(_POOL, {"kernel-not-subtracted":
                     "The window needs K rows of the (padded) input to fit, so the distance it can travel is that "
                     "height minus K; without subtracting K the count includes positions where the window hangs "
                     "over the edge."}),
    _QUESTIONS, version=2)
