"""Pages: the text a reader sees in a file of one format, with the offset map back to the file as read."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from unicodedata import east_asian_width

from ..normalise.offsets import OffsetChain, OffsetMap, TextBuilder
from ..normalise.patterns import HAN


@dataclass
class Page:
    """What a reader sees of a file: its text, the way back to the file, what was left out and why."""

    text: str
    offsets: OffsetChain = field(default_factory=OffsetChain)
    format: str = "text"
    removed: Counter = field(default_factory=Counter)  # characters (or links) left out, by kind
    meta: dict = field(default_factory=dict)  # what the page says about itself: title, date


def text_page(raw: str) -> Page:
    """Plain text is read as it is (the cleaning steps still remove HTML remains from it)."""
    return Page(raw)


_CJK = re.compile(f"[{HAN}\u3000-\u303f\uff00-\uffef]")
WRAPPED_LINE = 50  # display columns: a paragraph line at least this wide that goes on below was wrapped


def _width(line: str) -> int:
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line)


class PageBuilder:
    """Builds the visible text from the pieces of a source that are kept, in source order.

    Whatever lies between two kept pieces is markup: it is removed, or becomes one line break
    where a block (paragraph, heading, list item, table cell) ends (``brk``), or a space where a
    line break inside a paragraph joins two words (``soft``; nothing between Chinese characters).
    With ``wrapped_lines`` (Markdown, where line breaks are the author's) a soft break after a
    short line stays a line break.
    """

    def __init__(self, src: str, *, wrapped_lines: bool = False):
        self.src = src
        self.wrapped_lines = wrapped_lines
        self.builder = TextBuilder(src)
        self.last = 0  # end of the last kept piece
        self.tail = ""  # the last character written
        self.brk = False
        self.soft = False
        self.removed = 0  # characters of the source left out

    def keep(self, start: int, end: int, new: str | None = None) -> None:
        """Keep ``src[start:end]`` (written as ``new`` when given: a decoded escape or entity)."""
        if start < self.last or start >= end:
            return
        gap = self.src[self.last:start]
        text = self.src[start:end] if new is None else new
        if not self.tail:
            sep = gap if gap.isspace() else ""
        elif self.brk:
            sep = gap if gap.isspace() and "\n" in gap else "\n"
        elif self.soft:
            sep = self._soft_break(gap, text)
        else:
            sep = ""
        if sep != gap:
            self.builder.replace(self.last, start, sep)
            self.removed += len(gap) - len(sep)
        if new is not None and new != self.src[start:end]:
            self.builder.replace(start, end, new)
        self.last, self.tail = end, text[-1:]
        self.brk = self.soft = False

    def _soft_break(self, gap: str, text: str) -> str:
        if self.wrapped_lines:
            newline = self.last + max(0, gap.find("\n"))
            if _width(self.src[self.src.rfind("\n", 0, newline) + 1:newline]) < WRAPPED_LINE:
                return "\n"
        return "" if _CJK.match(self.tail) and _CJK.match(text[:1]) else " "

    def finish(self) -> tuple[str, OffsetMap]:
        """The text and its map to the source; what follows the last piece is removed (a line break stays)."""
        gap = self.src[self.last:]
        if gap and not gap.isspace():
            sep = "\n" if self.tail else ""
            self.builder.replace(self.last, len(self.src), sep)
            self.removed += len(gap) - len(sep)
        return self.builder.finish()
