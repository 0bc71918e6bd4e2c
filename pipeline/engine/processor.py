"""The per-document processor: normalise, then the spaCy pipeline (in chunks for long texts), then the record."""
from __future__ import annotations

import gc
import time
import warnings
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..document import InputError, Record
from ..formats.atomic import document_line
from ..formats.readers import read_page
from ..langid import detect_language
from ..language import load, pipeline_language
from ..normalise import normalise
from ..normalise.patterns import LONE_SURROGATE
from ..records import document_record
from ..summarise import load_tables as load_summary_tables
from .options import Options


@dataclass
class Outcome:
    """What processing one input produced: a document object, or an error."""

    document: dict[str, Any] | None = None
    error: InputError | None = None
    timings: dict[str, float] = field(default_factory=dict)
    chars: int = 0


_SENTENCE_ENDS = "。！？!?；;"


def _last_clause_break(text: str, lo: int, hi: int) -> int:
    """The last ，、 or English comma (not one inside a number: 1,000) in ``text[lo:hi]``, or -1."""
    wide = max(text.rfind("，", lo, hi), text.rfind("、", lo, hi))
    comma = text.rfind(",", lo, hi)
    while comma >= 0 and text[comma + 1:comma + 2].isdigit():
        comma = text.rfind(",", lo, comma)
    return max(wide, comma)


# where a long text may be cut, best first: a line break, a sentence end, a clause break, a space
_CUTS = (
    lambda text, lo, hi: text.rfind("\n", lo, hi),
    lambda text, lo, hi: max(text.rfind(ch, lo, hi) for ch in _SENTENCE_ENDS),
    _last_clause_break,
    lambda text, lo, hi: max(text.rfind(" ", lo, hi), text.rfind("\t", lo, hi)),
)


def split_points(text: str, limit: int) -> list[int]:
    """Cut positions splitting ``text`` into pieces of at most ``limit`` characters, each cut just after the
    best boundary (``_CUTS``) in the second half of the window, else hard."""
    cuts = []
    start = 0
    n = len(text)
    while n - start > limit:
        end = start + limit
        lo = start + limit // 2
        cut = next((c for c in (find(text, lo, end) for find in _CUTS) if c >= 0), -1)
        cut = cut + 1 if cut >= 0 else end
        cuts.append(cut)
        start = cut
    return cuts


def _shift(value: Any, offset: int) -> Any:
    """A user_data value with its character offsets moved by ``offset`` ([s, e] pairs, dicts with start/end)."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [value[0] + offset, value[1] + offset]
    if isinstance(value, dict) and isinstance(value.get("start"), int):
        out = dict(value)
        for key in ("start", "end"):
            if isinstance(out.get(key), int):
                out[key] += offset
        return out
    return value


def merge_user_data(parts: list[tuple[int, dict]]) -> dict:
    """Merge the plain (non-extension) user_data of chunk docs: lists are concatenated with offsets
    shifted by the chunk's start; other values keep the first chunk's value (dicts are merged)."""
    merged: dict = {}
    for offset, data in parts:
        for key, value in data.items():
            if isinstance(key, tuple):  # extension attributes: Doc.from_docs shifts and merges them
                continue
            if isinstance(value, list):
                merged.setdefault(key, []).extend(_shift(v, offset) for v in value)
            elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**value, **merged[key]}
            else:
                merged.setdefault(key, value)
    return merged


@lru_cache(maxsize=1)
def _freeze_loaded_heap() -> None:
    """Once per process, after the models and dictionaries load: move them out of the garbage collector's
    generations. They live as long as the process, and every full collection would walk their ~300,000
    objects again (about 0.1 s each)."""
    gc.collect()
    gc.freeze()


class Processor:
    """Processes records one by one with models loaded once (per process)."""

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.nlp = load("zh", self.options.ner_style)
        self.nlp.make_doc("预热")  # jieba loads its dictionary on first use: do it now, once per process
        if self.options.lang in ("auto", "en"):
            load("en", self.options.ner_style)
        load_summary_tables()  # jieba.analyse's IDF table: loaded on first use, like jieba's dictionary
        _freeze_loaded_heap()

    def language_of(self, raw: str) -> str:
        """The document's language: ``--lang`` when given, else detected from its letters."""
        return self.options.lang if self.options.lang != "auto" else detect_language(raw)

    def annotate(self, text: str, mojibake: list, timings: dict[str, float], lang: str = "zh"):
        """The spaCy Doc of normalised ``text``: tokenizer and components, in chunks when it is long."""
        from spacy.tokens import Doc

        nlp = load(pipeline_language(lang), self.options.ner_style)
        cuts = split_points(text, max(1, min(self.options.chunk_chars, nlp.max_length)))
        bounds = list(zip([0, *cuts], [*cuts, len(text)]))
        docs = []
        for start, end in bounds:
            t = time.perf_counter()
            doc = nlp.make_doc(text[start:end])
            doc.user_data["lang"] = lang
            if docs and "ner_style" in docs[0].user_data:  # the entity style "auto" chose for the first piece
                doc.user_data["ner_style"] = docs[0].user_data["ner_style"]
            doc.user_data["mojibake_spans"] = [[max(s, start) - start, min(e, end) - start]
                                               for s, e in mojibake if s < end and e > start]
            timings["segment"] = timings.get("segment", 0.0) + time.perf_counter() - t
            for name, component in nlp.pipeline:
                self.stage = name
                t = time.perf_counter()
                doc = component(doc)
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - t
            docs.append(doc)
            self.stage = "segment"
        if len(docs) == 1:
            return docs[0]
        t = time.perf_counter()
        with warnings.catch_warnings():  # plain user_data is merged below (W102 says from_docs skips it)
            warnings.filterwarnings("ignore", message=r"\[W102\]")
            merged = Doc.from_docs(docs, ensure_whitespace=False)
        user_data = merge_user_data([(start, doc.user_data) for (start, _), doc in zip(bounds, docs)])
        merged.user_data.update(user_data)
        timings["merge"] = timings.get("merge", 0.0) + time.perf_counter() - t
        return merged

    def __call__(self, record: Record, *, compact: bool = False) -> Outcome:
        """Process one record; ``compact``: the document's tokens as ``records.Tokens`` columns (for
        :func:`~pipeline.formats.atomic.document_line`) rather than a list of dicts."""
        timings: dict[str, float] = {}
        if LONE_SURROGATE.search(record.raw_text):  # only text handed in directly can hold them: UTF-8 cannot
            record = replace(record, raw_text=LONE_SURROGATE.sub("\ufffd", record.raw_text))
        if len(record.raw_text) > self.options.max_doc_chars:
            reason = (f"document has {len(record.raw_text):,} characters, over --max-doc-chars "
                      f"{self.options.max_doc_chars:,}: split the file into smaller files (at paragraph or line "
                      f"breaks), or raise --max-doc-chars if this machine has the memory (about 1 GB per million)")
            return Outcome(error=InputError(record.source, reason, stage="read", error="DocumentTooLarge",
                                            doc_id=record.id))
        self.stage = "normalise"
        try:
            t0 = time.perf_counter()
            page = read_page(record.raw_text, record.format, html=self.options.html)
            lang = self.language_of(page.text)
            # English text gets the cleaning but no OpenCC conversion
            convert = self.options.convert and lang != "en"
            norm = normalise(page, convert=convert, opencc_config=self.options.opencc_config)
            timings["normalise"] = time.perf_counter() - t0
            self.stage = "segment"
            doc = self.annotate(norm.text, [list(s) for s in norm.mojibake], timings, lang)
            self.stage = "write"
            t = time.perf_counter()
            document = document_record(record, norm, doc, compact=compact)
            timings["record"] = time.perf_counter() - t
        except Exception as exc:  # noqa: BLE001  (one bad document must not stop the run)
            return Outcome(error=InputError(record.source, f"{type(exc).__name__}: {exc}", stage=self.stage,
                                            error=type(exc).__name__, doc_id=record.id))
        return Outcome(document=document, timings=timings, chars=len(record.raw_text))

    def batch(self, items: list) -> list:
        """Process a batch of stream items: records become (UTF-8 JSON line or None, Outcome without the
        document)."""
        out = []
        for item in items:
            if isinstance(item, Record):
                outcome = self(item, compact=True)
                line = document_line(outcome.document) if outcome.document is not None else None
                outcome.document = None
                out.append((line, outcome))
            else:
                out.append(item)
        return out


def process(text: str, *, doc_id: str = "text", options: Options | None = None, format: str = "text") -> dict[str, Any]:
    """Process one text in memory (read as ``format``: text, markdown or html) and return its documents.jsonl
    object (raises on failure)."""
    outcome = Processor(options)(Record(doc_id, "<string>", text, format=format))
    if outcome.error:
        raise ValueError(outcome.error.reason)
    return outcome.document

