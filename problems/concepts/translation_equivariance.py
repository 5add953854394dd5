"""concepts.translation-equivariance: option texts and feedback of version 1 (one question) and version 2
(a bank); the stems and explanations are in its template."""

from dataclasses import replace

from .bank import Mistake, Question, bank_kind
from .choice import Distractor, choice_kind

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


# ---- version 2: a bank of questions ----------------------------------------------------

_MOVES = [  # name, how the image moves, the opposite, the formula of the moved image
    ("shift-right", "two pixels to the right", "two pixels to the left", "X'[i, j] = X[i, j - 2]"),
    ("shift-down", "three pixels down", "three pixels up", "X'[i, j] = X[i - 3, j]"),
]

_POOL = [
        Mistake("invariant-not-equivariant",
                "That would be invariance, which convolution does not have: the feature map moves with the "
                "input. Approximate invariance comes later, from pooling."),
        Mistake("weights-per-position",
                "The same kernel slides over every position, so a pattern gives the same response wherever "
                "it is; the responses simply move with the pattern."),
        Mistake("shift-reversed-by-flip",
                "A flip, if any, concerns the kernel, not the direction of the shift; the output moves the "
                "same way as the input."),
        Mistake("any-transformation",
                "Using one kernel at every position makes the layer equivariant to shifts only; a rotated or "
                "rescaled pattern meets the kernel in another orientation or size and gives other responses."),
        Mistake("axes-swapped",
                "Moving the image to the right changes the column index, the second one; the row index stays."),
        Mistake("stride-ignored",
                "With stride s the output grid is s times coarser than the input, so a shift by s input "
                "pixels moves the output by one position, not by s."),
        Mistake("stride-absorbs-shift",
                "A stride does not absorb a small shift: the windows then cover other pixels, so the outputs "
                "are other sums, not the old ones."),
        Mistake("doubts-commuting",
                "This one is true: it is translation equivariance, conv(T X) = T conv(X), and it holds for "
                "any kernel."),
        Mistake("doubts-any-kernel",
                "This one is true: equivariance follows from using one kernel at every position, whatever "
                "its values, so it holds before any training."),
        Mistake("doubts-border-effects",
                "This one is true: a shift brings new content or padded zeros in at one border and pushes "
                "content out at the other, so the equality holds exactly only away from the borders."),
        Mistake("doubts-bias",
                "This one is true: a filter's bias is the same at every position, so adding it commutes with "
                "a shift."),
]

_QUESTIONS = [
        Question("definition", "easy",
                 "Shifting the input shifts the feature map by the same amount: "
                 "$\\mathrm{conv}(T X) = T \\, \\mathrm{conv}(X)$ for a shift $T$.",
                 {"invariant-not-equivariant": "Shifting the input leaves the feature map unchanged: "
                                               "$\\mathrm{conv}(T X) = \\mathrm{conv}(X)$ for a shift $T$.",
                  "any-transformation": "Shifting, rotating or rescaling the input shifts, rotates or rescales "
                                        "the feature map in the same way.",
                  "weights-per-position": "Every position of the input has weights of its own, which adapt when "
                                          "an object moves there.",
                  "shift-reversed-by-flip": "Shifting the input shifts the feature map by the same amount the "
                                            "other way, because the kernel is flipped."}),
        *[Question(name, "easy",
                   f"$Y$ moved {move}: convolution is equivariant to translation.",
                   {"invariant-not-equivariant": "Exactly $Y$, unchanged: convolution is invariant to translation.",
                    "weights-per-position": "An unrelated feature map, because each position of the image has "
                                            "its own weights.",
                    "shift-reversed-by-flip": f"$Y$ moved {back}, because convolution flips the kernel."},
                   stem="moved-image", values={"move": move, "formula": formula})
          for name, move, back, formula in _MOVES],
        Question("edge-moves", "medium",
                 "At $Y'[5, 13]$: the response moves four columns with the edge.",
                 {"invariant-not-equivariant": "At $Y'[5, 9]$: the layer is invariant to shifts.",
                  "shift-reversed-by-flip": "At $Y'[5, 5]$: the kernel is flipped, so the response moves the "
                                            "other way.",
                  "weights-per-position": "It cannot be told: at its new place the edge meets other weights.",
                  "axes-swapped": "At $Y'[9, 9]$: the response moves four rows down."}),
        Question("stride-two", "medium",
                 "$Y$ moved two positions to the right.",
                 {"stride-ignored": "$Y$ moved four positions to the right.",
                  "invariant-not-equivariant": "Exactly $Y$: convolution is invariant to translation.",
                  "shift-reversed-by-flip": "$Y$ moved two positions to the left.",
                  "weights-per-position": "An unrelated feature map, because each position has its own weights."}),
        Question("stride-odd-shift", "hard",
                 "In general not a moved copy of $Y$: with stride 2 the layer is equivariant only to shifts "
                 "by a multiple of 2.",
                 {"stride-ignored": "$Y$ moved one position to the right, as with stride 1.",
                  "stride-absorbs-shift": "Exactly $Y$: a shift smaller than the stride is absorbed by it.",
                  "shift-reversed-by-flip": "$Y$ moved one position to the left.",
                  "weights-per-position": "An unrelated feature map, because each position has its own weights."}),
        Question("rotation", "hard",
                 "In general it is not the old map rotated: that holds only for a kernel that a quarter turn "
                 "leaves unchanged.",
                 {"any-transformation": "It is always the old map rotated by a quarter turn, because convolution "
                                        "is equivariant to rotations as it is to shifts.",
                  "invariant-not-equivariant": "It is the old map, unchanged, because convolution is invariant "
                                               "to rotations.",
                  "weights-per-position": "It is unrelated to the old map, because each position of the rotated "
                                          "image has its own weights."}),
        Question("not-true", "hard",
                 "Rotating the input by a quarter turn rotates its feature map by a quarter turn, whatever "
                 "the kernel.",
                 {"doubts-commuting": "Shifting the input and then applying the layer gives the same as applying "
                                      "the layer and then shifting its output.",
                  "doubts-any-kernel": "Translation equivariance holds for random, untrained kernels as it does for "
                                       "trained ones.",
                  "doubts-border-effects": "With zero padding, near the borders the output for a shifted input "
                                           "can differ from the shifted output.",
                  "doubts-bias": "Adding one bias per filter, the same at every position, keeps the layer "
                                 "translation equivariant."}),
]

TRANSLATION_EQUIVARIANCE_V2 = bank_kind("translation-equivariance", "Convolution and a shifted input", _POOL,
                                        _QUESTIONS, version=2)

#: What the wrong options of the odd shift under stride 2 get wrong; the pool's feedback argues that the
#: output moves with the input, which this question's right answer denies.
_STRIDE_ODD_SHIFT_FEEDBACK = {
    "stride-ignored":
        "With stride 2 the output keeps every second window position, so a one-pixel shift of the input falls "
        "between the positions it samples: only a shift by a multiple of the stride moves the output by whole "
        "positions.",
    "shift-reversed-by-flip":
        "A flip, if any, concerns the kernel, not the direction of a shift; and with stride 2 a one-pixel shift "
        "does not move the output by a whole position either way.",
    "weights-per-position":
        "The same kernel is used at every position, so the new map is not unrelated: it holds the responses at "
        "the windows one pixel over, which stride 2 does not line up with the old ones.",
}

#: Version 3: the odd shift under stride 2 gets feedback that fits it.
TRANSLATION_EQUIVARIANCE_V3 = bank_kind(
    "translation-equivariance", "Convolution and a shifted input", _POOL,
    [replace(q, feedback=_STRIDE_ODD_SHIFT_FEEDBACK) if q.name == "stride-odd-shift" else q for q in _QUESTIONS],
    version=3)
