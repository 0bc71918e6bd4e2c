"""Read what stands around a parsed number (prefixes, then suffixes) and build its mention, or reject it."""

from __future__ import annotations

import math

from .fractions import frac_no_zhi, read_exponent, read_fraction, read_rate_prefix
from .mention import Draft, Mention, is_cjk
from .numerals import ParsedNumber
from .patterns import CURRENCY_SUFFIX_RE, MEASURE_RE, MODEL_NAME_RE, UNIT_RE
from .qualifiers import ordinal, read_negative, read_prefix_qualifier, read_suffix_qualifier
from .tables import CN_NUM_CHARS, EN_FUNCTION_WORDS, FINANCIAL, NON_NUMBER_WORDS, PREFIX_QUALIFIERS
from .units import (
    apply_temperature,
    dozen,
    read_currency_prefix,
    read_currency_suffix,
    read_half,
    read_rate_suffix,
    read_scale_word,
    read_temperature_prefix,
    read_unit,
)


def decorate(t: str, num: ParsedNumber, lang: str) -> Mention | None:
    """The mention of ``num`` in the normalised text ``t``, or None where it is no quantity (一切, iPhone4, 九九)."""
    if _in_word(t, num):
        return None
    cents = _banker_cents(t, num)
    if cents is not None:
        return cents
    if _in_name(t, num):
        return None
    d = Draft(num, num.start, num.end, num.value, num.high, num.fuzzy or "exact", num.scale if num.has_scale else 1.0,
              num.has_scale, not num.cn)
    read_exponent(t, d)
    read_rate_prefix(t, d)
    read_fraction(t, d)
    read_negative(t, d)
    found = ordinal(t, d)
    if found is not None:
        return found
    read_currency_prefix(t, d)
    read_temperature_prefix(t, d)
    read_prefix_qualifier(t, d)
    d.model_name = _model_name(t, d)
    read_scale_word(t, d, lang)
    read_half(t, d)
    found = dozen(t, d)
    if found is not None:
        return found
    if not read_rate_suffix(t, d):
        return None
    if d.model_name and d.kind == "number":
        return d.plain(d.e, d.value)
    read_currency_suffix(t, d)
    if d.cur is not None:
        d.kind, d.unit = "money", d.cur
    read_unit(t, d)
    apply_temperature(d)
    read_suffix_qualifier(t, d)
    return None if _not_a_quantity(t, d) else d.mention()


def _in_word(t: str, num: ParsedNumber) -> bool:
    """A numeral that is part of a word (一切, 四川, 万一, 九九 inside a word), or 幺 alone."""
    s, e, n = num.start, num.end, len(t)
    if num.single_char == "幺":
        return True
    if num.single_char is not None and e < n and not (
            t.startswith("点", e) and e + 1 < n and t[e + 1] in CN_NUM_CHARS) and not (
            t.startswith("分", e) and (s >= 1 and t[s - 1] == "时" or frac_no_zhi(t, e))):
        if t[s:e + 1] in NON_NUMBER_WORDS or t[s:e + 2] in NON_NUMBER_WORDS:
            return True
    if num.single_char is not None and s > 0 and t[s - 1:e] in NON_NUMBER_WORDS:
        return True
    return num.digit_string and e < n and t[s:e] in NON_NUMBER_WORDS


def _banker_cents(t: str, num: ParsedNumber) -> Mention | None:
    """壹分, 伍分: financial (banker's) numerals before 分 are cents of a yuan."""
    s, e = num.start, num.end
    if num.cn and e < len(t) and t[e] == "分" and not t.startswith("分之", e) \
            and all(c in FINANCIAL or c in "零〇" for c in t[s:e].replace(" ", "")):
        return Mention(s, e + 1, num.value * 0.01, None, "CNY", "money")
    return None


def _in_name(t: str, num: ParsedNumber) -> bool:
    """A banker's numeral inside a word (陆地, 柒牌), or Arabic digits glued to Latin letters (iPhone4, GPT-3.5, v_2)."""
    s, e, n = num.start, num.end, len(t)
    if num.single_char in FINANCIAL:
        prev = t[s - 1] if s > 0 else ""
        nxt = t[e] if e < n else ""
        if (is_cjk(prev) and prev not in "是为第有负") or (is_cjk(nxt) and not MEASURE_RE.match(t, e)
                                                        and not UNIT_RE.match(t, e)
                                                        and not CURRENCY_SUFFIX_RE.match(t, e)
                                                        and nxt not in "分打又"):
            return True
    if s > 0 and (t[s - 1].isalpha() and t[s - 1].isascii()) and not num.cn:
        return True
    if s > 1 and t[s - 1] in "._-" and t[s - 2].isalpha() and t[s - 2].isascii():
        j = s - 2
        while j > max(-1, s - 14) and t[j].isalpha() and t[j].isascii():
            j -= 1
        if j < 0 or not t[j].isdigit():
            return True   # GPT-3.5, v_2 (but 5k-20k, 1.6m-3.9m are ranges)
    return s > 1 and t[s - 1] in "._" and t[s - 2].isdigit()


def _model_name(t: str, d: Draft) -> bool:
    """A model / product / version name (iPhone 4, Windows 11): stays a bare number, never a count or money."""
    num, s, value = d.num, d.s, d.value
    if num.cn or d.cur is not None or d.kind != "number" or not math.isfinite(value) or value != int(value) \
            or s != num.start:
        return False
    mn = MODEL_NAME_RE.search(t, max(0, s - 24), s)
    return bool(mn) and mn.group(1).lower() not in PREFIX_QUALIFIERS and mn.group(1).lower() not in EN_FUNCTION_WORDS


def _not_a_quantity(t: str, d: Draft) -> bool:
    """Last checks on the whole mention: 九九 inside words (a standalone 一一 is 11), 两两, infinite values."""
    s, e, n = d.begin, d.e, len(t)
    if d.kind == "number" and d.num.digit_string and not (e - s >= 3) and (
            (s > 0 and is_cjk(t[s - 1])) or (e < n and is_cjk(t[e]))):
        return True
    if d.kind == "number" and d.num.single_char and d.num.single_char in "两" and e < n and t[e] in "两":
        return True
    return not math.isfinite(d.value)
