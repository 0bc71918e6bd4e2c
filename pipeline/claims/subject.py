"""Claims: who or what a figure is about — an entity in its clause, a clause-initial noun phrase, or one before."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Span

from ..canonical import canonicalise
from .clauses import Clauses
from .metric import is_metric

Subject = tuple[str, "str | None", "str | None"]  # text, label, English

TIME_WORD = re.compile(r"[年月日季期]|上半|下半|时候|当时|目前|现在")
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
SKIP_TAGS = frozenset({"c", "p", "t", "m", "d", "r", "x", "f", "u", "uj", "ul", "y", "v", "sp", "eng_num"})
NOUNISH_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "j", "l", "ng", "eng", "an", "s"})


def english_name(text: str, span: Span | None = None) -> str:
    """The English form of a subject: its canonical name (alias table, gazetteer, else pinyin)."""
    return canonicalise(text, span.label_ if span is not None else None).english


class Entities:
    """The entities of one sentence (in order, not overlapping), looked up by character offset."""

    def __init__(self, ents, text: str):
        self.ents = list(ents)
        self.starts = [e.start_char for e in self.ents]
        self.ends = [e.end_char for e in self.ents]
        self.text = text  # the Doc's text (Doc.text is rebuilt from the tokens on every access)

    def __len__(self) -> int:
        return len(self.ents)

    def covering(self, start: int, end: int) -> bool:
        """True when one entity holds the characters ``start:end``."""
        i = bisect_right(self.starts, start)
        return bool(i) and self.ends[i - 1] >= end

    def within(self, start: int, end: int) -> tuple[int, int]:
        """Index range of the entities lying inside ``start:end``."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)

    def merge(self, lo: int, hi: int, *, doc=None, extend_until: int | None = None) -> Subject:
        """The last entity of ``lo:hi``, joined with entities directly before it (亚马逊 + AWS -> 亚马逊AWS).

        A place directly followed by nouns names what it modifies (中国 + 云计算 -> 中国云计算).
        """
        first = hi - 1
        while first > lo and self.text[self.ends[first - 1]:self.starts[first]].strip() == "":
            first -= 1
        start, end = self.starts[first], self.ends[hi - 1]
        last = self.ents[hi - 1]
        label = last.label_
        english = english_name(self.text[start:end], last)
        if extend_until is not None and label == "LOC":
            extra = []
            for tok in doc[last.end:]:
                if tok.idx >= extend_until or tok.tag_ not in NOUNISH_TAGS or is_metric(tok.text):
                    break
                extra.append(tok)
            if extra:
                end = extra[-1].idx + len(extra[-1].text)
                text = self.text[start:end]
                return text, None, english_name(text, None)
        return self.text[start:end], label, english


def subject_of(doc, clauses: Clauses, base: int, start: int, ents: Entities, metric_term: str | None,
               english: bool = False) -> Subject | None:
    """What the figure at ``start`` is about: an entity in its clause, else a noun phrase opening the clause,
    else an entity earlier in the sentence. Chinese puts the subject nearest the figure; English opens the
    clause or sentence with it ("Alibaba Cloud, the arm of Alibaba Group, reported …")."""
    clause_start = clauses.start(start)
    lo, hi = ents.within(base + clause_start, base + start)
    if lo < hi:
        if english:
            return ents.merge(lo, lo + 1)
        return ents.merge(lo, hi, doc=doc, extend_until=base + start)
    phrase = None if english else noun_phrase(doc, base + clause_start, base + start, metric_term)
    if phrase:
        return phrase
    _, hi = ents.within(0, base + start)
    if hi:
        return ents.merge(0, 1) if english else ents.merge(0, hi)
    return None


def noun_phrase(doc, start: int, end: int, metric_term: str | None) -> Subject | None:
    """A clause-initial noun run (中国云计算 in 中国云计算的整个市场规模是…), skipping time words."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    words: list[str] = []
    for tok in span:
        if not words and (tok.tag_ in SKIP_TAGS or tok.is_space or tok.is_punct or "年" in tok.text):
            continue
        latin_common = tok.tag_ == "eng" and not tok.text[:1].isupper()
        if tok.tag_ in NOUNISH_TAGS and not tok.is_punct and not is_metric(tok.text) \
                and not TIME_WORD.search(tok.text) and not latin_common and tok.tag_ != "":
            words.append(tok.text_with_ws)
            continue
        break
    phrase = "".join(words).strip()
    if len(phrase) < 2 or (metric_term and phrase in metric_term):
        return None
    return phrase, None, english_name(phrase, None)
