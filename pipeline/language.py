"""The spaCy pipelines after cleaning: one per language, sharing the claims component.

Chinese: jieba tokenizer (with tags and sentences), the Chinese entity component, claims.
English: spaCy's English tokenizer and sentencizer (no downloads), coarse UPOS rules, the
English entity component, claims. Both produce the same Doc shape, so everything after
them (records, writers, summaries) has one code path.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import segment  # noqa: F401  (registers the tokenizer)
from .entities import DEFAULT_STYLE as DEFAULT_NER_STYLE
from .entities import STYLES as NER_STYLES  # noqa: F401  (the choices, for callers)

# components in pipeline order per language; each module registers its factory when imported
COMPONENTS: dict[str, list[tuple[str, str]]] = {
    "zh": [("pipeline.language", "zhpipe_bounded_sentences_v1"), ("pipeline.entities", "zhpipe_entities_v1"),
           ("pipeline.claims", "zhpipe_claims_v1")],
    "en": [("pipeline.language", "zhpipe_bounded_sentences_v1"), ("pipeline.entities", "zhpipe_entities_en_v1"),
           ("pipeline.claims", "zhpipe_claims_v1")],
}
LANGUAGES = tuple(COMPONENTS)


@Language.component("zhpipe_en_upos_v1")
def english_upos(doc: Doc) -> Doc:
    """Coarse UPOS for English tokens without a tagger model: SPACE, PUNCT, NUM, PROPN, else X."""
    for tok in doc:
        if tok.is_space:
            tok.pos_ = "SPACE"
        elif tok.is_punct:
            tok.pos_ = "PUNCT"
        elif tok.like_num:
            tok.pos_ = "NUM"
        elif tok.text[:1].isupper() and not tok.is_sent_start:
            tok.pos_ = "PROPN"
        else:
            tok.pos_ = "X"
    return doc


@Language.component("zhpipe_line_breaks_v1")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence (titles and paragraphs without final punctuation)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    for tok in doc[1:]:
        if tok.is_space and tok.is_sent_start:  # whitespace stays with the sentence before it
            tok.is_sent_start = False
    return doc


MAX_SENTENCE_CHARS = 2000  # longer sentences go through the per-sentence stages in pieces
CLAUSE_BREAKS = frozenset("，；、,;")


def _token_rows(doc: Doc) -> list[list[int]]:
    """``[idx, length, is_space, trailing_space]`` of every token, from one array (not a Token object per look)."""
    return doc.to_array([IDX, LENGTH, IS_SPACE, SPACY]).tolist() if len(doc) else []


def piece_starts(sent: Span, limit: int, doc_rows: list | None = None, doc_text: str | None = None) -> list[int]:
    """Token offsets (in ``sent``) where pieces of at most ``limit`` characters begin, after the first: each
    cut in the second half of the room left, after a clause break (，；、,;) if there is one, else after
    whitespace, else between two tokens (words). A token longer than ``limit`` is a piece of its own.
    ``doc_rows`` (``_token_rows``) and ``doc_text`` are the Doc's, read once by a caller with many sentences."""
    rows = (_token_rows(sent.doc) if doc_rows is None else doc_rows)[sent.start:sent.end]
    text = sent.doc.text if doc_text is None else doc_text
    idx = [row[0] for row in rows]
    ends = [row[0] + row[1] for row in rows]
    space = [bool(row[2]) for row in rows]
    clause = [k > 0 and ends[k - 1] > idx[k - 1] and text[ends[k - 1] - 1] in CLAUSE_BREAKS for k in range(len(rows))]
    ends = [e + row[3] for e, row in zip(ends, rows)]  # a piece carries its last token's trailing space
    after_space = [k > 0 and bool(rows[k - 1][2] or rows[k - 1][3]) for k in range(len(rows))]
    last = max((k for k in range(len(idx)) if not space[k]), default=0)  # trailing whitespace stays with the end
    out: list[int] = []
    start = far = 0
    while start < last and ends[last] - idx[start] > limit:
        far = max(far, start + 1)
        while far < last and ends[far] - idx[start] <= limit:  # the piece [start, far] still fits
            far += 1
        # far: the first token that does not fit; boundaries before it, from the last, down to half the room
        candidates = [k for k in range(far, start, -1) if not space[k] and idx[k] - idx[start] >= limit // 2]
        cut = next((k for k in candidates if clause[k]), None) or next((k for k in candidates if after_space[k]), None)
        if cut is None:
            cut = candidates[0] if candidates else far
        while space[cut] and cut < last:  # a piece never starts with whitespace
            cut += 1
        out.append(cut)
        start = cut
    return out


CONTEXT_CHARS = 200  # the context shown for a claim in a sentence that was cut: at most this much around it


def _is_break(text: str, i: int) -> bool:
    """A clause break at ``text[i]``; an English comma inside a number (1,000) is none."""
    return text[i] in CLAUSE_BREAKS and not (text[i] == "," and text[i + 1:i + 2].isdigit())


def clause_around(text: str, start: int, end: int, lo: int, hi: int, width: int = CONTEXT_CHARS) -> str:
    """The clause(s) of ``text[lo:hi]`` around ``text[start:end]``, at most ``width`` characters and more: from
    after the last clause break before ``start`` to the first clause break after ``end`` (inclusive)."""
    a, b = max(lo, start - width // 2), min(hi, end + width // 2)
    a = next((i + 1 for i in range(start - 1, a - 1, -1) if _is_break(text, i)), a)
    b = next((i + 1 for i in range(end, b) if _is_break(text, i)), b)
    return text[a:b].strip()


@Language.component("zhpipe_bounded_sentences_v1")
def bounded_sentences(doc: Doc) -> Doc:
    """Sentences longer than ``MAX_SENTENCE_CHARS`` become pieces for the components after this one (their
    work per sentence stays bounded on text without sentence ends: a table, a list, a log line); the
    sentences as written are kept in ``doc.user_data["cut_sentences"]`` ([start, end] characters) for the
    stored record."""
    long = [sent for sent in doc.sents if sent.end_char - sent.start_char > MAX_SENTENCE_CHARS]
    if not long:
        return doc
    rows, text = _token_rows(doc), doc.text
    for sent in long:
        for k in piece_starts(sent, MAX_SENTENCE_CHARS, rows, text):
            doc[sent.start + k].is_sent_start = True
    doc.user_data.setdefault("cut_sentences", []).extend([sent.start_char, sent.end_char] for sent in long)
    return doc


def blank(lang: str) -> spacy.Language:
    """The tokenizer-only pipeline for ``lang`` (plus the English sentence and UPOS rules)."""
    if lang == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("zhpipe_line_breaks_v1")
        nlp.add_pipe("zhpipe_en_upos_v1")
        return nlp
    return segment.blank()


# component settings chosen per run (see ``load``)
CONFIGS: dict[str, Callable[[str], dict]] = {
    "zhpipe_entities_v1": lambda ner_style: {"style": ner_style},
}


@lru_cache(maxsize=8)
def load(lang: str = "zh", ner_style: str = DEFAULT_NER_STYLE) -> spacy.Language:
    """The full zhpipe spaCy pipeline for ``lang`` ("zh" or "en"), built once per process and setting.

    ``ner_style`` is the Chinese entity annotation style (``pipeline.entities.STYLES``)."""
    if lang not in COMPONENTS:
        raise ValueError(f"no pipeline for language {lang!r}; choose from {', '.join(LANGUAGES)}")
    nlp = blank(lang)
    for module, factory in COMPONENTS[lang]:
        __import__(module)
        config = CONFIGS[factory](ner_style) if factory in CONFIGS else {}
        nlp.add_pipe(factory, config=config)
    return nlp


def pipeline_language(lang: str) -> str:
    """Which pipeline handles a document in ``lang``: English for English, Chinese otherwise
    (the Chinese pipeline keeps Latin runs whole and handles other scripts character by character)."""
    return "en" if lang == "en" else "zh"
