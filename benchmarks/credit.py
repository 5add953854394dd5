"""What answers with no work in them, known mistakes and one wrong entry earn, per credit rule.

For every kind with array parts and many seeds (a third each easy, medium and hard), grades
against each array part: all zeros, all ones, the reference's commonest entry everywhere (the
work of one entry), each input of the problem copied where its shape matches, each named
misconception's answer, and the reference with one entry changed. Prints the mean share of the points per kind under
``per-entry`` (how keys graded before credit rules) and ``measured`` (the default now):

    python benchmarks/credit.py [--seeds N]

The tests (tests/test_credit.py) assert the bounds; this script prints the numbers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_credit import _array_kinds, _fill, _flat, _no_work_answers, _one_off, _share  # noqa: E402

from probgen.contract import ARRAY_TYPES, DIFFICULTIES, MEASURED, PER_ENTRY  # noqa: E402
from probgen.generator import keyfile  # noqa: E402
from probgen.generator.instances import sample  # noqa: E402


def shares(kind, seeds: int, rule: str) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {"zeros": [], "ones": [], "one entry everywhere": [], "copied input": [],
                                     "misconception": [], "one entry off": []}
    for seed in range(seeds):
        entry = keyfile.key_problem(sample(kind, seed, DIFFICULTIES[seed % 3]), rule)
        for part in entry["parts"]:
            if part["type"] not in ARRAY_TYPES:
                continue
            zeros, ones, *copies = _no_work_answers(part, entry["params"])  # None: the right answer
            found["zeros"] += [_share(part, zeros)] if zeros is not None else []
            found["ones"] += [_share(part, ones)] if ones is not None else []
            flat = _flat(part["answer"])
            everywhere = _fill(part["answer"], lambda _: max(flat, key=flat.count))
            if len(set(map(str, flat))) > 1:
                found["one entry everywhere"].append(_share(part, everywhere))
            found["copied input"] += [_share(part, c) for c in copies if c is not None]
            found["misconception"] += [_share(part, m["answer"]) for m in part.get("misconceptions", ())]
            off = _one_off(part) if len(_flat(part["answer"])) > 1 else None
            if off is not None:
                found["one entry off"].append(_share(part, off))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=60)
    args = parser.parse_args()
    columns = ["zeros", "ones", "one entry everywhere", "copied input", "misconception", "one entry off"]
    print(f"mean share of the points over {args.seeds} seeds, per-entry -> measured")
    print(f"{'kind':<30}" + "".join(f"{c:>22}" for c in columns))
    for kind in _array_kinds():
        before, after = shares(kind, args.seeds, PER_ENTRY), shares(kind, args.seeds, MEASURED)
        cells = [f"{round(100 * mean(before[c]))}% -> {round(100 * mean(after[c]))}%" if after[c] else "-"
                 for c in columns]
        print(f"{kind.id:<30}" + "".join(f"{c:>22}" for c in cells))


if __name__ == "__main__":
    main()
