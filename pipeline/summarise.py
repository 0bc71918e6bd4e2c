"""Summaries: keywords and key sentences per document, and streaming statistics for the whole corpus.

Per document (:func:`summarise_document`, stored as ``summary`` in documents.jsonl):

- ``keywords``: TF-IDF with jieba.analyse's IDF table (the ``extract_tags`` formula) and ``keywords_textrank``:
  jieba.analyse TextRank (:func:`textrank_words` repeats its arithmetic, without its per-call overheads), both
  over one segmentation by zhpipe's jieba tokenizer (user dictionary included, jieba tags, no second
  jieba.posseg HMM pass; the document's stored tokens when given). Both
  drop the stop words of ``resources/stopwords_zh.txt`` and tokens without a Han or Latin letter (years,
  figures, punctuation).
- ``key_sentences``: 3–5 sentence indexes in document order, chosen extractively with TextRank over
  sentences (Mihalcea & Tarau 2004: sentences are nodes, edges weigh the content words two sentences share,
  normalised by the log of their lengths; PageRank with damping 0.85). Two adjustments, from reading the
  sample: sentences under 12 characters (bylines, section headings such as ``01 从地面起飞``) are not
  candidates, and a sentence holding a numeric claim gets a 25 % boost, since a reader of this pipeline
  looks for the figures. Long documents rank at most ``MAX_RANKED_SENTENCES`` evenly spread sentences.
- ``entities``/``claims``: counts.

Corpus (:func:`corpus_summary`): one pass over a stream of documents with counters only (bounded memory);
claims are kept (up to ``MAX_CLAIMS``) for the claims table and the timelines, documents up to
``MAX_DOCUMENT_ROWS`` for the per-document table. Entities are counted under their canonical id, so 阿里云 in a
Chinese document and Alibaba Cloud in an English one are one entity (with its counts per language).

Cross-document check (``cross_document`` in the summary, :func:`cross_document_groups`): numeric claims are
grouped by (subject's canonical id, metric's English name, period), across documents and languages (营收 and
revenue are one metric, 阿里云 and Alibaba Cloud one subject); groups with claims from 2+ documents are listed
side by side. Claims of *different* documents in a group are compared pairwise (two claims of one document are
not compared with each other: they usually measure different things, such as a year's and a quarter's growth):

- different units are never compared: ``different currency`` when both are currencies (CNY vs USD: no
  exchange rate is assumed), ``different unit`` otherwise;
- otherwise each claim stands for an interval of values it is compatible with: its value (or range
  ``value``–``value_high``) widened by its shown precision, half a unit in the last digit written
  (``77.6 billion`` -> ±0.05 billion, ``776亿`` -> ±0.5亿, ``80 billion`` -> ±0.5 billion; none when the figure
  is in Chinese numerals); ``approx`` (约, nearly, about) widens it by a further ``APPROX_TOLERANCE`` (10 %) each
  way; ``gt``/``ge`` (more than, 超过) is open upwards, ``lt``/``le`` (不到, less than) open downwards;
- two claims **conflict** when their intervals do not overlap **and** their stated values differ by more
  than ``REL_TOLERANCE`` (1 %) relative to the larger one; otherwise they **agree**. So 77.6 billion and
  77.62 billion agree (0.03 %), 776亿 and 77.6 billion agree (equal), 80 billion and 77.6 billion conflict
  (3 %, outside ±0.5/±0.05 billion), "more than 48 billion" and exactly 26 billion conflict, "about 40" and
  40.5 agree, a range 7–8 % and 7.2 % agree.

A group's status is ``conflict`` if any pair conflicts, else ``agree`` if some pair agrees, else
``different currency``/``different unit`` (nothing comparable). Conflicting groups come first.
"""
from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from pypinyin import Style, lazy_pinyin

MAX_RANKED_SENTENCES = 400  # TextRank is quadratic in sentences: long documents are sampled evenly
MAX_CLAIMS = 20_000  # rows of the claims tables (summary.md, report.html); claims.csv has all
MAX_GROUP_CLAIMS = 100_000  # claims kept for the cross-document check
MAX_CLAIMS_PER_GROUP = 50
REL_TOLERANCE = 0.01
APPROX_TOLERANCE = 0.10
MAX_DOCUMENT_ROWS = 1000
TOP_ENTITIES = 10
MIN_KEY_SENTENCE_CHARS = 12
CLAIM_BOOST = 1.25

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORDLIKE = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")
TEXTRANK_SPAN = 5  # jieba's co-occurrence window
_TEXTRANK_POS = ("ns", "n", "vn", "v", "nt", "nz", "nr", "eng")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The shipped Chinese stop-word list (see its header for the source)."""
    text = resources.files("pipeline.resources").joinpath("stopwords_zh.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("# "))


@lru_cache(maxsize=100_000)  # the same words come back all the time (CoNLL-U writes one per token)
def to_pinyin(text: str, *, capitalize: bool = False) -> str:
    """Pinyin with tone marks for the Han characters of ``text`` (``阿里云`` -> ``ālǐyún``); '' when none."""
    if not _HAN.search(text):
        return ""
    out = re.sub(r"\s+", " ", "".join(lazy_pinyin(text, style=Style.TONE, errors="default"))).strip()
    return out[:1].upper() + out[1:] if capitalize else out


# --- keywords -------------------------------------------------------------------------------------------

Word = tuple[str, str, int]  # (word, jieba tag, start offset)


def words_of(text: str, tokens: Iterable[dict] | None = None) -> list[Word]:
    """``(word, jieba tag, start)`` of the document: its stored tokens, or zhpipe's segmentation of ``text``."""
    if tokens is not None:
        return [(t["text"], t.get("pos") or "x", t["start"]) for t in tokens]
    from .segment import split_words

    out, at = [], 0
    for word, tag, _kind in split_words(text):
        out.append((word, tag, at))
        at += len(word)
    return out


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    from jieba.analyse import TFIDF

    tfidf = TFIDF()
    return tfidf.idf_freq, tfidf.median_idf


@lru_cache(maxsize=1)
def _analyse_stop_words() -> frozenset[str]:
    from jieba.analyse import TFIDF

    return frozenset(TFIDF.STOP_WORDS) | stop_words()


def load_tables() -> None:
    """Load what the per-document summary reads (jieba's IDF table, the stop words) now, not at the first
    document."""
    _idf()
    _analyse_stop_words()


def _keep_keyword(word: str) -> bool:
    return bool(_WORDLIKE.search(word)) and not word.isdigit()


def keywords_tfidf(text: str, n: int = 10, words: list[Word] | None = None) -> list[str]:
    """TF-IDF keywords, as ``jieba.analyse.extract_tags`` computes them (jieba's IDF table, median IDF for
    unknown words, words of 2+ characters) over zhpipe's segmentation."""
    idf, median = _idf()
    stops = _analyse_stop_words()
    freq: Counter[str] = Counter()
    for w, _tag, _start in words if words is not None else words_of(text):
        if len(w.strip()) < 2 or w.lower() in stops or not _keep_keyword(w):
            continue
        freq[w] += 1
    total = sum(freq.values()) or 1
    scored = sorted(freq, key=lambda w: (-freq[w] * idf.get(w, median) / total, w))
    return scored[:n]


def keywords_textrank(text: str, n: int = 10, words: list[Word] | None = None) -> list[str]:
    """``jieba.analyse.TextRank`` keywords (co-occurrence window 5, nouns, verbs, names) over zhpipe's words."""
    words = words if words is not None else words_of(text)
    return [w for w in textrank_words(words, n * 3, _TEXTRANK_POS, _analyse_stop_words()) if _keep_keyword(w)][:n]


def textrank_words(words: list[Word], top_k: int, allow_pos: Iterable[str], stops: frozenset[str]) -> list[str]:
    """What ``jieba.analyse.TextRank().textrank(text, topK=top_k, allowPOS=allow_pos)`` returns when its
    tokenizer gives ``words`` and its stop words are ``stops``: the same graph built in the same order and the
    same float operations, so the same ranking; each word is filtered once and edges are looked up by index."""
    allowed = frozenset(allow_pos)
    keep = [tag in allowed and len(w.strip()) >= 2 and w.lower() not in stops for w, tag, _ in words]
    pairs: dict[tuple[str, str], int] = {}
    for i, (word, _tag, _start) in enumerate(words):
        if keep[i]:
            for j in range(i + 1, min(i + TEXTRANK_SPAN, len(words))):
                if keep[j]:
                    key = (word, words[j][0])
                    pairs[key] = pairs.get(key, 0) + 1
    edges: dict[str, list[tuple[str, int]]] = {}  # node -> (neighbour, weight), in jieba's graph order
    for (a, b), weight in pairs.items():
        edges.setdefault(a, []).append((b, weight))
        edges.setdefault(b, []).append((a, weight))
    return _rank_nodes(edges)[:top_k] if top_k else _rank_nodes(edges)


def _rank_nodes(edges: dict[str, list[tuple[str, int]]]) -> list[str]:
    """jieba's ``UndirectWeightedGraph.rank`` (10 in-place rounds over the sorted nodes, then its rescaling)
    and the descending sort of ``TextRank.textrank``."""
    nodes = list(edges)
    index = {node: i for i, node in enumerate(nodes)}
    out_sum = [sum((w for _, w in edges[node]), 0.0) for node in nodes]
    terms = [[(w / out_sum[index[m]], index[m]) for m, w in edges[node]] for node in nodes]
    ws = [1.0 / (len(nodes) or 1.0)] * len(nodes)
    order = [index[node] for node in sorted(nodes)]
    d = 0.85
    for _ in range(10):
        for i in order:
            s = 0
            for coef, m in terms[i]:
                s += coef * ws[m]
            ws[i] = (1 - d) + d * s
    min_rank, max_rank = sys.float_info[0], sys.float_info[3]  # jieba's start values (max float, min_10_exp)
    for w in ws:
        if w < min_rank:
            min_rank = w
        if w > max_rank:
            max_rank = w
    scaled = [(w - min_rank / 10.0) / (max_rank - min_rank / 10.0) for w in ws]
    return [nodes[i] for i in sorted(range(len(nodes)), key=scaled.__getitem__, reverse=True)]


# --- key sentences --------------------------------------------------------------------------------------

def _sentence_words(sentences: list[dict], words: list[Word]) -> list[dict[str, None]]:
    """The content words (lower-cased, no stop words, no bare numbers or punctuation) of each sentence, as
    insertion-ordered dicts: set order would change with PYTHONHASHSEED, and with it the float sums."""
    import bisect

    stops = stop_words()
    starts = [s["start"] for s in sentences]
    out: list[dict[str, None]] = [{} for _ in sentences]
    for w, _tag, start in words:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i]["end"] and _WORDLIKE.search(w) and w not in stops:
            out[i][w.lower()] = None
    return out


def _pagerank(weights: list[dict[int, float]], damping: float = 0.85, iterations: int = 30) -> list[float]:
    """PageRank over ``weights[i][j]`` (edge i -> j). Each round's sums are numpy ``bincount`` over the edges
    listed source by source, each node's base term first: the additions of the plain loop, in its order, so
    the scores are the same floats."""
    n = len(weights)
    out_sum = [sum(row.values()) for row in weights]
    live = [i for i in range(n) if out_sum[i]]
    sources = np.array([i for i in live for _ in weights[i]], dtype=np.intp)
    targets = np.concatenate([np.arange(n, dtype=np.intp),
                              np.array([j for i in live for j in weights[i]], dtype=np.intp)])
    values = np.array([w for i in live for w in weights[i].values()], dtype=np.float64)
    divisors = np.array([s or 1.0 for s in out_sum], dtype=np.float64)
    base = np.full(n, (1 - damping) / n)
    score = [1.0 / n] * n
    for _ in range(iterations):
        share = damping * np.array(score) / divisors
        new = np.bincount(targets, weights=np.concatenate([base, share[sources] * values]), minlength=n).tolist()
        delta = sum(abs(a - b) for a, b in zip(new, score))
        score = new
        if delta < 1e-5:  # only the order matters
            break
    return score


def _shared_word_weights(words: list[dict[str, None]]) -> list[dict[int, float]]:
    """Edge weights between sentences: how many content words two share, over the sum of the logs of their
    sizes. Each row keeps the key order of a plain double loop over the sentences of each word (the order
    ``_pagerank`` sums in)."""
    index: dict[str, list[int]] = defaultdict(list)
    for node, ws in enumerate(words):
        for w in ws:
            index[w].append(node)
    shared: list[Counter[int]] = [Counter() for _ in words]
    for nodes in index.values():
        if len(nodes) > 60:  # a word in dozens of sentences says little about any of them, and costs n² edges
            continue
        for a in nodes:
            row = shared[a]
            row.update(nodes)
            del row[a]
    logs = [math.log(len(ws) + 1) for ws in words]
    return [{b: n / ((logs[a] + logs[b]) or 1.0) for b, n in row.items()} for a, row in enumerate(shared)]


def key_sentences(text: str, sentences: list[dict], claims: Iterable[dict] = (), k: int | None = None,
                  words: list[Word] | None = None) -> list[int]:
    """Indexes of 3–5 key sentences (document order), by TextRank over sentences; see the module notes."""
    if not sentences:
        return []
    per_sentence = _sentence_words(sentences, words if words is not None else words_of(text))
    if k is None:
        k = 3 if len(sentences) < 30 else 4 if len(sentences) < 80 else 5
    candidates = [i for i, s in enumerate(sentences)
                  if len(text[s["start"]:s["end"]].strip()) >= MIN_KEY_SENTENCE_CHARS]
    if not candidates:
        candidates = list(range(len(sentences)))
    if len(candidates) > MAX_RANKED_SENTENCES:
        step = len(candidates) / MAX_RANKED_SENTENCES
        candidates = [candidates[int(i * step)] for i in range(MAX_RANKED_SENTENCES)]
    words = [per_sentence[i] for i in candidates]
    weights = _shared_word_weights(words)
    score = _pagerank(weights)
    claim_starts = sorted(c.get("start", -1) for c in claims)
    for node, i in enumerate(candidates):
        s = sentences[i]
        first = bisect_left(claim_starts, s["start"])
        if first < len(claim_starts) and claim_starts[first] < s["end"]:
            score[node] *= CLAIM_BOOST
    best = sorted(range(len(candidates)), key=lambda node: (-score[node], candidates[node]))[:k]
    return sorted(candidates[node] for node in best)


def summarise_document(text: str, sentences: list[dict], entities: Iterable[dict] = (),
                       claims: Iterable[dict] = (), tokens: Iterable[dict] | None = None) -> dict[str, Any]:
    """The per-document ``summary`` of documents.jsonl. Pass the document's ``tokens`` (dicts with text, pos,
    start) to reuse its segmentation; without them the text is segmented once here."""
    entities = list(entities or ())
    claims = list(claims or ())
    words = words_of(text, tokens)
    return {
        "keywords": keywords_tfidf(text, words=words),
        "keywords_textrank": keywords_textrank(text, words=words),
        "key_sentences": key_sentences(text, sentences, claims, words=words),
        "entities": len(entities),
        "claims": len(claims),
    }


# --- the corpus -----------------------------------------------------------------------------------------

def _period_key(period: str) -> tuple:
    """Sort periods chronologically by their first year (2019, FY2019, 2019-Q1, 2019-2023), else by text."""
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", period)
    return (0, int(m.group(1)), period) if m else (1, 0, period)


def corpus_summary(documents: Iterable[dict]) -> dict[str, Any]:
    """Statistics of the whole corpus in one streaming pass (counters; claims kept up to ``MAX_CLAIMS``)."""
    tally = CorpusTally()
    for doc in documents:
        tally.add(doc)
    return tally.summary()


class CorpusTally:
    """The counters of :func:`corpus_summary`; ``add`` takes one document at a time, in its steps."""

    def __init__(self) -> None:
        self.n_docs = self.chars = self.raw_chars = self.sentences = self.tokens = 0
        self.n_entities = self.n_claims = 0
        self.encodings: Counter[str] = Counter()
        self.scripts: Counter[str] = Counter()
        self.langs: Counter[str] = Counter()
        self.quality: Counter[str] = Counter()
        self.entity_counts: dict[str, Counter[str]] = defaultdict(Counter)  # label -> canonical id (or name) -> n
        self.surfaces: dict[str, Counter[str]] = defaultdict(Counter)  # canonical id -> the names it was found as
        self.entity_langs: dict[str, Counter[str]] = defaultdict(Counter)  # canonical id -> mentions per doc language
        self.groups: dict[tuple[str, str, str, str], list[dict]] = {}  # (canonical, metric_en, period, scope) -> claims
        self.group_claims = 0
        self.series_names: dict[tuple, tuple[Counter[str], Counter[str]]] = {}
        self.english: dict[str, str] = {}
        self.metric_counts: Counter[tuple[str, str]] = Counter()
        self.kind_counts: Counter[str] = Counter()
        self.claims: list[dict] = []
        self.claims_truncated = False
        self.series: dict[tuple, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        self.docs: list[dict] = []

    def add(self, doc: dict) -> None:
        lang = str(doc.get("lang") or "unknown")
        self._count(doc, lang)
        self._add_entities(doc.get("entities") or [], lang)
        for claim in doc.get("claims") or []:
            subject = claim.get("subject")
            if subject and claim.get("subject_en") and subject not in self.english:
                self.english[str(subject)] = str(claim["subject_en"])
        self._add_claims(doc, lang)
        if len(self.docs) < MAX_DOCUMENT_ROWS:
            self.docs.append(_document_row(doc))

    def _count(self, doc: dict, lang: str) -> None:
        """Sizes, encodings, scripts, languages and the cleaning statistics (``quality``)."""
        self.n_docs += 1
        self.chars += len(doc.get("text") or "")
        self.raw_chars += len(doc.get("raw_text") or "")
        self.sentences += len(doc.get("sentences") or [])
        self.tokens += len(doc.get("tokens") or [])
        q = doc.get("quality") or {}
        self.encodings[str(q.get("encoding") or "unknown")] += 1
        self.scripts[str(doc.get("script") or "unknown")] += 1
        self.langs[lang] += 1
        for key, value in q.items():
            if isinstance(value, bool) or key == "encoding":
                continue
            if isinstance(value, (int, float)):
                self.quality[key] += value
            elif isinstance(value, list):
                self.quality[key] += len(value)

    def _add_entities(self, ents: list[dict], lang: str) -> None:
        """Entity counts under their canonical id (阿里云 and Alibaba Cloud count as one), names, English names."""
        self.n_entities += len(ents)
        for ent in ents:
            label, name = str(ent.get("label", "")), str(ent.get("text", ""))
            key = str(ent.get("canonical") or name)
            self.entity_counts[label][key] += 1
            self.surfaces[key][name] += 1
            self.entity_langs[key][lang] += 1
            if ent.get("english") and name not in self.english:
                self.english[name] = str(ent["english"])
                self.english.setdefault(key, str(ent["english"]))

    def _add_claims(self, doc: dict, lang: str) -> None:
        """Claim counts, the claims table (up to ``MAX_CLAIMS``), the timelines and the cross-document groups."""
        doc_claims = doc.get("claims") or []
        self.n_claims += len(doc_claims)
        for claim in doc_claims:
            self.metric_counts[(str(claim.get("metric") or ""), str(claim.get("metric_en") or ""))] += 1
            self.kind_counts[str(claim.get("kind") or "")] += 1
            if len(self.claims) < MAX_CLAIMS:
                self.claims.append(claim)
            else:
                self.claims_truncated = True
            value, period = claim.get("value"), claim.get("period")
            if isinstance(value, (int, float)) and not isinstance(value, bool) and period and claim.get("metric"):
                self._add_to_series(claim, doc, lang, float(value), str(period))

    def _add_to_series(self, claim: dict, doc: dict, lang: str, value: float, period: str) -> None:
        # one series per subject (its canonical id: across names and languages), metric (its English
        # name: 营收, 收入 and revenue are one) and unit
        subject = str(claim.get("subject") or "")
        subject_key = str(claim.get("canonical") or subject)
        metric_key = str(claim.get("metric_en") or claim.get("metric"))
        key = (subject_key, metric_key, str(claim.get("unit") or ""))
        self.series[key][period].append(value)
        self.series_names.setdefault(key, (Counter(), Counter()))
        self.series_names[key][0][subject] += 1
        self.series_names[key][1][str(claim.get("metric"))] += 1
        group_key = (subject_key, metric_key, period, str(claim.get("scope") or ""))
        if subject_key and self.group_claims < MAX_GROUP_CLAIMS:
            members = self.groups.setdefault(group_key, [])
            if len(members) < MAX_CLAIMS_PER_GROUP:
                members.append(_group_row(claim, doc, lang))
                self.group_claims += 1

    def summary(self) -> dict[str, Any]:
        """The corpus summary of the documents added so far."""
        return {
            "documents": self.n_docs, "characters": self.chars, "raw_characters": self.raw_chars,
            "sentences": self.sentences, "tokens": self.tokens, "entities": self.n_entities, "claims": self.n_claims,
            "encodings": dict(self.encodings.most_common()), "scripts": dict(self.scripts.most_common()),
            "languages": dict(self.langs.most_common()), "quality": dict(self.quality),
            "top_entities": self._top_entities(), "english": self.english,
            "claims_by_metric": [{"metric": m, "metric_en": e, "count": c}
                                 for (m, e), c in self.metric_counts.most_common()],
            "claims_by_kind": dict(self.kind_counts.most_common()),
            "claim_rows": self.claims, "claims_truncated": self.claims_truncated,
            "timeline": self._timeline(),
            "cross_document": cross_document_groups(self.groups, self.english),
            "document_rows": self.docs, "documents_truncated": self.n_docs > len(self.docs),
        }

    def _top_entities(self) -> dict[str, list[dict]]:
        """The ``TOP_ENTITIES`` most frequent entities per label, labels by frequency."""
        english, top = self.english, {}
        for label, counter in sorted(self.entity_counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            rows = []
            for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ENTITIES]:
                name = _shown_name(self.surfaces[key])
                rows.append({"text": name, "count": count, "pinyin": to_pinyin(name, capitalize=True),
                             "english": english.get(name) or english.get(key, ""),
                             "names": [n for n, _ in self.surfaces[key].most_common()], "canonical": key,
                             "languages": dict(self.entity_langs[key].most_common())})
            top[label] = rows
        return top

    def _timeline(self) -> list[dict]:
        """One series per (subject, metric, unit) with its values per period; the longest first."""
        timeline = []
        for (subject_key, metric_key, unit), periods in self.series.items():
            subjects, metrics = self.series_names[(subject_key, metric_key, unit)]
            subject = _shown_name(subjects)
            metric = _shown_name(metrics)
            points = [{"period": p, "values": vs} for p, vs in sorted(periods.items(), key=lambda kv: _period_key(kv[0]))]
            timeline.append({"subject": subject,
                             "subject_en": self.english.get(subject) or self.english.get(subject_key, ""),
                             "subject_pinyin": to_pinyin(subject, capitalize=True), "metric": metric,
                             "metric_en": metric_key if metric_key != metric else "", "unit": unit, "points": points})
        timeline.sort(key=lambda s: (-len(s["points"]), -sum(len(p["values"]) for p in s["points"]), s["subject"]))
        return timeline


def _shown_name(names: Counter[str]) -> str:
    """The name to show: the most frequent Chinese one, else the most frequent."""
    ranked = sorted(names.items(), key=lambda kv: (not _HAN.search(kv[0]), -kv[1], kv[0]))
    return ranked[0][0] if ranked else ""


def _document_row(doc: dict) -> dict:
    """A row of the per-document table: sizes, encoding, keywords and key sentences (summarised if not stored)."""
    text = doc.get("text") or ""
    sents = doc.get("sentences") or []
    ents = doc.get("entities") or []
    doc_claims = doc.get("claims") or []
    summary = doc.get("summary") or {}
    if "keywords" not in summary:
        summary = summarise_document(text, sents, ents, doc_claims, doc.get("tokens"))
    key_texts = [text[sents[i]["start"]:sents[i]["end"]] for i in summary.get("key_sentences", [])
                 if isinstance(i, int) and 0 <= i < len(sents)]
    return {"id": str(doc.get("id", "")), "source": str(doc.get("source", "")),
            "chars": len(text), "sentences": len(sents), "entities": len(ents),
            "claims": len(doc_claims), "script": str(doc.get("script") or ""),
            "encoding": str((doc.get("quality") or {}).get("encoding") or ""),
            "keywords": list(summary.get("keywords", [])),
            "keywords_textrank": list(summary.get("keywords_textrank", [])),
            "key_sentences": key_texts}


# --- cross-document check ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CURRENCY = re.compile(r"[A-Z]{3}")


def _group_row(claim: dict, doc: dict, lang: str) -> dict:
    """What the cross-document check keeps of a claim."""
    keys = ("doc_id", "claim_id", "text", "sentence", "kind", "value", "value_high", "unit", "qualifier", "subject",
            "subject_en", "metric", "metric_en", "scope", "period", "source", "en", "canonical")
    row = {k: claim.get(k) for k in keys}
    row["doc_id"] = str(claim.get("doc_id") or doc.get("id") or "")
    row["lang"] = lang
    return row


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def shown_precision(text: str, value: float) -> float:
    """Half a unit in the last digit written for ``value`` in the claim's ``text`` (``77.6 billion`` ->
    0.05e9, ``776亿`` -> 0.5e8, ``$48 billion`` -> 0.5e9); 0 when no written figure matches ``value`` (Chinese
    numerals such as 百亿, or a value the claim layer computed)."""
    if not value:
        return 0.0
    for m in _NUMBER.finditer(text or ""):
        literal = m.group().replace(",", "")
        try:
            written = float(literal)
        except ValueError:
            continue
        if not written:
            continue
        scale = abs(value) / written
        exponent = round(math.log10(scale)) if scale > 0 else 0
        if abs(scale - 10 ** exponent) > 1e-6 * 10 ** exponent:
            continue  # not this figure times a power of ten (10⁴ 万, 10⁸ 亿, 10⁹ billion ...)
        decimals = len(literal.split(".")[1]) if "." in literal else 0
        return 0.5 * 10 ** (-decimals) * scale
    return 0.0


def claim_interval(claim: dict) -> tuple[float, float]:
    """The values a claim is compatible with: its value or range, widened by its shown precision,
    ``APPROX_TOLERANCE`` for approx, open upwards for gt/ge and downwards for lt/le."""
    low = float(claim["value"])
    high = float(claim["value_high"]) if _is_number(claim.get("value_high")) else low
    low, high = min(low, high), max(low, high)
    slack = shown_precision(str(claim.get("text") or ""), float(claim["value"]))
    qualifier = str(claim.get("qualifier") or "exact")
    if qualifier == "approx":
        lo, hi = low - APPROX_TOLERANCE * abs(low) - slack, high + APPROX_TOLERANCE * abs(high) + slack
    else:
        lo, hi = low - slack, high + slack
    if qualifier in ("gt", "ge"):
        hi = math.inf
    elif qualifier in ("lt", "le"):
        lo = -math.inf
    return lo, hi


def compare_claims(a: dict, b: dict) -> str:
    """``agree``, ``conflict``, ``different currency`` or ``different unit`` for two claims (see the module
    notes for the rule)."""
    unit_a, unit_b = str(a.get("unit") or ""), str(b.get("unit") or "")
    if unit_a != unit_b:
        both_money = _CURRENCY.fullmatch(unit_a) and _CURRENCY.fullmatch(unit_b)
        return "different currency" if both_money else "different unit"
    lo_a, hi_a = claim_interval(a)
    lo_b, hi_b = claim_interval(b)
    if max(lo_a, lo_b) <= min(hi_a, hi_b):
        return "agree"
    # the stated values (ranges as ranges): how far apart, relative to the larger one
    va = sorted((float(a["value"]), float(a["value_high"]) if _is_number(a.get("value_high")) else float(a["value"])))
    vb = sorted((float(b["value"]), float(b["value_high"]) if _is_number(b.get("value_high")) else float(b["value"])))
    gap = max(va[0] - vb[1], vb[0] - va[1], 0.0)
    scale = max(abs(x) for x in va + vb)
    return "conflict" if scale and gap / scale > REL_TOLERANCE else "agree"


def cross_document_groups(groups: dict[tuple[str, str, str, str], list[dict]],
                          english: dict[str, str] | None = None) -> list[dict]:
    """The groups of claims about one subject, metric, period and scope with claims from 2+ documents, each with its
    status, the claims side by side (each with ``check``: its worst comparison with other documents' claims)
    and the compared pairs (indexes into ``claims``). Conflicts first, then by subject, metric and period."""
    english = english or {}
    order = {"conflict": 0, "agree": 1, "different currency": 2, "different unit": 3, "": 4}
    out = []
    for (canonical, metric_key, period, *scope), rows in groups.items():
        doc_ids = list(dict.fromkeys(r["doc_id"] for r in rows))
        if len(doc_ids) < 2:
            continue
        rows = sorted(rows, key=lambda r: (doc_ids.index(r["doc_id"]), str(r.get("claim_id") or "")))
        checks = [""] * len(rows)
        pairs = []
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                if rows[i]["doc_id"] == rows[j]["doc_id"]:
                    continue
                verdict = compare_claims(rows[i], rows[j])
                pairs.append({"a": i, "b": j, "result": verdict})
                for k in (i, j):
                    if order[verdict] < order[checks[k]]:
                        checks[k] = verdict
        status = min((p["result"] for p in pairs), key=order.__getitem__, default="")
        claims = [dict(r, check=c) for r, c in zip(rows, checks)]
        subjects = Counter(str(r.get("subject") or "") for r in rows)
        metrics = Counter(str(r.get("metric") or "") for r in rows)
        zh_subjects = [n for n, _ in subjects.most_common() if _HAN.search(n)]
        subject = zh_subjects[0] if zh_subjects else subjects.most_common(1)[0][0]
        zh_metrics = [n for n, _ in metrics.most_common() if _HAN.search(n)]
        metric = zh_metrics[0] if zh_metrics else metrics.most_common(1)[0][0]
        subject_en = (english.get(canonical) or next((str(r["subject_en"]) for r in rows if r.get("subject_en")), "")
                      or english.get(subject, ""))
        out.append({"canonical": canonical, "subject": subject, "subject_en": subject_en,
                    "subject_pinyin": to_pinyin(subject, capitalize=True), "metric": metric,
                    "metric_en": metric_key, "scope": scope[0] if scope else "", "period": period, "status": status,
                    "documents": doc_ids, "languages": sorted({r["lang"] for r in rows}),
                    "conflicts": sum(p["result"] == "conflict" for p in pairs), "pairs": pairs, "claims": claims})
    out.sort(key=lambda g: (order[g["status"]], g["canonical"], g["metric_en"], _period_key(g["period"])))
    return out
