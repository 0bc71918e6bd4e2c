"""CRF features of a Chinese sentence (characters, jieba words, name lexicons, styles) and BIO tags <-> spans.

The model is a linear-chain CRF (python-crfsuite) over the characters of each
sentence, with features from the characters around it and from the jieba word
that contains it (position in word, word length, dictionary POS of the word,
the word and its neighbours).  ``crf_features`` is shared by training
(``pipeline.training.ner_zh``) and prediction, so both see exactly the same
features.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from .config import GAZETTEER_PATH, MODEL_PATH, lexicon_path_for
from .gazetteer import first_char_lengths

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


def _match_features(text: str, out: list[list[str]], names: dict[str, str], maxlen: int, prefix: str,
                    starts: dict[str, list[int]] | None = None) -> None:
    """Every substring of 2..``maxlen`` characters found in ``names`` (name -> tag), as match features.
    ``starts`` (``first_char_lengths(names, 2)``), when given, lists the lengths to try after each two
    characters: most places start no name, one lookup instead of one per length."""
    n = len(text)
    for i in range(n - 1):
        if starts is None:
            lengths = range(2, min(maxlen, n - i) + 1)
        else:
            lengths = reversed(starts.get(text[i:i + 2], ()))  # shortest first, as the features are made
        for L in lengths:
            if i + L > n:
                break
            t = names.get(text[i:i + L])
            if t is not None:
                _mark_match(out, i, L, prefix, t)


_LEX_STARTS: dict[str, list[int]] | None = None


def _lex_features(norm_text: str, out: list[list[str]]) -> None:
    global _LEX_STARTS
    if _LEX_STARTS is None:
        _LEX_STARTS = first_char_lengths(lexicon(), 2)
    _match_features(norm_text, out, lexicon(), _LEX_MAXLEN, "d", _LEX_STARTS)


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
    columns = [
        ["c" + x for x in cs],
        ["l" + x for x in lft],
        ["r" + x for x in rgt],
        ["L" + x for x in P[0:n]],
        ["R" + x for x in P[4:n + 4]],
        ["b" + x + y for x, y in zip(lft, cs)],
        ["B" + x + y for x, y in zip(cs, rgt)],
        ["t" + x + y + z for x, y, z in zip(types, types[1:], types[2:])],
        wf, wp, ww, nb,
    ]
    if "ctx" in features:
        columns.append(["x" + x + y for x, y in zip(P[0:n], lft)])
        columns.append(["X" + x + y for x, y in zip(rgt, P[4:n + 4])])
        columns.append(["m" + x + y + z for x, y, z in zip(lft, cs, rgt)])
    if "nbw" in features:
        pw = ["^"] * n
        nx = ["$"] * n
        pos = 0
        for k in range(nw_):
            m = len(words[k])
            p_ = "P" + (words[k - 1].translate(_NORM) if k else "^")
            q_ = "Q" + (words[k + 1].translate(_NORM) if k + 1 < nw_ else "$")
            end = min(pos + m, n)
            if end > pos:
                pw[pos:end] = [p_] * (end - pos)
                nx[pos:end] = [q_] * (end - pos)
            pos += m
        columns.append(pw)
        columns.append(nx)
    # one row per character, the columns in the order training saw them (a model's attribute ids follow it)
    out = list(map(list, zip(*columns)))
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
        conjoin_style(out, style)
    return out


def conjoin_style(rows: list[list[str]], style: str) -> list[list[str]]:
    """``rows`` (features per character, extended in place) as the style model reads them in ``style``.

    The features that carry an annotation convention (which characters, words and lexicon names are
    tagged) are also conjoined with the style (Daume 2007); the rest stay shared, so the styles differ
    in conventions, not in what the model knows."""
    pre = style + ":"
    for row in rows:
        row.extend([pre + f for f in row if f[0] in _STYLED])
        row.append("S" + style)
    return rows


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
