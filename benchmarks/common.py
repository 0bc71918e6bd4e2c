"""Helpers shared by the benchmarks: paths, timing, result files."""
from __future__ import annotations

import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "benchmarks" / "out"
SAMPLE = ROOT / "corpus" / "aliyun.txt"


def sample_text(target_chars: int) -> str:
    """The sample article repeated to about ``target_chars`` characters."""
    text = SAMPLE.read_text(encoding="utf-8")
    return (text + "\n") * max(1, target_chars // (len(text) + 1))


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def save(name: str, data) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def docs_before(component: str, texts: list[str]) -> list[tuple]:
    """(Doc, the component) for each text: read and normalised as a run does, then through every pipeline
    component before the first whose name contains ``component``, so that one can be timed alone."""
    from pipeline.engine import Options, Processor
    from pipeline.langid import detect_language
    from pipeline.language import load, pipeline_language
    from pipeline.normalise import normalise

    Processor(Options())  # models loaded as a run loads them
    out = []
    for raw in texts:
        lang = detect_language(raw)
        nlp = load(pipeline_language(lang), Options().ner_style)
        doc = nlp.make_doc(normalise(raw, convert=lang != "en").text)
        doc.user_data.update(lang=lang, mojibake_spans=[])
        for name, step in nlp.pipeline:
            if component in name:
                out.append((doc, step))
                break
            doc = step(doc)
    return out
