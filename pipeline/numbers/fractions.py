"""Reading fractions and rates around a number: 1e6 / 2^10 / 3/4, 百分之X and 千分之X, X分之Y (and 四分一 without 之)."""

from __future__ import annotations

import math
import re

from .mention import Draft, is_cjk
from .numerals import parse_tokens
from .patterns import (
    FRACTION_NO_ZHI_RE,
    FRACTION_RE,
    FRACTION_SLASH_RE,
    MEASURE_RE,
    MINUTE_RE,
    PERCENT_PREFIX_RE,
    PERMILLE_PREFIX_RE,
    SCI_RE,
    UNIT_RE,
)
from .tables import CN_NUM_CHARS
from .tokenise import run_at, tokenise

# X分之: the denominator written before 分之 -> what the mention is
_PERMILLE_DENOMINATORS = {"千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "百万万": 1e10}
_PERCENT_OF = ("百", "佰")
_PERMILLE_OF = ("千", "仟")
_PER_TEN_THOUSAND_OF = ("万", "百万", "千万", "万万", "百万万")


def read_exponent(t: str, d: Draft) -> None:
    """Scientific notation, powers and slash fractions after an Arabic number (1.5e6, 2^10, 3/4)."""
    if d.num.cn or d.e >= len(t):
        return
    sm = SCI_RE.match(t, d.e)
    if sm:
        exp = sm.group(1) or sm.group(2)
        exp_v = int(exp.replace("--", "").replace("+", "")) if exp.strip("+-") else 0
        if exp.startswith("--"):
            exp_v = int(exp[2:])
        try:
            d.value = d.value * 10 ** exp_v if sm.group(1) else d.value ** exp_v
        except OverflowError:
            d.value = math.inf
        d.e = sm.end()
        return
    fm = FRACTION_SLASH_RE.match(t, d.e)
    if fm and float(fm.group(1)) != 0 and not (d.s > 0 and t[d.s - 1] == "/"):
        d.value = d.value / float(fm.group(1))
        d.e = fm.end()
        d.frac = True


def read_rate_prefix(t: str, d: Draft) -> None:
    """百分之X (percent, but not 一百分之X, a plain fraction); 千分之X (per mille), 万分之X (as percent)."""
    w0 = max(0, d.s - 16)
    window = t[w0:d.s]
    pm = PERCENT_PREFIX_RE.search(window)
    if pm:
        ps = w0 + pm.start()
        if ps > 0 and t[ps - 1] in CN_NUM_CHARS + "0123456789":
            pm = None
    if pm:
        d.s = w0 + pm.start()
        d.kind, d.unit = "percent", "%"
        return
    fm = PERMILLE_PREFIX_RE.search(window)
    if fm:
        denom = _PERMILLE_DENOMINATORS[fm.group(1)]
        d.s = w0 + fm.start()
        if denom == 1e3:
            d.kind, d.unit = "permille", "‰"
        else:
            d.kind, d.unit = "percent", "%"
            d.value = d.value * 100 / denom


def read_fraction(t: str, d: Draft) -> None:
    """X分之Y: the parsed number is the denominator and the numerator follows; 百分之/千分之/万分之 are rates."""
    num, n = d.num, len(t)
    if d.kind != "number" or d.e >= n:
        return
    fm = FRACTION_RE.match(t, d.e)
    if fm is None and num.cn and not num.digit_string and num.high is None:
        fm = frac_no_zhi(t, d.e)
    if not fm or fm.end() >= n:
        return
    toks = tokenise(run_at(t, fm.end()), fm.end())
    neg = False
    if not toks and t[fm.end()] == "负":
        toks = tokenise(run_at(t, fm.end() + 1), fm.end() + 1)
        neg = True
    if not toks:
        return
    numer, _ = parse_tokens(toks, 0)
    if numer is None or d.value == 0:
        return
    nv = numer.value * (-1 if neg else 1)
    den = t[num.start:num.end].replace(" ", "")
    if den in _PERCENT_OF:
        d.kind, d.unit, d.value = "percent", "%", nv
        if numer.high is not None and not neg:
            d.high, d.qual = numer.high, numer.fuzzy or d.qual
    elif den in _PERMILLE_OF:
        d.kind, d.unit, d.value = "permille", "‰", nv
    elif den in _PER_TEN_THOUSAND_OF:
        d.kind, d.unit, d.value = "percent", "%", nv * 100 / d.value
    else:
        d.value = nv / d.value
        d.frac = True
    d.e = numer.end
    d.arabic_tail = not numer.cn
    d.has_scale = False
    d.scale = 1.0


def frac_no_zhi(t: str, e: int) -> re.Match | None:
    """四分一 / 二份一 / 十份十一 (fractions without 之): the 分/份 match at ``e``, or None
    where the text reads otherwise (十分一致 'very', 三分一个, 五分三十秒 minutes)."""
    fm = FRACTION_NO_ZHI_RE.match(t, e)
    if fm is None or MINUTE_RE.match(t, e):
        return None
    fr = run_at(t, fm.end())
    fe = fm.end() + len(fr)
    n = len(t)
    if not fr or "点" in fr or (fe < n and is_cjk(t[fe]) and not UNIT_RE.match(t, fe)) \
            or MEASURE_RE.match(t, fe) or t.startswith("分", fe):
        return None
    return fm
