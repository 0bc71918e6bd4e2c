"""Merge neighbouring mentions into ranges (A-B, A到B, A和B之间, 大于A小于B), mixed fractions (A又B分之C)
and compound durations and quantities (两年零三个月, 一小时零三十分钟, 3斤5两).  One linear pass."""

from __future__ import annotations

import re

from .mention import Mention
from .patterns import (
    BETWEEN_END_RE,
    BETWEEN_SEP_RE,
    DURATION_GAP_RE,
    LATIN_RE,
    MIXED_SEP_RE,
    PAIR_GAP_RE,
    RANGE_SEP_RE,
)
from .tables import DURATION_ORDER, NEXT_DURATION, PERIOD_KINDS, UNIT_TABLE


def merge_ranges(t: str, ms: list[Mention]) -> list[Mention]:
    """Each mention merged with the one before it where the text between them joins them."""
    out: list[Mention] = []
    for b in ms:
        merged = _merge(t, out[-1], b) if out else None
        if merged is not None:
            out[-1] = merged
        else:
            out.append(b)
    return out


def _merge(t: str, a: Mention, b: Mention) -> Mention | None:
    if b.frac and a.kind == b.kind == "number" and not a.frac and a.value == int(a.value) and (
            MIXED_SEP_RE.fullmatch(t, a.end, b.start)):
        return Mention(a.start, b.end, a.value + b.value if a.value >= 0 else a.value - b.value)
    if a.kind == "duration" and a.unit in NEXT_DURATION and b.kind == "number" and b.end < len(t) \
            and t[b.end] == NEXT_DURATION[a.unit][0] and b.start == a.end and a.high is None \
            and not t.startswith("分之", b.end):
        # 两小时十分, 8天20时: the next smaller unit written short
        u2 = NEXT_DURATION[a.unit][1]
        secs = (a.secs if a.secs is not None else a.value * UNIT_TABLE[a.unit][1]) + b.value * UNIT_TABLE[u2][1]
        return Mention(a.start, b.end + 1, secs / UNIT_TABLE[u2][1], None, u2, "duration", a.qualifier, secs=secs)
    if a.kind == b.kind and a.kind in ("duration", "quantity") and DURATION_GAP_RE.fullmatch(t, a.end, b.start):
        return _merge_durations(a, b)
    if a.kind not in PERIOD_KINDS and b.kind not in PERIOD_KINDS and a.high is None and b.high is None \
            and (a.unit is None or a.unit == b.unit):
        return _range(t, a, b)
    return None


def _range(t: str, a: Mention, b: Mention) -> Mention | None:
    """A-B / A到B / A和B之间 (the lower end takes B's scale: 3-5万), or 大于A小于B."""
    bv, b_end = b.value, b.end
    sep: re.Match | bool | None = RANGE_SEP_RE.fullmatch(t, a.end, b.start) if b.start > a.end else None
    if sep is None and b.start < len(t) and t[b.start] == "-" and b.value < 0 and not t[a.end:b.start].strip():
        sep, bv = True, -b.value        # 70 - 90
    if sep is None and BETWEEN_SEP_RE.fullmatch(t, a.end, b.start):
        em = BETWEEN_END_RE.match(t, b.end)
        if em:
            sep, b_end = True, em.end()
        elif b.unit == "间" and a.unit is None:   # 10000与20000间: 间 is 'between', not the measure word
            sep = True
            # in place: b stays a bare number even where the range does not hold (20000与10000间)
            b.unit, b.kind, b.frac, b.secs = None, "number", False, None
    if sep is not None:
        av = a.value
        if b.has_scale and not a.has_scale and av * b.scale <= bv:
            av = av * b.scale
        if av <= bv:
            return Mention(a.start, b_end, av, bv, b.unit, b.kind,
                           a.qualifier if a.qualifier != "exact" else b.qualifier, b.scale, b.has_scale)
        return None
    quals = {a.qualifier, b.qualifier}
    if quals & {"gt", "ge"} and quals & {"lt", "le"} and a.qualifier != b.qualifier \
            and PAIR_GAP_RE.fullmatch(t, a.end, b.start) and not LATIN_RE.search(t, a.end, b.start):
        lo, hi = sorted((a.value, b.value))
        if (a.value <= b.value) == (a.qualifier in ("gt", "ge")):
            return Mention(a.start, b.end, lo, hi, b.unit, b.kind, "exact", b.scale, b.has_scale)
    return None


def _merge_durations(a: Mention, b: Mention) -> Mention | None:
    """两年零三个月 -> 27 月; 8天20小时 -> 212 小时; 3斤5两 -> 35 两 (value in the smaller unit)."""
    if a.high is not None or b.high is not None:
        return None
    if a.kind == b.kind == "quantity" and a.unit in UNIT_TABLE and b.unit in UNIT_TABLE:
        (ba, fa), (bb, fb) = UNIT_TABLE[a.unit], UNIT_TABLE[b.unit]
        if ba != bb or fa <= fb:
            return None
        return Mention(a.start, b.end, (a.value * fa + b.value * fb) / fb, None, b.unit, "quantity",
                       a.qualifier if a.qualifier != "exact" else b.qualifier)
    if a.unit not in DURATION_ORDER or b.unit not in DURATION_ORDER:
        return None
    if DURATION_ORDER.index(a.unit) >= DURATION_ORDER.index(b.unit):
        return None
    secs = (a.secs if a.secs is not None else a.value * UNIT_TABLE[a.unit][1]) + b.value * UNIT_TABLE[b.unit][1]
    if a.unit == "年" and b.unit == "月" and a.secs is None:
        v = a.value * 12 + b.value           # 两年零三个月 = 27 月
    else:
        v = secs / UNIT_TABLE[b.unit][1]
    return Mention(a.start, b.end, v, None, b.unit, "duration", a.qualifier if a.qualifier != "exact" else b.qualifier,
                   secs=secs)
