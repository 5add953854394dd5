"""The class report's speed: 200 students x 10 problems, analysed and written (target < 5 s).

    python benchmarks/class_report.py            # 200 students, 10 problems each
    python benchmarks/class_report.py --students 500

Exports a roster's sheets (10 kinds from every topic), answers them
as a class would (right, a named misconception, another wrong number, blank), grades the
class once, then times what ``probgen grade --report`` adds: gathering every graded part,
the statistics, the four CSV tables and report.html with its plots (matplotlib, imported in
the timed run). Then the whole command, grading included, for reference. The CPU time is
printed beside the wall time because other work on the cores stretches the wall time.
Nothing here is asserted by the test suite: timing belongs to this script.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
PROBGEN = str(BIN / "probgen") if (BIN / "probgen").exists() else (shutil.which("probgen") or "probgen")
KINDS = ("pooling.output-size", "pooling.max-values", "conv1d.output-length", "conv1d.numeric",
         "conv2d.output-size", "conv2d.single-channel", "layers.conv-vs-dense", "receptive-field.stack",
         "concepts.same-padding", "backprop.conv1d-numeric")


def make_class(folder: Path, students: int) -> list[Path]:
    roster = folder / "roster.csv"
    roster.write_text("id,name\n" + "".join(f"s{i:04d},Student {i}\n" for i in range(students)))
    kinds = sum((["--template", k] for k in KINDS), [])
    subprocess.run([PROBGEN, "export", *kinds, "--n", "10", "--roster", str(roster), "--seed", "2026",
                    "--out", str(folder / "course")], check=True, capture_output=True)
    key = json.loads((folder / "course" / "answer-key.json").read_text())
    problems = {p["id"]: p for p in key["problems"]}
    rng = random.Random(7)
    paths = []
    for student, ids in key["students"].items():
        ability = rng.random()
        answers = {}
        for pid in ids:
            answers[pid] = {}
            for part in problems[pid]["parts"]:
                roll = rng.random()
                wrong = part.get("misconceptions") or []
                if roll < ability:
                    answers[pid][part["label"]] = part["answer"]
                elif roll < ability + 0.15 and wrong:
                    answers[pid][part["label"]] = rng.choice(wrong)["answer"]
                elif roll < 0.95:
                    answers[pid][part["label"]] = rng.choice(["7", "12", "0", "3"])
                else:
                    answers[pid][part["label"]] = ""
        path = folder / f"{student}.json"
        path.write_text(json.dumps({"format": "probgen-submission", "version": 1, "student": student,
                                    "answers": answers}))
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_class(folder, args.students)
        key_path = folder / "course" / "answer-key.json"

        from probgen.grader import batch, files
        from probgen.grader.class_report import ClassAnalysis

        key = files.read_key(key_path)
        reports = [r for r in batch.grade_files(paths, key, key_path) if not isinstance(r, str)]
        parts = sum(len(p.parts) for r in reports for p in r.problems)

        start, cpu_start = time.perf_counter(), time.process_time()
        analysis = ClassAnalysis(key)
        for report in reports:
            analysis.add(report, files.read_submission(Path(report.source))["answers"])
        gathered = time.perf_counter()

        def open_file(path):
            return open(path, "w", encoding="utf-8", newline="")

        analysis.write(folder / "report", open_file)
        done, cpu = time.perf_counter(), time.process_time() - cpu_start
        print(f"class report, {len(reports)} students x 10 problems ({parts} graded parts): "
              f"{done - start:.2f} s wall, {cpu:.2f} s CPU (gathering {gathered - start:.2f} s; statistics, "
              f"tables, plots and page {done - gathered:.2f} s)   [target < 5 s]")

        start = time.perf_counter()
        subprocess.run([PROBGEN, "grade", *map(str, paths), "--key", str(key_path), "--format", "csv",
                        "--out", str(folder / "grades.csv"), "--report", str(folder / "report2")],
                       check=True, capture_output=True)
        print(f"whole command, grading included: `probgen grade <{len(paths)} files> --key KEY --format csv "
              f"--out grades.csv --report DIR`: {time.perf_counter() - start:.2f} s")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
