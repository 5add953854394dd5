"""PDF from the LaTeX sheets with a real TeX engine (latexmk, or else pdflatex) from TeX Live.

The engine runs in a temporary folder, so a sheet leaves no auxiliary files behind; when it
fails its log is kept next to the destination and the error names the first LaTeX error.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import zlib
from pathlib import Path

__all__ = ["PdfError", "compile_pdf", "find_engine", "page_count", "DEBIAN_PACKAGES", "NO_ENGINE"]

#: What a Debian or Ubuntu machine needs for the sheets (lmodern, recommended by texlive-base,
#: gives outline fonts; without it the sheets still compile, with bitmap fonts).
DEBIAN_PACKAGES = ("texlive-latex-recommended", "texlive-pictures", "latexmk")
NO_ENGINE = ("no TeX engine found: install Debian's texlive-latex-recommended, texlive-pictures and latexmk "
             "(apt-get install " + " ".join(DEBIAN_PACKAGES) + ")")
DEFAULT_TIMEOUT = 180.0
_JOB = "sheet"


class PdfError(Exception):
    """A PDF could not be made; the message is one sentence for a person."""


def find_engine() -> tuple[str, str] | None:
    """("latexmk" | "pdflatex", path) for the engine to use, or None when neither is installed.

    latexmk drives pdflatex itself, so it is used only when pdflatex is there too.
    """
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        return None
    latexmk = shutil.which("latexmk")
    return ("latexmk", latexmk) if latexmk else ("pdflatex", pdflatex)


def _commands(engine: tuple[str, str]) -> list[list[str]]:
    name, path = engine
    tex = f"{_JOB}.tex"
    if name == "latexmk":
        return [[path, "-pdf", "-norc", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
                 "-silent", tex]]
    # Twice, as latexmk would, so that anything that needs a second pass settles.
    once = [path, "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", tex]
    return [once, once]


_FILE_LINE = re.compile(r"^(?:\./)?([^\s:]+\.(?:tex|sty|cls|cfg|def|fd|clo)):(\d+): (.+)$")


def _first_error(log: str) -> str:
    """The first error of a TeX log, with where it happened when the log says."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        fl = _FILE_LINE.match(line)
        if fl:
            name, number, message = fl.groups()
            where = f"line {number}" if name == f"{_JOB}.tex" else f"line {number} of {name}"
            return f"{message.strip().rstrip('.')} (at {where})"
        if line.startswith("!"):
            message = line.lstrip("! ").strip().rstrip(".")
            for follow in lines[i + 1:i + 12]:
                lm = re.match(r"^l\.(\d+)", follow)
                if lm:
                    return f"{message} (at line {lm.group(1)})"
            return message
    return "an error that the log does not name"


def _run(command: list[str], cwd: Path, timeout: float) -> int | None:
    """The exit status of ``command``, or None when it ran out of time (it and its children,
    the engine latexmk started, are then stopped)."""
    proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)      # its own session: only what it started
        except (AttributeError, ProcessLookupError, PermissionError):
            proc.kill()
        proc.wait()
        return None


def compile_pdf(tex_source: str, dest: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Compile ``tex_source`` to the PDF ``dest`` and return ``dest``.

    Raises :class:`PdfError` when no engine is installed (naming the Debian packages), when the
    engine fails or takes longer than ``timeout`` seconds (naming the first LaTeX error and
    where its log was kept: ``dest`` with the suffix ``.log``).
    """
    dest = Path(dest)
    engine = find_engine()
    if engine is None:
        raise PdfError(NO_ENGINE)
    log_copy = dest.with_suffix(".log")
    with tempfile.TemporaryDirectory(prefix="probgen-tex-") as tmp:
        work = Path(tmp)
        (work / f"{_JOB}.tex").write_text(tex_source, encoding="utf-8")
        failure = None
        try:
            for command in _commands(engine):
                status = _run(command, work, timeout)
                if status != 0:
                    failure = "timeout" if status is None else "error"
                    break
        except OSError as exc:
            raise PdfError(f"{engine[0]} could not be run: {exc.strerror or exc}.") from None
        pdf = work / f"{_JOB}.pdf"
        if failure is None and not pdf.is_file():
            failure = "error"
        if failure is not None:
            log = work / f"{_JOB}.log"
            kept = _keep_log(log, log_copy)
            text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
            where = f"the log is kept in {kept}" if kept else "it wrote no log"
            if failure == "timeout":
                raise PdfError(f"{engine[0]} did not finish {dest.name} within {timeout:g} seconds; {where}.")
            raise PdfError(f"{engine[0]} could not compile {dest.name}: {_first_error(text)}; {where}.")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, dest)
        except OSError as exc:
            raise PdfError(f"cannot write {dest}: {exc.strerror or exc}.") from None
    return dest


def _keep_log(log: Path, copy: Path) -> Path | None:
    if not log.is_file():
        return None
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, copy)
    except OSError:
        return None
    return copy


def page_count(pdf: bytes) -> int | None:
    """The number of pages of a PDF that pdfTeX wrote (its page tree's ``/Count``, looked up in
    compressed object streams too), or None when it cannot be found."""
    texts = [pdf]
    for m in re.finditer(rb"stream\r?\n", pdf):
        try:
            texts.append(zlib.decompressobj().decompress(pdf[m.end():m.end() + 1_000_000]))
        except zlib.error:
            continue
    counts = []
    for text in texts:
        for m in re.finditer(rb"/Type\s*/Pages\b(.*?)>>", text, re.S):
            c = re.search(rb"/Count\s+(\d+)", m.group(1))
            if c:
                counts.append(int(c.group(1)))
        for m in re.finditer(rb"/Count\s+(\d+)(?:(?!>>).)*?/Type\s*/Pages\b", text, re.S):
            counts.append(int(m.group(1)))
    return max(counts) if counts else None
