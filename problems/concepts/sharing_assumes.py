"""concepts.sharing-assumes: option texts and feedback of version 1 (one question) and version 2
(a bank); the stems and explanations are in its template."""

from .bank import Mistake, Question, bank_kind
from .choice import Distractor, choice_kind

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


# ---- version 2: a bank of questions ----------------------------------------------------

_STATIONARITY = "A pattern worth detecting in one place is worth detecting everywhere (stationarity)."

SHARING_ASSUMES_V2 = bank_kind(
    "sharing-assumes",
    "What weight sharing assumes",
    [
        *[Mistake(m.name, m.feedback) for m in SHARING_ASSUMES.misconceptions],
        Mistake("sharing-assumes-locality",
                "Small windows assume locality; sharing is a separate choice: a locally connected layer is just "
                "as local, with other weights at every position."),
        Mistake("invariance-not-stationarity",
                "Sharing assumes nothing about labels: it only uses the same detector everywhere, which makes "
                "the maps move with a shift rather than stay the same."),
        Mistake("fixed-time",
                "It is the opposite: if every sound came at the same moment, separate weights per time step "
                "would do; sharing pays off because a sound may come at any moment."),
        Mistake("samples-independent",
                "Convolutions assume the reverse, that nearby samples are strongly related; and sharing adds "
                "that the same relation holds at every moment."),
        Mistake("time-symmetric",
                "Nothing forces a shared kernel to be symmetric in time, and speech is not: sharing only means "
                "that the same kernel is used at every time step."),
        Mistake("misjudges-satellite",
                "Fields, roads and roofs appear anywhere in a satellite image, so a detector learned in one place "
                "is useful everywhere: sharing suits it well."),
        Mistake("misjudges-photos",
                "A cat may appear anywhere in a photo, so a detector learned in one place is useful everywhere: "
                "sharing suits it well."),
        Mistake("misjudges-audio",
                "A sound means the same whenever it comes, so sharing one kernel over time suits audio well."),
        Mistake("doubts-fewer-weights",
                "This one is a consequence: one shared kernel replaces a kernel per position."),
        Mistake("doubts-detected-everywhere",
                "This one is a consequence: the same kernel at every position gives the same response to a "
                "pattern wherever it is."),
        Mistake("doubts-equivariance",
                "This one is a consequence: with the same kernel everywhere, the response to a pattern moves "
                "with the pattern."),
    ],
    [
        Question("what-assumes", "easy", _STATIONARITY,
                 {"fixed-object-position": "Objects of interest always appear at the same position in the image.",
                  "pixels-independent": "Neighbouring pixels are statistically independent of each other.",
                  "symmetric-kernel": "Images are symmetric, so the shared kernel has to be symmetric as well."}),
        Question("name", "easy",
                 "Stationarity: the statistics of small patches do not depend on where in the image they are.",
                 {"sharing-assumes-locality": "Locality: each output depends only on a small neighbourhood of "
                                              "pixels.",
                  "pixels-independent": "Independence: neighbouring pixels are statistically independent.",
                  "invariance-not-stationarity": "Invariance: the label of an image does not change when the "
                                                 "image is shifted."}),
        Question("audio", "medium",
                 "A sound pattern worth detecting at one moment is worth detecting at any moment.",
                 {"fixed-time": "Each sound comes at the same moment in every clip.",
                  "samples-independent": "Successive samples are independent of each other.",
                  "time-symmetric": "The signal sounds the same played backwards, so the kernel must be symmetric "
                                    "in time."}),
        Question("fits-least", "medium",
                 "Aligned passport photos, in which the eyes, the nose and the mouth are always at the same "
                 "places.",
                 {"misjudges-satellite": "Satellite images of farmland, with fields, roads and roofs anywhere.",
                  "misjudges-photos": "Holiday photos in which a cat may appear anywhere.",
                  "misjudges-audio": "Recordings of speech, with the kernel shared over time."}),
        Question("conv-not-local", "hard", _STATIONARITY,
                 {"sharing-assumes-locality": "Each output depends only on a small neighbourhood of the input.",
                  "invariance-not-stationarity": "The label of an image does not change when the image is shifted.",
                  "pixels-independent": "Neighbouring pixels are statistically independent of each other."}),
        Question("not-consequence", "hard",
                 "The output of the layer stays the same when the input is shifted.",
                 {"doubts-fewer-weights": "The layer has far fewer weights than a locally connected layer with "
                                          "the same windows.",
                  "doubts-detected-everywhere": "A pattern that the kernel detects at one position is detected at "
                                                "every position.",
                  "doubts-equivariance": "Shifting the input shifts the output."}),
    ],
    version=2,
)
