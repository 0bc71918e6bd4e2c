"""English NER on ../shared/data/ner_en/dev.jsonl: the model alone and model + rules.

    python -m benchmarks.bench_ner_en [--dev PATH] [--limit N]

P/R/F1 per label (exact character span + label), chars/s on one process
(the model run with ``nlp.pipe``; rules included for model + rules), model
size on disk; also micro F1 on 20 hand-written news-style sentences (a
sanity check of the news case, far too small to tune on).  Writes
benchmarks/out/ner_en.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.common import SHARED, save
from pipeline.entities.english import MODEL_PATH, EnglishNER
from pipeline.training.ner_en import format_table, prf

# A small hand-written news-style check (not a test set: 20 sentences written
# for this benchmark in the style of business news; entities as (text, label)).
NEWS_SAMPLE = [
    ("Alibaba Group Holding Ltd. said on Thursday that revenue at its cloud unit rose 4% in the quarter.",
     [("Alibaba Group Holding Ltd.", "ORG")]),
    ("Amazon Web Services remained the largest provider, according to Gartner.",
     [("Amazon Web Services", "ORG"), ("Gartner", "ORG")]),
    ("Chief executive Daniel Zhang told analysts in Hangzhou that growth would pick up.",
     [("Daniel Zhang", "PER"), ("Hangzhou", "LOC")]),
    ("Microsoft and Google are investing billions of dollars in data centres in Malaysia and Indonesia.",
     [("Microsoft", "ORG"), ("Google", "ORG"), ("Malaysia", "LOC"), ("Indonesia", "LOC")]),
    ("Shares of Tencent Holdings fell 3% in Hong Kong after the results.",
     [("Tencent Holdings", "ORG"), ("Hong Kong", "LOC")]),
    ("Mr. Jack Ma stepped down as chairman in 2019.", [("Jack Ma", "PER")]),
    ("The European Commission fined the company 2.4 billion euros, Reuters reported.",
     [("European Commission", "ORG"), ("Reuters", "ORG")]),
    ("Huawei Technologies Co. has expanded its cloud business in Latin America and the Middle East.",
     [("Huawei Technologies Co.", "ORG"), ("Latin America", "LOC"), ("Middle East", "LOC")]),
    ("Satya Nadella, chief executive of Microsoft, spoke at a conference in Seattle on Tuesday.",
     [("Satya Nadella", "PER"), ("Microsoft", "ORG"), ("Seattle", "LOC")]),
    ("Evercore Partners advised the board on the sale to Blackstone.",
     [("Evercore Partners", "ORG"), ("Blackstone", "ORG")]),
    ("Dr. Lisa Su said Advanced Micro Devices would open a research centre in Shanghai.",
     [("Lisa Su", "PER"), ("Advanced Micro Devices", "ORG"), ("Shanghai", "LOC")]),
    ("The Federal Reserve raised interest rates, and the dollar rose against the yen.",
     [("Federal Reserve", "ORG")]),
    ("Tim Cook visited Beijing and met officials from the Ministry of Commerce.",
     [("Tim Cook", "PER"), ("Beijing", "LOC"), ("Ministry of Commerce", "ORG")]),
    ("Canalys estimates that shipments in Southeast Asia grew 12 percent last year.",
     [("Canalys", "ORG"), ("Southeast Asia", "LOC")]),
    ("Former president Barack Obama praised the agreement between Washington and Tokyo.",
     [("Barack Obama", "PER"), ("Washington", "LOC"), ("Tokyo", "LOC")]),
    ("Goldman Sachs Group Inc. cut its forecast for economic growth in Germany.",
     [("Goldman Sachs Group Inc.", "ORG"), ("Germany", "LOC")]),
    ("Ms. Meng Wanzhou returned to Shenzhen after nearly three years in Canada.",
     [("Meng Wanzhou", "PER"), ("Shenzhen", "LOC"), ("Canada", "LOC")]),
    ("SoftBank founder Masayoshi Son said the Vision Fund would invest more in India.",
     [("SoftBank", "ORG"), ("Masayoshi Son", "PER"), ("Vision Fund", "ORG"), ("India", "LOC")]),
    ("The World Health Organization said the outbreak in West Africa was slowing.",
     [("World Health Organization", "ORG"), ("West Africa", "LOC")]),
    ("Elon Musk said Tesla Inc. would build a new factory near Berlin.",
     [("Elon Musk", "PER"), ("Tesla Inc.", "ORG"), ("Berlin", "LOC")]),
]


def news_sample() -> list[dict]:
    recs = []
    for text, ents in NEWS_SAMPLE:
        spans = []
        for name, label in ents:
            start = text.index(name)
            spans.append([start, start + len(name), label])
        recs.append({"text": text, "entities": spans})
    return recs


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", default=str(SHARED / "data" / "ner_en" / "dev.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    if not Path(args.dev).exists():
        print(f"{args.dev} not present: skipped", file=sys.stderr)
        return 0
    if not MODEL_PATH.exists():
        print(f"{MODEL_PATH} missing: run make train-ner", file=sys.stderr)
        return 1
    with open(args.dev, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if args.limit:
        records = records[: args.limit]
    texts = [r["text"] for r in records]
    gold = [{tuple(e) for e in r["entities"]} for r in records]
    chars = sum(map(len, texts))
    out = {"dev": args.dev, "sentences": len(texts), "chars": chars,
           "model_bytes": dir_size(MODEL_PATH), "model_path": str(MODEL_PATH.relative_to(Path.cwd()))
           if MODEL_PATH.is_relative_to(Path.cwd()) else str(MODEL_PATH)}
    for name, use_rules in (("model", False), ("model+rules", True)):
        ner = EnglishNER(use_rules=use_rules)
        list(ner.pipe(texts[:50]))  # warm up
        t0 = time.perf_counter()
        pred = [set(p) for p in ner.pipe(texts)]
        dt = time.perf_counter() - t0
        # timing again, best of two (the machine is shared)
        t0 = time.perf_counter()
        list(ner.pipe(texts))
        dt = min(dt, time.perf_counter() - t0)
        res = prf(gold, pred)
        news = news_sample()
        news_res = prf([{tuple(e) for e in r["entities"]} for r in news],
                       [set(p) for p in ner.pipe([r["text"] for r in news])])
        out[name] = {"scores": res, "seconds": round(dt, 2), "chars_per_s": round(chars / dt),
                     "news_sample": news_res}
        print(f"== {name}: {chars / dt:,.0f} chars/s")
        print(format_table(res))
        print(f"   hand-written news sample ({len(news)} sentences): micro F1 {news_res['micro']['f1']:.3f}")
    print(f"model size: {out['model_bytes'] / 1e6:.1f} MB")
    save("ner_en", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
