"""``probgen list``: the catalog generated from the code, and docs/catalog.md kept current."""

import json
from pathlib import Path

from click.testing import CliRunner

from probgen.generator import catalog, registry
from probgen.generator.cli import cli
from probgen.problems.model import Kind, Param, Part

CATALOG = Path(__file__).resolve().parents[1] / "docs" / "catalog.md"


def invoke(*args):
    res = CliRunner().invoke(cli, ["list", *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_docs_catalog_is_the_generated_catalog():
    assert CATALOG.read_text(encoding="utf-8") == catalog.render("md"), (
        "docs/catalog.md is out of date; regenerate it from the repository root with: "
        "probgen list --format md > docs/catalog.md")


def test_table_shows_every_kind_with_its_parts():
    out = invoke()
    lines = out.splitlines()
    for kind in registry.latest_kinds():
        at = next(i for i, line in enumerate(lines) if line.split()[:1] == [kind.id])
        assert kind.title in lines[at] and f"v{kind.version}" in lines[at]
        parts = catalog.entry(kind).parts
        assert lines[at + 1].strip().startswith("parts")
        assert lines[at + 1].endswith(", ".join(f"({p.label}) {p.type}" for p in parts))
    assert set(registry.topics()) <= set(lines)


def test_json_keeps_the_old_fields_and_adds_params_parts_and_misconceptions():
    rows = json.loads(invoke("--format", "json"))
    assert [r["id"] for r in rows] == [k.id for k in catalog.kinds()]
    for row, kind in zip(rows, catalog.kinds()):
        assert (row["id"], row["version"], row["topic"], row["title"]) == (kind.id, kind.version, kind.topic, kind.title)
        assert [p["name"] for p in row["params"]] == [p.name for p in kind.params]
        assert [(p["label"], p["type"]) for p in row["parts"]] == [(p.label, p.type) for p in catalog.entry(kind).parts]
        named = [{"name": m.name, "feedback": m.feedback} for m in kind.misconceptions]
        # A mistake solved by two records (two wrong answers to one part) is listed once.
        assert row["misconceptions"] == [entry for i, entry in enumerate(named) if entry not in named[:i]]


def test_topic_filter_and_unknown_topic():
    topic = registry.topics()[0]
    rows = json.loads(invoke("--topic", topic, "--format", "json"))
    assert [r["id"] for r in rows] == [k.id for k in registry.of_topic(topic)]
    md = invoke("--topic", f"{topic}@1", "--format", "md")
    assert f"## {topic}" in md and md.count("\n## ") == 1
    res = CliRunner().invoke(cli, ["list", "--topic", "nope"])
    assert res.exit_code == 2 and "there is no topic 'nope'" in res.output


def test_declared_params_and_varying_parts_are_shown():
    def parts(params):
        return tuple(Part(label, "P.", "integer" if label == "a" else "vector") for label in "ab"[:params["k"]])

    kind = Kind("demo.k", 1, "Demo", parts=parts, sample=lambda rng, d: {"k": rng.integer(1, 2)},
                validate=lambda p: None, solve=lambda p: {},
                params=(Param("k", "int", "How many parts."), Param("scale", "number", "A factor.", default=2)))
    entry = catalog.entry(kind)
    assert entry.parts_vary
    md = "\n".join(catalog.kind_markdown(entry))
    assert "| `k` | int | sampled | How many parts. |" in md and "| `scale` | number | 2 | A factor. |" in md
    assert "they vary with the params" in md
    plain = Kind("demo.p", 1, "Plain", parts=lambda p: (Part("a", "A.", "integer"),), sample=lambda rng, d: {},
                 validate=lambda p: None, solve=lambda p: {})
    assert not catalog.entry(plain).parts_vary
    assert "| param |" not in "\n".join(catalog.kind_markdown(catalog.entry(plain)))  # no params: nothing shown
