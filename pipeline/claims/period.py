"""Claims: the period a figure refers to (years, quarters, fiscal years; 当年 is the year last named)."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..numbers.patterns import fold

PERIOD = re.compile(
    r"(?P<fy>(?:19|20)\d{2})\s*财年|(?:FY|fiscal(?: year)?\s*)(?P<fy2>(?:19|20)\d{2})"
    r"|(?P<qy>(?:19|20)\d{2})\s*年?\s*(?:第)?(?P<q>[一二三四1-4])\s*季度?"
    r"|(?:the\s+)?(?P<qe>first|second|third|fourth)\s+quarters?\s+of\s+(?P<qey>(?:19|20)\d{2})"
    r"|\b(?:Q|Qtr\.?\s*|quarter\s+)(?P<q2>[1-4]),?\s*(?P<q2y>(?:19|20)\d{2})\b"
    r"|(?<=\d)[ \t]{2,}(?P<ty>(?:19|20)\d{2})(?:\s*[–-]\s*(?P<ty2>\d{2}))?[ \t]*$"
    r"|“?十(?P<plan>[一二三四五六七八九])五”?(?:时期|期间|规划)?"
    r"|(?:过去|近)的?(?P<past>[二两三四五六七八九十\d]{1,2})年"
    r"|^[\s#*\-]*(?P<hy>(?:19|20)\d{2})[\s年:：]*$"
    r"|(?<![比较])(?P<y>(?:19|20)\d{2})\s*年(?!代)|(?P<y2>(?:19|20)\d{2})(?=全年|年度|上半年|下半年)"
    r"|\b(?:in|during|for|by|as of|since|until|through|of)\s+(?P<ey>(?:19|20)\d{2})\b(?!\s*%)"
    r"|\((?P<py>(?:19|20)\d{2})(?:\s*est\.?)?\)"
    r"|(?P<same>当年|同年|这年|这一年|那一年|that year|the same year)",
    re.I | re.M,
)
YEAR_RANGE = re.compile(r"从\s*((?:19|20)\d{2})\s*年?\s*(?:到|至|-|—)\s*((?:19|20)\d{2})\s*年|"
                        r"from\s+((?:19|20)\d{2})\s+(?:to|through)\s+((?:19|20)\d{2})", re.I)
QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}
YEAR = re.compile(r"(?:19|20)\d{2}")


def period_of(m: re.Match, last_year: str | None) -> str | None:
    """The period one PERIOD match names, in the data's convention: ``2022``, ``2022Q3`` (fiscal years by the
    year they end), a span ``2021-2025`` (a five-year plan, 过去五年); ``当年`` and friends: ``last_year``."""
    g = m.groupdict()
    if g["fy"] or g["fy2"]:
        return g["fy"] or g["fy2"]
    if g["qy"]:
        return f"{g['qy']}Q{QUARTER_WORDS.get(g['q'], g['q'])}"
    if g["qe"]:
        return f"{g['qey']}Q{QUARTER_WORDS[fold(g['qe'])]}"
    if g["q2"]:
        return f"{g['q2y']}Q{g['q2']}"
    if g["ty"]:  # a table row's year column (7.962   1996; 8.034   1993–95)
        return f"{g['ty']}-{g['ty'][:2]}{g['ty2']}" if g["ty2"] else g["ty"]
    if g["plan"]:  # the 3rd plan is 1966-1970; every later one follows on
        first = 1966 + 5 * (10 + CN_DIGITS[g["plan"]] - 3)  # 十四五: the 14th
        return f"{first}-{first + 4}" if first > 1950 else None
    if g["past"]:
        n = int(g["past"]) if g["past"].isdigit() else CN_DIGITS.get(g["past"])
        return f"{int(last_year) - n + 1}-{last_year}" if n and last_year else None
    for group in ("hy", "y", "y2", "ey", "py"):
        if g[group]:
            return g[group]
    return last_year


# a figure over a span (a five-year plan) is a flow when its clause says it was added or changed; else it is
# the level reached at the span's end (生产总值6.66万亿元 -> 2025; 新增经营主体370万户 -> 2021-2025)
FLOW = re.compile(r"(?:新增|净增|增长|增加(?!值)|新建|新设|改造|完成|累计|年均|开行|治理|开挖|筹集|实现|植树|改善|提高|下降|减少|"
                  r"转移|培育|引进|建成|投资|减税|降费|扩容|修复|开工|签约|获批|创建|推动|消除|grew|increase|added|total of)"
                  r"(?!至|到)")  # 扩容至7个, 增长到: the level reached


def span_end_unless_flow(period: str | None, clause: str) -> str | None:
    """A span's last year for a level; the span itself for a flow (its clause, before and after the figure, says
    it was added or changed: 71.3万监测对象稳定消除返贫致贫风险)."""
    if period and "-" in period and not FLOW.search(clause):
        return period.rsplit("-", 1)[1]
    return period


CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def year_of(period: str | None, last: bool = False) -> str | None:
    """The first (or ``last``) year in a period (``2021-2025`` -> ``2021``)."""
    if not period:
        return None
    found = YEAR.findall(period)
    return (found[-1] if last else found[0]) if found else None


class Periods:
    """The periods named in one sentence, with O(log n) lookups of the nearest one before or after a position."""

    def __init__(self, text: str, last_year: str | None):
        self.found: list[tuple[int, str | None]] = []
        year = last_year
        for p in PERIOD.finditer(text):
            period = period_of(p, year)
            self.found.append((p.start(), period))
            year = year_of(period, last=True) or year
        named = [(s, p) for s, p in self.found if p]
        self._starts = [s for s, _ in named]
        self._periods = [p for _, p in named]

    def before(self, pos: int) -> str | None:
        """The last period named before ``pos``."""
        i = bisect_left(self._starts, pos)
        return self._periods[i - 1] if i else None

    def after(self, pos: int, limit: int | None = None) -> str | None:
        """The first period named at or after ``pos`` (and before ``limit``)."""
        i = bisect_left(self._starts, pos)
        if i < len(self._periods) and (limit is None or self._starts[i] < limit):
            return self._periods[i]
        return None

    def last(self) -> str | None:
        return self._periods[-1] if self._periods else None
