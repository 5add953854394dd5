"""The practice page's speed, measured against ``probgen practice`` run as a user runs it.

    python benchmarks/practice.py [--repeats N]

Prints, with the issue's targets: the server's time to render a problem page (a new
problem each time: sampled, rendered, laid out), to check one submission of a numeric kind
and of a symbolic kind (graded and kept in the progress file), the round trip of one
preview as the page's script makes it (over a kept-alive connection on 127.0.0.1), and the
start-up of the command to a served page (wall time, and the CPU time it took, which is
the wall time of an idle machine). Server times are the page's own ``Server-Timing``
header; the load average is printed beside them. Exits 1 when a median misses its target.
The tests do not assert these times.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from practice_server import running  # noqa: E402

from probgen.generator.practice import problems  # noqa: E402
from probgen.grader.types.base import display_raw  # noqa: E402

NUMERIC, SYMBOLIC = "pooling.max-values", "backprop.conv1d-symbolic"
TARGETS_MS = {"render a problem page": 50, "check a numeric submission": 20, "check a symbolic submission": 50,
              "preview round trip": 20, "start-up to a served page": 1500, "start-up, CPU time": 1500}


class Client:
    """One kept-alive connection to the page, as a browser tab holds it."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[float, float, bytes]:
        """(round trip ms, server ms, body) of one request."""
        body = json.dumps(data).encode() if data is not None else None
        headers = {"Content-Type": "application/json"} if body is not None else {}
        began = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        trip = (time.perf_counter() - began) * 1000
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: {response.status} {content[:200]!r}")
        server = float(response.getheader("server-timing").partition("dur=")[2])
        return trip, server, content


def about(ref: problems.Ref) -> dict:
    return {"page": ref.query(), "id": problems.problem(ref).id}


def key_answers(ref: problems.Ref) -> dict:
    return {p["label"]: display_raw(p["answer"]) for p in problems.problem(ref).key["parts"]}


def cpu_ms(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc), in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def startup(repeats: int, folder: Path) -> tuple[list[float], list[float]]:
    """Launching the command until its first page has been served, in ms: wall-clock time,
    and the CPU time the command used for it (what wall time is on an idle machine; the
    other figure grows with whatever else the machine's cores are doing)."""
    walls, cpus = [], []
    for i in range(repeats + 1):                  # the first run fills the caches (.pyc, templates)
        began = time.perf_counter()
        with running("--template", NUMERIC, "--seed", str(i), db=folder / "start.sqlite3") as page:
            Client(page.url).request("GET", "/")
            elapsed = (time.perf_counter() - began) * 1000
            used = cpu_ms(page.process.pid) if Path("/proc/self/stat").exists() else elapsed
        if i:
            walls.append(elapsed)
            cpus.append(used)
    return walls, cpus


def measure(repeats: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        walls, cpus = startup(max(3, repeats // 10), folder)
        found["start-up to a served page"] = walls
        found["start-up, CPU time"] = cpus
        topics = [t for t in ("pooling", "conv2d", "backprop", "conv1d", "layers")]
        args = [a for t in topics for a in ("--topic", t)]
        with running(*args, "--template", SYMBOLIC, "--seed", "1", db=folder / "progress.sqlite3") as page:
            client = Client(page.url)
            start = problems.pinned(topics, [SYMBOLIC], 1)
            client.request("GET", f"/practice?{start.query()}")          # the first request warms the server
            found["render a problem page"] = [client.request("GET", f"/practice?{start.at(i).query()}")[1]
                                              for i in range(1, repeats + 1)]
            for name, kind in (("check a numeric submission", NUMERIC), ("check a symbolic submission", SYMBOLIC)):
                ref = problems.pinned([], [kind], 7)
                body = {**about(ref), "answers": key_answers(ref)}
                client.request("POST", "/api/check", body)
                found[name] = [client.request("POST", "/api/check", body)[1] for _ in range(repeats)]
            ref = problems.pinned([], [NUMERIC], 7)
            typed = ["1", "1 2", "1 2; 3", "1 2; 3 4", "[[1, 2], [3, 4]]"]
            found["preview round trip"] = [client.request("POST", "/api/preview",
                                                          {**about(ref), "part": "b", "text": typed[i % len(typed)]})[0]
                                           for i in range(repeats)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=60)
    args = parser.parse_args()
    found = measure(args.repeats)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    missed = 0
    print(f"{'what':32} {'median':>9} {'p90':>9} {'target':>9}")
    for name, times in found.items():
        median = statistics.median(times)
        p90 = sorted(times)[int(0.9 * (len(times) - 1))]
        target = TARGETS_MS[name]
        missed += median > target
        print(f"{name:32} {median:7.1f}ms {p90:7.1f}ms {'<=':>3}{target:4d}ms{'' if median <= target else '  MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
