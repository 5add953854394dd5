"""The hostile corpus: nothing anyone submits crashes the grader, runs code, or costs another
answer its grade.

Every answer of tests/data/hostile.json (code injection, template and LaTeX injection,
exponent towers, 10,000-deep parentheses, 100,000-character answers, huge integers, NUL,
bidi overrides, terminal escapes, JSON oddities...) is graded against a real key part of
every answer type, in a scratch directory where a ``CANARY`` file would appear if any code
ran. Each scores zero with a message and no traceback, and the honest answers submitted
beside it still score full marks. How long each takes is measured by benchmarks/hostile.py,
not asserted here.
"""

from __future__ import annotations

import codecs
import json
import unicodedata

import pytest

import hostile_corpus
from probgen.grader import files, output
from probgen.grader.compare import grade_part
from probgen.grader.errors import GradeInputError
from probgen.grader.report import grade_submission

ENTRIES = hostile_corpus.load()
NAMES = [entry["name"] for entry in ENTRIES]
MAX_FEEDBACK = 600


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A working directory where the canary file would be created by any code that ran."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert not (tmp_path / hostile_corpus.CANARY).exists(), "a hostile answer ran code"


def garbling(text: str) -> list[str]:
    """Characters that would garble a terminal or a report: controls, bidi, NUL, surrogates."""
    return [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in "\n"]


def assert_refused(result, points, context):
    assert result.score == 0 and not result.correct, context
    assert result.max_score == points, context
    feedback = result.feedback
    assert isinstance(feedback, str) and feedback.strip() and feedback != "No answer.", context
    assert "internal error" not in feedback and "Traceback" not in feedback, (context, feedback)
    assert len(feedback) <= MAX_FEEDBACK, (context, len(feedback))
    assert not garbling(feedback), (context, feedback)
    feedback.encode("utf-8")


def test_corpus_covers_what_the_issue_lists():
    names = set(NAMES)
    for required in ("py-import-system", "py-exec-open", "jinja-globals", "template-dollar", "html-script",
                     "latex-input", "latex-write18", "py-lambda-call", "py-subclasses", "pow-tower-stars",
                     "pow-tower-carets", "paren-deep-10k", "digits-100k", "integer-10k-digits", "sci-exponent-huge",
                     "nul-bytes", "rtl-override", "ansi-clear-red", "json-nan", "json-integer-10k-digits"):
        assert required in names, required
    assert len(hostile_corpus.expand({"repeat": "(", "times": 10_000})) == 10_000
    assert any(len(e["answer"]) >= 100_000 for e in ENTRIES if isinstance(e["answer"], str))


@pytest.mark.parametrize("entry", ENTRIES, ids=NAMES)
def test_hostile_answer_scores_zero_with_a_message_for_every_type(entry, scratch):
    parts = hostile_corpus.key_parts()
    for kind in hostile_corpus.types_of(entry):
        assert_refused(grade_part(parts[kind], entry["answer"]), parts[kind]["points"], (entry["name"], kind))


def honest_submission() -> dict:
    """Every key problem answered with its key answers."""
    answers = {problem["id"]: {part["label"]: part["answer"] for part in problem["parts"]}
               for problem in hostile_corpus.key_problems().values()}
    return {"format": "probgen-submission", "version": 1, "student": "mallory", "answers": answers}


def submission_with(hostile_answer) -> tuple[dict, dict[str, str]]:
    """Every key problem answered honestly, except the one part per problem chosen for its
    type (KEY_SOURCES), which gets the hostile answer."""
    submission, hostile_labels = honest_submission(), {}
    for kind, problem in hostile_corpus.key_problems().items():
        label = hostile_corpus.KEY_SOURCES[kind][1]
        submission["answers"][problem["id"]][label] = hostile_answer
        hostile_labels[problem["id"]] = label
    return submission, hostile_labels


@pytest.mark.parametrize("entry", ENTRIES, ids=NAMES)
def test_honest_answers_beside_a_hostile_one_still_score(entry, scratch):
    submission, hostile_labels = submission_with(entry["answer"])
    report = grade_submission(submission, None, "hostile.json",
                              key_problems=list(hostile_corpus.key_problems().values()))
    assert len(report.problems) == len(hostile_labels) and report.messages == ()
    for problem in report.problems:
        assert problem.message is None
        for part in problem.parts:
            if part.label == hostile_labels[problem.id]:
                assert_refused(part, part.max_score, (entry["name"], problem.id))
            else:
                assert part.correct and part.score == part.max_score, (entry["name"], problem.id, part)
    text = json.dumps(report.to_json(), ensure_ascii=False)
    text.encode("utf-8")
    table = output.as_table([report])
    assert not garbling(table)


def test_canary_strings_are_graded_and_never_run(scratch):
    attacks = [e for e in ENTRIES if hostile_corpus.CANARY in json.dumps(e["answer"], default=repr)]
    assert len(attacks) >= 10
    submission, _ = submission_with("1")
    keys = list(hostile_corpus.key_problems().values())
    for attack in attacks:
        for problem_id in submission["answers"]:
            for label in submission["answers"][problem_id]:
                submission["answers"][problem_id][label] = attack["answer"]
        report = grade_submission(submission, None, "attack.json", key_problems=keys)
        assert report.score == 0 and report.max_score > 0
    assert not (scratch / hostile_corpus.CANARY).exists()


# ---- submission files: what JSON can hold that a string cannot ---------------------------

def submission_text(hostile_json: str) -> str:
    """A real submission file's text: honest answers, and ``hostile_json`` (raw JSON text) as the
    answer to the integer part."""
    submission = honest_submission()
    problem = hostile_corpus.key_problems()["integer"]
    submission["answers"][problem["id"]][hostile_corpus.KEY_SOURCES["integer"][1]] = "PLACEHOLDER"
    return json.dumps(submission).replace('"PLACEHOLDER"', hostile_json, 1)


def grade_file(path):
    data = files.read_submission(path)
    return grade_submission(data, None, str(path), key_problems=list(hostile_corpus.key_problems().values()))


@pytest.mark.parametrize("raw, words", [
    ("9" * 10_000, "10,000 digits"),
    ("-" + "1" * 5_000, "5,000 digits"),
    ("NaN", "not a number"),
    ("Infinity", "not a number"),
    ("-Infinity", "not a number"),
    ("1e999999", "too many digits"),
    ("0." + "3" * 5_000, "too many digits"),
    ('"\\ud800"', "could not read"),
    ("[" * 500 + "1" + "]" * 500, "expected one number"),
    ('{"__class__": "os"}', "expected a number"),
])
def test_json_oddities_cost_only_their_answer(tmp_path, raw, words):
    path = tmp_path / "submission.json"
    path.write_text(submission_text(raw), encoding="utf-8")
    report = grade_file(path)
    integer_id = hostile_corpus.key_problems()["integer"]["id"]
    for problem in report.problems:
        for part in problem.parts:
            if problem.id == integer_id:
                assert_refused(part, part.max_score, raw[:20])
                assert words in part.feedback, part.feedback
            else:
                assert part.correct, (problem.id, part)
    json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")


def test_lone_surrogates_become_replacement_characters(tmp_path):
    path = tmp_path / "submission.json"
    text = submission_text('"\\udc00"').replace('"student": "mallory"', '"student": "mal\\ud800lory"')
    path.write_text(text, encoding="utf-8")
    data = files.read_submission(path)
    assert data["student"] == "mal\ufffdlory"
    report = grade_file(path)
    output.as_table([report]).encode("utf-8")


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", b""),
])
def test_encodings_are_detected(tmp_path, encoding, bom):
    path = tmp_path / "submission.json"
    path.write_bytes(bom + submission_text("8").encode(encoding))
    report = grade_file(path)
    assert report.score == report.max_score and report.student == "mallory"


@pytest.mark.parametrize("content, words", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('[{"answers": {}}]', "it holds a list, not a JSON object"),
    ('"answers"', "it holds a string"),
    ('{"format": ["probgen-submission"], "answers": {}}', "is not a submission"),
    ('{"format": {"a": 1}, "answers": {}}', "is not a submission"),
    ('{"format": ' + "9" * 5000 + ', "answers": {}}', "<an integer of 5,000 digits>"),
    ('{"format": "' + "x" * 100_000 + '", "answers": {}}', "is not a submission"),
    ('{"format": "probgen-submission", "version": 1, "student": "' + "s" * 1000 + '", "answers": {}}',
     "a student id has at most 200"),
    ('{"format": "probgen-submission", "version": "1", "answers": {}}', "\"version\""),
    ('{"format": "probgen-submission", "version": 0, "answers": {}}', "\"version\""),
    ('{"format": "probgen-submission", "version": 1}', "has no \"answers\""),
    ('{"format": "probgen-submission", "version": 1, "answers": [["p", "1"]]}', "must be an object"),
    ('{"format": "probgen-submission", "version": 1, "answers": "p: 1"}', "must be an object"),
    ('{"format": "probgen-submission", "version": 1, "student": ["s"], "answers": {}}', "\"student\""),
    ('{"format": "probgen-submission", "version": 1, "student": {"id": 1}, "answers": {}}', "\"student\""),
    ('{"answers": {"p": 1}, }', "not valid JSON"),
    ("\u0000\u0000", "not valid JSON"),
])
def test_unusable_files_are_one_sentence(tmp_path, content, words):
    path = tmp_path / "submission.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GradeInputError) as info:
        files.read_submission(path)
    message = str(info.value)
    assert words in message and message.endswith(".") and "\n" not in message and len(message) < 300, message


def test_mistyped_answers_of_one_problem_leave_the_rest(tmp_path):
    submission = honest_submission()
    problems = hostile_corpus.key_problems()
    submission["answers"][problems["matrix"]["id"]] = [[1, 2], [3, 4]]   # a list where an object belongs
    submission["answers"][problems["choice"]["id"]] = "B"                # a bare answer
    submission["answers"][problems["shape"]["id"]]["zz"] = "(1, 2)"     # a part that does not exist
    path = tmp_path / "submission.json"
    path.write_text(json.dumps(submission), encoding="utf-8")
    report = grade_file(path)
    by_id = {p.id: p for p in report.problems}
    assert by_id[problems["matrix"]["id"]].score == 0 and by_id[problems["choice"]["id"]].score == 0
    assert any("must be an object with one answer per part" in m for m in report.messages)
    assert any("'zz': no such part" in m for m in report.messages)
    for kind in ("integer", "number", "shape", "vector", "tensor", "expression", "expression-vector",
                 "expression-matrix"):
        assert by_id[problems[kind]["id"]].correct, kind


# ---- the command line, end to end ---------------------------------------------------------

def test_batch_with_hostile_and_broken_files_end_to_end(tmp_path, run_probgen):
    problems = list(hostile_corpus.key_problems().values())
    (tmp_path / "key.json").write_text(json.dumps({"format": "probgen-key", "version": 1, "problems": problems}),
                                       encoding="utf-8")
    hostile = submission_text("9" * 10_000)
    hostile = hostile.replace('"mallory"', '"mal\\u001b[2Jlory"')
    (tmp_path / "hostile.json").write_bytes(codecs.BOM_UTF16_LE + hostile.encode("utf-16-le"))
    (tmp_path / "broken.json").write_text('{"answers": ', encoding="utf-8")
    tricky = submission_with("\u001b[31m\u202e" + "(" * 10_000)[0]
    (tmp_path / "tricky.json").write_text(json.dumps(tricky), encoding="utf-8")

    done = run_probgen("grade", "hostile.json", "broken.json", "tricky.json", "--key", "key.json",
                       "--format", "json", "--out", "report.json")
    assert done.returncode == 1, done.stderr  # a file of the batch was unusable
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert [line for line in done.stderr.splitlines() if line] == [
        "probgen: error: broken.json is not valid JSON (line 1, column 13)."]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or "tmp" in p.name]
    assert leftovers == [], leftovers  # the report was written atomically: no temporary file left behind
    reports = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["submissions"]
    assert [r["source"] for r in reports] == ["hostile.json", "tricky.json"]
    integer_id = hostile_corpus.key_problems()["integer"]["id"]
    for report in reports:
        for problem in report["problems"]:
            for part in problem["parts"]:
                if report["source"] == "hostile.json" and problem["id"] != integer_id:
                    assert part["correct"], part
                if report["source"] == "hostile.json" and problem["id"] == integer_id:
                    assert part["score"] == 0 and "10,000 digits" in part["feedback"]
                if report["source"] == "tricky.json" and part["label"] == hostile_corpus.KEY_SOURCES[
                        next(k for k, p in hostile_corpus.key_problems().items() if p["id"] == problem["id"])][1]:
                    assert part["score"] == 0 and part["feedback"]

    table = run_probgen("grade", "hostile.json", "tricky.json", "--key", "key.json")
    assert table.returncode == 0, table.stderr
    assert "\u202e" not in table.stdout and "(" * 100 not in table.stdout


# ---- nothing from a submission can reach an evaluator ---------------------------------------

def test_grader_source_calls_no_evaluator():
    """No eval/exec/compile, no SymPy string parsing (sympify, S(), parse_expr, lambdify), no
    template engine anywhere in the grader package: the whitelist parser is the only reader."""
    import ast
    from pathlib import Path

    import probgen.grader

    banned_names = {"eval", "exec", "compile", "__import__", "sympify", "parse_expr", "lambdify", "S"}
    banned_attributes = {"eval", "exec", "sympify", "parse_expr", "lambdify", "S", "simplify", "nsimplify"}
    banned_modules = {"jinja2", "pickle", "marshal", "shelve", "sympy.parsing"}
    for path in sorted(Path(probgen.grader.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name):
                    assert func.id not in banned_names, f"{path.name}:{node.lineno} calls {func.id}"
                elif isinstance(func, ast.Attribute):  # re.compile is fine, sympy.sympify is not
                    assert func.attr not in banned_attributes, f"{path.name}:{node.lineno} calls .{func.attr}"
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for module in modules:
                    assert not any(module == m or module.startswith(m + ".") for m in banned_modules), \
                        f"{path.name}:{node.lineno} imports {module}"
