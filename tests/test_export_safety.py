"""Issue 11, the make/export side: each finding of the red-team pass replayed, by name.

Names in PDFs, whole-run atomicity (kill -9, two exports, stale locks), a full disk, Markdown
escaping, file modes, the Jinja bytecode cache, Ctrl-C, and export memory.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import weakref
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from probgen.generator import atomic, export as ex, pdf, registry, render, sheets, staging
from probgen.generator.exporters import base as exporters_base
from probgen.generator.roster import Student, parse_roster
from probgen.generator.roster_formats import key_roster
from probgen.generator.secret import read_secret

from conftest import probgen_command

needs_tex = pytest.mark.skipif(pdf.find_engine() is None, reason="no TeX engine installed (CI installs TeX Live): "
                                                                  + pdf.NO_ENGINE)

NAMES = json.loads((Path(__file__).parent / "data" / "hostile-names.json").read_text(encoding="utf-8"))
#: Names a registrar can hold: 28 of them, in the scripts of an international class.
INTERNATIONAL_ROSTER = [tuple(row) for row in NAMES["international"]]


def _roster_csv(rows) -> str:
    return "id,name\n" + "".join(f'{sid},"{name.replace(chr(34), chr(34) * 2)}"\n' for sid, name in rows)


def _run(args, cwd, timeout=1800, **kwargs):
    env = {k: v for k, v in os.environ.items() if k != "PROBGEN_DEBUG"}
    return subprocess.run(probgen_command() + [str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=timeout, **kwargs)


_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _pdf_text(path: Path) -> str | None:
    """The PDF's text as poppler extracts it (bidi marks it adds around right-to-left runs dropped,
    white space folded), or None without poppler."""
    if not shutil.which("pdftotext"):
        return None
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.translate(_BIDI_MARKS).split())


# ---- names in PDFs --------------------------------------------------------------------------


@needs_tex
def test_names_in_pdfs_every_script_of_a_28_name_roster_prints(tmp_path):
    (tmp_path / "roster.csv").write_text(_roster_csv(INTERNATIONAL_ROSTER), encoding="utf-8")
    res = _run(["export", "--template", "pooling.output-size", "--n", "1", "--roster", "roster.csv", "--seed", "5",
                "--format", "pdf,moodle", "--title", "Σ week\n\n3 — 第三周", "--out", "out"], tmp_path)
    assert res.returncode == 0, res.stderr
    key = json.loads((tmp_path / "out" / "answer-key.json").read_text(encoding="utf-8"))
    assert list(key["students"]) == [sid for sid, _ in INTERNATIONAL_ROSTER]
    assert (tmp_path / "out" / "moodle.xml").is_file()
    for sid, name in INTERNATIONAL_ROSTER:
        data = (tmp_path / "out" / sid / "worksheet.pdf").read_bytes()
        assert data.startswith(b"%PDF-") and pdf.page_count(data) == 1
        text = _pdf_text(tmp_path / "out" / sid / "worksheet.pdf")
        if text is not None:
            assert sid in text and "Σ week 3 — 第三周" in text
    if shutil.which("pdftotext"):
        for sid, name in [("gr1", "Ἀριστοτέλης Παπαδόπουλος"), ("ru1", "Иван Петров"), ("zh1", "王小明"),
                          ("ko1", "김민준"), ("fr1", "Zoë Brontë"), ("vi1", "Nguyễn Thị Minh Khai"),
                          ("hy1", "Արամ Խաչատրյան"), ("pl1", "Łukasz Żółć"), ("hi1", "अनन्या शर्मा")]:
            assert f"{name} ({sid})" in _pdf_text(tmp_path / "out" / sid / "worksheet.pdf")


@needs_tex
@pytest.mark.parametrize("title", NAMES["titles"])
def test_names_in_pdfs_hostile_titles_compile(tmp_path, title):
    res = _run(["export", "--template", "pooling.output-size", "--n", "1", "--seed", "1", "--format", "pdf",
                "--title", title, "--out", "out"], tmp_path)
    assert res.returncode == 0, res.stderr
    text = _pdf_text(tmp_path / "out" / "worksheet.pdf")
    if text is not None:
        assert "root:" not in text
        assert " ".join(title.split())[:6] in " ".join(text.split())


@needs_tex
def test_names_in_pdfs_a_student_whose_pdf_fails_is_reported_and_the_class_exported(tmp_path):
    # No font of the chain has Tibetan: that one PDF cannot be made; nothing else is lost.
    rows = [("s1", "Ann Lee"), ("s2", "Tenzin \u0f00 Dorje"), ("s3", "王小明")]
    (tmp_path / "roster.csv").write_text(_roster_csv(rows), encoding="utf-8")
    res = _run(["export", "--template", "pooling.output-size", "--n", "1", "--roster", "roster.csv",
                "--format", "md,pdf,moodle", "--out", "out"], tmp_path)
    assert res.returncode == 1
    out = tmp_path / "out"
    assert "probgen: error: student s2: worksheet.pdf was not made: no installed font has the character " \
           "\u0f00 (U+0F00); its log is out/s2/worksheet.log." in res.stderr
    assert "1 student could not be exported in full; everything else, the answer key included, was written." \
           in res.stderr
    assert "Traceback" not in res.stderr
    assert (out / "s2" / "worksheet.log").is_file() and not (out / "s2" / "worksheet.pdf").exists()
    assert (out / "s2" / "worksheet.md").is_file() and (out / "s2" / "submission.json").is_file()
    assert (out / "s1" / "worksheet.pdf").is_file() and (out / "s3" / "worksheet.pdf").is_file()
    assert list(json.loads((out / "answer-key.json").read_text(encoding="utf-8"))["students"]) == ["s1", "s2", "s3"]
    assert (out / "moodle.xml").is_file()


def test_a_missing_tex_engine_is_found_before_any_file_is_written(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from probgen.generator.cli import cli

    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(cli, ["export", "--topic", "pooling", "--seed", "1", "--out", "o"])
    assert first.exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir()}
    monkeypatch.setattr(pdf, "find_engine", lambda: None)
    res = CliRunner().invoke(cli, ["export", "--topic", "pooling", "--seed", "2", "--format", "md,pdf", "--out", "o"])
    assert res.exit_code == 1 and "no TeX engine found" in res.output
    assert {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


# ---- whole-run atomicity --------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_exports_are_not_atomic_kill_9_mid_reexport_leaves_the_previous_export(tmp_path):
    roster = "id\n" + "".join(f"s{i:03}\n" for i in range(150))
    (tmp_path / "roster.csv").write_text(roster)
    args = ["export", "--topic", "pooling", "--n", "3", "--roster", "roster.csv", "--format", "md", "--out", "week3"]
    assert _run([*args, "--seed", "1"], tmp_path).returncode == 0
    before = _snapshot(tmp_path / "week3")
    env = {k: v for k, v in os.environ.items() if k != "PROBGEN_DEBUG"}
    proc = subprocess.Popen(probgen_command() + [*args, "--seed", "2"], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    unfinished = tmp_path / "week3.unfinished-export"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(unfinished.glob("s*"))) < 20 and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the export finished before it could be stopped"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _snapshot(tmp_path / "week3") == before                        # every old file, unchanged
    assert (unfinished / "EXPORT-UNFINISHED.txt").is_file()               # and a marker that says what it is
    again = _run([*args, "--seed", "2"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"removed {unfinished}, left by an export that was stopped before it finished." in again.stdout
    assert not unfinished.exists() and not (tmp_path / ".week3.export-lock").exists()
    assert json.loads((tmp_path / "week3" / "answer-key.json").read_text())["seed"] == 2


def test_two_exports_into_one_folder_the_second_is_refused(tmp_path):
    target = tmp_path / "week3"
    with staging.staged_folder(target):
        res = _run(["export", "--topic", "pooling", "--seed", "1", "--out", "week3"], tmp_path, timeout=120)
    assert res.returncode == 1
    assert res.stderr.startswith(f"probgen: error: another export (process {os.getpid()}, started ")
    assert f"is writing {target}; wait for it to finish, then export again." in res.stderr
    assert list(target.iterdir()) == []                      # the first one finished (it wrote nothing)


def test_a_stale_lock_of_a_killed_export_is_taken_over(tmp_path):
    (tmp_path / ".out.export-lock").write_text("process 999999, started 2026-01-01 00:00:00")
    res = _run(["export", "--topic", "pooling", "--seed", "1", "--out", "out"], tmp_path, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "took over the lock of an export that was stopped before it finished." in res.stdout
    assert not (tmp_path / ".out.export-lock").exists() and (tmp_path / "out" / "answer-key.json").is_file()


def test_a_reexport_keeps_files_it_does_not_write_and_replaces_the_rest(tmp_path):
    args = ["export", "--topic", "pooling", "--format", "md", "--out", "out"]
    assert _run([*args, "--seed", "1"], tmp_path, timeout=120).returncode == 0
    (tmp_path / "out" / "grades.csv").write_text("student,score\n")
    (tmp_path / "out" / "notes").mkdir()
    (tmp_path / "out" / "notes" / "todo.txt").write_text("x")
    assert _run([*args, "--seed", "2"], tmp_path, timeout=120).returncode == 0
    assert (tmp_path / "out" / "grades.csv").read_text() == "student,score\n"
    assert (tmp_path / "out" / "notes" / "todo.txt").read_text() == "x"
    assert json.loads((tmp_path / "out" / "answer-key.json").read_text())["seed"] == 2


def test_an_export_into_a_folder_that_is_not_an_export_is_refused(tmp_path):
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.tex").write_text("mine")
    res = _run(["export", "--topic", "pooling", "--out", "home"], tmp_path, timeout=120)
    assert res.returncode == 1
    assert "home holds files but no answer-key.json, so it is not an earlier export" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_disk_full_leaves_a_truncated_worksheet_pdf_no_more(tmp_path, monkeypatch):
    dest = tmp_path / "worksheet.pdf"
    dest.write_bytes(b"%PDF-1.5 the earlier sheet")
    source = tmp_path / "new.pdf"
    source.write_bytes(b"%PDF-1.5 " + b"x" * 3_000_000)

    def fill_the_disk(src, dst, length=0):
        dst.write(src.read(1000))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.shutil, "copyfileobj", fill_the_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic.copy_file(source, dest)
    assert dest.read_bytes() == b"%PDF-1.5 the earlier sheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.pdf", "worksheet.pdf"]   # no temporary left


# ---- escaping -------------------------------------------------------------------------------

HOSTILE_NAMES = [tuple(row) for row in NAMES["markdown"]]


def test_markdown_sheets_put_roster_names_and_title_in_raw_no_more(tmp_path):
    (tmp_path / "roster.csv").write_text(_roster_csv(HOSTILE_NAMES), encoding="utf-8")
    res = _run(["export", "--template", "pooling.output-size", "--n", "1", "--roster", "roster.csv", "--format",
                "md", "--solutions", "--title", "<script>t()</script>\n\n## Title block", "--out", "out"],
               tmp_path, timeout=120)
    assert res.returncode == 0, res.stderr
    md = MarkdownIt("commonmark")
    for sid, _ in HOSTILE_NAMES:
        for stem in ("worksheet", "solutions"):
            text = (tmp_path / "out" / sid / f"{stem}.md").read_text(encoding="utf-8")
            html = md.render(text)
            assert "<script" not in html and "<img" not in html and "<div" not in html
            assert "javascript:" not in html.replace("javascript:alert(1))", "") or '<a href="javascript' not in html
            assert html.count("<h1>") == 1 and "<h1>Injected" not in html and "<h2>Title block" not in html
            tokens = md.parse(text)
            assert not any(t.type in ("html_block", "html_inline") for t in tokens)
            assert not any(c.type == "html_inline" for t in tokens for c in (t.children or []))
            assert not any(c.type == "link_open" for t in tokens for c in (t.children or []))
    first_line = (tmp_path / "out" / "x1" / "worksheet.md").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == ("# &lt;script&gt;t()&lt;/script&gt; \\#\\# Title block — "
                          "&lt;script&gt;alert(1)&lt;/script&gt; (x1)")


def test_terminal_lines_escape_names_from_a_roster(tmp_path):
    (tmp_path / "roster.csv").write_bytes(b"id,name\n\"s\x1b]0;pwned\x07\",Ann\n")
    res = _run(["export", "--topic", "pooling", "--roster", "roster.csv", "--out", "out"], tmp_path, timeout=120)
    assert res.returncode == 1
    assert "\x1b" not in res.stderr and "\x07" not in res.stderr
    assert "'s\\x1b]0;pwned\\x07'" in res.stderr and "row 2 of roster.csv" in res.stderr


def test_roster_names_with_bidi_override_are_refused_by_the_export(tmp_path):
    (tmp_path / "roster.csv").write_text("id,name\ns1,\"Ann \u202etxt.exe\"\n", encoding="utf-8")
    res = _run(["export", "--topic", "pooling", "--roster", "roster.csv", "--out", "out"], tmp_path, timeout=120)
    assert res.returncode == 1
    assert ("probgen: error: the name in row 2 of roster.csv contains U+202E (RIGHT-TO-LEFT OVERRIDE), which "
            "reorders the text after it; correct it in the roster.") in res.stderr
    assert not (tmp_path / "out").exists()


# ---- file modes, the bytecode cache, Ctrl-C ---------------------------------------------------


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_output_files_are_created_0600_whatever_the_umask_no_more(tmp_path, umask, mode):
    script = ("import os, sys; os.umask(%d); from probgen.generator.cli import main; sys.argv = ['probgen'] + "
              "sys.argv[1:]; main()" % umask)
    env = {k: v for k, v in os.environ.items() if k != "PROBGEN_DEBUG"}
    for args in (["export", "--topic", "pooling", "--format", "md,html,moodle", "--solutions", "--out", "exp"],
                 ["make", "--topic", "pooling", "--out", "made"]):
        res = subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=120)
        assert res.returncode == 0, res.stderr
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) >= 8
    secret = tmp_path / "exp" / "course-secret.txt"      # the course secret stays its owner's alone
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    files.remove(secret)
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: mode for p in files}


@needs_tex
def test_output_files_follow_the_umask_pdfs_included(tmp_path):
    previous = os.umask(0o022)
    try:
        dest = pdf.compile_pdf("\\documentclass{article}\\begin{document}x\\end{document}\n", tmp_path / "w.pdf")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o644


def test_a_writable_jinja_bytecode_cache_folder_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setenv("PROBGEN_CACHE_DIR", str(shared))
    render._bytecode_cache.cache_clear()
    try:
        assert render._bytecode_cache() is not None               # made 0700 by us: used
        folder = next(shared.iterdir())
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        folder.chmod(0o777)                                      # anyone could plant compiled code
        render._bytecode_cache.cache_clear()
        assert render._bytecode_cache() is None
        folder.chmod(0o700)
        shared.chmod(0o777)                                      # anyone could swap the folder
        render._bytecode_cache.cache_clear()
        assert render._bytecode_cache() is None
        shared.chmod(0o755)
        link_target = tmp_path / "elsewhere"
        link_target.mkdir(mode=0o700)
        shutil.rmtree(folder)
        folder.symlink_to(link_target)                           # a link is not the folder we made
        render._bytecode_cache.cache_clear()
        assert render._bytecode_cache() is None
    finally:
        render._bytecode_cache.cache_clear()


def test_ctrl_c_during_export_is_one_line_exit_130_and_nothing_half_written(tmp_path):
    roster = "id\n" + "".join(f"s{i:03}\n" for i in range(150))
    (tmp_path / "roster.csv").write_text(roster)
    args = ["export", "--topic", "pooling", "--n", "3", "--roster", "roster.csv", "--format", "md", "--out", "week3"]
    assert _run([*args, "--seed", "1"], tmp_path).returncode == 0
    before = _snapshot(tmp_path / "week3")
    env = {k: v for k, v in os.environ.items() if k != "PROBGEN_DEBUG"}
    proc = subprocess.Popen(probgen_command() + [*args, "--seed", "2"], cwd=tmp_path, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    unfinished = tmp_path / "week3.unfinished-export"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(unfinished.glob("s*"))) < 10 and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip() == "probgen: interrupted."
    assert _snapshot(tmp_path / "week3") == before
    assert not unfinished.exists() and not (tmp_path / ".week3.export-lock").exists()


def test_ctrl_c_during_make_jobs_is_one_line_without_worker_tracebacks(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PROBGEN_DEBUG"}
    proc = subprocess.Popen(probgen_command() + ["make", "--topic", "conv2d", "--n", "20000", "--jobs", "2",
                                                 "--out", "big"], cwd=tmp_path, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(6)
    os.killpg(proc.pid, signal.SIGINT)                      # as a terminal does: the whole group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["probgen: interrupted."]
    assert not (tmp_path / "big").exists()


# ---- memory ---------------------------------------------------------------------------------


def test_export_memory_grows_with_the_roster_no_more(tmp_path, monkeypatch):
    built: list[weakref.ref] = []
    real_build = sheets.build

    def build(*args, **kwargs):
        sheet = real_build(*args, **kwargs)
        built.append(weakref.ref(sheet))
        return sheet

    monkeypatch.setattr(ex.sheets, "build", build)
    kinds = [registry.find("pooling.output-size"), registry.find("conv1d.entries")]
    students = [Student(f"s{i}") for i in range(30)]
    result = ex.export(tmp_path / "out", kinds, 2, 7, ["md", "moodle"], students=students)
    gc.collect()
    assert len(built) == 30 and sum(ref() is not None for ref in built) == 0   # no sheet kept
    assert len(result.students) == 30 and not hasattr(result, "sheets")


def test_the_streamed_key_is_the_key_built_in_memory(tmp_path):
    kinds = [registry.find("pooling.output-size"), registry.find("concepts.cnn-vs-mlp")]
    students = parse_roster("id,name\ns1,Zoë\ns2,王\ns3,\n")
    result = ex.export(tmp_path / "out", kinds, 3, 11, ["md"], students=students, title="T — é",
                       topics={"pooling": 1})
    secret = read_secret(result.secret_path)
    in_memory = ex.answer_key(ex.build(kinds, 3, 11, title="T — é", students=students, secret=secret),
                              title="T — é", seed=11)
    in_memory["topics"] = {"pooling": 1}
    in_memory["roster"] = key_roster(students)
    in_memory = {k: in_memory[k] for k in ("format", "version", "show_expected", "title", "seed", "topics",
                                           "problems", "students", "roster")}
    assert result.key_path.read_text(encoding="utf-8") == sheets.json_text(in_memory, ascii_only=False)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["answer-key.json", "course-secret.txt", "s1", "s2",
                                                                    "s3"]


def test_disk_full_mid_export_leaves_the_previous_export_and_no_staging(tmp_path, monkeypatch):
    kinds = [registry.find("pooling.output-size")]
    students = [Student(f"s{i}") for i in range(6)]
    ex.export(tmp_path / "out", kinds, 1, 1, ["md"], students=students)
    before = _snapshot(tmp_path / "out")
    real_write = atomic.write_text
    calls = []

    def write_text(path, text):
        calls.append(path)
        if len(calls) == 7:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_write(path, text)

    monkeypatch.setattr(ex.sheets, "write_text", write_text)           # submissions
    monkeypatch.setattr(exporters_base, "write_text", write_text)       # sheets
    with pytest.raises(ex.ExportError, match=r"^cannot write .*: No space left on device\.$"):
        ex.export(tmp_path / "out", kinds, 1, 2, ["md"], students=students)
    assert _snapshot(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]      # no staging folder, no lock


def test_a_lock_file_planted_as_a_link_does_not_truncate_its_target(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    (tmp_path / ".out.export-lock").symlink_to(precious)
    with pytest.raises(OSError):
        with staging.staged_folder(tmp_path / "out"):
            pass
    assert precious.read_text() == "keep me"


def test_students_from_any_reader_are_cleaned_by_the_export(tmp_path):
    # A roster reader that skips the checks (another LMS's format) still cannot smuggle text in.
    kinds = [registry.find("pooling.output-size")]
    result = ex.export(tmp_path / "ok", kinds, 1, 1, ["md"], students=[Student("s1", "Ann\u200b\n\nLee")])
    assert (tmp_path / "ok" / "s1" / "worksheet.md").read_text(encoding="utf-8").splitlines()[0].endswith(
        "— Ann Lee (s1)")
    assert result.students == ("s1",)
    with pytest.raises(ex.ExportError, match=r"^the name of student s2 contains U\+202E"):
        ex.export(tmp_path / "bad", kinds, 1, 1, ["md"], students=[Student("s2", "a\u202eb")])
    with pytest.raises(ex.ExportError, match=r"^student id 's\\u202e3' contains U\+202E"):
        ex.export(tmp_path / "bad", kinds, 1, 1, ["md"], students=[Student("s\u202e3")])
    assert not (tmp_path / "bad").exists()
