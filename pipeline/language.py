"""The spaCy pipeline after cleaning: jieba tokenizer, then the entity and claim components."""
from __future__ import annotations

from functools import lru_cache

import spacy

from . import segment  # noqa: F401  (registers the tokenizer)

# components in pipeline order; each module registers its factory when imported
COMPONENTS: list[tuple[str, str]] = [
    ("pipeline.entities", "zhpipe_entities_v1"),
    ("pipeline.claims", "zhpipe_claims_v1"),
]


@lru_cache(maxsize=4)
def load(lang: str = "zh") -> spacy.Language:
    """The full zhpipe spaCy pipeline, built once per process."""
    nlp = segment.blank()
    for module, factory in COMPONENTS:
        __import__(module)
        nlp.add_pipe(factory)
    return nlp
