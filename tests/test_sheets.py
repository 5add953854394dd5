"""One sheet pipeline: ``make`` and ``export`` give the same problems and statements for the same options."""

import json
import re

import pytest

from probgen.contract import parse_id
from probgen.generator import registry, sheets
from probgen.generator.making import View
from probgen.generator.seeding import derive_seed

SELECTION = ["--topic", "pooling", "--topic", "conv2d", "--topic", "concepts"]
OPTIONS = [*SELECTION, "--n", "7", "--seed", "11", "--difficulty", "hard", "--title", "Week 3"]
SECRET = "ab" * 32


@pytest.fixture
def secret(tmp_path):
    """A course secret file: an export's sheets are handed out, and ``make --secret`` makes the same."""
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    return ["--secret", "secret.txt"]


def problems_of(folder):
    return json.loads((folder / "answer-key.json").read_text())["problems"]


@pytest.mark.parametrize("fmt", ["tex", "html"])
def test_make_and_export_write_the_same_sheets(run_probgen, tmp_path, fmt, secret):
    made = run_probgen("make", *OPTIONS, *secret, "--format", fmt, "--out", "made")
    exported = run_probgen("export", *OPTIONS, *secret, "--format", fmt, "--solutions", "--out", "exported")
    assert made.returncode == 0 and exported.returncode == 0, made.stderr + exported.stderr
    assert problems_of(tmp_path / "made") == problems_of(tmp_path / "exported")
    for name in (f"worksheet.{fmt}", f"solutions.{fmt}", "submission.json"):
        assert (tmp_path / "made" / name).read_text() == (tmp_path / "exported" / name).read_text(), name


def test_make_and_export_give_the_same_markdown_statements(run_probgen, tmp_path, secret):
    """Markdown differs only in how figures are shown (files beside a made sheet, inline in an
    export), which is an option: make's JSON shows them inline as an export does."""
    printed = run_probgen("make", *OPTIONS, *secret, "--format", "json")
    exported = run_probgen("export", *OPTIONS, *secret, "--format", "md", "--out", "exported")
    assert printed.returncode == 0 and exported.returncode == 0, printed.stderr + exported.stderr
    key = json.loads(printed.stdout)
    sheet = (tmp_path / "exported" / "worksheet.md").read_text()
    assert [p["id"] for p in key["problems"]] == [p["id"] for p in problems_of(tmp_path / "exported")]
    assert len(key["problems"]) == 7 and "data:image/svg+xml;base64," in sheet
    at = 0
    for problem in key["problems"]:
        found = sheet.find(problem["statement"].strip(), at)
        assert found > at, problem["id"]
        at = found


def test_a_sheets_problems_come_from_positions_and_seeds():
    kinds = tuple(registry.of_topic("layers"))
    spec = sheets.SheetSpec(kinds, len(kinds) + 2, 5)
    sheet = sheets.build(spec, [View("md")])
    assert [p.kind_id for p in sheet.problems] == [k.id for k in kinds] + [k.id for k in kinds[:2]]
    assert [parse_id(p.id).seed for p in sheet.problems] == [derive_seed(5, i) for i in range(spec.n)]
    student = sheets.build(sheets.SheetSpec(kinds, 3, 5, student="s1"), [])
    assert [parse_id(p.id).seed for p in student.problems] == [derive_seed(5, "s1", i) for i in range(3)]
    assert student.submission()["student"] == "s1" and list(student.submission()["answers"]) == \
        [p.id for p in student.problems]


def test_views_are_rendered_once_per_format_and_laid_out_on_demand():
    kinds = tuple(registry.of_topic("pooling"))
    sheet = sheets.build(sheets.SheetSpec(kinds, 3, 2, title="T"), [View("md", "none"), View("html", solutions=True)])
    assert all(set(p.views) == {"md", "html"} for p in sheet.problems)
    assert all(p.views["md"]["solution"] == "" and p.views["html"]["solution"] for p in sheet.problems)
    text = sheet.text("md", solutions=False)
    assert text is sheet.text("md", solutions=False)  # laid out once
    assert text.startswith("# T\n") and "base64" not in text
    assert re.search(r"<h1>T — solutions</h1>", sheet.text("html", solutions=True))
