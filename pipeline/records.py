"""Turning a finished spaCy Doc (with its normalisation) into the documents.jsonl object of the contract."""
from __future__ import annotations

from typing import Any

from spacy.attrs import IDX, IS_SPACE, ORTH, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from .canonical import canonicalise
from .document import Record
from .langid import detect_language
from .normalise import Normalised
from .segment import text_lang
from .summarise import summarise_document

TOKEN_ATTRS = (IDX, ORTH, TAG, POS, IS_SPACE)


def token_dicts(doc: Doc, norm: Normalised) -> list[dict[str, Any]]:
    """The non-space tokens, read from one array of their attributes rather than one Token at a time."""
    rows = [row for row in doc.to_array(TOKEN_ATTRS).tolist() if not row[4]] if len(doc) else []
    strings = doc.vocab.strings
    names: dict[int, str] = {}
    for row in rows:
        for key in (row[1], row[2]):
            if key not in names:
                names[key] = strings[key]
    words = [names[row[1]] for row in rows]
    starts = [row[0] for row in rows]
    ends = [start + len(word) for start, word in zip(starts, words)]
    out = []
    for (start, _orth, tag, pos, _space), word, end, (raw_start, raw_end) in zip(
            rows, words, ends, norm.spans_to_raw(starts, ends)):
        out.append({"text": word, "start": start, "end": end, "raw_start": raw_start, "raw_end": raw_end,
                    "pos": names[tag], "upos": POS_NAMES[pos], "lang": text_lang(word)})
    return out


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each sentence as written: the pieces of a sentence the pipeline processed
    in pieces (``doc.user_data["cut_sentences"]``, see ``pipeline.language.bounded_sentences``) joined again."""
    cut = sorted(doc.user_data.get("cut_sentences", ()))
    spans: list[tuple[int, int]] = []
    k = 0
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while k < len(cut) and cut[k][1] <= start:
            k += 1
        if spans and k < len(cut) and cut[k][0] < start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def sentence_dicts(doc: Doc) -> list[dict[str, Any]]:
    out = []
    whole = doc.text
    for start, end in sentence_spans(doc):
        text = whole[start:end]
        stripped = text.rstrip()
        if not stripped:
            continue
        lead = len(text) - len(text.lstrip())
        out.append({"start": start + lead, "end": start + len(stripped), "lang": detect_language(stripped)})
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
              "value_high", "unit", "unit_inferred", "qualifier", "subject", "subject_label", "subject_from", "metric",
              "metric_en", "scope", "period", "source", "en")


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
        **({"meta": meta} if (meta := {**record.meta, **norm.meta}) else {}),
    }
