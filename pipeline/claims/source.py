"""Claims: where a sentence says its figures come from (据…报道, 根据…数据, …数据显示, according to …)."""
from __future__ import annotations

import re

SOURCE = re.compile(
    r"据(?P<a>[^，。；！？\n]{1,30}?)(?:的)?(?:报道|数据|统计|显示|测算|估计|预测|消息|报告)"
    r"|根据(?P<b>[^，。；！？\n]{1,30}?)(?:的)?(?:数据|报告|统计|估计|测算|预测)"
    r"|(?P<c>[^，。；！？\n“”]{2,30}?)(?:的)?(?:测算)?数据(?:还|则|也)?显示"
    r"|(?P<d>[^，。；！？\n“”]{2,30}?《[^》]{1,40}》)(?:数据)?显示"
    r"|(?P<e>[^，。；！？\n“”]{2,20}?)(?:的估计|测算)"
    r"|according to (?P<f>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,4})",
)
# a word every form of SOURCE needs: most sentences have none, and are spared SOURCE's lazy scan from every position
CUE = re.compile(r"据|显示|测算|估计|according to ")
LEAD_IN = re.compile(r"^(?:市场研究机构|市场调研机构|研究机构|机构|而|此外|另外|同时)")


def source_of(text: str, base: int, ents) -> str | None:
    """The source a sentence cites: the organisation named in the attribution, else its words."""
    m = SOURCE.search(text) if CUE.search(text) else None
    if not m:
        return None
    group = next(g for g in "abcdef" if m.group(g))
    s, e = m.span(group)
    inside = [x for x in ents if base + s <= x.start_char and x.end_char <= base + e and x.label_ == "ORG"]
    if inside:
        return inside[-1].text
    value = m.group(group).strip()
    return LEAD_IN.sub("", value).strip() or None
