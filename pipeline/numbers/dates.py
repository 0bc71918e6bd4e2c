"""Dates, years and times (periods, never claims): found first, so that the numbers inside them are skipped."""

from __future__ import annotations

import re

from .mention import Mention
from .numerals import parse_chinese_number
from .patterns import CLOCK_RE, DATE_RE, SHORT_DATE_RE, TIME_RE
from .tables import CN_DATE_DIGITS, CN_NUM_CHARS, DIGITS


def date_mentions(t: str) -> list[Mention]:
    """Dates, years and times of the normalised text ``t`` (they may overlap; the caller resolves)."""
    out: list[Mention] = []
    for m in DATE_RE.finditer(t):
        if m.start() == m.end():
            continue
        found = _DATE_FORMS[m.lastgroup](t, m)  # the form's group is the outermost, so the last one closed
        if found is not None:
            out.append(found)
    # the word each of the rest needs is looked for first: most sentences have none, and a scan costs more
    clock = "点" in t or "时" in t
    if clock or ":" in t or "：" in t:
        out += _times(t, clock)
    if "-" in t:
        for dm in SHORT_DATE_RE.finditer(t):
            yy = int(dm.group(1))
            out.append(Mention(dm.start(), dm.end(), float(yy + (2000 if yy < 50 else 1900)), kind="date"))
    return out


def _times(t: str, clock: bool) -> list[Mention]:
    """Times (上午9:30, 下午三点半; with ``clock``, as the text has 点 or 时: 三点, 9时30分)."""
    out: list[Mention] = []
    for m in TIME_RE.finditer(t):
        h = m.group("h") or m.group("h2")
        out.append(Mention(m.start(), m.end(), float(_small(h) or 0), kind="time"))
    if not clock:
        return out
    for m in CLOCK_RE.finditer(t):
        h = m.group("h") or m.group("h3") or m.group("h4")
        hv = _small(h)
        if hv is None or hv > 24:
            continue
        # bare 三点 is a time only if not a decimal / not followed by more numerals
        out.append(Mention(m.start(), m.end(), float(hv), kind="time"))
    return out


def _chinese(t: str, m: re.Match) -> Mention | None:
    """年/月/日 dates (2023年5月, 八月十五, 三月) and years (1995-1997年)."""
    y, y2, mo, d, dsuf = m.group("y", "y2", "m", "d", "dsuf")
    if d and not dsuf and not (mo and not d.isdigit()):
        # 八月十五 (Chinese day after a month) needs no 日; 3月5 keeps only 3月
        if not mo:
            return None
        me = t.index("月", m.end("m")) + 1
        v = _cn_year(y) if y else _small(mo)
        return Mention(m.start(), me, float(v or 0), kind="date")
    if not (y or mo or d):
        return None
    if y and not (mo or d) and not y2 and len(y) == 2 and not y.startswith("0") and y[0] not in CN_DATE_DIGITS:
        return None
    if y and not (mo or d) and len(y) == 2 and y[0] in CN_DATE_DIGITS and y[0] not in "〇零":
        return None
    if not y and not mo and d and not d[0].isdigit():
        return None     # 五日 -> duration, 十日 handled by units
    if not y and mo and not d:
        # N月: a month unless preceded by 个 or a numeral (三个月 / 27个月)
        if m.start() > 0 and t[m.start() - 1] in "个几数多" + CN_NUM_CHARS:
            return None
        if not mo[0].isdigit() and t[m.start():m.start() + 1] == " ":
            return None
    yv = _cn_year(y) if y else None
    if y and not (mo or d):
        return Mention(m.start(), m.end(), yv, high=float(y2) if y2 else None, kind="year")
    v = yv if yv is not None else _small(mo) if mo else _small(d)
    return Mention(m.start(), m.end(), float(v or 0), kind="date")


def _decade(t: str, m: re.Match) -> Mention:
    v = float(m["decd"]) if m["decd"] else float(DIGITS[m["decc"][0]] * 10)
    return Mention(m.start(), m.end(), v, kind="date")


def _weekday(t: str, m: re.Match) -> Mention:
    wd = m["wdd"]
    return Mention(m.start(), m.end(), 7.0 if wd in "日天" else float(DIGITS[wd]), kind="date")


def _half(t: str, m: re.Match) -> Mention:
    v = float(m["hy"]) if m["hy"] else (1.0 if m["hh"] in "上前" else 2.0)
    return Mention(m.start(), m.end(), v, kind="date")


# named group of DATE_RE -> reader of that form
_DATE_FORMS = {
    "iso": lambda t, m: Mention(m.start(), m.end(), float(m["iy"]), kind="date"),
    "us": lambda t, m: Mention(m.start(), m.end(), float(m["uy"]), kind="date"),
    "fy": lambda t, m: Mention(m.start(), m.end(), float(m["fyy"] or m["fyy2"]), kind="year"),
    "dec": _decade,
    "cn": _chinese,
    "wd": _weekday,
    "half": _half,
    "en": lambda t, m: Mention(m.start(), m.end(), float(m["eny"]), kind="date"),
    "enyr": lambda t, m: Mention(m.start("eny2"), m.end("eny2"), float(m["eny2"]), kind="year"),
}


def _cn_year(y: str) -> float:
    if y.isdigit():
        v = int(y)
    else:
        v = int("".join(str(DIGITS[c]) for c in y))
    if len(y) == 2:
        v += 2000 if v < 50 else 1900
    return float(v)


def _small(s: str | None) -> float | None:
    if not s:
        return None
    if s.isdigit():
        return float(int(s))
    if s == "正":
        return 1.0
    s = s.lstrip("初")
    return parse_chinese_number(s)
