"""Lookup tables of the numbers stage: numerals, qualifiers, currencies, scales, percent words, units, measure words."""

from __future__ import annotations

from cn2an.conf import NUMBER_CN2AN, UNIT_CN2AN

# numerals -------------------------------------------------------------------
DIGITS: dict[str, int] = dict(NUMBER_CN2AN)   # includes 幺 (= 1, only inside digit strings: 幺八九)
SMALL_UNITS: dict[str, int] = {k: v for k, v in UNIT_CN2AN.items() if v < 10000}
SMALL_UNITS.update({"廿": 20, "卅": 30, "卌": 40})
SCALES: dict[str, float] = {"万": 1e4, "亿": 1e8, "兆": 1e12}
FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")

# 1:1 character map (length preserving, so offsets into the input stay valid).
CHARMAP = {chr(0xFF10 + i): str(i) for i in range(10)}
CHARMAP.update({
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
TRANS = str.maketrans(CHARMAP)

CN_DIGIT_CHARS = "".join(DIGITS)
CN_NUM_CHARS = CN_DIGIT_CHARS + "".join(SMALL_UNITS) + "".join(SCALES)
# numerals that write a year, a month or a day in dates (二〇二三年, 十二月)
CN_DATE_DIGITS = "〇零一二三四五六七八九"
CN_MONTH_DIGITS = "一二三四五六七八九十"

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

# English words that may stand before a number without making it a model name (``in 2023``, ``sold 5``)
EN_FUNCTION_WORDS = frozenset(
    "in on at by of for to from with and or but the a an is are was were be been has have had "
    "about over under up since until after before during than as per all only just top "
    "nearly almost around some more less fewer least most sold raised hit reached grew rose fell "
    "jumped dropped cut added lost gained paid earned costs cost employs employed".split())
# kinds that are periods or positions, never ends of a range
PERIOD_KINDS = frozenset({"year", "date", "time", "ordinal"})
DURATION_ORDER = ("年", "月", "周", "天", "小时", "分钟", "秒")
# a duration followed by a number and the next smaller unit written short (两小时十分, 8天20时)
NEXT_DURATION = {"天": ("时", "小时"), "小时": ("分", "分钟")}
