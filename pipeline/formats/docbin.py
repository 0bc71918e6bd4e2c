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

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.parts_of_speech import IDS as UPOS_IDS
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans
from spacy.vocab import Vocab
from srsly.msgpack import Packer

from ..segment import blank
from .atomic import atomic_open

# only what the records carry (spaCy's default adds HEAD, DEP, LEMMA, MORPH, NORM, KB ids: 13 columns, not 6)
ATTRS = ("ORTH", "TAG", "POS", "ENT_IOB", "ENT_TYPE", "SENT_START")


class _Unordered(Exception):
    """The tokens are not in the order of their starts (stored tokens always are)."""


def _tokens_doc(vocab: Vocab, record: dict) -> Doc:
    """The Doc of a record's text and tokens (tags, UPOS, sentence starts), the gaps between tokens as tokens.
    The tokens are read once, as they are (a stored document's are parsed as they are read), unless they turn
    out not to be in order: then sorted."""
    tokens = record.get("tokens") or []
    try:
        columns = _token_columns(record.get("text") or "", tokens, check=True)
    except _Unordered:
        columns = _token_columns(record.get("text") or "", sorted(tokens, key=lambda t: t["start"]), check=False)
    words, spaces, tags, pos, starts = columns
    sentence_starts = {s["start"] for s in record.get("sentences") or []}
    sent_starts = [i == 0 or start in sentence_starts for i, start in enumerate(starts)]
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, sent_starts=sent_starts)


def _token_columns(text: str, tokens: Iterable[dict], check: bool) -> tuple[list, list, list, list, list]:
    """Words, spaces, tags, UPOS and starts of ``tokens`` and of the gaps between them; with ``check``,
    :class:`_Unordered` when a token starts before the one before it."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    starts: list[int] = []
    shared: dict[str, str] = {}  # one string object per distinct word and tag: a document may have a million

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

    at = previous = 0
    for tok in tokens:
        s, e = tok["start"], tok["end"]
        if check and s < previous:
            raise _Unordered
        previous = s
        if s < at or e <= s:
            continue
        gap(at, s)
        word, tag = text[s:e], tok.get("pos") or ""
        words.append(shared.setdefault(word, word))
        spaces.append(False)
        tags.append(shared.setdefault(tag, tag))
        upos = tok.get("upos") or "X"
        pos.append(upos if upos in UPOS_IDS else "X")
        starts.append(s)
        at = e
    gap(at, len(text))
    return words, spaces, tags, pos, starts


def _annotated_doc(vocab: Vocab, record: dict, keep: Callable[[dict], Any]) -> tuple[Doc, list, list]:
    """The Doc of a record with its entities and claim spans; ``keep`` of each entity and of each claim that
    has a span (what the user data holds)."""
    doc = _tokens_doc(vocab, record)
    ents, entities = [], []
    for ent in record.get("entities") or []:
        span = doc.char_span(ent["start"], ent["end"], label=str(ent.get("label") or "MISC"),
                             alignment_mode="expand")
        if span is not None:
            ents.append(span)
        entities.append(keep(ent))
    doc.ents = filter_spans(ents)
    claim_spans, claims = [], []
    for claim in record.get("claims") or []:
        span = doc.char_span(claim["start"], claim["end"], label=str(claim.get("kind") or "claim"),
                             alignment_mode="expand")
        if span is not None:
            span.id_ = str(claim.get("claim_id") or "")
            claim_spans.append(span)
            claims.append(keep(claim))
    doc.spans["claims"] = claim_spans
    return doc, claims, entities


def build_doc(vocab: Vocab, record: dict) -> Doc:
    """A spaCy Doc from one documents.jsonl object."""
    doc, claims, entities = _annotated_doc(vocab, record, lambda item: item)
    doc.user_data.update({"id": record.get("id"), "source": record.get("source"), "lang": record.get("lang"),
                          "claims": claims, "entities": entities})
    return doc


def add_record(docbin: DocBin, vocab: Vocab, record: dict) -> None:
    """``docbin.add(build_doc(vocab, record))``, its user data packed one claim and one entity at a time as
    they are read (msgpack packs a list as its length, then each element) so that they are never all held:
    DocBin keeps each Doc's user data as msgpack bytes (``DocBin.user_data``), what ``srsly.msgpack_dumps``
    of the user data of :func:`build_doc` gives."""
    packer = Packer(use_bin_type=True)  # what srsly.msgpack_dumps makes for each call (0.2 ms): made once
    doc, claims, entities = _annotated_doc(vocab, record, packer.pack)
    docbin.add(doc)
    out = [packer.pack_map_header(5)]
    for key in ("id", "source", "lang"):  # the order of build_doc's user data
        out += [packer.pack(key), packer.pack(record.get(key))]
    out += [packer.pack("claims"), packer.pack_array_header(len(claims)), *claims]
    out += [packer.pack("entities"), packer.pack_array_header(len(entities)), *entities]
    docbin.user_data[-1] = b"".join(out)


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
        add_record(docbin, vocab, record)
        chars += len(record.get("text") or "")
    last = out_dir / (_SHARD.format(len(written)) if written else "corpus.spacy")
    _save(docbin, last)
    written.append(last)
    for stale in [out_dir / "corpus.spacy", *out_dir.glob("corpus-[0-9][0-9][0-9][0-9][0-9].spacy")]:
        if stale not in written:
            stale.unlink(missing_ok=True)
