"""Claims: values handed out over a list — 'A和B…分别是x和y' (a subject each), '从2019年到2023年…分别为a、b…' (a year each)."""
from __future__ import annotations

import re

from .clauses import Clauses
from .period import YEAR_RANGE
from .subject import Entities

DISTRIBUTE = re.compile(r"分别|respectively")
LIST_SEPARATOR = re.compile(r"\s*(?:,|，|、|and|, and|和|与|及)\s*")
SUBJECT_JOIN = re.compile(r"^\s*(?:和|与|及|以及|、|,|，|and|&)\s*$")
# what may stand between 分别 and the values of its list (a、b和c)
LIST_RUN = re.compile(r"[\s\d.,%、和与及以为是到至~\-]*")


def distribute(text: str, base: int, clauses: Clauses, ents: Entities, candidates) -> tuple[dict, dict]:
    """Returns ``({candidate index: subject}, {candidate index: period})`` for a sentence with 分别/respectively."""
    d = DISTRIBUTE.search(text)
    if not d:
        return {}, {}
    if d.group(0) == "respectively":  # English puts it after the list: "40% and 21.5% respectively"
        before = [i for i, m in enumerate(candidates) if m.end <= d.start()]
        listed = before[-1:]
        while len(listed) < len(before):
            prev = before[-len(listed) - 1]
            if not LIST_SEPARATOR.fullmatch(text[candidates[prev].end:candidates[listed[0]].start]):
                break
            listed.insert(0, prev)
        anchor = candidates[listed[0]].start if listed else d.start()
    else:
        stop = clauses.next_break(d.end())
        run_end = LIST_RUN.match(text, d.end()).end()  # values up to here follow 分别 with only list words between
        listed = [i for i, m in enumerate(candidates)
                  if m.start >= d.end() and (stop is None or m.start < stop or m.start <= run_end)]
        anchor = d.start()
    n = len(listed)
    if n < 2:
        return {}, {}
    lo, hi = ents.within(base + clauses.start(anchor), base + anchor)
    if lo == hi and clauses.start(anchor) > 0:  # 股东是A、B和C，分别持股…: the names are in the clause before
        before = clauses.start(anchor)
        lo, hi = ents.within(base + clauses.start(before - 1), base + before)
    groups: list[list[int]] = []  # runs of adjacent entities, joined by 和/与/、
    for k in range(lo, hi):
        gap = ents.text[ents.ends[groups[-1][-1]]:ents.starts[k]] if groups else ""
        if groups and gap.strip() == "":
            groups[-1].append(k)
        elif not groups or SUBJECT_JOIN.match(gap):
            groups.append([k])
        else:
            groups = [[k]]
    if len(groups) == n:
        return {i: ents.merge(g[0], g[-1] + 1) for i, g in zip(listed, groups)}, {}
    r = YEAR_RANGE.search(text, 0, anchor)
    if r:
        y1, y2 = int(r.group(1) or r.group(3)), int(r.group(2) or r.group(4))
        if y2 - y1 + 1 == n:
            return {}, {i: str(y) for i, y in zip(listed, range(y1, y2 + 1))}
    return {}, {}
