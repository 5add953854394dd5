"""Peak memory and time of ``probgen export`` as the roster grows: memory should stay flat.

Each size runs in a fresh process (``probgen export --roster`` with N students) for each set of
formats (by default Markdown alone, then Markdown with each LMS bank: Moodle, Canvas, QTI 2.1)
and reports its peak resident memory (the child's ``ru_maxrss``) and wall time. Run it as

    python benchmarks/export_memory.py [--sizes 100,400,1600] [--formats md,moodle ...] [--n 3]

It prints, per set of formats, ``students | peak MB | seconds | seconds per student``. The tests do not assert these
numbers (they check that no student's sheet is kept after it is written); this script measures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


# Every once-per-export format written from all sheets held in memory, as before they streamed.
HELD = ("import dataclasses; from probgen.generator.exporters import EXPORTERS\n"
        "for name, e in list(EXPORTERS.items()): EXPORTERS[name] = dataclasses.replace(e, stream=None)\n")


def run(size: int, formats: str, n: int, held: bool = False) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="probgen-bench-") as tmp:
        roster = Path(tmp) / "roster.csv"
        roster.write_text("id,name\n" + "".join(f"s{i:06},Student {i}\n" for i in range(size)))
        script = ((HELD if held else "")
                  + "import resource, sys; from probgen.generator.cli import main\n"
                  "sys.argv = ['probgen'] + sys.argv[1:]\n"
                  "try:\n    main()\nfinally:\n"
                  "    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
        start = time.perf_counter()
        res = subprocess.run([sys.executable, "-c", script, "export", "--topic", "pooling", "--n", str(n),
                              "--roster", str(roster), "--seed", "1", "--format", formats, "--out",
                              str(Path(tmp) / "out")], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if res.returncode != 0:
            raise SystemExit(f"export of {size} students failed: {res.stderr.strip()}")
        peak_kb = int(res.stderr.rsplit("PEAK", 1)[1].split()[0])
        return peak_kb / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,400,1600")
    parser.add_argument("--formats", nargs="+", default=["md", "md,moodle", "md,canvas", "md,qti21"],
                        help="one or more --format values, each measured on its own")
    parser.add_argument("--n", type=int, default=3)
    parser.add_argument("--held", action="store_true",
                        help="hold every sheet in memory for the banks, as before they were streamed (to compare)")
    args = parser.parse_args()
    for formats in args.formats:
        print(f"probgen export --topic pooling --n {args.n} --format {formats}" + (" (held)" if args.held else ""))
        print("students | peak MB | seconds | s/student")
        for size in (int(s) for s in args.sizes.split(",")):
            peak, seconds = run(size, formats, args.n, args.held)
            print(f"{size:8} | {peak:7.1f} | {seconds:7.1f} | {seconds / size:.4f}", flush=True)


if __name__ == "__main__":
    os.environ.pop("PROBGEN_DEBUG", None)
    main()
