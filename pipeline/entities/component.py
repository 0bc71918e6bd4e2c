"""The spaCy component ``zhpipe_entities_v1``: Chinese entities of each sentence onto ``doc.ents``, splitting
tokens at entity boundaries; ``find_entities(text)`` for quick use."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .config import DEFAULT_STYLE, STYLES
from .features import _word_tag, word_tags
from .model import get_resources


def _span_english(span):
    return get_resources().english(span.text)


if not Span.has_extension("english"):
    Span.set_extension("english", getter=_span_english)

_SENT_END = frozenset("。！？!?；;\n")


def _sentence_bounds(doc, texts):
    """Token index where each sentence starts: doc.sents when set, else split after 。！？ and newlines."""
    if doc.has_annotation("SENT_START"):
        starts = doc.to_array("SENT_START")
        out = [i for i in range(len(texts)) if starts[i] == 1]
        if not out or out[0] != 0:
            out.insert(0, 0)
        return out
    out = [0]
    last = len(texts) - 1
    for i, t in enumerate(texts):
        if t and t[-1] in _SENT_END and i < last:
            out.append(i + 1)
    return out


class ZhEntities:
    """Sets doc.ents from the character CRF, the gazetteer and the Latin-name rules."""

    def __init__(self, nlp=None, name="zhpipe_entities", use_model=True, use_gazetteer=True, use_rules=True,
                 style: str = DEFAULT_STYLE):
        if style not in STYLES:
            raise ValueError(f"unknown NER style {style!r}; choose from {', '.join(STYLES)}")
        self.name = name
        self.style = style
        self.use_model = use_model
        self.use_gazetteer = use_gazetteer
        self.use_rules = use_rules
        self.res = get_resources()
        if use_model:  # with the pipeline (before workers fork), not on the first document
            self.res.open_for(style)

    def __call__(self, doc: Doc) -> Doc:
        ntok = len(doc)
        if ntok == 0:
            return doc
        moj = doc.user_data.get("mojibake_spans") or ()
        toks = [(t.text, t.whitespace_) for t in doc]  # one pass over Token objects
        texts = [t for t, _ in toks]
        starts = _sentence_bounds(doc, texts)
        tok_idx = []
        pos = 0
        for t, ws in toks:
            tok_idx.append(pos)
            pos += len(t) + len(ws)
        style = self.style
        if style == "auto":  # one convention per document: a caller that cut it into pieces passes the first's
            style = doc.user_data.get("ner_style")
            if style not in STYLES or style == "auto":
                style = self.res.resolve_style(doc.text)
        doc.user_data["ner_style"] = style
        char_spans = []
        for k, ts in enumerate(starts):
            te = starts[k + 1] if k + 1 < len(starts) else ntok
            base = tok_idx[ts]
            words = []
            for t, ws in toks[ts:te]:
                words.append(t)
                if ws:
                    words.append(ws)
            text = "".join(words)
            local_moj = [(a - base, b - base) for a, b in moj if a < base + len(text) and b > base]
            for s, e, lab in self.res.entities(text, words, local_moj, self.use_model, self.use_gazetteer,
                                               self.use_rules, style):
                char_spans.append((base + s, base + e, lab))
        if not char_spans:
            doc.ents = []
            return doc
        _split_tokens(doc, char_spans, tok_idx, texts)
        ents = []
        for s, e, lab in char_spans:
            sp = doc.char_span(s, e, label=lab)
            if sp is not None:
                ents.append(sp)
        doc.ents = ents
        return doc

    def pipe(self, stream, batch_size=128):
        for doc in stream:
            yield self(doc)

    # serialisation: the model and resources ship with the package
    def to_disk(self, path, *, exclude=()):
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, *, exclude=()):
        self.res = get_resources()
        return self

    def to_bytes(self, *, exclude=()):
        return b""

    def from_bytes(self, data, *, exclude=()):
        self.res = get_resources()
        return self


def _split_tokens(doc: Doc, char_spans, tok_idx, texts):
    """Split tokens so every entity boundary is a token boundary (tag_/pos_/_.lang kept)."""
    import bisect

    todo = []
    for c in sorted({x for s, e, _ in char_spans for x in (s, e)}):
        i = bisect.bisect_right(tok_idx, c) - 1
        if i >= 0 and tok_idx[i] < c < tok_idx[i] + len(texts[i]):
            if todo and todo[-1][0] == i:
                todo[-1][1].append(c - tok_idx[i])
            else:
                todo.append((i, [c - tok_idx[i]]))
    if not todo:
        return
    # carry token._.lang only when it is a stored value (a getter recomputes it)
    has_lang = Token.has_extension("lang") and Token.get_extension("lang")[2] is None
    with doc.retokenize() as retok:
        for i, inner in todo:
            tok = doc[i]
            t = tok.text
            pieces = [t[a:b] for a, b in zip([0] + inner, inner + [len(t)])]
            n = len(pieces)
            attrs = {"TAG": [tok.tag_] * n, "POS": [tok.pos_] * n}
            if has_lang:
                attrs["_"] = [{"lang": tok._.lang} for _ in range(n)]
            retok.split(tok, pieces, heads=[(tok, 0)] * n, attrs=attrs)
    # the pieces continue their token's sentence (spaCy leaves them unset, which can
    # leave a doc without any sentence boundary: E030)
    shift = 0
    for i, inner in todo:
        for k in range(i + shift + 1, i + shift + 1 + len(inner)):
            doc[k].is_sent_start = False
        shift += len(inner)


@Language.factory(
    "zhpipe_entities_v1",
    default_config={"use_model": True, "use_gazetteer": True, "use_rules": True, "style": DEFAULT_STYLE},
)
def make_zhpipe_entities(nlp: Language, name: str, use_model: bool, use_gazetteer: bool, use_rules: bool,
                         style: str):
    return ZhEntities(nlp, name, use_model=use_model, use_gazetteer=use_gazetteer, use_rules=use_rules,
                      style=style)


# ---------------------------------------------------------------------------
# plain function (tests, quick use)
# ---------------------------------------------------------------------------

_VOCAB = None


def make_doc(text: str) -> Doc:
    """A Doc over ``text`` whose tokens are jieba words with jieba dictionary POS tags."""
    global _VOCAB
    import jieba

    if _VOCAB is None:
        _VOCAB = Vocab()
    words = [w for w in jieba.cut(text) if w]
    tags = word_tags()
    return Doc(_VOCAB, words=words, spaces=[False] * len(words),
               tags=[_word_tag(w, tags) for w in words])


_COMPONENT: ZhEntities | None = None


def find_entities(text: str) -> list[dict]:
    """[{"text", "label", "start", "end", "english"}] for ``text``."""
    global _COMPONENT
    if not text:
        return []
    if _COMPONENT is None:
        _COMPONENT = ZhEntities()
    doc = _COMPONENT(make_doc(text))
    return [{"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char,
             "english": e._.english} for e in doc.ents]
