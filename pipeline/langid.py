"""Language of a document and of each run of text inside it: "zh", "en" or "other".

Choice: a script rule, no dependency.
---------------------------------------
zhpipe only has to tell Chinese, English and "neither" apart, and those three
are written in different scripts, so counting letters per script decides
almost every case; ``benchmarks/bench_langid.py`` measures it against
lingua-language-detector (the maintained offline library with its models in
the wheel) on short strings from the shared dev sets, mixed Chinese/English
strings and example sentences in 19 other languages:

* accuracy (10,123 strings; accuracy rule / lingua high / lingua low):
  Chinese sentences 0.998 / 0.998 / 0.998, their first 8 characters
  0.979 / 0.979 / 0.979, English tweets 0.998 / 0.839 / 0.704, their first 3
  tokens 0.990 / 0.566 / 0.357, Chinese with an English name 0.990 / 0.982 /
  0.982, English with a Chinese name 0.965 / 0.824 / 0.718, other languages
  and letterless strings 0.775 / 1.000 / 0.994; all 0.985 / 0.841 / 0.752.
  lingua calls much informal or short English some other Latin-script
  language; the rule's misses are Latin-script languages it has no function
  words for (Turkish, Vietnamese, Indonesian without their diacritics ...),
  and the English tweets it calls ``other`` are in fact German or French;
* speed (one process, shared machine): the rule about 1.2 million chars/s,
  lingua 3,500 chars/s (high accuracy) or 19,500 (low accuracy mode), plus
  10 s to load its models;
* size: lingua's wheel is 96 MB (about 4x the whole zhpipe model budget) and
  it is a compiled wheel per Python version; fasttext-langdetect downloads
  its model at run time, which zhpipe must not do.

So the rule: no dependency, better on what zhpipe meets (Chinese, English,
code-switched, short runs), two orders of magnitude faster.  Where telling
French from Turkish matters, lingua is the library to add.

Figures are in ``benchmarks/out/langid.json`` (``make bench``).

The rule
--------
Letters are counted per script: Han (CJK ideographs), kana, Hangul, Latin
(ASCII, Latin-1, Latin Extended, full-width Latin) and any other letters
(Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai ...); digits, spaces,
punctuation and symbols count for nothing.

* no letters at all → ``other``;
* kana that make up at least 10 % of the Han + kana letters → ``other``
  (Japanese; one stray ``の`` in a long Chinese text stays ``zh``);
* otherwise the largest of: Han letters (``zh``), Latin letters / 3 (``en``;
  an English word has about five letters, a Chinese word about two
  characters), Hangul + other-script letters (``other``; Latin weight for the
  alphabetic ones); a tie between ``zh`` and ``en`` goes to ``zh``, so
  ``我用iPhone`` is Chinese;
* a Latin-script text of five or more words is ``other`` when its function
  words are clearly not English (French, German, Spanish, Italian,
  Portuguese, Dutch, Swedish, Polish, Turkish, Indonesian: at least two and
  more than twice the English ones) or when at least 2 % of its letters are
  ones English never uses (ą, ł, ş, ğ, ı, ő, ơ, đ, ạ ... ; é, ü, ñ are
  left alone: English has them in names).

``language_runs`` splits a text into maximal runs of one script (Han → zh,
Latin → en, everything else → other); characters without a script (spaces,
digits, punctuation) join the run before them, or the first run when they
lead the text, so the runs cover the text without gaps.  In a text that is
Japanese as a whole its Han runs are ``other`` too, and so are the Latin runs
of a text that is, as a whole, Latin-script but not English.
"""
from __future__ import annotations

import re

ZH, EN, OTHER = "zh", "en", "other"


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(text.split())


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_LATIN = "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a"
_ALL = _HAN + _KANA + _HANGUL + _LATIN

_SCRIPT_RE = re.compile(
    f"(?P<han>[{_HAN}]+)|(?P<kana>[{_KANA}\u30fc]+)|(?P<hangul>[{_HANGUL}]+)"
    f"|(?P<latin>[{_LATIN}]+)|(?P<other>(?:(?![{_ALL}])[^\\W\\d_])+)"
)
_WORD_RE = re.compile(f"[{_LATIN}']+")

LATIN_WEIGHT = 1 / 3
KANA_SHARE = 0.10
MIN_WORDS_FOR_FUNCTION_CHECK = 5

_EN_WORDS = _words(
    "the and of to is in that it for on with was are you this be at have i my we not but by from "
    "they he she will has an or as a his her its their our your been were would can could said "
    "about just so what when there who all if me do don't i'm it's"
)
# function words of French, German, Spanish, Italian, Portuguese, Dutch,
# Swedish, Polish, Turkish and Indonesian; words that are also common English
# words (a, in, die, do, no, me, son, come, den, et ...) are left out.  A few
# that occur in English names (de, la, el, en) are in: the check needs two
# such words and more than twice as many as English function words
_OTHER_LATIN_WORDS = _words(
    "le la les des est une du pour dans qui pas sur avec cette sont aux nous vous ils elle ne cet "
    "der das und ist nicht ein eine mit für auf dem sich auch wir ich sie von zu wie bist los las "
    "que por para una del está pero como más muy el en de se il che di della per sono non gli "
    "questo os não com em são uma het een van niet zijn naar och att är för på av med som się na "
    "nie jest że bir ve bu da ile için yang dan di ini itu dari untuk dengan adalah"
)
# Latin letters that English words do not use (Latin-1 accents such as é, ü
# are left out: English text has them in names and loanwords)
_FOREIGN_LATIN_RE = re.compile("[\u0100-\u024f\u1e00-\u1eff]")
FOREIGN_LATIN_SHARE = 0.02


def script_counts(text: str) -> dict[str, int]:
    """Letters per script: han, kana, hangul, latin, other."""
    counts = {"han": 0, "kana": 0, "hangul": 0, "latin": 0, "other": 0}
    for m in _SCRIPT_RE.finditer(text):
        counts[m.lastgroup] += m.end() - m.start()
    return counts


def _is_japanese(c: dict[str, int]) -> bool:
    return c["kana"] > 0 and c["kana"] >= KANA_SHARE * (c["han"] + c["kana"])


_URL_RE = re.compile(r"\S+://\S+|www\.\S+|[@#]\w+")


def _latin_is_not_english(text: str) -> bool:
    words = _WORD_RE.findall(_URL_RE.sub(" ", text))
    if len(words) < MIN_WORDS_FOR_FUNCTION_CHECK:
        return False
    foreign = len(_FOREIGN_LATIN_RE.findall(text))
    if foreign >= 2 and foreign >= FOREIGN_LATIN_SHARE * sum(map(len, words)):
        return True
    en = other = 0
    for w in words:
        w = w.lower()
        if w in _EN_WORDS:
            en += 1
        elif w in _OTHER_LATIN_WORDS:
            other += 1
    return other >= 2 and other > 2 * en


def _decide(text: str, c: dict[str, int]) -> str:
    if not any(c.values()):
        return OTHER
    if _is_japanese(c):
        return OTHER
    zh = c["han"]
    en = c["latin"] * LATIN_WEIGHT
    other = c["hangul"] + c["other"] * LATIN_WEIGHT
    if other > zh and other > en:
        return OTHER
    if zh >= en:
        return ZH
    if _latin_is_not_english(text):
        return OTHER
    return EN


def detect_language(text: str) -> str:
    """``"zh"``, ``"en"`` or ``"other"`` for a document, a sentence or a short run."""
    return _decide(text, script_counts(text))


def language_runs(text: str) -> list[tuple[int, int, str]]:
    """Split ``text`` into ``(start, end, lang)`` runs by script, covering it without gaps.

    Adjacent runs always differ in ``lang``.  Empty text gives ``[]``; text
    without letters gives one ``other`` run.
    """
    if not text:
        return []
    counts = {"han": 0, "kana": 0, "hangul": 0, "latin": 0, "other": 0}
    pieces: list[list] = []  # [start, end, script]
    for m in _SCRIPT_RE.finditer(text):
        script = m.lastgroup
        counts[script] += m.end() - m.start()
        pieces.append([m.start(), m.end(), script])
    if not pieces:
        return [(0, len(text), OTHER)]
    japanese = _is_japanese(counts)
    # a Latin-script text in another language (French, German ...) as a whole
    latin_other = _decide(text, counts) == OTHER and counts["latin"] * LATIN_WEIGHT > counts["han"]

    def lang_of(script: str) -> str:
        if script == "han":
            return OTHER if japanese else ZH
        if script == "latin":
            return OTHER if latin_other else EN
        return OTHER

    runs: list[list] = []
    for start, _end, script in pieces:
        lang = lang_of(script)
        if runs and runs[-1][2] == lang:
            continue  # the neutral characters in between stay in this run
        if runs:
            runs[-1][1] = start  # neutral characters join the run before them
        runs.append([0 if not runs else start, start, lang])
    runs[-1][1] = len(text)
    return [(s, e, lang) for s, e, lang in runs]


__all__ = ["EN", "OTHER", "ZH", "detect_language", "language_runs", "script_counts"]
