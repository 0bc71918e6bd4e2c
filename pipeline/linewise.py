"""Line-by-line annotation for the stage commands: one result per input line, offsets into that line."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .langid import detect_language
from .language import DEFAULT_NER_STYLE, load, pipeline_language
from .normalise import normalise
from .numbers import find_numbers


def _language(line: str, lang: str) -> str:
    return lang if lang != "auto" else detect_language(line)


def numbers_of_line(line: str, *, lang: str = "auto") -> dict[str, Any]:
    """``{"text": line, "numbers": [...]}`` with each number's offsets into ``line`` as given."""
    norm = normalise(line, convert=_language(line, lang) != "en")
    out = []
    for m in find_numbers(norm.text):
        start, end = norm.to_raw(m.start, m.end)
        item = m.to_dict()
        item.update(text=line[start:end], start=start, end=end)
        out.append(item)
    return {"text": line, "numbers": out}


def _docs(lines: Iterable[str], lang: str, ner_style: str = DEFAULT_NER_STYLE):
    for line in lines:
        line_lang = _language(line, lang)
        nlp = load(pipeline_language(line_lang), ner_style)
        norm = normalise(line, convert=line_lang != "en")
        doc = nlp.make_doc(norm.text)
        doc.user_data["lang"] = line_lang
        doc.user_data["mojibake_spans"] = [list(s) for s in norm.mojibake]
        for _, component in nlp.pipeline:
            doc = component(doc)
        yield line, norm, doc


def entities_of_lines(lines: Iterable[str], *, lang: str = "auto",
                      ner_style: str = DEFAULT_NER_STYLE) -> Iterator[dict[str, Any]]:
    """``{"text": line, "entities": [{"text", "label", "start", "end"}]}`` per line, in order."""
    for line, norm, doc in _docs(lines, lang, ner_style):
        ents = []
        for ent in doc.ents:
            start, end = norm.to_raw(ent.start_char, ent.end_char)
            item = {"text": line[start:end], "label": ent.label_, "start": start, "end": end}
            english = getattr(ent._, "english", None) if ent.has_extension("english") else None
            if english:
                item["english"] = english
            ents.append(item)
        yield {"text": line, "entities": ents}


def claims_of_text(text: str, *, doc_id: str = "stdin", lang: str = "auto", format: str = "text",
                   html: str = "main") -> list[dict[str, Any]]:
    """Claims of one document given as text (read as ``format``: text, markdown or html), in the claims.jsonl shape."""
    from .engine import Options, process

    return process(text, doc_id=doc_id, options=Options(lang=lang, html=html), format=format)["claims"]
