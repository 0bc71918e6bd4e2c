"""Claims: what a figure measures (营收, 市场份额, growth), from the metric glossary (resources/metrics.tsv)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources

from .clauses import Clauses


@lru_cache(maxsize=1)
def metric_glossary() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    """term -> (canonical, english) and one regex over all terms, longest first."""
    text = resources.files("pipeline.resources").joinpath("metrics.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    table = {term.lower(): (canonical, english) for term, canonical, english in rows}
    terms = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(rf"\b{re.escape(t)}\b" if t.isascii() else re.escape(t) for t in terms), re.I)
    return table, pattern


def is_metric(word: str) -> bool:
    return word.lower() in metric_glossary()[0]


class Metrics:
    """The glossary terms of one sentence (non-overlapping, in order), looked up by position."""

    def __init__(self, text: str, clauses: Clauses):
        self.terms = [(m.start(), m.end(), m.group(0)) for m in metric_glossary()[1].finditer(text)]
        self._starts = [s for s, _, _ in self.terms]
        self._ends = [e for _, e, _ in self.terms]
        self.clauses = clauses

    def last(self) -> str | None:
        return self.terms[-1][2] if self.terms else None

    def any_before(self, pos: int) -> bool:
        return bool(self.terms) and self._starts[0] < pos

    def near(self, start: int, end: int, english: bool = False) -> str | None:
        """The term before the figure at ``start:end`` within its clause (Chinese: the nearest; English: the
        first, as in "share of cloud spending was 36%"), else the one right after it in the clause."""
        lo = bisect_left(self._starts, self.clauses.start(start))
        hi = bisect_right(self._ends, start)
        if lo < hi:
            return self.terms[lo][2] if english else self.terms[hi - 1][2]
        i = bisect_left(self._starts, end)
        if i < len(self.terms) and self._ends[i] <= self.clauses.end(end):
            return self.terms[i][2]
        return None
