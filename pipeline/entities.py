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

import re
import unicodedata
from pathlib import Path
from typing import Iterable, Sequence

RESOURCES = Path(__file__).resolve().parent / "resources"
MODEL_PATH = RESOURCES / "ner_zh.crfsuite"
GAZETTEER_PATH = RESOURCES / "gazetteer.tsv"
NOT_ENTITIES_PATH = RESOURCES / "not_entities.txt"
LABELS = ("PER", "ORG", "LOC")

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


def crf_features(text: str, words: Sequence[str], gaz: Sequence[str] | None = None) -> list[list[str]]:
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
    out = []
    append = out.append
    for i in range(n):
        c = pad[i + 2]
        l1 = pad[i + 1]
        r1 = pad[i + 3]
        append([
            "c" + c,
            "l" + l1,
            "r" + r1,
            "L" + pad[i],
            "R" + pad[i + 4],
            "b" + l1 + c,
            "B" + c + r1,
            "t" + types[i:i + 3],
            wf[i],
            wp[i],
            ww[i],
            nb[i],
        ])
    if gaz is not None:
        for i in range(n):
            g = gaz[i]
            if g != "O":
                out[i].append("g" + g)
    return out


def bio_to_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tag sequence -> [(start, end, label)] (an I- without B- starts a span)."""
    spans = []
    start = -1
    cur = None
    for i, t in enumerate(labels):
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


def spans_to_bio(n: int, spans: Iterable[Sequence]) -> list[str]:
    y = ["O"] * n
    for s, e, lab in spans:
        if s >= e or e > n:
            continue
        y[s] = "B-" + lab
        for j in range(s + 1, e):
            y[j] = "I-" + lab
    return y


# ---------------------------------------------------------------------------
# resources: model, gazetteer, not-entities list
# ---------------------------------------------------------------------------

# characters that end organisation / place names (used to decide whether a
# model span that extends a gazetteer name is a longer real name: 杭州市 vs 阿里云营)
SUFFIX_CHARS = frozenset(
    "司团行学院局部委厅所署处队会社台报馆心金部党军店厂网厅校园"
    "省市县区镇乡村州国岛山河江湖海路街道湾洲港城"
)
# English words that end organisation names
ORG_SUFFIX_EN = frozenset(
    "Partners Inc Inc. Corp Corp. Corporation Group Capital Technologies Technology Bank Labs Lab "
    "Research Systems Ventures University Institute Foundation Holdings Company Co Co. Ltd Ltd. LLC "
    "Networks Software Cloud Services Motors Securities Investments Consulting Media Studios Games "
    "Airlines Association Agency Council Ministry Committee Fund Club AG SE SA PLC plc".split()
)
# Chinese context right after / before an unknown Latin name that marks it as an organisation
_ORG_CUE_AFTER = ("公司", "集团", "发布", "数据", "报告", "表示", "称", "的数据", "的报告", "的研究",
                  "研究", "分析", "调查", "预测", "统计", "指出", "预计", "认为")
_ORG_CUE_BEFORE = ("据", "根据", "来自", "机构", "公司", "研究机构", "咨询公司", "调研机构", "市场研究公司")

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'’.\-]*")


class Resources:
    """The CRF tagger, gazetteer and not-entities list, loaded once per process."""

    def __init__(self, model_path=MODEL_PATH, gazetteer_path=GAZETTEER_PATH, not_entities_path=NOT_ENTITIES_PATH):
        import pycrfsuite

        self.tagger = None
        if model_path is not None and Path(model_path).exists():
            self.tagger = pycrfsuite.Tagger()
            self.tagger.open(str(model_path))
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
        self.not_entities: set[str] = set()
        if not_entities_path is not None and Path(not_entities_path).exists():
            with open(not_entities_path, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line and not line.startswith("#"):
                        self.not_entities.add(line)

    # -- model --------------------------------------------------------------
    def predict(self, text: str, words: Sequence[str]) -> list[tuple[int, int, str]]:
        if self.tagger is None or not text:
            return []
        return bio_to_spans(self.tagger.tag(crf_features(text, words)))

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
        hit = self.gaz.get(name)
        if hit is not None:
            return hit[1]
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
                elif all(w[0].isupper() and any(c.islower() for c in w) for w in ws):
                    out.append((s, e, "PER"))
        return out

    # -- merge ----------------------------------------------------------------
    def entities(self, text: str, words: Sequence[str], mojibake: Sequence[Sequence[int]] = (),
                 use_model=True, use_gazetteer=True, use_rules=True) -> list[tuple[int, int, str]]:
        """All entities of one sentence: [(start, end, label)], sorted, non-overlapping."""
        bounds = {0}
        pos = 0
        for w in words:
            pos += len(w)
            bounds.add(pos)
        fixed: list[tuple[int, int, str]] = []
        if use_gazetteer:
            fixed.extend(self.gazetteer_matches(text, bounds))
        if use_rules:
            for sp in self.latin_entities(text):
                if not any(sp[0] < f[1] and f[0] < sp[1] for f in fixed):
                    fixed.append(sp)
        final = list(fixed)
        if use_model:
            for m in self.predict(text, words):
                ms, me, ml = m
                over = [f for f in fixed if ms < f[1] and f[0] < me]
                if not over:
                    final.append(m)
                    continue
                keep = True
                for f in over:
                    if ms <= f[0] and f[1] <= me and (ms, me) != (f[0], f[1]):
                        # model span contains a fixed name: keep the longer
                        # span only when it ends like a real name (杭州市政府, not 阿里云营)
                        if text[f[0]:f[1]][0].isascii():
                            keep = False
                        elif me > f[1] and not (text[me - 1] in SUFFIX_CHARS or (me - f[1] >= 2 and me in bounds)):
                            keep = False
                        elif ms < f[0] and ms not in bounds:
                            keep = False
                    else:
                        keep = False  # crosses or lies inside a fixed name / exact duplicate
                if keep:
                    final = [f for f in final if f not in over]
                    final.append(m)
        return self._filter(text, final, mojibake)

    def _filter(self, text, spans, mojibake):
        out = []
        ne = self.not_entities
        for s, e, lab in sorted(set(spans)):
            # trim whitespace and punctuation at the edges
            while s < e and char_type(text[s]) in "SP" and text[s] not in "·":
                s += 1
            while e > s and char_type(text[e - 1]) in "SP" and text[e - 1] not in "·":
                e -= 1
            if e - s < 2:
                continue
            name = text[s:e]
            if name in ne or "\ufffd" in name:
                continue
            if not any(char_type(ch) in "HL" for ch in name):
                continue
            if any(s < me and ms < e for ms, me in mojibake):
                continue
            if out and s < out[-1][1]:
                continue
            out.append((s, e, lab))
        return out


_RESOURCES: Resources | None = None


def get_resources() -> Resources:
    global _RESOURCES
    if _RESOURCES is None:
        _RESOURCES = Resources()
    return _RESOURCES


# ---------------------------------------------------------------------------
# spaCy component
# ---------------------------------------------------------------------------

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span, Token  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402


def _span_english(span):
    return get_resources().english(span.text)


if not Span.has_extension("english"):
    Span.set_extension("english", getter=_span_english)

_SENT_END = frozenset("。！？!?；;\n")


def _sentences(doc):
    """(start_token, end_token) per sentence: doc.sents when set, else split at 。！？ and newlines."""
    if doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]
    out = []
    start = 0
    for tok in doc:
        t = tok.text
        if t and (t[-1] in _SENT_END) and tok.i + 1 - start > 0:
            out.append((start, tok.i + 1))
            start = tok.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


class ZhEntities:
    """Sets doc.ents from the character CRF, the gazetteer and the Latin-name rules."""

    def __init__(self, nlp=None, name="zhpipe_entities", use_model=True, use_gazetteer=True, use_rules=True):
        self.name = name
        self.use_model = use_model
        self.use_gazetteer = use_gazetteer
        self.use_rules = use_rules
        self.res = get_resources()

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        moj = doc.user_data.get("mojibake_spans") or ()
        char_spans = []
        for ts, te in _sentences(doc):
            base = doc[ts].idx
            words = []
            for tok in doc[ts:te]:
                words.append(tok.text)
                if tok.whitespace_:
                    words.append(tok.whitespace_)
            text = "".join(words)
            local_moj = [(a - base, b - base) for a, b in moj if a < base + len(text) and b > base]
            for s, e, lab in self.res.entities(text, words, local_moj, self.use_model, self.use_gazetteer,
                                               self.use_rules):
                char_spans.append((base + s, base + e, lab))
        _split_tokens(doc, char_spans)
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
    def to_disk(self, path, *, exclude=tuple()):
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, *, exclude=tuple()):
        self.res = get_resources()
        return self

    def to_bytes(self, *, exclude=tuple()):
        return b""

    def from_bytes(self, data, *, exclude=tuple()):
        self.res = get_resources()
        return self


def _split_tokens(doc: Doc, char_spans):
    """Split tokens so every entity boundary is a token boundary (tag_/pos_/_.lang kept)."""
    cuts = set()
    for s, e, _ in char_spans:
        cuts.add(s)
        cuts.add(e)
    todo = []
    for tok in doc:
        a = tok.idx
        b = a + len(tok.text)
        inner = sorted(c - a for c in cuts if a < c < b)
        if inner:
            todo.append((tok, inner))
    if not todo:
        return
    has_lang = Token.has_extension("lang")
    with doc.retokenize() as retok:
        for tok, inner in todo:
            t = tok.text
            pieces = [t[i:j] for i, j in zip([0] + inner, inner + [len(t)])]
            n = len(pieces)
            attrs = {"TAG": [tok.tag_] * n, "POS": [tok.pos_] * n}
            if has_lang:
                attrs["_"] = {"lang": [tok._.lang] * n}
            heads = [(tok, 0)] * n
            retok.split(tok, pieces, heads=heads, attrs=attrs)


@Language.factory(
    "zhpipe_entities_v1",
    default_config={"use_model": True, "use_gazetteer": True, "use_rules": True},
)
def make_zhpipe_entities(nlp: Language, name: str, use_model: bool, use_gazetteer: bool, use_rules: bool):
    return ZhEntities(nlp, name, use_model=use_model, use_gazetteer=use_gazetteer, use_rules=use_rules)


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
