"""Chinese NER on ../shared/data/ner/dev.jsonl: accuracy and speed.

    python -m benchmarks.bench_ner [--dev ../shared/data/ner/dev.jsonl] [--limit N]

Compares (a) the character CRFs alone, (b) the shipped component (CRFs +
gazetteer + Latin-name rules + filters, through a spaCy Doc), each in every
annotation style (``auto``, the default; ``mixed`` and ``social`` are votes of
models, ``pipeline.entities.VOTES``), (c) jieba's POS tags nr/ns/nt as NER (baseline).  Exact span + label match; P/R/F1 per label
and micro.  Speed is chars per CPU-second of this process (one core; process_time, so other load on the
machine does not count), jieba segmentation
excluded for (a) and (b) (it belongs to the segment stage) and included for (c). Then the component
(auto) on real articles, the Chinese documents of ../shared/data/claims and the sample, as a run reads
them. Prints a table and writes benchmarks/out/ner.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from pipeline import entities as E
from pipeline.ner_style import kind_of
from pipeline.training.ner_zh import read_jsonl
from pipeline.training.scoring import format_table, prf

from .common import SAMPLE, SHARED, docs_before

ROOT = Path(__file__).resolve().parent.parent


def by_source(data, gold, pred) -> dict[str, float]:
    """Micro F1 per kind of dev source (CLUENER is web, Weibo is social)."""
    out = {}
    for kind in sorted({kind_of(d.get("source")) or "?" for d in data}):
        idx = [i for i, d in enumerate(data) if (kind_of(d.get("source")) or "?") == kind]
        out[kind] = prf([gold[i] for i in idx], [pred[i] for i in idx])["micro"]["f1"]
    return out


def articles_speed(repeat: int = 3) -> dict:
    """The entity component (auto) on real articles: the Chinese documents of ../shared/data/claims and the
    sample, read and normalised as a run does; chars per CPU-second, best of ``repeat``."""
    paths = sorted((SHARED / "data" / "claims" / "docs").glob("zh*")) + [SAMPLE]
    docs = docs_before("entities", [p.read_text(encoding="utf-8") for p in paths])
    chars = sum(len(d.text) for d, _ in docs)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for doc, component in docs:
            doc.user_data.pop("ner_style", None)
            component(doc)
        best = min(best, time.process_time() - t0)
    return {"documents": len(docs), "chars": chars, "chars_per_s": round(chars / best) if docs else None}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "data" / "ner" / "dev.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "ner.json"))
    args = ap.parse_args(argv)
    if not Path(args.dev).exists():
        print(f"{args.dev} not present", file=sys.stderr)
        return 1

    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    data = list(read_jsonl(args.dev))
    if args.limit:
        data = data[: args.limit]
    gold = [{tuple(e) for e in d["entities"]} for d in data]
    texts = [d["text"] for d in data]
    nchars = sum(len(t) for t in texts)
    words = [list(jieba.cut(t)) for t in texts]
    res = E.get_resources()
    res.open_for("auto")  # the style guesser and both models, before any timing
    if res.tagger is None:
        print(f"{E.MODEL_PATH} missing: run make train-ner", file=sys.stderr)
        return 1
    E.surnames()  # and the dictionary the news convention reads surnames from
    report = {"dev": args.dev, "sentences": len(data), "chars": nchars,
              "model_files": {str(p.relative_to(ROOT)): round(p.stat().st_size / 1e6, 2)
                              for p in (E.MODEL_PATH, E.STYLES_MODEL_PATH, E.NEWS_MODEL_PATH) if p.exists()},
              "resources_mb": round(sum(p.stat().st_size for p in E.RESOURCES.rglob("*") if p.is_file()) / 1e6, 2),
              "gazetteer_entries": len(res.gaz), "systems": {}}

    for style in E.STYLES:
        # (a) the model alone
        t0 = time.process_time()
        pred = [set(res.predict(t, w, style)) for t, w in zip(texts, words)]
        dt = time.process_time() - t0
        report["systems"][f"crf_model style={style}"] = {"scores": prf(gold, pred), "chars_per_s": round(nchars / dt)}

        # (b) full component on jieba Docs (Doc building not timed)
        comp = E.ZhEntities(style=style)
        dt = float("inf")
        for _ in range(2):  # best of two: other jobs on the machine slow a process down, even in CPU time
            docs = [E.make_doc(t) for t in texts]
            t0 = time.process_time()
            docs = [comp(doc) for doc in docs]
            dt = min(dt, time.process_time() - t0)
        pred = [{(e.start_char, e.end_char, e.label_) for e in doc.ents} for doc in docs]
        report["systems"][f"component style={style}"] = {"scores": prf(gold, pred), "chars_per_s": round(nchars / dt),
                                                          "by_source": by_source(data, gold, pred)}

    # (c) jieba POS tags as NER
    mapping = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
    t0 = time.process_time()
    pred = []
    for t in texts:
        spans = set()
        pos = 0
        for w, flag in jieba.posseg.cut(t):
            lab = mapping.get(flag[:2])
            if lab:
                spans.add((pos, pos + len(w), lab))
            pos += len(w)
        pred.append(spans)
    dt = time.process_time() - t0
    report["systems"]["jieba_pos"] = {"scores": prf(gold, pred), "chars_per_s": round(nchars / dt)}

    print(f"dev: {len(data)} sentences, {nchars} chars; models {report['model_files']} (MB, compressed), "
          f"pipeline/resources {report['resources_mb']} MB; gazetteer {len(res.gaz)} entries")
    for name, r in report["systems"].items():
        sources = "; ".join(f"{k} {v:.4f}" for k, v in r.get("by_source", {}).items())
        print(f"\n== {name}  ({r['chars_per_s']:,} chars/s, one core)" + (f"  F1 by source: {sources}" if sources else ""))
        print(format_table(r["scores"]))
    arts = report["articles"] = articles_speed()
    print(f"\n== component style=auto on {arts['documents']} Chinese articles (claims set + sample, "
          f"{arts['chars']:,} chars): {arts['chars_per_s']:,} chars/s, one core")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(out)
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
