"""Finding all numeric mentions in a text: normalise, dates first, then numeral runs, special words and English words."""

from __future__ import annotations

from .dates import date_mentions
from .decorate import decorate
from .mention import Mention, NumberMention, clean, resolve
from .numerals import ParsedNumber, parse_tokens
from .patterns import (
    BARE_DENOM_RE,
    DOTTED_RE,
    EN_ORDINAL_RE,
    EN_WORD_RE,
    HALF_HUNDRED_RE,
    HALF_PRICE_RE,
    LATIN_RE,
    MEASURE_RE,
    RUN_RE,
    STANDALONE_HALF_RE,
    TWO_AMOUNTS_RE,
    UNIT_RE,
    URL_RE,
    fold,
)
from .ranges import merge_ranges
from .tables import CN_NUM_CHARS, EN_ORDINALS, EN_WORD_NUMBERS, SCALES, SMALL_UNITS, TRANS
from .tokenise import tokenise


def find_numbers(text: str, *, lang: str = "auto") -> list[NumberMention]:
    """All numeric expressions in ``text`` (Chinese, English or mixed)."""
    if not text:
        return []
    t, dates = _normalise(text)
    date_spans = [(d.start, d.end) for d in dates]
    mentions = _numeral_mentions(t, date_spans, lang)
    mentions += _word_mentions(t, date_spans, lang)
    if lang != "zh" and LATIN_RE.search(t):
        mentions += _english_mentions(t, lang)
    mentions = merge_ranges(t, resolve(mentions + dates))
    return [NumberMention(text[m.start:m.end], m.start, m.end, clean(m.value),
                          clean(m.high) if m.high is not None else None, m.unit, m.kind, m.qualifier) for m in mentions]


def _normalise(text: str) -> tuple[str, list[Mention]]:
    """The text mapped 1:1 (offsets kept) with URLs, dotted digit sequences and comma-joined amounts masked,
    and the dates and times found in it."""
    t = text.translate(TRANS)
    if "://" in t or "www." in t.lower():
        t = _mask(t, URL_RE, "\x00")          # nothing inside a URL is a quantity
    dates = date_mentions(t)
    if ".." in t or t.count(".") >= 2:
        t = _mask(t, DOTTED_RE, "\x00", only=".")
    if "," in t:
        for am in TWO_AMOUNTS_RE.finditer(t):
            if text[am.start(1)] == "，":
                t = t[:am.start(1)] + "\x00" + t[am.end(1):]
    return t, resolve(dates)


def _mask(t: str, rx, ch: str, only: str | None = None) -> str:
    """Overwrite the matches of ``rx`` (or just their ``only`` characters) with ``ch``; length kept."""
    parts, last = [], 0
    table = str.maketrans(dict.fromkeys(only, ch)) if only is not None else None
    for m in rx.finditer(t):
        parts.append(t[last:m.start()])
        g = m.group()
        parts.append(ch * len(g) if table is None else g.translate(table))
        last = m.end()
    if not parts:
        return t
    parts.append(t[last:])
    return "".join(parts)


def _numeral_mentions(t: str, date_spans: list[tuple[int, int]], lang: str) -> list[Mention]:
    """Mentions of the numbers in each run of numeral characters, except those inside a date."""
    mentions: list[Mention] = []
    date_idx = 0
    for rm in RUN_RE.finditer(t):
        rs = rm.start()
        while date_idx < len(date_spans) and date_spans[date_idx][1] <= rs:
            date_idx += 1
        run = _trim_run(t, rs, rm.end())
        if run is None or date_idx < len(date_spans) and date_spans[date_idx][0] <= rs \
                and rs + len(run) <= date_spans[date_idx][1]:
            continue    # none, or all inside a date (2023年): each number of it would be dropped
        toks = tokenise(run, rs)
        i = 0
        while i < len(toks):
            num, j = parse_tokens(toks, i)
            if num is None:
                i = max(j, i + 1)
                continue
            i = j
            if _in_date(date_spans, date_idx, num.start, num.end):
                continue
            m = decorate(t, num, lang)
            if m is not None:
                mentions.append(m)
    return mentions


def _trim_run(t: str, rs: int, re_: int) -> str | None:
    """The numeral run at rs..re_ without a last character that begins a unit (12千米, 三十两); a lone 几/数 is
    extended over the run after it (几十万); None where nothing follows it."""
    run = t[rs:re_]
    last = t[re_ - 1]
    if re_ - 1 > rs and (last in SCALES or last in SMALL_UNITS):
        um = UNIT_RE.match(t, re_ - 1)
        if um and um.start(1) == re_ - 1:   # 12千米, 五十兆字节, 323千卡
            run = t[rs:re_ - 1]
    elif last == "两" and re_ - 1 > rs and t[re_ - 2] in CN_NUM_CHARS + "0123456789 " \
            and not MEASURE_RE.match(t, re_):   # 三十两, 两万两 (liang, a weight)
        run = t[rs:re_ - 1].rstrip()
    if run in ("几", "数"):
        sub = RUN_RE.match(t, rs + 1)
        if not sub:
            return None
        run = t[rs:sub.end()]
    return run


def _in_date(date_spans: list[tuple[int, int]], k: int, start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps a date span, looking from the k-th span on (the spans are sorted)."""
    while k < len(date_spans) and date_spans[k][0] < end:
        if date_spans[k][1] > start:
            return True
        k += 1
    return False


def _word_mentions(t: str, date_spans: list[tuple[int, int]], lang: str) -> list[Mention]:
    """Numbers written as words: standalone 半 (半个月, 半年, 半成), 半百, 万分之 with no digit, 打对折."""
    mentions: list[Mention] = []
    if "半" not in t and "万" not in t and "对折" not in t:  # the word each pattern needs
        return mentions
    for hm in STANDALONE_HALF_RE.finditer(t):
        if _in_date(date_spans, 0, hm.start(), hm.end()):
            continue
        m = decorate(t, ParsedNumber(1.5 if hm.group() == "个半" else 0.5, hm.start(), hm.end(), cn=True), lang)
        if m is not None and m.unit is not None:
            mentions.append(m)
    for hm in HALF_HUNDRED_RE.finditer(t):     # 年过半百
        m = decorate(t, ParsedNumber(50.0, hm.start(), hm.end(), cn=True), lang)
        if m is not None:
            mentions.append(m)
    for dm in BARE_DENOM_RE.finditer(t):     # 万分之三, 万万分之七
        m = decorate(t, ParsedNumber(1e8 if dm.group() == "万万" else 1e4, dm.start(), dm.end(), cn=True), lang)
        if m is not None:
            mentions.append(m)
    for hm in HALF_PRICE_RE.finditer(t):
        mentions.append(Mention(hm.start(), hm.end(), 50.0, unit="%", kind="percent"))
    return mentions


def _english_mentions(t: str, lang: str) -> list[Mention]:
    """English number words (twenty-one) and ordinals (3rd, first)."""
    mentions: list[Mention] = []
    for wm in EN_WORD_RE.finditer(t):
        v = EN_WORD_NUMBERS[fold(wm.group(1))] + (EN_WORD_NUMBERS[fold(wm.group(2))] if wm.group(2) else 0)
        m = decorate(t, ParsedNumber(float(v), wm.start(), wm.end()), lang)
        if m is not None:
            mentions.append(m)
    for om in EN_ORDINAL_RE.finditer(t):
        v = om.group(1) or EN_ORDINALS[fold(om.group(2))]
        mentions.append(Mention(om.start(), om.end(), float(v), kind="ordinal"))
    return mentions
