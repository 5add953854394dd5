"""PDF from the LaTeX sheets with LuaLaTeX from TeX Live, so every name a roster holds prints.

LuaLaTeX reads the sheet as Unicode and sets what Latin Modern lacks in Noto fonts (Greek,
Cyrillic, CJK, Arabic and Hebrew right to left, Devanagari, emoji; see the sheet layout), which
pdflatex cannot. A sheet needs one pass (it has no cross-references). The engine runs in a
temporary folder, so a sheet leaves no auxiliary files behind; when it fails its log is kept next
to the destination and the error names the first LaTeX error.
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

from .atomic import copy_file

__all__ = ["PdfError", "CompileError", "compile_pdf", "find_engine", "page_count", "timeout_for", "DEBIAN_PACKAGES", "NO_ENGINE"]

#: What a Debian or Ubuntu machine needs for the sheets: LuaLaTeX, the LaTeX packages the
#: layout uses, Latin Modern as OpenType, and the Noto fonts names in other scripts print in.
DEBIAN_PACKAGES = ("texlive-luatex", "texlive-latex-recommended", "texlive-pictures", "fonts-lmodern",
                   "fonts-noto-core", "fonts-noto-cjk", "fonts-noto-color-emoji")
NO_ENGINE = ("no TeX engine found: PDF sheets need LuaLaTeX; install Debian's "
             + ", ".join(DEBIAN_PACKAGES[:-1]) + " and " + DEBIAN_PACKAGES[-1]
             + " (apt-get install " + " ".join(DEBIAN_PACKAGES) + ")")
#: Seconds a sheet may take: a base for starting the engine and loading fonts, plus time per
#: kilobyte of LaTeX source. A 1000-problem sheet (2.5-5 MB) took 5-8 minutes on a loaded
#: two-core machine (0.06-0.16 s/KB); 0.6 s/KB leaves about four times that, while a run that
#: loops forever on an ordinary sheet is still stopped within a few minutes.
BASE_TIMEOUT = 120.0
TIMEOUT_PER_KB = 0.6
_JOB = "sheet"


class PdfError(Exception):
    """A PDF could not be made; the message is one sentence for a person."""


class CompileError(PdfError):
    """The engine ran but did not make this PDF (a LaTeX error, a character no font has, a
    timeout): other sheets may still compile. ``reason`` is the clause that says why and
    ``log`` the engine's log kept beside the destination (None when it wrote none)."""

    def __init__(self, message: str, reason: str, log: Path | None) -> None:
        super().__init__(message)
        self.reason = reason
        self.log = log


def find_engine() -> tuple[str, str] | None:
    """("lualatex", path) for the engine to use, or None when it is not installed."""
    lualatex = shutil.which("lualatex")
    return ("lualatex", lualatex) if lualatex else None


def timeout_for(tex_source: str) -> float:
    """How long the engine may take on ``tex_source``: grows with the sheet's size."""
    return BASE_TIMEOUT + TIMEOUT_PER_KB * len(tex_source.encode("utf-8")) / 1000


def _commands(engine: tuple[str, str]) -> list[list[str]]:
    _, path = engine
    # --no-shell-escape: a sheet never needs to run programs, whatever texmf.cnf allows.
    return [[path, "--no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
             f"{_JOB}.tex"]]


_LOST_CHAR = re.compile(r"Missing character: There is no (.) \((U\+[0-9A-F]{4,6})\)")
_FILE_LINE = re.compile(r"^(?:\./)?([^\s:]+\.(?:tex|sty|cls|cfg|def|fd|clo)):(\d+): (.+)$")


def _first_error(log: str) -> str:
    """The first error of a TeX log, with where it happened when the log says."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        lost = _LOST_CHAR.search(line)
        if lost:
            return f"no installed font has the character {lost.group(1)} ({lost.group(2)})"
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
    the engine started, are then stopped). The engine runs in its own session, so Ctrl-C
    reaches only probgen, which then stops it too: no engine is left running."""
    proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(proc)
        return None
    except BaseException:        # Ctrl-C, or anything else that ends probgen's run
        _stop(proc)
        raise


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)      # its own session: only what it started
    except (AttributeError, ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def compile_pdf(tex_source: str, dest: Path, *, timeout: float | None = None) -> Path:
    """Compile ``tex_source`` to the PDF ``dest`` and return ``dest``.

    Raises :class:`PdfError` when no engine is installed (naming the Debian packages), when the
    engine fails or takes longer than ``timeout`` seconds (by default :func:`timeout_for` the
    source), naming the first LaTeX error and where its log was kept: ``dest`` with the suffix
    ``.log``. ``dest`` is replaced whole or not at all (a full disk leaves the earlier file).
    """
    dest = Path(dest)
    if timeout is None:
        timeout = timeout_for(tex_source)
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
                reason = f"{engine[0]} did not finish it within {timeout:g} seconds"
                raise CompileError(f"{engine[0]} did not finish {dest.name} within {timeout:g} seconds; {where}.",
                                   reason, kept)
            reason = _first_error(text)
            raise CompileError(f"{engine[0]} could not compile {dest.name}: {reason}; {where}.", reason, kept)
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            copy_file(pdf, dest)
        except OSError as exc:
            raise PdfError(f"cannot write {dest}: {exc.strerror or exc}.") from None
    return dest


def _keep_log(log: Path, copy: Path) -> Path | None:
    if not log.is_file():
        return None
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy_file(log, copy)
    except OSError:
        return None
    return copy


def page_count(pdf: bytes) -> int | None:
    """The number of pages of a PDF that a TeX engine wrote (its page tree's ``/Count``, looked up in
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
