"""``corpus.spacy``: a spaCy DocBin rebuilt from the stored documents, loadable with ``DocBin().from_disk``.

Each Doc is rebuilt over the normalised text (``doc.text == text``, whitespace tokens included), with
``tag_`` = jieba tag, ``pos_`` = UPOS, sentence starts, ``doc.ents`` from the entities (character offsets,
``alignment_mode="expand"``; on overlap the longer entity wins), ``doc.spans["claims"]`` (one span per claim,
label = claim kind, ``id_`` = claim_id) and in ``doc.user_data``: ``id``, ``source``, ``lang``, ``claims``
(the claim objects, in span order) and ``entities`` (the entity objects, with their English names).
Load it with a Chinese vocab so lexical attributes (``is_space``, ``like_num``) work:
``DocBin().from_disk(path).get_docs(pipeline.segment.blank().vocab)`` (or ``spacy.blank("zh").vocab``).

A DocBin is a single in-memory object until it is written (token arrays plus user data, about 0.15 MB
per 1,000 characters while writing), so a large corpus is written in shards of at most
``DOCBIN_SHARD_CHARS`` characters of text: ``corpus-00000.spacy``, ``corpus-00001.spacy`` … instead of
``corpus.spacy``. ``spacy train`` and ``DocBin().from_disk`` take them as they are (a folder of
``.spacy`` files is a valid corpus path); the writer's memory stays bounded whatever the corpus size.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.parts_of_speech import IDS as UPOS_IDS
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..segment import blank
from .atomic import atomic_open
from .store import by_start

# only what the records carry (spaCy's default adds HEAD, DEP, LEMMA, MORPH, NORM, KB ids: 13 columns, not 6)
ATTRS = ("ORTH", "TAG", "POS", "ENT_IOB", "ENT_TYPE", "SENT_START")


def build_doc(vocab: Vocab, record: dict) -> Doc:
    """A spaCy Doc from one documents.jsonl object."""
    text = record.get("text") or ""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    starts: list[int] = []

    def gap(a: int, b: int) -> None:
        piece = text[a:b]
        if not piece:
            return
        if piece[0] == " " and words and not spaces[-1]:
            spaces[-1] = True
            piece, a = piece[1:], a + 1
        if piece:
            words.append(piece)
            spaces.append(False)
            tags.append("_SP" if piece.isspace() else "x")
            pos.append("SPACE" if piece.isspace() else "X")
            starts.append(a)

    at = 0
    for tok in by_start(record.get("tokens") or []):
        s, e = tok["start"], tok["end"]
        if s < at or e <= s:
            continue
        gap(at, s)
        words.append(text[s:e])
        spaces.append(False)
        tags.append(tok.get("pos") or "")
        upos = tok.get("upos") or "X"
        pos.append(upos if upos in UPOS_IDS else "X")
        starts.append(s)
        at = e
    gap(at, len(text))
    sentence_starts = {s["start"] for s in record.get("sentences") or []}
    sent_starts = [i == 0 or start in sentence_starts for i, start in enumerate(starts)]
    doc = Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, sent_starts=sent_starts)

    ents = []
    for ent in record.get("entities") or []:
        span = doc.char_span(ent["start"], ent["end"], label=str(ent.get("label") or "MISC"),
                             alignment_mode="expand")
        if span is not None:
            ents.append(span)
    doc.ents = filter_spans(ents)
    claim_spans, claims = [], []
    for claim in record.get("claims") or []:
        span = doc.char_span(claim["start"], claim["end"], label=str(claim.get("kind") or "claim"),
                             alignment_mode="expand")
        if span is None:
            continue
        span.id_ = str(claim.get("claim_id") or "")
        claim_spans.append(span)
        claims.append(claim)
    doc.spans["claims"] = claim_spans
    doc.user_data.update({"id": record.get("id"), "source": record.get("source"), "lang": record.get("lang"),
                          "claims": claims, "entities": list(record.get("entities") or [])})
    return doc


DOCBIN_SHARD_CHARS = 1_000_000
_SHARD = "corpus-{:05d}.spacy"


def _save(docbin: DocBin, path: Path) -> None:
    data = docbin.to_bytes()
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def write_docbin(documents: Iterable[dict], out_dir: Path, *, shard_chars: int = DOCBIN_SHARD_CHARS) -> None:
    """``corpus.spacy`` (one DocBin, user data stored), or ``corpus-NNNNN.spacy`` shards of at most
    ``shard_chars`` characters of text when the corpus is larger; outputs of an earlier run that this
    one does not rewrite are removed."""
    out_dir = Path(out_dir)
    vocab = blank().vocab
    written: list[Path] = []
    docbin, chars = DocBin(attrs=ATTRS, store_user_data=True), 0
    for record in documents:
        if chars >= shard_chars and len(docbin):
            written.append(out_dir / _SHARD.format(len(written)))
            _save(docbin, written[-1])
            docbin, chars = DocBin(attrs=ATTRS, store_user_data=True), 0
        docbin.add(build_doc(vocab, record))
        chars += len(record.get("text") or "")
    last = out_dir / (_SHARD.format(len(written)) if written else "corpus.spacy")
    _save(docbin, last)
    written.append(last)
    for stale in [out_dir / "corpus.spacy", *out_dir.glob("corpus-[0-9][0-9][0-9][0-9][0-9].spacy")]:
        if stale not in written:
            stale.unlink(missing_ok=True)
