import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def probgen_command() -> list[str]:
    """The installed console script, next to this interpreter (what a user runs)."""
    script = Path(sys.executable).parent / "probgen"
    if script.exists():
        return [str(script)]
    found = shutil.which("probgen")
    if found:
        return [found]
    pytest.fail("the probgen command is not installed; run pip install -e '.[test]' first")


@pytest.fixture
def run_probgen(tmp_path):
    """Run the installed ``probgen`` command in a temporary folder."""

    def run(*args: str, input: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "PROBGEN_DEBUG"}
        return subprocess.run(probgen_command() + [str(a) for a in args], capture_output=True, text=True,
                              input=input, cwd=cwd or tmp_path, env=env, timeout=120)

    return run


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current kinds")
