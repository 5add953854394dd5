"""concepts.maxpool-backward-words: where the gradients of max and average pooling go, in words
and on small windows. Option texts and feedback; the stems and explanations are in its template.
"""

from fractions import Fraction

from .bank import Mistake, Question, bank_kind


def _value(v: Fraction) -> str:
    return str(v) if v.denominator == 1 else f"\\tfrac{{{v.numerator}}}{{{v.denominator}}}"


def _grid(entries: list) -> str:
    """A 2 x 2 window as math source, entries in reading order."""
    a, b, c, d = (_value(Fraction(v)) for v in entries)
    return f"$\\begin{{bmatrix}} {a} & {b} \\\\ {c} & {d} \\end{{bmatrix}}$"


def _at(where: int, value, rest=0) -> list:
    return [value if i == where else rest for i in range(4)]


def _max_window(name: str, window: tuple[int, int, int, int], g: int) -> Question:
    top = window.index(max(window))
    return Question(name, "medium", _grid(_at(top, g)),
                    {"max-spreads": _grid([Fraction(g, 4)] * 4),
                     "max-gradient-one": _grid(_at(top, 1)),
                     "max-gets-value": _grid(_at(top, window[top]))},
                    stem="max-window", values={"window": _grid(window)[1:-1], "g": g, "top": window[top]})


def _avg_window(name: str, window: tuple[int, int, int, int], g: int) -> Question:
    top = window.index(max(window))
    return Question(name, "medium", _grid([Fraction(g, 4)] * 4),
                    {"avg-routes": _grid(_at(top, g)),
                     "avg-no-divide": _grid([g] * 4),
                     "avg-divided-by-k": _grid([Fraction(g, 2)] * 4)},
                    stem="avg-window", values={"window": _grid(window)[1:-1], "g": g, "share": _value(Fraction(g, 4))})


def _overlap(name: str, x: tuple[int, ...], g: tuple[int, ...]) -> Question:
    """1-D max pooling, window 2, stride 1: upstream values summed where one entry wins two windows."""
    def vector(values):
        return "$(" + ", ".join(_value(Fraction(v)) for v in values) + ")$"
    right, last, spread = [0] * len(x), [0] * len(x), [Fraction(0)] * len(x)
    for i, gi in enumerate(g):
        top = i if x[i] > x[i + 1] else i + 1
        right[top] += gi
        last[top] = gi
        spread[i] += Fraction(gi, 2)
        spread[i + 1] += Fraction(gi, 2)
    return Question(name, "hard", vector(right),
                    {"overlap-not-summed": vector(last), "max-spreads": vector(spread),
                     "routed-to-output-position": vector((*g, *[0] * (len(x) - len(g))))},
                    stem="overlap", values={"x": vector(x)[2:-2], "g": vector(g)[2:-2], "outputs": len(g)})


MAXPOOL_BACKWARD_WORDS = bank_kind(
    "maxpool-backward-words",
    "Where pooling gradients go",
    [
        Mistake("max-spreads",
                "Max pooling's output depends only on the largest entry of its window; the others have zero "
                "derivative, so the whole upstream gradient goes to that entry."),
        Mistake("max-proportional",
                "The other entries do not change the output at all when nudged, so they get 0, not a share in "
                "proportion to their values."),
        Mistake("max-gets-value",
                "The largest entry receives the upstream gradient times its local derivative 1, not its own input "
                "value."),
        Mistake("max-gradient-one",
                "The local derivative is 1, but the chain rule multiplies it by the upstream gradient: the largest "
                "entry receives g, not 1."),
        Mistake("avg-routes",
                "Average pooling uses every entry with weight 1/n, so each of the n entries receives g/n; sending "
                "everything to the largest entry is what max pooling does."),
        Mistake("avg-no-divide", "Each entry enters the mean with weight 1/n, so it receives g/n, not g."),
        Mistake("avg-divided-by-k",
                "A K by K window has K times K entries, each with weight 1/(K K) in the mean, not 1/K."),
        Mistake("overlap-not-summed",
                "Where windows overlap an entry can be the largest of several windows; it then receives the sum of "
                "their upstream gradients, not only the last one."),
        Mistake("routed-to-output-position",
                "The gradient of an output goes to the entry that was the largest of its window, not to the input "
                "entry with the output's index."),
        Mistake("zero-by-convention",
                "It is the true derivative, not a convention: nudging an entry that is not the largest leaves the "
                "maximum unchanged, so the derivative is exactly 0 (ties aside)."),
        Mistake("dead-relu-confusion",
                "The entry need not be 0 or negative; it gets no gradient because it is not the largest of its "
                "window, whatever its sign."),
        Mistake("doubts-avg-shares",
                "This one is true: every entry enters the mean with weight 1/n, so each receives g/n."),
        Mistake("doubts-overlap-sum",
                "This one is true: an entry that is the largest of several overlapping windows collects all their "
                "upstream gradients."),
        Mistake("doubts-no-weights",
                "This one is true: pooling has nothing to learn, but its output depends on its input, so gradients "
                "flow through it to the layers before."),
    ],
    [
        Question("max-where", "easy",
                 "All of it to the entry that was the largest of the window; the other entries get 0.",
                 {"max-spreads": "Spread evenly over the window, $g/n$ to each of its $n$ entries.",
                  "max-proportional": "Shared among the entries of the window in proportion to their values.",
                  "max-gets-value": "To the largest entry, which receives its own input value in place of $g$."}),
        Question("avg-where", "easy",
                 "To every entry of the window, $g/K^2$ each.",
                 {"avg-routes": "All of it to the largest entry of the window.",
                  "avg-no-divide": "To every entry of the window, $g$ each.",
                  "avg-divided-by-k": "To every entry of the window, $g/K$ each."}),
        _max_window("max-window", (1, 5, 3, 2), 4),
        _max_window("max-window-negative", (-2, -7, -1, -4), 6),
        _avg_window("avg-window", (1, 5, 3, 2), 8),
        _avg_window("avg-window-other", (4, 0, -1, 2), 12),
        Question("why-zero", "medium",
                 "Nudging it does not change the window's maximum, so the output does not depend on it there.",
                 {"max-proportional": "Because it is smaller, and gradients are proportional to input values.",
                  "zero-by-convention": "By convention only: its true derivative is $1/n$, but libraries drop it.",
                  "dead-relu-confusion": "Because the ReLU before the pooling has set it to 0."}),
        _overlap("overlap", (1, 3, 2), (5, 7)),
        _overlap("overlap-longer", (4, 1, 6, 2), (2, 3, 5)),
        Question("not-true", "hard",
                 "Under max pooling, an entry that is not the largest of any window receives a small share of the "
                 "gradient.",
                 {"doubts-avg-shares": "Under average pooling, every entry of a window receives a share of that "
                                       "window's upstream gradient.",
                  "doubts-overlap-sum": "Under max pooling with overlapping windows, an entry can receive the sum of "
                                        "several upstream gradients.",
                  "doubts-no-weights": "Max pooling has no weights, yet it passes gradients back to its input."}),
    ],
    version=1,
)
