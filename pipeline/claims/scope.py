"""Claims: the place or market a figure is restricted to (阿里云在马来西亚的市场份额 -> 马来西亚; in Macau).

A place is a scope after 在/于/in, before 市场/地区/market, or right before its figure as a breakdown
(包括中国大陆296间); it is the subject instead when the figure is about the place itself (GDP, population).
"""
from __future__ import annotations

import re

# the text before a place that makes it where a figure holds (在马来西亚, 于香港, in Macau)
SCOPE_BEFORE = re.compile(r"(?:在|于|於|位于|遍及|覆盖|\bin|\bacross|\bwithin|\bat|\bof)\s*(?:the\s+)?[\[*“\"]*$", re.I)
# the text after a place that makes it a market (中国市场, 亚太地区)
SCOPE_AFTER = re.compile(r"\s*(?:市场|地区|境内|区域|本地|门店|分店|\s?market)", re.I)
# figures about a place itself (its economy, people, land): the place is their subject, not their scope
PLACE_METRIC = re.compile(r"生产总值|GDP|经济|人口|人均|面积|财政|population|economy|per capita|area", re.I)


def after_preposition(text: str, clause_start: int, start: int) -> bool:
    """True when ``text[clause_start:start]`` ends with 在/于/in …: what follows says where, not who."""
    return SCOPE_BEFORE.search(text, clause_start, start) is not None


def is_scope(text: str, clause_start: int, place_start: int, place_end: int, figure: int, metric: str | None,
             english: bool = False) -> bool:
    """True when the place at ``place_start:place_end`` restricts the figure at ``figure`` instead of holding it."""
    if metric and PLACE_METRIC.search(metric):
        return False
    between = text[place_end:figure]
    return after_preposition(text, clause_start, place_start) or SCOPE_AFTER.match(between) is not None \
        or (not english and len(between.strip()) <= 2)  # 包括中国大陆296间: a breakdown by place
