"""Mentions of the numbers stage: the public NumberMention, the working Mention, and choosing among overlapping ones."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .numerals import ParsedNumber


@dataclass(frozen=True, slots=True)
class NumberMention:
    text: str
    start: int
    end: int
    value: float
    value_high: float | None
    unit: str | None
    kind: str
    qualifier: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Mention:
    """A mention while it is being found: offsets into the normalised text, value and what was read around it."""
    start: int
    end: int
    value: float
    high: float | None = None
    unit: str | None = None
    kind: str = "number"
    qualifier: str = "exact"
    scale: float = 1.0
    has_scale: bool = False
    frac: bool = False
    secs: float | None = None     # merged durations: exact length in seconds (365-day year)


def resolve(cands: list[Mention]) -> list[Mention]:
    """Keep longest non-overlapping candidates (earlier start wins ties)."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Mention] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
        elif out and c.end - c.start > out[-1].end - out[-1].start and c.start == out[-1].start:
            out[-1] = c
            last_end = c.end
    return out


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def clean(v: float) -> float:
    r = round(v, 9)
    return float(r) if math.isfinite(r) else v


@dataclass(slots=True)
class Draft:
    """What has been read around a parsed number so far; each step of ``decorate`` reads one prefix or suffix into it."""
    num: ParsedNumber
    s: int
    e: int
    value: float
    high: float | None
    qual: str
    scale: float
    has_scale: bool
    arabic_tail: bool             # the number ends in Arabic digits (so English scale words may follow)
    unit: str | None = None
    kind: str = "number"
    frac: bool = False
    cur: str | None = None        # currency code read before or after the number
    temp_unit: str | None = None  # °C / °F from a 摄氏 / 华氏 prefix
    qual_start: int | None = None
    model_name: bool = False

    @property
    def begin(self) -> int:
        """Start of the mention, its prefix qualifier included."""
        return self.s if self.qual_start is None else self.qual_start

    def plain(self, end: int, value: float) -> Mention:
        """A bare number (qualifier kept) ending at ``end``."""
        return Mention(self.begin, end, value, kind="number", qualifier=self.qual)

    def mention(self) -> Mention:
        return Mention(self.begin, self.e, self.value, self.high, self.unit, self.kind, self.qual, self.scale,
                       self.has_scale, self.frac)
