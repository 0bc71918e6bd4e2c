"""Rules of the Chinese entity component: the tables and tests that cut, relabel or drop a name.

Which words end organisation names, which kinds of company make a description, how a surname is
addressed, which predicates a name never runs into, brackets and list separators, and the runs of
capitalised Latin words inside Chinese text.
"""
from __future__ import annotations

import re

from .features import char_type

# characters that end organisation / place names (used to decide whether a
# model span that extends a gazetteer name is a longer real name: 杭州市 vs 阿里云营)
SUFFIX_CHARS = frozenset(
    "司团行学院局部委厅所署处队会社台报馆心金部党军店厂网校园府办组站"
    "省市县区镇乡村州国岛山河江湖海路街道湾洲港城"
)
# common words ending in a suffix character: 阿里云内部, 阿里云团队 are not longer names
_COMMON_ENDINGS = frozenset({"内部", "外部", "全部", "团队", "局面", "机会", "社会", "大会", "总部"})
# kinds of organisation that make a description, not a name, after a place: 中国科技公司, 美国车企
GENERIC_ORG_KINDS = frozenset({"公司", "企业", "科技公司", "互联网公司", "科技企业", "车企", "厂商", "芯片公司",
                               "科技巨头", "巨头", "媒体", "初创公司", "上市公司", "国企", "民企", "外企", "药企",
                               "房企", "银行业", "金融机构", "投资者", "网民", "用户", "市场", "政府官员", "官员"})
# words that make a name an organisation, whatever place starts it: 福建电信, 浙江大学, 青岛银行
ORG_HEAD_WORDS = ("公司", "集团", "银行", "电信", "移动", "联通", "网通", "协会", "学会", "政府", "大学", "学院",
                  "委员会", "法院", "检察院", "证券", "保险", "研究所", "研究院", "出版社", "电视台", "日报", "报社",
                  "通讯社", "基金会", "俱乐部", "分行", "支行", "总局", "航空", "足协")
# relations between companies, not parts of a name: 谷歌母公司 is 谷歌
RELATION_ENDINGS = ("母公司", "子公司", "孙公司", "关联公司")
# English words that end organisation names
ORG_SUFFIX_EN = frozenset(
    [
        "Partners", "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Group", "Capital", "Technologies", "Technology",
        "Bank", "Labs", "Lab", "Research", "Systems", "Ventures", "University", "Institute", "Foundation", "Holdings",
        "Company", "Co", "Co.", "Ltd", "Ltd.", "LLC", "Networks", "Software", "Cloud", "Services", "Motors",
        "Securities", "Investments", "Consulting", "Media", "Studios", "Games", "Airlines", "Association", "Agency",
        "Council", "Ministry", "Committee", "Fund", "Club", "AG", "SE", "SA", "PLC", "plc"
    ]
)
# Chinese context right after / before an unknown Latin name that marks it as an organisation
_ORG_CUE_AFTER = ("公司", "集团", "发布", "数据", "报告", "表示", "称", "的数据", "的报告", "的研究",
                  "研究", "分析", "调查", "预测", "统计", "指出", "预计", "认为")
_ORG_CUE_BEFORE = ("据", "根据", "来自", "机构", "公司", "研究机构", "咨询公司", "调研机构", "市场研究公司")

# common English given names: a run of capitalised words starting with one is a person
GIVEN_NAMES = frozenset(
    [
        "John", "James", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
        "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Steve", "Paul", "Andrew", "Andy",
        "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy", "Tim", "Ronald", "Edward", "Jason", "Jeffrey",
        "Jeff", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott",
        "Brandon", "Benjamin", "Samuel", "Sam", "Gregory", "Frank", "Alexander", "Raymond", "Patrick", "Jack",
        "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam", "Henry", "Nathan", "Douglas", "Zachary", "Peter", "Kyle",
        "Walter", "Ethan", "Jeremy", "Harold", "Keith", "Christian", "Roger", "Noah", "Gerald", "Carl", "Terry",
        "Sean", "Austin", "Arthur", "Lawrence", "Jesse", "Dylan", "Bryan", "Joe", "Jordan", "Billy", "Bruce",
        "Albert", "Willie", "Gabriel", "Logan", "Alan", "Juan", "Wayne", "Roy", "Ralph", "Randy", "Eugene", "Vincent",
        "Russell", "Elijah", "Louis", "Bobby", "Philip", "Phil", "Johnny", "Bill", "Bob", "Tom", "Jim", "Mike", "Dan",
        "Ben", "Tony", "Chris", "Matt", "Nick", "Elon", "Satya", "Sundar", "Jensen", "Mary", "Patricia", "Jennifer",
        "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Betty", "Margaret",
        "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Dorothy", "Carol", "Amanda", "Melissa",
        "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen", "Amy", "Shirley", "Angela",
        "Helen", "Anna", "Brenda", "Pamela", "Nicole", "Emma", "Samantha", "Katherine", "Christine", "Debra",
        "Rachel", "Catherine", "Carolyn", "Janet", "Ruth", "Maria", "Heather", "Diane", "Virginia", "Julie", "Joyce",
        "Victoria", "Olivia", "Kelly", "Christina", "Lauren", "Joan", "Evelyn", "Judith", "Megan", "Cheryl", "Andrea",
        "Hannah", "Martha", "Jacqueline", "Frances", "Gloria", "Ann", "Kathryn", "Alice", "Jean", "Sophia", "Grace",
        "Marissa", "Sheryl", "Ginni", "Meg", "Safra", "Ursula", "Marc", "Jean-Pierre", "Hans", "Klaus", "Pierre",
        "Jacques", "Francois", "Luca", "Marco", "Carlos", "Luis", "Pedro", "Ivan", "Dmitry", "Sergey", "Kai-Fu",
        "Masayoshi", "Jony", "Werner", "Reed", "Travis", "Brian", "Drew", "Evan", "Jan", "Reid", "Marc", "Vinod",
        "Arvind", "Rishi"
    ]
)

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'’.\-]*")


def latin_entities(text: str, gaz, not_entities) -> list[tuple[int, int, str]]:
    """PER/ORG for runs of capitalised Latin words inside (mostly Chinese) text; names in ``gaz`` are left to
    the gazetteer, words in ``not_entities`` never make a name."""
    ne = not_entities
    out = []
    words = [(m.start(), m.end(), m.group().rstrip(".'’-")) for m in _LATIN_WORD.finditer(text)]
    # drop words glued to digits (model names like iPhone4, GPT-3.5)
    groups: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    for s, e, w in words:
        e = s + len(w)
        cap = w[:1].isupper()
        acronym_ne = w in ne and w.isupper()
        joinable = cur and text[cur[-1][1]:s] in (" ", "\u00a0") and cap and not acronym_ne
        if joinable:
            cur.append((s, e, w))
            continue
        if cur:
            groups.append(cur)
        cur = [(s, e, w)] if cap and not acronym_ne else []
    if cur:
        groups.append(cur)
    n = len(text)
    for g in groups:
        s, e = g[0][0], g[-1][1]
        ws = [w for _, _, w in g]
        name = text[s:e]
        if (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum()) or (
                e < n and text[e].isascii() and text[e].isalnum()):
            continue
        if name in gaz:
            continue  # the gazetteer handles it
        if all(w in ne for w in ws):
            continue
        if len(ws) >= 2 and ws[-1] in ORG_SUFFIX_EN:
            out.append((s, e, "ORG"))
            continue
        if any(w in ne for w in ws):
            continue
        if len(ws) == 1:
            w = ws[0]
            after = text[e:e + 4].lstrip()
            before = text[max(0, s - 6):s].rstrip()
            if len(w) >= 2 and (after.startswith(_ORG_CUE_AFTER) or before.endswith(_ORG_CUE_BEFORE)):
                out.append((s, e, "ORG"))
            continue
        if len(ws) <= 4:
            if any(gaz.get(w, ("",))[0] == "ORG" for w in ws):
                out.append((s, e, "ORG"))
            elif ws[0] in GIVEN_NAMES and all(w[0].isupper() and any(c.islower() for c in w) for w in ws):
                out.append((s, e, "PER"))
    return out


# how a person is addressed by surname alone: 吕先生, 江主席, 杜氏, 王大娘, and 老王 / 小李 before it
PERSON_TITLES = frozenset({
    "先生", "女士", "小姐", "太太", "夫人", "老师", "教授", "博士", "医生", "大夫", "师傅", "同志", "主席", "总书记",
    "总理", "总统", "总裁", "总经理", "总", "董事长", "经理", "部长", "局长", "市长", "省长", "县长", "区长", "镇长",
    "村长", "书记", "主任", "校长", "院长", "厂长", "队长", "外长", "大使", "将军", "委员", "大娘", "大爷", "大妈",
    "大婶", "大姐", "大哥", "老", "氏", "某"})
_TITLE_LENGTHS = sorted({len(w) for w in PERSON_TITLES}, reverse=True)
_SURNAMES: frozenset[str] | None = None


def surnames() -> frozenset[str]:
    """One-character Chinese surnames: the characters CC-CEDICT gives a "surname X" sense."""
    global _SURNAMES
    if _SURNAMES is None:
        from pipeline.gloss import table

        _SURNAMES = frozenset(w for w, senses in table().items()
                              if len(w) == 1 and any(d.startswith("surname ") for _, d in senses))
    return _SURNAMES


def _addressed_surname(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a surname addressed as a person: a title after it or 老/小 before it."""
    addressed = (i > 0 and text[i - 1] in "老小") or any(
        text[i + 1:i + 1 + k] in PERSON_TITLES for k in _TITLE_LENGTHS)
    return addressed and text[i] in surnames()  # the dictionary is read only when a title is there


# words of business news that a name never starts or ends with (none does in the training data):
# a model span that does is a name run into its predicate (香港宕机, 阿里云上市)
PREDICATE_EDGE_WORDS = frozenset({"宕机", "上市", "入华", "出海", "营收", "裁员", "融资", "收购", "亏损", "盈利",
                                  "增长", "涨价", "降价", "下跌", "上涨", "发布", "推出"})
_EDGE_LENGTHS = sorted({len(w) for w in PREDICATE_EDGE_WORDS})


def _predicate_edge(name: str) -> bool:
    return any(name[:k] in PREDICATE_EDGE_WORDS or name[-k:] in PREDICATE_EDGE_WORDS
               for k in _EDGE_LENGTHS if k < len(name))


_OPEN_CLOSE = {"(": ")", "（": "）", "[": "]", "【": "】", "《": "》", "<": ">", "“": "”", "「": "」", "『": "』"}
_CLOSE_OPEN = {v: k for k, v in _OPEN_CLOSE.items()}


def _brackets_balanced(name: str) -> bool:
    """Whether every bracket and quote in ``name`` is closed inside it, in order (《时代潮》杂志, not 时代潮》)."""
    stack = []
    for ch in name:
        if ch in _OPEN_CLOSE:
            stack.append(_OPEN_CLOSE[ch])
        elif ch in _CLOSE_OPEN:
            if not stack or stack.pop() != ch:
                return False
        elif ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append('"')
    return not stack


# a name never runs across these; a model span over one (美国、斯洛伐克) is a list of names
_LIST_SEPARATORS = re.compile("[、，；。！？]")


def _split_at_separators(text: str, s: int, e: int, label: str) -> list[tuple[int, int, str]]:
    """``text[s:e]`` cut at list and clause punctuation, each piece with the span's label."""
    cuts = [m.start() for m in _LIST_SEPARATORS.finditer(text, s, e)]
    if not cuts:
        return [(s, e, label)]
    starts = [s] + [c + 1 for c in cuts]
    ends = cuts + [e]
    return [(a, b, label) for a, b in zip(starts, ends) if a < b]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop whitespace and punctuation at the edges of ``text[s:e]``, but keep a bracket pair that
    encloses part of the name (《时代潮》杂志, “发现”号); one that wraps all of it goes ((中国) -> 中国)."""
    while s < e:
        first, last = text[s], text[e - 1]
        if e - s >= 2 and _OPEN_CLOSE.get(first, '"' if first == '"' else None) == last \
                and _brackets_balanced(text[s + 1:e - 1]):
            s, e = s + 1, e - 1
        elif char_type(first) in "SP" and first != "·" and not (
                (first in _OPEN_CLOSE or first == '"') and _brackets_balanced(text[s:e])):
            s += 1
        elif char_type(last) in "SP" and last != "·" and not (
                (last in _CLOSE_OPEN or last == '"') and _brackets_balanced(text[s:e])):
            e -= 1
        else:
            break
    return s, e
