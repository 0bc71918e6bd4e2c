"""English named entities (PER, ORG, LOC): the shipped spaCy model plus rules.

* ``find_english_entities(text) -> [(start, end, label)]`` — a pure function
  of the text (character offsets into it, ``end`` exclusive).  Use it on an
  English document or sentence, or on a Latin-script run inside Chinese text
  (``pipeline.langid.language_runs``): ``John McCarthy`` comes out the same
  way in both.
* ``zhpipe_entities_en_v1`` — a spaCy component factory for English Docs: it
  runs the same function on ``doc.text`` and puts the spans on the incoming
  Doc's tokens (``doc.ents``), keeping entities already there when they do
  not overlap.

The model is ``pipeline/resources/ner_en`` (trained by
``python -m pipeline.training.ner_en``; spaCy NER over ``spacy.blank("en")``
tokens), loaded once per process.  The rules, applied after it in this order
(a rule span replaces the model spans it overlaps):

1. gazetteer: the English names of ``resources/gazetteer.tsv`` (the Chinese
   gazetteer's third column, with its label), matched case-sensitively as
   whole words; a gazetteer name wins over a model span it overlaps unless
   that span is longer and contains it (``Alibaba Cloud Intelligence``);
   and unless the model calls the same span LOC where the gazetteer says ORG
   or the other way round (a place standing for an organisation: context decides),
   except for companies and brands, which stay ORG (``according to Canalys``);
2. company suffixes: up to six capitalised words ending in Inc., Ltd, Group,
   Corp., Co., Partners, Holdings, Technologies, LLC, PLC, AG, SA ... are ORG
   (leading ``The``/``In``/... are not part of it), so the model's
   ``Alibaba Group Holding`` becomes ``Alibaba Group Holding Ltd.``;
   names ending in Commission, Ministry, Bank, University, Fund, Agency,
   Council, Reserve, Exchange ... (or ``Ministry of Commerce``) are ORG too
   where the model found no name there or the same name with another label
   (a longer or shorter model name stays: ``U.N. Security Council``);
   ``West Bank`` and a few other places made like them are not;
3. titles: Mr, Ms, Mrs, Miss, Dr, Prof, Sir ... followed by capitalised words make
   those words PER (the title is not part of the entity); job titles (CEO,
   Chairman, President ...) are cut off the front of a model entity;
4. not entities: an entity whose text is in ``resources/not_entities.txt``
   (the reviewed list shared with the Chinese side: CEO, AI, IT, KPI ...) or
   made only of such words is dropped; ``US``, ``USA``, ``UK`` and ``EU`` are
   names in English text and are kept.  When the file is missing a small
   built-in list is used.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(text.split())


RESOURCES = Path(__file__).resolve().parent.parent / "resources"
MODEL_PATH = RESOURCES / "ner_en"
GAZETTEER_PATH = RESOURCES / "gazetteer.tsv"
NOT_ENTITIES_PATH = RESOURCES / "not_entities.txt"
LABELS = ("PER", "ORG", "LOC")

# used only when resources/not_entities.txt is missing
_BUILTIN_NOT_ENTITIES = _words(
    "CEO CTO CFO COO CIO VP IT AI API APP App KPI IPO GDP CPI PC TV OK LOL OMG VS vs VIP The A I "
    "Mr Ms Mrs Dr Prof"
)
# names in English text, even if the shared list (written for Chinese text) has them
_KEEP_IN_ENGLISH = frozenset({"US", "USA", "UK", "EU"})

ORG_SUFFIXES = (
    "Inc.", "Inc", "Ltd.", "Ltd", "Limited", "Group", "Corp.", "Corp", "Corporation", "Co.",
    "Partners", "Holdings", "Technologies", "LLC", "L.L.C.", "PLC", "plc", "AG", "SA", "S.A.",
    "N.V.", "NV", "GmbH", "L.P.",
)
_SUFFIX_SET = frozenset(ORG_SUFFIXES)
# last words of organisation names that are not company suffixes; a name made
# with them is ORG unless the model calls (part of) it PER or LOC (West Bank)
ORG_HEADS = (
    "Commission", "Ministry", "Bank", "University", "Fund", "Agency", "Council", "Committee",
    "Association", "Institute", "Foundation", "Organization", "Organisation", "Authority", "Reserve",
    "Exchange", "Court", "Parliament", "Academy", "Administration", "Bureau", "Federation", "Union",
    "Department",
)
HONORIFICS = ("Mr", "Ms", "Mrs", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Madam", "Mx")
JOB_TITLES = _words(
    "CEO CFO CTO COO Chairman Chairwoman Chair President Vice Chief Executive Founder Co-founder "
    "Director Minister Secretary Senator Governor Mayor Premier Chancellor Judge General Gen. "
    "Captain Capt. Coach Officer Spokesman Spokeswoman Analyst Manager Head"
)
# capitalised words that do not start a name (stripped from the front of a suffix match)
_LEADING_NON_NAME = _words(
    "the a an in on at for by from and of to with according said as when while after before but "
    "this that these those its their our his her if since under over about into than shares unit "
    "rival yesterday today also however meanwhile analysts investors rivals like including both "
    "then now"
)
# capitalised words that end a name after a title
_NAME_STOP = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December The And Or But Said Says"
)

_CAP_WORD = r"[A-Z][\w'’\-&]*\.?"
_NAME_WORD = r"(?:[A-Z][a-z]*\.|(?:Mc|Mac|O['’]|D['’])?[A-Z][\w'’\-]*)"
_SUFFIX_RE = re.compile(
    r"(?<![\w.])((?:" + _CAP_WORD + r"|&|and|of|de|du|von|van)\s+){0,5}"
    r"(?:" + _CAP_WORD + r"\s+)"
    r"(?:" + "|".join(re.escape(s) for s in sorted(ORG_SUFFIXES, key=len, reverse=True)) + r")"
    r"(?![\w])"
)
_SUFFIX_TAIL_RE = re.compile(
    r"(?:\s+(?:" + "|".join(re.escape(s) for s in sorted(ORG_SUFFIXES, key=len, reverse=True)) + r")(?![\w]))+"
)
_HEAD_RE = re.compile(
    r"(?<![\w.])(?:" + _CAP_WORD + r"\s+(?:(?:of|and|&|for|on)\s+)?){0,5}"
    r"(?:" + "|".join(ORG_HEADS) + r")(?![\w])"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r"){0,3})?"
)
# place names made like organisation names
_NOT_ORG_NAMES = frozenset({"West Bank", "Left Bank", "South Bank", "Soviet Union"})
_TITLE_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(HONORIFICS) + r")\.?\s+"
    r"(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})"
)


def _skip_leading_non_names(text: str, start: int, end: int, stops: bool = False) -> tuple[int, int]:
    """A match starts at the first capitalised word: move its start past words that open no name (The, In …);
    with ``stops``, past days and titles too (Friday The New York Stock Exchange)."""
    while True:
        w = re.match(r"\S+\s+", text[start:end])
        word = w.group().strip() if w else ""
        if not (w and (word.lower() in _LEADING_NON_NAME
                       or stops and (word.rstrip(".") in _NAME_STOP or word in JOB_TITLES))):
            return start, end
        start += w.end()


def _read_not_entities(path: Path = NOT_ENTITIES_PATH) -> frozenset[str]:
    if not path.exists():
        return _BUILTIN_NOT_ENTITIES
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and line.isascii():
                words.add(line)
    return frozenset(words - _KEEP_IN_ENGLISH)


def _read_gazetteer(path: Path = GAZETTEER_PATH) -> tuple[dict[str, str], frozenset[str]]:
    """(Latin name -> label, the names of companies and brands: rows whose source note says so)."""
    gaz: dict[str, str] = {}
    companies: set[str] = set()
    if not path.exists():
        return gaz, frozenset()
    with open(path, encoding="utf-8") as f:
        next(f, None)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[1] in LABELS and parts[2].strip():
                names = [parts[2].strip()]
                if parts[0].isascii():  # Latin names listed as such (AWS, Gartner, IBM)
                    names.append(parts[0].strip())
                for name in names:
                    gaz.setdefault(name, parts[1])
                if parts[1] == "ORG" and len(parts) >= 4 and parts[3].startswith(("company", "brand")):
                    companies.update(names)
    # every Latin-script alias of the bilingual alias table names its entity too (AWS, Aliyun, Azure)
    from ..canonical import alias_table_rows

    for aliases, label in alias_table_rows():
        for alias in aliases:
            if alias.isascii() and len(alias) > 1 and label in LABELS:
                gaz.setdefault(alias, label)
    return gaz, frozenset(companies)


class EnglishNER:
    """The model, gazetteer and word lists, loaded once; ``__call__(text)`` gives spans."""

    def __init__(self, model_path: Path | str | None = MODEL_PATH, use_model: bool = True,
                 use_rules: bool = True):
        import spacy

        self.nlp = None
        if use_model and model_path is not None and Path(model_path).exists():
            self.nlp = spacy.load(model_path)
        self.use_rules = use_rules
        self.not_entities = _read_not_entities()
        self.gazetteer, self.companies = _read_gazetteer()
        self.gazetteer = {k: v for k, v in self.gazetteer.items() if k not in self.not_entities}
        names = sorted(self.gazetteer, key=len, reverse=True)
        self._gaz_re = (re.compile(r"(?<![\w&])(?:" + "|".join(map(re.escape, names)) + r")(?![\w&])")
                        if names else None)
        self._lock = threading.Lock()

    # -- model --------------------------------------------------------------
    def model_spans(self, text: str) -> list[tuple[int, int, str]]:
        if self.nlp is None or not text.strip():
            return []
        with self._lock:  # spaCy pipelines are not thread-safe
            doc = self.nlp(text)
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    def pipe_model_spans(self, texts, batch_size: int = 256):
        if self.nlp is None:
            for _ in texts:
                yield []
            return
        with self._lock:
            for doc in self.nlp.pipe(texts, batch_size=batch_size):
                yield [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    # -- rules --------------------------------------------------------------
    def gazetteer_spans(self, text: str) -> list[tuple[int, int, str]]:
        if self._gaz_re is None:
            return []
        return [(m.start(), m.end(), self.gazetteer[m.group()]) for m in self._gaz_re.finditer(text)]

    @staticmethod
    def suffix_spans(text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _SUFFIX_RE.finditer(text):
            start, end = _skip_leading_non_names(text, m.start(), m.end())
            words = text[start:end].split()
            if len(words) < 2:
                continue
            # take in further suffixes (Group Holding Ltd.)
            tail = _SUFFIX_TAIL_RE.match(text, end)
            if tail:
                end = tail.end()
            # "Tencent Holdings and Baidu Inc": two names
            pieces, piece_start = [], start
            for conj in re.finditer(r"\s+(?:and|&)\s+", text[start:end]):
                before = text[piece_start:start + conj.start()].split()
                if before and before[-1] in _SUFFIX_SET:
                    pieces.append((piece_start, start + conj.start()))
                    piece_start = start + conj.end()
            pieces.append((piece_start, end))
            out.extend((s, e, "ORG") for s, e in pieces if len(text[s:e].split()) >= 2)
        return out

    @staticmethod
    def head_spans(text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _HEAD_RE.finditer(text):
            # a day or title before the name is not part of it (Friday New York Stock Exchange)
            start, end = _skip_leading_non_names(text, m.start(), m.end(), stops=True)
            for w in re.finditer(r"\S+", text[start:end]):
                if w.group().rstrip(".") in _NAME_STOP or w.group() in JOB_TITLES:
                    end = start + w.start()
                    break
            end = start + len(text[start:end].rstrip())
            if end > start and text[end - 1] == ".":
                end -= 1
            words = text[start:end].split()
            if not words or words[-1] in ("of", "for", "the", "and", "&"):
                continue
            name = text[start:end]
            if len(name.split()) >= 2 and name not in _NOT_ORG_NAMES:
                out.append((start, end, "ORG"))
        return out

    @staticmethod
    def title_spans(text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _TITLE_RE.finditer(text):
            start = m.start(1)
            words = []
            for w in re.finditer(r"\S+", m.group(1)):
                if w.group() in _NAME_STOP:
                    break
                words.append(w)
            if not words or not any(len(w.group().strip(".")) > 1 for w in words):
                continue
            end = start + words[-1].end()
            if text[end - 1] == "." and not re.fullmatch(r"[A-Z]\.", words[-1].group()):
                end -= 1  # a sentence full stop, not an initial
            out.append((start, end, "PER"))
        return out

    def _strip_job_title(self, text: str, span):
        start, end, label = span
        while True:
            w = re.match(r"(\S+)\s+", text[start:end])
            if w and w.group(1) in JOB_TITLES and start + w.end() < end:
                start += w.end()
            else:
                break
        return (start, end, "PER" if start != span[0] and label == "PER" else label)

    def _is_not_entity(self, text: str) -> bool:
        if text in self.not_entities:
            return True
        words = re.findall(r"[\w'’&.\-]+", text)
        return bool(words) and all(w in self.not_entities for w in words)

    def apply_rules(self, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        spans = [self._strip_job_title(text, s) for s in spans]
        # gazetteer: wins unless a model span is longer and contains it
        for g in self.gazetteer_spans(text):
            if any(s[0] <= g[0] and g[1] <= s[1] and (s[1] - s[0]) > (g[1] - g[0]) for s in spans):
                continue
            # same span called ORG by one and LOC by the other: a place standing for an organisation
            # (White House, a city's team) is decided by context; a listed company or brand is an ORG
            if text[g[0]:g[1]] not in self.companies and \
                    any(s[:2] == g[:2] and {s[2], g[2]} == {"ORG", "LOC"} for s in spans):
                continue
            spans = _replace(spans, g)
        for r in self.head_spans(text):
            # where the model found nothing, or the same name with another label (New York Stock Exchange
            # LOC); a longer or shorter model name stays (U.N. Security Council)
            over = [s for s in spans if s[0] < r[1] and r[0] < s[1]]
            if not over or (len(over) == 1 and over[0][:2] == r[:2]):
                spans = _replace(spans, r)
        for r in self.suffix_spans(text):
            spans = _replace(spans, r)
        for r in self.title_spans(text):
            spans = _replace(spans, r)
        return sorted(s for s in spans if not self._is_not_entity(text[s[0]:s[1]]))

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        spans = self.model_spans(text)
        return self.apply_rules(text, spans) if self.use_rules else spans

    def pipe(self, texts, batch_size: int = 256):
        texts = list(texts)
        for text, spans in zip(texts, self.pipe_model_spans(texts, batch_size)):
            yield self.apply_rules(text, spans) if self.use_rules else spans


def _replace(spans, new):
    """Put ``new`` in, removing the spans it overlaps."""
    return [s for s in spans if s[1] <= new[0] or s[0] >= new[1]] + [new]


@lru_cache(maxsize=1)
def get_english_ner() -> EnglishNER:
    return EnglishNER()


def find_english_entities(text: str) -> list[tuple[int, int, str]]:
    """``[(start, end, label)]`` (PER/ORG/LOC) in English ``text``; pure: same text, same answer."""
    return get_english_ner()(text)


class EnEntities:
    """spaCy component: English entities onto ``doc.ents`` (by character offsets)."""

    def __init__(self, nlp: Language | None = None, name: str = "zhpipe_entities_en",
                 model_path: str | None = None, use_model: bool = True, use_rules: bool = True):
        self.name = name
        if model_path is None and use_model and use_rules:
            self.ner = get_english_ner()
        else:
            self.ner = EnglishNER(model_path or MODEL_PATH, use_model=use_model, use_rules=use_rules)

    def _set(self, doc: Doc, spans) -> Doc:
        new = []
        for start, end, label in spans:
            span = doc.char_span(start, end, label=label)
            if span is None:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                new.append(span)
        kept = list(doc.ents)
        new = [s for s in new if all(s.end <= k.start or s.start >= k.end for k in kept)]
        doc.ents = filter_spans(kept + new)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._set(doc, self.ner(doc.text))

    def pipe(self, stream, batch_size: int = 256):
        for docs in _batches(stream, batch_size):
            for doc, spans in zip(docs, self.ner.pipe([d.text for d in docs], batch_size)):
                yield self._set(doc, spans)

    # the model is a package resource, not part of the serialised pipeline
    def to_disk(self, path, *, exclude=()):
        pass

    def from_disk(self, path, *, exclude=()):
        return self

    def to_bytes(self, *, exclude=()):
        return b""

    def from_bytes(self, data, *, exclude=()):
        return self


def _batches(stream, size):
    batch = []
    for item in stream:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@Language.factory(
    "zhpipe_entities_en_v1",
    default_config={"model_path": None, "use_model": True, "use_rules": True},
    assigns=["doc.ents"],
)
def make_zhpipe_entities_en(nlp: Language, name: str, model_path: str | None, use_model: bool,
                            use_rules: bool):
    return EnEntities(nlp, name, model_path=model_path, use_model=use_model, use_rules=use_rules)


__all__ = ["MODEL_PATH", "EnEntities", "EnglishNER", "find_english_entities", "get_english_ner"]
