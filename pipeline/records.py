"""Turning a finished spaCy Doc (with its normalisation) into the documents.jsonl object of the contract."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .canonical import canonicalise
from .document import Record
from .langid import detect_language
from .normalise import Normalised
from .summarise import summarise_document


def token_dicts(doc: Doc, norm: Normalised) -> list[dict[str, Any]]:
    out = []
    to_raw = norm.to_raw
    for tok in doc:
        if tok.is_space:
            continue
        start = tok.idx
        end = start + len(tok.text)
        raw_start, raw_end = to_raw(start, end)
        out.append({"text": tok.text, "start": start, "end": end, "raw_start": raw_start, "raw_end": raw_end,
                    "pos": tok.tag_, "upos": tok.pos_, "lang": tok._.lang})
    return out


def sentence_dicts(doc: Doc) -> list[dict[str, Any]]:
    out = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.rstrip()
        if not stripped:
            continue
        lead = len(text) - len(text.lstrip())
        out.append({"start": sent.start_char + lead, "end": sent.start_char + len(stripped),
                    "lang": detect_language(stripped)})
    return out


def entity_dicts(doc: Doc, norm: Normalised) -> list[dict[str, Any]]:
    out = []
    for ent in doc.ents:
        raw_start, raw_end = norm.to_raw(ent.start_char, ent.end_char)
        canonical = canonicalise(ent.text, ent.label_)
        out.append({"text": ent.text, "label": ent.label_, "start": ent.start_char, "end": ent.end_char,
                    "raw_start": raw_start, "raw_end": raw_end, "english": canonical.english,
                    "canonical": canonical.id})
    return out


# the contract's keys first, in order; then what later issues added
CLAIM_KEYS = ("doc_id", "claim_id", "text", "start", "end", "raw_start", "raw_end", "sentence", "kind", "value",
              "value_high", "unit", "unit_inferred", "qualifier", "subject", "subject_label", "metric", "metric_en",
              "period", "source", "en")


def claim_dicts(doc: Doc, norm: Normalised, doc_id: str) -> list[dict[str, Any]]:
    """Claims of the contract: ids and raw offsets added to what the claims component found."""
    out = []
    for i, claim in enumerate(doc.user_data.get("claims", []), start=1):
        raw_start, raw_end = norm.to_raw(claim["start"], claim["end"])
        canonical = canonicalise(claim["subject"], claim.get("subject_label")).id if claim.get("subject") else None
        full = {**claim, "doc_id": doc_id, "claim_id": f"{doc_id}:c{i}", "raw_start": raw_start, "raw_end": raw_end,
                "canonical": canonical}
        out.append({key: full.get(key) for key in CLAIM_KEYS} | {k: v for k, v in full.items() if k not in CLAIM_KEYS})
    return out


def document_record(record: Record, norm: Normalised, doc: Doc) -> dict[str, Any]:
    """The documents.jsonl object, keys in contract order."""
    quality = {"encoding": record.encoding, **norm.quality}
    text = norm.text
    sentences = sentence_dicts(doc)
    tokens = token_dicts(doc, norm)
    entities = entity_dicts(doc, norm)
    claims = claim_dicts(doc, norm, record.id)
    return {
        "id": record.id,
        "source": record.source,
        "lang": doc.user_data.get("lang", "zh"),
        "script": norm.script,
        "text": text,
        "raw_text": record.raw_text,
        "quality": quality,
        "sentences": sentences,
        "tokens": tokens,
        "entities": entities,
        "claims": claims,
        "summary": summarise_document(text, sentences, entities, claims, tokens=tokens),
        **({"meta": record.meta} if record.meta else {}),
    }
