"""Chinese NER on held-out edited news: every fifth People's Daily test / MSRA sentence of train.jsonl.

    python -m benchmarks.bench_ner_news [--retrain]

dev.jsonl (CLUENER + Weibo) has no edited news, so this holds out 1,469 news sentences of the
training file, trains the mixed and the style model (and the style guesser) on the rest into
benchmarks/out/ner_news/ with the options of ``make train-ner`` (about 14 CPU-minutes; kept and reused
while the split and the options are unchanged), and scores each NER style on the held-out news and
on dev: the model alone and the whole component (gazetteer, rules, filters), per sentence as
``zhpipe entities`` runs.  Exact span + label.
Writes benchmarks/out/ner_news.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from pipeline import entities as E
from pipeline.formats.atomic import iter_jsonl
from pipeline.ner_style import SOURCE_KINDS, STYLE_NGRAMS_PATH
from pipeline.training.scoring import format_table, prf

from .common import OUT, SHARED, save

NEWS_SOURCES = ("peoples-daily-1998-test", "msra")
EVERY = 5


def split(train_path: Path):
    """(rest, held-out news): a news source's k-th sentence is held out when k % EVERY == 0."""
    from collections import Counter

    rest, held = [], []
    seen: Counter = Counter()
    for d in iter_jsonl(train_path):
        src = d.get("source") or ""
        if src.startswith(NEWS_SOURCES):
            (held if seen[src] % EVERY == 0 else rest).append(d)
            seen[src] += 1
        else:
            rest.append(d)
    return rest, held


def write_jsonl(path: Path, docs) -> str:
    data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    path.write_text(data, encoding="utf-8")
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def train(work: Path, dev: Path, retrain: bool) -> dict[str, Path]:
    from pipeline.training import ner_zh

    rest, held = split(SHARED / "data" / "ner" / "train.jsonl")
    digest = write_jsonl(work / "train.jsonl", rest) + write_jsonl(work / "heldout.jsonl", held)
    stamp = work / "split.sha256"
    paths = {"mixed": work / "ner_zh.crfsuite", "styles": work / "ner_zh_styles.crfsuite",
             "ngrams": work / STYLE_NGRAMS_PATH.name}
    runs = (([], paths["mixed"]), (["--styles", "--augment", "1"], paths["styles"]))  # as make train-ner
    # the options, and which convention (kind) each source is trained in
    digest += " " + repr([extra for extra, _ in runs]) + " " + repr(sorted(SOURCE_KINDS.items()))
    if retrain or not stamp.exists() or stamp.read_text() != digest or not all(p.exists() for p in paths.values()):
        for extra, out in runs:
            print(f"training {out.name} on {len(rest)} sentences ...", file=sys.stderr, flush=True)
            ner_zh.main(["--train", str(work / "train.jsonl"), "--dev", str(dev), "--out", str(out), *extra])
        stamp.write_text(digest)
    return paths


def score(res: E.Resources, data, style: str):
    import jieba

    gold = [{tuple(e) for e in d["entities"]} for d in data]
    words = [list(jieba.cut(d["text"])) for d in data]
    model = [set(res.predict(d["text"], w, style)) for d, w in zip(data, words)]
    comp = [set(res.entities(d["text"], w, style=style)) for d, w in zip(data, words)]
    return prf(gold, model), prf(gold, comp)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--retrain", action="store_true", help="train the held-out models again")
    args = ap.parse_args(argv)
    dev = SHARED / "data" / "ner" / "dev.jsonl"
    if not dev.exists():
        print(f"{SHARED / 'data'} not present", file=sys.stderr)
        return 1
    import jieba

    jieba.setLogLevel(60)
    work = OUT / "ner_news"
    work.mkdir(parents=True, exist_ok=True)
    paths = train(work, dev, args.retrain)
    res = E.Resources(model_path=paths["mixed"], styles_model_path=paths["styles"],
                      style_ngrams_path=paths["ngrams"])
    sets = {"news held out": list(iter_jsonl(work / "heldout.jsonl")), "dev": list(iter_jsonl(dev))}
    report = {"held_out_sentences": len(sets["news held out"]), "systems": {}}
    for name, data in sets.items():
        for style in E.STYLES:
            model, comp = score(res, data, style)
            report["systems"][f"{name}: model style={style}"] = model
            report["systems"][f"{name}: component style={style}"] = comp
            print(f"\n== {name}, style={style}: model {model['micro']['f1']:.4f}, "
                  f"component {comp['micro']['f1']:.4f}")
            print(format_table(comp))
    save("ner_news", report)
    print(f"\nwrote {OUT / 'ner_news.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
