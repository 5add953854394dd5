"""The grader's hostile corpus typed into the practice page: every answer gets a response with a
sentence (the grader's own refusal, or a 4xx for what a text box cannot hold), nothing runs,
and nothing comes back as markup."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

import hostile_corpus
from probgen.generator.practice import app as practice_app
from probgen.generator.practice import problems

ENTRIES = hostile_corpus.load()
RAW = {entry["name"]: entry["answer"] for entry in json.loads(hostile_corpus.CORPUS.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def client():
    with TestClient(practice_app.create_app(), base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    yield
    assert not (tmp_path / hostile_corpus.CANARY).exists(), "a hostile answer ran code"


def request(client, path, answer_type, raw=None, **data):
    """POST ``data`` about the problem holding a part of ``answer_type``; ``raw`` is JSON text
    put in place of the string "RAW" (values only JSON text can hold: NaN, 10,000 digits)."""
    kind, label = hostile_corpus.KEY_SOURCES[answer_type]
    ref = problems.pinned([], [kind], 1)
    body = json.dumps({"page": ref.query(), "id": problems.problem(ref).id, **data})
    if raw is not None:
        body = body.replace('"RAW"', raw)
    return label, client.post(path, content=body.encode(), headers={"Content-Type": "application/json"})


@pytest.mark.parametrize("name", [n for n, raw in RAW.items() if isinstance(raw, dict) and "json" in raw])
def test_values_only_json_can_hold_are_refused_in_a_sentence(client, scratch, name):
    for answer_type in hostile_corpus.types_of(next(e for e in ENTRIES if e["name"] == name)):
        label = hostile_corpus.KEY_SOURCES[answer_type][1]
        _, checked = request(client, "/api/check", answer_type, raw=hostile_corpus.expand(RAW[name]["json"]), answers={label: "RAW"})
        _, previewed = request(client, "/api/preview", answer_type, raw=hostile_corpus.expand(RAW[name]["json"]), part=label, text="RAW")
        for response in (checked, previewed):
            assert response.status_code == 400, (name, answer_type, response.text)
            assert response.json()["error"].endswith(".") and "Traceback" not in response.text


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_a_hostile_answer_gets_a_sentence_in_every_box(client, scratch, entry):
    raw = RAW[entry["name"]]
    if isinstance(raw, dict) and "json" in raw:
        return      # sent as JSON text by the test above
    encoded = json.dumps(entry["answer"])
    for answer_type in hostile_corpus.types_of(entry):
        kind_label = hostile_corpus.KEY_SOURCES[answer_type][1]
        label, checked = request(client, "/api/check", answer_type, answers={kind_label: entry["answer"]})
        _, previewed = request(client, "/api/preview", answer_type, part=kind_label, text=entry["answer"])
        context = (entry["name"], answer_type)
        if len(encoded) > practice_app.MAX_BODY:
            assert checked.status_code == previewed.status_code == 413, context
            return          # the same for every box: refused by its size before it is read
        if not isinstance(entry["answer"], str):
            assert checked.status_code == previewed.status_code == 400, context
            assert "must be text" in checked.json()["error"] and "needs 'text'" in previewed.json()["error"]
            continue
        assert checked.status_code == 200 and previewed.status_code == 200, context
        part = next(p for p in checked.json()["parts"] if p["label"] == label)
        assert part["score"] == 0 and part["status"] == "not correct" and part["expected"] is None, context
        assert part["feedback"] and "internal error" not in part["feedback"], context
        shown = previewed.json()
        assert bool(shown["message"]) != bool(shown["read_as"]), context
        assert "Traceback" not in checked.text + previewed.text, context
        assert "<img" not in shown["math"] and "<script" not in shown["math"], context
