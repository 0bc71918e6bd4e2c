"""Turning a finished spaCy Doc (with its normalisation) into the documents.jsonl object of the contract."""
from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, ORTH, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from .canonical import canonicalise
from .document import Record
from .langid import detect_language
from .language import clause_around
from .normalise import Normalised
from .segment import text_lang
from .summarise import summarise_document

TOKEN_ATTRS = (IDX, ORTH, TAG, POS, IS_SPACE)


class Tokens(Sequence):
    """The non-space tokens of a document as columns; reading one makes its documents.jsonl dict (text, start,
    end, raw_start, raw_end, pos, upos, lang). A million tokens take about 70 bytes each this way, against
    about 420 as dicts: the run keeps them so while it encodes the document (see ``document_record``)."""

    def __init__(self, words: list[str], offsets: list[array], tags: list[str], upos: list[str], langs: list[str]):
        self.words, self.tags, self.upos, self.langs = words, tags, upos, langs
        self.starts, self.ends, self.raw_starts, self.raw_ends = offsets

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self._dicts(index))
        return {"text": self.words[index], "start": self.starts[index], "end": self.ends[index],
                "raw_start": self.raw_starts[index], "raw_end": self.raw_ends[index], "pos": self.tags[index],
                "upos": self.upos[index], "lang": self.langs[index]}

    def __iter__(self):
        return self._dicts(slice(None))

    def _dicts(self, part: slice):
        """The dicts of the tokens in ``part``, zipped from the columns (not a lookup per field)."""
        for text, start, end, raw_start, raw_end, tag, upos, lang in zip(
                self.words[part], self.starts[part], self.ends[part], self.raw_starts[part], self.raw_ends[part],
                self.tags[part], self.upos[part], self.langs[part]):
            yield {"text": text, "start": start, "end": end, "raw_start": raw_start, "raw_end": raw_end,
                   "pos": tag, "upos": upos, "lang": lang}


def token_table(doc: Doc, norm: Normalised) -> Tokens:
    """The non-space tokens, read from one array of their attributes rather than one Token at a time."""
    table = doc.to_array(TOKEN_ATTRS) if len(doc) else numpy.zeros((0, len(TOKEN_ATTRS)), dtype="uint64")
    table = table[table[:, 4] == 0]
    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def name(key: int) -> str:
        if key not in names:
            names[key] = strings[key]
        return names[key]

    words = [name(key) for key in table[:, 1].tolist()]
    starts = array("q", table[:, 0].tolist())
    ends = array("q", (start + len(word) for start, word in zip(starts, words)))
    raw_starts, raw_ends = array("q"), array("q")
    for raw_start, raw_end in norm.spans_to_raw(starts, ends):
        raw_starts.append(raw_start)
        raw_ends.append(raw_end)
    tags = [name(key) for key in table[:, 2].tolist()]
    upos = [POS_NAMES[pos] for pos in table[:, 3].tolist()]
    return Tokens(words, [starts, ends, raw_starts, raw_ends], tags, upos, [text_lang(word) for word in words])


def token_dicts(doc: Doc, norm: Normalised) -> list[dict[str, Any]]:
    """The non-space tokens as documents.jsonl dicts."""
    return list(token_table(doc, norm))


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
    """Claims of the contract: ids and raw offsets added to what the claims component found. A claim in a
    sentence that was processed in pieces (text without sentence ends) gets its clause as its sentence:
    each claim repeating a piece of up to 2,000 characters would make the output grow with claims × piece."""
    out = []
    cut = sorted(doc.user_data.get("cut_sentences", ()))
    cut_starts = [start for start, _ in cut]
    for i, claim in enumerate(doc.user_data.get("claims", []), start=1):
        raw_start, raw_end = norm.to_raw(claim["start"], claim["end"])
        canonical = canonicalise(claim["subject"], claim.get("subject_label")).id if claim.get("subject") else None
        full = {**claim, "doc_id": doc_id, "claim_id": f"{doc_id}:c{i}", "raw_start": raw_start, "raw_end": raw_end,
                "canonical": canonical}
        k = bisect.bisect_right(cut_starts, claim["start"]) - 1
        if k >= 0 and claim["start"] < cut[k][1]:
            full["sentence"] = clause_around(norm.text, claim["start"], claim["end"], *cut[k])
        out.append({key: full.get(key) for key in CLAIM_KEYS} | {k: v for k, v in full.items() if k not in CLAIM_KEYS})
    return out


def document_record(record: Record, norm: Normalised, doc: Doc, *, compact: bool = False) -> dict[str, Any]:
    """The documents.jsonl object, keys in contract order; ``compact``: its tokens as :class:`Tokens` (for a
    run, which only encodes them) rather than a list of dicts."""
    quality = {"encoding": record.encoding, **norm.quality}
    text = norm.text
    sentences = sentence_dicts(doc)
    tokens = token_table(doc, norm)
    if not compact:
        tokens = list(tokens)
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
