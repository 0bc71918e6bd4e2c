"""Reading qualifiers around a number: sign, 第 (ordinal), 约/超过/at least before it, 左右/以上/or more after it."""

from __future__ import annotations

from .mention import Draft, Mention, is_cjk
from .patterns import MEASURE_RE, NEG_RE, ORDINAL_PREFIX_RE, PREFIX_QUAL_RE, SUFFIX_QUAL_RE
from .tables import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS


def read_negative(t: str, d: Draft) -> None:
    """负 / - right before the number (not a hyphen between words or numbers)."""
    neg = NEG_RE.search(t, max(0, d.s - 3), d.s)
    if neg:
        d.value = -d.value
        d.s = neg.start()


def ordinal(t: str, d: Draft) -> Mention | None:
    """第N (with its measure word: 第三届, 第5次), or None where no 第 comes before a plain number."""
    om = ORDINAL_PREFIX_RE.search(t, max(0, d.s - 2), d.s)
    if not om or d.kind != "number":
        return None
    mm = MEASURE_RE.match(t, d.e)
    if mm and not mm.group().startswith(("多", "余")):
        return Mention(om.start(), mm.end(), d.value, unit=mm.group(1), kind="ordinal")
    return Mention(om.start(), d.e, d.value, kind="ordinal")


def read_prefix_qualifier(t: str, d: Draft) -> None:
    """约 / 超过 / 不到 / about / more than ... in the 16 characters before the number."""
    qm = PREFIX_QUAL_RE.search(t, max(0, d.s - 16), d.s)
    if qm:
        d.qual_start = qm.start()
        d.qual = PREFIX_QUALIFIERS.get((qm.group(1) or qm.group(2)).lower(), d.qual)


def read_suffix_qualifier(t: str, d: Draft) -> None:
    """左右 / 以上 / 多 / or more after the mention (a prefix qualifier wins, except 或/及 forms: 或以上, 及以下)."""
    qm = SUFFIX_QUAL_RE.match(t, d.e)
    if not qm:
        return
    w, e, n = qm.group(1), d.e, len(t)
    if w in ("多", "余") and e < n and (e + 1 < n and is_cjk(t[e + 1]) and d.kind == "number"):
        return
    d.qual = SUFFIX_QUALIFIERS[w] if d.qual == "exact" or w.startswith(("或", "及")) else d.qual
    d.e = qm.end()
