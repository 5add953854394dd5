"""Peak memory and time of `probgen grade` on large hostile submissions (just under 50 MB).

Each case is a submission file written into a temporary folder, graded by the installed
command in a fresh process, with and without an answer key, with ``--jobs 1`` and
``--jobs 2``. Peak memory is the resident set size of the whole process tree (the command
and its workers, from ``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh runner process
per measurement). Run it as

    python benchmarks/grade_memory.py [--mb 48] [--case NAME ...]

It prints ``case | options | exit | seconds | peak MB | tree MB | first line of stderr``
(peak: the largest single process's RSS; tree: the command and its workers together, their
proportional set sizes summed, so pages forked workers share are counted once, sampled) and
exits 1 if any run peaks over 300 MB or takes over 60 s. The tests do not assert these numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LIMIT_MB = 300
LIMIT_S = 60
PROBLEM = "pooling.output-size@1:7"
KEY = {"format": "probgen-key", "version": 1,
       "problems": [{"id": PROBLEM, "title": "Output size",
                     "parts": [{"label": "a", "type": "matrix", "answer": [[1, 2], [3, 4]]},
                               {"label": "b", "type": "expression", "answer": "x+1"}]}]}


def _wrap(answers_json: str) -> str:
    return '{"format": "probgen-submission", "version": 1, "student": "s", "answers": ' + answers_json + "}"


def _fill(size: int, unit: str, head: str, tail: str) -> str:
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * count + tail


def cases(size: int) -> dict[str, str]:
    """Submission texts of about ``size`` bytes, by name."""
    p = json.dumps(PROBLEM)
    return {
        "numbers": _wrap(_fill(size, "1,", "{" + p + ': {"a": [', '1]}}')),
        "decimals": _wrap(_fill(size, "1.5,", "{" + p + ': {"a": [', '1]}}')),
        "texts": _wrap(_fill(size, '"1",', "{" + p + ': {"a": [', '"1"]}}')),
        "empty-lists": _wrap(_fill(size, "[],", "{" + p + ': {"a": [', '[]]}}')),
        "nested-empty-lists": _wrap(_fill(size, "[[[[[[[[[[]]]]]]]]]],", "{" + p + ': {"a": [', '[]]}}')),
        "deep": _wrap("{" + p + ': {"a": ' + "[" * 100_000 + "]" * 100_000 + "}}"),
        "ascii-string": _wrap(_fill(size, "x", "{" + p + ': {"b": "', '"}}')),
        "wide-string": _wrap(_fill(size, "x", "{" + p + ': {"b": "\U0001F600', '"}}')),
        "many-ids": _wrap(_fill(size, '"x.y@1:1": {},', "{", p + ": {}}")),
        "many-labels": _wrap(_fill(size, '"z": 1,', "{" + p + ": {", '"a": 1}}')),
        "at-the-bounds": _wrap("{" + p + ': {"a": [' + "1.5," * 490_000 + '1]}' + "".join(
            f', "pooling.output-size@1:{n}": {{"a": 4}}' for n in range(1_990)) + "}"),
        "whitespace": _wrap(_fill(size, " ", "{" + p + ': {"a": [[1, 2], [3, 4]]', "}}")),
    }


RUNNER = r"""
import os, resource, subprocess, sys, tempfile, time

def tree_rss(root):
    parents, rss = {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                parents[int(pid)] = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/smaps_rollup") as f:  # PSS: pages a fork shares are counted once
                rss[int(pid)] = next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
        except (OSError, StopIteration, ValueError, IndexError):
            pass
    total, wanted = 0, {root}
    for _ in range(4):
        wanted |= {p for p, parent in parents.items() if parent in wanted}
    return sum(rss.get(p, 0) for p in wanted) / 1024

err = tempfile.TemporaryFile()
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=err)
tree = 0.0
while child.poll() is None:
    if os.path.exists("/proc"):
        tree = max(tree, tree_rss(child.pid))
    time.sleep(0.02)
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
err.seek(0)
line = (err.read().decode("utf-8", "replace").strip().splitlines() or [""])[0][:100]
print(f"{child.returncode}\t{seconds:.2f}\t{peak_mb:.0f}\t{tree:.0f}\t{line}")
"""


def measure(command: list[str]) -> tuple[int, float, float, float, str]:
    """Exit status, seconds, peak RSS of the largest process, peak summed RSS of the process
    tree (sampled every 20 ms on Linux, 0 elsewhere), first line of stderr."""
    out = subprocess.run([sys.executable, "-c", RUNNER, *command], capture_output=True, text=True, check=True)
    code, seconds, peak, tree, line = out.stdout.rstrip("\n").split("\t", 4)
    return int(code), float(seconds), float(peak), float(tree), line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=48, help="size of each submission in MB (default 48)")
    parser.add_argument("--case", action="append", help="only these cases")
    args = parser.parse_args(argv)
    probgen = shutil.which("probgen") or str(Path(sys.executable).with_name("probgen"))
    worst = 0
    with tempfile.TemporaryDirectory() as folder:
        key = Path(folder) / "key.json"
        key.write_text(json.dumps(KEY))
        small = Path(folder) / "small.json"
        small.write_text(_wrap("{" + json.dumps(PROBLEM) + ': {"a": [[1, 2], [3, 4]], "b": "x+1"}}'))
        print(f"{'case':<20} {'options':<20} exit  seconds  peak MB  tree MB  stderr")
        for name, text in cases(int(args.mb * 1_000_000)).items():
            if args.case and name not in args.case:
                continue
            path = Path(folder) / f"{name}.json"
            path.write_text(text, encoding="utf-8")
            for label, extra in (("--key", ["--key", str(key)]), ("no key", []),
                                 ("--key -j2, 3 files", ["--key", str(key), "--jobs", "2", str(path), str(path),
                                                          str(small)])):
                code, seconds, peak, tree, line = measure([probgen, "grade", str(path), *extra, "--format", "csv"])
                worst = max(worst, int(max(peak, tree) > LIMIT_MB or seconds > LIMIT_S))
                print(f"{name:<20} {label:<20} {code:>4}  {seconds:>7.2f}  {peak:>7.0f}  {tree:>7.0f}  {line}",
                      flush=True)
            path.unlink()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"limits: {LIMIT_MB} MB peak, {LIMIT_S} s; {'EXCEEDED' if worst else 'all within'} "
          f"(load average {load}: other work on the cores stretches the seconds, not the memory)")
    return worst


if __name__ == "__main__":
    sys.exit(main())
