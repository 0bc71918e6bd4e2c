"""Claims: which numbers of a sentence are claims (amounts, shares, counts) and which only give context."""
from __future__ import annotations

import re

from ..numbers import NumberMention
from .subject import NAME_TAGS, Entities

# kinds of numbers that make a claim; years, dates, times and ordinals only give context
CLAIM_KINDS = frozenset({"money", "percent", "percentage_point", "permille", "multiplier", "count", "quantity"})
# a bare number counts only with a scale word (776亿, 3 billion) — never a model name (2.0) or section (01)
SCALED = re.compile(r"[万亿兆]|thousand|million|billion|trillion|\d\s*(?:bn|mn)\b", re.I)
# 一个, 一套, 两个 …: a numeral used as an article, not a figure anyone would check
ARTICLE_COUNT = re.compile(r"^[一两二][个套场张条位种只台件项次家款份点]$")


def is_claim(m: NumberMention, doc, base: int, ents: Entities) -> bool:
    """True when the number ``m`` (offsets in its sentence, which starts at ``base``) is a claim."""
    if ARTICLE_COUNT.match(m.text):
        return False
    # a number inside a name (百度, 三星, 360公司) is part of that name
    inside = doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
    if inside is not None and any(t.tag_ in NAME_TAGS and len(t.text) > len(m.text) for t in inside):
        return False
    if ents.covering(base + m.start, base + m.end):
        return False
    if m.kind in CLAIM_KINDS:
        return m.unit not in ("点", "°")
    return m.kind == "number" and bool(SCALED.search(m.text))
