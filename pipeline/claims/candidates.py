"""Claims: which numbers of a sentence are claims (amounts, shares, counts) and which only give context."""
from __future__ import annotations

import re

from ..numbers import NumberMention, find_numbers
from ..numbers.patterns import fold
from .subject import NAME_TAGS, Entities

# kinds of numbers that make a claim; years, dates, times and ordinals only give context
CLAIM_KINDS = frozenset({"money", "percent", "percentage_point", "permille", "multiplier", "count", "quantity"})
# a bare number counts only with a scale word (776亿, 3 billion) — never a model name (2.0) or section (01)
SCALED = re.compile(r"[万亿兆]|thousand|million|billion|trillion|\d\s*(?:bn|mn)\b", re.I)
# 一个, 一套, 两个 …: a numeral used as an article, not a figure anyone would check
ARTICLE_COUNT = re.compile(r"^[一两二][个套场张条位种只台件项次家款份点]$")


# (patterns used with match(text, pos) have no ^: it would only match at the start of the string)
# English amounts the number finder leaves out: a currency code written onto the figure (MOP78.15 billion)
EN_MONEY = re.compile(r"(?<![A-Za-z])(?P<cur>MOP|HKD|USD|RMB|CNY|EUR)\$?\s?(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)"
                      r"(?:\s*(?P<scale>thousand|million|billion|trillion))?\b")
EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, None: 1}
# English fractions written out ("more than half", "a quarter of")
EN_FRACTION = re.compile(r"\b(?P<q>more than |over |nearly |almost |about |around )?(?P<f>half|a quarter|a third|"
                         r"two thirds|three quarters)\b(?= of\b)", re.I)
FRACTIONS = {"half": 50.0, "a quarter": 25.0, "a third": 33.33, "two thirds": 66.67, "three quarters": 75.0}
QUALIFIERS_EN = {"more than ": "gt", "over ": "gt", "nearly ": "approx", "almost ": "approx", "about ": "approx",
                 "around ": "approx"}
# a bare English number counts with thousands separators, a decimal part, or a noun after it (nine dailies)
EN_COUNT = re.compile(r"^(?:\D*\d{1,3}(?:,\d{3})+|\D*\d+\.\d+)$|^[A-Za-z]")
EN_NOUN_AFTER = re.compile(r"[\s-]+(?!of\b|and\b|or\b|to\b|in\b|per\b|times\b)[a-z][a-z-]+")
# a size naming a product's class or variant (25兆瓦级, 28纳米制程, 65英寸电视 …) is no figure
PRODUCT_AFTER = re.compile(r"\s*(?:级|制程|工艺|芯片|晶圆|寸屏|英寸屏|型号|版本|代)")
# "5, 10, 20, 50 and 100 patacas": bare numbers listed are denominations or labels, not figures
EN_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)$")
# "the first three quarters", "the top 500 banks", "the past ten years": a selection or a span, not a figure
EN_SELECTION = re.compile(r"\b(?:first|last|next|top|past|bottom)\s+$", re.I)
# "10 patacas coins", "100-dollar notes": a denomination
EN_DENOMINATION = re.compile(r"[\s-]+[a-z]+[\s-]+(?:coins?|notes?|bills?|banknotes?|denominations?)\b", re.I)
# a short quotation is a name, title or slogan (“五个进一步到位”, "the three worlds of welfare capitalism")
QUOTED = re.compile(r"[“「『\"][^“”「」『』\"。！？!?%％]{0,40}$")
QUOTE_END = re.compile(r"[^“”「」『』\"。！？!?%％]{0,40}[”」』\"]")
# "three major routes: Macau-Malacca-Goa, …": a count announcing the list that follows is an enumeration
EN_ENUMERATION = re.compile(r"(?:\s+[a-z-]+){0,2}\s+[a-z-]+[^s\W]s\s*:")  # ends on a plural noun (not "banks issue currency:")
# a reporting period (截至2018年6月30日止6个月) and a fiscal year written as a span (2009/2010年度) are not figures
REPORTING_PERIOD = re.compile(r"止\s*$")
YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s*/\s*(?:19|20)?\d{2}\s*年")
RELATIVE_TIME = re.compile(r"\s*(?:前|后|以前|以后|以来|来|之前|之后|ago|later|earlier|before|after)")


def find_mentions(text: str, english: bool) -> list[NumberMention]:
    """The numbers of a sentence (pipeline.numbers), plus English amounts and fractions it leaves out."""
    mentions = find_numbers(text)
    if not english:
        return mentions
    extra = []
    for m in EN_MONEY.finditer(text):
        value = float(m.group("num").replace(",", "")) * EN_SCALE[m.group("scale")]
        extra.append(NumberMention(m.group(0), m.start(), m.end(), value, None, m.group("cur"), "money", "exact"))
    for m in EN_FRACTION.finditer(text):
        qualifier = QUALIFIERS_EN.get(fold(m.group("q") or ""), "exact")
        extra.append(NumberMention(m.group("f"), m.start("f"), m.end("f"), FRACTIONS[fold(m.group("f"))], None,
                                   "%", "percent", qualifier))
    if not extra:
        return mentions
    taken = [(m.start, m.end) for m in mentions if m.kind not in ("year", "date")]
    extra = [x for x in extra if not any(s < x.end and x.start < e for s, e in taken)]
    kept = [m for m in mentions if not any(x.start < m.end and m.start < x.end for x in extra)]
    return sorted(kept + extra, key=lambda m: m.start)


def drop_listed(candidates: list[NumberMention], text: str) -> list[NumberMention]:
    """English runs of 3+ numbers whose first ones are bare (5, 10, 20, and 50 avos) are labels or
    denominations, not figures."""
    out: list[NumberMention] = []
    run: list[NumberMention] = []
    for m in [*candidates, None]:
        if m is not None and run and EN_LISTED.match(text[run[-1].end:m.start]) and run[-1].text.strip().isdigit():
            run.append(m)
            continue
        if len(run) < 3:
            out.extend(run)
        run = [m] if m is not None else []
    return out


def is_claim(m: NumberMention, doc, base: int, ents: Entities, text: str = "", english: bool = False) -> bool:
    """True when the number ``m`` (offsets in its sentence, which starts at ``base``) is a claim."""
    if ARTICLE_COUNT.match(m.text):
        return False
    # a number inside a name (百度, 三星, 360公司) is part of that name
    inside = doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
    if inside is not None and any(t.tag_ in NAME_TAGS and len(t.text) > len(m.text) for t in inside):
        return False
    if ents.covering(base + m.start, base + m.end):
        return False
    if _quoted(text, m) or english and (EN_SELECTION.search(text, max(0, m.start - 8), m.start)
                                        or EN_DENOMINATION.match(text, m.end) or EN_ENUMERATION.match(text, m.end)):
        return False
    if YEAR_SPAN.match(m.text) or m.kind == "duration" and REPORTING_PERIOD.search(text, max(0, m.start - 2), m.start):
        return False
    if m.kind in ("quantity", "count") and m.unit and PRODUCT_AFTER.match(text, m.end):
        return False
    if m.kind in CLAIM_KINDS:
        return m.unit not in ("点", "°")
    if m.kind == "duration":  # 15年前 and 15 years ago place an event in time; 15 years of education is a figure
        return any(c.isdigit() for c in m.text) and not RELATIVE_TIME.match(text, m.end) or \
            english and not RELATIVE_TIME.match(text, m.end)
    if m.kind != "number":
        return False
    if SCALED.search(m.text):
        return True
    return english and bool(EN_COUNT.match(m.text) or EN_NOUN_AFTER.match(text, m.end))


def _quoted(text: str, m: NumberMention) -> bool:
    """True for a number inside a short quotation (a name, title or slogan)."""
    opening = QUOTED.search(text, max(0, m.start - 41), m.start)
    return bool(opening) and bool(QUOTE_END.match(text, m.end)) and len(text[opening.start():m.start]) <= 41
