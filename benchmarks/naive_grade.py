"""The naive grader the benchmark compares ``probgen grade`` with, run as a whole process:

    python benchmarks/naive_grade.py answer-key.json submission.json

Every answer, entry by entry, is read with SymPy's ``parse_expr`` and compared with
``simplify(reference - answer) == 0``, the first thing one would write. (It evaluates student
text as code: never use it on real submissions; it exists only to be timed.)
"""

from __future__ import annotations

import json
import sys


def flatten(value):
    if isinstance(value, list):
        return [x for v in value for x in flatten(v)]
    return [value]


def main(key_path: str, submission_path: str) -> None:
    from sympy import Symbol, simplify
    from sympy.parsing.sympy_parser import parse_expr

    key = json.load(open(key_path, encoding="utf-8"))
    answers = json.load(open(submission_path, encoding="utf-8"))["answers"]
    score = total = 0.0
    for problem in key["problems"]:
        given = answers.get(problem["id"], {})
        for part in problem["parts"]:
            total += part.get("points", 1)
            answer = given.get(part["label"])
            if answer in (None, ""):
                continue
            if part["type"] in ("choice", "shape"):
                score += part.get("points", 1) * (str(answer).strip().upper() == str(part["answer"]).strip().upper()
                                                  or answer == part["answer"])
                continue
            names = {n: Symbol(n) for n in (part.get("options") or {}).get("symbols", [])}
            refs, subs = flatten(part["answer"]), flatten(answer)
            if len(refs) != len(subs):
                continue
            right = 0
            for r, a in zip(refs, subs):
                try:
                    right += simplify(parse_expr(str(r), local_dict=names) - parse_expr(str(a), local_dict=names)) == 0
                except Exception:
                    pass
            score += part.get("points", 1) * right / len(refs)
    print(json.dumps({"score": score, "max_score": total}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
