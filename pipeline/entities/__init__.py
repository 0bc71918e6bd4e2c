"""Named entities (PER, ORG, LOC) in Chinese and English text: models, gazetteer, rules, spaCy components.

Chinese (``zhpipe_entities_v1``): a character CRF (python-crfsuite) over the characters and jieba
words of each sentence, merged with the reviewed gazetteer and the rules, onto ``doc.ents``.
English (``zhpipe_entities_en_v1``): the shipped spaCy NER model plus rules.

Modules, in the order a sentence goes through them:

* ``config`` — where the resources are, the labels, the annotation styles;
* ``features`` — CRF features of a sentence (shared by training and tagging), BIO tags <-> spans;
* ``gazetteer`` — the reviewed name tables and gazetteer matching;
* ``rules`` — tables and tests that cut, relabel or drop a name, Latin names inside Chinese;
* ``model`` — the CRF models and ``Resources``, which merges model, gazetteer and rules per sentence;
* ``component`` — the Chinese spaCy component and ``find_entities``;
* ``english`` — the English model, rules and component, ``find_english_entities``.
"""
from __future__ import annotations

from .component import ZhEntities, find_entities, make_doc, make_zhpipe_entities
from .config import (
    DEFAULT_STYLE,
    GAZETTEER_PATH,
    LABELS,
    MODEL_PATH,
    NEWS_MODEL_PATH,
    NOT_ENTITIES_PATH,
    PLACE_ABBREVIATIONS_PATH,
    RESOURCES,
    STYLES,
    STYLES_MODEL_PATH,
    SURE,
    VOTES,
    known_names_path_for,
    lexicon_path_for,
)
from .english import MODEL_PATH as EN_MODEL_PATH
from .english import EnEntities, EnglishNER, find_english_entities, get_english_ner, make_zhpipe_entities_en
from .features import (
    _TLEX_MAXLEN,
    _TLEX_MINLEN,
    FEATURES,
    TrainLexicon,
    bio_to_spans,
    build_tlex,
    char_type,
    crf_features,
    lexicon,
    spans_to_bio,
    word_tags,
)
from .model import CrfTagger, Resources, get_resources, majority_vote, write_compressed_model
from .rules import _addressed_surname, _brackets_balanced, _trim, surnames

__all__ = [
    "DEFAULT_STYLE", "EN_MODEL_PATH", "FEATURES", "GAZETTEER_PATH", "LABELS", "MODEL_PATH", "NEWS_MODEL_PATH",
    "NOT_ENTITIES_PATH",
    "PLACE_ABBREVIATIONS_PATH", "RESOURCES", "STYLES", "STYLES_MODEL_PATH", "SURE", "VOTES", "_TLEX_MAXLEN", "_TLEX_MINLEN",
    "CrfTagger", "EnEntities", "EnglishNER", "Resources", "TrainLexicon", "ZhEntities",
    "_addressed_surname", "_brackets_balanced", "_trim", "bio_to_spans", "build_tlex", "char_type", "crf_features",
    "find_english_entities", "find_entities", "get_english_ner", "get_resources", "known_names_path_for",
    "lexicon", "lexicon_path_for", "majority_vote", "make_doc", "make_zhpipe_entities", "make_zhpipe_entities_en", "spans_to_bio",
    "surnames", "word_tags", "write_compressed_model",
]
