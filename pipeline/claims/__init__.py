"""Claims: numbers turned into checkable records (subject, metric, value, unit, period, source), as a spaCy component.

One module per decision: ``candidates`` (which numbers are claims), ``subject``, ``metric``, ``period``,
``source``, ``distribution`` (分别 lists), ``render`` (the English sentence), ``clauses`` (clause breaks);
``component`` runs them over a Doc.
"""
from __future__ import annotations

from spacy.language import Language

from .candidates import CLAIM_KINDS, is_claim
from .component import ClaimExtractor, ClaimRecord
from .metric import is_metric, metric_glossary
from .period import PERIOD, period_of, year_of
from .render import human, render_en
from .subject import english_name

__all__ = ["CLAIM_KINDS", "PERIOD", "ClaimExtractor", "ClaimRecord", "english_name", "human", "is_claim",
           "is_metric", "make_claims", "metric_glossary", "period_of", "render_en", "year_of"]


@Language.factory("zhpipe_claims_v1")
def make_claims(nlp: Language, name: str) -> ClaimExtractor:
    """spaCy factory: the claims component (after entities, which it uses as subjects when present)."""
    return ClaimExtractor()
