"""English NER on held-out news (GMB) and social media (WNUT-17): the model alone and model + rules.

    python -m benchmarks.bench_ner_en [--dev PATH] [--news PATH] [--limit N]

The news set is the tenth of gmb.jsonl that training leaves out (``pipeline.training.splits``,
never trained on nor used to pick the model); dev is WNUT-17 dev+test.  P/R/F1 per label (exact
character span + label), chars per CPU-second of this process (one core; the model run with
``nlp.pipe``, rules included for model + rules), model size on disk; also micro F1 on 20
hand-written news-style sentences (a sanity check, far too small to tune on).  Writes
benchmarks/out/ner_en.json.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.common import SHARED, save
from pipeline.entities.english import MODEL_PATH, EnglishNER
from pipeline.formats.atomic import iter_jsonl as read_jsonl
from pipeline.training.ner_en import format_table, prf
from pipeline.training.splits import split_file

GMB = SHARED / "data" / "ner_en" / "gmb.jsonl"

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
    ap.add_argument("--news", default=str(GMB))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    if not Path(args.dev).exists():
        print(f"{args.dev} not present: skipped", file=sys.stderr)
        return 0
    if not MODEL_PATH.exists():
        print(f"{MODEL_PATH} missing: run make train-ner", file=sys.stderr)
        return 1
    sets = {"GMB news held out": split_file(args.news)[1] if Path(args.news).exists() else [],
            "WNUT dev": list(read_jsonl(args.dev)), "hand-written news": news_sample()}
    if args.limit:
        sets = {k: v[: args.limit] for k, v in sets.items()}
    out = {"sets": {k: len(v) for k, v in sets.items()}, "model_bytes": dir_size(MODEL_PATH)}
    for name, use_rules in (("model", False), ("model+rules", True)):
        ner = EnglishNER(use_rules=use_rules)
        out[name] = {}
        for set_name, records in sets.items():
            if not records:
                continue
            texts = [r["text"] for r in records]
            gold = [{tuple(e) for e in r["entities"]} for r in records]
            list(ner.pipe(texts[:50]))  # warm up
            t0 = time.process_time()  # CPU seconds of this process: one core, whatever else runs
            pred = [set(p) for p in ner.pipe(texts)]
            dt = time.process_time() - t0
            res = prf(gold, pred)
            chars = sum(map(len, texts))
            out[name][set_name] = {"scores": res, "chars_per_s": round(chars / dt)}
            print(f"== {name}, {set_name} ({len(texts)} sentences): F1 {res['micro']['f1']:.4f}, "
                  f"{chars / dt:,.0f} chars/s (one core)")
            if set_name != "hand-written news":
                print(format_table(res))
    print(f"model size: {out['model_bytes'] / 1e6:.1f} MB")
    save("ner_en", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
