#!/usr/bin/python3
"""Markdown tables of a training log (train-log.jsonl): the loss every N steps per stage, and the judge's adherence at
each evaluation. docs/toy-models.md quotes its output.

    /usr/bin/python3 tools/toy-train/curves.py work/toy-train/train-log.jsonl [EVERY]
"""
import json
import sys


def main(path, every=100):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    stages = []
    for r in rows:
        if r.get("stage") not in stages and "step" in r:
            stages.append(r["stage"])
    for st in stages:
        pts = {}
        for r in rows:   # a resumed stage logs some steps twice; the later line wins
            if r.get("stage") == st and "step" in r:
                pts[r["step"]] = r
        key = "rec" if st in ("vae", "refine") else "loss"
        print("\n**%s** (%s, one batch per point; s/step on 2 cores)\n" % (st, key))
        print("| step | %s | s/step |" % key + (" KD |" if st == "student" else ""))
        print("|---|---|---|" + ("---|" if st == "student" else ""))
        for s in sorted(pts):
            if s % every and s != max(pts):
                continue
            r = pts[s]
            extra = " %.4f |" % r["kd"] if st == "student" else ""
            print("| %d | %.4f | %.2f |%s" % (s, r[key], r.get("sec_per_step", float("nan")), extra))
    evals = [r for r in rows if "eval_step" in r]
    if evals:
        print("\n**Judge during training** (first 24 evaluation prompts, trainer's own PyTorch sampler)\n")
        print("| model | step | sampler steps | colour adherence % | shape adherence % | background % |")
        print("|---|---|---|---|---|---|")
        seen = {}
        for r in evals:
            seen[(r["stage"], r["eval_step"])] = r
        for (st, step), r in sorted(seen.items()):
            print("| %s | %d | %d | %.1f | %.1f | %.1f |" % (st, step, r["steps"], r["color_adherence_pct"],
                                                       r["shape_adherence_pct"], r["background_pct"]))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100)
