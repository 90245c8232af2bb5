#!/usr/bin/env python3
"""Re-score `gazette eval ner --predictions OUT` independently of the C code.

usage: scripts/ner-score.py OUT

Reads "token gold predicted" lines (blank line between sentences), extracts
chunks the way conlleval does (I-X after O or another type opens an X
chunk) and prints precision / recall / F1 per type and overall, exact span
and type.
"""
import sys
from collections import Counter


def chunks(tags):
    out, start, typ = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        kind, _, t = tag.partition("-")
        opens = kind == "B" or (kind == "I" and t != typ)
        if start is not None and (tag == "O" or opens):
            out.add((start, i, typ))
            start, typ = None, None
        if tag != "O" and opens:
            start, typ = i, t
    return out


def main(path):
    tp, fp, fn = Counter(), Counter(), Counter()
    gold, pred = [], []
    for line in open(path, encoding="utf-8").read().split("\n") + [""]:
        if line.strip():
            parts = line.split()
            gold.append(parts[-2])
            pred.append(parts[-1])
            continue
        g, p = chunks(gold), chunks(pred)
        for c in p:
            (tp if c in g else fp)[c[2]] += 1
        for c in g - p:
            fn[c[2]] += 1
        gold, pred = [], []
    for t in sorted(set(tp) | set(fp) | set(fn)) + [None]:
        a = sum(tp.values()) if t is None else tp[t]
        b = sum(fp.values()) if t is None else fp[t]
        c = sum(fn.values()) if t is None else fn[t]
        prec = a / (a + b) if a + b else 0.0
        rec = a / (a + c) if a + c else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{t or 'overall':8} P {prec:.4f} R {rec:.4f} F1 {f1:.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
