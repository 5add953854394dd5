"""The ``probgen`` command as a user runs it: the installed script, in a temporary folder."""

import json

import pytest


def fill_with_key(out, *, student="s1"):
    """A submission whose answers are the key's own reference answers."""
    key = json.loads((out / "answer-key.json").read_text())
    sub = json.loads((out / "submission.json").read_text())
    for problem in key["problems"]:
        for part in problem["parts"]:
            assert part["label"] in sub["answers"][problem["id"]]
            sub["answers"][problem["id"]][part["label"]] = part["answer"]
    sub["student"] = student
    path = out / "filled.json"
    path.write_text(json.dumps(sub))
    return path, key


def test_list_shows_topics_and_kinds(run_probgen):
    res = run_probgen("list")
    assert res.returncode == 0
    assert "pooling.output-size" in res.stdout and "pooling\n" in res.stdout
    res = run_probgen("list", "--format", "json")
    # Today's fields stay; params, parts and misconceptions come after them.
    assert {"id": "pooling.output-size", "version": 2, "topic": "pooling",
            "title": "Output size of a pooling layer"} in [{k: row[k] for k in ("id", "version", "topic", "title")}
                                                           for row in json.loads(res.stdout)]


def test_make_prints_a_markdown_sheet(run_probgen):
    res = run_probgen("make", "--topic", "pooling", "--n", "10", "--seed", "3")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("# Practice: pooling")
    assert res.stdout.count("## Problem ") == 10
    assert "## Problem 10." in res.stdout and "**(a)**" in res.stdout
    assert "base64" not in res.stdout  # a terminal gets the grids as text, not a screenful of data URI


def test_make_out_writes_four_files_and_key_answers_grade_full(run_probgen, tmp_path):
    out = tmp_path / "sheet"
    res = run_probgen("make", "--topic", "pooling", "--n", "10", "--seed", "11", "--out", out)
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["answer-key.json", "figures", "solutions.md", "submission.json",
                                                    "worksheet.md"]
    # Figures are SVG files beside the sheet, linked by relative path (not base64 in the text).
    figures = sorted((out / "figures").iterdir())
    assert figures and all(f.read_text().startswith("<svg") or f.read_text().startswith("<?xml") for f in figures)
    sheet = (out / "worksheet.md").read_text()
    assert all(f"](figures/{f.name})" in sheet for f in figures) and "base64" not in sheet
    assert "wrote" in res.stdout
    filled, key = fill_with_key(out)
    total = sum(part["points"] for p in key["problems"] for part in p["parts"])

    for extra in ([], ["--key", out / "answer-key.json"]):
        res = run_probgen("grade", filled, "--format", "json", *extra)
        assert res.returncode == 0, res.stderr
        report = json.loads(res.stdout)
        assert report["score"] == report["max_score"] == total


def test_blank_submission_grades_zero_with_exit_zero(run_probgen, tmp_path):
    out = tmp_path / "sheet"
    run_probgen("make", "--topic", "pooling", "--n", "4", "--seed", "1", "--out", out)
    res = run_probgen("grade", out / "submission.json", "--format", "json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["score"] == 0 and report["max_score"] > 0
    assert all(part["feedback"] == "No answer." for p in report["problems"] for part in p["parts"])
    table = run_probgen("grade", out / "submission.json")
    assert table.returncode == 0 and "0/" in table.stdout.replace(" ", "")


def test_same_seed_gives_identical_key(run_probgen, tmp_path):
    for name in ("one", "two"):
        assert run_probgen("make", "--topic", "pooling", "--n", "6", "--seed", "77", "--out", tmp_path / name).returncode == 0
    assert (tmp_path / "one" / "answer-key.json").read_text() == (tmp_path / "two" / "answer-key.json").read_text()
    run_probgen("make", "--topic", "pooling", "--n", "6", "--seed", "78", "--out", tmp_path / "three")
    assert (tmp_path / "three" / "answer-key.json").read_text() != (tmp_path / "one" / "answer-key.json").read_text()


def test_json_format_prints_key_with_statements(run_probgen):
    res = run_probgen("make", "--template", "pooling.output-size", "--seed", "2", "--format", "json")
    data = json.loads(res.stdout)
    assert data["format"] == "probgen-key" and data["seed"] == 2
    (problem,) = data["problems"]
    assert problem["template"] == "pooling.output-size" and "feature map" in problem["statement"]


def test_hand_given_params_are_used_and_need_the_key(run_probgen, tmp_path):
    out = tmp_path / "p"
    params = '{"size": 32, "kernel": 2, "stride": 2, "padding": 0}'
    res = run_probgen("make", "--template", "pooling.output-size", "--params", params, "--out", out)
    assert res.returncode == 0, res.stderr
    key = json.loads((out / "answer-key.json").read_text())
    (problem,) = key["problems"]
    assert problem["id"].startswith("pooling.output-size@2:p")
    assert problem["parts"][0]["answer"] == 16  # (32 - 2) / 2 + 1
    filled, _ = fill_with_key(out)
    without_key = json.loads(run_probgen("grade", filled, "--format", "json").stdout)
    assert without_key["score"] == 0 and "--key" in without_key["problems"][0]["message"]
    with_key = json.loads(run_probgen("grade", filled, "--key", out / "answer-key.json", "--format", "json").stdout)
    assert with_key["score"] == 1


@pytest.mark.parametrize("args, words", [
    (["make", "--template", "pooling.output-size", "--params", '{"size": 4, "kernel": 9, "stride": 1, "padding": 0}'], "larger than"),
    (["make", "--template", "pooling.output-size", "--params", '{"stride": 0}'], "'stride' must be at least 1"),
    (["make", "--template", "pooling.output-size", "--params", '{"strde": 2}'], "has no param 'strde'"),
    (["make", "--template", "pooling.output-size", "--params", "{nope"], "not valid JSON"),
    (["make", "--topic", "nope"], "there is no topic 'nope'"),
    (["make", "--template", "pooling.nope"], "no problem kind"),
    (["make"], "--topic"),
    (["make", "--topic", "pooling", "--params", "{}"], "exactly one --template"),
])
def test_usage_errors_are_one_sentence_exit_2(run_probgen, args, words):
    res = run_probgen(*args)
    assert res.returncode == 2
    assert words in res.stderr
    assert "Traceback" not in res.stderr and res.stderr.strip().count("\n") == 0


@pytest.mark.parametrize("content, words", [
    (None, "does not exist"),
    ("{not json", "not valid JSON"),
    ('{"format": "probgen-key", "version": 1, "problems": []}', "answer key"),
    ("[1, 2]", "JSON object"),
])
def test_unusable_submission_files_exit_1(run_probgen, tmp_path, content, words):
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content)
    res = run_probgen("grade", path)
    assert res.returncode == 1
    assert words.lower() in res.stderr.lower()
    assert "Traceback" not in res.stderr


def test_a_bad_file_in_a_batch_does_not_stop_the_rest(run_probgen, tmp_path):
    out = tmp_path / "sheet"
    run_probgen("make", "--topic", "pooling", "--n", "3", "--seed", "5", "--out", out)
    filled, _ = fill_with_key(out)
    bad = tmp_path / "broken.json"
    bad.write_text("{")
    res = run_probgen("grade", filled, bad, "--format", "csv", "--out", tmp_path / "grades.csv")
    assert res.returncode == 1
    assert "broken.json" in res.stderr
    rows = (tmp_path / "grades.csv").read_text().splitlines()
    assert len(rows) == 2 and "filled.json" in rows[1]


def test_python_dash_m_runs_the_same_command(tmp_path):
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "probgen", "list"], capture_output=True, text=True, cwd=tmp_path)
    assert res.returncode == 0 and "pooling.output-size" in res.stdout


def test_help_explains_the_commands(run_probgen):
    res = run_probgen("--help")
    assert res.returncode == 0
    for word in ("make", "grade", "list"):
        assert word in res.stdout
    assert "--params" in run_probgen("make", "--help").stdout
    assert "--key" in run_probgen("grade", "--help").stdout


TOPICS = ["backprop", "concepts", "conv1d", "conv2d", "layers", "pooling", "receptive-field", "weight-sharing"]


def test_list_shows_every_topic(run_probgen):
    kinds = json.loads(run_probgen("list", "--format", "json").stdout)
    assert sorted({k["topic"] for k in kinds}) == TOPICS
    assert len(kinds) >= 30


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_round_trips_through_the_command(run_probgen, tmp_path, topic):
    out = tmp_path / topic
    res = run_probgen("make", "--topic", topic, "--n", "10", "--seed", "21", "--difficulty", "hard", "--out", out)
    assert res.returncode == 0, res.stderr
    filled, key = fill_with_key(out)
    assert len(key["problems"]) == 10
    report = json.loads(run_probgen("grade", filled, "--format", "json").stdout)
    assert report["score"] == report["max_score"] > 0
    again = tmp_path / "again"
    run_probgen("make", "--topic", topic, "--n", "10", "--seed", "21", "--difficulty", "hard", "--out", again)
    assert (again / "answer-key.json").read_text() == (out / "answer-key.json").read_text()


def test_numeric_sheets_do_not_import_sympy(tmp_path):
    """Start-up matters for a command run twenty times an evening: SymPy only when needed."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from probgen.generator.cli import cli\n"
            "cli(['make', '--topic', 'pooling', '--topic', 'layers', '--n', '16', '--seed', '1'], standalone_mode=False)\n"
            "assert 'sympy' not in sys.modules, 'sympy was imported'\n"
            "cli(['make', '--template', 'conv1d.entries', '--seed', '1'], standalone_mode=False)\n"
            "assert 'sympy' in sys.modules\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert res.returncode == 0, res.stderr


def test_jobs_give_the_same_results_as_one_process(run_probgen, tmp_path):
    """--jobs spreads work over processes; the files written must not change by a byte."""
    one, two = tmp_path / "one", tmp_path / "two"
    for out, jobs in ((one, "1"), (two, "2")):
        res = run_probgen("make", "--topic", "pooling", "--topic", "conv1d", "--n", "120", "--seed", "9",
                          "--out", out, "--jobs", jobs)
        assert res.returncode == 0, res.stderr
    for name in ("worksheet.md", "solutions.md", "answer-key.json", "submission.json"):
        assert (one / name).read_text() == (two / name).read_text(), name
    filled, key = fill_with_key(one)
    blank = one / "submission.json"
    batch = [filled, blank, filled, blank, filled]
    outputs = {}
    for jobs in ("1", "2"):
        csv_out = tmp_path / f"grades{jobs}.csv"
        res = run_probgen("grade", *batch, "--key", one / "answer-key.json", "--format", "csv", "--out", csv_out,
                          "--jobs", jobs)
        assert res.returncode == 0, res.stderr
        table = run_probgen("grade", *batch, "--format", "table", "--jobs", jobs)
        outputs[jobs] = (csv_out.read_text(), table.stdout)
    assert outputs["1"] == outputs["2"]
    rows = outputs["2"][0].splitlines()
    total = sum(part["points"] for p in key["problems"] for part in p["parts"])
    assert [r.split(",")[-3] for r in rows[1:]] == [str(total), "0", str(total), "0", str(total)]
