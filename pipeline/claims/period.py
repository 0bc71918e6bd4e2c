"""Claims: the period a figure refers to (years, quarters, fiscal years; 当年 is the year last named)."""
from __future__ import annotations

import re
from bisect import bisect_left

PERIOD = re.compile(
    r"(?P<fy>(?:19|20)\d{2})\s*财年|(?:FY|fiscal(?: year)?\s*)(?P<fy2>(?:19|20)\d{2})"
    r"|(?P<qy>(?:19|20)\d{2})\s*年?\s*(?:第)?(?P<q>[一二三四1-4])\s*季度"
    r"|(?:the\s+)?(?P<qe>first|second|third|fourth)\s+quarter\s+of\s+(?P<qey>(?:19|20)\d{2})"
    r"|\bQ(?P<q2>[1-4])\s*(?P<q2y>(?:19|20)\d{2})\b"
    r"|(?<![比较])(?P<y>(?:19|20)\d{2})\s*年(?!代)|\b(?:in|during|for|by)\s+(?P<ey>(?:19|20)\d{2})\b"
    r"|(?P<same>当年|同年|这年|这一年|那一年|that year|the same year)",
    re.I,
)
YEAR_RANGE = re.compile(r"从\s*((?:19|20)\d{2})\s*年?\s*(?:到|至|-|—)\s*((?:19|20)\d{2})\s*年|"
                        r"from\s+((?:19|20)\d{2})\s+(?:to|through)\s+((?:19|20)\d{2})", re.I)
QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}
YEAR = re.compile(r"(?:19|20)\d{2}")


def period_of(m: re.Match, last_year: str | None) -> str | None:
    """The period one PERIOD match names (``当年`` and friends: ``last_year``)."""
    g = m.groupdict()
    if g["fy"] or g["fy2"]:
        return f"FY{g['fy'] or g['fy2']}"
    if g["qy"]:
        return f"{g['qy']}-Q{QUARTER_WORDS.get(g['q'], g['q'])}"
    if g["qe"]:
        return f"{g['qey']}-Q{QUARTER_WORDS[g['qe'].lower()]}"
    if g["q2"]:
        return f"{g['q2y']}-Q{g['q2']}"
    if g["y"] or g["ey"]:
        return g["y"] or g["ey"]
    return last_year


def year_of(period: str | None) -> str | None:
    """The first year in a period (``FY2019`` -> ``2019``)."""
    if not period:
        return None
    found = YEAR.search(period)
    return found.group(0) if found else None


class Periods:
    """The periods named in one sentence, with O(log n) lookups of the nearest one before or after a position."""

    def __init__(self, text: str, last_year: str | None):
        self.found: list[tuple[int, str | None]] = []
        year = last_year
        for p in PERIOD.finditer(text):
            period = period_of(p, year)
            self.found.append((p.start(), period))
            year = year_of(period) or year
        named = [(s, p) for s, p in self.found if p]
        self._starts = [s for s, _ in named]
        self._periods = [p for _, p in named]

    def before(self, pos: int) -> str | None:
        """The last period named before ``pos``."""
        i = bisect_left(self._starts, pos)
        return self._periods[i - 1] if i else None

    def after(self, pos: int) -> str | None:
        """The first period named at or after ``pos``."""
        i = bisect_left(self._starts, pos)
        return self._periods[i] if i < len(self._periods) else None

    def last(self) -> str | None:
        return self._periods[-1] if self._periods else None
