"""``probgen practice`` run for real, as a user starts it: the installed command on a free port.

Used by the command's tests, the browser test, ``docs/screenshot.py`` and
``benchmarks/practice.py`` (which put this folder on ``sys.path``). Chromium for the browser
test and the screenshot is Debian's, driven through Playwright with the flags that keep it
from calling any other host.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

CHROMIUM = os.environ.get("PROBGEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run"]
START_TIMEOUT = 30


def probgen() -> str:
    """The installed console script beside this interpreter (what a user runs)."""
    script = Path(sys.executable).parent / "probgen"
    return str(script) if script.exists() else (shutil.which("probgen") or "probgen")


@dataclass
class Running:
    url: str
    process: subprocess.Popen
    started: float          # seconds from launching the command to its address line

    def stop(self, sig: int = signal.SIGINT, timeout: float = 15) -> tuple[int, str]:
        """Stop it as Ctrl-C does; its exit status and what it wrote on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.process.returncode, self.process.stderr.read() if self.process.stderr else ""


@contextmanager
def running(*args: str, db: Path) -> Iterator[Running]:
    """``probgen practice ARGS --no-browser --db DB``, stopped on leaving (Ctrl-C)."""
    env = {k: v for k, v in os.environ.items() if k != "PROBGEN_DEBUG"}
    begun = time.perf_counter()
    process = subprocess.Popen([probgen(), "practice", *args, "--no-browser", "--db", str(db)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    try:
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
        url = process.stdout.readline().strip() if ready else ""
        if not url.startswith("http://"):
            process.kill()
            raise RuntimeError(f"probgen practice did not start: {url!r} {process.stderr.read()}")
        yield Running(url, process, time.perf_counter() - begun)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def launch_chromium(playwright):
    """Debian's Chromium, headless, asked to call no other host on its own."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
