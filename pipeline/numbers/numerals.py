"""Parse a token list into numbers with a small state machine (mixed numerals, digit strings, 一两百, 十几万)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .tables import TRANS
from .tokenise import Tok, tokenise


@dataclass(slots=True)
class ParsedNumber:
    value: float
    start: int
    end: int
    high: float | None = None
    fuzzy: str | None = None      # gt / approx
    has_scale: bool = False
    scale: float = 1.0
    cn: bool = False              # contains Chinese numerals
    digit_string: bool = False
    single_char: str | None = None


def parse_chinese_number(s: str) -> float | None:
    """Value of a string that is exactly one (Chinese, Arabic or mixed) numeral, else None."""
    s = s.translate(TRANS).strip()
    neg = s[:1] in ("负", "-")
    if neg:
        s = s[1:].lstrip()
    toks = tokenise(s, 0)
    if not toks:
        return None
    num, k = parse_tokens(toks, 0)
    if num is None or k != len(toks):
        return None
    return -num.value if neg else num.value


def parse_tokens(toks: list[Tok], i: int) -> tuple[ParsedNumber | None, int]:
    """Parse one number starting at toks[i]; return (number, next index)."""
    t0 = toks[i]
    if t0.kind == "sep" or t0.kind == "point":
        return None, i + 1
    if t0.kind == "num" and t0.cn:
        found = _digit_string(toks, i)
        if found is not None:
            return found
    if t0.kind == "num" and (i + 1 == len(toks) or toks[i + 1].kind == "sep"):
        # a number alone (the most common case: 2023, 7.2, 三): what the state machine gives, without running it
        return ParsedNumber(float(t0.value), t0.start, t0.end, cn=t0.cn, single_char=t0.text if t0.cn else None), i + 1
    r = _Reader(toks, i)
    while r.k < r.n and _STEPS.get(toks[r.k].kind, _stop)(r):
        pass
    if r.result is not None:
        return r.result
    return r.finish(i)


# ---- consecutive single Chinese digits: 二零二三, 三八 (折), 一两百 --------------

def _digit_string(toks: list[Tok], i: int) -> tuple[ParsedNumber | None, int] | None:
    """A digit string (二零二三, 三点一四) or an approximate range (一两百, 二三十, 三四万) at toks[i]; None if neither."""
    n = len(toks)
    j = i
    while j < n and toks[j].kind == "num" and toks[j].cn and (j == i or toks[j].start == toks[j - 1].end
                                                              or toks[j].start - toks[j - 1].end <= 1):
        j += 1
    if j - i < 2:
        return None
    digits = [int(toks[k].value) for k in range(i, j)]
    if j - i == 2 and j < n and toks[j].kind in ("unit", "scale") and digits[1] == digits[0] + 1 \
            or (j - i == 2 and digits == [1, 2] and j < n and toks[j].kind in ("unit", "scale")):
        found = _approximate_range(toks, i, j, digits)
        if found is not None:
            return found
    if "两" in "".join(toks[k].text for k in range(i, j)) or (
            digits[0] == 0 and j < n and toks[j].kind in ("unit", "scale")):
        return None
    val_s = "".join(str(d) for d in digits)
    if j + 1 < n and toks[j].kind == "point" and toks[j + 1].kind == "num" and toks[j + 1].cn:
        k2 = j + 1
        fr = ""
        while k2 < n and toks[k2].kind == "num" and toks[k2].cn and toks[k2].text != "两":
            fr += str(int(toks[k2].value))
            k2 += 1
        if fr:
            return ParsedNumber(float(val_s + "." + fr), toks[i].start, toks[k2 - 1].end, cn=True,
                                digit_string=True), k2
    return ParsedNumber(float(val_s), toks[i].start, toks[j - 1].end, cn=True, digit_string=True), j


def _approximate_range(toks: list[Tok], i: int, j: int, digits: list[int]) -> tuple[ParsedNumber, int] | None:
    """一两百, 二三十, 三四万: two neighbouring digits before a unit are a range of the unit."""
    lo_tok = Tok("num", digits[0], toks[i].start, toks[i].end, True)
    hi_num, k = parse_tokens([Tok("num", digits[1], toks[i + 1].start, toks[i + 1].end, True)] + toks[j:], 0)
    lo_num, _ = parse_tokens([lo_tok] + toks[j:j + (k - 1)], 0)
    if hi_num is None or lo_num is None:
        return None
    return ParsedNumber(lo_num.value, toks[i].start, hi_num.end, high=hi_num.value, fuzzy="approx", cn=True,
                        has_scale=hi_num.has_scale, scale=hi_num.scale), j + k - 1


# ---- the state machine: one step per token kind ----------------------------------

@dataclass(slots=True)
class _Reader:
    toks: list[Tok]
    k: int
    n: int = 0
    total: float = 0.0
    section: float = 0.0
    num: float | None = None
    num_single: bool = False
    zero_before: bool = False
    prev_kind: str | None = None
    last_unit: float | None = None
    last_scale: float | None = None
    last_mult: float | None = None   # multiplier of the previous unit/scale (for 一万三)
    fuzzy: str | None = None
    has_scale: bool = False
    scale_val: float = 1.0
    cn: bool = False
    start: int = 0
    end: int = 0
    frac_done: bool = False
    result: tuple[ParsedNumber | None, int] | None = None   # set by a step that parsed the whole number itself

    def __post_init__(self):
        self.n = len(self.toks)
        self.start = self.end = self.toks[self.k].start

    def implied(self) -> float:
        """The value of the pending digit: 一万三 = 13000, 三百五 = 350."""
        if self.num is None:
            return 0.0
        if self.num_single and not self.zero_before and self.prev_kind == "num" \
                and self.last_mult is not None and self.last_mult >= 10:
            return self.num * self.last_mult / 10
        return self.num

    def finish(self, i: int) -> tuple[ParsedNumber | None, int]:
        k, toks = self.k, self.toks
        if k == i:
            return None, i + 1
        if self.prev_kind is None:
            return None, k
        value = self.total + self.section + self.implied()
        res = ParsedNumber(value, self.start, self.end, fuzzy=self.fuzzy, has_scale=self.has_scale,
                           scale=self.scale_val, cn=self.cn)
        if k - i == 1 and (toks[i].cn or toks[i].kind == "unit"):
            res.single_char = toks[i].text
        return res, k


def _stop(r: _Reader) -> bool:
    return False


def _num(r: _Reader) -> bool:
    """A digit or an Arabic number."""
    t = r.toks[r.k]
    if r.num is not None or r.frac_done:
        if r.num == 0:   # 零 as filler: 五亿零六, 零三十分钟
            r.zero_before = True
            r.num = None
        else:
            return False
    if r.prev_kind == "num" and not (r.toks[r.k - 1].cn and r.toks[r.k - 1].value == 0):
        return False
    r.num = t.value
    r.num_single = t.cn
    r.cn = r.cn or t.cn
    if t.cn and t.value == 0:
        r.zero_before = True
    r.prev_kind = "num"
    r.end = t.end
    r.k += 1
    return True


def _unit(r: _Reader) -> bool:
    """十 百 千 (and 廿 卅 卌, which carry their own digit)."""
    t = r.toks[r.k]
    u = t.value
    implicit = u < 0
    if implicit:
        u = -u
        if r.num is not None and not (r.num == 0 and (r.total or r.section)):
            return False
        r.num = u / 10
        u_eff = 10
    else:
        u_eff = u
    if r.last_unit is not None and u_eff >= r.last_unit and r.prev_kind != "scale":
        return False
    mult = r.num if (r.num is not None and r.num != 0) else 1.0
    r.section += mult * u_eff
    r.num = None
    r.num_single = False
    r.zero_before = False
    r.last_unit = u_eff
    r.last_mult = None if implicit else u_eff
    r.prev_kind = "unit"
    r.cn = True
    r.end = t.end
    r.k += 1
    return True


def _scale(r: _Reader) -> bool:
    """万 亿 兆: multiply what came before (万亿 = 1e12; 三万四千 adds a smaller section)."""
    toks, k = r.toks, r.k
    s = toks[k].value
    sec = r.section + (r.num or 0)
    if r.num is not None and r.num_single and not r.zero_before and r.prev_kind == "num" \
            and r.last_mult is not None and r.last_mult >= 10 and r.last_unit is not None:
        sec = r.section + r.num * r.last_mult / 10
    if sec == 0 and r.total == 0 and r.prev_kind is None:
        # 万九 style: leading scale only with a following digit
        if k + 1 < r.n and toks[k + 1].kind == "num" and toks[k + 1].cn:
            sec = 1
        else:
            return False
    if r.last_scale is None or s > r.last_scale:
        r.total = (r.total + sec) * s
        r.last_scale = s
    elif s == r.last_scale and sec == 0 and r.prev_kind == "scale":
        r.total *= s
        r.last_scale = s * s
    elif s < r.last_scale and sec > 0:
        r.total += sec * s
    else:
        return False
    r.has_scale = True
    r.scale_val = s
    r.section = 0
    r.num = None
    r.num_single = False
    r.zero_before = False
    r.last_unit = None
    r.last_mult = s
    r.prev_kind = "scale"
    r.cn = True
    r.end = toks[k].end
    r.k += 1
    return True


def _point(r: _Reader) -> bool:
    """点 and the decimal part after it: following single digits (not 两) or an Arabic integer."""
    toks, n = r.toks, r.n
    k2 = r.k + 1
    digs = ""
    while k2 < n and toks[k2].kind == "num" and toks[k2].cn and toks[k2].text != "两":
        digs += str(int(toks[k2].value))
        k2 += 1
    if not digs and k2 < n and toks[k2].kind == "num" and not toks[k2].cn and "." not in toks[k2].text \
            and "," not in toks[k2].text:
        digs = toks[k2].text
        k2 += 1
    if not digs or (r.num is None and r.prev_kind not in ("unit", "scale")) or r.frac_done:
        return False
    intval = r.total + r.section + r.implied()
    r.total = intval + float("0." + digs)
    r.section = 0
    r.num = None
    r.frac_done = True
    r.prev_kind = "frac"
    r.end = toks[k2 - 1].end
    r.cn = True
    r.k = k2
    return True


def _fuzzy(r: _Reader) -> bool:
    """多 余 几 数: 三十多万 / 十几 make the number approximate; 几十 / 数百 start a range of their own."""
    toks, k, n = r.toks, r.k, r.n
    t = toks[k]
    c = t.text
    if c in "多余" and r.prev_kind in ("unit", "scale", "num") and (k + 1 >= n or toks[k + 1].kind == "scale"
                                                                   or toks[k + 1].start > t.end):
        if r.prev_kind == "num" and (r.num_single or r.num is None):
            return False
        r.fuzzy = "gt"
        r.end = t.end
        r.prev_kind = "fuzzy"
        r.k += 1
        return r.k < n and toks[r.k].kind == "scale"
    if c == "几" and r.prev_kind in ("unit", "scale", "num") and (r.prev_kind != "num" or r.zero_before):
        r.fuzzy = "gt"
        r.end = t.end
        r.num = None
        r.prev_kind = "fuzzy"
        r.k += 1
        return True
    if c in "几数" and r.prev_kind is None and k + 1 < n and toks[k + 1].kind in ("unit", "scale"):
        # 几十 / 数百: a few tens -> value 2u .. 9u
        rest, k3 = parse_tokens([Tok("num", 2, t.start, t.end, True)] + toks[k + 1:], 0)
        if rest is None:
            return False
        hi = rest.value / 2 * 9
        r.result = (ParsedNumber(rest.value, t.start, rest.end, high=hi, fuzzy="approx", cn=True,
                                 has_scale=rest.has_scale, scale=rest.scale), k + k3)
        return False
    return False


_STEPS: dict[str, Callable[[_Reader], bool]] = {
    "num": _num, "unit": _unit, "scale": _scale, "point": _point, "fuzzy": _fuzzy,
}
