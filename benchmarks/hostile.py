"""Time the grader on every hostile answer (tests/data/hostile.json) against a real key part.

Each hostile answer is graded, for every answer type it may be submitted to, against the
key part of that type from a generated problem (``hostile_corpus.key_parts``). The time is
the median of several runs of ``grade_part``, which reads the key part's reference afresh
each time (grading imports no SymPy, so there is no cache to warm). Run it as

    python benchmarks/hostile.py [--runs N] [--all]

It prints ``answer name | type | ms`` for the slowest answers (all with ``--all``), then the
slowest and the answer that needs the most memory to grade (its peak allocation, traced), and
exits 1 if the slowest takes 100 ms or more. ``slowest()`` returns ``(ms, name)`` for
another benchmark to import. The tests do not assert these times; this script measures them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hostile_corpus  # noqa: E402

from probgen.grader.compare import grade_part  # noqa: E402

LIMIT_MS = 100.0


def measure(runs: int = 5) -> list[tuple[float, str, str, str]]:
    """(median ms, answer name, type, feedback) for every hostile case, slowest first."""
    parts = hostile_corpus.key_parts()
    for part in parts.values():  # imports and first-call costs are not the answers' doing
        grade_part(part, part["answer"])
    results = []
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)
        try:
            for name, kind, answer in hostile_corpus.cases():
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    result = grade_part(parts[kind], answer)
                    times.append((time.perf_counter() - start) * 1000)
                results.append((statistics.median(times), name, kind, result.feedback))
            if os.path.exists(hostile_corpus.CANARY):
                raise SystemExit("the canary file appeared: a hostile answer ran code")
        finally:
            os.chdir(here)
    results.sort(key=lambda r: -r[0])
    return results


def largest(cases: int | None = None) -> list[tuple[float, str, str]]:
    """(peak MB allocated while grading, answer name, type) for every hostile case, largest first:
    one more run of each under tracemalloc (the answer itself is built before tracing starts)."""
    import tracemalloc

    parts = hostile_corpus.key_parts()
    results = []
    for name, kind, answer in list(hostile_corpus.cases())[:cases]:
        tracemalloc.start()
        grade_part(parts[kind], answer)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results.append((peak / 2**20, name, kind))
    results.sort(key=lambda r: -r[0])
    return results


def slowest(runs: int = 3) -> tuple[float, str]:
    """The slowest hostile answer: (median ms, "name (type)")."""
    ms, name, kind, _ = measure(runs)[0]
    return ms, f"{name} ({kind})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per answer; the median is shown")
    parser.add_argument("--all", action="store_true", help="show every answer, not the 25 slowest")
    args = parser.parse_args(argv)
    results = measure(args.runs)
    shown = results if args.all else results[:25]
    width = max(len(name) for _, name, _, _ in shown)
    kinds = max(len(kind) for _, _, kind, _ in shown)
    print(f"{'answer name':<{width}} | {'type':<{kinds}} | {'ms':>7}")
    print(f"{'-' * width}-+-{'-' * kinds}-+-{'-' * 7}")
    for ms, name, kind, _ in shown:
        print(f"{name:<{width}} | {kind:<{kinds}} | {ms:7.2f}")
    if not args.all:
        print(f"... {len(results) - len(shown)} faster cases not shown (--all shows them)")
    total = sum(r[0] for r in results)
    ms, name, kind, _ = results[0]
    print(f"\n{len(results)} cases ({len({r[1] for r in results})} answers x their types), "
          f"median of {args.runs} runs; total {total:.0f} ms; SymPy imported: {'sympy' in sys.modules}")
    print(f"slowest: {name} ({kind}) {ms:.2f} ms (limit {LIMIT_MS:.0f} ms)")
    mb, big, big_kind = largest()[0]
    print(f"largest: {big} ({big_kind}) {mb:.1f} MB allocated at peak while graded")
    return 0 if ms < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
