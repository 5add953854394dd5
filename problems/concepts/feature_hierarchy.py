"""concepts.feature-hierarchy: what early and late layers detect, and why composition gives it.

Option texts and feedback; the stems and explanations are in its template.
"""

from .bank import Mistake, Question, bank_kind


def _reach(name: str, layers: int) -> Question:
    """The receptive field of a unit after ``layers`` 3 x 3 convolutions with stride 1."""
    def side(n):
        return f"${n} \\times {n}$ pixels"
    return Question(name, "medium", side(1 + 2 * layers),
                    {"receptive-field-constant": side(3),
                     "receptive-multiplies": side(3 ** layers),
                     "receptive-sum-of-kernels": side(3 * layers)},
                    stem="reach", values={"layers": layers, "field": 1 + 2 * layers})


FEATURE_HIERARCHY = bank_kind(
    "feature-hierarchy",
    "What early and late layers detect",
    [
        Mistake("early-detects-objects",
                "A first-layer filter sees only a small window of pixels, too small for whole objects; it responds "
                "to edges, colours and simple textures."),
        Mistake("early-detects-parts",
                "Eyes and wheels span more pixels than a first-layer window and need combinations of edges; they "
                "show up in middle layers."),
        Mistake("early-random",
                "First-layer filters of a trained CNN look like oriented edge and colour detectors, among the "
                "easiest filters of the network to recognise."),
        Mistake("late-detects-edges",
                "Late layers combine many earlier features over a large region of the image, so they respond to "
                "parts and objects rather than to edges."),
        Mistake("late-detects-pixels",
                "Deeper layers combine more, not less: their units respond to larger and more complex patterns "
                "than single pixels."),
        Mistake("all-layers-same",
                "Each layer combines the previous layer's features over a wider region, so what its units respond "
                "to grows more complex with depth."),
        Mistake("hierarchy-hand-designed",
                "Nobody designs the filters: the hierarchy emerges from training, because later filters can only "
                "combine what earlier ones detect."),
        Mistake("no-nonlinearity-needed",
                "Without a nonlinearity between them, stacked convolutions compose into a single convolution, so "
                "depth would add no new kinds of features."),
        Mistake("late-layers-larger-kernels",
                "Later layers may use the same small kernels; they see larger regions because receptive fields "
                "grow with depth."),
        Mistake("receptive-field-constant",
                "Each 3 by 3 layer adds 2 to the receptive field, so units of deeper layers see larger regions of "
                "the image."),
        Mistake("receptive-multiplies",
                "With stride 1 receptive fields add, they do not multiply: each further 3 by 3 layer adds K - 1 = 2."),
        Mistake("receptive-sum-of-kernels",
                "Neighbouring windows overlap, so each further 3 by 3 layer adds K - 1 = 2 to the receptive field, "
                "not K = 3."),
        Mistake("linear-stack-3x3",
                "Composing convolutions adds their reach: three 3 by 3 kernels compose into one 7 by 7 kernel, not "
                "a 3 by 3 one."),
        Mistake("late-generic",
                "Late layers respond to parts and objects of the training classes, which are specific to that data; "
                "early edge and texture detectors transfer best."),
        Mistake("nothing-transfers",
                "Edges and textures occur in X-rays as in photos, so early layers usually transfer well, which is "
                "why fine-tuning works with little data."),
        Mistake("doubts-field-grows",
                "This one is true: each 3 by 3 layer adds 2 to the receptive field, so it grows with depth without "
                "larger kernels."),
        Mistake("doubts-pooling-grows",
                "This one is true: after a stride or a pooling every later layer's kernel steps over several "
                "input pixels at a time, so the receptive field grows faster."),
        Mistake("doubts-collapse",
                "This one is true: a convolution of a convolution is a convolution, so without nonlinearities the "
                "stack is one linear layer."),
    ],
    [
        Question("early", "easy",
                 "Edges, colour contrasts and simple textures in small patches.",
                 {"early-detects-objects": "Whole objects such as faces, cars or dogs.",
                  "early-detects-parts": "Object parts such as eyes and wheels.",
                  "early-random": "Nothing recognisable: first-layer filters stay random noise after training."}),
        Question("late", "easy",
                 "Object parts and whole objects, over large regions of the image.",
                 {"late-detects-edges": "Edges, at a finer scale than those of the first layer.",
                  "late-detects-pixels": "Single pixel values, the simplest form of the information.",
                  "all-layers-same": "The same edges as the first layer, since every layer uses the same kind of "
                                     "$3 \\times 3$ kernel."}),
        _reach("reach", 3),
        _reach("reach-4", 4),
        _reach("reach-5", 5),
        Question("composition", "medium",
                 "Each layer combines the previous layer's features over a wider region: edges combine into corners "
                 "and textures, and those into parts.",
                 {"hierarchy-hand-designed": "Each layer's filters are set by hand to detect more complex shapes "
                                             "than those of the layer before.",
                  "no-nonlinearity-needed": "It would happen without the ReLUs too, because every convolution adds "
                                            "a new level of features.",
                  "late-layers-larger-kernels": "Later layers use larger kernels, which can hold larger patterns."}),
        Question("transfer", "medium",
                 "The early layers: edge and texture detectors are generic, while late layers are specific to the "
                 "classes of the photos.",
                 {"late-generic": "The late layers, which hold the most general and abstract features.",
                  "all-layers-same": "All layers equally, since every layer learns the same kind of features.",
                  "nothing-transfers": "None: features learned from photos are useless for X-rays."}),
        Question("linear-stack", "hard",
                 "It equals a single $7 \\times 7$ convolution, so depth adds no new kinds of features: the "
                 "hierarchy needs the nonlinearities.",
                 {"no-nonlinearity-needed": "It builds a hierarchy of features just as a stack with ReLUs would.",
                  "linear-stack-3x3": "It equals a single $3 \\times 3$ convolution.",
                  "receptive-sum-of-kernels": "It equals a single $9 \\times 9$ convolution."}),
        Question("not-true", "hard",
                 "Later layers need larger kernels than early layers to detect larger patterns.",
                 {"doubts-field-grows": "A unit's receptive field grows with depth even when every kernel is "
                                        "$3 \\times 3$.",
                  "doubts-pooling-grows": "Pooling and strides make receptive fields grow faster with depth.",
                  "doubts-collapse": "Without nonlinearities between them, stacked convolutions would collapse into "
                                     "a single convolution."}),
    ],
    version=1,
)
