"""Exact span + label scoring of NER output (precision, recall, F1 per label and micro), shared by both trainers."""
from __future__ import annotations

LABELS = ("PER", "ORG", "LOC")


def prf(gold: list[set], pred: list[set], labels=LABELS) -> dict:
    """P/R/F1 per label and micro over all labels; each set holds (start, end, label) spans of one text."""
    res = {}
    tot = [0, 0, 0]
    for lab in labels:
        tp = fp = fn = 0
        for g, p in zip(gold, pred):
            gl = {x for x in g if x[2] == lab}
            pl = {x for x in p if x[2] == lab}
            tp += len(gl & pl)
            fp += len(pl - gl)
            fn += len(gl - pl)
        res[lab] = _prf(tp, fp, fn)
        tot[0] += tp
        tot[1] += fp
        tot[2] += fn
    res["micro"] = _prf(*tot)
    return res


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def format_table(res: dict) -> str:
    rows = [f"{'label':8s} {'P':>7s} {'R':>7s} {'F1':>7s} {'gold':>6s}"]
    for lab, m in res.items():
        rows.append(f"{lab:8s} {m['p']:7.4f} {m['r']:7.4f} {m['f1']:7.4f} {m['tp'] + m['fn']:6d}")
    return "\n".join(rows)
