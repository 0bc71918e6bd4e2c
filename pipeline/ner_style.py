"""Guess which training source's annotation convention a Chinese text resembles (naive Bayes over character n-grams)."""
from __future__ import annotations

import gzip
import math
from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import repeat
from operator import add
from pathlib import Path

STYLE_NGRAMS_PATH = Path(__file__).resolve().parent / "resources" / "ner_zh.style_ngrams.tsv.gz"

# the kinds of training source, and the entity style "auto" gives text that reads like each.
# The news style is 6.6 points better than mixed on held-out MSRA news, the social style 2.3 points
# better than mixed on Weibo posts. The web style is 1.1 points better than mixed on CLUENER, but
# loses place names readers expect (日本, 欧洲) and cost 2 points of entity F1 on real articles
# (bench_claims, before the votes), which read like CLUENER: those get mixed.
SOURCE_KINDS = {"peoples-daily": "news", "msra": "news", "cluener": "web", "weibo": "social"}
# each kind is also an annotation convention the style model is trained and run in
KINDS = tuple(dict.fromkeys(SOURCE_KINDS.values()))
KIND_STYLE = {"news": "news", "web": "mixed", "social": "social"}
FALLBACK_STYLE = "mixed"  # when no kind is clearly ahead
MIN_MARGIN = 20.0  # log-likelihood lead (nats) the best kind needs over the next one (pipeline.training.style_guesser)
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
    return [*t, *map(add, t, t[1:])]


class StyleGuesser:
    """Multinomial naive Bayes over character uni- and bigrams, one class per kind of source."""

    def __init__(self, kinds: list[str], docs: list[int], counts: dict[str, list[int]]):
        self._fit(kinds, docs, {g: i for i, g in enumerate(counts)},
                  [array("d", (row[k] for row in counts.values())) for k in range(len(kinds))])

    def _fit(self, kinds: list[str], docs: list[int], row: dict[str, int], columns: list[array]) -> None:
        """Keep an n-gram's row number and one column per kind, its counts turned into log-probabilities in
        place: a text's score is then a C-level sum per kind, and 177 k n-grams take ~25 MB, not ~100 MB as
        a dict of tuples."""
        self.kinds = kinds
        ndocs = sum(docs)
        self.prior = [math.log(d / ndocs) if d else -1e9 for d in docs]
        v = len(row)
        for col in columns:
            denom = math.log(sum(col) + SMOOTHING * v)
            for i, c in enumerate(col):
                col[i] = math.log(c + SMOOTHING) - denom
            col.append(0.0)  # the row of every n-gram not in the table
        self._row = row
        self._columns = columns

    @property
    def logp(self) -> dict[str, tuple[float, ...]]:
        """{n-gram: its log-probability under each kind} (built on demand; scoring reads the columns)."""
        return {g: tuple(col[i] for col in self._columns) for g, i in self._row.items()}

    @classmethod
    def train(cls, examples: Iterable[tuple[str, str]], min_count: int = MIN_COUNT) -> StyleGuesser:
        """From (text, kind) pairs."""
        return cls(*count_ngrams(examples, min_count))

    @classmethod
    def load(cls, path=STYLE_NGRAMS_PATH) -> StyleGuesser | None:
        path = Path(path)
        if not path.exists():
            return None
        row: dict[str, int] = {}
        columns: list[array] = []
        kinds: list[str] = []
        docs: list[int] = []
        with gzip.open(path, "rt", encoding="utf-8", newline="\n") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "#kinds":
                    kinds = parts[1:]
                    columns = [array("d") for _ in kinds]
                elif parts[0] == "#docs":
                    docs = [int(x) for x in parts[1:]]
                elif kinds and len(parts) == len(kinds) + 1:
                    i = row.setdefault(parts[0], len(row))
                    for col, x in zip(columns, parts[1:]):
                        if i < len(col):  # the n-gram again: its last counts win
                            col[i] = int(x)
                        else:
                            col.append(int(x))
        if not kinds or len(docs) != len(kinds):
            return None
        guesser = cls.__new__(cls)
        guesser._fit(kinds, docs, row, columns)
        return guesser

    def scores(self, text: str) -> dict[str, float]:
        """Log-likelihood of ``text`` (its first MAX_CHARS characters) under each kind."""
        # an n-gram never seen in training reads the last row, 0.0 under every kind (x + 0.0 == x)
        rows = list(map(self._row.get, char_ngrams(text[:MAX_CHARS]), repeat(len(self._row))))
        return {kind: sum(map(col.__getitem__, rows), prior)
                for kind, col, prior in zip(self.kinds, self._columns, self.prior)}

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
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("#kinds\t" + "\t".join(kinds) + "\n").encode())
        gz.write(("#docs\t" + "\t".join(map(str, docs)) + "\n").encode())
        for g in sorted(counts):
            gz.write((g + "\t" + "\t".join(map(str, counts[g])) + "\n").encode("utf-8"))
    tmp.replace(path)
    return len(counts)
