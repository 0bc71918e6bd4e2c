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
from spacy.tokens import Doc

from . import segment  # noqa: F401  (registers the tokenizer)
from .entities import DEFAULT_STYLE as DEFAULT_NER_STYLE
from .entities import STYLES as NER_STYLES  # noqa: F401  (the choices, for callers)

# components in pipeline order per language; each module registers its factory when imported
COMPONENTS: dict[str, list[tuple[str, str]]] = {
    "zh": [("pipeline.entities", "zhpipe_entities_v1"), ("pipeline.claims", "zhpipe_claims_v1")],
    "en": [("pipeline.entities", "zhpipe_entities_en_v1"), ("pipeline.claims", "zhpipe_claims_v1")],
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
