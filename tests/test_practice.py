"""The practice page through Starlette's test client: every endpoint, with good and bad input.

The page must show the problem ``make`` makes, grade with the grader's own code, keep the
progress, and refuse every bad request with a 4xx and one sentence (never a traceback).
"""

from __future__ import annotations

import html
import json
import re

import pytest
from starlette.testclient import TestClient

from probgen.generator import keyfile, make, registry
from probgen.generator import worksheet as ws
from probgen.generator.practice import app as practice_app
from probgen.generator.practice import answers, problems
from probgen.generator.practice.store import Store
from probgen.generator.selection import select
from probgen.grader.types.base import display_raw

BASE = "http://127.0.0.1:8000"
MAX_VALUES = "pooling.max-values"


@pytest.fixture
def store(tmp_path):
    kept = Store(tmp_path / "progress.sqlite3")
    yield kept
    kept.close()


@pytest.fixture
def client(store):
    start = problems.pinned([], [MAX_VALUES], 3)
    with TestClient(practice_app.create_app(start, store), base_url=BASE) as client:
        yield client


def ref_of(*, topics=(), templates=(), seed=1, position=0, difficulty="medium"):
    return problems.pinned(list(topics), list(templates), seed, difficulty).at(position)


def page_and_id(ref):
    return ref.query(), problems.problem(ref).id


def typed(answer):
    """A key answer as a student types it (the grader's own display of key answers)."""
    return display_raw(answer)


def key_answers(ref):
    return {p["label"]: typed(p["answer"]) for p in problems.problem(ref).key["parts"]}


def post(client, path, data):
    return client.post(path, content=json.dumps(data), headers={"Content-Type": "application/json"})


def assert_sentence(response, status):
    assert response.status_code == status, response.text
    text = response.json()["error"] if response.headers["content-type"].startswith("application/json") else response.text
    assert "Traceback" not in text and "File \"" not in text
    message = text if response.headers["content-type"].startswith("application/json") else \
        html.unescape(re.search(r'<p class="error" role="alert">(.*?)</p>', text, re.S).group(1))
    assert message[:1].isupper() and message.rstrip().endswith("."), message
    return message


# ---- the pages ----------------------------------------------------------------------------

def test_start_page_shows_the_problem_make_makes_with_the_same_id(client):
    selection = select([], [MAX_VALUES])
    run = make.plan(selection, n=1, seed=3, fmt="html")
    sheet = make.build(run)
    made = sheet.problems[0]
    page = client.get("/")
    assert page.status_code == 200
    assert f"<code>{made.id}</code>" in page.text
    assert made.views["html"]["statement"] in page.text          # the statement exactly as the sheet renders it
    assert "<math" in page.text and "<svg" in page.text
    assert made.id == "pooling.max-values@2:29135181-4p6"


def test_every_part_has_a_real_label_tied_to_its_box(client):
    text = client.get("/").text
    for label in ("a", "b"):
        assert re.search(rf'<label class="prompt" for="answer-{label}"><span class="label">\({label}\)</span>', text)
        assert re.search(rf'<(input|textarea) id="answer-{label}"', text)
        assert f'<output id="preview-{label}"' in text
    assert '<textarea id="answer-b"' in text      # a matrix is typed on several lines


def test_a_choice_part_offers_its_options_as_radio_buttons(client):
    ref = ref_of(templates=["concepts.translation-equivariance"])
    text = client.get(f"/practice?{ref.query()}").text
    part = problems.problem(ref).key["parts"][0]
    assert part["type"] == "choice"
    for letter in "ABCD"[:len(part["options"]["choices"])]:
        assert f'<input type="radio" name="a" value="{letter}" aria-describedby="preview-a result-a">' in text
    assert '<legend><span class="label">(a)</span>' in text


def test_practice_without_a_seed_redirects_to_a_fresh_one(client):
    response = client.get("/practice?topic=pooling", follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/practice\?topic=pooling@2&seed=\d+&n=0", location)     # pinned to the topic's version
    page = client.get(location)
    assert page.status_code == 200 and "Problem 1. " in page.text
    assert 'href="/practice?topic=pooling@2&amp;seed=' in page.text


def test_another_one_is_the_next_position_of_the_same_kinds(client):
    ref = ref_of(topics=["pooling"], seed=7)
    text = client.get(f"/practice?{ref.query()}").text
    following = ref.at(1)
    assert f'href="/practice?{following.query().replace("&", "&amp;")}"' in text
    second = client.get(f"/practice?{following.query()}").text
    instance = ws.instance_at(list(select(["pooling"], []).kinds), 1, 7)
    assert f"<code>{instance.id}</code>" in second and "Problem 2. " in second


@pytest.mark.parametrize("query, status, words", [
    ("template=pooling.nope&seed=1", 404, "no problem kind 'pooling.nope'"),
    ("topic=nothing&seed=1", 404, "no topic or problem kind 'nothing'"),
    ("topic=pooling@99&seed=1", 404, "no version 99"),
    ("topic=pooling&seed=abc", 400, "seed as a whole number"),
    ("topic=pooling&seed=1&n=100000", 400, "n as a whole number from 0 to 99,999"),
    ("topic=pooling&seed=1&difficulty=brutal", 400, "difficulty is one of easy, medium, hard"),
    ("seed=1", 400, "names no topic or problem kind"),
    ("id=pooling.max-values@1:29135181", 400, "names no topic or problem kind"),
])
def test_bad_addresses_get_a_page_with_one_sentence(client, query, status, words):
    assert words in assert_sentence(client.get(f"/practice?{query}"), status)


def test_what_a_user_types_into_an_address_is_shown_escaped(client):
    response = client.get("/practice?topic=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&seed=1")
    assert response.status_code == 404
    assert "<img src=x" not in response.text and "&lt;img src=x" in response.text


def test_unknown_pages_and_methods_are_refused_in_a_sentence(client):
    assert "no such page" in assert_sentence(client.get("/nowhere"), 404)
    assert "no such page" in assert_sentence(client.get("/static/../pyproject.toml"), 404)
    assert "does not take that kind of request" in assert_sentence(client.get("/api/check"), 405)


def test_pages_load_nothing_but_their_own_files_under_a_strict_policy(client):
    for path in ("/", "/practice?template=conv2d.multi-channel&seed=2", "/nowhere", "/static/practice.js"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "http" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    text = client.get("/").text
    assert "<style" not in text and " style=" not in text and not re.search(r"<[^>]*\son[a-z]+=", text)
    assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/practice.js" defer>']
    for url in re.findall(r'(?:src|href)="([^"]*)"', text):
        assert url.startswith(("/", "#")), url


def test_static_files_are_the_page_script_and_style_sheets(client):
    script = client.get("/static/practice.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "fetch(" in script.text and "eval(" not in script.text and "innerHTML = html" in script.text
    sheet = client.get("/static/sheet.css")
    assert "math[display=\"block\"]" in sheet.text   # the HTML sheet's own rules, written once
    assert client.get("/static/favicon.svg").headers["content-type"] == "image/svg+xml"


def test_another_host_name_is_refused(store):
    with TestClient(practice_app.create_app(None, store), base_url="http://attacker.example") as client:
        response = client.get("/")
    assert response.status_code == 400 and "only at its own address" in response.text


def test_the_start_page_without_a_selection_lists_the_topics(store):
    with TestClient(practice_app.create_app(None, store), base_url=BASE) as client:
        text = client.get("/").text
    for topic in registry.topics():
        assert f'href="/practice?topic={topic}"' in text
    assert "Nothing practised yet" in text


# ---- the preview ---------------------------------------------------------------------------

def preview(client, ref, part, text):
    page, problem_id = page_and_id(ref)
    return post(client, "/api/preview", {"page": page, "id": problem_id, "part": part, "text": text})


def test_preview_says_how_the_grader_reads_the_text(client):
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    shape = preview(client, ref, "a", "3x4").json()
    assert shape["read_as"] == "(3, 4)" and shape["message"] == "" and "<math" in shape["math"]
    matrix = preview(client, ref, "b", "1 2\n3 4").json()
    assert matrix["read_as"] == "[[1, 2], [3, 4]]" and "<mtable>" in matrix["math"]
    decimal = preview(client, ref_of(templates=["layers.depthwise-separable"]), "c", "0.125").json()
    assert decimal["read_as"] == "0.125"


def test_preview_gives_the_readers_reason_for_text_it_cannot_read(client):
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    result = preview(client, ref, "a", "three by four").json()
    assert result["read_as"] == "" and result["math"] == ""
    assert result["message"] == "could not read 'three by four' as a shape; write it like (3, 4) or 3x4."
    assert preview(client, ref, "a", "   ").json() == {"read_as": "", "math": "", "message": ""}


def test_preview_of_symbolic_answers_uses_the_parts_symbols(client):
    ref = ref_of(templates=["conv1d.entries"])
    part = next(p for p in problems.problem(ref).key["parts"] if p["type"] == "expression")
    good = preview(client, ref, part["label"], typed(part["answer"])).json()
    assert good["message"] == "" and good["read_as"] and "<msub>" in good["math"]
    bad = preview(client, ref, part["label"], "__import__('os')").json()
    assert bad["read_as"] == "" and "could not read" in bad["message"]


# ---- the check ------------------------------------------------------------------------------

def check(client, ref, given):
    page, problem_id = page_and_id(ref)
    return post(client, "/api/check", {"page": page, "id": problem_id, "answers": given})


@pytest.mark.parametrize("kind", [k.id for k in registry.latest_kinds()])
def test_key_answers_check_correct_in_every_kind(client, kind):
    ref = ref_of(templates=[kind], seed=5)
    result = check(client, ref, key_answers(ref)).json()
    assert [p["status"] for p in result["parts"]] == ["correct"] * len(result["parts"])
    assert result["score"] == result["max_score"] > 0
    for part, key_part in zip(result["parts"], problems.problem(ref).key["parts"]):
        assert part["expected"] == answers.expected_shown(key_part, None, solution_shown=True)


def test_a_wrong_answer_shows_no_expected_answer_and_partial_credit_is_named(client):
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    given = key_answers(ref)
    rows = problems.problem(ref).key["parts"][1]["answer"]
    wrong = [list(row) for row in rows]
    wrong[0][0] = wrong[0][0] + 1
    given["b"] = typed(wrong)
    given["a"] = "(1, 1)"
    result = check(client, ref, given).json()
    a, b = result["parts"]
    assert (a["status"], a["score"], a["expected"]) == ("not correct", 0, None)
    assert b["status"] == "partly correct" and 0 < b["score"] < b["max_score"] and b["expected"] is None
    assert "wrong entry (row, column, counting from 0): (0, 0)" in b["feedback"]
    assert str(rows) not in json.dumps(result) and typed(rows) not in json.dumps(result)


def test_an_answer_matching_a_misconception_gets_its_feedback(client):
    ref = ref_of(templates=["conv2d.output-size"], seed=2)
    part = next(p for p in problems.problem(ref).key["parts"] if p.get("misconceptions"))
    mistake = part["misconceptions"][0]
    result = check(client, ref, {part["label"]: typed(mistake["answer"])}).json()
    checked = next(p for p in result["parts"] if p["label"] == part["label"])
    assert checked["status"] == "not correct" and mistake["feedback"] in checked["feedback"]


def test_checks_are_kept_and_summed_up_on_the_start_page(client, store):
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    check(client, ref, {"a": "(1, 1)"})
    check(client, ref, key_answers(ref))
    check(client, ref_of(templates=["conv2d.output-size"]), {})
    (pooling,) = [t for t in store.summary() if t.topic == "pooling"]
    (kind,) = pooling.kinds
    assert (kind.kind, kind.problems, kind.solved, kind.checks, kind.best_share) == (MAX_VALUES, 1, 1, 2, 1.0)
    page = client.get("/").text
    assert re.search(r'<a href="/practice\?template=pooling.max-values">max-values</a></th><td>1</td><td>1</td><td>2</td>'
                     r'<td>100 %</td>', page)
    assert re.search(r'<a href="/practice\?topic=conv2d">conv2d</a></th><td>1</td><td>0</td><td>1</td><td>0 %</td>', page)


# ---- the solution ---------------------------------------------------------------------------

def test_show_solution_gives_the_worked_solution_and_every_answer(client):
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    page, problem_id = page_and_id(ref)
    for _ in range(2):      # after any number of checks
        check(client, ref, {"a": "(1, 1)"})
        data = post(client, "/api/solution", {"page": page, "id": problem_id}).json()
        assert data["html"] == ws.solution(problems.problem(ref).instance, "html")
        assert [a["label"] for a in data["answers"]] == ["a", "b"]
        assert data["answers"][0]["expected"] == "(2, 2)" and "<math" in data["answers"][0]["shown"]


# ---- bad requests ---------------------------------------------------------------------------

def test_requests_about_another_problem_than_their_page_names_are_refused(client, run_probgen, tmp_path):
    """An exported (staff) sheet's problem is never graded or shown: the page only knows the
    problems it samples itself, and a request naming another id is stale."""
    (tmp_path / "roster.csv").write_text("id,name\ns1,Ann\n")
    done = run_probgen("export", "--template", MAX_VALUES, "--n", "1", "--roster", "roster.csv", "--seed", "3",
                       "--format", "md", "--out", "staff")
    assert done.returncode == 0, done.stderr
    exported = json.loads((tmp_path / "staff" / "answer-key.json").read_text())["problems"][0]["id"]
    page = ref_of(templates=[MAX_VALUES], seed=3).query()
    for path, extra in (("/api/check", {"answers": {"a": "(3, 4)"}}), ("/api/solution", {}),
                        ("/api/preview", {"part": "a", "text": "1"})):
        message = assert_sentence(post(client, path, {"page": page, "id": exported, **extra}), 409)
        assert "reload the page" in message


@pytest.mark.parametrize("path", ["/api/preview", "/api/check", "/api/solution"])
def test_malformed_requests_get_a_4xx_and_a_sentence(client, path):
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    page, problem_id = page_and_id(ref)
    good = {"page": page, "id": problem_id, "part": "a", "text": "1", "answers": {"a": "1"}}
    headers = {"Content-Type": "application/json"}
    assert "not JSON this page can read" in assert_sentence(client.post(path, content=b"{'page':", headers=headers), 400)
    assert "not JSON this page can read" in assert_sentence(client.post(path, content=b"\xff\xfe{}", headers=headers), 400)
    assert "not JSON this page can read" in assert_sentence(client.post(path, content=b"[" * 100_000, headers=headers), 400)
    assert "JSON object" in assert_sentence(post(client, path, ["page"]), 400)
    assert "Content-Type: application/json" in assert_sentence(
        client.post(path, content=json.dumps(good), headers={"Content-Type": "text/plain"}), 415)
    assert "needs 'page'" in assert_sentence(post(client, path, {**good, "page": 7}), 400)
    assert "needs 'id'" in assert_sentence(post(client, path, {k: v for k, v in good.items() if k != "id"}), 400)
    assert "problem kind 'nope.nope'" in assert_sentence(post(client, path, {**good, "page": "template=nope.nope&seed=1"}), 404)
    assert "names no topic" in assert_sentence(post(client, path, {**good, "page": "seed=1"}), 400)


def test_bad_parts_and_answers_are_named(client):
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    page, problem_id = page_and_id(ref)
    base = {"page": page, "id": problem_id}
    assert "has no part 'z'" in assert_sentence(post(client, "/api/preview", {**base, "part": "z", "text": "1"}), 400)
    assert "needs 'text'" in assert_sentence(post(client, "/api/preview", {**base, "part": "a", "text": [1]}), 400)
    assert "has no part 'z'" in assert_sentence(post(client, "/api/check", {**base, "answers": {"z": "1"}}), 400)
    assert "part (a) must be text" in assert_sentence(post(client, "/api/check", {**base, "answers": {"a": 3}}), 400)
    assert "needs 'answers'" in assert_sentence(post(client, "/api/check", {**base, "answers": "3"}), 400)


def test_bodies_over_the_cap_are_refused_before_they_are_read(client):
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    page, problem_id = page_and_id(ref)
    huge = json.dumps({"page": page, "id": problem_id, "answers": {"a": "1" * (practice_app.MAX_BODY + 1)}})
    message = assert_sentence(client.post("/api/check", content=huge, headers={"Content-Type": "application/json"}), 413)
    assert f"{practice_app.MAX_BODY:,} bytes" in message

    def chunks():                # no Content-Length: the cap holds while the body streams in
        yield b'{"page": "'
        for _ in range(practice_app.MAX_BODY // 65536 + 2):
            yield b"x" * 65536
    streamed = client.post("/api/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert_sentence(streamed, 413)


def test_the_cap_leaves_the_grader_its_own_limits():
    """Every part of the largest problem, each answer at the grader's longest, fits: answers
    longer than that are refused by the grader in its own words, not by the page."""
    from probgen.generator.instances import sample

    most_parts = max(len(sample(kind, 1).parts) for kind in registry.all_kinds())
    assert most_parts <= practice_app.MAX_PARTS
    assert practice_app.MAX_BODY >= practice_app.MAX_PARTS * practice_app.LONGEST_ANSWER * 6


def test_a_bug_is_reported_in_a_sentence_without_a_traceback(store, monkeypatch):
    def broken(ref):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(problems, "problem", broken)
    with TestClient(practice_app.create_app(None, store), base_url=BASE, raise_server_exceptions=False) as client:
        response = client.get("/practice?topic=pooling&seed=1")
        api = post(client, "/api/solution", {"page": "topic=pooling&seed=1", "id": "x"})
    assert response.status_code == 500 and "went wrong on our side (ZeroDivisionError)" in response.text
    assert "Traceback" not in response.text and "content-security-policy" in response.headers
    assert api.status_code == 500 and api.json()["error"].startswith("Something went wrong on our side")


def test_a_page_address_round_trips():
    ref = ref_of(topics=["pooling", "conv2d@1"], templates=["conv1d.entries"], seed=12, position=4, difficulty="hard")
    from starlette.datastructures import QueryParams

    assert problems.parse(QueryParams(ref.query())) == ref
    assert ref.query() == "topic=pooling@2&topic=conv2d@1&template=conv1d.entries&seed=12&difficulty=hard&n=4"


def test_expected_follows_the_keys_show_expected():
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    part = dict(problems.problem(ref).key["parts"][0])
    assert answers.expected_shown(part, None, solution_shown=True) == "(2, 2)"
    assert answers.expected_shown(part, None, solution_shown=False) is None
    assert answers.expected_shown({**part, "show_expected": False}, None, solution_shown=True) is None


def test_key_entries_are_the_keyfiles_own():
    ref = ref_of(templates=[MAX_VALUES], seed=3)
    found = problems.problem(ref)
    assert found.key == json.loads(json.dumps(keyfile.key_problem(found.instance)))
