"""Claims and entity names against the hand-checked development set ../shared/data/claims (its README's scoring).

    python -m benchmarks.bench_claims            # all documents of ../shared/data/claims/docs
    python -m benchmarks.bench_claims zh-gov-b2  # some of them

Runs ``zhpipe run`` (the library ``pipeline.run``, one worker) on the documents and scores each document's
``claims`` against ``gold/<id>.json``: claims found (all and core), value, unit, subject, metric, scope (only
where the gold has one) and period accuracy, false claims (predicted claims inside a ``not_claims`` string),
and entity names P/R/F1. Then the claims component alone: chars per CPU-second on one core, on the development
documents and on the sample article. The sample (corpus/aliyun.txt) has no gold file: its claims are counted
but not scored. Writes benchmarks/out/claims.json and prints a table.
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path

from .common import SAMPLE, SHARED, docs_before, save

DATA = SHARED / "data" / "claims"
FIELDS = ("found", "core", "value", "unit", "subject", "metric", "scope", "period")
YEAR = re.compile(r"(?:1[5-9]|20)\d{2}")


def _plain(s: str) -> str:
    return s.replace(",", "")


def _anchor_hit(anchor: str, text: str) -> bool:
    """The README's anchor rule: commas removed on both sides; 3+ characters may lose their last one."""
    a, t = _plain(anchor), _plain(text)
    return a in t or (len(a) >= 3 and a[:-1] in t)


def _contains_either(predicted: list[str | None], gold: list[str]) -> bool:
    cands = [p for p in predicted if p]
    return any(p in g or g in p for p in cands for g in gold if g)


def match(gold_claims: list[dict], predicted: list[dict], text: str) -> list[tuple[dict, dict | None]]:
    """Each gold claim (not in a reference list) with the first unused predicted claim that finds it."""
    used: set[int] = set()
    pairs = []
    for g in gold_claims:
        if g.get("zone") == "refs":
            continue
        anchors = [g["anchor"]] + ([g["anchor_norm"]] if g.get("anchor_norm") else [])
        hit = None
        for i, p in enumerate(predicted):
            if i in used or not any(_anchor_hit(a, p["text"]) for a in anchors):
                continue
            around = text[max(0, p["start"] - 80):p["end"] + 80]
            if g["ctx"] in p.get("sentence", "") or g["ctx"] in around:
                hit = i
                break
        if hit is not None:
            used.add(hit)
        pairs.append((g, predicted[hit] if hit is not None else None))
    return pairs


def score_claims(gold: dict, document: dict) -> dict:
    """Counts (right, out of) for every field of one document."""
    predicted = document.get("claims", [])
    pairs = match(gold["claims"], predicted, document.get("text", ""))
    counts = {f: [0, 0] for f in FIELDS}
    for g, p in pairs:
        counts["found"][1] += 1
        counts["found"][0] += p is not None
        if g.get("core"):
            counts["core"][1] += 1
            counts["core"][0] += p is not None
        if p is None:
            continue
        counts["value"][1] += 1
        counts["value"][0] += abs(p["value"] - g["value"]) <= 1e-6 * max(1.0, abs(g["value"]))
        if g.get("unit"):
            counts["unit"][1] += 1
            counts["unit"][0] += p.get("unit") == g["unit"]
        for field, en in (("subject", "subject_en"), ("metric", "metric_en"), ("scope", None)):
            alternatives = g.get(field)
            if not alternatives:
                continue
            alternatives = [alternatives] if isinstance(alternatives, str) else alternatives
            counts[field][1] += 1
            counts[field][0] += _contains_either([p.get(field), p.get(en) if en else None], alternatives)
        if g.get("period"):
            counts["period"][1] += 1
            year = YEAR.search(p.get("period") or "")
            counts["period"][0] += bool(year) and year.group(0)[:4] == g["period"][:4]
    nots = [_plain(n) for n in gold.get("not_claims", [])]
    false = [p["text"] for p in predicted if len(p["text"]) >= 2 and any(_plain(p["text"]) in n for n in nots)]
    return {"counts": counts, "false_claims": false, "predicted": len(predicted),
            "missed": [f"{g['anchor']} ({g['ctx']})" for g, p in pairs if p is None]}


def score_entities(gold: dict, document: dict) -> dict:
    """Distinct predicted names (normalised text at their offsets) against the gold names and labels."""
    text = document.get("text", "")
    accepted = {name: set(labels) for name, labels in gold.get("entities", [])}
    refs = {name for name, _ in gold.get("entities_refs", [])}
    predicted: dict[str, set[str]] = {}
    for e in document.get("entities", []):
        predicted.setdefault(text[e["start"]:e["end"]], set()).add(e["label"])
    found = sum(1 for name, labels in accepted.items() if predicted.get(name, set()) & labels)
    scored = [n for n in predicted if n not in refs]
    right = sum(1 for n in scored if predicted[n] & accepted.get(n, set()))
    return {"tp_gold": found, "gold": len(accepted), "tp_pred": right, "pred": len(scored)}


def prf(e: dict) -> tuple[float, float, float]:
    p = e["tp_pred"] / e["pred"] if e["pred"] else 0.0
    r = e["tp_gold"] / e["gold"] if e["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_pipeline(paths: list[Path], out: Path) -> dict[str, dict]:
    """``zhpipe run`` on the files, one worker; documents by id."""
    from pipeline import run

    run([str(p) for p in paths], out, workers=1, force=True, report=lambda msg: None)
    docs = {}
    with (out / "documents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    return docs


def claims_speed(texts: list[str], repeat: int = 3) -> dict:
    """The claims component alone, chars per CPU-second (one core), on Docs made by the stages before it."""
    spent, chars, longest = 0.0, 0, 0
    for doc, claims in docs_before("claims", texts):
        longest = max(longest, max((len(s.text) for s in doc.sents), default=0))
        for _ in range(repeat):
            t = time.process_time()
            claims(doc)
            spent += time.process_time() - t
            chars += len(doc.text)
    return {"chars": chars, "cpu_s": round(spent, 3), "chars_per_s": round(chars / spent) if spent else None,
            "longest_sentence": longest}


def long_sentence_speed(sizes=(500, 4000)) -> dict:
    """The claims component on one sentence of n figures (阿里云营收为1亿元，…): chars per CPU-second should not
    fall as n grows (every per-figure lookup is a bisect, never a rescan of the sentence)."""
    from pipeline.language import load

    out = {}
    sentences = {"zh": lambda n: "阿里云" + "，".join(f"营收为{i + 1}亿元，占比{i % 90 + 1}%" for i in range(n)) + "。",
                 "en": lambda n: "Alibaba Cloud " + ", ".join(f"had revenue of ${i + 1} billion, up {i % 90 + 1}%"
                                                              for i in range(n)) + "."}
    for lang, make in sentences.items():
        nlp = load(lang)
        claims = next(component for name, component in nlp.pipeline if "claims" in name)
        for n in sizes:
            text = make(n // 2)
            doc = nlp.make_doc(text)
            for tok in doc:  # one sentence, whatever the tokenizer set
                tok.is_sent_start = tok.i == 0
            doc.user_data["lang"] = lang
            t = time.process_time()
            found = len(claims(doc).user_data["claims"])
            spent = time.process_time() - t
            out[f"{lang} {n}"] = {"chars": len(text), "claims": found,
                                  "chars_per_s": round(len(text) / spent) if spent else None}
    return out


def _fmt(right_total: list[int]) -> str:
    right, total = right_total
    return f"{right / total:.2f}" if total else "  — "


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not (DATA / "gold").is_dir():
        print(f"skipped: {DATA} is absent (the development set ships outside the repo)")
        save("claims", {"skipped": f"{DATA} absent"})
        return 0
    paths = sorted(p for p in (DATA / "docs").iterdir() if p.is_file() and (not argv or p.stem in argv))
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        docs = run_pipeline(paths + [SAMPLE], Path(tmp) / "out")
        run_s = time.perf_counter() - t
    rows, total = {}, {f: [0, 0] for f in FIELDS}
    ent_total = {"tp_gold": 0, "gold": 0, "tp_pred": 0, "pred": 0}
    false_total = 0
    for path in paths:
        gold = json.loads((DATA / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        document = docs.get(gold["doc"]) or docs.get(path.stem)
        if document is None:
            rows[path.stem] = {"error": "no document came out"}
            continue
        c = score_claims(gold, document)
        e = score_entities(gold, document)
        for f in FIELDS:
            total[f][0] += c["counts"][f][0]
            total[f][1] += c["counts"][f][1]
        for k in ent_total:
            ent_total[k] += e[k]
        false_total += len(c["false_claims"])
        rows[path.stem] = {**c, "entities": e}
    sample = docs.get(SAMPLE.stem, {})
    speed = claims_speed([p.read_text(encoding="utf-8") for p in paths] + [SAMPLE.read_text(encoding="utf-8")])
    speed["one_long_sentence"] = long_sentence_speed()

    head = f"{'document':12s} " + " ".join(f"{f:>7s}" for f in FIELDS) + "   false   ent P    R   F1"
    print(head)
    for name, r in rows.items():
        if "error" in r:
            print(f"{name:12s} {r['error']}")
            continue
        p, rc, f1 = prf(r["entities"])
        print(f"{name:12s} " + " ".join(f"{_fmt(r['counts'][f]):>7s}" for f in FIELDS)
              + f" {len(r['false_claims']):7d}  {p:.2f} {rc:.2f} {f1:.2f}")
    p, rc, f1 = prf(ent_total)
    n_docs = max(1, len([r for r in rows.values() if "error" not in r]))
    print(f"{'total':12s} " + " ".join(f"{_fmt(total[f]):>7s}" for f in FIELDS)
          + f" {false_total / n_docs:7.1f}  {p:.2f} {rc:.2f} {f1:.2f}   (false claims per document)")
    print("counts (right/out of): " + ", ".join(f"{f} {total[f][0]}/{total[f][1]}" for f in FIELDS))
    print(f"sample {SAMPLE.name}: {len(sample.get('claims', []))} claims (no gold file: not scored)")
    print(f"claims component: {speed['chars_per_s']:,} chars per CPU-second on one core "
          f"({speed['chars']:,} chars; longest sentence {speed['longest_sentence']:,} chars); run {run_s:.1f} s")
    for n, r in speed["one_long_sentence"].items():
        print(f"  one sentence ({n} figures, {r['chars']:,} chars): {r['chars_per_s']:,} chars per CPU-second")
    save("claims", {"documents": rows, "total": {f: total[f] for f in FIELDS}, "false_claims_per_doc":
                    round(false_total / n_docs, 2), "entities": {**ent_total, "p": p, "r": rc, "f1": f1},
                    "sample_claims": sample.get("claims", []), "claims_speed": speed, "run_seconds": round(run_s, 1)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
