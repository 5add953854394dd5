"""Issue 14, item 3: every sampled problem is hand-sized, and a hard one holds what its kind teaches.

A kind's ``effort`` counts, from its params alone, the hand operations of each part (multiply-adds,
additions, comparisons). The course material's largest hand computation is 36 multiply-adds, so
easy and medium parts stay at about 40 and hard ones at about 100.
"""

import pytest

from probgen.generator import instances, registry
from probgen.problems.model import DIFFICULTIES
from probgen.problems.params import HAND_WORK as MOST

LATEST = registry.latest_kinds()
IDS = [f"{k.id}@{k.version}" for k in LATEST]
SEEDS = range(200)
ARRAYS = {"vector", "matrix", "tensor", "expression-vector", "expression-matrix"}


@pytest.mark.parametrize("kind", LATEST, ids=IDS)
def test_every_kind_that_answers_with_arrays_counts_its_hand_effort(kind):
    types = {p.type for seed in range(10) for p in instances.sample(kind, seed, "hard").parts}
    if types & ARRAYS:
        assert kind.effort is not None, f"{kind.id} answers {sorted(types & ARRAYS)} but declares no effort"


@pytest.mark.parametrize("kind", [k for k in LATEST if k.effort], ids=[i for k, i in zip(LATEST, IDS) if k.effort])
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_sampled_parts_are_hand_sized(kind, difficulty):
    worst = {}
    for seed in SEEDS:
        inst = instances.sample(kind, seed, difficulty)
        for label, work in kind.effort(inst.params).items():
            assert label in inst.answers, (kind.id, label)
            if work > worst.get(label, (0, None))[0]:
                worst[label] = (work, inst.id)
    too_much = {label: w for label, w in worst.items() if w[0] > MOST[difficulty]}
    assert not too_much, f"parts past {MOST[difficulty]} operations: {too_much}"


#: Kinds whose hard problems must hold what they teach: overlapping windows where gradients are
#: routed back, padding or stride where sizes are asked.
MUST_TEACH = ["backprop.conv1d-symbolic", "backprop.conv2d-numeric", "pooling.max-backward", "pooling.avg-backward",
              "conv2d.output-size", "pooling.output-size", "layers.conv-vs-dense"]


@pytest.mark.parametrize("kind_id", MUST_TEACH)
def test_hard_problems_hold_what_the_kind_teaches(kind_id):
    kind = registry.find(kind_id)
    assert kind.teaches is not None, f"{kind_id} does not say what its hard problems must hold"
    missing = [inst.id for inst in (instances.sample(kind, seed, "hard") for seed in SEEDS)
               if not kind.teaches(inst.params)]
    assert not missing, f"{len(missing)} of {len(SEEDS)} hard problems without what {kind_id} teaches: {missing[:3]}"


def test_what_a_kind_teaches_is_checked_on_real_params():
    """The predicates tell the plain problems from the ones that teach (old versions drew both)."""
    symbolic = registry.find("backprop.conv1d-symbolic")
    assert symbolic.teaches({"n": 7, "k": 3, "stride": 2, "padding": 0})
    assert not symbolic.teaches({"n": 7, "k": 2, "stride": 2, "padding": 0})
    size = registry.find("conv2d.output-size")
    assert not size.teaches({"height": 32, "width": 32, "kernel": 3, "padding": 0, "stride": 1, "dilation": 2})
    assert size.teaches({"height": 32, "width": 32, "kernel": 3, "padding": [0, 1], "stride": 1, "dilation": 1})
