"""Regular expressions of the numbers stage, compiled once from the tables; all anchored or linear (no backtracking traps)."""

from __future__ import annotations

import re

from .tables import (
    CN_DATE_DIGITS,
    CN_DIGIT_CHARS,
    CN_MONTH_DIGITS,
    CN_NUM_CHARS,
    CURRENCY_PREFIX,
    CURRENCY_SUFFIX,
    EN_ORDINALS,
    EN_SCALES,
    EN_WORD_NUMBERS,
    MEASURE_WORDS,
    PERCENT_SUFFIX,
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    UNITS,
)

# the letters re.IGNORECASE takes for ASCII ones that str.lower() leaves as they are (ſ for s, ı and İ for i; the
# Kelvin sign lowers to k itself): a matched word's table key is fold(word), not word.lower()
_IGNORECASE_FOLD = str.maketrans({"ſ": "s", "ı": "i", "\u0307": ""})


def fold(word: str) -> str:
    """The lower-case table key of a word a case-insensitive pattern matched (ſeven -> seven, FİRST -> first)."""
    return word.lower().translate(_IGNORECASE_FOLD)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _alt_first(words) -> str:
    """``_alt`` with the words grouped by first character (``_alt``'s order within a group): the engine tries the one
    group that can match at a position, not every word. The first characters differ even ignoring case."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(w)
    if len({c.lower() for c in groups}) < len(groups):  # under IGNORECASE the order between such groups would matter
        raise ValueError("_alt_first: words whose first characters are equal but for case")
    return "|".join(re.escape(c) + "(?:" + "|".join(re.escape(w[1:]) for w in group) + ")" for c, group in groups.items())


NUMCHARS = re.escape(CN_NUM_CHARS)
# a run of numeral material; ends on a digit/numeral/fuzzy char (never on space/point)
RUN_RE = re.compile(
    rf"(?:\.(?=[0-9]))?[0-9{NUMCHARS}](?:[0-9{NUMCHARS}几多余点., ]*[0-9{NUMCHARS}几多余])?|"
    rf"[几数](?=[十百千万亿])"
)
ARABIC_RE = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+")
SCI_RE = re.compile(r"[eE]([-+]?\d+)|\^([-+]{0,2}\d+)")
FRACTION_SLASH_RE = re.compile(r" ?/ ?(\d+)(?![\d/])")
EN_SCALE_RE = re.compile(r" ?(" + _alt([k for k in EN_SCALES if k != "千"]) + r")(?![A-Za-z])")
PERCENT_RE = re.compile(r" *(" + _alt(PERCENT_SUFFIX) + r"|(?:个 *)?百 *分 *点)")
CURRENCY_SUFFIX_RE = re.compile(r" *(?:个)?(" + _alt(CURRENCY_SUFFIX) + r")(?![A-Za-z克升米秒])")
CURRENCY_PREFIX_RE = re.compile(r"(" + _alt(CURRENCY_PREFIX) + r") *$")
UNIT_RE = re.compile(r" *(?:个)?(" + _alt(UNITS) + r")(?![A-Za-z])")
MEASURE_RE = re.compile(r"(?:多|余)?(" + _alt(MEASURE_WORDS) + r")")
SUFFIX_QUAL_RE = re.compile(r" *(" + _alt(SUFFIX_QUALIFIERS) + r")(?![A-Za-z])")
PREFIX_QUAL_RE = re.compile(
    r"(?:(" + _alt(k for k in PREFIX_QUALIFIERS if not k.isascii()) + r")(?:了|为|是|达|有|的)?"
    r"|(?<![A-Za-z])(" + _alt(k for k in PREFIX_QUALIFIERS if k.isascii()) + r")) *$", re.IGNORECASE)
NEG_RE = re.compile(r"(?:^|(?<=[^\w.,\-]))(?:负|-) *$")
PERCENT_PREFIX_RE = re.compile(r"百 *分 *之 *$")
PERMILLE_PREFIX_RE = re.compile(r"(?<![0-9一二三四五六七八九十百千万亿两])([千万]|百万|千万|百万万) *分 *之 *$")
FRACTION_RE = re.compile(r" *分 *之 *")
ORDINAL_PREFIX_RE = re.compile(r"第 *$")
RANGE_SEP_RE = re.compile(r" *(?:-|~|到|至|－|—|to) *")
MIXED_SEP_RE = re.compile(r" *又 *| ")
HALF_PRICE_RE = re.compile(r"(?<=打)对折")
MONEY_SUB_RE = re.compile(rf"(?:又|零)?([0-9{CN_DIGIT_CHARS}]) *(美分|角|毛|毫|分|仙)")
MONEY_TRAIL_DIGIT_RE = re.compile(rf"(零)?([{CN_DIGIT_CHARS}])(?![0-9{NUMCHARS}点.个])")
TEMP_PREFIX_RE = re.compile(r"(华氏|摄氏)(?:温度)? *$")
MINUTE_RE = re.compile(rf"(分)(?=半|[0-9{CN_DIGIT_CHARS}十]+ *秒)")
BARE_DENOM_RE = re.compile(rf"(?<![0-9{NUMCHARS}])万万?(?= *分 *之)")
DURATION_GAP_RE = re.compile(r"(?:又|零|和)?")
BETWEEN_SEP_RE = re.compile(r" *(?:与|和|跟|到|至) *")
BETWEEN_END_RE = re.compile(r"之?间")
PAIR_GAP_RE = re.compile(r"[^。；;!?！？\n]{0,8}")
STANDALONE_HALF_RE = re.compile(
    r"(?=[半个])(?:(?<![上下前后大多一两0-9])半(?=个|成|折|百)|(?<![上下前后大多一两0-9])半(?=年|天|日|小时|钟|月|公|升|加|吨|斤|米|克|千|毫)"
    r"|(?<![0-9一二三四五六七八九十两])个半(?=个|年|天|日|小时|钟|月))")
EN_WORD_RE = re.compile(
    r"\b(" + _alt_first(EN_WORD_NUMBERS) + r")(?:-("
    + _alt_first([w for w in EN_WORD_NUMBERS if EN_WORD_NUMBERS[w] < 10]) + r"))?\b", re.IGNORECASE)
EN_ORDINAL_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + _alt_first(EN_ORDINALS) + r")\b", re.IGNORECASE)

_CN_D = CN_DATE_DIGITS
_CN_M = CN_MONTH_DIGITS
_CN_DECADE = CN_MONTH_DIGITS.replace("十", "")  # 八十年代; 十十年代 is no decade
# tried only where a form can start (a Latin letter only at F/f or a word start), and its cn form only at a digit:
# cn's parts are all optional, and an empty match at every Latin letter cost a Python step each
DATE_RE = re.compile(
    rf"(?=[0-9{_CN_D}十正初每上下这本周星礼去今明前后Ff]|\b[A-Za-z])(?:"
    # ISO-like dates
    r"(?P<iso>(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d))"
    r"|(?P<us>(?P<um>\d{1,2})/(?P<ud>\d{1,2})/(?P<uy>\d{4}))"
    # fiscal years
    r"|(?P<fy>(?:FY|fiscal(?: year)?) ?(?P<fyy>(?:19|20)\d\d)|(?P<fyy2>(?:19|20)\d\d) *(?:财年|财政年度|财务年度|年度))"
    # decades
    rf"|(?P<dec>(?:(?P<decd>\d0)|(?P<decc>[{_CN_DECADE}]十))年代)"
    # Chinese y/m/d; year range 1995-1997年
    rf"|(?P<cn>(?=[0-9{_CN_D}十正初])"
    rf"(?:(?P<y>\d{{4}}|[{_CN_D}]{{4}}|0\d|[{_CN_D}]{{2}}(?= *年 *(?:\d|[{_CN_M}])+ *月)|\d{{2}}(?= *年 *\d{{1,2}} *月))"
    rf"(?: *[-~至到] *(?P<y2>\d{{4}}))? *年(?!代|龄|级|薪|均|限|化|纪))?"
    rf"(?:(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正) *月(?!份?[0-9一二三四五六七八九十]*[天日]?(?:之内|内)))?"
    rf"(?:(?P<d>[12]\d|3[01]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|初[一二三四五六七八九十]) *(?P<dsuf>[日号])?)?)"  # noqa: E501
    r"|(?P<wd>(?:每|上上个|上个|下下个|下个|这个|本|上上|下下|上|下)? *(?:周|星期|礼拜)(?P<wdd>[一二三四五六日天]))"
    r"|(?P<half>(?:(?P<hy>\d{4}) *年|去年|今年|明年)?(?:的)?(?P<hh>[上下前后])半(?:个)?(?:年|月|周))"
    r"|(?P<en>\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (?:\d{1,2}(?:st|nd|rd|th)?,? )?(?P<eny>(?:19|20)\d\d)\b)"
    r"|(?P<enyr>\b(?:in|In|since|Since|by|of|during|until|from|From|through|to|and|year|early|late|mid|Year|end) (?P<eny2>(?:19|20)\d\d)(?![\w%]|,\d|\.\d)))"  # noqa: E501
)
TIME_RE = re.compile(
    rf"(?=[0-9上下晚早凌中傍今明昨])(?P<t>(?:上午|下午|晚上|早上|凌晨|中午|傍晚|今晚|今早|今晨|明早|明晚|昨晚)? *"
    r"(?P<h>[01]?\d|2[0-4]) ?[:：] ?[0-5]\d(?: ?[:：] ?[0-5]\d)?(?: ?[ap]\.? ?m\.?)?"
    r"|(?:上午|下午|晚上|早上|凌晨|中午|傍晚|今晚|今早|今晨|明早|明晚|昨晚) *"
    rf"(?P<h2>[01]?\d|2[0-4]|[{_CN_M}]{{1,3}}|两|零)(?:点|时)(?:半|整|钟|(?:[0-5]?\d|[{_CN_M}]{{1,3}})分|[一三]刻)?)"
)
CLOCK_RE = re.compile(
    rf"(?<![0-9天])(?=[0-9{_CN_M}两零])(?:(?P<h>[01]?\d|2[0-4]|[{_CN_M}]{{1,3}}|两|零) *(?:点|时)(?! *[0-9{_CN_D}两壹贰叁肆伍陆柒捌玖]|[钟数])(?:半|整|钟|[一三]刻)?"  # noqa: E501
    rf"|(?P<h3>[01]?\d|2[0-4]) *时 *[0-5]?\d *分(?: *[0-5]?\d *秒)?"
    rf"|(?P<h4>[01]?\d|2[0-4]|[{_CN_M}]{{1,3}}|两|零) *点 *(?:[0-5]?\d|[{_CN_M}]{{1,3}}) *分(?!钟))"
)
LATIN_RE = re.compile(r"[A-Za-z]")
# "iPhone 4", "Windows 11", "Python 3": a capitalised / camel-case Latin word, one space, an integer
MODEL_NAME_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]*[A-Z][A-Za-z]*) $")
# URLs / e-mail-like runs: numbers and "%xx" escapes in them are not quantities
URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[!-~]+", re.IGNORECASE)
# dotted digit sequences (2222.2222.22222, 1.2.3, IPs) and leading "..": the dots are not decimal points
DOTTED_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}|(?<!\.)\.{2,}(?=\d)")
# $20，300美圆: a prefix currency and a suffix currency around a full-width comma are two amounts
# (only before a named currency word, not 元/块: ¥1，200元 stays one amount)
TWO_AMOUNTS_RE = re.compile(r"[$¥€£] ?\d{1,3}(,)[1-9]\d\d(?= *(?:" + _alt(
    w for w in CURRENCY_SUFFIX if not w.isascii() and len(w) > 1 and w not in ("块钱", "分钱", "元人民币")) + r"))")
# fractions without 之 (四分一, 二份一, 十份十一): only before a unit, a non-CJK char or the end
FRACTION_NO_ZHI_RE = re.compile(r"[分份](?=[一二三四五六七八九十两])")
# 半百 = 50 (年过半百)
HALF_HUNDRED_RE = re.compile(r"(?<![0-9一二三四五六七八九十百千万亿两])半百(?![分万亿千])")
# yy-mm-dd (12-11-10)
SHORT_DATE_RE = re.compile(r"(?<![\d\-.:/])(\d{2})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?![\d\-.:/])")
