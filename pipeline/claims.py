"""Claims: numbers turned into checkable records (subject, metric, value, unit, period, source), as a spaCy component."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .canonical import canonicalise
from .numbers import NumberMention, find_numbers

# kinds of numbers that make a claim; years, dates, times and ordinals only give context
CLAIM_KINDS = frozenset({"money", "percent", "percentage_point", "permille", "multiplier", "count", "quantity"})
# a bare number counts only with a scale word (776亿, 3 billion) — never a model name (2.0) or section (01)
SCALED = re.compile(r"[万亿兆]|thousand|million|billion|trillion|\d\s*(?:bn|mn)\b", re.I)
# 一个, 一套, 两个 …: a numeral used as an article, not a figure anyone would check
ARTICLE_COUNT = re.compile(r"^[一两二][个套场张条位种只台件项次家款份点]$")
MONEY_METRICS = frozenset({"营收", "销售额", "利润", "净利润", "亏损", "估值", "市值", "交易额", "市场规模", "融资",
                           "投资", "支出", "成本", "订单", "采购", "价格"})

# a colon is no break: "规模是：563亿美元" keeps its figure with its subject
CLAUSE_BREAK = re.compile(r"[，,；;—]|——")
# English coordinates clauses with "and" ("AWS had $48 billion and Azure nearly $26 billion")
CLAUSE_BREAK_EN = re.compile(r"[，,；;—]|——|\band\b")
TIME_WORD = re.compile(r"[年月日季期]|上半|下半|时候|当时|目前|现在")
PERIOD = re.compile(
    r"(?P<fy>(?:19|20)\d{2})\s*财年|(?:FY|fiscal(?: year)?\s*)(?P<fy2>(?:19|20)\d{2})"
    r"|(?P<qy>(?:19|20)\d{2})\s*年?\s*(?:第)?(?P<q>[一二三四1-4])\s*季度"
    r"|(?:the\s+)?(?P<qe>first|second|third|fourth)\s+quarter\s+of\s+(?P<qey>(?:19|20)\d{2})"
    r"|\bQ(?P<q2>[1-4])\s*(?P<q2y>(?:19|20)\d{2})\b"
    r"|(?<![比较])(?P<y>(?:19|20)\d{2})\s*年(?!代)|\b(?:in|during|for|by)\s+(?P<ey>(?:19|20)\d{2})\b"
    r"|(?P<same>当年|同年|这年|这一年|那一年|that year|the same year)",
    re.I,
)
YEAR_RANGE = re.compile(r"从\s*((?:19|20)\d{2})\s*年?\s*(?:到|至|-|—)\s*((?:19|20)\d{2})\s*年|"
                        r"from\s+((?:19|20)\d{2})\s+(?:to|through)\s+((?:19|20)\d{2})", re.I)
QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}
SOURCE = re.compile(
    r"据(?P<a>[^，。；！？\n]{1,30}?)(?:的)?(?:报道|数据|统计|显示|测算|估计|预测|消息|报告)"
    r"|根据(?P<b>[^，。；！？\n]{1,30}?)(?:的)?(?:数据|报告|统计|估计|测算|预测)"
    r"|(?P<c>[^，。；！？\n“”]{2,30}?)(?:的)?(?:测算)?数据(?:还|则|也)?显示"
    r"|(?P<d>[^，。；！？\n“”]{2,30}?《[^》]{1,40}》)(?:数据)?显示"
    r"|(?P<e>[^，。；！？\n“”]{2,20}?)(?:的估计|测算)"
    r"|according to (?P<f>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,4})",
)
DISTRIBUTE = re.compile(r"分别|respectively")
LIST_SEPARATOR = re.compile(r"\s*(?:,|，|、|and|, and|和|与|及)\s*")
SUBJECT_JOIN = re.compile(r"^\s*(?:和|与|及|以及|、|,|，|and|&)\s*$")
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
SKIP_TAGS = frozenset({"c", "p", "t", "m", "d", "r", "x", "f", "u", "uj", "ul", "y", "v", "sp", "eng_num"})
NOUNISH_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "j", "l", "ng", "eng", "an", "s"})
QUALIFIER_EN = {"approx": "about ", "gt": "more than ", "ge": "at least ", "lt": "less than ", "le": "at most ",
                "exact": ""}
SCALES_EN = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


@dataclass
class ClaimRecord:
    """One numeric claim: the contract's claims.jsonl object, less doc_id, claim_id and raw offsets."""

    text: str
    start: int
    end: int
    sentence: str
    kind: str
    value: float
    value_high: float | None
    unit: str | None
    unit_inferred: bool
    qualifier: str
    subject: str | None
    subject_label: str | None
    metric: str | None
    metric_en: str | None
    period: str | None
    source: str | None
    en: str
    subject_en: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def metric_glossary() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    """term -> (canonical, english) and one regex over all terms, longest first."""
    text = resources.files("pipeline.resources").joinpath("metrics.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    table = {term.lower(): (canonical, english) for term, canonical, english in rows}
    terms = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(rf"\b{re.escape(t)}\b" if t.isascii() else re.escape(t) for t in terms), re.I)
    return table, pattern


def _period_of(m: re.Match, last_year: str | None) -> str | None:
    g = m.groupdict()
    if g["fy"] or g["fy2"]:
        return f"FY{g['fy'] or g['fy2']}"
    if g["qy"]:
        return f"{g['qy']}-Q{QUARTER_WORDS.get(g['q'], g['q'])}"
    if g["qe"]:
        return f"{g['qey']}-Q{QUARTER_WORDS[g['qe'].lower()]}"
    if g["q2"]:
        return f"{g['q2y']}-Q{g['q2']}"
    if g["y"] or g["ey"]:
        return g["y"] or g["ey"]
    return last_year  # 当年 and friends: the year last mentioned


def _year(period: str | None) -> str | None:
    if not period:
        return None
    found = re.search(r"(?:19|20)\d{2}", period)
    return found.group(0) if found else None


def human(value: float) -> str:
    """77600000000 -> '77.6 billion'."""
    for size, word in SCALES_EN:
        if abs(value) >= size:
            return f"{value / size:.4g} {word}"
    return f"{value:.6g}"


def render_en(subject_en: str | None, metric_en: str | None, period: str | None, claim: NumberMention,
              unit: str | None, kind: str) -> str:
    """One English sentence for a claim: ``Alibaba Cloud revenue (2022): CNY 77.6 billion``."""
    if kind in ("percent", "percentage_point", "permille"):
        mark = {"percent": "%", "percentage_point": " percentage points", "permille": "‰"}[kind]
        amount = f"{claim.value:g}" + (f"–{claim.value_high:g}" if claim.value_high is not None else "") + mark
    elif kind == "multiplier":
        amount = f"{claim.value:g}×"
    else:
        amount = human(claim.value) + (f"–{human(claim.value_high)}" if claim.value_high is not None else "")
        if kind == "money" and unit:
            amount = f"{unit} {amount}"
        elif unit:
            amount = f"{amount} ({unit})"
    head = " ".join(x for x in (subject_en, metric_en) if x) or "Figure"
    head = head[0].upper() + head[1:]
    when = f" ({period})" if period else ""
    return f"{head}{when}: {QUALIFIER_EN.get(claim.qualifier, '')}{amount}"


def english_name(text: str, span: Span | None = None) -> str:
    """The English form of a subject: its canonical name (alias table, gazetteer, else pinyin)."""
    return canonicalise(text, span.label_ if span is not None else None).english


class ClaimExtractor:
    """Finds claims sentence by sentence, carrying the period and currency context forward through the Doc."""

    def __call__(self, doc: Doc) -> Doc:
        table, metric_re = metric_glossary()
        mojibake = doc.user_data.get("mojibake_spans", [])
        claims: list[ClaimRecord] = []
        spans: list[Span] = []
        context = {"period": None, "year": None, "metric": None, "subject": None,
                   "currency": "CNY" if _is_chinese(doc) else "USD"}
        self._text = doc.text  # Doc.text is rebuilt from the tokens on every access
        # entities bucketed by sentence in one pass (Span.ents walks the whole Doc each time)
        ents = list(doc.ents)
        k = 0
        for sent in doc.sents:
            while k < len(ents) and ents[k].start < sent.start:
                k += 1
            j = k
            while j < len(ents) and ents[j].end <= sent.end:
                j += 1
            found = self._sentence(doc, sent, ents[k:j], table, metric_re, mojibake, context)
            for claim in found:
                span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            claims.extend(found)
        doc.user_data["claims"] = [c.to_dict() for c in claims]
        doc.spans["claims"] = spans
        return doc

    def _sentence(self, doc, sent, sent_ents, table, metric_re, mojibake, context) -> list[ClaimRecord]:
        text = sent.text
        base = sent.start_char
        mentions = find_numbers(text)
        periods = []
        year = context["year"]
        for p in PERIOD.finditer(text):
            period = _period_of(p, year)
            periods.append((p.start(), period))
            year = _year(period) or year
        candidates = [m for m in mentions if self._is_claim(m, doc, base, sent_ents)
                      and not any(s < base + m.end and base + m.start < e for s, e in mojibake)]
        metrics = [(m.start(), m.end(), m.group(0)) for m in metric_re.finditer(text)]
        if not candidates:
            for _, period in periods:
                if period:
                    context["period"], context["year"] = period, _year(period) or context["year"]
            context["metric"] = metrics[-1][2] if metrics else None
            return []
        english = doc.user_data.get("lang") == "en"
        source = self._source(text, base, sent_ents)
        ents = [e for e in sent_ents if e.text != source]
        out: list[ClaimRecord] = []
        subjects, years = self._distribution(text, base, ents, candidates)
        prev_subject: tuple[str, str | None, str | None] | None = None
        list_metric: str | None = None
        sentence_currency = next((m.unit for m in candidates if m.kind == "money" and m.unit), None)
        for i, m in enumerate(candidates):
            before = [p for s, p in periods if s < m.start and p]
            after = [p for s, p in periods if s >= m.end and p]
            period = years.get(i) or (before[-1] if before else context["period"] or (after[0] if after else None))
            metric_term = self._metric(text, m, metrics, english)
            if (i in subjects or i in years) and list_metric:  # one metric for a whole distributed list
                metric_term = list_metric
            if metric_term is None and not any(m.start > s for s, _, _ in metrics):
                metric_term = context["metric"]
            if i in subjects or i in years:
                list_metric = list_metric or metric_term
            canonical, metric_en = table.get(metric_term.lower(), (None, None)) if metric_term else (None, None)
            if i in subjects:
                subject = subjects[i]
            else:
                subject = (self._subject(doc, text, base, m, ents, metric_term, english) or prev_subject
                           or context["subject"])
            prev_subject = subject
            if subject and subject[1]:
                context["subject"] = subject
            unit, kind, inferred = m.unit, m.kind, False
            if kind == "number":
                if canonical in MONEY_METRICS:
                    # the currency of the sentence's other amounts, else the document's own
                    unit, kind, inferred = sentence_currency or context["currency"], "money", True
                else:
                    kind = "count"
            subject_text, subject_label, subject_en = subject if subject else (None, None, None)
            out.append(ClaimRecord(
                text=m.text, start=base + m.start, end=base + m.end, sentence=text.strip(), kind=kind,
                value=m.value, value_high=m.value_high, unit=unit, unit_inferred=inferred, qualifier=m.qualifier,
                subject=subject_text, subject_label=subject_label, metric=metric_term, metric_en=metric_en,
                period=period, source=source,
                en=render_en(subject_en, metric_en, period, m, unit, kind), subject_en=subject_en,
            ))
        last = [p for _, p in periods if p]
        if last:
            context["period"], context["year"] = last[-1], _year(last[-1]) or context["year"]
        context["metric"] = None
        return out

    @staticmethod
    def _is_claim(m: NumberMention, doc: Doc, base: int, ents) -> bool:
        if ARTICLE_COUNT.match(m.text):
            return False
        # a number inside a name (百度, 三星, 360公司) is part of that name
        inside = doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
        if inside is not None and any(t.tag_ in NAME_TAGS and len(t.text) > len(m.text) for t in inside):
            return False
        if any(e.start_char <= base + m.start and base + m.end <= e.end_char for e in ents):
            return False
        if m.kind in CLAIM_KINDS:
            return m.unit not in ("点", "°")
        return m.kind == "number" and bool(SCALED.search(m.text))

    @staticmethod
    def _metric(text: str, m: NumberMention, metrics, english: bool = False) -> str | None:
        """The metric term before the number within its clause (Chinese: the nearest; English: the
        first, as in "share of cloud spending was 36%"), else the one right after it."""
        clause_start = max((b.end() for b in CLAUSE_BREAK.finditer(text, 0, m.start)), default=0)
        before = [t for s, e, t in metrics if clause_start <= s and e <= m.start]
        if before:
            return before[0] if english else before[-1]
        nxt = CLAUSE_BREAK.search(text, m.end)
        clause_end = nxt.start() if nxt else len(text)
        after = [t for s, e, t in metrics if m.end <= s and e <= clause_end]
        if after:
            return after[0]
        # the metric may open the sentence before the clause ("阿里云营收为776亿，增速为7.2%" has its own)
        return None

    def _subject(self, doc, text, base, m, ents, metric_term, english=False):
        """What a figure is about: an entity in its clause, else a noun phrase opening the clause,
        else an entity earlier in the sentence. Chinese puts the subject nearest the figure; English
        opens the clause or sentence with it ("Alibaba Cloud, the arm of Alibaba Group, reported …")."""
        breaks = CLAUSE_BREAK_EN if english else CLAUSE_BREAK
        clause_start = max((b.end() for b in breaks.finditer(text, 0, m.start)), default=0)
        in_clause = [e for e in ents if base + clause_start <= e.start_char and e.end_char <= base + m.start]
        if in_clause:
            if english:
                return self._merge_adjacent(doc, in_clause[:1])
            return self._merge_adjacent(doc, in_clause, extend_until=base + m.start, metric_term=metric_term)
        phrase = None if english else self._noun_phrase(doc, base + clause_start, base + m.start, metric_term)
        if phrase:
            return phrase
        earlier = [e for e in ents if e.end_char <= base + m.start]
        if earlier:
            return self._merge_adjacent(doc, earlier[:1] if english else earlier)
        return None

    def _merge_adjacent(self, doc, ents, *, extend_until: int | None = None, metric_term: str | None = None):
        """The last entity, joined with entities directly before it (亚马逊 + AWS -> 亚马逊AWS).

        A place directly followed by nouns names what it modifies (中国 + 云计算 -> 中国云计算).
        """
        group = [ents[-1]]
        for e in reversed(ents[:-1]):
            if self._text[e.end_char:group[0].start_char].strip() == "":
                group.insert(0, e)
            else:
                break
        start, end = group[0].start_char, group[-1].end_char
        label = group[-1].label_
        english = english_name(self._text[start:end], group[-1])
        if extend_until is not None and label == "LOC":
            extra = []
            for tok in doc[group[-1].end:]:
                if tok.idx >= extend_until or tok.tag_ not in NOUNISH_TAGS or _is_metric(tok.text):
                    break
                extra.append(tok)
            if extra:
                end = extra[-1].idx + len(extra[-1].text)
                text = self._text[start:end]
                return text, None, english_name(text, None)
        return self._text[start:end], label, english

    @staticmethod
    def _noun_phrase(doc, start: int, end: int, metric_term: str | None):
        """A clause-initial noun run (中国云计算 in 中国云计算的整个市场规模是…), skipping time words."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        words: list[str] = []
        for tok in span:
            if not words and (tok.tag_ in SKIP_TAGS or tok.is_space or tok.is_punct or "年" in tok.text):
                continue
            latin_common = tok.tag_ == "eng" and not tok.text[:1].isupper()
            if tok.tag_ in NOUNISH_TAGS and not tok.is_punct and not _is_metric(tok.text) \
                    and not TIME_WORD.search(tok.text) and not latin_common and tok.tag_ != "":
                words.append(tok.text_with_ws)
                continue
            break
        phrase = "".join(words).strip()
        if len(phrase) < 2 or (metric_term and phrase in metric_term):
            return None
        return phrase, None, english_name(phrase, None)

    @staticmethod
    def _source(text: str, base: int, ents) -> str | None:
        m = SOURCE.search(text)
        if not m:
            return None
        group = next(g for g in "abcdef" if m.group(g))
        s, e = m.span(group)
        inside = [x for x in ents if base + s <= x.start_char and x.end_char <= base + e and x.label_ == "ORG"]
        if inside:
            return inside[-1].text
        value = m.group(group).strip()
        return re.sub(r"^(?:市场研究机构|市场调研机构|研究机构|机构|而|此外|另外|同时)", "", value).strip() or None

    def _distribution(self, text, base, ents, candidates) -> tuple[dict, dict]:
        """'A和B…分别是x和y' -> a subject per value; '从2019年到2023年…分别为a、b…' -> a period per value.

        Returns ``({candidate index: subject}, {candidate index: period})``.
        """
        d = DISTRIBUTE.search(text)
        if not d:
            return {}, {}
        if d.group(0) == "respectively":  # English puts it after the list: "40% and 21.5% respectively"
            before = [i for i, m in enumerate(candidates) if m.end <= d.start()]
            listed = before[-1:]
            while len(listed) < len(before):
                prev = before[-len(listed) - 1]
                if not LIST_SEPARATOR.fullmatch(text[candidates[prev].end:candidates[listed[0]].start]):
                    break
                listed.insert(0, prev)
            anchor = candidates[listed[0]].start if listed else d.start()
        else:
            stop = CLAUSE_BREAK.search(text, d.end())
            listed = [i for i, m in enumerate(candidates)
                      if m.start >= d.end() and (stop is None or m.start < stop.start() or _in_list(text, d.end(), m))]
            anchor = d.start()
        n = len(listed)
        if n < 2:
            return {}, {}
        clause_start = max((b.end() for b in CLAUSE_BREAK.finditer(text, 0, anchor)), default=0)
        groups: list[list[Span]] = []
        for e in (e for e in ents if base + clause_start <= e.start_char and e.end_char <= base + anchor):
            gap = self._text[groups[-1][-1].end_char:e.start_char] if groups else ""
            if groups and gap.strip() == "":
                groups[-1].append(e)
            elif not groups or SUBJECT_JOIN.match(gap):
                groups.append([e])
            else:
                groups = [[e]]
        if len(groups) == n:
            return {i: self._merge_adjacent(g[0].doc, g) for i, g in zip(listed, groups)}, {}
        r = YEAR_RANGE.search(text, 0, anchor)
        if r:
            y1, y2 = int(r.group(1) or r.group(3)), int(r.group(2) or r.group(4))
            if y2 - y1 + 1 == n:
                return {}, {i: str(y) for i, y in zip(listed, range(y1, y2 + 1))}
        return {}, {}


def _is_metric(word: str) -> bool:
    return word.lower() in metric_glossary()[0]


def _in_list(text: str, start: int, m: NumberMention) -> bool:
    """True when only list separators and numbers stand between ``start`` and the mention (a、b、c)."""
    return re.fullmatch(r"[\s\d.,%、和与及以为是到至~\-]*", text[start:m.start]) is not None


def _is_chinese(doc: Doc) -> bool:
    return doc.user_data.get("lang", "zh") == "zh"


@Language.factory("zhpipe_claims_v1")
def make_claims(nlp: Language, name: str) -> ClaimExtractor:
    """spaCy factory: the claims component (after entities, which it uses as subjects when present)."""
    return ClaimExtractor()
