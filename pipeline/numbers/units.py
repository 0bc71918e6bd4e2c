"""Reading units and currencies around a number: $ / 人民币 / 摄氏 before it; scale words, %, 成, 折, 倍, currencies
with their sub-units, physical units, durations and measure words after it."""

from __future__ import annotations

from .mention import Draft, Mention
from .patterns import (
    CURRENCY_PREFIX_RE,
    CURRENCY_SUFFIX_RE,
    EN_SCALE_RE,
    MEASURE_RE,
    MINUTE_RE,
    MONEY_SUB_RE,
    MONEY_TRAIL_DIGIT_RE,
    PERCENT_RE,
    TEMP_PREFIX_RE,
    UNIT_RE,
)
from .tables import (
    CN_NUM_CHARS,
    CURRENCY_FACTOR,
    CURRENCY_PREFIX,
    CURRENCY_SUFFIX,
    DIGITS,
    EN_SCALES,
    MONEY_SUBUNITS,
    PERCENT_SUFFIX,
    SCALES,
    TEMPERATURE_PREFIX,
    UNITS,
)

# ---- before the number ------------------------------------------------------------


def read_currency_prefix(t: str, d: Draft) -> None:
    """$ / US$ / ¥ / 人民币 / RMB before the number (a Latin code glued to a word or a numeral is not one)."""
    cm = CURRENCY_PREFIX_RE.search(t, max(0, d.s - 8), d.s)
    if not cm or d.kind != "number":
        return
    sym, cs = cm.group(1), cm.start()
    if not (sym.isalpha() and cs > 0 and (t[cs - 1].isalpha() and t[cs - 1].isascii()
                                          or t[cs - 1] in CN_NUM_CHARS or t[cs - 1].isdigit())):
        d.cur = CURRENCY_PREFIX[sym]
        d.s = cs


def read_temperature_prefix(t: str, d: Draft) -> None:
    """摄氏 / 华氏 (温度) before the number: a temperature whatever unit word follows."""
    tpm = TEMP_PREFIX_RE.search(t, max(0, d.s - 8), d.s)
    if tpm and d.kind == "number":
        d.temp_unit = TEMPERATURE_PREFIX[tpm.group(1)]
        d.s = tpm.start()


# ---- right after the number: scale words, 半, 打 -----------------------------------


def read_scale_word(t: str, d: Draft, lang: str) -> None:
    """English scale words after Arabic digits (5k, 1.2 billion); 多/余 + 万/亿 after Arabic digits (500多亿)."""
    n = len(t)
    if d.arabic_tail and d.kind in ("number", "percent", "permille"):
        sm = EN_SCALE_RE.match(t, d.e)
        word = sm.group(1) if sm else ""
        # "5 b" is not 5 billion; a bare B is billion only after a currency or in English text
        if sm and not (word == "b" and d.e < n and t[d.e] == " ") and not (word == "B" and d.cur is None and lang != "en"):
            d.value *= EN_SCALES[word]
            d.scale = EN_SCALES[word]
            d.has_scale = True
            d.e = sm.end()
    e = d.e
    if e < n and t[e] in "多余" and e + 1 < n and t[e + 1] in SCALES and not d.num.cn:
        d.value *= SCALES[t[e + 1]]
        d.scale = SCALES[t[e + 1]]
        d.has_scale = True
        d.qual = "gt"
        d.e += 2


def read_half(t: str, d: Draft) -> None:
    """一半 / 1半 = 0.5 (not before a unit: 一半公里 is read by the unit step)."""
    e, n = d.e, len(t)
    if d.value == 1 and e < n and t[e] == "半" and d.kind == "number" and not UNIT_RE.match(t, e + 1):
        d.value = 0.5
        e += 1
        while e < n and t[e] == "半":
            e += 1
        d.e = e


def dozen(t: str, d: Draft) -> Mention | None:
    """N打 = N dozen, a number; None where no 打 follows."""
    if d.e < len(t) and t[d.e] == "打" and d.kind == "number" and d.cur is None and d.value > 0:
        return d.plain(d.e + 1, d.value * 12)
    return None


# ---- percent-like words: %, 个百分点, 成, 折, 倍 ------------------------------------


def read_rate_suffix(t: str, d: Draft) -> bool:
    """%, 百分点, 成 (tenths), 折 (a price as tenths), 倍; False where the word makes no sense (十一成, 十折)."""
    if d.kind != "number":
        return True
    pm = PERCENT_RE.match(t, d.e)
    if not pm:
        return True
    word = "个百分点" if "百" in pm.group(1) else pm.group(1)
    d.e = pm.end()
    if word in _RATE_WORDS and not _RATE_WORDS[word](t, d):
        return False
    d.kind, d.unit = PERCENT_SUFFIX[word]
    return True


def _tenths(t: str, d: Draft) -> bool:
    """N成 = N×10%; 三成半 = 35%, 两成五 = 25%."""
    n = len(t)
    d.value *= 10
    e = d.e
    if e < n and t[e] == "半":
        d.value += 5
        d.e = e + 1
    else:
        tm = MONEY_TRAIL_DIGIT_RE.match(t, e + (1 if e < n and t[e] == " " else 0))
        if tm and not tm.group(1):
            d.value += DIGITS[tm.group(2)]
            d.e = tm.end()
    return d.value <= 100


def _discount(t: str, d: Draft) -> bool:
    """N折 = the price as N tenths (八折 = 80%, 八五折 = 85%, 对折 = 50%)."""
    v = d.value
    if v == 10 or v <= 0 or v >= 100:
        return False
    d.value = 50.0 if v == 0.5 else v * 10 if v < 10 else v
    return True


_RATE_WORDS = {"成": _tenths, "折": _discount}


# ---- currencies after the number, with their sub-units ------------------------------


def read_currency_suffix(t: str, d: Draft) -> None:
    """元 / 美元 / dollars / 角 ... after the number, and the sub-units that follow (五元三毛, 一块二)."""
    if d.kind != "number":
        return
    cm = CURRENCY_SUFFIX_RE.match(t, d.e)
    if not cm:
        return
    word = cm.group(1)
    code = CURRENCY_SUFFIX[word]
    if d.cur is None or word not in ("元", "块") or d.cur == "CNY":
        d.cur = code if d.cur is None or word not in ("元",) else d.cur
    d.e = cm.end()
    factor = CURRENCY_FACTOR.get(word)
    if factor is not None:
        _read_minor_unit(t, d, factor)
    elif not word.isascii() and d.e < len(t):
        _read_sub_units(t, d, word)


def _read_minor_unit(t: str, d: Draft, factor: float) -> None:
    """An amount in a minor unit (5角, 3美分) and the smaller one after it (5角3分, 两毛五)."""
    d.value *= factor
    sm = MONEY_SUB_RE.match(t, d.e)
    if sm:
        dg = sm.group(1)
        d.value += (int(dg) if dg.isdigit() else DIGITS[dg]) * MONEY_SUBUNITS.get(sm.group(2), 0.01)
        d.e = sm.end()
        return
    tm = MONEY_TRAIL_DIGIT_RE.match(t, d.e)
    if tm and not tm.group(1):
        d.value += DIGITS[tm.group(2)] * factor / 10
        d.e = tm.end()


def _read_sub_units(t: str, d: Draft, word: str) -> None:
    """After a Chinese currency word: 整, 人民币 (亿元人民币), then 五元三毛, 50元6角三分, 两美元又三美分, 一块二."""
    e = d.e
    if t.startswith("整", e):
        e += 1
    if t.startswith("人民币", e):
        e += 3
    sub_total = 0.0
    while sm := MONEY_SUB_RE.match(t, e):
        dg = sm.group(1)
        sub_total += (int(dg) if dg.isdigit() else DIGITS[dg]) * MONEY_SUBUNITS[sm.group(2)]
        e = sm.end()
    if sub_total == 0 and word in ("块", "蚊", "元"):
        tm = MONEY_TRAIL_DIGIT_RE.match(t, e)
        if tm:
            sub_total = DIGITS[tm.group(2)] * (0.01 if tm.group(1) else 0.1)
            e = tm.end()
    d.value += sub_total
    d.e = e


# ---- physical units, durations, measure words --------------------------------------


def read_unit(t: str, d: Draft) -> None:
    """A physical unit or duration (3公里, 两个半小时, 5分半), else a measure word (三家, 10多个)."""
    if d.kind != "number":
        return
    um = UNIT_RE.match(t, d.e) or MINUTE_RE.match(t, d.e)
    if um:
        _read_physical(t, d, um)
    else:
        _read_measure_word(t, d)


def _read_physical(t: str, d: Draft, um) -> None:
    n = len(t)
    word = um.group(1)
    u, k2 = UNITS.get(word) or ("分钟", "duration")   # 分 only before 半 / N秒 (MINUTE_RE)
    if word == "日" and d.num.cn and d.value > 31:
        return
    if word == "m" and um.end() < n and t[um.end()].isalpha():
        return
    d.kind, d.unit = k2, u
    e = um.end()
    if e < n and t[e] == "半" and k2 in ("quantity", "duration"):
        d.value += 0.5
        e += 1
        if u == "分钟" and e < n and t[e] == "钟":
            e += 1
    elif e < n and k2 == "quantity" and u == "m" and d.num.cn:
        tm = MONEY_TRAIL_DIGIT_RE.match(t, e)     # 一米八 = 1.8 m
        if tm and not tm.group(1):
            d.value += DIGITS[tm.group(2)] * 0.1
            e = tm.end()
    if (u == "岁" or k2 == "duration") and e < n and t[e] == "大":
        e += 1
    d.e = e


def _read_measure_word(t: str, d: Draft) -> None:
    n = len(t)
    mm = MEASURE_RE.match(t, d.e)
    if not mm:
        return
    word = mm.group(1)
    if word == "个" and d.e + 1 < n and t[d.e + 1] == "半":
        d.value += 0.5
        d.kind, d.unit = "count", "个"
        d.e = mm.end() + 1
        um = UNIT_RE.match(t, d.e)
        if um:
            d.kind, d.unit = UNITS[um.group(1)][1], UNITS[um.group(1)][0]
            d.e = um.end()
        return
    d.kind, d.unit = "count", word
    if mm.group().startswith(("多", "余")):
        d.qual = "gt"
    d.e = mm.end()


def apply_temperature(d: Draft) -> None:
    """A 摄氏/华氏 prefix makes a bare number or 度 a temperature."""
    if d.temp_unit is not None and d.unit in (None, "°"):
        d.kind, d.unit = "quantity", d.temp_unit
