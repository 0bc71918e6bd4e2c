"""Claims: clause boundaries of a sentence, found once and looked up by position (bisect, no rescans)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# a colon is no break: "规模是：563亿美元" keeps its figure with its subject
CLAUSE_BREAK = re.compile(r"[，,；;—]|——")
# English coordinates clauses with "and" ("AWS had $48 billion and Azure nearly $26 billion")
CLAUSE_BREAK_EN = re.compile(r"[，,；;—]|——|\band\b")


class Clauses:
    """The clause breaks of one sentence."""

    def __init__(self, text: str, pattern: re.Pattern = CLAUSE_BREAK):
        spans = [m.span() for m in pattern.finditer(text)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]
        self.length = len(text)

    def start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: the end of the last break that ends by ``pos``."""
        i = bisect_right(self._ends, pos)
        return self._ends[i - 1] if i else 0

    def end(self, pos: int) -> int:
        """Where the clause holding ``pos`` ends: the start of the first break at or after ``pos``."""
        i = bisect_left(self._starts, pos)
        return self._starts[i] if i < len(self._starts) else self.length

    def next_break(self, pos: int) -> int | None:
        i = bisect_left(self._starts, pos)
        return self._starts[i] if i < len(self._starts) else None
