"""Build legacy fixtures: keys made by main, submissions of several kinds, main's grades."""
import json, subprocess, shutil, pathlib, copy
import os
P = os.environ.get("PROBGEN", "probgen")
root = pathlib.Path(os.environ.get("LEGACY_DIR", "."))
out = root / "fixtures"; shutil.rmtree(out, ignore_errors=True); out.mkdir()

def one_off(ans):
    """Change the first numeric entry of a nested list by +1."""
    a = copy.deepcopy(ans)
    def walk(x):
        if isinstance(x, list):
            for i, v in enumerate(x):
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    x[i] = v + 1; return True
                if isinstance(v, str) and v.lstrip('-').isdigit():
                    x[i] = str(int(v) + 1); return True
                if walk(v): return True
        return False
    return a if walk(a) else None

def subs_for(key):
    ref, mis, blank, off = {}, {}, {}, {}
    for p in key["problems"]:
        pid = p["id"]
        ref[pid] = {q["label"]: q["answer"] for q in p["parts"]}
        blank[pid] = {q["label"]: "" for q in p["parts"]}
        mis[pid] = {q["label"]: (q["misconceptions"][0]["answer"] if q.get("misconceptions") else q["answer"]) for q in p["parts"]}
        off[pid] = {q["label"]: (one_off(q["answer"]) if isinstance(q["answer"], list) and one_off(q["answer"]) is not None else q["answer"]) for q in p["parts"]}
    return {"reference": ref, "misconception": mis, "blank": blank, "one-off": off}

for name in ("practice", "hard", "course"):
    key = json.loads((root / name / "answer-key.json").read_text())
    d = out / name; d.mkdir()
    shutil.copy(root / name / "answer-key.json", d / "answer-key.json")
    for sub, answers in subs_for(key).items():
        s = {"format": "probgen-submission", "version": 1, "student": sub, "answers": answers}
        (d / f"{sub}.json").write_text(json.dumps(s, indent=1))
    files = sorted(str(f.name) for f in d.glob("*.json") if f.name != "answer-key.json")
    for mode, extra in (("key", ["--key", "answer-key.json"]), ("nokey", [])):
        if name == "course" and mode == "nokey":
            pass
        r = subprocess.run([P, "grade", *files, *extra, "--format", "json"], cwd=d, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        (d / f"grades-{mode}.json").write_text(r.stdout)
