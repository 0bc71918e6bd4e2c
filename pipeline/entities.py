"""Chinese named entities (PER, ORG, LOC): character CRF + gazetteer + Latin-name rules.

The model is a linear-chain CRF (python-crfsuite) over the characters of each
sentence, with features from the characters around it and from the jieba word
that contains it (position in word, word length, dictionary POS of the word,
the word and its neighbours).  ``crf_features`` is shared by training
(``pipeline.training.ner_zh``) and prediction, so both see exactly the same
features.  The spaCy component ``zhpipe_entities_v1`` merges model output
with the reviewed gazetteer and rules and sets ``doc.ents``.
"""
from __future__ import annotations

import lzma
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.countries import country_english
from pipeline.ner_style import KINDS, STYLE_NGRAMS_PATH, StyleGuesser

RESOURCES = Path(__file__).resolve().parent / "resources"
# xz-compressed crfsuite models: a third of their size, read into memory in 0.2 s
MODEL_PATH = RESOURCES / "ner_zh.crfsuite.xz"
STYLES_MODEL_PATH = RESOURCES / "ner_zh_styles.crfsuite.xz"
GAZETTEER_PATH = RESOURCES / "gazetteer.tsv"
NOT_ENTITIES_PATH = RESOURCES / "not_entities.txt"
PLACE_ABBREVIATIONS_PATH = RESOURCES / "place_abbreviations.tsv"
LABELS = ("PER", "ORG", "LOC")
# Annotation styles. Each kind of training source has its convention (pipeline.ner_style.KINDS):
# "news" (People's Daily, MSRA) tags every place name, also one used as a modifier (中国市场) and
# abbreviations (中美); "web" (CLUENER) leaves those untagged and tags addresses and sights; "social"
# (Weibo NER) tags place names like news, in posts rather than articles. "mixed" is the model trained
# on all sources as one: the most robust on text of unknown origin. "news", "web" and "social" use the
# second model, whose features are conjoined with the style. "auto", the default, picks per document
# (per line in ``zhpipe entities``): "news" or "social" where the text clearly reads like those
# sources, "mixed" otherwise (pipeline.ner_style).
STYLES = ("auto", "mixed", *KINDS)
DEFAULT_STYLE = "auto"

# ---------------------------------------------------------------------------
# features
# ---------------------------------------------------------------------------

# digits collapse to "0", Latin letters to lower case (full-width too)
_NORM = {}
for _ch in "0123456789０１２３４５６７８９":
    _NORM[ord(_ch)] = "0"
for _o in range(ord("A"), ord("Z") + 1):
    _NORM[_o] = chr(_o + 32)
for _o in range(ord("Ａ"), ord("Ｚ") + 1):
    _NORM[_o] = chr(_o - ord("Ａ") + ord("a"))
for _o in range(ord("ａ"), ord("ｚ") + 1):
    _NORM[_o] = chr(_o - ord("ａ") + ord("a"))

_TYPE_CACHE: dict[str, str] = {}


def char_type(ch: str) -> str:
    """H Han, D digit, L Latin letter, P punctuation, S space, O other."""
    t = _TYPE_CACHE.get(ch)
    if t is not None:
        return t
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF:
        t = "H"
    elif ch.isdigit():
        t = "D"
    elif ch.isspace():
        t = "S"
    elif ch.isalpha():
        t = "L" if o < 0x2E80 or 0xFF21 <= o <= 0xFF5A else "O"
    else:
        cat = unicodedata.category(ch)
        t = "P" if cat[0] in "PS" else "O"
    if len(_TYPE_CACHE) < 100_000:
        _TYPE_CACHE[ch] = t
    return t


_WORD_TAGS: dict[str, str] | None = None


def word_tags() -> dict[str, str]:
    """jieba's dictionary POS table (word -> tag); loaded once."""
    global _WORD_TAGS
    if _WORD_TAGS is None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.initialize()
        _WORD_TAGS = jieba.posseg.dt.word_tag_tab
    return _WORD_TAGS


_LEXICON: dict[str, str] | None = None
_LEX_TAGS = {"nr": "nr", "nrt": "nr", "nrfg": "nr", "ns": "ns", "nt": "nt", "nz": "nz"}
_LEX_MAXLEN = 6


def lexicon() -> dict[str, str]:
    """Name lexicon for the ``lex`` features: jieba dictionary words tagged
    nr/ns/nt/nz (2-6 chars) plus the reviewed gazetteer (PER->nr, LOC->ns, ORG->nt)."""
    global _LEXICON
    if _LEXICON is None:
        lex = {}
        for w, t in word_tags().items():
            t = _LEX_TAGS.get(t)
            if t is not None and 2 <= len(w) <= _LEX_MAXLEN:
                lex[w] = t
        if GAZETTEER_PATH.exists():
            m = {"PER": "nr", "LOC": "ns", "ORG": "nt"}
            with open(GAZETTEER_PATH, encoding="utf-8") as f:
                next(f, None)
                for line in f:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) >= 2 and parts[1] in m and 2 <= len(parts[0]) <= _LEX_MAXLEN:
                        lex[parts[0]] = m[parts[1]]
        _LEXICON = lex
    return _LEXICON


def _mark_match(out: list[list[str]], i: int, L: int, prefix: str, tag: str) -> None:
    """Begin/middle/end features of a lexicon match of length ``L`` at ``i``."""
    out[i].append(prefix + "B" + tag)
    for j in range(i + 1, i + L - 1):
        out[j].append(prefix + "M" + tag)
    out[i + L - 1].append(prefix + "E" + tag)


def _match_features(text: str, out: list[list[str]], names: dict[str, str], maxlen: int, prefix: str) -> None:
    """Every substring of 2..``maxlen`` characters found in ``names`` (name -> tag), as match features."""
    n = len(text)
    for i in range(n - 1):
        for L in range(2, min(maxlen, n - i) + 1):
            t = names.get(text[i:i + L])
            if t is not None:
                _mark_match(out, i, L, prefix, t)


def _lex_features(norm_text: str, out: list[list[str]]) -> None:
    _match_features(norm_text, out, lexicon(), _LEX_MAXLEN, "d")


# CC-CEDICT marks proper nouns with capitalised pinyin; the English definition says what kind.
_CEDICT_KINDS = (
    ("nr", re.compile(r"\(\d{1,4}(?:-| to )\d{0,4}|\b(?:BC|AD)\b|\b(?:poet|writer|emperor|politician|actor|actress|"
                      r"singer|general|philosopher|statesman|painter|leader|founder|president|scientist)\b")),
    ("nt", re.compile(r"\b(?:company|corporation|university|bank|party|organi[sz]ation|agency|association|newspaper|"
                      r"group|institute|college|school|airline|ministry|bureau|council|committee|club|team|brand|"
                      r"magazine|channel|press|federation|union|society|Inc|Ltd)\b", re.I)),
    ("ns", re.compile(r"\b(?:county|city|province|district|prefecture|town|river|mountain|lake|island|country|"
                      r"capital|region|village|township|state|sea|ocean|peninsula|port|street|road|bay|desert|valley|"
                      r"autonomous|municipality|continent)\b", re.I)),
)
_CEDICT_MAXLEN = 8
_CEDICT_NAMES: dict[str, str] | None = None


def cedict_names() -> dict[str, str]:
    """Proper nouns of CC-CEDICT (2-8 characters) -> nr/nt/ns/nz, for the ``cedict`` features."""
    global _CEDICT_NAMES
    if _CEDICT_NAMES is None:
        from pipeline.gloss import table

        names = {}
        for word, senses in table().items():
            if not 2 <= len(word) <= _CEDICT_MAXLEN:
                continue
            for rank, definitions in senses:
                if rank[0] != 1:  # lower-case pinyin: not a proper noun
                    continue
                names[word] = next((k for k, rx in _CEDICT_KINDS if rx.search(definitions)), "nz")
                break
        _CEDICT_NAMES = names
    return _CEDICT_NAMES


def _cedict_features(text: str, out: list[list[str]]) -> None:
    _match_features(text, out, cedict_names(), _CEDICT_MAXLEN, "e")


def _dict_features(text: str, out: list[list[str]]) -> None:
    """Longest jieba-dictionary word starting and ending at each character (any POS), so the
    model sees word boundaries other than the one segmentation jieba chose."""
    tags = word_tags()
    n = len(text)
    longest_end = [0] * n
    for i in range(n - 1):
        best = 0
        for L in range(2, min(_LEX_MAXLEN, n - i) + 1):
            if text[i:i + L] in tags:
                best = L
                if L > longest_end[i + L - 1]:
                    longest_end[i + L - 1] = L
        if best:
            out[i].append("ds" + str(best))
    for i in range(n):
        if longest_end[i]:
            out[i].append("de" + str(longest_end[i]))


_BMES_CACHE: dict[int, tuple[str, ...]] = {}


def _bmes(n: int) -> tuple[str, ...]:
    r = _BMES_CACHE.get(n)
    if r is None:
        r = ("S",) if n == 1 else ("B",) + ("M",) * (n - 2) + ("E",)
        _BMES_CACHE[n] = r
    return r


def _word_tag(w: str, tags: dict[str, str]) -> str:
    t = tags.get(w)
    if t is not None:
        return t
    t0 = char_type(w[0])
    if t0 == "L":
        return "eng"
    if t0 == "D":
        return "m"
    if t0 == "S":
        return "w"
    if t0 == "P":
        return "x"
    return "unk"


# ---- training-set name lexicon ("tlex" features) ---------------------------
# Entity strings of the training data with their majority label and how often
# the string is an entity where it occurs (bucket a >= 0.8, b >= 0.4, c below).
# Training builds it cross-fold (a sentence only sees names from the other
# folds, so the feature never leaks its own label); prediction uses the
# lexicon of the whole training set, shipped next to the model as
# ``<model>.lexicon.tsv`` (derived from ../shared/data/ner/train.jsonl).
_TLEX_MINLEN = 2
_TLEX_MAXLEN = 10


def known_names_path_for(model_path) -> Path:
    """Where the gazetteer names the model has learnt from training are listed (next to the model)."""
    return _beside(model_path, ".known.txt")


def lexicon_path_for(model_path) -> Path:
    return _beside(model_path, ".lexicon.tsv")


def _beside(model_path, suffix: str) -> Path:
    """A file next to a model, named after it without its extensions (ner_zh.crfsuite.xz -> ner_zh.known.txt)."""
    model_path = Path(model_path)
    return model_path.with_name(model_path.name.split(".", 1)[0] + suffix)


class CrfTagger:
    """A crfsuite tagger over a model file, plain or xz-compressed (``.xz``, as the models are shipped)."""

    def __init__(self, path):
        import pycrfsuite

        path = Path(path)
        self._tagger = pycrfsuite.Tagger()
        if path.suffix == ".xz":
            # crfsuite reads an in-memory model in place: the bytes must live as long as the tagger
            self._model = lzma.decompress(path.read_bytes())
            self._tagger.open_inmemory(self._model)
        else:
            self._tagger.open(str(path))
        self.tag = self._tagger.tag


def write_compressed_model(plain_path, out_path) -> int:
    """Write crfsuite model ``plain_path`` xz-compressed to ``out_path`` (same model, same bytes); returns its size."""
    data = lzma.compress(Path(plain_path).read_bytes(), preset=9 | lzma.PRESET_EXTREME)
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out_path)
    return len(data)


def tlex_bucket(ent: int, occ: int) -> str:
    r = ent / occ if occ else 1.0
    return "a" if r >= 0.8 else "b" if r >= 0.4 else "c"


def build_tlex(ent_counts: dict, occ_counts: dict) -> dict[str, str]:
    """{name: label+bucket} from {name: {label: count}} and {name: occurrences}."""
    out = {}
    for name, labs in ent_counts.items():
        tot = sum(labs.values())
        if tot <= 0:
            continue
        lab = max(sorted(labs), key=lambda k: labs[k])
        out[name] = lab + tlex_bucket(tot, max(occ_counts.get(name, 0), tot))
    return out


class TrainLexicon:
    """Name -> "PERa"-style tag, with a first-character index for fast scanning."""

    def __init__(self, entries: dict[str, str]):
        self.entries = entries
        lengths: dict[str, set[int]] = {}
        for name in entries:
            lengths.setdefault(name[0], set()).add(len(name))
        self.lengths = {k: sorted(v) for k, v in lengths.items()}

    @classmethod
    def load(cls, path) -> TrainLexicon | None:
        path = Path(path)
        if not path.exists():
            return None
        entries = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2 and parts[0] and not line.startswith("#"):
                    entries[parts[0]] = parts[1]
        return cls(entries)

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write("# name\ttag (label + bucket: share of occurrences in train that are this entity, "
                    "a>=0.8 b>=0.4 c<0.4); derived from ../shared/data/ner/train.jsonl\n")
            f.writelines(f"{name}\t{self.entries[name]}\n" for name in sorted(self.entries))

    def features(self, text: str, out: list[list[str]]) -> None:
        ent = self.entries
        lens = self.lengths
        n = len(text)
        for i in range(n - 1):
            ls = lens.get(text[i])
            if ls is None:
                continue
            for L in ls:
                if i + L > n:
                    break
                t = ent.get(text[i:i + L])
                if t is not None:
                    _mark_match(out, i, L, "T", t)


_TLEX_DEFAULT: TrainLexicon | None = None
_TLEX_LOADED = False


def default_train_lexicon() -> TrainLexicon | None:
    global _TLEX_DEFAULT, _TLEX_LOADED
    if not _TLEX_LOADED:
        _TLEX_DEFAULT = TrainLexicon.load(lexicon_path_for(MODEL_PATH))
        _TLEX_LOADED = True
    return _TLEX_DEFAULT


# feature groups of the shipped model (training can try others with --features)
FEATURES = frozenset({"base", "lex", "ctx", "nbw"})


_STYLED = frozenset("cWpd")  # character, word, word POS, name-lexicon matches


def crf_features(text: str, words: Sequence[str], gaz: Sequence[str] | None = None,
                 features: frozenset = FEATURES, tlex: TrainLexicon | None = None,
                 style: str | None = None) -> list[list[str]]:
    """Feature lists, one per character of ``text``.

    ``words`` is the jieba segmentation of ``text`` (``"".join(words) == text``).
    ``gaz`` (optional) gives one gazetteer tag per character (unused by the
    shipped model; kept for experiments).
    """
    n = len(text)
    if n == 0:
        return []
    tags = word_tags()
    norm = text.translate(_NORM)
    pad = "\x02\x01" + norm + "\x03\x04"
    types = "^" + "".join([char_type(ch) for ch in text]) + "$"
    # per-character word features (shared strings per word)
    wf: list[str] = []
    wp: list[str] = []
    ww: list[str] = []
    nb: list[str] = []
    nw_ = len(words)
    prev = "^"
    for k in range(nw_):
        w = words[k]
        m = len(w)
        if m == 0:
            continue
        tag = _word_tag(w, tags)
        nxt = words[k + 1] if k + 1 < nw_ else "$"
        ln = str(m) if m < 5 else "5"
        wn = w.translate(_NORM)
        if m == 1:
            wf.append("wS1")
            wp.append("pS" + tag)
            ww.append("W" + wn)
            nb.append("N" + prev + "|" + nxt.translate(_NORM))
        else:
            pos = _bmes(m)
            wf.extend(["w" + p + ln for p in pos])
            wp.extend(["p" + p + tag for p in pos])
            ww.extend(["W" + wn] * m)
            nbs = "N" + prev + "|" + nxt.translate(_NORM)
            nb.extend([nbs] * m)
        prev = tag
    if len(wf) != n:  # words do not cover text: fall back to single chars
        wf = ["wS1"] * n
        wp = ["pSunk"] * n
        ww = ["W" + ch for ch in norm]
        nb = ["N"] * n
    P = list(pad)
    cs = P[2:n + 2]
    lft = P[1:n + 1]
    rgt = P[3:n + 3]
    out = list(map(list, zip(
        ["c" + x for x in cs],
        ["l" + x for x in lft],
        ["r" + x for x in rgt],
        ["L" + x for x in P[0:n]],
        ["R" + x for x in P[4:n + 4]],
        ["b" + x + y for x, y in zip(lft, cs)],
        ["B" + x + y for x, y in zip(cs, rgt)],
        ["t" + types[i:i + 3] for i in range(n)],
        wf, wp, ww, nb,
    )))
    if "ctx" in features:
        for i in range(n):
            out[i].extend(("x" + pad[i:i + 2], "X" + pad[i + 3:i + 5], "m" + pad[i + 1:i + 4]))
    if "nbw" in features:
        pw = ["^"] * n
        nx = ["$"] * n
        pos = 0
        for k in range(nw_):
            m = len(words[k])
            p_ = "P" + (words[k - 1].translate(_NORM) if k else "^")
            q_ = "Q" + (words[k + 1].translate(_NORM) if k + 1 < nw_ else "$")
            for j in range(pos, min(pos + m, n)):
                pw[j] = p_
                nx[j] = q_
            pos += m
        for i in range(n):
            out[i].append(pw[i])
            out[i].append(nx[i])
    if "lex" in features:
        _lex_features(text, out)
    if "cedict" in features:
        _cedict_features(text, out)
    if "dict" in features:
        _dict_features(text, out)
    if "tlex" in features:
        if tlex is None:
            tlex = default_train_lexicon()
        if tlex is not None:
            tlex.features(text, out)
    if gaz is not None:
        for i in range(n):
            g = gaz[i]
            if g != "O":
                out[i].append("g" + g)
    if style:
        # the features that carry an annotation convention (which characters, words and lexicon
        # names are tagged) also conjoined with the style (Daume 2007); the rest stay shared, so
        # the styles differ in conventions, not in what the model knows
        pre = style + ":"
        for row in out:
            row.extend([pre + f for f in row if f[0] in _STYLED])
            row.append("S" + style)
    return out


def bio_to_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO or BIOES tag sequence -> [(start, end, label)] (an I- without B- starts a span)."""
    spans = []
    start = -1
    cur = None
    for i, t in enumerate(labels):
        if t[0] == "E" or t[0] == "S":
            t = ("I" if t[0] == "E" else "B") + t[1:]
        if t == "O" or t[0] == "B" or (t[0] == "I" and t[2:] != cur):
            if cur is not None:
                spans.append((start, i, cur))
                cur = None
            if t != "O":
                cur = t[2:]
                start = i
    if cur is not None:
        spans.append((start, len(labels), cur))
    return spans


def spans_to_bio(n: int, spans: Iterable[Sequence], scheme: str = "BIO") -> list[str]:
    y = ["O"] * n
    for s, e, lab in spans:
        if s >= e or e > n:
            continue
        y[s] = "B-" + lab
        for j in range(s + 1, e):
            y[j] = "I-" + lab
        if scheme == "BIOES":
            if e - s == 1:
                y[s] = "S-" + lab
            else:
                y[e - 1] = "E-" + lab
    return y


# ---------------------------------------------------------------------------
# resources: model, gazetteer, not-entities list
# ---------------------------------------------------------------------------

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


class Resources:
    """The CRF tagger, gazetteer and not-entities list, loaded once per process."""

    def __init__(self, model_path=MODEL_PATH, gazetteer_path=GAZETTEER_PATH, not_entities_path=NOT_ENTITIES_PATH,
                 styles_model_path=STYLES_MODEL_PATH, style_ngrams_path=STYLE_NGRAMS_PATH,
                 place_abbreviations_path=PLACE_ABBREVIATIONS_PATH):
        self.styles_model_path = styles_model_path
        self.style_ngrams_path = style_ngrams_path
        self._guesser = None  # loaded on first use of the auto style; False when not shipped
        self._style_tagger = None  # opened on first use of a conjoined style
        # the mixed model is opened on first use too: canonical names need only the tables below
        self.model_path = model_path if model_path is not None and Path(model_path).exists() else None
        self._tagger = None
        self.tlex = None
        if self.model_path is not None and "tlex" in FEATURES:
            self.tlex = TrainLexicon.load(lexicon_path_for(model_path))
        # gazetteer names the training data tags often: the model decides those in context
        self.known: frozenset[str] = frozenset()
        if self.model_path is not None and known_names_path_for(model_path).exists():
            with open(known_names_path_for(model_path), encoding="utf-8") as f:
                self.known = frozenset(x for x in (line.rstrip("\n") for line in f) if x and x[0] != "#")
        self.gaz: dict[str, tuple[str, str]] = {}
        self.gaz_lengths: dict[str, list[int]] = {}
        if gazetteer_path is not None and Path(gazetteer_path).exists():
            with open(gazetteer_path, encoding="utf-8") as f:
                next(f, None)
                for line in f:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 3 or not parts[0] or parts[1] not in LABELS:
                        continue
                    self.gaz[parts[0]] = (parts[1], parts[2])
        lengths: dict[str, set[int]] = {}
        for name in self.gaz:
            lengths.setdefault(name[0], set()).add(len(name))
        self.gaz_lengths = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        # one-character place abbreviation -> (full name, English name)
        self.place_abbreviations: dict[str, tuple[str, str]] = {}
        if place_abbreviations_path is not None and Path(place_abbreviations_path).exists():
            with open(place_abbreviations_path, encoding="utf-8") as f:
                for line in f:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) == 3 and len(parts[0]) == 1 and parts[0] != "#":
                        self.place_abbreviations[parts[0]] = (parts[1], parts[2])
        self.not_entities: set[str] = set()
        if not_entities_path is not None and Path(not_entities_path).exists():
            with open(not_entities_path, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line and not line.startswith("#"):
                        self.not_entities.add(line)

    # -- model --------------------------------------------------------------
    def predict(self, text: str, words: Sequence[str], style: str = DEFAULT_STYLE) -> list[tuple[int, int, str]]:
        if style == "auto":
            style = self.resolve_style(text)
        if style == "mixed":  # the model over all sources, without style features
            tagger, style = self.tagger, None
        else:
            tagger = self.style_tagger()
        if tagger is None or not text:
            return []
        return bio_to_spans(tagger.tag(crf_features(text, words, tlex=self.tlex, style=style)))

    @property
    def tagger(self):
        """The mixed CRF, opened once; None when it is not shipped."""
        if self._tagger is None and self.model_path is not None:
            self._tagger = CrfTagger(self.model_path)
        return self._tagger

    def open_for(self, style: str) -> None:
        """Open now what tagging in ``style`` needs (models, style guesser), not on the first text:
        "auto" may pick any of them, "mixed" falls back on nothing else."""
        if style in ("auto", "mixed"):
            self.tagger  # noqa: B018  (the property opens it)
        if style != "mixed":
            self.style_tagger()
        if style == "auto":
            self.resolve_style("")

    def resolve_style(self, text: str) -> str:
        """The style "auto" stands for on ``text``: what the style guesser picks, "mixed" without one."""
        if self._guesser is None:
            self._guesser = StyleGuesser.load(self.style_ngrams_path) or False
        return self._guesser.style(text) if self._guesser else "mixed"

    def style_tagger(self):
        """The style-conjoined CRF (news/web/social), opened once; None when it is not shipped."""
        if self._style_tagger is None and self.styles_model_path is not None and Path(self.styles_model_path).exists():
            self._style_tagger = CrfTagger(self.styles_model_path)
        return self._style_tagger

    # -- gazetteer ------------------------------------------------------------
    def gazetteer_matches(self, text: str, bounds: set[int] | None = None) -> list[tuple[int, int, str]]:
        """Longest, left-to-right, non-overlapping gazetteer matches.

        A Chinese match of two characters must start and end on word
        boundaries (``bounds``: jieba token offsets), so 小米粥 or 中兴起 do
        not produce names; Latin matches must not touch other letters/digits.
        """
        out = []
        n = len(text)
        i = 0
        gaz = self.gaz
        gl = self.gaz_lengths
        while i < n:
            lens = gl.get(text[i])
            if lens is not None:
                hit = 0
                for L in lens:
                    if i + L > n:
                        continue
                    s = text[i:i + L]
                    if s not in gaz:
                        continue
                    if s[0].isascii():
                        if (i > 0 and text[i - 1].isascii() and text[i - 1].isalnum()) or (
                                i + L < n and text[i + L].isascii() and text[i + L].isalnum()):
                            continue
                    elif L <= 2 and bounds is not None and (i not in bounds or i + L not in bounds):
                        continue
                    hit = L
                    out.append((i, i + L, gaz[s][0]))
                    break
                if hit:
                    i += hit
                    continue
            i += 1
        return out

    def english(self, name: str) -> str | None:
        hit = self.gaz.get(name) or self.place_abbreviations.get(name)
        if hit is not None:
            return hit[1]
        country = country_english(name)
        if country is not None:
            return country
        if name and all(ord(ch) < 0x2E80 for ch in name):
            return name
        return None

    # -- Latin-script names -------------------------------------------------
    def latin_entities(self, text: str) -> list[tuple[int, int, str]]:
        """PER/ORG for runs of capitalised Latin words inside (mostly Chinese) text."""
        out = []
        ne = self.not_entities
        gaz = self.gaz
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

    # -- merge ----------------------------------------------------------------
    def entities(self, text: str, words: Sequence[str], mojibake: Sequence[Sequence[int]] = (),
                 use_model=True, use_gazetteer=True, use_rules=True,
                 style: str = DEFAULT_STYLE) -> list[tuple[int, int, str]]:
        """All entities of one sentence: [(start, end, label)], sorted, non-overlapping."""
        bounds = {0}
        pos = 0
        for w in words:
            pos += len(w)
            bounds.add(pos)
        fixed: list[tuple[int, int, str]] = []
        # place names the model has learnt (``known``) are its call: they only come back
        # when the model marked them as part of a span that is then rejected as a fragment
        held: list[tuple[int, int, str]] = []
        if use_gazetteer:
            known = self.known if use_model else ()
            for g in self.gazetteer_matches(text, bounds):
                (held if g[2] == "LOC" and text[g[0]:g[1]] in known else fixed).append(g)
        if use_rules:
            for sp in self.latin_entities(text):
                if not any(sp[0] < f[1] and f[0] < sp[1] for f in fixed):
                    fixed.append(sp)
        final = list(fixed)
        if style == "auto" and use_model:
            style = self.resolve_style(text)
        if use_model:
            for m in self.predict(text, words, style):
                ms, me, _ = m
                over = [f for f in fixed if ms < f[1] and f[0] < me]
                if _predicate_edge(text[ms:me]) or self._place_and_kind(text[ms:me]):
                    # 香港宕机: a name and a verb; 中国科技公司: a place and a kind of company
                    final.extend(h for h in held if ms <= h[0] and h[1] <= me)
                elif not over:
                    final.append(m)
                elif self._keep_longer(text, m, over, bounds):
                    final = [f for f in final if f not in over]
                    final.append(m)
                else:
                    final.extend(h for h in held if ms <= h[0] and h[1] <= me)
        return self._filter(text, final, mojibake, surnames_alone=style == "news")

    def _place_and_kind(self, name: str) -> bool:
        """Whether ``name`` is a place followed by a generic kind of organisation (中国科技公司, 美国企业):
        a description, not a name (no training entity is one)."""
        return any(name[k:] in GENERIC_ORG_KINDS and (
            country_english(name[:k]) or self.gaz.get(name[:k], ("",))[0] == "LOC") for k in range(2, len(name) - 1))

    def _keep_longer(self, text, m, over, bounds) -> bool:
        """Whether model span ``m`` wins over the fixed (gazetteer/rule) names it overlaps.

        It must contain them all; then it is kept when it ends like a name
        (杭州市政府, 微软亚洲研究院, Valve公司), when it is one name plus a
        place name plus a word-aligned extension of two or more characters
        (北京保利, 美国军方; not 亚马逊股价),
        or a known place plus the name (韩国三星).  Dropped: 阿里云营,
        阿里云香港宕机, 推高亚马逊, and spans crossing a fixed name.
        """
        ms, me, _ = m
        if any(not (ms <= f[0] and f[1] <= me) or (ms, me) == (f[0], f[1]) for f in over):
            return False
        if all(text[f[0]:f[1]] in self.known for f in over):
            return True  # a name the model knows, inside a longer name it found (新浪乐居)
        if ms < over[0][0] and ms not in bounds:
            return False
        if text[me - 1] in SUFFIX_CHARS and text[me - 2:me] not in _COMMON_ENDINGS:
            return True
        if len(over) != 1:
            return False
        f0, f1, _ = over[0]
        if ms == f0:
            ext = text[f1:me]
            return (over[0][2] == "LOC" and len(ext) >= 2 and me in bounds
                    and not any(w in ext for w in self.not_entities if len(w) >= 2 and not w.isascii()))
        if me == f1:
            pre = text[ms:f0]
            return lexicon().get(pre) == "ns" or self.gaz.get(pre, ("",))[0] == "LOC"
        return False

    def _filter(self, text, spans, mojibake, surnames_alone=False):
        """Trimmed, non-overlapping names without fragments, common words or mojibake; a place ending in an
        organisation's head word relabelled ORG (ORG_HEAD_WORDS).  ``surnames_alone``:
        the news convention, where a surname addressed by a title is a person (吕先生 -> 吕)."""
        out = []
        ne = self.not_entities
        for s, e, lab in sorted({piece for span in spans for piece in _split_at_separators(text, *span)}):
            s, e = _trim(text, s, e)
            if lab == "ORG":
                e -= len(next((w for w in RELATION_ENDINGS if text[s:e].endswith(w)), ""))
            name = text[s:e]
            # one character is a fragment (云, 米), except a place abbreviation the model tagged (中美, 访华)
            # or, in the news convention, a surname the model tagged as a person by how it is
            # addressed (吕先生, 杜氏, 老王; the web sets leave those untagged)
            if e - s < 2 and not (lab == "LOC" and name in self.place_abbreviations) and not (
                    surnames_alone and lab == "PER" and _addressed_surname(text, s)):
                continue
            if name in ne or "\ufffd" in name:
                continue
            if lab == "PER" and country_english(name):
                lab = "LOC"  # 卡塔尔 is Qatar, never a person
            elif lab == "LOC" and name.endswith(ORG_HEAD_WORDS) and name not in ORG_HEAD_WORDS:
                lab = "ORG"  # a place and an organisation's head word: 福建电信 is China Telecom's Fujian branch
            if not _brackets_balanced(name):
                continue
            if not any(char_type(ch) in "HL" for ch in name):
                continue
            if any(s < me and ms < e for ms, me in mojibake):
                continue
            if out and s < out[-1][1]:
                continue
            out.append((s, e, lab))
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


_RESOURCES: Resources | None = None


def get_resources() -> Resources:
    global _RESOURCES
    if _RESOURCES is None:
        _RESOURCES = Resources()
    return _RESOURCES


# ---------------------------------------------------------------------------
# spaCy component
# ---------------------------------------------------------------------------

from spacy.language import Language  # noqa: E402 (spaCy loads only with the component)
from spacy.tokens import Doc, Span, Token  # noqa: E402 (spaCy loads only with the component)
from spacy.vocab import Vocab  # noqa: E402 (spaCy loads only with the component)


def _span_english(span):
    return get_resources().english(span.text)


if not Span.has_extension("english"):
    Span.set_extension("english", getter=_span_english)

_SENT_END = frozenset("。！？!?；;\n")


def _sentence_bounds(doc, texts):
    """Token index where each sentence starts: doc.sents when set, else split after 。！？ and newlines."""
    if doc.has_annotation("SENT_START"):
        starts = doc.to_array("SENT_START")
        out = [i for i in range(len(texts)) if starts[i] == 1]
        if not out or out[0] != 0:
            out.insert(0, 0)
        return out
    out = [0]
    last = len(texts) - 1
    for i, t in enumerate(texts):
        if t and t[-1] in _SENT_END and i < last:
            out.append(i + 1)
    return out


class ZhEntities:
    """Sets doc.ents from the character CRF, the gazetteer and the Latin-name rules."""

    def __init__(self, nlp=None, name="zhpipe_entities", use_model=True, use_gazetteer=True, use_rules=True,
                 style: str = DEFAULT_STYLE):
        if style not in STYLES:
            raise ValueError(f"unknown NER style {style!r}; choose from {', '.join(STYLES)}")
        self.name = name
        self.style = style
        self.use_model = use_model
        self.use_gazetteer = use_gazetteer
        self.use_rules = use_rules
        self.res = get_resources()
        if use_model:  # with the pipeline (before workers fork), not on the first document
            self.res.open_for(style)

    def __call__(self, doc: Doc) -> Doc:
        ntok = len(doc)
        if ntok == 0:
            return doc
        moj = doc.user_data.get("mojibake_spans") or ()
        toks = [(t.text, t.whitespace_) for t in doc]  # one pass over Token objects
        texts = [t for t, _ in toks]
        starts = _sentence_bounds(doc, texts)
        tok_idx = []
        pos = 0
        for t, ws in toks:
            tok_idx.append(pos)
            pos += len(t) + len(ws)
        style = self.style
        if style == "auto":  # one convention per document: a caller that cut it into pieces passes the first's
            style = doc.user_data.get("ner_style")
            if style not in STYLES or style == "auto":
                style = self.res.resolve_style(doc.text)
        doc.user_data["ner_style"] = style
        char_spans = []
        for k, ts in enumerate(starts):
            te = starts[k + 1] if k + 1 < len(starts) else ntok
            base = tok_idx[ts]
            words = []
            for t, ws in toks[ts:te]:
                words.append(t)
                if ws:
                    words.append(ws)
            text = "".join(words)
            local_moj = [(a - base, b - base) for a, b in moj if a < base + len(text) and b > base]
            for s, e, lab in self.res.entities(text, words, local_moj, self.use_model, self.use_gazetteer,
                                               self.use_rules, style):
                char_spans.append((base + s, base + e, lab))
        if not char_spans:
            doc.ents = []
            return doc
        _split_tokens(doc, char_spans, tok_idx, texts)
        ents = []
        for s, e, lab in char_spans:
            sp = doc.char_span(s, e, label=lab)
            if sp is not None:
                ents.append(sp)
        doc.ents = ents
        return doc

    def pipe(self, stream, batch_size=128):
        for doc in stream:
            yield self(doc)

    # serialisation: the model and resources ship with the package
    def to_disk(self, path, *, exclude=()):
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, *, exclude=()):
        self.res = get_resources()
        return self

    def to_bytes(self, *, exclude=()):
        return b""

    def from_bytes(self, data, *, exclude=()):
        self.res = get_resources()
        return self


def _split_tokens(doc: Doc, char_spans, tok_idx, texts):
    """Split tokens so every entity boundary is a token boundary (tag_/pos_/_.lang kept)."""
    import bisect

    todo = []
    for c in sorted({x for s, e, _ in char_spans for x in (s, e)}):
        i = bisect.bisect_right(tok_idx, c) - 1
        if i >= 0 and tok_idx[i] < c < tok_idx[i] + len(texts[i]):
            if todo and todo[-1][0] == i:
                todo[-1][1].append(c - tok_idx[i])
            else:
                todo.append((i, [c - tok_idx[i]]))
    if not todo:
        return
    # carry token._.lang only when it is a stored value (a getter recomputes it)
    has_lang = Token.has_extension("lang") and Token.get_extension("lang")[2] is None
    with doc.retokenize() as retok:
        for i, inner in todo:
            tok = doc[i]
            t = tok.text
            pieces = [t[a:b] for a, b in zip([0] + inner, inner + [len(t)])]
            n = len(pieces)
            attrs = {"TAG": [tok.tag_] * n, "POS": [tok.pos_] * n}
            if has_lang:
                attrs["_"] = [{"lang": tok._.lang} for _ in range(n)]
            retok.split(tok, pieces, heads=[(tok, 0)] * n, attrs=attrs)
    # the pieces continue their token's sentence (spaCy leaves them unset, which can
    # leave a doc without any sentence boundary: E030)
    shift = 0
    for i, inner in todo:
        for k in range(i + shift + 1, i + shift + 1 + len(inner)):
            doc[k].is_sent_start = False
        shift += len(inner)


@Language.factory(
    "zhpipe_entities_v1",
    default_config={"use_model": True, "use_gazetteer": True, "use_rules": True, "style": DEFAULT_STYLE},
)
def make_zhpipe_entities(nlp: Language, name: str, use_model: bool, use_gazetteer: bool, use_rules: bool,
                         style: str):
    return ZhEntities(nlp, name, use_model=use_model, use_gazetteer=use_gazetteer, use_rules=use_rules,
                      style=style)


# ---------------------------------------------------------------------------
# plain function (tests, quick use)
# ---------------------------------------------------------------------------

_VOCAB = None


def make_doc(text: str) -> Doc:
    """A Doc over ``text`` whose tokens are jieba words with jieba dictionary POS tags."""
    global _VOCAB
    import jieba

    if _VOCAB is None:
        _VOCAB = Vocab()
    words = [w for w in jieba.cut(text) if w]
    tags = word_tags()
    return Doc(_VOCAB, words=words, spaces=[False] * len(words),
               tags=[_word_tag(w, tags) for w in words])


_COMPONENT: ZhEntities | None = None


def find_entities(text: str) -> list[dict]:
    """[{"text", "label", "start", "end", "english"}] for ``text``."""
    global _COMPONENT
    if not text:
        return []
    if _COMPONENT is None:
        _COMPONENT = ZhEntities()
    doc = _COMPONENT(make_doc(text))
    return [{"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char,
             "english": e._.english} for e in doc.ents]
