"""Guess which training source's annotation convention a Chinese text resembles (naive Bayes over character n-grams)."""
from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

STYLE_NGRAMS_PATH = Path(__file__).resolve().parent / "resources" / "ner_zh.style_ngrams.tsv.gz"

# the kinds of training source, and the entity style "auto" gives text that reads like each.
# The news style is 2.6 points better than mixed on held-out People's Daily/MSRA text, the social
# style 4-6 points better than mixed on Weibo posts. The web style is 1.5 points better than mixed
# on CLUENER, but loses place names readers expect (日本, 欧洲) and adds fragments on modern
# articles, which read like CLUENER: those get mixed.
SOURCE_KINDS = {"peoples-daily": "news", "msra": "news", "cluener": "web", "weibo": "social"}
# each kind is also an annotation convention the style model is trained and run in
KINDS = tuple(dict.fromkeys(SOURCE_KINDS.values()))
KIND_STYLE = {"news": "news", "web": "mixed", "social": "social"}
FALLBACK_STYLE = "mixed"  # when no kind is clearly ahead
MIN_MARGIN = 10.0  # log-likelihood lead (nats) the best kind needs over the next one
MAX_CHARS = 4000  # a document's first characters are enough evidence
MIN_COUNT = 2  # n-grams seen fewer times in all training text are not stored
SMOOTHING = 0.5

_DIGITS = str.maketrans("0123456789０１２３４５６７８９", "0" * 20)


def kind_of(source: str | None) -> str | None:
    """The kind of a training source name (``cluener-train`` -> ``web``), None when unknown."""
    return next((v for k, v in SOURCE_KINDS.items() if (source or "").startswith(k)), None)


def char_ngrams(text: str) -> list[str]:
    """Characters and character bigrams of ``text``, digits folded to 0."""
    t = text.translate(_DIGITS)
    return list(t) + [t[i:i + 2] for i in range(len(t) - 1)]


class StyleGuesser:
    """Multinomial naive Bayes over character uni- and bigrams, one class per kind of source."""

    def __init__(self, kinds: list[str], docs: list[int], counts: dict[str, list[int]]):
        self.kinds = kinds
        totals = [0] * len(kinds)
        for row in counts.values():
            for k, c in enumerate(row):
                totals[k] += c
        v = len(counts)
        denom = [math.log(t + SMOOTHING * v) for t in totals]
        ndocs = sum(docs)
        self.prior = [math.log(d / ndocs) if d else -1e9 for d in docs]
        self.logp = {g: tuple(math.log(c + SMOOTHING) - denom[k] for k, c in enumerate(row))
                     for g, row in counts.items()}

    @classmethod
    def train(cls, examples: Iterable[tuple[str, str]], min_count: int = MIN_COUNT) -> StyleGuesser:
        """From (text, kind) pairs."""
        return cls(*count_ngrams(examples, min_count))

    @classmethod
    def load(cls, path=STYLE_NGRAMS_PATH) -> StyleGuesser | None:
        path = Path(path)
        if not path.exists():
            return None
        counts: dict[str, list[int]] = {}
        kinds: list[str] = []
        docs: list[int] = []
        with gzip.open(path, "rt", encoding="utf-8", newline="\n") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "#kinds":
                    kinds = parts[1:]
                elif parts[0] == "#docs":
                    docs = [int(x) for x in parts[1:]]
                elif len(parts) == len(kinds) + 1:
                    counts[parts[0]] = [int(x) for x in parts[1:]]
        if not kinds or len(docs) != len(kinds):
            return None
        return cls(kinds, docs, counts)

    def scores(self, text: str) -> dict[str, float]:
        """Log-likelihood of ``text`` (its first MAX_CHARS characters) under each kind."""
        sc = list(self.prior)
        logp = self.logp
        r = range(len(sc))
        for g in char_ngrams(text[:MAX_CHARS]):
            row = logp.get(g)
            if row is not None:
                for k in r:
                    sc[k] += row[k]
        return dict(zip(self.kinds, sc))

    def kind(self, text: str, min_margin: float = MIN_MARGIN) -> str | None:
        """The kind of source ``text`` resembles, or None when none leads by ``min_margin``."""
        sc = sorted(self.scores(text).items(), key=lambda kv: kv[1], reverse=True)
        if len(sc) < 2 or sc[0][1] - sc[1][1] <= min_margin:
            return None
        return sc[0][0]

    def style(self, text: str, min_margin: float = MIN_MARGIN) -> str:
        """The entity style for ``text``: its kind's best style, or FALLBACK_STYLE when unsure."""
        return KIND_STYLE.get(self.kind(text, min_margin), FALLBACK_STYLE)


def count_ngrams(examples: Iterable[tuple[str, str]], min_count: int = MIN_COUNT):
    """(kinds, documents per kind, {n-gram: count per kind}) of (text, kind) pairs, rare n-grams left out."""
    per_kind: dict[str, Counter] = {}
    docs: Counter = Counter()
    for text, kind in examples:
        docs[kind] += 1
        per_kind.setdefault(kind, Counter()).update(char_ngrams(text))
    kinds = sorted(per_kind)
    total: Counter = Counter()
    for c in per_kind.values():
        total.update(c)
    counts = {g: [per_kind[k][g] for k in kinds] for g, n in total.items()
              if n >= min_count and "\t" not in g and "\n" not in g}
    return kinds, [docs[k] for k in kinds], counts


def save_counts(examples: Iterable[tuple[str, str]], path, min_count: int = MIN_COUNT) -> int:
    """Write the n-gram table StyleGuesser.load reads (gzip TSV, same data -> same bytes); returns its rows."""
    kinds, docs, counts = count_ngrams(examples, min_count)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("#kinds\t" + "\t".join(kinds) + "\n").encode())
        gz.write(("#docs\t" + "\t".join(map(str, docs)) + "\n").encode())
        for g in sorted(counts):
            gz.write((g + "\t" + "\t".join(map(str, counts[g])) + "\n").encode("utf-8"))
    tmp.replace(path)
    return len(counts)
