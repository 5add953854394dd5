"""Issue 11, the grade side: each red-team finding against `probgen grade` replayed.

Hand-written keys and submissions (the grader never makes problems); the command line is run
through its entry point where the finding is about what a user sees.
"""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from probgen.grader import batch, files
from probgen.grader.csvsafe import csv_cell, terminal_text
from probgen.grader.errors import GradeInputError
from probgen.grader.output import MAX_COLUMNS, as_csv, summary_csv
from probgen.grader.report import grade_submission, lookup_in_key
from probgen.grader.tally import tally

from conftest import probgen_command

PROBLEM = {"id": "pooling.output-size@1:7", "title": "Output size",
           "parts": [{"label": "a", "type": "integer", "answer": 4, "points": 2}]}
KEY = {"format": "probgen-key", "version": 1, "problems": [PROBLEM]}


def submission(student, answers=None, **extra):
    return {"format": "probgen-submission", "version": 1, "student": student,
            "answers": answers if answers is not None else {PROBLEM["id"]: {"a": 4}}, **extra}


def write(path, data):
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def report_of(student, source="s.json"):
    return grade_submission(submission(student), lookup_in_key(KEY), source, KEY["problems"])


# ---- spreadsheet formula injection ------------------------------------------------------

CELLS = json.loads((Path(__file__).parent / "data" / "hostile_cells.json").read_text())
HIDDEN = CELLS["invisible_prefixes"]
FORMULAS = CELLS["formulas"]


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_injection_behind_control_characters_is_quoted(hidden, formula):
    # the invisible character is gone and the formula is text ("\x1b@" is itself an escape)
    shown = formula[1:] if hidden == "\x1b" and formula.startswith("@") else "'" + formula
    assert csv_cell(hidden + formula) == shown
    assert csv_cell("  " + hidden + formula) == ("'  " + formula if shown[0] == "'" else "  " + shown)


def test_formula_injection_in_full_width_or_after_a_line_break_is_quoted():
    assert csv_cell("＝1+1") == "'＝1+1"
    assert csv_cell("\n=1+1") == "' =1+1"
    assert csv_cell("\u2028@SUM(A1)") == "' @SUM(A1)"
    for text in CELLS["full_width_or_broken"]:
        assert csv_cell(text).startswith("'"), text
    assert csv_cell("ann-marie") == "ann-marie" and csv_cell("Zoë") == "Zoë" and csv_cell("李雷") == "李雷"


@pytest.mark.parametrize("hidden", HIDDEN)
def test_formula_injection_through_student_and_file_name_in_every_grade_csv(hidden):
    """The student, the file name and the ids echoed in flags of a submission, in the gradebook
    and the summary: no cell a spreadsheet opens starts a formula."""
    evil = hidden + '=HYPERLINK("http://evil","x")'
    report = grade_submission(submission(evil, {PROBLEM["id"]: {"a": 4}, evil: {"a": 1}}),
                              lookup_in_key(KEY), evil + ".json", KEY["problems"])
    rows = csv_rows(as_csv([report, report], [PROBLEM["id"]]))
    cells = [cell for row in rows for cell in row] + [c for row in csv_rows(summary_csv(tally([report]))) for c in row]
    for cell in cells:
        assert not cell.lstrip().startswith(("=", "+", "-", "@")), cell
        assert all(ch not in cell for ch in "\x00\x01\x1b\x7f\x9b\u202e\u200b\ufeff\u2066")
    assert rows[1][0] == "'=HYPERLINK(\"http://evil\",\"x\")" and rows[1][1] == rows[1][0] + ".json"
    assert "not on key: " in rows[1][-1]


def test_terminal_controls_in_a_json_report_are_escaped():
    from probgen.grader.output import as_json

    report = report_of("ann\x9b2J\u202e\x7f", "s\x85.json")
    text = as_json([report, report])
    assert all(ch not in text for ch in "\x9b\u202e\x7f\x85")
    assert json.loads(text)["submissions"][0]["student"] == "ann\x9b2J\u202e\x7f"
    assert '"source": "s\\u0085.json"' in text


# ---- one file cannot add unbounded columns ------------------------------------------------

def test_one_file_cannot_add_columns_for_ids_that_name_no_problem():
    def unknown(problem_id):
        if problem_id == PROBLEM["id"]:
            return PROBLEM
        raise LookupError(f"{problem_id} is unknown.")

    answers = {PROBLEM["id"]: {"a": 4}, **{f"zz.nope@1:{n}": {"a": 1} for n in range(500)}}
    report = grade_submission(submission("eve", answers), unknown, "eve.json")
    header = csv_rows(as_csv([report]))[0]
    assert header == ["student", "source", PROBLEM["id"], "total", "max_score", "flags"]


def test_one_file_cannot_add_more_than_the_column_limit():
    problems = [dict(PROBLEM, id=f"pooling.output-size@1:{n}") for n in range(MAX_COLUMNS + 50)]
    answers = {p["id"]: {"a": 4} for p in problems}
    by_id = {p["id"]: p for p in problems}
    report = grade_submission(submission("eve", answers), by_id.__getitem__, "eve.json")
    rows = csv_rows(as_csv([report]))
    assert len(rows[0]) == MAX_COLUMNS + 5
    assert rows[1][-3] == str(2 * (MAX_COLUMNS + 50))  # the total still counts every problem
    assert rows[1][-1] == f"50 graded problems past the {MAX_COLUMNS:,}-column limit, counted in the total"


def test_a_flags_cell_is_cut_to_what_a_spreadsheet_holds():
    answers = {PROBLEM["id"]: {"a": 4}, **{f"x.y@1:{n}{'9' * 40}": {} for n in range(2_000)}}
    report = grade_submission(submission("eve", answers), lookup_in_key(KEY), "eve.json", KEY["problems"])
    flags = csv_rows(as_csv([report], [PROBLEM["id"]]))[1][-1]
    assert len(flags) <= 32_000 and flags.endswith("(cut short)")


# ---- memory: large and nested submissions are bounded when the file is read -------------

def big_answer_file(tmp_path, unit, size=48_000_000):
    head = '{"format": "probgen-submission", "version": 1, "answers": {"%s": {"a": [' % PROBLEM["id"]
    path = tmp_path / "big.json"
    path.write_text(head + unit * ((size - len(head)) // len(unit)) + "[]]}}}")
    assert 47_000_000 < path.stat().st_size < files.MAX_BYTES
    return path


@pytest.mark.parametrize("unit", ["1,", "1.5,", "[],", "[[[[[[[[]]]]]]]],", '"1",'])
def test_memory_a_48_mb_submission_is_refused_before_it_is_parsed(tmp_path, unit):
    path = big_answer_file(tmp_path, unit)
    with pytest.raises(GradeInputError, match=r"^\S+big\.json holds more values \(numbers, texts, lists\) "
                                              r"than a submission may: at most 500,000, far more than any sheet asks for\.$"):
        files.read_submission(path)


def test_memory_a_48_mb_submission_of_wide_text_is_refused_before_it_is_decoded(tmp_path):
    path = tmp_path / "wide.json"
    path.write_text('{"answers": {"%s": {"a": "\U0001F600%s"}}}' % (PROBLEM["id"], "x" * 48_000_000))
    with pytest.raises(GradeInputError, match=r"wide\.json is 48 MB of text with characters beyond Latin-1; "
                                              r"a submission with such characters is at most 16 MB\."):
        files.read_submission(path)


def test_memory_a_48_mb_submission_of_plain_text_is_graded(tmp_path):
    path = tmp_path / "padded.json"
    path.write_text('{"answers": {"%s": {"a": 4}}%s}' % (PROBLEM["id"], " " * 48_000_000))
    report = grade_submission(files.read_submission(path), lookup_in_key(KEY), "padded.json", KEY["problems"])
    assert report.score == 2


def test_memory_nested_empty_lists_in_one_answer_cost_that_answer(tmp_path):
    """Under the file bounds, an answer of nested empty lists is one wrong answer."""
    nested = "[" * 500 + "]" * 500
    path = write(tmp_path / "nested.json", '{"answers": {"%s": {"a": [%s]}, "%s": {"a": 4}}}'
                 % (PROBLEM["id"], ",".join([nested] * 200), "pooling.output-size@1:8"))
    key = dict(KEY, problems=[PROBLEM, dict(PROBLEM, id="pooling.output-size@1:8")])
    report = grade_submission(files.read_submission(path), lookup_in_key(key), "nested.json", key["problems"])
    assert [p.score for p in report.problems] == [0, 2]


def test_memory_too_deep_nesting_refuses_the_file(tmp_path):
    path = write(tmp_path / "deep.json", '{"answers": {"%s": {"a": %s}}}' % (PROBLEM["id"], "[" * 100_000 + "]" * 100_000))
    with pytest.raises(GradeInputError, match=r"deep\.json is nested too deeply to read\."):
        files.read_submission(path)


def test_bounds_a_submission_answers_at_most_2000_problems(tmp_path):
    answers = {f"pooling.output-size@1:{n}": {"a": 4} for n in range(files.MAX_PROBLEMS + 1)}
    path = write(tmp_path / "many.json", submission("eve", answers))
    with pytest.raises(GradeInputError, match=r"many\.json answers 2,001 problems; a submission answers at most 2,000\."):
        files.read_submission(path)
    answers.popitem()
    write(path, submission("eve", answers))
    assert len(files.read_submission(path)["answers"]) == files.MAX_PROBLEMS


# ---- bounds without a key -------------------------------------------------------------------

class CountingLookup:
    def __init__(self):
        self.calls = []

    def __call__(self, problem_id):
        self.calls.append(problem_id)
        if problem_id.startswith("zz"):
            raise LookupError(f"there is no topic in {problem_id}.")
        return dict(PROBLEM, id=problem_id)


def test_bounds_problems_found_by_id_without_a_key_are_capped_per_run(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "MAX_REBUILT", 5)
    paths = [write(tmp_path / f"s{n}.json", submission(f"s{n}", {f"pooling.output-size@1:{n * 3 + i}": {"a": 4}
                                                                 for i in range(3)})) for n in range(3)]
    lookup = CountingLookup()
    outcomes = list(batch.grade_files(paths, None, None, 1, lookup))
    assert len(lookup.calls) == 5
    assert [p.score for o in outcomes for p in o.problems] == [2, 2, 2, 2, 2, 0, 0, 0, 0]
    assert outcomes[2].problems[0].message == (
        "'pooling.output-size@1:6' was not graded: this run has already found 5 problems from their ids; "
        "grade with --key to grade more.")
    # the budget is the run's, whatever --jobs: the workers share one count
    outcomes = list(batch.grade_files(paths, None, None, 2, lookup))
    assert sorted(p.score for o in outcomes for p in o.problems) == [0, 0, 0, 0, 2, 2, 2, 2, 2]


def test_bounds_a_class_answering_one_sheet_finds_each_problem_once(tmp_path):
    answers = {f"pooling.output-size@1:{i}": {"a": 4} for i in range(4)}
    paths = [write(tmp_path / f"s{n}.json", submission(f"s{n}", answers)) for n in range(30)]
    lookup = CountingLookup()
    outcomes = list(batch.grade_files(paths, None, None, 1, lookup))
    assert sorted(lookup.calls) == sorted(answers) and all(o.score == 8 for o in outcomes)


def test_bounds_unknown_topic_lookups_are_not_cached_unboundedly(tmp_path):
    from probgen.generator import registry, regenerate

    found = batch.Rebuilt(CountingLookup(), limit=10_000)
    for n in range(3_000):
        with pytest.raises(LookupError):
            found(f"zz{n}.kind@1:1")
    assert len(found.found) == batch.CACHED
    for n in range(600):
        with pytest.raises(LookupError):
            regenerate.regenerate(f"zz{n}.kind@1:1")
    assert registry._topic_kinds.cache_info().currsize <= 256


def test_jobs_grade_large_files_in_the_parent_so_memory_does_not_multiply(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "LARGE_FILE", 2_000)
    small = [write(tmp_path / f"s{n}.json", submission(f"s{n}", {PROBLEM["id"]: {"a": 4}})) for n in range(4)]
    large = write(tmp_path / "large.json", json.dumps(submission("big", {PROBLEM["id"]: {"a": 4}})) + " " * 3_000)
    paths = [small[0], large, small[1], small[2], large, small[3]]
    outcomes = list(batch.grade_files(paths, None, None, 2, pid_lookup))
    graded_by = [o.problems[0].title for o in outcomes]
    me = str(os.getpid())
    assert [o.student for o in outcomes] == ["s0", "big", "s1", "s2", "big", "s3"]
    assert graded_by[0] == graded_by[1] == graded_by[4] == me
    assert me not in (graded_by[2], graded_by[3], graded_by[5])


def pid_lookup(problem_id):
    """A lookup that says which process graded (the problem's title is its process id)."""
    return dict(PROBLEM, id=problem_id, title=str(os.getpid()))


# ---- one unreadable file costs that file, not the batch ------------------------------------

@pytest.fixture
def class_folder(tmp_path):
    write(tmp_path / "key.json", KEY)
    write(tmp_path / "ann.json", submission("ann"))
    write(tmp_path / "bob.json", submission("bob", {PROBLEM["id"]: {"a": 5}}))
    return tmp_path


def grade_cli(*args, cwd, timeout=60):
    return subprocess.run(probgen_command() + ["grade", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_input_does_not_block_and_costs_only_itself(class_folder):
    os.mkfifo(class_folder / "pipe.json")
    res = grade_cli("ann.json", "pipe.json", "bob.json", "--format", "csv", cwd=class_folder, timeout=30)
    assert res.returncode == 1
    assert res.stderr == ("probgen: error: pipe.json is a pipe, not a file; save what it holds to a file "
                          "and give that.\n")
    assert [row[0] for row in csv_rows(res.stdout)] == ["student", "ann", "bob"]


def test_an_unreadable_file_costs_only_itself(class_folder, monkeypatch):
    """A directory, a file we may not read and a missing one among good files: exit 1 after
    grading the rest (through the command, and in-process for permissions, as tests may run as root)."""
    (class_folder / "folder.json").mkdir()
    res = grade_cli("ann.json", "folder.json", "missing.json", "bob.json", "--format", "csv", cwd=class_folder)
    assert res.returncode == 1
    assert res.stderr.splitlines() == ["probgen: error: folder.json is a directory, not a file.",
                                       "probgen: error: missing.json does not exist."]
    assert [row[0] for row in csv_rows(res.stdout)] == ["student", "ann", "bob"]

    real_open = os.open

    def no_permission(path, *args, **kwargs):
        if str(path).endswith("secret.json"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    write(class_folder / "secret.json", submission("cy"))
    monkeypatch.setattr(os, "open", no_permission)
    outcomes = list(batch.grade_files([class_folder / n for n in ("ann.json", "secret.json", "bob.json")],
                                      KEY, None, 1))
    assert outcomes[1] == f"{class_folder / 'secret.json'} cannot be read (permission denied)."
    assert [o.score for o in (outcomes[0], outcomes[2])] == [2, 0]


def test_file_names_echoed_in_error_lines_are_escaped(class_folder):
    evil = "e\x1b]0;owned\x07\x1b[2J\u202egnp.json"
    write(class_folder / evil, "{not json")
    res = grade_cli("ann.json", evil, cwd=class_folder)
    assert res.returncode == 1
    assert res.stderr == ("probgen: error: e\\x1b]0;owned\\x07\\x1b[2J\\u202egnp.json is not valid JSON "
                          "(line 1, column 2).\n")
    assert terminal_text("caf\udcc3.json") == "caf\\xc3.json"  # a name that is not UTF-8


# ---- grade --out -----------------------------------------------------------------------------

def test_out_is_kept_when_every_input_is_unusable(class_folder):
    (class_folder / "grades.csv").write_text("student,total\nann,2\n")
    write(class_folder / "broken.json", "{")
    res = grade_cli("broken.json", "missing.json", "--key", "key.json", "--format", "csv", "--out", "grades.csv",
                    cwd=class_folder)
    assert res.returncode == 1
    assert (class_folder / "grades.csv").read_text() == "student,total\nann,2\n"
    assert res.stderr.splitlines()[-1] == ("probgen: note: no submission could be graded, so grades.csv was left "
                                           "as it was.")
    assert sorted(p.name for p in class_folder.iterdir()) == ["ann.json", "bob.json", "broken.json", "grades.csv",
                                                              "key.json"]
    res = grade_cli("broken.json", "--format", "csv", "--out", "new.csv", cwd=class_folder)
    assert res.returncode == 1 and not (class_folder / "new.csv").exists()


@pytest.mark.parametrize("target, what", [("key.json", "the answer key key.json"),
                                          ("bob.json", "the submission bob.json"),
                                          ("sub/../bob.json", "the submission bob.json"),
                                          ("hard.csv", "the submission bob.json"),  # a hard link to it
                                          ("ann.svg", "the submission ann.summary.csv")])  # written beside
def test_out_refuses_to_overwrite_the_key_or_an_input(class_folder, target, what):
    (class_folder / "sub").mkdir()
    os.link(class_folder / "bob.json", class_folder / "hard.csv")
    (class_folder / "ann.json").rename(class_folder / "ann.summary.csv")
    before = {p.name: p.read_bytes() for p in class_folder.iterdir() if p.is_file()}
    res = grade_cli("ann.summary.csv", "bob.json", "--key", "key.json", "--format", "csv", "--out", target,
                    cwd=class_folder)
    assert res.returncode == 2
    assert res.stderr == (f"probgen: error: --out {target} would overwrite {what}; write the report to another "
                          "file. (see `probgen grade --help`)\n")
    assert {p.name: p.read_bytes() for p in class_folder.iterdir() if p.is_file()} == before


# ---- NaN or infinity in a key ------------------------------------------------------------------

@pytest.mark.parametrize("where, text", [("answer", "1e999"), ("points", "-1e400"), ("options", "1e999")])
def test_nan_or_inf_in_a_key_names_the_key_entry(class_folder, where, text):
    part = {"label": "a", "type": "number", "answer": 4, "points": 1, "options": {"rel_tol": 0.1}}
    body = json.dumps(dict(KEY, problems=[dict(PROBLEM, parts=[part])]))
    marker = {"answer": '"answer": 4', "points": '"points": 1', "options": '"rel_tol": 0.1'}[where]
    write(class_folder / "key.json", body.replace(marker, marker.rsplit(" ", 1)[0] + " " + text))
    res = grade_cli("ann.json", "--key", "key.json", cwd=class_folder)
    assert res.returncode == 1
    assert res.stderr == (f"probgen: error: part a of problem {PROBLEM['id']} in key.json holds {text}, a number too "
                          "large to grade with (it is infinite as a float).\n")


def test_nan_in_a_key_is_one_sentence(class_folder):
    write(class_folder / "key.json", json.dumps(KEY).replace('"answer": 4', '"answer": NaN'))
    res = grade_cli("ann.json", "--key", "key.json", cwd=class_folder)
    assert res.returncode == 1 and "internal error" not in res.stderr
    assert res.stderr == "probgen: error: key.json holds NaN, which is not valid JSON; write numbers as digits.\n"


# ---- Ctrl-C --------------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="signals to a process group")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_prints_one_line_and_exits_130(tmp_path, jobs):
    """Ctrl-C in a terminal reaches the command and its workers: one line, exit 130, no
    "Aborted!", no worker tracebacks, no report file."""
    problems = [{"id": f"pooling.output-size@1:{n}", "title": "", "parts": [
        {"label": "a", "type": "matrix", "answer": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]},
        {"label": "b", "type": "expression", "answer": "x**2+1"}]} for n in range(2_000)]
    write(tmp_path / "key.json", dict(KEY, problems=problems))
    answers = {p["id"]: {"a": [[1, 2, 3], [4, 5, 6], [7, 8, 0]], "b": "x^2+2"} for p in problems}
    names = [write(tmp_path / f"s{n}.json", submission(f"s{n}", answers)).name for n in range(16)]  # ~2 s each
    process = subprocess.Popen(probgen_command() + ["grade", *names, "--key", "key.json", "--jobs", jobs,
                                                         "--out", "grades.csv"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 60  # wait until grading has begun: the report's temporary file is open
    while not list(tmp_path.glob(".grades.csv.*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    assert process.poll() is None, process.communicate()
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, err, out) == (130, "probgen: interrupted.\n", "")
    assert not (tmp_path / "grades.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".grades.csv")]


# ---- one file kills a batch ---------------------------------------------------------------------

def test_one_file_kills_a_batch_no_more_a_huge_seed_costs_its_problem(class_folder):
    huge = {f"pooling.output-size@1:{'9' * 5_000}": {"a": 1}, f"pooling.output-size@{'1' * 5_000}:7": {"a": 1}}
    write(class_folder / "huge.json", submission("eve", huge))
    res = grade_cli("ann.json", "huge.json", "bob.json", "--format", "csv", cwd=class_folder)
    assert res.returncode == 0, res.stderr
    rows = csv_rows(res.stdout)
    assert [r[0] for r in rows[1:]] == ["ann", "eve", "bob"] and rows[2][-3:-1] == ["0", "0"]


def test_one_file_kills_a_batch_no_more_a_crashing_lookup_or_grader_costs_its_problem_or_file(class_folder,
                                                                                              monkeypatch):
    def crashing(problem_id):
        if problem_id.endswith(":13"):
            raise RuntimeError("sampled invalid params")
        return PROBLEM

    write(class_folder / "cy.json", submission("cy", {PROBLEM["id"]: {"a": 4}, "pooling.output-size@1:13": {"a": 4}}))
    paths = [class_folder / n for n in ("ann.json", "cy.json", "bob.json")]
    outcomes = list(batch.grade_files(paths, None, None, 1, crashing))
    assert [o.score for o in outcomes] == [2, 2, 0]
    assert outcomes[1].problems[1].message == ("'pooling.output-size@1:13' could not be made from its id (internal "
                                               "error: RuntimeError); grade it with --key, and please report it.")

    def broken_grader(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(batch.report, "grade_submission", broken_grader)
    assert list(batch.grade_files(paths[:1], KEY, None, 1)) == [
        f"{paths[0]} could not be graded (internal error: ValueError); please report it."]
