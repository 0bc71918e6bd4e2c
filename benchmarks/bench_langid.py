"""Language detection: zhpipe's script rule vs lingua-language-detector.

    python -m benchmarks.bench_langid [--lingua-path DIR]

Test strings (gold label in brackets):
  zh        sentences of ../shared/data/ner/dev.jsonl                    [zh]
  zh_short  their first 8 characters                                     [zh]
  en        sentences of ../shared/data/ner_en/dev.jsonl (tweets)        [en]
  en_short  their first 3 tokens                                         [en]
  mixed_zh  a Chinese dev sentence with its first entity replaced by an
            English name from the English dev set                        [zh]
  mixed_en  an English dev sentence with a Chinese name in brackets
            after its first entity                                       [en]
  other     spaCy's example sentences in 19 other languages (ja, ko, ru,
            fr, de, ...) and strings without letters                     [other]

lingua is not a zhpipe dependency (its wheel is 96 MB); it is measured when
importable, e.g. after ``pip install --target /tmp/lingua lingua-language-detector``
and ``--lingua-path /tmp/lingua``.  Writes benchmarks/out/langid.json.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections import Counter

from benchmarks.common import SHARED, save
from pipeline.langid import detect_language, language_runs

OTHER_LANGS = ["ja", "ko", "ru", "uk", "el", "ar", "he", "hi", "fr", "de", "es", "it", "pt", "nl",
               "sv", "pl", "tr", "vi", "id"]
NO_LETTERS = ["2023-10-01", "12:30", "+86 10 1234 5678", "7.2%", "$56.3", "……", "!!!", "123 456",
              "😀😀", "—", "(1)", "3.14159", "2022", "#", "@@", "100%"]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def build_sets() -> dict[str, list[tuple[str, str]]]:
    zh = read_jsonl(SHARED / "data" / "ner" / "dev.jsonl")
    en = read_jsonl(SHARED / "data" / "ner_en" / "dev.jsonl")
    en_names = [r["text"][s:e] for r in en for s, e, _lab in r["entities"]]
    zh_names = [r["text"][s:e] for r in zh for s, e, _lab in r["entities"]]
    sets: dict[str, list[tuple[str, str]]] = {
        "zh": [(r["text"], "zh") for r in zh],
        "zh_short": [(r["text"][:8], "zh") for r in zh],
        "en": [(r["text"], "en") for r in en],
        "en_short": [(" ".join(r["text"].split()[:3]), "en") for r in en],
    }
    mixed_zh, mixed_en = [], []
    i = 0
    for r in zh:
        if r["entities"]:
            s, e, _ = r["entities"][0]
            mixed_zh.append((r["text"][:s] + en_names[i % len(en_names)] + r["text"][e:], "zh"))
            i += 1
    i = 0
    for r in en:
        if r["entities"]:
            _s, e, _ = r["entities"][0]
            mixed_en.append((r["text"][:e] + f" ({zh_names[i % len(zh_names)]})" + r["text"][e:], "en"))
            i += 1
    sets["mixed_zh"] = mixed_zh
    sets["mixed_en"] = mixed_en
    other = []
    for lang in OTHER_LANGS:
        try:
            sentences = importlib.import_module(f"spacy.lang.{lang}.examples").sentences
        except ImportError:
            continue
        other += [(s, "other") for s in sentences]
    other += [(s, "other") for s in NO_LETTERS]
    sets["other"] = other
    return sets


def score(detect, sets) -> dict:
    res = {}
    total_ok = total_n = 0
    chars = 0
    seconds = 0.0
    for name, items in sets.items():
        texts = [t for t, _ in items]
        t0 = time.perf_counter()
        preds = [detect(t) for t in texts]
        seconds += time.perf_counter() - t0
        chars += sum(len(t) for t in texts)
        ok = sum(p == g for p, (_, g) in zip(preds, items))
        errors = Counter(p for p, (_, g) in zip(preds, items) if p != g)
        res[name] = {"n": len(items), "accuracy": round(ok / len(items), 4), "errors": dict(errors)}
        total_ok += ok
        total_n += len(items)
    res["all"] = {"n": total_n, "accuracy": round(total_ok / total_n, 4),
                  "strings_per_s": round(total_n / seconds), "chars_per_s": round(chars / seconds)}
    return res


def lingua_detector(low_accuracy: bool):
    from lingua import Language, LanguageDetectorBuilder

    t0 = time.perf_counter()
    builder = LanguageDetectorBuilder.from_all_languages()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()
    detector.detect_language_of("warm up 预热")

    def detect(text: str) -> str:
        lang = detector.detect_language_of(text)
        if lang == Language.CHINESE:
            return "zh"
        if lang == Language.ENGLISH:
            return "en"
        return "other"

    return detect, time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lingua-path", help="folder to import lingua from (not a zhpipe dependency)")
    args = ap.parse_args(argv)
    if not (SHARED / "data" / "ner_en" / "dev.jsonl").exists():
        print("../shared/data not present: skipped", file=sys.stderr)
        return 0
    if args.lingua_path:
        sys.path.insert(0, args.lingua_path)
    sets = build_sets()
    out = {"sets": {k: len(v) for k, v in sets.items()}, "rule": score(detect_language, sets)}
    texts = [t for items in sets.values() for t, _ in items]
    t0 = time.perf_counter()
    for t in texts:
        language_runs(t)
    dt = time.perf_counter() - t0
    out["rule_language_runs_chars_per_s"] = round(sum(map(len, texts)) / dt)
    try:
        import lingua  # noqa: F401
    except ImportError:
        out["lingua"] = "not installed (pass --lingua-path)"
    else:
        for mode, low in (("lingua", False), ("lingua_low_accuracy", True)):
            detect, load_s = lingua_detector(low)
            out[mode] = score(detect, sets)
            out[mode]["all"]["load_seconds"] = round(load_s, 2)
    for name in ("rule", "lingua", "lingua_low_accuracy"):
        if isinstance(out.get(name), dict):
            row = " ".join(f"{k}={v['accuracy']:.3f}" for k, v in out[name].items())
            print(f"{name:20s} {row}  {out[name]['all']['chars_per_s']:,} chars/s")
    save("langid", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
