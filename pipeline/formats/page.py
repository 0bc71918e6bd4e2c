"""Pages: the text a reader sees in a file of one format, with the offset map back to the file as read."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..normalise.offsets import OffsetChain


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
