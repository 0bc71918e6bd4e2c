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


def piece_starts(sent: Span, limit: int) -> list[int]:
    """Token offsets (in ``sent``) where pieces of at most ``limit`` characters begin, after the first: each
    cut in the second half of the room left, after a clause break (，；、,;) if there is one, else after
    whitespace, else between two tokens (words). A token longer than ``limit`` is a piece of its own."""
    idx = [tok.idx for tok in sent]
    ends = [tok.idx + len(tok.text) for tok in sent]
    space = [tok.is_space for tok in sent]
    clause = [k > 0 and sent[k - 1].text[-1:] in CLAUSE_BREAKS for k in range(len(sent))]
    after_space = [k > 0 and (space[k - 1] or bool(sent[k - 1].whitespace_)) for k in range(len(sent))]
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


@Language.component("zhpipe_bounded_sentences_v1")
def bounded_sentences(doc: Doc) -> Doc:
    """Sentences longer than ``MAX_SENTENCE_CHARS`` become pieces for the components after this one (their
    work per sentence stays bounded on text without sentence ends: a table, a list, a log line); the
    sentences as written are kept in ``doc.user_data["cut_sentences"]`` ([start, end] characters) for the
    stored record."""
    long = [sent for sent in doc.sents if sent.end_char - sent.start_char > MAX_SENTENCE_CHARS]
    if not long:
        return doc
    for sent in long:
        for k in piece_starts(sent, MAX_SENTENCE_CHARS):
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
