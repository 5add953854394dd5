"""The pieces every kind relies on: the random stream, seeds, ids and the registry."""

import pytest

from probgen.generator import instances, registry
from probgen.generator.seeding import derive_seed, params_hash
from probgen.problems.model import Part
from probgen.problems.rng import Rng


def test_rng_is_splitmix64():
    # Published SplitMix64 outputs for seed 0 (0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, ...).
    rng = Rng(0)
    assert [rng.bits64() for _ in range(3)] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]


def test_rng_draws_are_pinned():
    # Changing these changes every problem id ever handed out: bump kind versions instead.
    rng = Rng(42)
    assert [rng.integer(1, 6) for _ in range(10)] == [2, 2, 1, 1, 5, 1, 2, 3, 2, 3]
    assert rng.shuffled(range(6)) == [3, 0, 4, 2, 1, 5]
    assert rng.distinct(0, 100, 4) == [38, 33, 49, 80]


def test_rng_integer_covers_range_and_bounds():
    rng = Rng(7)
    seen = {rng.integer(-2, 2) for _ in range(500)}
    assert seen == {-2, -1, 0, 1, 2}
    with pytest.raises(ValueError):
        rng.integer(3, 2)


def test_rng_distinct_values_are_distinct():
    rng = Rng(3)
    for count in (1, 5, 19):
        values = rng.distinct(-9, 9, count)
        assert len(set(values)) == count and all(-9 <= v <= 9 for v in values)
    with pytest.raises(ValueError):
        rng.distinct(0, 3, 5)


def test_derived_seeds_are_pinned_and_differ_by_position():
    assert derive_seed(5, 0) == 82230952
    assert derive_seed(5, 1) == 55144488
    assert derive_seed(2026, "alice", 0) == 78788163


def test_params_hash_ignores_key_order():
    assert params_hash("a.b", 1, {"x": 1, "y": 2}) == params_hash("a.b", 1, {"y": 2, "x": 1})
    assert params_hash("a.b", 1, {"x": 1}) != params_hash("a.b", 1, {"x": 2})


@pytest.mark.parametrize("text, kind, version, seed, difficulty", [
    ("pooling.max-values@1:8121", "pooling.max-values", 1, 8121, "medium"),
    ("conv1d.entries@3:42:hard", "conv1d.entries", 3, 42, "hard"),
    ("layers.conv-vs-dense@1:0:easy", "layers.conv-vs-dense", 1, 0, "easy"),
])
def test_ids_parse(text, kind, version, seed, difficulty):
    parsed = instances.parse_id(text)
    assert (parsed.kind_id, parsed.version, parsed.seed, parsed.difficulty) == (kind, version, seed, difficulty)


@pytest.mark.parametrize("text", ["pooling.max-values", "pooling@1:3", "pooling.max-values@x:3",
                                  "pooling.max-values@1:3:insane", "", "a.b@1:3; rm -rf /"])
def test_bad_ids_are_refused_with_a_sentence(text):
    with pytest.raises(instances.BadId) as err:
        instances.parse_id(text)
    assert "problem id" in str(err.value) or "difficulty" in str(err.value)


def test_hand_params_id_needs_the_key():
    with pytest.raises(instances.BadId, match="--key"):
        instances.from_id("pooling.output-size@1:pab12cd34ef")


def test_registry_finds_kinds_without_a_central_list():
    ids = [k.id for k in registry.latest_kinds()]
    assert "pooling.output-size" in ids
    assert len(ids) == len(set(ids))
    assert registry.find("pooling.output-size").version >= 1
    with pytest.raises(registry.UnknownKind, match="probgen list"):
        registry.find("pooling.nope")
    with pytest.raises(registry.UnknownKind, match="topics are"):
        registry.of_topic("nope")


def test_part_refuses_unknown_answer_type():
    with pytest.raises(ValueError):
        Part("a", "?", "colour")


def test_same_id_regenerates_same_instance():
    kind = registry.find("pooling.output-size")
    first = instances.sample(kind, 1234)
    again = instances.from_id(first.id)
    assert again.params == first.params and again.answers == first.answers
