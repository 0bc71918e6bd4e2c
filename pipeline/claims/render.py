"""Claims: the English sentence of a claim (``Alibaba Cloud revenue (2022): CNY 77.6 billion``)."""
from __future__ import annotations

from ..canonical import pinyin_name
from ..numbers import NumberMention

QUALIFIER_EN = {"approx": "about ", "gt": "more than ", "ge": "at least ", "lt": "less than ", "le": "at most ",
                "exact": ""}
SCALES_EN = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def human(value: float) -> str:
    """77600000000 -> '77.6 billion'."""
    for size, word in SCALES_EN:
        if abs(value) >= size:
            return f"{value / size:.4g} {word}"
    return f"{value:.6g}"


def readable_name(name: str | None, english: str | None) -> str | None:
    """The name as an English reader can check it: its English name, or its pinyin with the Chinese in brackets
    (Changjiang He Ji Shiye (长江和记实业)) when pinyin is all there is."""
    if not name or not english:
        return english or name
    return f"{english} ({name})" if english == pinyin_name(name) and english != name else english


def render_en(subject_en: str | None, metric_en: str | None, period: str | None, claim: NumberMention,
              unit: str | None, kind: str, scope_en: str | None = None) -> str:
    """One English sentence for a claim: ``Alibaba Cloud market share in Malaysia (2021): 29.2%``."""
    if kind in ("percent", "percentage_point", "permille"):
        mark = {"percent": "%", "percentage_point": " percentage points", "permille": "‰"}[kind]
        amount = f"{claim.value:g}" + (f"–{claim.value_high:g}" if claim.value_high is not None else "") + mark
    elif kind == "multiplier":
        amount = f"{claim.value:g}×"
    else:
        amount = human(claim.value) + (f"–{human(claim.value_high)}" if claim.value_high is not None else "")
        if kind == "money" and unit:
            amount = f"{unit} {amount}"
        elif unit:
            amount = f"{amount} ({unit})"
    head = " ".join(x for x in (subject_en, metric_en) if x) or "Figure"
    head = head[0].upper() + head[1:] + (f" in {scope_en}" if scope_en else "")
    when = f" ({period})" if period else ""
    return f"{head}{when}: {QUALIFIER_EN.get(claim.qualifier, '')}{amount}"
