"""Growing probgen: a kind, a topic version or an output format added from outside is picked up
by `list`, `make`, `grade` and `export` without editing probgen (the registries and their hooks)."""

from __future__ import annotations

import importlib
import json
import re
import sys
import textwrap

import pytest
from click.testing import CliRunner

from probgen import problems
from probgen.generator import registry, render
from probgen.generator.cli import cli
from probgen.generator.exporters import EXPORTERS, PER_EXPORT, PER_SHEET, Exporter

MODULE = '''
"""A throwaway topic: one kind that adds two numbers, and one meant for another topic's order."""

from probgen.problems.model import Kind, Misconception, Param, ParamError, Part, fixed_parts


def _sample(rng, difficulty):
    return {"a": rng.integer(2, 9), "b": rng.integer(3, 9)}


def _validate(params):
    for name in ("a", "b"):
        if not isinstance(params.get(name), int) or isinstance(params.get(name), bool):
            raise ParamError(f"param {name!r} must be a whole number.")


def _kind(kind_id, title):
    return Kind(
        id=kind_id, version=1, title=title,
        parts=fixed_parts(Part("a", "The sum $a + b$.", "integer")),
        sample=_sample, validate=_validate, solve=lambda p: {"a": p["a"] + p["b"]},
        misconceptions=(Misconception("product", "You multiplied instead of adding.",
                                      lambda p: {"a": p["a"] * p["b"]}),),
        params=(Param("a", "int", "The first term."), Param("b", "int", "The second term.")),
    )


SUM = _kind("throwaway.sum", "Add two numbers")
KINDS = [SUM]
# Not in KINDS: the ORDERS test adds it to another topic itself.
EXTRA = _kind("pooling.throwaway-sum", "Add two numbers (a pooling extra)")
'''

TEMPLATE = '''{# a throwaway kind: params a, b #}
{% block statement %}
Add $a = {{ params.a }}$ and $b = {{ params.b }}$.
{% endblock %}

{% block solution %}
$a + b = {{ answers.a }}$.
{% endblock %}
'''


@pytest.fixture
def throwaway(tmp_path, monkeypatch):
    """A topic module and templates in a temporary folder, found through the registry's hooks."""
    code = tmp_path / "kinds"
    code.mkdir()
    (code / "throwaway.py").write_text(textwrap.dedent(MODULE), encoding="utf-8")
    templates = tmp_path / "templates"
    (templates / "kinds").mkdir(parents=True)
    for kind_id in ("throwaway.sum", "pooling.throwaway-sum"):
        (templates / "kinds" / f"{kind_id}.j2").write_text(TEMPLATE, encoding="utf-8")
    monkeypatch.setattr(problems, "__path__", [*problems.__path__, str(code)])
    render.add_template_folder(templates)
    registry.refresh()
    monkeypatch.chdir(tmp_path)
    try:
        yield importlib.import_module("probgen.problems.throwaway")
    finally:
        render.remove_template_folder(templates)
        sys.modules.pop("probgen.problems.throwaway", None)
        monkeypatch.undo()
        registry.refresh()


def probgen(*args):
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


def fill_with_key(folder):
    key = json.loads((folder / "answer-key.json").read_text())
    sub = json.loads((folder / "submission.json").read_text())
    for problem in key["problems"]:
        sub["answers"][problem["id"]] = {p["label"]: p["answer"] for p in problem["parts"]}
    (folder / "filled.json").write_text(json.dumps(sub))
    return folder / "filled.json", key


def test_a_throwaway_kind_is_listed_made_and_graded(throwaway, tmp_path):
    assert "throwaway.sum" in probgen("list") and "parts: (a) integer" in probgen("list", "--topic", "throwaway")
    (row,) = json.loads(probgen("list", "--topic", "throwaway", "--format", "json"))
    assert row["params"][0] == {"name": "a", "type": "int", "default": "sampled", "meaning": "The first term."}
    assert row["misconceptions"] == [{"name": "product", "feedback": "You multiplied instead of adding."}]

    printed = probgen("make", "--topic", "throwaway", "--n", "3", "--seed", "4")
    assert printed.count("## Problem ") == 3 and printed.count("Add $a = ") == 3
    out = probgen("make", "--topic", "throwaway", "--n", "3", "--seed", "4", "--out", "sheet")
    assert "--topic throwaway@1 --n 3 --seed 4 makes the same sheet again" in out
    filled, key = fill_with_key(tmp_path / "sheet")
    assert key["topics"] == {"throwaway": 1} and len(key["problems"]) == 3
    for extra in ([], ["--key", tmp_path / "sheet" / "answer-key.json"]):   # regenerated from ids, or from the key
        report = json.loads(probgen("grade", filled, "--format", "json", *extra))
        assert report["score"] == report["max_score"] == 3
    wrong = json.loads(filled.read_text())
    problem = key["problems"][0]
    wrong["answers"][problem["id"]]["a"] = problem["parts"][0]["misconceptions"][0]["answer"]
    filled.write_text(json.dumps(wrong))
    report = json.loads(probgen("grade", filled, "--format", "json"))
    assert report["score"] == 2 and "You multiplied instead of adding." in json.dumps(report)


def test_a_new_topic_version_leaves_pinned_sheets_as_they_were(throwaway, monkeypatch):
    topic = "pooling"
    old = registry.latest_version(topic)
    order = tuple(k.id for k in registry.of_topic(topic))
    args = ["make", "--topic", f"{topic}@{old}", "--n", "7", "--seed", "5"]
    before, unpinned = probgen(*args), probgen("make", "--topic", topic, "--n", "7", "--seed", "5")
    assert before == unpinned

    module = importlib.import_module(f"probgen.problems.{topic}")
    grown = (*order[:1], throwaway.EXTRA.id, *order[1:])           # the new kind goes second
    monkeypatch.setattr(module, "KINDS", [*module.KINDS, throwaway.EXTRA])
    monkeypatch.setattr(module, "ORDERS", {**registry.orders(topic), old + 1: grown}, raising=False)
    registry.refresh()   # the fixture undoes the patches and refreshes again afterwards
    assert registry.latest_version(topic) == old + 1
    assert probgen(*args) == before                              # the pinned sheet is unchanged
    after = probgen("make", "--topic", topic, "--n", "7", "--seed", "5")
    assert after != before and "Add $a = " in after              # the latest version has the new kind
    assert "pooling.throwaway-sum" in probgen("list", "--topic", topic)
    assert f"- version {old + 1}: " in probgen("list", "--topic", topic, "--format", "md")


def test_unknown_topic_versions_are_usage_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["make", "--topic", "pooling@99"])
    assert res.exit_code == 2 and "topic 'pooling' has no version 99; its versions are " in res.output
    res = CliRunner().invoke(cli, ["make", "--topic", "pooling@1", "--topic", "pooling@99"])
    assert res.exit_code == 2


def test_export_records_topic_versions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    probgen("export", "--topic", "layers", "--template", "pooling.output-size", "--n", "3", "--seed", "2",
            "--out", "out")
    key = json.loads((tmp_path / "out" / "answer-key.json").read_text())
    assert key["topics"] == {"layers": registry.latest_version("layers")}


# ---- a throwaway exporter ---------------------------------------------------------------


def test_a_registered_exporter_is_offered_and_written(tmp_path, monkeypatch):
    def per_sheet(path, sheet, solutions):
        path.write_text("\n".join(p.id for p in sheet.problems) + ("\nsolutions" if solutions else "") + "\n")

    def once(path, sheets):
        path.write_text(f"{len(sheets)} sheets\n")

    monkeypatch.setitem(EXPORTERS, "ids", Exporter("ids", PER_SHEET, "{stem}.ids", per_sheet))
    monkeypatch.setitem(EXPORTERS, "count", Exporter("count", PER_EXPORT, "count.txt", once))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.csv").write_text("id\ns1\ns2\n")
    out = probgen("export", "--topic", "pooling", "--n", "2", "--seed", "3", "--roster", "roster.csv",
                  "--format", "ids,count", "--solutions", "--out", "week")
    assert "wrote week/s1/ (worksheet.ids, solutions.ids, submission.json)" in out and "wrote week/count.txt" in out
    key = json.loads((tmp_path / "week" / "answer-key.json").read_text())
    for sid in ("s1", "s2"):
        assert (tmp_path / "week" / sid / "worksheet.ids").read_text().split() == key["students"][sid]
        assert (tmp_path / "week" / sid / "solutions.ids").read_text().endswith("solutions\n")
    assert (tmp_path / "week" / "count.txt").read_text() == "2 sheets\n"
    res = CliRunner().invoke(cli, ["export", "--topic", "pooling", "--format", "docx", "--out", "x"])
    assert res.exit_code == 2 and re.search(r"choose from md,tex,pdf,html,moodle,canvas,qti21,ids,count\.", res.output)
