"""Claims: what a figure measures (营收, 市场份额, growth), from the metric glossary (resources/metrics.tsv)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources

from ..numbers.patterns import fold
from .clauses import Clauses


@lru_cache(maxsize=1)
def metric_glossary() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    """term -> (canonical, english) and one regex over all terms, longest first."""
    text = resources.files("pipeline.resources").joinpath("metrics.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    table = {term.lower(): (canonical, english) for term, canonical, english in rows}
    terms = sorted(table, key=len, reverse=True)
    # one branch per first character (its terms longest first, as before): the engine tries the few terms that can
    # start at a position, not all of them; a lookahead on the first characters skips the positions none starts at
    groups: dict[str, list[str]] = {}
    for t in terms:
        groups.setdefault(t[0], []).append(t)
    body = "|".join(_term_branch(c, group) for c, group in groups.items())
    first = "".join(sorted({c for t in terms for c in (t[0].lower(), t[0].upper())}))
    pattern = re.compile(f"(?=[{re.escape(first)}])(?:{body})", re.I)
    return table, pattern


def _term_branch(first: str, terms: list[str]) -> str:
    """The glossary terms that start with ``first``, in order: ``first`` once, then their rests (ASCII terms are
    whole words)."""
    if len({t.isascii() for t in terms}) > 1:  # ASCII and other terms after one first character: each whole
        return "|".join(rf"\b{re.escape(t)}\b" if t.isascii() else re.escape(t) for t in terms)
    word = r"\b" if terms[0].isascii() else ""
    return word + re.escape(first) + "(?:" + "|".join(re.escape(t[1:]) + word for t in terms) + ")"


def is_metric(word: str) -> bool:
    return word.lower() in metric_glossary()[0]


class Metrics:
    """The glossary terms of one sentence (non-overlapping, in order), looked up by position."""

    def __init__(self, text: str, clauses: Clauses):
        self.terms = [(m.start(), m.end(), m.group(0)) for m in metric_glossary()[1].finditer(text)]
        self._starts = [s for s, _, _ in self.terms]
        self._ends = [e for _, e, _ in self.terms]
        self.clauses = clauses

    def last(self) -> str | None:
        return self.terms[-1][2] if self.terms else None

    def any_before(self, pos: int) -> bool:
        return bool(self.terms) and self._starts[0] < pos

    def near(self, start: int, end: int, english: bool = False) -> str | None:
        """The term before the figure at ``start:end`` within its clause (Chinese: the nearest; English: the
        first, as in "share of cloud spending was 36%"), else the one right after it in the clause."""
        lo = bisect_left(self._starts, self.clauses.start(start))
        hi = bisect_right(self._ends, start)
        if lo < hi:
            return self.terms[lo][2] if english else self.terms[hi - 1][2]
        i = bisect_left(self._starts, end)
        if i < len(self.terms) and self._ends[i] <= self.clauses.end(end):
            return self.terms[i][2]
        return None


# --- metrics from the text: the noun after the measure word, the noun phrase before the figure -------------

# words between a metric and its figure (生产总值达到6.66万亿元, 营收为776亿, 约, 超过, 同比)
LINKING = frozenset({"为", "是", "达", "达到", "约", "约为", "超过", "超", "突破", "近", "逾", "共", "合计", "累计", "总计",
                     "高达", "高", "多达", "长达", "仅", "只有", "已", "已达", "至", "到", "有", "拥有", "在", "大约",
                     "将近", "接近", "不到",
                     "以", "年均", "平均", "同比", "环比", "分别", "分别为", "分别是", "则", "也", "还", "就", "了",
                     "净增", "新增", "增长", "增加", "提高", "提升", "下降", "减少", "增至", "降至", "上涨", "下跌", "较",
                     "稳定", "连续", "每年", "全年", "全部", "占", "由", "从", "调低", "调高", "调至", "升至", "升", "跌",
                     "涨", "降", "增", "减", "按年", "按年升", "按年跌", "按年增长", "同比上升", "上升", "扩容", "扩大", "达至",
                     "港币", "人民币", "美元", "港元", "欧元", "日元", "以港币", "以人民币"})
# what a pronoun or description stands for is the subject, never the metric (集团拥有超过100个…)
NOT_METRIC = frozenset({"集团", "公司", "本集团", "该公司", "本公司", "其", "它", "该行", "企业", "当中", "其中"})
CHANGE = frozenset({"增长", "增加", "提高", "提升", "下降", "减少", "上涨", "下跌", "净增", "新增", "增至", "降至", "升",
                    "跌", "涨", "降", "增", "减", "按年升", "按年跌", "按年增长", "上升", "同比上升"})
DOWN = frozenset({"下降", "减少", "下跌", "降至", "跌", "降", "减", "按年跌"})
# a transaction's verb is what its amount measures (融资5亿美元 -> 融资)
TRANSACTION = frozenset({"捐了", "融资", "斥资", "投资", "收购", "募资", "募集", "筹资", "筹集", "出资", "捐款", "捐赠", "出售",
                         "增资", "注资", "回购", "借款", "贷款", "中标", "入股", "持有", "持股", "领投", "捐", "捐出",
                         "购入", "买入", "集资", "筹得", "月租", "租金", "派发", "作价", "估值", "赔", "赔偿", "赔付"})
# a transaction verb names its amount; some by their noun (捐了100万 -> 捐款)
TRANSACTION_NAME = {"捐": "捐款", "捐了": "捐款", "捐出": "捐款", "赔": "赔偿", "赔付": "赔偿"}
STAKE = frozenset({"股权", "股份", "权益", "股本", "持股"})
PAYMENT = frozenset({"现金", "代价", "的代价"})
# what the words right before a figure say it is, whatever the noun before them: a share price (收市报72.65元,
# 最高报74元, 每股69元), a share-exchange ratio (以1股换取1.04股)
QUOTED_AS = [
    (re.compile(r"(?P<m>收市|收盘|开市|开盘|最高|最低)(?:价|报|造|见|收)?(?:为|于|在)?$"), "{m}价", None),
    (re.compile(r"收报$"), "收市价", "closing price"),
    (re.compile(r"(?:(?P<m>[\u4e00-\u9fff]{1,2}价)格?(?:范围)?(?:为|在|约|是)?)每股(?:港币|人民币|美元|港元)?$"), "{m}",
     None),  # 发行价格为每股港币10.95元 -> 发行价
    (re.compile(r"每股(?:作价|定价|发行价|价格|售价)?(?:为|约)?(?:港币|人民币|美元|港元)?$"), "每股", "price per share"),
    (re.compile(r"\d+(?:\.\d+)?股(?:可)?换(?:取|购|成)?$"), "换股比例", "share exchange ratio"),
]
QUOTED_EN = {"收市价": "closing price", "收盘价": "closing price", "开市价": "opening price", "开盘价": "opening price",
             "最高价": "high price", "最低价": "low price"}


def metric_quoted(text: str, clause_start: int, start: int) -> tuple[str, str] | None:
    """``(metric, English)`` when the words right before a figure say what it is (收市报72.65元 -> 收市价)."""
    before = text[max(clause_start, start - 16):start]
    for pattern, metric, english in QUOTED_AS:
        found = pattern.search(before)
        if found:
            name = metric.format(**found.groupdict())
            return name, english or QUOTED_EN.get(name) or metric_english(name)
    return None


# jieba tags of words a metric is made of (places and names too: 城镇, 顾客 are often tagged ns, nr; entities
# themselves are left out by position)
METRIC_TAGS = frozenset({"n", "vn", "nz", "j", "l", "ng", "an", "nt", "eng", "b", "s", "ns", "nr", "nrt", "nrfg"})
MAX_METRIC_CHARS = 14
# a share: 研发投入占营业收入的比例为8% -> 研发投入占营业收入比例 (the README's 战略性新兴产业占规上工业增加值比重)
SHARE_OF = re.compile(r"占(?![比据到有了])(?P<of>[^，,。；;的\d%％在到]{1,15}?)的?\s*(?P<head>比重|比例|份额)?\s*"
                      r"(?:为|达到?|约|超过|是|已达|达至|提高|提升|上升|增加|下降|降低|减少)?\s*$")


def _noun_run(tokens, stop: int) -> list:
    """Metric-like tokens from the start of ``tokens`` (stopping at a break, a verb, a number or ``stop``)."""
    run = []
    for tok in tokens:
        if tok.idx >= stop or tok.tag_ not in METRIC_TAGS or tok.is_punct or tok.like_num:
            break
        run.append(tok)
    return run


# after a count's measure word the noun phrase may hold verbs, localisers, prefixes and adjectives (5间分拨中心,
# 200个中转场, 100个独家代理国际品牌, 8所本科院校, 35年的非公营电台广播垄断局面); it ends on a noun
AFTER_TAGS = METRIC_TAGS | {"v", "f", "i", "zg", "h", "a", "r"}
# the heads a measure word counts; what follows one in the phrase is what is done to them (19家企业战略性重组 ->
# 企业, 7000所义务教育学校办学条件 -> 义务教育学校); people are counted by any measure word (3名负责人因涉嫌…, 9成的顾客…)
CLASSIFIER_HEADS = {"家": ("企业", "公司", "银行", "机构", "门店", "分店", "餐厅", "医院", "工厂", "商户"),
                    "所": ("学校", "院校", "大学", "高校", "医院", "幼儿园", "中学", "小学")}
# (客户, 用户 are left out: they mostly modify what is counted, 客户服务中心, 用户数据)
PEOPLE_HEADS = ("人", "员", "者", "顾客", "游客", "旅客", "乘客", "员工", "职工", "居民", "学生")
# an attributive before the counted noun (50家类似的团购站点 -> 团购站点)
MAX_ATTRIBUTIVE = 4
# generic heads that add nothing to what is measured (垄断局面 -> 垄断, 亏损状况 -> 亏损)
VACUOUS_HEAD = ("局面", "状况", "情况")
MILESTONE = frozenset({"大关", "关口", "里程碑", "门槛"})
# nouns jieba tags as verbs that name an amount of money after it (10元返利)
MONEY_NOUN = frozenset({"返利", "返现", "奖励", "补贴", "红包", "奖金", "罚款", "罚金", "津贴", "补助"})


def _phrase_after(tokens, stop: int) -> list:
    run = []
    for tok in tokens:
        if tok.idx >= stop or tok.tag_ not in AFTER_TAGS or tok.is_punct or tok.like_num or tok.text in COPULA \
                or tok.text in LINKING:
            break
        run.append(tok)
    while run and (run[-1].tag_ not in METRIC_TAGS or len(run[-1].text) == 1 and run[-1].tag_ in ("v", "f")):
        run.pop()
    return run


def _head_cut(run: list, unit: str | None) -> list:
    """The run up to the head its measure word counts, or the people it counts (企业战略性重组 -> 企业)."""
    heads = CLASSIFIER_HEADS.get(unit or "", ()) + PEOPLE_HEADS
    for i, tok in enumerate(run[:-1]):
        if len(tok.text) >= 2 and tok.text.endswith(heads) and tok.tag_ in METRIC_TAGS:
            return run[:i + 1]
    return run


def _skip_attributive(tokens) -> list:
    """Tokens after a short modifier ending in 的 (类似的团购站点 -> 团购站点), else all of them."""
    for i, tok in enumerate(tokens[:3]):
        if tok.text == "的":
            modifier = tokens[:i]
            if modifier and sum(len(t.text) for t in modifier) <= MAX_ATTRIBUTIVE \
                    and all(t.tag_ in ("v", "a", "ad", "an", "d", "vn") for t in modifier):
                return tokens[i + 1:]
            break
    return tokens


def _trim(text: str) -> str:
    for head in VACUOUS_HEAD:
        if text.endswith(head) and len(text) - len(head) >= 2:
            return text[:-len(head)]
    return text


def _then_a_figure(tokens, i: int) -> bool:
    """True when ``tokens[i:]`` is a figure, perhaps after linking words (个面积近140万㎡: 面积 is the next one's)."""
    while i < len(tokens) and (tokens[i].text in LINKING or tokens[i].tag_ in ("d", "a")):
        i += 1
    return i < len(tokens) and tokens[i].like_num


# a count named by what it is recognised as (11个县被认定为国家义务教育优质均衡发展县)
NAMED_AS = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:被|获)(?:认定|评定|评|命名|列|确定|认证|授予)为(?P<m>[\u4e00-\u9fff]{2,20})")
# the noun a compound measure word carries (53个国家 -> 国家), a count of people (只有6个人)
UNIT_NOUN = re.compile(r"^个(?P<noun>[\u4e00-\u9fff]{2,})$")
PEOPLE_AFTER = re.compile(r"人(?![\u4e00-\u9fff])")
# the noun of 个国家 goes on into a longer one (12个国家区域医疗中心: 国家 qualifies 区域医疗中心)
NOUN_GOES_ON = re.compile(r"[\u4e00-\u9fff](?<![和与及或的等、])")


def metric_named(text: str, end: int, clause_end: int, unit: str | None) -> str | None:
    """What a count's text names outside its noun phrase: 11个县被认定为X -> X; 53个国家 -> 国家; 6个人 -> 人数."""
    named = NAMED_AS.match(text, end, clause_end)
    if named:
        return named.group("m")[-MAX_METRIC_CHARS:]
    noun = UNIT_NOUN.match(unit or "")
    if noun and not NOUN_GOES_ON.match(text, end, clause_end):
        return noun.group("noun")
    if unit == "个" and PEOPLE_AFTER.match(text, end, clause_end):
        return "人数"
    return None


SHARE_ALONE = re.compile(r"占\s*(?:约|近|超过|逾)?\s*$")


def metric_share(doc, text: str, base: int, clause_start: int, start: int, ents) -> tuple[str, str] | None:
    """``(X占Y比重, English)`` for a share written 占Y的X% (研发投入占营业收入的比例为8% -> 研发投入占营业收入比例)."""
    share = SHARE_OF.search(text, clause_start, start)
    if share is None:
        alone = SHARE_ALONE.search(text, clause_start, start)  # 其中研发人员占45% -> 研发人员占比
        holder = metric_before(doc, base + clause_start, base + alone.start(), ents)[0] if alone else None
        return (f"{holder}占比", f"{metric_english(holder)} share") if holder else None
    holder, _ = metric_before(doc, base + clause_start, base + share.start(), ents)
    of = share.group("of")
    english = f"share of {metric_english(of)}"
    return f"{holder or ''}占{of}{share.group('head') or '比重'}", f"{metric_english(holder)} {english}" if holder else english


def metric_after(doc, end: int, clause_end: int, kind: str, unit: str | None = None) -> str | None:
    """The noun after the measure word (3,100万名流动电讯客户 -> 流动电讯客户; 70%的市场份额 -> 市场份额)."""
    span = doc.char_span(end, min(clause_end, end + MAX_METRIC_CHARS + 2), alignment_mode="contract")
    if span is None or not len(span):
        return None
    tokens = list(span)
    if tokens[0].text == "的" and kind in ("percent", "money", "count", "quantity", "duration"):
        tokens = tokens[1:]
        if kind == "duration":  # 35年的非公营电台广播垄断局面: what lasted
            run = _phrase_after(tokens, clause_end)
            text = _trim("".join(t.text for t in run))
            return text if 2 <= len(text) <= MAX_METRIC_CHARS else None
    elif kind == "percent":  # a share names what it is a share of with 的 (70%的市场份额), or is a stake (64.58%股权)
        return tokens[0].text if tokens and tokens[0].text in STAKE else None
    if len(tokens) > 1 and tokens[0].text in PAYMENT:  # 62亿港元现金收购: the amount of the purchase
        tokens = tokens[1:]
    if tokens and tokens[0].text in TRANSACTION:  # 以港币4.9亿购入…: the amount of the purchase
        return tokens[0].text
    if kind == "money" and tokens and tokens[0].text in MONEY_NOUN:
        return tokens[0].text
    if kind in ("count", "quantity", "number"):
        tokens = _skip_attributive(tokens)
        run = _head_cut(_phrase_after(tokens, clause_end), unit)
    else:
        run = _noun_run(tokens, clause_end)
        if kind == "percent":
            run = _head_cut(run, None)
    if kind == "money" and len(run) < len(tokens) and not tokens[len(run)].is_punct:
        return None  # 10元返利；names its metric, 55万元预租香港… does not
    if run and _then_a_figure(tokens, len(run)) or len(run) == 1 and run[0].text in MILESTONE:
        return None  # 个面积近140万㎡: the next figure's; 突破千亿元大关: a milestone, not what is measured
    text = _trim("".join(t.text for t in run))
    noun = UNIT_NOUN.match(unit or "") if text else None
    if noun:  # 12个国家区域医疗中心: the measure word took the noun's first word
        text = noun.group("noun") + text
    return text if 2 <= len(text) <= MAX_METRIC_CHARS else None


def metric_before(doc, clause_start: int, start: int, ents) -> tuple[str | None, str | None]:
    """``(noun phrase, change word)`` before a figure (生产总值达到6.66万亿元 -> 生产总值; 城镇新增就业603.7万人 ->
    城镇新增就业; 融资5亿 -> 融资; 印尼分店：1间 -> 印尼分店)."""
    span = doc.char_span(clause_start, start, alignment_mode="contract")
    if span is None or not len(span):
        return None, None
    time = TIME_BETWEEN.search(span.text)
    if time and time.start() > 0:  # 自营全货机截至2019年5月28日为55架: the metric is before the date
        span = doc.char_span(clause_start, clause_start + time.start(), alignment_mode="contract")
        if span is None or not len(span):
            return None, None
    tokens = list(span)
    i = len(tokens) - 1
    change = None
    while i >= 0 and (tokens[i].text in LINKING or tokens[i].tag_ in ("d", "m", "q", "p") or tokens[i].is_space
                      or tokens[i].text in ("：", ":", "”", "」")):  # 全球“灯塔工厂”3家 -> 灯塔工厂
        if tokens[i].text in TRANSACTION:
            break
        if tokens[i].text in CHANGE and change is None:
            change = tokens[i].text
        i -= 1
    if i >= 0 and tokens[i].text in TRANSACTION:
        return tokens[i].text, change
    run = []
    while i >= 0 and (tokens[i].tag_ in METRIC_TAGS or tokens[i].tag_ == "v" and tokens[i].text not in COPULA) \
            and not tokens[i].is_punct and not tokens[i].like_num \
            and not ents.covering(tokens[i].idx, tokens[i].idx + len(tokens[i].text)):
        run.insert(0, tokens[i])
        i -= 1
    while run and (TIME_LIKE.search(run[0].text) or run[0].tag_ == "v" and run[0].text in OPENING
                   or run[0].text in NOT_METRIC):
        run.pop(0)
    if not any(t.tag_ in METRIC_TAGS for t in run) and not (len(run) == 1 and len(run[0].text) >= 2
                                                             and run[0].text not in RELATION):
        return None, change  # a verb alone names what it counts (全日成交达1.16亿股 -> 成交), a longer run of them not
    text = _trim("".join(t.text for t in run))
    if len(text) > MAX_METRIC_CHARS:
        text = text[-MAX_METRIC_CHARS:]
    return (text if len(text) >= 2 else None), change


# a date between a metric and its figure (自营全货机截至2019年5月28日为55架)
TIME_BETWEEN = re.compile(r"(?:截至|截止到?|到|于)\s*\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:底|末|初)?"
                          r"\s*(?:为|达|达到|是|有|共|约|已)?\s*$")


# verbs that relate a figure to another, never what it measures (比招股价69元高出5.3%, 介乎60至72元)
RELATION = frozenset({"介乎", "介于", "高出", "低于", "高于", "超出", "出现", "相当于", "相当", "等于", "获得", "带来",
                      "提供", "包括", "涉及", "达到", "超过", "相比", "对比", "比较"})
# these end a metric phrase when walking back from the figure (阿里云营收为776亿: 营收, not 阿里云营收为)
COPULA = frozenset({"为", "是", "达", "达到", "约", "超过", "突破", "有", "拥有", "共", "合计", "至", "到", "由",
                    "从", "在", "以", "将", "已", "占", "占有", "持有", "开设", "开了", "设有", "共有", "现有", "共计"})
# verbs that open a phrase without being part of the metric (完成历史遗留矿山修复治理 -> 历史遗留矿山修复治理)
OPENING = frozenset({"完成", "实现", "推动", "持续", "累计", "新建", "建成"})
TIME_LIKE = re.compile(r"^(?:\d|[年月日]|今年|去年|明年|当年|同年|全年|上半年|下半年|季度)")

EN_STOP = frozenset("""a an the of in on at to by for from with and or as its their his her was were is are be been
has have had reached reach totalled totaled total about approximately around nearly over more than less some up
down rose fell grew stood which that this these those per cent percent it they there while when between estimated
only almost roughly just than into also so called another other such further whose all both each record high
low peak level q before after since until during under within where who but previous past next following""".split())
EN_VERB = frozenset("""grew rose fell stood had made was were is are went became grown shrank shrunk drove produced
accounts account amounted registered reached represents represented generated makes make takes took go goes
rises falls grows stands remains belong belongs provide provides hold holds issue employs""".split())
# nouns whose change reads with their adjective (the economy grew 13.1% -> economic growth)
EN_ADJECTIVE = {"economy": "economic", "population": "population", "world": "global"}
EN_CHANGE_NOUN = {"increase": "growth", "increases": "growth", "rise": "growth", "rises": "growth", "growth": "growth",
                  "gain": "growth", "gains": "growth", "decrease": "decline", "decreases": "decline",
                  "decline": "decline", "declines": "decline", "drop": "decline", "fall": "decline"}
EN_PREPOSITION = frozenset("before after since until during under within in on at to by for from with as".split())
EN_TIME = frozenset("period year years quarter quarters month months time decade decades".split())
EN_SCALE = frozenset("thousand million billion trillion bn mn kwh".split())
EN_CHANGE = frozenset("up down rose fell grew increased decreased declined dropped gained lost shrank".split())
EN_DOWN = frozenset("down fell decreased declined dropped lost shrank".split())
EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
EN_SHARE = re.compile(r"\s*(?:\)\s*)?of\s+(?:the\s+)?(?:[A-Za-z][\w]*'s\s+|its\s+|their\s+)?(?:[\d,.]+\s+(?:million\s+)?)?"
                      r"(?P<total>total\s+)?"
                      r"(?P<of>[A-Za-z][A-Za-z-]*(?:\s+[a-z][a-z-]*){0,2})")
# a duration of something ("15 years of free education")
EN_DURATION_OF = re.compile(r"\s+of\s+(?:the\s+)?(?P<of>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})")
# a currency pegged to another at a rate ("pegged to the Hong Kong dollar at a rate of 1.03 MOP per HKD")
EN_PEG = re.compile(r"\bpegged\b[^.;]{0,80}\brate\s+of\s+(?:around\s+|about\s+)?[^.;]{0,40}$", re.I)
# a transaction's verb right before its amount names it ("spent 2.5 billion on healthcare")
EN_SPENT = {"spent": "spending", "spends": "spending", "spend": "spending", "invested": "investment",
            "invests": "investment", "raised": "funds raised", "borrowed": "borrowing", "lent": "lending",
            "paid": "payment", "pays": "payment", "donated": "donation", "earned": "earnings", "earns": "earnings"}
EN_ON = re.compile(r"\s+(?:on|in|for)\s+(?:the\s+)?(?P<on>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\b")
# units of measure after a figure: what it measures comes after them ("20 million tonnes of cargo")
EN_UNIT = frozenset("""tonnes tonne tons ton barrels barrel kilometres kilometers km miles mile hectares acres square metres
meters cubic litres liters teu kwh mw gw""".split())
# a participle next to its figure names it by its noun ("100 percent backed by", "subsidized by 30%")
EN_NOMINAL = {"backed": "backing", "subsidized": "subsidy", "subsidised": "subsidy", "owned": "ownership",
              "funded": "funding", "financed": "financing", "taxed": "tax", "discounted": "discount"}
LABEL = re.compile(r"(?:^|\n)[\s\-*_]*(?P<label>[^\n:：。；;!?！？]{2,40}?)[\s_*]*[:：][\s_*]*$")


def _is_verb(word: str) -> bool:
    w = word.lower()
    return w in EN_VERB or (w.endswith("ed") and len(w) > 4) or w.endswith("ing") and len(w) > 5


def metric_en_text(text: str, start: int, end: int, clause_start: int, clause_end: int, kind: str,
                   common_first: bool = False) -> str | None:
    """English: a share ("40% of GDP" -> share of GDP), a label ("CONSUMPTION: 1.9 billion kWh"), the noun
    phrase before the figure ("the unemployment rate dropped from … 6.8%" -> unemployment rate), else the noun
    after it ("84,000 residents" -> residents)."""
    if EN_PEG.search(text, max(clause_start, start - 140), start):
        return "exchange rate"
    nominal = _nominal(text, start, end)
    if nominal:
        return nominal
    if kind == "duration":
        duration = _duration_of(text, start, end)
        if duration:
            return duration
    if kind == "percent":
        share = _share_of(text, end)
        if share:
            return share
    after = _words_after(text, end, clause_end)
    if kind in ("count", "number") and after:  # "84,000 employees", "9.1 million visitors"
        return after
    label = LABEL.search(text, max(0, start - 60), start)
    if label and not re.search(r"\d", label.group("label")):
        return label.group("label").strip(" _*-–").lower().replace(" – ", " ").replace(" - ", " ")
    return _metric_words_before(text, start, end, clause_start, clause_end, common_first) or after


def _duration_of(text: str, start: int, end: int) -> str | None:
    """What a duration is of ("15 years of free education" -> years of free education)."""
    of = EN_DURATION_OF.match(text, end)
    words = of.group("of").split() if of else []
    words = words[:next((i for i, w in enumerate(words) if w in EN_STOP or w in EN_VERB), len(words))]
    return f"{text[start:end].split()[-1]} of {' '.join(words)}" if words else None


def _share_of(text: str, end: int) -> str | None:
    """What a percentage is a share of ("of the total deposits" -> share of total deposits)."""
    share = EN_SHARE.match(text, end)
    if not share:
        return None
    words = [w for w in share.group("of").split() if w not in EN_STOP and not _is_verb(w)][:3]
    return "share of " + ("total " if share.group("total") else "") + " ".join(words) if words else None


def _metric_words_before(text: str, start: int, end: int, clause_start: int, clause_end: int,
                         common_first: bool) -> str | None:
    """The metric the words before an English figure name: a transaction verb's, a change verb's noun, else the
    noun phrase before it."""
    lo = max(clause_start, start - 100)
    before = EN_WORD.findall(text[lo:start])
    if common_first and lo == 0 and before:  # the sentence's first word is a noun the caller found no name in
        before[0] = before[0].lower()
    spent = EN_SPENT.get(before[-1].lower()) if before else None
    if spent:  # "spent 2.5 billion on healthcare" -> spending on healthcare
        on = EN_ON.match(text, end, clause_end)
        return f"{spent} on {on.group('on')}" if on else spent
    if before and before[-1].lower() in EN_CHANGE or len(before) > 1 and before[-1].lower() == "by" \
            and before[-2].lower() in EN_CHANGE:
        verb = before.pop() if before[-1].lower() != "by" else (before.pop(), before.pop())[1]
        change = "decline" if verb.lower() in EN_DOWN else "growth"
        noun = _noun_before(before)  # "revenue rose 7.2%" -> revenue growth
        noun = EN_ADJECTIVE.get(noun, noun)
        return f"{noun} {change}" if noun else change
    run = _take_noun_run(before)
    if run and run[-1].lower() in EN_CHANGE_NOUN:  # "GDP increases of 31.4%" -> GDP growth; "a sharp decrease" -> decline
        change = EN_CHANGE_NOUN[run[-1].lower()]
        acronym = before[-1] if before and before[-1].isupper() and len(before[-1]) > 1 else None
        return f"{acronym} {change}" if acronym else change
    return " ".join(run) if run else None


def _take_noun_run(before: list[str]) -> list[str]:
    """The noun phrase (up to three words) ending ``before``, taken off its end; a time word is passed over for the
    phrase further back."""
    run: list[str] = []
    while before:
        while before and (before[-1].lower() in EN_STOP or _is_verb(before[-1]) or before[-1].lower() in EN_SCALE):
            before.pop()
        run = []
        while before and before[-1].lower() not in EN_STOP and not _is_verb(before[-1]) \
                and not before[-1][:1].isupper() and len(run) < 3:
            run.insert(0, before.pop())
        if run and len(before) > 1 and before[-1].lower().endswith("ed") and before[-1].lower() not in EN_VERB \
                and before[-2].lower() in ("of", "the", "a", "an"):
            run.insert(0, before.pop())  # a participle before its noun: the number of imported labours
        if run and run[-1].lower() in EN_TIME:  # "for the same period reached": the noun phrase is further back
            run = []
            continue
        break
    return run


def _nominal(text: str, start: int, end: int) -> str | None:
    """The noun of a participle right after the figure or right before "by" and it ("100 percent backed by")."""
    after = EN_WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
    if after and after.group().lower() in EN_NOMINAL:
        return EN_NOMINAL[after.group().lower()]
    before = EN_WORD.findall(text[max(0, start - 30):start])
    if len(before) >= 2 and before[-1].lower() == "by" and before[-2].lower() in EN_NOMINAL:
        return EN_NOMINAL[before[-2].lower()]
    return None


def _noun_before(words: list[str]) -> str | None:
    """The lower-case noun phrase (up to three words) ending ``words`` (a name or a stop word ends it)."""
    run: list[str] = []
    for w in reversed(words):
        if w.lower() in EN_STOP or _is_verb(w) or w[:1].isupper() and not w.isupper() or len(run) == 3 \
                or w.endswith(("'s", "’s")):  # the country's GDP: the holder is the subject's business
            break
        run.insert(0, w)
    return " ".join(run) or None


def _words_after(text: str, end: int, clause_end: int) -> str | None:
    """Up to three words naming what a figure counts (the 84,000 residents)."""
    words: list[str] = []
    window = text[end:min(clause_end, end + 60)]
    window = window[:next((i for i, c in enumerate(window) if c in "()[];:–—"), len(window))]  # kWh (2004) ELECTRICITY
    found = EN_WORD.findall(window)
    for n, w in enumerate(found):
        lower = w.lower()
        if lower in EN_PREPOSITION and not words:
            break  # "a population of about 400 before the Portuguese arrived"
        if lower in EN_SCALE or lower in EN_UNIT and not words or (lower in EN_STOP and not words):
            continue
        following = found[n + 1] if n + 1 < len(found) else ""
        if not words and w[:1].isupper() and "-" not in w and following[:1].islower() and following.lower() not in EN_STOP \
                and not _is_verb(following):
            continue  # a name or demonym qualifies the noun after it: 26,000 German travel trade members
        adjective = not words and lower.endswith("ed") and following[:1].islower() \
            and following.lower() not in EN_STOP and not _is_verb(following)
        if lower in EN_STOP or _is_verb(w) and not adjective or lower in ("per", "cent", "percent"):
            break
        words.append(w)
        if len(words) == 3:
            break
    return " ".join(words) or None


# a plain-text table (pandoc's): a header line, perhaps a rule of dashes, rows whose cells are 2+ spaces apart
TABLE_RULE = re.compile(r"^[ \t]*-{3,}(?:[ \t]+-{3,})*[ \t]*$")
CELL_GAP = re.compile(r"[ \t]{2,}")
MAX_TABLE_ROWS = 60


def table_column(text: str, pos: int) -> str | None:
    """The header of the table column a figure at ``pos`` stands in (MOP per USD over 7.962 / 1996)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    cells = CELL_GAP.split(text[line_start:line_end if line_end >= 0 else len(text)].strip())
    if len(cells) < 2:
        return None
    end = line_start - 1
    for _ in range(MAX_TABLE_ROWS):  # up over the rows (and a rule) to the header
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        end = start - 1
        if TABLE_RULE.match(line) or len(CELL_GAP.split(line)) == len(cells) and re.search(r"\d", line):
            continue
        names = CELL_GAP.split(line)
        if len(names) != len(cells) or re.search(r"[.。!?！？]$", line):
            return None
        figure = text[pos:line_end if line_end >= 0 else len(text)].split()[0]
        index = next((i for i, cell in enumerate(cells) if cell.startswith(figure)), None)
        return names[index] if index is not None else None
    return None


HOLDING = re.compile(r"[\s:：]*$")
BRACKETED_STAKE = re.compile(r"\s*[（(]\s*$")
SHAREHOLDERS = re.compile(r"股东|持股|股权|股份")


def holding(text: str, base: int, start: int, ents) -> bool:
    """True for a list of holdings: an organisation or person right before a share (腾讯：20.1363%)."""
    _, hi = ents.within(0, base + start)
    if not hi:
        return False
    last = ents.ents[hi - 1]
    if last.label_ not in ("ORG", "PER"):
        return False
    if HOLDING.match(ents.text, last.end_char, base + start):
        return True
    # a list of shareholders with their stakes in brackets (股东变成广州融捷（34.4%），王传福（20%）)
    return bool(BRACKETED_STAKE.match(ents.text, last.end_char, base + start) and SHAREHOLDERS.search(text))


@lru_cache(maxsize=50_000)
def metric_english(term: str) -> str | None:
    """English for a metric: the glossary first, else a CC-CEDICT gloss of the term or of its longest known
    words (直属分公司 -> directly under + subsidiary company), else its pinyin; None only for no term."""
    if not term:
        return None
    found = metric_glossary()[0].get(term.lower())
    if found:
        return found[1]
    if term.isascii():
        return _from_glossary(term) or term
    composed = _from_glossary(term)
    if composed:
        return composed
    from .. import gloss as cedict

    whole = cedict.gloss(term)
    if whole:
        return whole.replace("_", " ")
    words, i, table = [], 0, cedict.table()
    while i < len(term):  # longest dictionary words first, left to right; a Latin run (Wind Tre) stays whole
        latin = LATIN_RUN.match(term, i)
        if latin:
            words.append(latin.group().strip())
            i = latin.end()
            continue
        for size in range(min(6, len(term) - i), 0, -1):
            piece = term[i:i + size]
            if piece in HEADS and (size > 1 or i + size == len(term)):
                words.append(HEADS[piece])
            elif size == 1 or piece in table:
                english = cedict.gloss(piece) if piece in table else None
                words.append(re.sub(r"^to_", "", english).replace("_", " ") if english else _pinyin(piece))
            else:
                continue
            i += size
            break
    return " ".join(w for w in words if w) or _pinyin(term)


LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .&'-]*")

# heads of metric compounds whose first dictionary sense is not the one a metric means (率 "to lead")
HEADS = {"率": "rate", "数": "number", "额": "amount", "量": "volume", "费": "fee", "价": "price", "网点": "outlets",
         "店": "stores", "比重": "share", "占比": "share", "规上": "above-scale", "总值": "total value", "人次": "visits"}


def _from_glossary(term: str) -> str | None:
    """A metric made of glossary terms, in their English (营收增速 -> revenue growth rate; "revenue growth
    rates" -> revenue growth rate); None when other words are left over."""
    table, pattern = metric_glossary()
    parts, rest, last = [], [], 0
    for m in pattern.finditer(term):
        rest.append(term[last:m.start()])
        parts.append(table[fold(m.group(0))][1])
        last = m.end()
    rest.append(term[last:])
    leftover = [w for w in re.findall(r"[A-Za-z]+|[^\sA-Za-z的]+", "".join(rest)) if w.lower() not in LEFTOVER]
    if len(parts) < 2 and not (parts and term.isascii()) or leftover:
        return None
    words: list[str] = []
    for part in parts:  # "growth rate" after "revenue growth rate" adds nothing
        for w in part.split():
            if not words or w != words[-1]:
                words.append(w)
    return " ".join(words)


LEFTOVER = frozenset({"rate", "rates", "the", "of", "s", "figure", "figures"})


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))
