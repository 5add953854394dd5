"""backprop.bias-gradient: dL/dB of a convolutional layer on a batch (0-based tensor indices).

B[o] is added to every position of output channel o, for every image of the batch, so
dL/dB[o] is the sum of the upstream gradient over the images and the positions of channel o:
not the mean, and not the first image only. The upstream is N x C_out x H' x W'.
"""

from __future__ import annotations

from fractions import Fraction

from .. import params as P
from ..core.numbers import frozen
from ..model import Kind, Misconception, Param, ParamError, Params, Part, fixed_parts
from ..rng import Rng

_MAX_N = 8
_MAX_C = 8
_MAX_HW = 8
_WRITTEN = "a 4-D list of numbers (images, channels, rows, columns), such as [[[[1, 2], [3, 4]]]]"


@P.memo
def _upstream(params: Params) -> list:
    """The upstream gradient as N images of C_out x H' x W' exact numbers, all of one shape."""
    P.require(params, "upstream")
    value = params["upstream"]
    if not isinstance(value, list) or not value or not all(isinstance(v, list) for v in value):
        raise ParamError(f"param 'upstream' must be {_WRITTEN}.")
    if len(value) > _MAX_N:
        raise ParamError(f"param 'upstream' has {len(value)} images; at most {_MAX_N} are allowed by hand.")
    images = [P.tensor({f"upstream[{n}]": image}, f"upstream[{n}]", 3, max_size=_MAX_HW)
              for n, image in enumerate(value)]
    first = P.shape_of(images[0])
    for n, image in enumerate(images):
        if P.shape_of(image) != first:
            raise ParamError(f"image {n} of param 'upstream' is {'x'.join(map(str, P.shape_of(image)))}, but image 0 "
                             f"is {'x'.join(map(str, first))}; all images must have the same shape.")
    if first[0] > _MAX_C:
        raise ParamError(f"param 'upstream' has {first[0]} channels; at most {_MAX_C} are allowed by hand.")
    return images


def _validate(params: Params) -> None:
    _upstream(params)


def _channel_sums(images: list) -> list:
    """Per image, per channel: the sum of that channel's entries."""
    return [[sum(sum(row) for row in channel) for channel in image] for image in images]


def _solve(params: Params) -> dict:
    sums = _channel_sums(_upstream(params))
    return {"a": frozen([sum(per_image[o] for per_image in sums) for o in range(len(sums[0]))])}


def _steps(params: Params) -> dict:
    images = _upstream(params)
    n, c = len(images), len(images[0])
    sums = _channel_sums(images)
    totals = _solve(params)["a"]
    return {
        "n": n, "c": c, "h": len(images[0][0]), "w": len(images[0][0][0]),
        "G": [[frozen(channel) for channel in image] for image in images],
        "channels": [{"o": o, "sums": frozen([sums[i][o] for i in range(n)]), "total": totals[o],
                      "terms": [frozen([v for row in images[i][o] for v in row]) for i in range(n)]}
                     for o in range(c)],
    }


def _mean(params: Params) -> dict:
    images = _upstream(params)
    count = len(images) * len(images[0][0]) * len(images[0][0][0])
    return {"a": frozen([Fraction(t, count) for t in _solve(params)["a"]])}


def _batch_averaged(params: Params) -> dict:
    images = _upstream(params)
    return {"a": frozen([Fraction(t, len(images)) for t in _solve(params)["a"]])}


def _first_image(params: Params) -> dict:
    return {"a": frozen(_channel_sums(_upstream(params))[0])}


def _per_image(params: Params) -> dict:
    return {"a": frozen([sum(per_image) for per_image in _channel_sums(_upstream(params))])}


def _effort(params: Params) -> dict[str, int]:
    """Additions by hand: every upstream entry is added into its channel's total once."""
    upstream = _upstream(params)
    return {"a": sum(len(row) for image in upstream for channel in image for row in channel)}


def _sample(rng: Rng, difficulty: str) -> Params:
    """Batches of 2 or more (summing over the batch is the point); at most 40 entries to add on easy
    and medium, 100 on hard; every channel's total nonzero."""
    shapes = {"easy": ((2,), (1,), (2,)), "medium": ((2, 3), (1, 2), (2, 3)), "hard": ((2, 3, 4), (2, 3), (2, 3))}
    batches, channel_counts, sides = shapes[difficulty]
    limit = 100 if difficulty == "hard" else 40
    while True:
        n, c, h, w = rng.choice(batches), rng.choice(channel_counts), rng.choice(sides), rng.choice(sides)
        if n * c * h * w > limit:
            continue
        lo = 0 if difficulty == "easy" else -4
        upstream = [[[[rng.integer(lo, 5) for _ in range(w)] for _ in range(h)] for _ in range(c)] for _ in range(n)]
        params = {"upstream": upstream}
        if all(_solve(params)["a"]):
            return params


BIAS_GRADIENT = Kind(
    id="backprop.bias-gradient",
    version=1,
    title="The bias gradient of a convolutional layer on a batch",
    params=(Param("upstream", "tensor N x C_out x H' x W'", "dL/dZ for a batch of N images, channels first"),),
    parts=fixed_parts(
        # Channels are counted from 0 (B[0], B[1], ...), so feedback names positions that way.
        Part("a", r"The gradient $\partial L / \partial B$, one entry per output channel.", "vector",
             options={"first_index": 0}),
    ),
    sample=_sample,
    validate=_validate,
    solve=_solve,
    steps=_steps,
    first_claims=True,
    effort=_effort,
    misconceptions=(
        Misconception(
            "bias-mean",
            "You averaged the upstream gradient; each bias is added to every position of its channel in every "
            "image, so its gradient is the sum of all those upstream entries.",
            _mean,
        ),
        Misconception(
            "batch-averaged",
            "You divided by the batch size; the gradient of a bias shared by the images is the sum over the batch "
            "(any averaging in the loss is already inside the upstream gradient).",
            _batch_averaged,
        ),
        Misconception(
            "first-image-only",
            "You summed the first image only; the same bias is added for every image of the batch, so the "
            "gradient sums over all N images.",
            _first_image,
        ),
        Misconception(
            "per-image-sums",
            "You gave one sum per image; dL/dB has one entry per output channel, each summing that channel over "
            "all images and positions.",
            _per_image,
        ),
    ),
)
