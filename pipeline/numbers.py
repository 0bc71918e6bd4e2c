"""Find and parse numeric expressions in Chinese and English text.

Public API::

    find_numbers(text, *, lang="auto") -> list[NumberMention]

Every mention carries character offsets into the *given* text (``end``
exclusive, ``text[start:end] == mention.text``), a float ``value`` (and
``value_high`` for ranges), a ``unit`` (ISO 4217 code for money, ``%`` for
percent and percentage points, ``‰`` for per mille, the measure word for
counts, a canonical symbol for physical quantities and durations), a ``kind``
and a ``qualifier``.

Kinds: number, money, percent, permille, percentage_point, multiplier, count,
quantity, duration, year, date, time, ordinal.  ``year``/``date``/``time``
mentions are periods, never claims; their ``value`` is the year when one is
written (else the month, else the day/hour).  Physical quantities keep the
value as written (``3斤`` -> 3, unit ``斤``; ``12千米`` -> 12000, unit ``m``);
``UNIT_TABLE`` maps each canonical unit to its SI base and factor.

How it works (linear time, no regex backtracking traps):

1. The text is mapped 1:1 (same length, so offsets survive) with
   ``str.translate``: full-width digits/punctuation to ASCII, traditional
   numeral characters to simplified (萬→万, 兩→两, 點→点 ...).
2. Dates, years and times are found first with ``_DATE_RE``/``_TIME_RE`` and
   claim their spans.
3. ``_RUN_RE`` finds maximal runs of numeral characters (Arabic digits with
   ``,``/``.``, Chinese digits and scale characters, 点, 几/多/余); each run is
   tokenised and parsed by a small hand-written state machine
   (``_parse_tokens``) that handles mixed numerals (``1.5万亿``, ``3万4000``,
   ``两千零二十三``, ``一两百``, ``十几万``, implied trailing digits
   ``一万三``), and splits a run into several numbers where the grammar says so.
4. Around each number, anchored regexes (compiled once, below) read prefixes
   (qualifiers, currency symbols, 第, 百分之, 负) from a short window before it
   and suffixes (English scale words, %, 成, 折, 倍, currencies, units,
   measure words, 以上/左右 ...) after it; lookup tables map them to units,
   kinds and qualifiers.
5. Adjacent mentions joined by ``-``/``~``/到/至 become ranges.

Known limits (see benchmarks/out/numbers_failures.txt): money without a
number (``人民币 美元``), bare 分 as cents (``五分`` is also minutes/points, so
it is left a number), Cantonese forms (``個半``, ``三個字``), ``X对/X双`` as
pairs (duckling doubles, Recognizers does not), ``X分Y`` fractions without 之,
numbers inside dates (a date is one mention), relative dates without digits
(明天, 下周), and NumberModel's view that ``一美元`` holds no number.

What comes from cn2an: the Chinese digit and unit tables
(``cn2an.conf.NUMBER_CN2AN`` and ``UNIT_CN2AN``), extended here with 廿 卅 卌
兆 and 〇.  cn2an's own parser is not used on text: it rejects mixed and
fuzzy forms (``1.5万亿``, ``一两百``, ``百分之三十``, ``十几``) and gives no
spans; the tests use ``cn2an.cn2an(..., "strict")`` as an oracle for plain
Chinese integers.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass

from cn2an.conf import NUMBER_CN2AN, UNIT_CN2AN

__all__ = ["UNIT_TABLE", "NumberMention", "find_numbers", "parse_chinese_number"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    text: str
    start: int
    end: int
    value: float
    value_high: float | None
    unit: str | None
    kind: str
    qualifier: str

    def to_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------
# Lookup tables
# --------------------------------------------------------------------------

DIGITS: dict[str, int] = dict(NUMBER_CN2AN)   # includes 幺 (= 1, only inside digit strings: 幺八九)
SMALL_UNITS: dict[str, int] = {k: v for k, v in UNIT_CN2AN.items() if v < 10000}
SMALL_UNITS.update({"廿": 20, "卅": 30, "卌": 40})
SCALES: dict[str, float] = {"万": 1e4, "亿": 1e8, "兆": 1e12}
FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")

# 1:1 character map (length preserving, so offsets into the input stay valid).
_CHARMAP = {chr(0xFF10 + i): str(i) for i in range(10)}
_CHARMAP.update({
    "％": "%", "．": ".", "，": ",", "－": "-", "／": "/", "～": "~", "〜": "~",
    "–": "-", "—": "-", "−": "-", "﹪": "%", "＄": "$", "￥": "¥", "Ｋ": "K",
    "ｋ": "k", "Ｍ": "M", "ｍ": "m", "：": ":", "＋": "+", "＾": "^", "ｅ": "e", "Ｅ": "E",
    "萬": "万", "億": "亿", "兩": "两", "倆": "两", "俩": "两", "點": "点", "負": "负",
    "個": "个", "幾": "几", "貳": "贰", "參": "叁", "陸": "陆", "對": "对", "雙": "双",
    "鐘": "钟", "週": "周", "圓": "圆", "塊": "块", "餘": "余", "時": "时",
    "號": "号", "歲": "岁", "裏": "里", "里": "里", "噸": "吨", "釐": "厘", "於": "于",
    "後": "后", "幣": "币", "鎊": "镑", "美": "美", "歐": "欧", "盧": "卢", "韓": "韩",
    "攝": "摄", "華": "华", "侖": "仑", "頭": "头", "禮": "礼", "間": "间",
    "來": "来", "過": "过", "約": "约", "將": "将", "達": "达",
    "紀": "纪", "無": "无", "湯": "汤", "為": "为", "僅": "仅", "單": "单",
})
_TRANS = str.maketrans(_CHARMAP)

CN_DIGIT_CHARS = "".join(DIGITS)
CN_NUM_CHARS = CN_DIGIT_CHARS + "".join(SMALL_UNITS) + "".join(SCALES)

# qualifiers -------------------------------------------------------------
PREFIX_QUALIFIERS: dict[str, str] = {
    "约": "approx", "大约": "approx", "约为": "approx", "大概": "approx", "近": "approx",
    "接近": "approx", "将近": "approx", "逼近": "approx", "差不多": "approx", "大致": "approx",
    "超过": "gt", "超": "gt", "逾": "gt", "高于": "gt", "大于": "gt", "多于": "gt", "突破": "gt",
    "不到": "lt", "不足": "lt", "低于": "lt", "少于": "lt", "小于": "lt", "未满": "lt",
    "至少": "ge", "不少于": "ge", "不小于": "ge", "不多于": "le", "不低于": "ge", "起码": "ge", "最少": "ge", "大于等于": "ge",
    "不超过": "le", "最多": "le", "至多": "le", "不高于": "le", "小于等于": "le", "不大于": "le",
    "about": "approx", "nearly": "approx", "around": "approx", "approximately": "approx",
    "almost": "approx", "roughly": "approx", "some": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx",
    "more than": "gt", "over": "gt", "above": "gt", "exceeding": "gt", "greater than": "gt",
    "upwards of": "gt", "in excess of": "gt",
    "less than": "lt", "under": "lt", "below": "lt", "fewer than": "lt", "just under": "lt",
    "at least": "ge", "no less than": "ge", "no fewer than": "ge", "at most": "le",
    "up to": "le", "no more than": "le", "not more than": "le",
}
SUFFIX_QUALIFIERS: dict[str, str] = {
    "左右": "approx", "上下": "approx", "前后": "approx",
    "以上": "gt", "或以上": "ge", "及以上": "ge", "或更多": "ge", "多": "gt", "余": "gt", "有余": "gt",
    "以下": "lt", "或以下": "le", "及以下": "le", "以内": "le", "之内": "le",
    "or more": "ge", "or less": "le", "plus": "gt",
}

# currencies ------------------------------------------------------------
CURRENCY_SUFFIX: dict[str, str] = {
    "元人民币": "CNY", "元": "CNY", "块钱": "CNY", "块": "CNY", "人民币": "CNY", "圆": "CNY",
    "美元": "USD", "美金": "USD", "美圆": "USD", "美刀": "USD", "港元": "HKD", "港币": "HKD",
    "欧元": "EUR", "日元": "JPY", "日圆": "JPY", "英镑": "GBP", "台币": "TWD", "新台币": "TWD",
    "韩元": "KRW", "澳元": "AUD", "加元": "CAD", "新加坡元": "SGD", "瑞士法郎": "CHF",
    "法郎": "CHF", "卢布": "RUB", "卢比": "INR", "奈拉": "NGN", "比特币": "BTC", "澳门元": "MOP",
    "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY", "CNY": "CNY", "dollars": "USD", "dollar": "USD",
    "USD": "USD", "euros": "EUR", "euro": "EUR", "EUR": "EUR", "yen": "JPY", "JPY": "JPY",
    "pounds": "GBP", "pound": "GBP", "GBP": "GBP", "HKD": "HKD", "HK dollars": "HKD",
    "Hong Kong dollars": "HKD", "US dollars": "USD", "U.S. dollars": "USD", "won": "KRW",
    "rupees": "INR", "bitcoins": "BTC", "bitcoin": "BTC", "蚊": "HKD",
    "分钱": "CNY", "角": "CNY", "毛": "CNY", "毫": "HKD", "仙": "HKD", "美分": "USD",
}
# money words worth a fraction of the main unit
CURRENCY_FACTOR: dict[str, float] = {"分钱": 0.01, "角": 0.1, "毛": 0.1, "毫": 0.1, "仙": 0.01, "美分": 0.01}
TEMPERATURE_PREFIX: dict[str, str] = {"华氏": "°F", "摄氏": "°C"}
CURRENCY_PREFIX: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "HK$": "HKD", "HKD": "HKD", "NT$": "TWD",
    "A$": "AUD", "C$": "CAD", "S$": "SGD", "$": "USD", "¥": "CNY", "RMB": "CNY", "CNY": "CNY",
    "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "JPY": "JPY", "₩": "KRW",
    "人民币": "CNY", "港币": "HKD", "港元": "HKD", "美元": "USD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP",
}
# sub-units of money that may follow a main amount (五元三毛, 50元6角三分)
MONEY_SUBUNITS: dict[str, float] = {"角": 0.1, "毛": 0.1, "毫": 0.1, "分": 0.01, "仙": 0.01, "美分": 0.01}

# English scale words --------------------------------------------------------
EN_SCALES: dict[str, float] = {
    "k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
    "bn": 1e9, "b": 1e9, "billion": 1e9, "B": 1e9, "trillion": 1e12, "tn": 1e12,
    "千": 1e3,
}
EN_WORD_NUMBERS: dict[str, int] = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split())
}
EN_WORD_NUMBERS.update({w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)})
EN_ORDINALS: dict[str, int] = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1)}

# percent-like suffixes: surface -> (kind, unit, transform)
PERCENT_SUFFIX: dict[str, tuple[str, str]] = {
    "%": ("percent", "%"), "percent": ("percent", "%"), "per cent": ("percent", "%"),
    "pct": ("percent", "%"), "‰": ("permille", "‰"),
    "个百分点": ("percentage_point", "%"), "百分点": ("percentage_point", "%"),
    "percentage points": ("percentage_point", "%"), "percentage point": ("percentage_point", "%"),
    "成": ("percent", "%"), "折": ("percent", "%"),
    "倍": ("multiplier", "x"), "times": ("multiplier", "x"), "fold": ("multiplier", "x"),
    "-fold": ("multiplier", "x"),
}

# physical units: surface -> (canonical unit, kind).  UNIT_TABLE: canonical -> (base, factor)
UNITS: dict[str, tuple[str, str]] = {
    "公里": ("km", "quantity"), "千米": ("km", "quantity"), "km": ("km", "quantity"),
    "公尺": ("m", "quantity"), "米": ("m", "quantity"), "m": ("m", "quantity"),
    "厘米": ("cm", "quantity"), "公分": ("cm", "quantity"), "cm": ("cm", "quantity"),
    "CM": ("cm", "quantity"), "毫米": ("mm", "quantity"), "mm": ("mm", "quantity"),
    "英里": ("mi", "quantity"), "mile": ("mi", "quantity"), "miles": ("mi", "quantity"),
    "英尺": ("ft", "quantity"), "呎": ("ft", "quantity"), "foot": ("ft", "quantity"),
    "feet": ("ft", "quantity"), "foots": ("ft", "quantity"), "'": ("ft", "quantity"),
    "英寸": ("in", "quantity"), "英吋": ("in", "quantity"), "吋": ("in", "quantity"),
    "inches": ("in", "quantity"), "inch": ("in", "quantity"), "公里数": ("km", "quantity"),
    "公斤": ("kg", "quantity"), "千克": ("kg", "quantity"), "kg": ("kg", "quantity"),
    "克": ("g", "quantity"), "g": ("g", "quantity"), "毫克": ("mg", "quantity"),
    "mg": ("mg", "quantity"), "cc": ("mL", "quantity"), "feets": ("ft", "quantity"), "微克": ("μg", "quantity"), "吨": ("t", "quantity"),  # noqa: E501
    "斤": ("斤", "quantity"), "公顷": ("ha", "quantity"), "亩": ("亩", "quantity"),
    "平方米": ("m²", "quantity"), "平米": ("m²", "quantity"), "平方公里": ("km²", "quantity"),
    "升": ("L", "quantity"), "公升": ("L", "quantity"), "L": ("L", "quantity"),
    "毫升": ("mL", "quantity"), "ml": ("mL", "quantity"), "mL": ("mL", "quantity"),
    "茶匙": ("tsp", "quantity"), "汤匙": ("tbsp", "quantity"),
    "加仑": ("gal", "quantity"), "gallons": ("gal", "quantity"),
    "摄氏度": ("°C", "quantity"), "摄氏°": ("°C", "quantity"), "°C": ("°C", "quantity"),
    "℃": ("°C", "quantity"), "华氏度": ("°F", "quantity"), "华氏°": ("°F", "quantity"),
    "°F": ("°F", "quantity"), "℉": ("°F", "quantity"), "度": ("°", "quantity"),
    "°": ("°", "quantity"),
    "GB": ("GB", "quantity"), "TB": ("TB", "quantity"), "MB": ("MB", "quantity"),
    "KB": ("KB", "quantity"), "PB": ("PB", "quantity"), "比特": ("bit", "quantity"),
    "字节": ("B", "quantity"), "赫兹": ("Hz", "quantity"), "Hz": ("Hz", "quantity"),
    "MHz": ("MHz", "quantity"), "GHz": ("GHz", "quantity"), "千瓦时": ("kWh", "quantity"),
    "千瓦": ("kW", "quantity"), "kW": ("kW", "quantity"), "瓦": ("W", "quantity"),
    "千卡": ("kcal", "quantity"), "兆字节": ("MB", "quantity"), "千字节": ("KB", "quantity"),
    "兆赫兹": ("MHz", "quantity"), "兆赫": ("MHz", "quantity"), "千比特": ("kbit", "quantity"),
    "兆比特": ("Mbit", "quantity"), "两": ("两", "quantity"), "卡路里": ("kcal", "quantity"),
    "岁": ("岁", "quantity"), "周岁": ("岁", "quantity"),
    # durations
    "年": ("年", "duration"), "个月": ("月", "duration"), "周": ("周", "duration"),
    "个星期": ("周", "duration"), "星期": ("周", "duration"), "个礼拜": ("周", "duration"),
    "天": ("天", "duration"), "日": ("天", "duration"), "个小时": ("小时", "duration"),
    "小时": ("小时", "duration"), "个钟头": ("小时", "duration"), "钟头": ("小时", "duration"), "钟": ("小时", "duration"), "月": ("月", "duration"),  # noqa: E501
    "个钟": ("小时", "duration"), "分钟": ("分钟", "duration"), "秒钟": ("秒", "duration"),
    "秒": ("秒", "duration"), "years": ("年", "duration"), "year": ("年", "duration"),
    "months": ("月", "duration"), "month": ("月", "duration"), "weeks": ("周", "duration"),
    "days": ("天", "duration"), "hours": ("小时", "duration"), "minutes": ("分钟", "duration"),
    "seconds": ("秒", "duration"),
}
# canonical unit -> (base unit, factor to base); used by scorers / converters.
UNIT_TABLE: dict[str, tuple[str, float]] = {
    "km": ("m", 1000), "m": ("m", 1), "cm": ("m", 0.01), "mm": ("m", 0.001),
    "mi": ("m", 1609.344), "ft": ("m", 0.3048), "in": ("m", 0.0254),
    "kg": ("g", 1000), "g": ("g", 1), "mg": ("g", 0.001), "μg": ("g", 1e-6), "t": ("g", 1e6),
    "斤": ("g", 500), "两": ("g", 50), "L": ("L", 1), "mL": ("L", 0.001), "gal": ("L", 3.785411784), "tsp": ("L", 0.005), "tbsp": ("L", 0.015),  # noqa: E501
    "ha": ("m²", 1e4), "亩": ("m²", 666.6667), "m²": ("m²", 1), "km²": ("m²", 1e6),
    "bit": ("bit", 1), "kbit": ("bit", 1e3), "Mbit": ("bit", 1e6), "B": ("bit", 8), "KB": ("bit", 8e3), "MB": ("bit", 8e6),
    "GB": ("bit", 8e9), "TB": ("bit", 8e12), "PB": ("bit", 8e15),
    "Hz": ("Hz", 1), "MHz": ("Hz", 1e6), "GHz": ("Hz", 1e9), "W": ("W", 1), "kW": ("W", 1e3),
    "kWh": ("kWh", 1), "kcal": ("kcal", 1), "°C": ("°C", 1), "°F": ("°F", 1), "°": ("°", 1),
    "岁": ("年", 1),
    "年": ("s", 31536000), "月": ("s", 2592000), "周": ("s", 604800), "天": ("s", 86400),
    "小时": ("s", 3600), "分钟": ("s", 60), "秒": ("s", 1),
}
# Chinese measure words (classifiers): kind "count", unit = the word.
MEASURE_WORDS = frozenset(
    "个 人 家 次 台 款 位 任 笔 件 名 只 条 辆 架 艘 座 所 项 种 张 本 部 户 套 间 份 场 枚 颗 "
    "支 篇 首 批 起 例 头 匹 双 对 届 期 股 只 片 层 栋 辆 轮 倍 场 亿人次 人次 万人次 家次 "
    "单 票 份 包 瓶 箱 袋 盒 吨 所 门 节 页 行 幅 座 尊 位 员 名 个国家 国 省 城 县 次方".split())
MEASURE_WORDS = frozenset(w for w in MEASURE_WORDS if w not in PERCENT_SUFFIX and w not in UNITS)

# Two-character words beginning with a numeral that are not numbers.
NON_NUMBER_WORDS = frozenset(
    "一切 一看 一样 一般 一些 一直 一定 一致 一旦 一起 一下 一边 一共 一向 一同 一律 一味 一面 一举 "
    "一带 一路 一流 一体 一度 一再 一时 一向 一概 一贯 一齐 一连 一经 一手 一心 一口 一番 一道 一方 "
    "一行 一阵 一趟 一口气 万一 一一 两两 四川 十足 十分 一把手 九九 千万 万万 百万 三三 一如 "
    "一身 一生 一瞬 一股 一门 一句 七夕 五角 三角 四周 一家 一些 一级 一线 一致 一统 一早 一点 "
    "二手 三亚 九州 五洲 四海 八卦 十字 千里 万里 万物 千秋 百姓 千禧".split())

# --------------------------------------------------------------------------
# Regexes (all compiled here, once)
# --------------------------------------------------------------------------

def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMCHARS = re.escape(CN_NUM_CHARS)
# a run of numeral material; ends on a digit/numeral/fuzzy char (never on space/point)
_RUN_RE = re.compile(
    rf"(?:\.(?=[0-9]))?[0-9{_NUMCHARS}](?:[0-9{_NUMCHARS}几多余点., ]*[0-9{_NUMCHARS}几多余])?|"
    rf"[几数](?=[十百千万亿])"
)
_ARABIC_RE = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+")
_SCI_RE = re.compile(r"[eE]([-+]?\d+)|\^([-+]{0,2}\d+)")
_FRACTION_SLASH_RE = re.compile(r" ?/ ?(\d+)(?![\d/])")
_SPACES_RE = re.compile(r" *")
_EN_SCALE_RE = re.compile(r" ?(" + _alt([k for k in EN_SCALES if k != "千"]) + r")(?![A-Za-z])")
_PERCENT_RE = re.compile(r" *(" + _alt(PERCENT_SUFFIX) + r"|(?:个 *)?百 *分 *点)")
_CURRENCY_SUFFIX_RE = re.compile(r" *(?:个)?(" + _alt(CURRENCY_SUFFIX) + r")(?![A-Za-z克升米秒])")
_CURRENCY_PREFIX_RE = re.compile(r"(" + _alt(CURRENCY_PREFIX) + r") *$")
_UNIT_RE = re.compile(r" *(?:个)?(" + _alt(UNITS) + r")(?![A-Za-z])")
_MEASURE_RE = re.compile(r"(?:多|余)?(" + _alt(MEASURE_WORDS) + r")")
_SUFFIX_QUAL_RE = re.compile(r" *(" + _alt(SUFFIX_QUALIFIERS) + r")(?![A-Za-z])")
_PREFIX_QUAL_RE = re.compile(
    r"(?:(" + _alt(k for k in PREFIX_QUALIFIERS if not k.isascii()) + r")(?:了|为|是|达|有|的)?"
    r"|(?<![A-Za-z])(" + _alt(k for k in PREFIX_QUALIFIERS if k.isascii()) + r")) *$", re.IGNORECASE)
_NEG_RE = re.compile(r"(?:^|(?<=[^\w.,\-]))(?:负|-) *$")
_PERCENT_PREFIX_RE = re.compile(r"百 *分 *之 *$")
_PERMILLE_PREFIX_RE = re.compile(r"(?<![0-9一二三四五六七八九十百千万亿两])([千万]|百万|千万|百万万) *分 *之 *$")
_FRACTION_RE = re.compile(r" *分 *之 *")
_ORDINAL_PREFIX_RE = re.compile(r"第 *$")
_RANGE_SEP_RE = re.compile(r" *(?:-|~|到|至|－|—|to) *")
_MIXED_SEP_RE = re.compile(r" *又 *| ")
_HALF_PRICE_RE = re.compile(r"(?<=打)对折")
_MONEY_SUB_RE = re.compile(rf"(?:又|零)?([0-9{CN_DIGIT_CHARS}]) *(美分|角|毛|毫|分|仙)")
_MONEY_TRAIL_DIGIT_RE = re.compile(rf"(零)?([{CN_DIGIT_CHARS}])(?![0-9{_NUMCHARS}点.个])")
_TEMP_PREFIX_RE = re.compile(r"(华氏|摄氏)(?:温度)? *$")
_MINUTE_RE = re.compile(rf"(分)(?=半|[0-9{CN_DIGIT_CHARS}十]+ *秒)")
_BARE_DENOM_RE = re.compile(rf"(?<![0-9{_NUMCHARS}])万万?(?= *分 *之)")
_DURATION_GAP_RE = re.compile(r"(?:又|零|和)?")
_BETWEEN_SEP_RE = re.compile(r" *(?:与|和|跟|到|至) *")
_BETWEEN_END_RE = re.compile(r"之?间")
_PAIR_GAP_RE = re.compile(r"[^。；;!?！？\n]{0,8}")
_HALF_RE = re.compile(r"半")
_STANDALONE_HALF_RE = re.compile(
    r"(?=[半个])(?:(?<![上下前后大多一两0-9])半(?=个|成|折|百)|(?<![上下前后大多一两0-9])半(?=年|天|日|小时|钟|月|公|升|加|吨|斤|米|克|千|毫)"
    r"|(?<![0-9一二三四五六七八九十两])个半(?=个|年|天|日|小时|钟|月))")
_EN_WORD_RE = re.compile(
    r"\b(" + _alt(EN_WORD_NUMBERS) + r")(?:-(" + _alt([w for w in EN_WORD_NUMBERS if EN_WORD_NUMBERS[w] < 10]) + r"))?\b",
    re.IGNORECASE)
_EN_ORDINAL_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + _alt(EN_ORDINALS) + r")\b", re.IGNORECASE)

_CN_D = "〇零一二三四五六七八九"
_CN_M = "一二三四五六七八九十"
_DATE_RE = re.compile(
    rf"(?=[0-9A-Za-z{_CN_D}十正初每上下这本周星礼去今明前后])(?:"
    # ISO-like dates
    r"(?P<iso>(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d))"
    r"|(?P<us>(?P<um>\d{1,2})/(?P<ud>\d{1,2})/(?P<uy>\d{4}))"
    # fiscal years
    r"|(?P<fy>(?:FY|fiscal(?: year)?) ?(?P<fyy>(?:19|20)\d\d)|(?P<fyy2>(?:19|20)\d\d) *(?:财年|财政年度|财务年度|年度))"
    # decades
    rf"|(?P<dec>(?:(?P<decd>\d0)|(?P<decc>[{_CN_M}]十))年代)"
    # Chinese y/m/d; year range 1995-1997年
    rf"|(?P<cn>(?:(?P<y>\d{{4}}|[{_CN_D}]{{4}}|0\d|[{_CN_D}]{{2}}(?= *年 *(?:\d|[{_CN_M}])+ *月)|\d{{2}}(?= *年 *\d{{1,2}} *月))"
    rf"(?: *[-~至到] *(?P<y2>\d{{4}}))? *年(?!代|龄|级|薪|均|限|化|纪))?"
    rf"(?:(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正) *月(?!份?[0-9一二三四五六七八九十]*[天日]?(?:之内|内)))?"
    rf"(?:(?P<d>[12]\d|3[01]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|初[一二三四五六七八九十]) *(?P<dsuf>[日号])?)?)"  # noqa: E501
    r"|(?P<wd>(?:每|上上个|上个|下下个|下个|这个|本|上上|下下|上|下)? *(?:周|星期|礼拜)(?P<wdd>[一二三四五六日天]))"
    r"|(?P<half>(?:(?P<hy>\d{4}) *年|去年|今年|明年)?(?:的)?(?P<hh>[上下前后])半(?:个)?(?:年|月|周))"
    r"|(?P<en>\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (?:\d{1,2}(?:st|nd|rd|th)?,? )?(?P<eny>(?:19|20)\d\d)\b)"
    r"|(?P<enyr>\b(?:in|In|since|Since|by|of|during|until|from|From|through|to|and|year|early|late|mid|Year|end) (?P<eny2>(?:19|20)\d\d)(?![\w%]|,\d|\.\d)))"  # noqa: E501
)
_TIME_RE = re.compile(
    rf"(?=[0-9上下晚早凌中傍今明昨])(?P<t>(?:上午|下午|晚上|早上|凌晨|中午|傍晚|今晚|今早|今晨|明早|明晚|昨晚)? *"
    r"(?P<h>[01]?\d|2[0-4]) ?[:：] ?[0-5]\d(?: ?[:：] ?[0-5]\d)?(?: ?[ap]\.? ?m\.?)?"
    r"|(?:上午|下午|晚上|早上|凌晨|中午|傍晚|今晚|今早|今晨|明早|明晚|昨晚) *"
    rf"(?P<h2>[01]?\d|2[0-4]|[{_CN_M}]{{1,3}}|两|零)(?:点|时)(?:半|整|钟|(?:[0-5]?\d|[{_CN_M}]{{1,3}})分|[一三]刻)?)"
)
_CLOCK_RE = re.compile(
    rf"(?<![0-9天])(?=[0-9{_CN_M}两零])(?:(?P<h>[01]?\d|2[0-4]|[{_CN_M}]{{1,3}}|两|零) *(?:点|时)(?! *[0-9{_CN_D}两壹贰叁肆伍陆柒捌玖]|[钟数])(?:半|整|钟|[一三]刻)?"  # noqa: E501
    rf"|(?P<h3>[01]?\d|2[0-4]) *时 *[0-5]?\d *分(?: *[0-5]?\d *秒)?"
    rf"|(?P<h4>[01]?\d|2[0-4]|[{_CN_M}]{{1,3}}|两|零) *点 *(?:[0-5]?\d|[{_CN_M}]{{1,3}}) *分(?!钟))"
)
_LATIN_RE = re.compile(r"[A-Za-z]")
# URLs / e-mail-like runs: numbers and "%xx" escapes in them are not quantities
# "iPhone 4", "Windows 11", "Python 3": a capitalised / camel-case Latin word, one space, an integer
_MODEL_NAME_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]*[A-Z][A-Za-z]*) $")
_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[!-~]+", re.IGNORECASE)
# dotted digit sequences (2222.2222.22222, 1.2.3, IPs) and leading "..": the dots are not decimal points
_DOTTED_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}|(?<!\.)\.{2,}(?=\d)")
# $20，300美圆: a prefix currency and a suffix currency around a full-width comma are two amounts
# (only before a named currency word, not 元/块: ¥1，200元 stays one amount)
_TWO_AMOUNTS_RE = re.compile(r"[$¥€£] ?\d{1,3}(,)[1-9]\d\d(?= *(?:" + _alt(
    w for w in CURRENCY_SUFFIX if not w.isascii() and len(w) > 1 and w not in ("块钱", "分钱", "元人民币")) + r"))")
# fractions without 之 (四分一, 二份一, 十份十一): only before a unit, a non-CJK char or the end
_FRACTION_NO_ZHI_RE = re.compile(r"[分份](?=[一二三四五六七八九十两])")
# 半百 = 50 (年过半百)
_HALF_HUNDRED_RE = re.compile(r"(?<![0-9一二三四五六七八九十百千万亿两])半百(?![分万亿千])")
# yy-mm-dd (12-11-10)
_SHORT_DATE_RE = re.compile(r"(?<![\d\-.:/])(\d{2})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?![\d\-.:/])")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


# --------------------------------------------------------------------------
# Chinese / mixed numeral parsing
# --------------------------------------------------------------------------

@dataclass(slots=True)
class _Tok:
    kind: str      # num, unit, scale, point, fuzzy, sep
    value: float
    start: int
    end: int
    cn: bool = False      # a single Chinese digit
    text: str = ""


def _tokenise(s: str, base: int) -> list[_Tok]:
    """Tokenise a numeral run (already normalised).  Linear in len(s)."""
    toks: list[_Tok] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isdigit() and c.isascii():
            m = _ARABIC_RE.match(s, i)
            txt = m.group()
            # more than 300 digits is not a quantity anyone wrote; avoid slow huge float parsing
            val = float(txt.replace(",", "")) if len(txt) <= 300 else math.inf
            toks.append(_Tok("num", val, base + i, base + m.end(), False, txt))
            i = m.end()
        elif c == "." and i + 1 < n and s[i + 1].isdigit():
            m = _ARABIC_RE.match(s, i)
            toks.append(_Tok("num", float(m.group()), base + i, base + m.end(), False, m.group()))
            i = m.end()
        elif c in DIGITS:
            toks.append(_Tok("num", DIGITS[c], base + i, base + i + 1, True, c))
            i += 1
        elif c in SMALL_UNITS:
            v = SMALL_UNITS[c]
            if v in (20, 30, 40):   # 廿 卅 卌 behave like a tens number
                toks.append(_Tok("unit", 10, base + i, base + i + 1, False, c))
                toks[-1].value = -v   # marker: implicit multiplier
            else:
                toks.append(_Tok("unit", v, base + i, base + i + 1, False, c))
            i += 1
        elif c in SCALES:
            toks.append(_Tok("scale", SCALES[c], base + i, base + i + 1, False, c))
            i += 1
        elif c == "点":
            toks.append(_Tok("point", 0, base + i, base + i + 1, False, c))
            i += 1
        elif c in "几多余数":
            toks.append(_Tok("fuzzy", 0, base + i, base + i + 1, False, c))
            i += 1
        elif c == " ":
            i += 1
        else:   # , or . not part of a number
            toks.append(_Tok("sep", 0, base + i, base + i + 1, False, c))
            i += 1
    return toks


@dataclass(slots=True)
class _Num:
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


def _parse_tokens(toks: list[_Tok], i: int) -> tuple[_Num | None, int]:
    """Parse one number starting at toks[i]; return (number, next index)."""
    n = len(toks)
    t0 = toks[i]
    if t0.kind == "sep" or t0.kind == "point":
        return None, i + 1
    # leading 几/数 before a unit: 几十 数百 几万
    # digit strings: 二零二三, 三八 (折) -- consecutive single Chinese digits
    if t0.kind == "num" and t0.cn:
        j = i
        while j < n and toks[j].kind == "num" and toks[j].cn and (j == i or toks[j].start == toks[j - 1].end
                                                                  or toks[j].start - toks[j - 1].end <= 1):
            j += 1
        if j - i >= 2:
            digits = [int(toks[k].value) for k in range(i, j)]
            if j - i == 2 and j < n and toks[j].kind in ("unit", "scale") and digits[1] == digits[0] + 1 \
                    or (j - i == 2 and digits == [1, 2] and j < n and toks[j].kind in ("unit", "scale")):
                # 一两百, 二三十, 三四万: approximate range
                lo_tok = _Tok("num", digits[0], toks[i].start, toks[i].end, True)
                hi_num, k = _parse_tokens([_Tok("num", digits[1], toks[i + 1].start, toks[i + 1].end, True)]
                                          + toks[j:], 0)
                lo_num, _ = _parse_tokens([lo_tok] + toks[j:j + (k - 1)], 0)
                if hi_num is not None and lo_num is not None:
                    return _Num(lo_num.value, toks[i].start, hi_num.end, high=hi_num.value,
                                fuzzy="approx", cn=True, has_scale=hi_num.has_scale,
                                scale=hi_num.scale), j + k - 1
            if "两" not in "".join(toks[k].text for k in range(i, j)) and not (
                    digits[0] == 0 and j < n and toks[j].kind in ("unit", "scale")):
                val_s = "".join(str(d) for d in digits)
                end_ = toks[j - 1].end
                if j + 1 < n and toks[j].kind == "point" and toks[j + 1].kind == "num" and toks[j + 1].cn:
                    k2 = j + 1
                    fr = ""
                    while k2 < n and toks[k2].kind == "num" and toks[k2].cn and toks[k2].text != "两":
                        fr += str(int(toks[k2].value))
                        k2 += 1
                    if fr:
                        return _Num(float(val_s + "." + fr), toks[i].start, toks[k2 - 1].end, cn=True,
                                    digit_string=True), k2
                return _Num(float(val_s), toks[i].start, end_, cn=True, digit_string=True), j
            j = i + 1
    total = 0.0
    section = 0.0
    num: float | None = None
    num_single = False
    zero_before = False
    prev_kind: str | None = None
    last_unit: float | None = None
    last_scale: float | None = None
    last_mult: float | None = None   # multiplier of the previous unit/scale (for 一万三)
    fuzzy: str | None = None
    has_scale = False
    scale_val = 1.0
    cn = False
    start = toks[i].start
    end = start
    frac_done = False
    k = i
    while k < n:
        t = toks[k]
        if t.kind == "num":
            if num is not None or frac_done:
                if num == 0:   # 零 as filler: 五亿零六, 零三十分钟
                    zero_before = True
                    num = None
                else:
                    break
            if prev_kind == "num" and not (toks[k - 1].cn and toks[k - 1].value == 0):
                break
            num = t.value
            num_single = t.cn
            cn = cn or t.cn
            if t.cn and t.value == 0:
                zero_before = True
            prev_kind = "num"
            end = t.end
            k += 1
        elif t.kind == "unit":
            u = t.value
            implicit = u < 0
            if implicit:
                u = -u
                if num is not None and not (num == 0 and (total or section)):
                    break
                num = u / 10
                u_eff = 10
            else:
                u_eff = u
            if last_unit is not None and u_eff >= last_unit and prev_kind != "scale":
                break
            mult = num if (num is not None and num != 0) else 1.0
            section += mult * u_eff
            num = None
            num_single = False
            zero_before = False
            last_unit = u_eff
            last_mult = None if implicit else u_eff
            prev_kind = "unit"
            cn = True
            end = t.end
            k += 1
        elif t.kind == "scale":
            s = t.value
            sec = section + (num or 0)
            if num is not None and num_single and not zero_before and prev_kind == "num" \
                    and last_mult is not None and last_mult >= 10 and last_unit is not None:
                sec = section + num * last_mult / 10
            if sec == 0 and total == 0 and prev_kind is None:
                # 万九 style: leading scale only with a following digit
                if k + 1 < n and toks[k + 1].kind == "num" and toks[k + 1].cn:
                    sec = 1
                else:
                    break
            if last_scale is None or s > last_scale:
                total = (total + sec) * s
                last_scale = s
            elif s == last_scale and sec == 0 and prev_kind == "scale":
                total *= s
                last_scale = s * s
            elif s < last_scale and sec > 0:
                total += sec * s
            else:
                break
            has_scale = True
            scale_val = s
            section = 0
            num = None
            num_single = False
            zero_before = False
            last_unit = None
            last_mult = s
            prev_kind = "scale"
            cn = True
            end = t.end
            k += 1
        elif t.kind == "point":
            # decimal part: following single digits (not 两) or an arabic integer
            k2 = k + 1
            digs = ""
            while k2 < n and toks[k2].kind == "num" and toks[k2].cn and toks[k2].text != "两":
                digs += str(int(toks[k2].value))
                k2 += 1
            if not digs and k2 < n and toks[k2].kind == "num" and not toks[k2].cn and "." not in toks[k2].text \
                    and "," not in toks[k2].text:
                digs = toks[k2].text
                k2 += 1
            if not digs or (num is None and prev_kind not in ("unit", "scale")) or frac_done:
                break
            intval = total + section + _implied(num, num_single, zero_before, prev_kind, last_mult)
            total = intval + float("0." + digs)
            section = 0
            num = None
            frac_done = True
            prev_kind = "frac"
            end = toks[k2 - 1].end
            cn = True
            k = k2
        elif t.kind == "fuzzy":
            c = t.text
            if c in "多余" and prev_kind in ("unit", "scale", "num") and (k + 1 >= n or toks[k + 1].kind == "scale"
                                                                      or toks[k + 1].start > t.end):
                if prev_kind == "num" and (num_single or num is None):
                    break
                fuzzy = "gt"
                end = t.end
                prev_kind = "fuzzy"
                k += 1
                if k >= n or toks[k].kind != "scale":
                    break
                continue
            if c == "几" and prev_kind in ("unit", "scale", "num") and (prev_kind != "num" or zero_before):
                fuzzy = "gt"
                end = t.end
                num = None
                prev_kind = "fuzzy"
                k += 1
                continue
            if c in "几数" and prev_kind is None and k + 1 < n and toks[k + 1].kind in ("unit", "scale"):
                # 几十 / 数百: a few tens -> value 2u .. 9u
                u = toks[k + 1].value
                u = -u if u < 0 else u
                rest, k3 = _parse_tokens([_Tok("num", 2, t.start, t.end, True)] + toks[k + 1:], 0)
                if rest is None:
                    break
                hi = rest.value / 2 * 9
                return _Num(rest.value, t.start, rest.end, high=hi, fuzzy="approx", cn=True,
                            has_scale=rest.has_scale, scale=rest.scale), k + k3
            break
        else:
            break
    if k == i:
        return None, i + 1
    if prev_kind is None:
        return None, k
    value = total + section + _implied(num, num_single, zero_before, prev_kind, last_mult)
    res = _Num(value, start, end, fuzzy=fuzzy, has_scale=has_scale, scale=scale_val, cn=cn)
    if k - i == 1 and (toks[i].cn or toks[i].kind == "unit"):
        res.single_char = toks[i].text
    return res, k


def _implied(num, num_single, zero_before, prev_kind, last_mult) -> float:
    if num is None:
        return 0.0
    if num_single and not zero_before and prev_kind == "num" and last_mult is not None and last_mult >= 10:
        return num * last_mult / 10
    return num


def parse_chinese_number(s: str) -> float | None:
    """Value of a string that is exactly one (Chinese, Arabic or mixed) numeral, else None."""
    s = s.translate(_TRANS).strip()
    neg = s[:1] in ("负", "-")
    if neg:
        s = s[1:].lstrip()
    toks = _tokenise(s, 0)
    if not toks:
        return None
    num, k = _parse_tokens(toks, 0)
    if num is None or k != len(toks):
        return None
    return -num.value if neg else num.value


# --------------------------------------------------------------------------
# Mention finding
# --------------------------------------------------------------------------

@dataclass(slots=True)
class _M:
    start: int
    end: int
    value: float
    high: float | None = None
    unit: str | None = None
    kind: str = "number"
    qualifier: str = "exact"
    scale: float = 1.0
    has_scale: bool = False
    frac: bool = False
    secs: float | None = None     # merged durations: exact length in seconds (365-day year)


def _date_mentions(t: str) -> list[_M]:
    out: list[_M] = []
    for m in _DATE_RE.finditer(t):
        g = m.groupdict()
        if m.start() == m.end():
            continue
        if g["iso"]:
            out.append(_M(m.start(), m.end(), float(g["iy"]), kind="date"))
        elif g["us"]:
            out.append(_M(m.start(), m.end(), float(g["uy"]), kind="date"))
        elif g["fy"]:
            out.append(_M(m.start(), m.end(), float(g["fyy"] or g["fyy2"]), kind="year"))
        elif g["dec"]:
            v = float(g["decd"]) if g["decd"] else float(DIGITS[g["decc"][0]] * 10)
            out.append(_M(m.start(), m.end(), v, kind="date"))
        elif g["cn"]:
            y, y2, mo, d = g["y"], g["y2"], g["m"], g["d"]
            if d and not g["dsuf"] and not (mo and not d.isdigit()):
                # 八月十五 (Chinese day after a month) needs no 日; 3月5 keeps only 3月
                if not mo:
                    continue
                me = t.index("月", m.end("m")) + 1
                v = _cn_year(y) if y else _small(mo)
                out.append(_M(m.start(), me, float(v or 0), kind="date"))
                continue
            if not (y or mo or d):
                continue
            if y and not (mo or d) and not y2 and len(y) == 2 and not y.startswith("0") and y[0] not in _CN_D:
                continue
            if y and not (mo or d) and len(y) == 2 and y[0] in _CN_D and y[0] not in "〇零":
                continue
            if not y and not mo and d and not d[0].isdigit():
                continue     # 五日 -> duration, 十日 handled by units
            if not y and mo and not d:
                # N月: a month unless preceded by 个 or a numeral (三个月 / 27个月)
                if m.start() > 0 and t[m.start() - 1] in "个几数多" + CN_NUM_CHARS:
                    continue
                if not mo[0].isdigit() and t[m.start():m.start() + 1] == " ":
                    continue
            yv = None
            if y:
                yv = _cn_year(y)
            if y and not (mo or d):
                out.append(_M(m.start(), m.end(), yv, high=float(y2) if y2 else None, kind="year"))
            else:
                v = yv if yv is not None else _small(mo) if mo else _small(d)
                out.append(_M(m.start(), m.end(), float(v or 0), kind="date"))
        elif g["wd"]:
            wd = g["wdd"]
            out.append(_M(m.start(), m.end(), 7.0 if wd in "日天" else float(DIGITS[wd]), kind="date"))
        elif g["half"]:
            v = float(g["hy"]) if g["hy"] else (1.0 if g["hh"] in "上前" else 2.0)
            out.append(_M(m.start(), m.end(), v, kind="date"))
        elif g["en"]:
            out.append(_M(m.start(), m.end(), float(g["eny"]), kind="date"))
        elif g["enyr"]:
            out.append(_M(m.start("eny2"), m.end("eny2"), float(g["eny2"]), kind="year"))
    for m in _TIME_RE.finditer(t):
        h = m.group("h") or m.group("h2")
        out.append(_M(m.start(), m.end(), float(_small(h) or 0), kind="time"))
    for m in _CLOCK_RE.finditer(t):
        h = m.group("h") or m.group("h3") or m.group("h4")
        hv = _small(h)
        if hv is None or hv > 24:
            continue
        # bare 三点 is a time only if not a decimal / not followed by more numerals
        out.append(_M(m.start(), m.end(), float(hv), kind="time"))
    return out


def _cn_year(y: str) -> float:
    if y.isdigit():
        v = int(y)
    else:
        v = int("".join(str(DIGITS[c]) for c in y))
    if len(y) == 2:
        v += 2000 if v < 50 else 1900
    return float(v)


def _small(s: str | None) -> float | None:
    if not s:
        return None
    if s.isdigit():
        return float(int(s))
    if s == "正":
        return 1.0
    s = s.lstrip("初")
    return parse_chinese_number(s)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    for a, b in spans:
        if s < b and a < e:
            return True
    return False


def _resolve(cands: list[_M]) -> list[_M]:
    """Keep longest non-overlapping candidates (earlier start wins ties)."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_M] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
        elif out and c.end - c.start > out[-1].end - out[-1].start and c.start == out[-1].start:
            out[-1] = c
            last_end = c.end
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_numbers(text: str, *, lang: str = "auto") -> list[NumberMention]:
    """All numeric expressions in ``text`` (Chinese, English or mixed)."""
    if not text:
        return []
    t = text.translate(_TRANS)
    if "/" in t or "w" in t or "W" in t:
        t = _mask(t, _URL_RE, "\x00")          # nothing inside a URL is a quantity
    dates = _date_mentions(t)
    for dm in _SHORT_DATE_RE.finditer(t):
        yy = int(dm.group(1))
        dates.append(_M(dm.start(), dm.end(), float(yy + (2000 if yy < 50 else 1900)), kind="date"))
    if ".." in t or t.count(".") >= 2:
        t = _mask(t, _DOTTED_RE, "\x00", only=".")
    if "," in t:
        for am in _TWO_AMOUNTS_RE.finditer(t):
            if text[am.start(1)] == "，":
                t = t[:am.start(1)] + "\x00" + t[am.end(1):]
    dates = _resolve(dates)
    date_spans = [(d.start, d.end) for d in dates]
    # date spans as a sorted list for cheap overlap checks
    date_idx = 0
    mentions: list[_M] = []
    n = len(t)

    for rm in _RUN_RE.finditer(t):
        rs, re_ = rm.start(), rm.end()
        while date_idx < len(date_spans) and date_spans[date_idx][1] <= rs:
            date_idx += 1
        run = rm.group()
        last = t[re_ - 1]
        if re_ - 1 > rs and (last in SCALES or last in SMALL_UNITS):
            um = _UNIT_RE.match(t, re_ - 1)
            if um and um.start(1) == re_ - 1:   # 12千米, 五十兆字节, 323千卡
                re_ -= 1
                run = t[rs:re_]
        elif last == "两" and re_ - 1 > rs and t[re_ - 2] in CN_NUM_CHARS + "0123456789 " \
                and not _MEASURE_RE.match(t, re_):   # 三十两, 两万两 (liang, a weight)
            re_ -= 1
            run = t[rs:re_].rstrip()
        if run in ("几", "数"):
            # only 几/数 + unit handled by the tokeniser path
            run = t[rs:min(n, rs + 8)]
            sub = _RUN_RE.match(t, rs + 1)
            if not sub:
                continue
            re_ = sub.end()
            run = t[rs:re_]
        toks = _tokenise(run, rs)
        i = 0
        while i < len(toks):
            num, j = _parse_tokens(toks, i)
            if num is None:
                i = max(j, i + 1)
                continue
            i = j
            # skip numbers inside dates/times
            k = date_idx
            inside = False
            while k < len(date_spans) and date_spans[k][0] < num.end:
                if date_spans[k][1] > num.start:
                    inside = True
                    break
                k += 1
            if inside:
                continue
            m = _decorate(t, num, lang)
            if m is not None:
                mentions.append(m)

    # standalone 半 (半个月, 半年, 半成)
    for hm in _STANDALONE_HALF_RE.finditer(t):
        if _overlaps(date_spans, hm.start(), hm.end()):
            continue
        m = _decorate(t, _Num(1.5 if hm.group() == "个半" else 0.5, hm.start(), hm.end(), cn=True), lang)
        if m is not None and m.unit is not None:
            mentions.append(m)

    for hm in _HALF_HUNDRED_RE.finditer(t):     # 年过半百
        m = _decorate(t, _Num(50.0, hm.start(), hm.end(), cn=True), lang)
        if m is not None:
            mentions.append(m)
    for dm in _BARE_DENOM_RE.finditer(t):     # 万分之三, 万万分之七
        m = _decorate(t, _Num(1e8 if dm.group() == "万万" else 1e4, dm.start(), dm.end(), cn=True), lang)
        if m is not None:
            mentions.append(m)
    for hm in _HALF_PRICE_RE.finditer(t):
        mentions.append(_M(hm.start(), hm.end(), 50.0, unit="%", kind="percent"))

    # English number words and ordinals
    if lang != "zh" and _LATIN_RE.search(t):
        for wm in _EN_WORD_RE.finditer(t):
            v = EN_WORD_NUMBERS[wm.group(1).lower()] + (EN_WORD_NUMBERS[wm.group(2).lower()] if wm.group(2) else 0)
            m = _decorate(t, _Num(float(v), wm.start(), wm.end()), lang)
            if m is not None:
                mentions.append(m)
        for om in _EN_ORDINAL_RE.finditer(t):
            v = om.group(1) or EN_ORDINALS[om.group(2).lower()]
            mentions.append(_M(om.start(), om.end(), float(v), kind="ordinal"))

    mentions = _resolve(mentions + dates)
    mentions = _merge_ranges(t, mentions)
    return [NumberMention(text[m.start:m.end], m.start, m.end, _clean(m.value),
                          _clean(m.high) if m.high is not None else None,
                          m.unit, m.kind, m.qualifier) for m in mentions]


def _frac_no_zhi(t: str, e: int) -> re.Match | None:
    """四分一 / 二份一 / 十份十一 (fractions without 之): the 分/份 match at ``e``, or None
    where the text reads otherwise (十分一致 'very', 三分一个, 五分三十秒 minutes)."""
    fm = _FRACTION_NO_ZHI_RE.match(t, e)
    if fm is None or _MINUTE_RE.match(t, e):
        return None
    fr = _run_at(t, fm.end())
    fe = fm.end() + len(fr)
    n = len(t)
    if not fr or "点" in fr or (fe < n and _is_cjk(t[fe]) and not _UNIT_RE.match(t, fe)) \
            or _MEASURE_RE.match(t, fe) or t.startswith("分", fe):
        return None
    return fm


def _mask(t: str, rx: re.Pattern, ch: str, only: str | None = None) -> str:
    """Overwrite the matches of ``rx`` (or just their ``only`` characters) with ``ch``; length kept."""
    parts, last = [], 0
    for m in rx.finditer(t):
        parts.append(t[last:m.start()])
        g = m.group()
        parts.append("".join(ch if only is None or c in only else c for c in g))
        last = m.end()
    if not parts:
        return t
    parts.append(t[last:])
    return "".join(parts)


def _clean(v: float) -> float:
    r = round(v, 9)
    return float(r) if math.isfinite(r) else v


def _decorate(t: str, num: _Num, lang: str) -> _M | None:
    """Read prefixes and suffixes around a parsed number; build a mention."""
    s, e = num.start, num.end
    value = num.value
    n = len(t)
    qual = num.fuzzy or "exact"
    high = num.high
    unit: str | None = None
    kind = "number"
    scale = num.scale if num.has_scale else 1.0
    has_scale = num.has_scale

    # reject non-number words (一切, 四川, 陆地 ...)
    if num.single_char == "幺":
        return None
    if num.single_char is not None and e < n and not (
            t.startswith("点", e) and e + 1 < n and t[e + 1] in CN_NUM_CHARS) and not (
            t.startswith("分", e) and (s >= 1 and t[s - 1] == "时" or _frac_no_zhi(t, e))):
        if t[s:e + 1] in NON_NUMBER_WORDS or t[s:e + 2] in NON_NUMBER_WORDS:
            return None
    if num.single_char is not None and s > 0 and t[s - 1:e] in NON_NUMBER_WORDS:
        return None
    if num.digit_string and e < n and t[s:e] in NON_NUMBER_WORDS:
        return None
    if num.cn and e < n and t[e] == "分" and not t.startswith("分之", e) \
            and all(c in FINANCIAL or c in "零〇" for c in t[s:e].replace(" ", "")):
        # 壹分, 伍分: financial (banker's) numerals before 分 are cents of a yuan
        return _M(s, e + 1, value * 0.01, None, "CNY", "money")
    if num.single_char in FINANCIAL:
        prev = t[s - 1] if s > 0 else ""
        nxt = t[e] if e < n else ""
        if (_is_cjk(prev) and prev not in "是为第有负") or (_is_cjk(nxt) and not _MEASURE_RE.match(t, e)
                                                         and not _UNIT_RE.match(t, e)
                                                         and not _CURRENCY_SUFFIX_RE.match(t, e)
                                                         and nxt not in "分打又"):
            return None
    # Arabic numbers glued to Latin letters are names (iPhone4, GPT-3, A380)
    if s > 0 and (t[s - 1].isalpha() and t[s - 1].isascii()) and not num.cn:
        return None
    if s > 1 and t[s - 1] in "._-" and t[s - 2].isalpha() and t[s - 2].isascii():
        j = s - 2
        while j > max(-1, s - 14) and t[j].isalpha() and t[j].isascii():
            j -= 1
        if j < 0 or not t[j].isdigit():
            return None   # GPT-3.5, v_2 (but 5k-20k, 1.6m-3.9m are ranges)
    if s > 1 and t[s - 1] in "._" and t[s - 2].isdigit():
        return None

    frac = False
    # scientific notation / powers / slash fractions (arabic only)
    if not num.cn and e < n:
        sm = _SCI_RE.match(t, e)
        if sm:
            exp = sm.group(1) or sm.group(2)
            exp_v = int(exp.replace("--", "").replace("+", "")) if exp.strip("+-") else 0
            if exp.startswith("--"):
                exp_v = int(exp[2:])
            try:
                value = value * 10 ** exp_v if sm.group(1) else value ** exp_v
            except OverflowError:
                value = math.inf
            e = sm.end()
        else:
            fm = _FRACTION_SLASH_RE.match(t, e)
            if fm and float(fm.group(1)) != 0 and not (s > 0 and t[s - 1] == "/"):
                value = value / float(fm.group(1))
                e = fm.end()
                frac = True

    # ---- prefixes --------------------------------------------------------
    w0 = max(0, s - 16)
    window = t[w0:s]
    pm = _PERCENT_PREFIX_RE.search(window)
    if pm:
        # 百分之X, but not 一百分之X (a plain fraction)
        ps = w0 + pm.start()
        if ps > 0 and t[ps - 1] in CN_NUM_CHARS + "0123456789":
            pm = None
    if pm:
        s = w0 + pm.start()
        kind, unit = "percent", "%"
        window = t[max(0, s - 16):s]
        w0 = max(0, s - 16)
    else:
        fm = _PERMILLE_PREFIX_RE.search(window)
        if fm:
            denom = {"千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "百万万": 1e10}[fm.group(1)]
            s = w0 + fm.start()
            if denom == 1e3:
                kind, unit = "permille", "‰"
            else:
                kind, unit = "percent", "%"
                value = value * 100 / denom
            window = t[max(0, s - 16):s]
            w0 = max(0, s - 16)
    # Chinese fraction X分之Y: num is the denominator; 百分之/千分之/万分之 are percent/per mille
    arabic_tail = not num.cn
    if kind == "number" and e < n:
        fm = _FRACTION_RE.match(t, e)
        if fm is None and num.cn and not num.digit_string and num.high is None:
            fm = _frac_no_zhi(t, e)
        if fm and fm.end() < n:
            toks = _tokenise(_run_at(t, fm.end()), fm.end())
            neg2 = False
            if not toks and t[fm.end()] == "负":
                toks = _tokenise(_run_at(t, fm.end() + 1), fm.end() + 1)
                neg2 = True
            if toks:
                numer, _ = _parse_tokens(toks, 0)
                if numer is not None and value != 0:
                    nv = numer.value * (-1 if neg2 else 1)
                    den = t[num.start:num.end].replace(" ", "")
                    if den in ("百", "佰"):
                        kind, unit, value = "percent", "%", nv
                        if numer.high is not None and not neg2:
                            high, qual = numer.high, numer.fuzzy or qual
                    elif den in ("千", "仟"):
                        kind, unit, value = "permille", "‰", nv
                    elif den in ("万", "百万", "千万", "万万", "百万万"):
                        kind, unit, value = "percent", "%", nv * 100 / value
                    else:
                        value = nv / value
                        frac = True
                    e = numer.end
                    arabic_tail = not numer.cn
                    has_scale = False
                    scale = 1.0
    neg = _NEG_RE.search(t, max(0, s - 3), s)
    if neg:
        value = -value
        s = neg.start()
    # ordinal
    om = _ORDINAL_PREFIX_RE.search(t, max(0, s - 2), s)
    if om and kind == "number":
        mm = _MEASURE_RE.match(t, e)
        if mm and not mm.group().startswith(("多", "余")):
            return _M(om.start(), mm.end(), value, unit=mm.group(1), kind="ordinal")
        return _M(om.start(), e, value, kind="ordinal")
    # currency prefix
    cur = None
    cm = _CURRENCY_PREFIX_RE.search(t, max(0, s - 8), s)
    if cm and kind == "number":
        sym = cm.group(1)
        cs = cm.start()
        if not (sym.isalpha() and cs > 0 and (t[cs - 1].isalpha() and t[cs - 1].isascii()
                                              or t[cs - 1] in CN_NUM_CHARS or t[cs - 1].isdigit())):
            cur = CURRENCY_PREFIX[sym]
            s = cs
    temp_unit = None
    tpm = _TEMP_PREFIX_RE.search(t, max(0, s - 8), s)
    if tpm and kind == "number":
        temp_unit = TEMPERATURE_PREFIX[tpm.group(1)]
        s = tpm.start()
    # qualifier prefix
    qm = _PREFIX_QUAL_RE.search(t, max(0, s - 16), s)
    qual_start = None
    if qm:
        qual_start = qm.start()
        qual = PREFIX_QUALIFIERS.get((qm.group(1) or qm.group(2)).lower(), qual)

    # a model / product / version name (iPhone 4, Windows 11): stays a bare number, never a count or money
    model_name = False
    if not num.cn and cur is None and kind == "number" and math.isfinite(value) and value == int(value) \
            and s == num.start:
        mn = _MODEL_NAME_RE.search(t, max(0, s - 24), s)
        if mn and mn.group(1).lower() not in PREFIX_QUALIFIERS and mn.group(1).lower() not in _EN_FUNCTION_WORDS:
            model_name = True

    # ---- suffixes --------------------------------------------------------
    if arabic_tail and kind in ("number", "percent", "permille"):
        sm = _EN_SCALE_RE.match(t, e)
        if sm:
            word = sm.group(1)
            if not (word in ("M", "B", "b") and (e < n and t[e] == " ") and word == "b"):
                if not (word == "B" and cur is None and lang != "en"):
                    value *= EN_SCALES[word]
                    scale = EN_SCALES[word]
                    has_scale = True
                    e = sm.end()
    # 多/余 before a scale after arabic: 500多亿, 500余万
    if e < n and t[e] in "多余" and e + 1 < n and t[e + 1] in SCALES and not num.cn:
        value *= SCALES[t[e + 1]]
        scale = SCALES[t[e + 1]]
        has_scale = True
        qual = "gt"
        e += 2
    # 一半 / 1半 = 0.5
    if value == 1 and e < n and t[e] == "半" and kind == "number" and not _UNIT_RE.match(t, e + 1):
        value = 0.5
        e += 1
        while e < n and t[e] == "半":
            e += 1
    # 打 = dozen
    if e < n and t[e] == "打" and kind == "number" and cur is None and value > 0:
        return _M(s if qual_start is None else qual_start, e + 1, value * 12, kind="number", qualifier=qual)

    if kind == "number":
        pm2 = _PERCENT_RE.match(t, e)
        if pm2:
            word = pm2.group(1)
            if "百" in word:
                word = "个百分点"
            k2, u2 = PERCENT_SUFFIX[word]
            if word == "成":
                value *= 10
                e = pm2.end()
                if e < n and t[e] == "半":
                    value += 5
                    e += 1
                else:
                    tm = _MONEY_TRAIL_DIGIT_RE.match(t, e + (1 if e < n and t[e] == " " else 0))
                    if tm and not tm.group(1):
                        value += DIGITS[tm.group(2)]
                        e = tm.end()
                if value > 100:
                    return None
            elif word == "折":
                if value == 10 or value <= 0 or value >= 100:
                    return None
                value = 50.0 if value == 0.5 else value * 10 if value < 10 else value
                e = pm2.end()
            else:
                e = pm2.end()
            kind, unit = k2, u2
    if model_name and kind == "number":
        return _M(s if qual_start is None else qual_start, e, value, kind="number", qualifier=qual)
    # currency suffix
    if kind == "number":
        cm2 = _CURRENCY_SUFFIX_RE.match(t, e)
        if cm2:
            word = cm2.group(1)
            code = CURRENCY_SUFFIX[word]
            if cur is None or word not in ("元", "块") or cur == "CNY":
                cur = code if cur is None or word not in ("元",) else cur
            e = cm2.end()
            factor = CURRENCY_FACTOR.get(word)
            if factor is not None:
                value *= factor
                sm2 = _MONEY_SUB_RE.match(t, e)
                if sm2:
                    d = sm2.group(1)
                    value += (int(d) if d.isdigit() else DIGITS[d]) * MONEY_SUBUNITS.get(sm2.group(2), 0.01)
                    e = sm2.end()
                else:
                    tm = _MONEY_TRAIL_DIGIT_RE.match(t, e)
                    if tm and not tm.group(1):
                        value += DIGITS[tm.group(2)] * factor / 10
                        e = tm.end()
            elif not word.isascii() and e < n:
                if t.startswith("整", e):
                    e += 1
                # 元人民币, 亿元人民币
                if t.startswith("人民币", e):
                    e += 3
                # sub-units: 五元三毛, 50元6角三分, 两美元又三美分, 一块二
                sub_total = 0.0
                while True:
                    sm2 = _MONEY_SUB_RE.match(t, e)
                    if not sm2:
                        break
                    d = sm2.group(1)
                    dv = int(d) if d.isdigit() else DIGITS[d]
                    sub_total += dv * MONEY_SUBUNITS[sm2.group(2)]
                    e = sm2.end()
                if sub_total == 0 and word in ("块", "蚊", "元"):
                    tm = _MONEY_TRAIL_DIGIT_RE.match(t, e)
                    if tm:
                        sub_total = DIGITS[tm.group(2)] * (0.01 if tm.group(1) else 0.1)
                        e = tm.end()
                value += sub_total
    if cur is not None:
        kind, unit = "money", cur
    # physical units / durations / measure words
    if kind == "number":
        um = _UNIT_RE.match(t, e) or _MINUTE_RE.match(t, e)
        if um:
            word = um.group(1)
            u, k2 = UNITS.get(word) or ("分钟", "duration")   # 分 only before 半 / N秒 (_MINUTE_RE)
            ok = True
            if word in ("日",) and (num.cn and value > 31):
                ok = False
            if word == "m" and um.end() < n and t[um.end()].isalpha():
                ok = False
            if ok:
                kind, unit = k2, u
                e = um.end()
                if e < n and t[e] == "半" and k2 in ("quantity", "duration"):
                    value += 0.5
                    e += 1
                    if u == "分钟" and e < n and t[e] == "钟":
                        e += 1
                elif e < n and k2 == "quantity" and u in ("m",) and num.cn:
                    tm = _MONEY_TRAIL_DIGIT_RE.match(t, e)
                    if tm and not tm.group(1):
                        value += DIGITS[tm.group(2)] * 0.1
                        e = tm.end()
                if u == "岁" and e < n and t[e] == "大":
                    e += 1
                elif k2 == "duration" and e < n and t[e] == "大" :
                    e += 1
        else:
            mm = _MEASURE_RE.match(t, e)
            if mm:
                word = mm.group(1)
                if word == "个" and e + 1 < n and t[e + 1] == "半" :
                    value += 0.5
                    kind, unit = "count", "个"
                    e = mm.end() + 1
                    um2 = _UNIT_RE.match(t, e)
                    if um2:
                        kind, unit = UNITS[um2.group(1)][1], UNITS[um2.group(1)][0]
                        e = um2.end()
                else:
                    kind, unit = "count", word
                    if mm.group().startswith(("多", "余")):
                        qual = "gt"
                    e = mm.end()
    if temp_unit is not None:
        if unit in (None, "°"):
            kind, unit = "quantity", temp_unit
    # suffix qualifier
    qm2 = _SUFFIX_QUAL_RE.match(t, e)
    if qm2:
        w = qm2.group(1)
        if w in ("多", "余") and e < n and (e + 1 < n and _is_cjk(t[e + 1]) and kind == "number"):
            pass
        else:
            qual = SUFFIX_QUALIFIERS[w] if qual == "exact" or w.startswith(("或", "及")) else qual
            e = qm2.end()
    if qual_start is not None:
        s = qual_start
    if kind == "number" and num.digit_string and not (e - s >= 3) and (
            (s > 0 and _is_cjk(t[s - 1])) or (e < n and _is_cjk(t[e]))):
        return None   # 九九 inside words; a standalone 一一 is 11
    if kind == "number" and num.single_char and num.single_char in "两" and e < n and t[e] in "两":
        return None
    if not math.isfinite(value):
        return None
    return _M(s, e, value, high, unit, kind, qual, scale, has_scale, frac)


def _run_at(t: str, pos: int) -> str:
    m = _RUN_RE.match(t, pos)
    return m.group() if m else ""


_DUR_ORDER = ("年", "月", "周", "天", "小时", "分钟", "秒")


def _merge_durations(a: _M, b: _M) -> _M | None:
    """两年零三个月 -> 27 月; 8天20小时 -> 212 小时; 3斤5两 -> 35 两 (value in the smaller unit)."""
    if a.high is not None or b.high is not None:
        return None
    if a.kind == b.kind == "quantity" and a.unit in UNIT_TABLE and b.unit in UNIT_TABLE:
        (ba, fa), (bb, fb) = UNIT_TABLE[a.unit], UNIT_TABLE[b.unit]
        if ba != bb or fa <= fb:
            return None
        return _M(a.start, b.end, (a.value * fa + b.value * fb) / fb, None, b.unit, "quantity",
                  a.qualifier if a.qualifier != "exact" else b.qualifier)
    if a.unit not in _DUR_ORDER or b.unit not in _DUR_ORDER:
        return None
    if _DUR_ORDER.index(a.unit) >= _DUR_ORDER.index(b.unit):
        return None
    secs = (a.secs if a.secs is not None else a.value * UNIT_TABLE[a.unit][1]) + b.value * UNIT_TABLE[b.unit][1]
    if a.unit == "年" and b.unit == "月" and a.secs is None:
        v = a.value * 12 + b.value           # 两年零三个月 = 27 月
    else:
        v = secs / UNIT_TABLE[b.unit][1]
    return _M(a.start, b.end, v, None, b.unit, "duration", a.qualifier if a.qualifier != "exact" else b.qualifier,
              secs=secs)


def _merge_ranges(t: str, ms: list[_M]) -> list[_M]:
    """Merge neighbours: ranges (A-B, A到B, A和B之间, 大于A小于B), mixed fractions
    (A又B分之C), compound durations (一小时零三十分钟).  One linear pass."""
    out: list[_M] = []
    for b in ms:
        if not out:
            out.append(b)
            continue
        a = out[-1]
        merged = None
        if b.frac and a.kind == b.kind == "number" and not a.frac and a.value == int(a.value) and (
                _MIXED_SEP_RE.fullmatch(t, a.end, b.start)):
            merged = _M(a.start, b.end, a.value + b.value if a.value >= 0 else a.value - b.value)
        elif a.kind == "duration" and a.unit in _NEXT_DUR and b.kind == "number" and b.end < len(t) \
                and t[b.end] == _NEXT_DUR[a.unit][0] and b.start == a.end and a.high is None \
                and not t.startswith("分之", b.end):
            # 两小时十分, 8天20时: the next smaller unit written short
            u2 = _NEXT_DUR[a.unit][1]
            secs = (a.secs if a.secs is not None else a.value * UNIT_TABLE[a.unit][1]) + b.value * UNIT_TABLE[u2][1]
            merged = _M(a.start, b.end + 1, secs / UNIT_TABLE[u2][1], None, u2, "duration", a.qualifier, secs=secs)
        elif a.kind == b.kind and a.kind in ("duration", "quantity") and _DURATION_GAP_RE.fullmatch(t, a.end, b.start):
            merged = _merge_durations(a, b)
        elif a.kind not in _PERIOD_KINDS and b.kind not in _PERIOD_KINDS and a.high is None and b.high is None \
                and (a.unit is None or a.unit == b.unit):
            bv, b_end = b.value, b.end
            sep = _RANGE_SEP_RE.fullmatch(t, a.end, b.start) if b.start > a.end else None
            if sep is None and b.start < len(t) and t[b.start] == "-" and b.value < 0 and not t[a.end:b.start].strip():
                sep, bv = True, -b.value        # 70 - 90
            if sep is None and _BETWEEN_SEP_RE.fullmatch(t, a.end, b.start):
                em = _BETWEEN_END_RE.match(t, b.end)
                if em:
                    sep, b_end = True, em.end()
                elif b.unit == "间" and a.unit is None:   # 10000与20000间
                    sep = True
                    b = _M(b.start, b.end, b.value, None, None, "number", b.qualifier, b.scale, b.has_scale)
            if sep is not None:
                av = a.value
                if b.has_scale and not a.has_scale and av * b.scale <= bv:
                    av = av * b.scale
                if av <= bv:
                    merged = _M(a.start, b_end, av, bv, b.unit, b.kind,
                                a.qualifier if a.qualifier != "exact" else b.qualifier, b.scale, b.has_scale)
            elif {a.qualifier, b.qualifier} & {"gt", "ge"} and {a.qualifier, b.qualifier} & {"lt", "le"} \
                    and a.qualifier != b.qualifier and _PAIR_GAP_RE.fullmatch(t, a.end, b.start) \
                    and not _LATIN_RE.search(t, a.end, b.start):
                lo, hi = sorted((a.value, b.value))
                if (a.value <= b.value) == (a.qualifier in ("gt", "ge")):
                    merged = _M(a.start, b.end, lo, hi, b.unit, b.kind, "exact", b.scale, b.has_scale)
        if merged is not None:
            out[-1] = merged
        else:
            out.append(b)
    return out


_EN_FUNCTION_WORDS = frozenset(
    "in on at by of for to from with and or but the a an is are was were be been has have had "
    "about over under up since until after before during than as per all only just top "
    "nearly almost around some more less fewer least most sold raised hit reached grew rose fell "
    "jumped dropped cut added lost gained paid earned costs cost employs employed".split())
_PERIOD_KINDS = frozenset({"year", "date", "time", "ordinal"})
_NEXT_DUR = {"天": ("时", "小时"), "小时": ("分", "分钟")}
