"""probgen's speed and memory, measured: prints a table and the command behind each figure.

    python benchmarks/bench.py            # the full run (a few minutes on 2 cores)
    python benchmarks/bench.py --quick    # fewer repeats, smaller batches

Targets (issues 6 and 10): start-up ratio <= 1.5; >= 2,000 problems/s generated; >= 1,000
symbolic answers/s graded in-process, <= 0.5x a naive SymPy grader's time; a whole `probgen
grade` of a mixed batch <= 0.4x the naive grader's whole process (benchmarks/naive_grade.py);
every hostile answer < 100 ms; memory flat in the number of submissions; `probgen grade
--jobs 2` >= 1.7x faster than --jobs 1.
Nothing here is asserted by the test suite: timing belongs to this script.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BIN = Path(sys.executable).parent
PROBGEN = str(BIN / "probgen") if (BIN / "probgen").exists() else (shutil.which("probgen") or "probgen")

rows: list[tuple[str, str, str, str]] = []


def record(what: str, value: str, target: str, command: str) -> None:
    rows.append((what, value, target, command))
    print(f"  {what}: {value}   [{target}]", file=sys.stderr, flush=True)


def wall(cmd: list[str], repeats: int, cwd: Path | None = None) -> float:
    """Median wall time of a command, after one warm-up run (file cache, .pyc)."""
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cpu(cmd: list[str], repeats: int, cwd: Path | None = None) -> float:
    """Median CPU time (user + system) of a command's process tree: steadier than wall time when
    other work shares the cores."""
    import resource

    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)
    times = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def peak_rss_kb(cmd: list[str], cwd: Path | None = None) -> int:
    """Peak resident memory of a command (its own process tree's largest), via GNU time."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    if Path(gnu_time).exists():
        res = subprocess.run([gnu_time, "-f", "%M", *cmd], capture_output=True, text=True, cwd=cwd)
        return int(res.stderr.strip().splitlines()[-1])
    import resource

    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


# ---- start-up ------------------------------------------------------------------------


def bench_startup(repeats: int) -> None:
    cmd = [PROBGEN, "make", "--topic", "pooling", "--n", "10", "--seed", "1"]
    base = [sys.executable, "-c", "import numpy, jinja2, click"]
    t_cmd, t_base = wall(cmd, repeats), wall(base, repeats)
    record("start-up: make --topic pooling --n 10", f"{t_cmd * 1000:.0f} ms vs {t_base * 1000:.0f} ms bare imports = "
           f"ratio {t_cmd / t_base:.2f}", "ratio <= 1.5",
           f"median of {repeats}: `probgen make --topic pooling --n 10 --seed 1` / `python -c \"import numpy, jinja2, click\"`")


# ---- generation ----------------------------------------------------------------------


def bench_generation(repeats: int, small: int, large: int) -> None:
    from probgen.generator import registry

    for topic in registry.topics():
        cmd = [PROBGEN, "make", "--topic", topic, "--seed", "1", "--n"]
        t_small, t_large = wall(cmd + [str(small)], repeats), wall(cmd + [str(large)], repeats)
        rate = (large - small) / max(t_large - t_small, 1e-9)
        record(f"generation: {topic}", f"{rate:,.0f} problems/s", ">= 2,000/s",
               f"(n={large} - n={small}) / (t({large}) - t({small})), median of {repeats}: "
               f"`probgen make --topic {topic} --seed 1 --n N`")


# ---- grading -------------------------------------------------------------------------


def _answer_batches(per_kind: int):
    """Numeric and symbolic key parts with the answers to grade: right ones and wrong ones."""
    from probgen.generator import instances, keyfile, registry

    numeric, symbolic = [], []
    for kind in registry.latest_kinds():
        for seed in range(per_kind):
            problem = keyfile.key_problem(instances.sample(kind, seed, "medium"))
            for part in problem["parts"]:
                wrong = [m["answer"] for m in part.get("misconceptions", [])]
                answers = [part["answer"]] + wrong[:1]
                target = symbolic if part["type"].startswith("expression") else numeric
                target.extend((part, a) for a in answers)
    return numeric, symbolic


def _naive_equal(reference: str, answer: str, names: list[str]) -> bool:
    from sympy import Symbol, simplify
    from sympy.parsing.sympy_parser import parse_expr

    local = {n: Symbol(n) for n in names}
    return simplify(parse_expr(reference, local_dict=local) - parse_expr(answer, local_dict=local)) == 0


def _naive_grade(part, answer) -> float:
    """What a first attempt would do: SymPy's parse_expr and simplify(a - b) == 0, entry by entry."""
    names = list(part.get("options", {}).get("symbols", []))
    ref = part["answer"]
    if part["type"] == "expression":
        return float(_naive_equal(str(ref), str(answer), names))
    flat_ref = _flatten(ref)
    flat_ans = _flatten(answer)
    if len(flat_ref) != len(flat_ans):
        return 0.0
    return sum(_naive_equal(str(r), str(a), names) for r, a in zip(flat_ref, flat_ans)) / len(flat_ref)


def _flatten(value):
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v)]
    return [value]


def bench_grading(per_kind: int) -> None:
    from probgen.grader.compare import grade_part

    numeric, symbolic = _answer_batches(per_kind)
    grade_part(*numeric[0]), grade_part(*symbolic[0])  # imports and caches warm
    start = time.perf_counter()
    for part, answer in numeric:
        grade_part(part, answer)
    t_num = time.perf_counter() - start
    record("grading: numeric answers", f"{len(numeric) / t_num:,.0f} answers/s ({len(numeric)} answers)", "-",
           f"grade_part over every numeric part of {per_kind} medium instances per kind, right and wrong answers")
    from probgen.grader.read.expressions import _read_text

    _read_text.cache_clear()
    start, cpu_start = time.perf_counter(), time.process_time()
    for part, answer in symbolic:
        grade_part(part, answer)
    t_sym, c_sym = time.perf_counter() - start, time.process_time() - cpu_start
    start = time.perf_counter()
    for part, answer in symbolic:
        _read_text.cache_clear()  # every text read afresh: no key or answer remembered from before
        grade_part(part, answer)
    t_cold = time.perf_counter() - start
    _naive_grade(*symbolic[0])
    start = time.perf_counter()
    for part, answer in symbolic:
        _naive_grade(part, answer)
    t_naive = time.perf_counter() - start
    n = len(symbolic)
    record("grading: symbolic answers", f"{n / t_sym:,.0f} answers/s ({n / c_sym:,.0f}/s of CPU time; "
           f"{n / t_cold:,.0f}/s reading every text afresh); naive grader {n / t_naive:,.0f}/s; "
           f"time ratio {t_sym / t_naive:.3f}", ">= 1,000/s; ratio <= 0.5",
           f"the same {n} expression answers (arrays count as one): grade_part vs parse_expr + simplify(a - b) == 0")


def _mixed_batch(folder: Path, n: int) -> tuple[Path, Path]:
    """A sheet of ``n`` problems from every topic, and one submission answering each part with
    the key's answer or, every other part, its first misconception's (answers as the key writes them)."""
    from probgen.generator import registry

    topics = [arg for topic in registry.topics() for arg in ("--topic", topic)]
    subprocess.run([PROBGEN, "make", *topics, "--n", str(n), "--seed", "3", "--out", str(folder / "sheet")],
                   check=True, capture_output=True)
    key_path = folder / "sheet" / "answer-key.json"
    key = json.loads(key_path.read_text())
    answers: dict = {}
    for i, problem in enumerate(key["problems"]):
        answers[problem["id"]] = {}
        for j, part in enumerate(problem["parts"]):
            wrong = part.get("misconceptions")
            answers[problem["id"]][part["label"]] = wrong[0]["answer"] if wrong and (i + j) % 2 else part["answer"]
    sub = folder / "submission.json"
    sub.write_text(json.dumps({"format": "probgen-submission", "version": 1, "student": "s", "answers": answers}))
    return key_path, sub


def bench_whole_grade(repeats: int, n: int = 180) -> None:
    """`probgen grade` of a mixed batch as a whole process, against the naive way as a whole process."""
    with tempfile.TemporaryDirectory() as tmp:
        key, sub = _mixed_batch(Path(tmp), n)
        ours_cmd = [PROBGEN, "grade", str(sub), "--key", str(key), "--format", "json"]
        naive_cmd = [sys.executable, str(HERE / "naive_grade.py"), str(key), str(sub)]
        ours, naive = wall(ours_cmd, repeats), wall(naive_cmd, repeats)
        ours_cpu, naive_cpu = cpu(ours_cmd, repeats), cpu(naive_cmd, repeats)
        record(f"whole `probgen grade` of a {n}-problem mixed batch", f"wall {ours:.2f} s vs naive {naive:.2f} s = "
               f"ratio {ours / naive:.2f}; CPU {ours_cpu:.2f} s vs {naive_cpu:.2f} s = ratio {ours_cpu / naive_cpu:.2f}",
               "ratio <= 0.4",
               f"median of {repeats}: `probgen grade submission.json --key answer-key.json --format json` / "
               "`python benchmarks/naive_grade.py answer-key.json submission.json` (parse_expr + simplify), "
               f"sheet `probgen make --topic <every topic> --n {n} --seed 3`")


# ---- hostile answers -----------------------------------------------------------------


def bench_hostile() -> None:
    try:
        import hostile  # benchmarks/hostile.py
    except ImportError as exc:
        record("hostile corpus: slowest answer", f"not measured ({exc})", "< 100 ms", "python benchmarks/hostile.py")
        return
    ms, name = hostile.slowest()
    record("hostile corpus: slowest answer", f"{ms:.1f} ms ({name})", "< 100 ms",
           "median of repeated grade_part calls per hostile answer: python benchmarks/hostile.py")


# ---- batches: memory and --jobs ------------------------------------------------------


def _class(folder: Path, students: int) -> tuple[Path, list[Path]]:
    """A sheet's key and ``students`` submissions with a mix of right, wrong and blank answers."""
    subprocess.run([PROBGEN, "make", "--topic", "pooling", "--topic", "conv1d", "--topic", "layers", "--n", "12",
                    "--seed", "5", "--out", str(folder / "sheet")], check=True, capture_output=True)
    key = json.loads((folder / "sheet" / "answer-key.json").read_text())
    subs = []
    for s in range(students):
        answers = {}
        for i, problem in enumerate(key["problems"]):
            answers[problem["id"]] = {}
            for part in problem["parts"]:
                pick = (s + i) % 3
                wrong = part.get("misconceptions")
                answers[problem["id"]][part["label"]] = (part["answer"] if pick == 0 or not wrong
                                                         else wrong[0]["answer"] if pick == 1 else "")
        path = folder / "subs" / f"s{s:05d}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({"format": "probgen-submission", "version": 1, "student": f"s{s}", "answers": answers}))
        subs.append(path)
    return folder / "sheet" / "answer-key.json", subs


def bench_batches(sizes: list[int], repeats: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        key, subs = _class(folder, max(sizes))
        peaks = []
        for n in sizes:
            cmd = [PROBGEN, "grade", *map(str, subs[:n]), "--key", str(key), "--format", "csv", "--out", str(folder / "g.csv")]
            peaks.append(peak_rss_kb(cmd))
        record("memory: grading N submissions", ", ".join(f"N={n}: {p / 1024:.0f} MB" for n, p in zip(sizes, peaks))
               + f"; ratio {peaks[-1] / peaks[0]:.2f}", "flat (ratio ~1)",
               "peak RSS (GNU time %M) of `probgen grade subs/*.json --key answer-key.json --format csv --out g.csv`")
        n = max(sizes)
        base = [PROBGEN, "grade", *map(str, subs[:n]), "--key", str(key), "--format", "csv", "--out", str(folder / "g.csv")]
        t1 = wall(base + ["--jobs", "1"], repeats)
        t2 = wall(base + ["--jobs", "2"], repeats)
        record(f"grade --jobs 2 vs --jobs 1 ({n} submissions)", f"{t1:.2f} s vs {t2:.2f} s = {t1 / t2:.2f}x "
               f"({n * 12 / t1:,.0f} problems/s at --jobs 1)", ">= 1.7x on 2 cores",
               f"median of {repeats}: `probgen grade subs/*.json --key answer-key.json --format csv --jobs J`")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and smaller batches")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    print(f"probgen benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}", file=sys.stderr)
    bench_startup(repeats * 2)
    bench_generation(3 if args.quick else 5, 100, 2000 if args.quick else 3000)
    bench_grading(3 if args.quick else 10)
    bench_whole_grade(3 if args.quick else 7)
    bench_hostile()
    bench_batches([100, 1000] if args.quick else [100, 500, 1000], 1 if args.quick else 3)
    width = max(len(r[0]) for r in rows)
    print(f"\n| {'measure'.ljust(width)} | result | target | command |")
    print(f"|{'-' * (width + 2)}|---|---|---|")
    for what, value, target, command in rows:
        print(f"| {what.ljust(width)} | {value} | {target} | {command} |")


if __name__ == "__main__":
    main()
