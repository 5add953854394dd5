"""PDF from a real TeX engine: every topic's LaTeX sheet compiles, failures keep their log."""

from __future__ import annotations

import shutil

import pytest

from probgen.generator import pdf, registry, worksheet

ENGINE = pdf.find_engine()
needs_tex = pytest.mark.skipif(ENGINE is None, reason="no TeX engine installed (CI installs TeX Live): "
                                                      + pdf.NO_ENGINE)


def topic_sheet(topic, difficulty, seed=11):
    kinds = registry.of_topic(topic)
    return worksheet.build(kinds, len(kinds), seed, difficulty, title=f"Topic {topic}: 100% & more_")


def check_pdf(path):
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = pdf.page_count(data)
    assert pages is not None and pages >= 1
    return pages


@needs_tex
@pytest.mark.parametrize("topic", registry.topics())
def test_every_topic_compiles_with_solutions(topic, tmp_path):
    # Hard problems carry the most markup (fractions, symbols, padding); medium ones the
    # common case. One sheet with solutions per topic, both difficulties in it.
    tex = worksheet.render_sheet(topic_sheet(topic, "hard"), "tex", solutions=True)
    medium = worksheet.render_sheet(topic_sheet(topic, "medium", seed=12), "tex", solutions=True)
    body = medium.split(r"\begin{document}", 1)[1].rsplit(r"\end{document}", 1)[0]
    tex = tex.replace(r"\end{document}", r"\clearpage" + body + r"\end{document}")
    dest = tmp_path / "out" / f"{topic}.pdf"
    assert pdf.compile_pdf(tex, dest) == dest
    check_pdf(dest)
    assert not dest.with_suffix(".log").exists()           # logs are kept only on failure
    assert sorted(p.name for p in dest.parent.iterdir()) == [f"{topic}.pdf"]


@needs_tex
def test_the_worksheet_compiles_too(tmp_path):
    kinds = registry.of_topic("pooling") + registry.of_topic("conv2d")
    sheet = worksheet.build(kinds, len(kinds), 3)
    dest = pdf.compile_pdf(worksheet.render_sheet(sheet, "tex", solutions=False), tmp_path / "worksheet.pdf")
    assert check_pdf(dest) >= 2


@needs_tex
def test_a_broken_sheet_names_the_error_and_keeps_the_log(tmp_path):
    tex = worksheet.render_sheet(topic_sheet("pooling", "easy"), "tex", solutions=False)
    broken = tex.replace(r"\begin{document}", "\\begin{document}\n\\undefinedmacro", 1)
    dest = tmp_path / "sheets" / "worksheet.pdf"
    with pytest.raises(pdf.PdfError) as info:
        pdf.compile_pdf(broken, dest)
    message = str(info.value)
    log = dest.with_suffix(".log")
    assert log.is_file() and "Undefined control sequence" in log.read_text(errors="replace")
    assert "Undefined control sequence" in message and str(log) in message
    line = broken.splitlines().index(r"\undefinedmacro") + 1
    assert f"line {line}" in message
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    assert not dest.exists()


@needs_tex
def test_a_missing_package_is_named(tmp_path):
    source = "\\documentclass{article}\n\\usepackage{no-such-package-probgen}\n\\begin{document}x\\end{document}\n"
    with pytest.raises(pdf.PdfError, match="no-such-package-probgen.sty' not found"):
        pdf.compile_pdf(source, tmp_path / "x.pdf")
    assert (tmp_path / "x.log").is_file()


@needs_tex
def test_lualatex_is_the_engine_and_runs_without_shell_escape(tmp_path):
    assert pdf.find_engine()[0] == "lualatex"
    source = ("\\documentclass{article}\n\\begin{document}"
              "\\immediate\\write18{touch pwned}Hello.\\end{document}\n")
    dest = pdf.compile_pdf(source, tmp_path / "h.pdf")
    assert check_pdf(dest) == 1
    assert not list(tmp_path.glob("**/pwned"))


def test_timeout_scales_with_the_sheet():
    small, large = "x" * 10_000, "x" * 5_000_000      # a 1000-problem sheet with solutions is ~5 MB
    assert pdf.timeout_for(small) >= 120
    assert pdf.timeout_for(large) >= 1000               # it took ~300 s on a loaded two-core machine


@needs_tex
def test_a_run_past_its_time_is_stopped(tmp_path):
    loop = "\\documentclass{article}\n\\def\\x{\\x}\n\\begin{document}\\x\\end{document}\n"
    with pytest.raises(pdf.PdfError, match="did not finish"):
        pdf.compile_pdf(loop, tmp_path / "loop.pdf", timeout=2)


def test_no_engine_names_the_debian_packages(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf.find_engine() is None
    with pytest.raises(pdf.PdfError) as info:
        pdf.compile_pdf("\\documentclass{article}\\begin{document}x\\end{document}", tmp_path / "x.pdf")
    message = str(info.value)
    assert message == pdf.NO_ENGINE
    assert message.startswith("no TeX engine found: PDF sheets need LuaLaTeX; install Debian's texlive-luatex")
    for package in ("texlive-luatex", "texlive-pictures", "fonts-noto-core", "fonts-noto-cjk", "fonts-noto-color-emoji"):
        assert package in message.split("apt-get install", 1)[1]
    assert not (tmp_path / "x.pdf").exists()


def test_page_count_reads_plain_and_compressed_page_trees():
    plain = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n%%EOF"
    assert pdf.page_count(plain) == 2
    import zlib

    packed = zlib.compress(b"<< /Count 3 /Kids [4 0 R 5 0 R 6 0 R] /Type /Pages >>")
    compressed = b"%PDF-1.5\n7 0 obj << /Type /ObjStm /Length 9 >>\nstream\n" + packed + b"\nendstream\n%%EOF"
    assert pdf.page_count(compressed) == 3
    assert pdf.page_count(b"not a pdf") is None


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_the_tex_sheet_still_compiles_with_pdflatex_for_latin_names(tmp_path):
    import subprocess

    tex = worksheet.render_sheet(topic_sheet("pooling", "easy"), "tex", solutions=True)
    assert r"\def\probgenscripts{}" in tex                    # ASCII text: no fallback font to load
    (tmp_path / "sheet.tex").write_text(tex, encoding="utf-8")
    res = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "sheet.tex"], cwd=tmp_path,
                         capture_output=True, timeout=300)
    assert res.returncode == 0, res.stdout[-2000:]
    check_pdf(tmp_path / "sheet.pdf")


def test_a_sheet_loads_only_the_fallback_fonts_of_its_scripts():
    from probgen.generator.formats.scripts import scripts_in

    assert scripts_in("plain ASCII") == []
    assert scripts_in("Zoë Иван Ἀθῆναι Nguyễn —") == ["latin"]
    assert scripts_in("王小明 김민준 たなか") == ["cjk"]
    assert scripts_in("محمد דוד अनन्या") == ["arabic", "devanagari", "hebrew"]
    assert scripts_in("Ana 👩🏽‍💻 ☀") == ["emoji"]
    assert scripts_in("ༀ") == ["all"]                           # unknown script: the whole chain
    sheet = worksheet.build(registry.of_topic("pooling"), 1, 1, "easy", title="王 — محمد")
    tex = worksheet.render_sheet(sheet, "tex", solutions=False)
    assert r"\def\probgenscripts{arabic,cjk,latin}" in tex       # the dash is Latin punctuation
