"""Line-by-line annotation for the stage commands: one result per input line, offsets into that line."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .language import load
from .normalise import normalise
from .numbers import find_numbers


def numbers_of_line(line: str) -> dict[str, Any]:
    """``{"text": line, "numbers": [...]}`` with each number's offsets into ``line`` as given."""
    norm = normalise(line)
    out = []
    for m in find_numbers(norm.text):
        start, end = norm.to_raw(m.start, m.end)
        item = m.to_dict()
        item.update(text=line[start:end], start=start, end=end)
        out.append(item)
    return {"text": line, "numbers": out}


def _docs(lines: Iterable[str]):
    nlp = load()
    for line in lines:
        norm = normalise(line)
        doc = nlp.make_doc(norm.text)
        doc.user_data["mojibake_spans"] = [list(s) for s in norm.mojibake]
        for _, component in nlp.pipeline:
            doc = component(doc)
        yield line, norm, doc


def entities_of_lines(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """``{"text": line, "entities": [{"text", "label", "start", "end"}]}`` per line, in order."""
    for line, norm, doc in _docs(lines):
        ents = []
        for ent in doc.ents:
            start, end = norm.to_raw(ent.start_char, ent.end_char)
            item = {"text": line[start:end], "label": ent.label_, "start": start, "end": end}
            english = getattr(ent._, "english", None) if ent.has_extension("english") else None
            if english:
                item["english"] = english
            ents.append(item)
        yield {"text": line, "entities": ents}


def claims_of_text(text: str, *, doc_id: str = "stdin") -> list[dict[str, Any]]:
    """Claims of one document given as text, in the claims.jsonl shape."""
    from .engine import process

    return process(text, doc_id=doc_id)["claims"]
