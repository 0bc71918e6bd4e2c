"""``corpus.conllu``: the tokens of every sentence as CoNLL-U (https://universaldependencies.org/format.html).

Per sentence: ``# newdoc id`` (first sentence of a document), ``# doc_id``, ``# sent_id`` (``<doc id>:s<n>``,
whitespace in the id as ``_``, n from 1 in the document's ``sentences``) and ``# text``. Columns: ID, FORM
(the token), LEMMA (the form:
Chinese has no inflection), UPOS (mapped from the jieba tag), XPOS (the jieba tag), FEATS ``_``, HEAD ``_`` and
DEPREL ``_`` (there is no parser; CoNLL-U allows ``_`` for unannotated columns, and the ``conllu`` library
parses it: HEAD as None, DEPREL as ``"_"``), DEPS ``_``, MISC: ``NER=B-LABEL|I-LABEL|O`` (BIO from the
entities' character offsets),
``Translit=`` pinyin with tone marks for tokens with Han characters, ``Gloss=`` the first English sense in
CC-CEDICT for tokens with Han characters that it lists (UD style: words joined by ``_``, never ``|`` or ``=``;
see :mod:`pipeline.gloss`), ``SpaceAfter=No`` where the next character of the text is not whitespace.
MISC attributes are in that order (NER, Translit, Gloss, SpaceAfter).

Whitespace: comment lines cannot hold line breaks, so in ``# text`` (and in the ``doc_id`` comments) every
run of whitespace inside the sentence (spaces, tabs, line breaks) becomes one space, and ``SpaceAfter=No`` is
judged on the original text: the tokens joined with one space where ``SpaceAfter`` is not ``No`` rebuild
``# text`` exactly. Whitespace tokens are not written. Any whitespace inside a FORM (never produced by the
tokenizer) is replaced by ``_``.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..gloss import gloss
from ..summarise import to_pinyin
from .atomic import atomic_open

_WS = re.compile(r"\s+")


def _comment(value: object) -> str:
    return _WS.sub(" ", str(value)).strip()


def _bio(starts: list[int], ends: list[int], entities: Iterable[dict]) -> list[str]:
    """``B-X``/``I-X``/``O`` per token (given by its character offsets, in order) from entity character offsets
    (first entity wins on overlap)."""
    tags = ["O"] * len(starts)
    for ent in sorted(entities, key=lambda e: (e.get("start", 0), -(e.get("end", 0)))):
        s, e, label = ent.get("start"), ent.get("end"), ent.get("label") or "MISC"
        if not isinstance(s, int) or not isinstance(e, int) or e <= s:
            continue
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        covered = []
        while i < len(starts) and starts[i] < e:
            if ends[i] > s:
                covered.append(i)
            i += 1
        if not covered or any(tags[j] != "O" for j in covered):
            continue
        label = _WS.sub("_", str(label)).replace("|", "_").replace("=", "_")
        tags[covered[0]] = f"B-{label}"
        for j in covered[1:]:
            tags[j] = f"I-{label}"
    return tags


def _words(tokens: Iterable[dict]) -> Iterator[dict]:
    return (t for t in tokens if t.get("text", "").strip())


def _offsets(tokens: Iterable[dict]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for tok in _words(tokens):
        starts.append(tok["start"])
        ends.append(tok["end"])
    return starts, ends


def _field(value: object) -> str:
    text = _WS.sub("_", str(value)) if value not in (None, "") else "_"
    return text


def document_conllu(doc: dict) -> Iterator[str]:
    """The CoNLL-U blocks (each ending with a blank line) of one document."""
    text = doc.get("text") or ""
    doc_id = _comment(doc.get("id", ""))
    ordered = doc.get("tokens") or []
    starts, ends = _offsets(ordered)
    if any(a > b for a, b in zip(starts, starts[1:])):  # stored tokens are in order: never held sorted
        ordered = sorted(ordered, key=lambda t: t["start"])
        starts, ends = _offsets(ordered)
    ner = _bio(starts, ends, doc.get("entities") or [])
    tokens = _words(ordered)  # read again (a stored document's tokens are parsed as they are read)
    tok = next(tokens, None)
    t = 0  # the index of ``tok``
    first = True
    for n, sent in enumerate(doc.get("sentences") or [], start=1):
        s, e = sent["start"], sent["end"]
        while tok is not None and tok["start"] < s:
            tok, t = next(tokens, None), t + 1
        rows = []
        while tok is not None and tok["end"] <= e:
            misc = [f"NER={ner[t]}"]
            form = _WS.sub("_", tok["text"])
            translit = to_pinyin(tok["text"])
            if translit:
                misc.append("Translit=" + _WS.sub("_", translit).replace("|", "_"))
                english = gloss(tok["text"])
                if english:
                    misc.append("Gloss=" + english)
            nxt = text[tok["end"]:tok["end"] + 1]
            if not nxt.isspace():
                misc.append("SpaceAfter=No")
            rows.append("\t".join((str(len(rows) + 1), form, form, _field(tok.get("upos")), _field(tok.get("pos")),
                                   "_", "_", "_", "_", "|".join(misc))))
            tok, t = next(tokens, None), t + 1
        if not rows:
            continue
        head = []
        if first:
            head.append(f"# newdoc id = {doc_id}")
            first = False
        head += [f"# doc_id = {doc_id}", f"# sent_id = {_WS.sub('_', doc_id)}:s{n}", f"# text = {_comment(text[s:e])}"]
        yield "\n".join(head + rows) + "\n\n"


def write_conllu(documents: Iterable[dict], out_dir: Path) -> None:
    """``corpus.conllu``: every sentence of every document, streamed."""
    with atomic_open(Path(out_dir) / "corpus.conllu") as fh:
        for doc in documents:
            for block in document_conllu(doc):
                fh.write(block)
