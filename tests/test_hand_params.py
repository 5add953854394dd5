"""Issue 14, item 4: hand-given params keep the catalog's defaults and get the rest drawn to fit them."""

import json

import pytest

from probgen.generator import instances, registry
from probgen.problems.params import shape_of


def test_lecture_params_of_conv1d_symbolic_take_stride_1_and_padding_0():
    kind = registry.find("backprop.conv1d-symbolic")
    for seed in range(40):
        for difficulty in ("easy", "medium", "hard"):
            inst = instances.sample(kind, seed, difficulty, given={"n": 5, "k": 3})
            assert inst.params == {"n": 5, "k": 3, "stride": 1, "padding": 0}
    # One output per window position: y1..y3, so dL/dk1 = g1 x1 + g2 x2 + g3 x3.
    assert str(inst.answers["a"][0]) == "g1*x1 + g2*x2 + g3*x3"


def test_make_with_lecture_params_prints_a_stride_1_problem(run_probgen):
    res = run_probgen("make", "--template", "backprop.conv1d-symbolic", "--params", '{"n": 5, "k": 3}',
                      "--seed", "4")
    assert res.returncode == 0, res.stderr
    assert "stride 2" not in res.stdout and "stride $s = 2" not in res.stdout


def test_a_given_default_param_is_kept_and_others_still_drawn():
    kind = registry.find("backprop.conv1d-symbolic")
    drawn = {instances.sample(kind, seed, "hard", given={"n": 8, "k": 3, "stride": 2}).params["padding"]
             for seed in range(20)}
    assert drawn == {0}  # padding documented default 0 holds
    inst = instances.sample(kind, 0, "hard", given={"n": 8, "k": 3, "padding": 1})
    assert inst.params["stride"] == 1


@pytest.mark.parametrize("kind_id", ["pooling.max-values", "pooling.avg-values", "pooling.max-backward",
                                     "pooling.avg-backward"])
def test_a_given_pooling_kernel_gets_an_input_large_enough(kind_id):
    """`{"kernel": 7}` on max-pool used to fail: "the kernel (span 7) is larger than the input height"."""
    kind = registry.find(kind_id)
    for seed in range(20):
        for difficulty in ("easy", "medium", "hard"):
            inst = instances.sample(kind, seed, difficulty, given={"kernel": 7})
            H, W = shape_of(inst.params["X"])
            assert inst.params["kernel"] == 7 and min(H, W) >= 7
            assert inst.params.get("padding", 0) == 0  # the documented default, not a drawn padding


def test_a_small_given_kernel_keeps_the_problem_hand_sized():
    kind = registry.find("pooling.max-values")
    for seed in range(30):
        inst = instances.sample(kind, seed, "medium", given={"kernel": 2, "stride": 1})
        assert kind.effort(inst.params)["b"] <= 40


def test_seeded_problems_do_not_use_the_hand_path():
    """Defaults and fitting apply only to params given by hand: a seed's problem is what it was."""
    kind = registry.find("backprop.conv1d-symbolic", 1)
    strides = {instances.sample(kind, seed, "hard").params["stride"] for seed in range(40)}
    assert strides == {2, 3}
    assert instances.sample(kind, 5, "medium").id == "backprop.conv1d-symbolic@1:5"


def test_catalog_shows_the_defaults(run_probgen):
    res = run_probgen("list", "--format", "json")
    rows = {(r["id"], r["version"]): r for r in json.loads(res.stdout)}
    params = {p["name"]: p for p in rows[("backprop.conv1d-symbolic", 2)]["params"]}
    assert params["stride"]["default"] == 1 and params["padding"]["default"] == 0
    assert params["stride"]["drawn"] is True and "drawn" not in params["n"]
