"""Hand-built Docs for the claims tests: jieba (Chinese) or spaCy's English tokenizer, entities set by hand."""
from __future__ import annotations

from pipeline.claims import ClaimExtractor
from pipeline.language import blank


def claims_of(text: str, ents=(), *, lang: str = "zh", mojibake=()) -> list[dict]:
    """The claims of ``text`` with the entities ``ents`` ((name, label), first free occurrence each)."""
    doc = blank("en" if lang == "en" else "zh")(text)
    spans, taken = [], set()
    for name, label in ents:
        start = text.index(name)
        while start in taken:
            start = text.index(name, start + 1)
        taken.add(start)
        spans.append(doc.char_span(start, start + len(name), label=label, alignment_mode="expand"))
    doc.ents = spans
    doc.user_data["lang"] = lang
    doc.user_data["mojibake_spans"] = [list(s) for s in mojibake]
    return ClaimExtractor()(doc).user_data["claims"]


def only(text: str, ents=(), **kw) -> dict:
    """The one claim of ``text``."""
    found = claims_of(text, ents, **kw)
    assert len(found) == 1, [c["text"] for c in found]
    return found[0]
