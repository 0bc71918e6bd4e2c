"""Segmentation: a jieba-based spaCy tokenizer with POS tags, UPOS, token language and sentence starts."""
from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import jieba
import jieba.posseg
import spacy
from spacy.tokens import Doc, Token
from spacy.util import registry
from spacy.vocab import Vocab

from .normalise.patterns import HAN

jieba.setLogLevel(logging.WARNING)

# One pass over the text splits it into runs: URLs, Han runs (for jieba), numbers, Latin words, spaces, the rest.
TOKEN_RUNS = re.compile(
    rf"(?P<url>https?://[^\s{HAN}，。；！？（）“”]{{1,2000}})"
    rf"|(?P<han>[{HAN}]+)"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\d+(?:\.\d+)*(?:%|‰|[A-Za-z]{1,3}(?![A-Za-z]))?)"
    r"|(?P<latin>[A-Za-z][A-Za-z0-9]*(?:[-_.'’&+][A-Za-z0-9]+)*\+{0,2}|\.[A-Za-z]{2,10}\b)"
    r"|(?P<space>[ \t]+|\n\s*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<other>.)",
    re.S,
)
SENTENCE_END = frozenset("。！？!?…")
CLOSING = frozenset("”’」』）)》\"'")

_POS_FOR_RUN = {"url": "url", "num": "m", "latin": "eng", "space": "sp", "word": "x", "other": "x"}
_LANG_BY_RUN = {"han": "zh", "latin": "en"}


def _load_upos() -> dict[str, str]:
    text = resources.files("pipeline.resources").joinpath("upos.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {tag: upos.strip() for tag, upos in rows}


UPOS = _load_upos()


def upos_for(tag: str, text: str) -> str:
    """UD UPOS for a jieba tag; punctuation and symbols are told apart by the character."""
    if tag == "x":
        if text[:1].isalnum():
            return "X"
        return "PUNCT" if unicodedata.category(text[0]).startswith("P") else "SYM"
    if tag == "eng":
        return "PROPN" if text[:1].isupper() else "X"
    return UPOS.get(tag, "X")


def token_lang(token: Token) -> str:
    """``zh`` for Han tokens, ``en`` for Latin-letter tokens, ``other`` for numbers, punctuation and other scripts."""
    return text_lang(token.text)


def text_lang(text: str) -> str:
    """The language of a token's text, as :func:`token_lang` gives it."""
    first = text[:1]
    if not first:
        return "other"
    if "\u3400" <= first <= "\u9fff" or "\uf900" <= first <= "\ufaff":
        return "zh"
    if first.isascii() and first.isalpha():
        return "en"
    return "other"


if not Token.has_extension("lang"):
    Token.set_extension("lang", getter=token_lang)


@lru_cache(maxsize=1)
def jieba_tokenizer() -> tuple[jieba.Tokenizer, dict[str, str]]:
    """jieba's tokenizer with zhpipe's user dictionary, and the POS tag table; loaded once per process."""
    dt = jieba.Tokenizer()
    dt.initialize()
    tags = _base_tags()
    text = resources.files("pipeline.resources").joinpath("userdict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if not parts or line.startswith("#"):
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2]
        dt.add_word(word, freq, tag)
        tags[word] = tag
    return dt, tags


def _base_tags() -> dict[str, str]:
    posseg = jieba.posseg.dt
    posseg.tokenizer.initialize()
    if not posseg.word_tag_tab:
        posseg.load_word_tag(posseg.tokenizer.get_dict_file())
    return dict(posseg.word_tag_tab)


def _guess_tag(word: str) -> str:
    """Tag for a word jieba's HMM found but its dictionary lacks (posseg would run a second, slow HMM)."""
    return "m" if word[-1] in "零一二三四五六七八九十百千万亿两" and word[0] in "零一二三四五六七八九十百千万亿两几数" else "n"


def split_words(text: str) -> list[tuple[str, str, str]]:
    """``(word, jieba_tag, run_kind)`` for every token of ``text``, in order, covering every character."""
    dt, tags = jieba_tokenizer()
    out: list[tuple[str, str, str]] = []
    append = out.append
    for m in TOKEN_RUNS.finditer(text):
        kind = m.lastgroup
        piece = m.group(0)
        if kind == "han":
            for word in dt.cut(piece, HMM=True):
                append((word, tags.get(word) or _guess_tag(word), "han"))
        else:
            append((piece, _POS_FOR_RUN[kind], kind))
    return out


class JiebaTokenizer:
    """spaCy tokenizer over jieba: Han runs by jieba, Latin words, numbers and URLs whole; sets tags and sentences."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces = split_words(text)
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        pos: list[str] = []
        starts: list[bool] = []
        new_sentence = True
        ended = False  # the sentence end mark was seen; closing quotes still belong to it
        i, n = 0, len(pieces)
        while i < n:
            word, tag, kind = pieces[i]
            if kind == "space" and word == " " and words and not spaces[-1]:
                spaces[-1] = True
                i += 1
                continue
            if ended and kind != "space" and word not in CLOSING and word not in SENTENCE_END:
                new_sentence, ended = True, False
            words.append(word)
            spaces.append(False)
            tags.append(tag)
            pos.append("SPACE" if kind == "space" else upos_for(tag, word))
            starts.append(new_sentence)
            new_sentence = False
            if kind == "space" and "\n" in word:
                new_sentence, ended = True, False
            elif word in SENTENCE_END or (word[-1:] in SENTENCE_END and kind == "other"):
                ended = True
            i += 1
        return Doc(self.vocab, words=words, spaces=spaces, tags=tags, pos=pos, sent_starts=starts)

    # the tokenizer has no state beyond the packaged dictionary, so serialisation stores nothing
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> JiebaTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> JiebaTokenizer:
        return self


@registry.tokenizers("zhpipe.JiebaTokenizer.v1")
def create_jieba_tokenizer():
    def make(nlp):
        return JiebaTokenizer(nlp.vocab)

    return make


def blank() -> spacy.Language:
    """A Chinese spaCy pipeline with only the jieba tokenizer."""
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhpipe.JiebaTokenizer.v1"}}})
