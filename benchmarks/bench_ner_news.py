"""Chinese NER on held-out news: the tenth of msra_train.jsonl that training leaves out (never trained on).

    python -m benchmarks.bench_ner_news [--limit N]

``pipeline.training.splits`` holds out one MSRA sentence in ten (stratified by label set, by text
hash; ``make train-ner`` trains on the other nine). This scores the shipped models on those 4,234
sentences in every NER style: the model alone and the whole component (gazetteer, rules, filters),
per sentence as ``zhpipe entities`` runs, and which style ``auto`` picks. Exact span + label.
Writes benchmarks/out/ner_news.json.

(Until the MSRA training sentences were added, this held out every fifth People's Daily/MSRA
sentence of train.jsonl and trained held-out models; those figures are in
``pipeline/training/ner_zh.py``'s docstring.)
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from pipeline import entities as E
from pipeline.training.scoring import format_table, prf
from pipeline.training.splits import split_file

from .common import OUT, SHARED, save

MSRA = SHARED / "data" / "ner" / "msra_train.jsonl"


def score(res: E.Resources, data, words, style: str):
    gold = [{tuple(e) for e in d["entities"]} for d in data]
    model = [set(res.predict(d["text"], w, style)) for d, w in zip(data, words)]
    comp = [set(res.entities(d["text"], w, style=style)) for d, w in zip(data, words)]
    return prf(gold, model), prf(gold, comp)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="score only the first N held-out sentences")
    args = ap.parse_args(argv)
    if not MSRA.exists():
        print(f"{MSRA} not present: skipped", file=sys.stderr)
        return 0
    import jieba

    jieba.setLogLevel(60)
    _, held = split_file(MSRA)
    if args.limit:
        held = held[: args.limit]
    words = [list(jieba.cut(d["text"])) for d in held]
    res = E.get_resources()
    res.open_for("auto")
    picked = Counter(res.resolve_style(d["text"]) for d in held)
    report = {"held_out": str(MSRA), "sentences": len(held), "auto_picks": dict(picked), "systems": {}}
    print(f"held-out MSRA news: {len(held)} sentences; auto picks {dict(picked)}")
    for style in E.STYLES:
        model, comp = score(res, held, words, style)
        report["systems"][f"model style={style}"] = model
        report["systems"][f"component style={style}"] = comp
        print(f"\n== style={style}: model {model['micro']['f1']:.4f}, component {comp['micro']['f1']:.4f}")
        print(format_table(comp))
    save("ner_news", report)
    print(f"\nwrote {OUT / 'ner_news.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
