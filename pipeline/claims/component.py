"""Claims: the spaCy component — finds the claims of a Doc sentence by sentence, carrying context forward."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from .candidates import drop_listed, find_mentions, is_claim
from .clauses import CLAUSE_BREAK_EN, Clauses
from .distribution import distribute
from .metric import (
    DOWN,
    TRANSACTION_NAME,
    Metrics,
    holding,
    metric_after,
    metric_before,
    metric_en_text,
    metric_english,
    metric_glossary,
    metric_named,
    metric_quoted,
    metric_share,
    table_column,
)
from .period import Periods, span_end_unless_flow, year_of
from .render import readable_name, render_en
from .source import source_of
from .subject import Entities, Subject, clause_subject, english_name, holding_line
from .topic import document_topic, is_region_report

MONEY_METRICS = frozenset({"营收", "销售额", "利润", "净利润", "亏损", "估值", "市值", "交易额", "市场规模", "融资",
                           "投资", "支出", "成本", "订单", "采购", "价格", "身家", "股息", "租金", "捐款"})
# 元 written alone is the Hong Kong dollar in Hong Kong context (a sentence about the Hong Kong market, or a
# document that names Hong Kong money far more than the renminbi)
HONG_KONG = re.compile(r"港元|港币|港股|港交所|联交所|香港|HK\$|HKD")
RENMINBI = re.compile(r"人民币|RMB|CNY")
HK_MONEY = re.compile(r"港元|港币|HK\$|HKD")
BARE_YUAN = re.compile(r"(?<![人民币美港日欧澳新韩台])元$")
# a figure restated in brackets right after another (US$1.119 billion (MOP 8.94 billion), 24.5亿欧元（约222.46亿港元）)
CONVERSION = re.compile(r"\s*[（(]\s*(?:约|about|approximately|approx\.|or)?\s*(?:[A-Z]{3}|US\$|HK\$)?\s*")
# a figure restated in another currency in its own clause (交易涉资约130亿澳元，折合约770亿港元)
CONVERTED = re.compile(r"(?:折合|约合|折算为?|相当于)\s*(?:约|大约)?\s*(?:人民币|港币|美元|港元)?\s*$")
SLASH_CHAIN = re.compile(r"(?:\s*/\s*[\d.,]+[万亿千百]*(?:元人民币|人民币|港元|美元|欧元|日元|元)?)+")
# a figure in brackets after a name, in a list of like figures: "mainland China (0.447), South Korea (0.316)"
BRACKETED = re.compile(r"[（(]\s*$")
SHORT_CLAUSE = 14  # characters before a figure in a list item's clause (台北市 ：, 而排名第三的阿里云，仅有)
# the first word of an English sentence, capitalised whether a name or not (no possessive, no acronym)
FIRST_WORD = re.compile(r"\W*([A-Z][a-z]+)\b(?!['’])")
# the kind a bare number's claim is given (the claims before it are compared by theirs)
NUMBER_AS = {"number": "count"}
# glossary terms for a change, joined to the noun before them (营收 + 同比增长)
CHANGE_TERMS = frozenset({"增速", "增长", "同比增长", "同比下降", "环比增长", "增幅", "降幅", "下降", "减少", "growth",
                          "decline"})


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
    subject_from: str | None  # clause, topic, antecedent or list
    metric: str | None
    metric_en: str | None
    scope: str | None  # the place or market the figure is restricted to
    period: str | None
    source: str | None
    en: str
    subject_en: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # the fields are flat values: a shallow copy in field order (dataclasses.asdict deep-copies each one)
        return dict(vars(self))


class Mojibake:
    """Spans of the Doc that are mojibake: no claim is read inside them."""

    def __init__(self, spans):
        self.spans = sorted((s, e) for s, e in spans)
        self._starts = [s for s, _ in self.spans]
        self._reach = []  # the furthest end of the spans so far
        for _, e in self.spans:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)  # the spans that start before ``end``
        return bool(i) and self._reach[i - 1] > start


@dataclass
class _SentenceFacts:
    """What holds for all the figures of one sentence, found once (never per figure: a long sentence would cost its
    square)."""

    text: str
    base: int  # the sentence's offset in the Doc
    sentence: str  # the text stripped, as the claims quote it
    clauses: Clauses
    subject_clauses: Clauses  # English subjects' clauses also break at "and" (AWS had $48 billion and Azure …)
    metrics: Metrics
    periods: Periods
    ents: Entities  # less the source's name
    source: str | None
    subjects: dict  # a distributed list's subjects and periods, by figure index
    years: dict
    currency: str | None  # the currency of the sentence's first amount that names one
    holding: str | None  # the holder named by a holdings list item
    hong_kong_yuan: bool  # 元 alone is the Hong Kong dollar here


def _sentence_facts(text, base, sent_ents, doc_text, english, candidates, clauses, metrics, periods,
                    doc_currency) -> _SentenceFacts:
    """The facts of a sentence with claims ``candidates``."""
    source = source_of(text, base, sent_ents)
    ents = Entities([e for e in sent_ents if e.text != source], doc_text)
    sentence = text.strip()
    subjects, years = distribute(text, base, clauses, ents, candidates)
    return _SentenceFacts(
        text=text, base=base, sentence=sentence, clauses=clauses,
        subject_clauses=Clauses(text, CLAUSE_BREAK_EN) if english else clauses,
        metrics=metrics, periods=periods, ents=ents, source=source, subjects=subjects, years=years,
        currency=next((m.unit for m in candidates if m.kind == "money" and m.unit), None),
        holding=holding_line(sentence) if len(candidates) <= 2 else None,
        hong_kong_yuan=not RENMINBI.search(text) and (doc_currency == "HKD" or bool(HONG_KONG.search(text))),
    )


class ClaimExtractor:
    """Finds claims sentence by sentence, carrying the period and currency context forward through the Doc."""

    def __init__(self):
        from .. import gloss

        metric_glossary()
        gloss.table()  # CC-CEDICT (metric_en) is read with the pipeline, once per process, not by the first document

    def __call__(self, doc: Doc) -> Doc:
        table, _ = metric_glossary()
        mojibake = Mojibake(doc.user_data.get("mojibake_spans", []))
        claims: list[ClaimRecord] = []
        spans: list[Span] = []
        self._text = doc.text  # Doc.text is rebuilt from the tokens on every access
        context = {"period": None, "year": None, "metric": None, "subject": None,
                   "currency": _currency(doc, self._text)}
        self._english = _language(doc) == "en"
        self._topic = document_topic(doc, self._english, self._text)
        self._region = is_region_report(self._text, self._topic)  # a government report: the region holds it all
        # entities bucketed by sentence in one pass (Span.ents walks the whole Doc each time)
        ents = list(doc.ents)
        k = 0
        for sent in doc.sents:
            while k < len(ents) and ents[k].start < sent.start:
                k += 1
            j = k
            while j < len(ents) and ents[j].end <= sent.end:
                j += 1
            found = self._sentence(doc, sent, ents[k:j], table, mojibake, context)
            for claim in found:
                span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            claims.extend(found)
        doc.user_data["claims"] = [c.to_dict() for c in claims]
        doc.spans["claims"] = spans
        return doc

    def _sentence(self, doc, sent, sent_ents, table, mojibake, context) -> list[ClaimRecord]:
        """The claims of one sentence; updates ``context`` for the sentences after it."""
        base = sent.start_char
        text = self._text[base:sent.end_char]  # Span.text walks the tokens
        if context.pop("paragraph_ends", False):
            context["subject"] = None  # the last explicit subject holds for its paragraph
        context["paragraph_ends"] = "\n" in text
        english = self._english
        candidates = self._candidates(doc, text, base, sent_ents, mojibake)
        periods = Periods(text, context["year"])
        clauses = Clauses(text)
        metrics = Metrics(text, clauses)
        if not candidates:
            _carry_context(text, periods, metrics, context)
            return []
        s = _sentence_facts(text, base, sent_ents, self._text, english, candidates, clauses, metrics, periods,
                            context["currency"])
        out: list[ClaimRecord] = []
        prev_subject: Subject | None = None
        list_metric: tuple[str | None, str | None] | None = None  # the metric of a distributed list
        for i, m in enumerate(candidates):
            period = _figure_period(s, i, m, english, context["period"])
            metric_term, metric_en, glossary_term = self._figure_metric(doc, s, i, m, out[-1] if out else None,
                                                                        list_metric, context)
            if i in s.subjects or i in s.years:
                list_metric = list_metric or (metric_term, metric_en)
            canonical = table.get(glossary_term.lower(), (None, None))[0] if glossary_term else None
            holder = s.holding if m.kind == "percent" else None
            subject, how, scope = self._figure_subject(doc, s, i, m, metric_term, holder, prev_subject, context)
            if holder:
                metric_term, metric_en = "持股", "shareholding"
            prev_subject = subject
            # the sentence's topic (an organisation or person in its first clause) carries to the next sentences of
            # the paragraph; a subject named deep in a sentence (…，郑州机场年货邮吞吐量突破100万吨) or a place (黄河干流
            # 水质连续6年…) holds only there
            if how in ("clause", "list") and subject and subject[1] in ("ORG", "PER") and s.clauses.start(m.start) == 0:
                context["subject"] = subject
            unit, kind, inferred = _unit_and_kind(m, canonical, s, context["currency"])
            out.append(_claim_record(s, m, kind, unit, inferred, subject, how, metric_term, metric_en, scope, period))
        _pass_on(out, periods, context)
        return out

    def _candidates(self, doc, text: str, base: int, sent_ents, mojibake: Mojibake) -> list:
        """The figures of a sentence that are claims (none inside mojibake)."""
        english = self._english
        mentions = find_mentions(text, english)
        if english:
            mentions = drop_listed(mentions, text)
        all_ents = Entities(sent_ents, self._text)
        return [m for m in mentions if is_claim(m, doc, base, all_ents, text, english)
                and not mojibake.overlaps(base + m.start, base + m.end)]

    def _figure_metric(self, doc, s: _SentenceFacts, i: int, m, previous: ClaimRecord | None,
                       list_metric: tuple[str | None, str | None] | None,
                       context) -> tuple[str | None, str | None, str | None]:
        """``(metric, English, glossary term)`` of the sentence's figure ``i``, else its fallbacks: the sentence's
        first glossary term (English), its table column, its list's metric, the sentence before's, a like item's."""
        text, clauses, metrics, english = s.text, s.clauses, s.metrics, self._english
        metric_term, metric_en, glossary_term = self._metric(doc, text, s.base, m, clauses, metrics, s.ents, english,
                                                             previous.metric if previous else None,
                                                             previous.end - s.base if previous else None)
        if metric_term is None and english and metrics.any_before(m.start):
            # "Macau's Gini coefficient, a popular measure …, rises from 0.43": the sentence's first glossary term
            glossary_term = metric_term = metrics.terms[0][2]
            metric_en = metric_english(metric_term)
        if metric_term is None:
            metric_term = table_column(self._text, s.base + m.start)
            metric_en = metric_english(metric_term) if metric_term else None
        if (i in s.subjects or i in s.years) and list_metric:  # one metric for a whole distributed list
            metric_term, metric_en = list_metric
        if metric_term is None and not metrics.any_before(m.start) and context["metric"]:
            metric_term = glossary_term = context["metric"]
            metric_en = metric_english(metric_term)
        # a list of like items (印尼分店：1间 / 台北市：3间; 40%和21.5% … 仅有7.7%): the figure before, in this
        # sentence or the one just before, names what a short clause leaves out
        last = (previous.metric, previous.metric_en, previous.unit, previous.kind) if previous \
            else context.get("last_claim")
        short = m.start - clauses.start(m.start) <= SHORT_CLAUSE
        # English lists its like figures after names in brackets however long the clause ("such as mainland
        # China (0.447), South Korea (0.316)")
        if metric_term is None and (short or english) and last and last[0] and (
                short and m.unit and last[2] == m.unit
                or BRACKETED.search(text, max(0, m.start - 8), m.start) and last[3] in (m.kind, NUMBER_AS.get(m.kind))):
            metric_term, metric_en = last[0], last[1]  # a list of like items (印尼分店：1间 / 台北市：3间)
        return metric_term, metric_en, glossary_term

    def _figure_subject(self, doc, s: _SentenceFacts, i: int, m, metric_term: str | None, holder: str | None,
                        prev_subject: Subject | None, context) -> tuple[Subject | None, str | None, str | None]:
        """``(subject, how, scope)`` of the sentence's figure ``i``: a holding's holder, its list's, the region's,
        its clause's, a pronoun's antecedent, else the subject before or the document's topic."""
        found, how, scope = clause_subject(doc, s.subject_clauses, s.text, s.base, m.start, s.ents, metric_term,
                                           self._english, self._topic)
        if holder:
            subject, how = (holder, "ORG", english_name(holder, "ORG")), "clause"
        elif i in s.subjects:
            subject, how = s.subjects[i], "list"
        elif self._region:
            subject, how = self._topic, "topic"
        elif found is not None:  # the clause's own, or an earlier clause's of this sentence
            subject = found
        elif how == "antecedent":
            subject = context["subject"] or self._topic
        else:
            subject, how = prev_subject or context["subject"] or self._topic, "topic"
        if subject is None:
            how = None
        return subject, how, scope

    @staticmethod
    def _metric(doc, text, base, m, clauses, metrics, ents, english, previous=None, previous_end=None):
        """``(metric, English, glossary term)`` of the figure ``m``: the noun after its measure word, else the
        noun phrase (or transaction verb) before it, else the glossary term nearest it in its clause."""
        glossary_term = metrics.near(m.start, m.end, english)
        clause_start, clause_end = clauses.start(m.start), clauses.end(m.end)
        if m.kind == "percent" and holding(text, base, m.start, ents):
            return "持股", "shareholding", None
        if previous_end is not None and CONVERSION.fullmatch(text, previous_end, m.start) \
                or previous and m.kind == "money" and CONVERTED.search(text, clause_start, m.start):
            return previous, metric_english(previous) if previous else None, glossary_term  # US$1.1 billion (MOP 8.9 billion)
        if english:
            return _metric_in_english(text, base, m, clause_start, clause_end, ents, glossary_term, previous)
        if m.kind == "percent" and m.text.endswith("折"):  # 低至1折发售: a promotion's discount
            return "折扣", "discount", glossary_term
        quoted = metric_quoted(text, clause_start, m.start)
        if quoted:
            return quoted[0], quoted[1], glossary_term
        named = metric_named(text, m.end, clause_end, m.unit) if m.kind == "count" else None
        if named:
            return named, metric_english(named), glossary_term
        found_before = metric_before(doc, base + clause_start, base + m.start, ents) if m.kind == "quantity" else None
        if found_before and found_before[0]:  # 沿黄生态廊道1194公里全线贯通: a length or weight measures what is before
            return found_before[0], metric_english(found_before[0]), glossary_term
        # restatements after a slash (7亿欧元/55亿元人民币/62亿港元现金收购) share what follows the last one
        chain = SLASH_CHAIN.match(text, m.end)
        after_start = chain.end() if chain else m.end
        after = metric_after(doc, base + after_start, base + clause_end, m.kind, m.unit)
        if after and not _names_a_holder(text, base, after_start, after, ents):
            return after, metric_english(after), glossary_term
        share = metric_share(doc, text, base, clause_start, m.start, ents) \
            if m.kind in ("percent", "percentage_point") else None
        if share:
            return share[0], share[1], glossary_term
        before, change = found_before or metric_before(doc, base + clause_start, base + m.start, ents)
        return _metric_from_before(text, m, clause_start, before, change, glossary_term, previous)


def _metric_in_english(text: str, base: int, m, clause_start: int, clause_end: int, ents, glossary_term: str | None,
                       previous: str | None) -> tuple[str | None, str | None, str | None]:
    """``(metric, English, glossary term)`` of a figure in English text: the words around it, else the glossary's."""
    first = FIRST_WORD.match(text) if m.start < 120 else None  # "Exports rose 12%": a noun, not a name
    common = bool(first) and not ents.covering(base + first.start(1), base + first.end(1))
    term = metric_en_text(text, m.start, m.end, clause_start, clause_end, m.kind, common_first=common) \
        or glossary_term
    if term and glossary_term and term != glossary_term and f" {term.lower()}" in f" {glossary_term.lower()}":
        term = glossary_term  # "GDP per capita was …": the glossary's whole term, not its last word
    if term in CHANGE_TERMS and previous and previous not in CHANGE_TERMS:  # revenue of …, up 7.2%
        term = f"{previous} {term}"
    return term, metric_english(term) if term else None, glossary_term


def _metric_from_before(text: str, m, clause_start: int, before: str | None, change: str | None,
                        glossary_term: str | None, previous: str | None) -> tuple[str | None, str | None, str | None]:
    """``(metric, English, glossary term)`` from the noun phrase and change word before a Chinese figure, joined to
    the figure before's metric or the glossary's term where they name a change."""
    if before in TRANSACTION_NAME:  # 合共捐了100万予香港红十字会 -> 捐款
        before = TRANSACTION_NAME[before]
    if before is None and change and previous:  # 收入达473亿元，按年升23.6% -> 收入 + 增长
        word = "下降" if change in DOWN else "增长"
        return previous + word, f"{metric_english(previous)} {metric_english(word)}", glossary_term
    if before in CHANGE_TERMS and previous and previous not in CHANGE_TERMS:  # 营收为776亿，增速为7.2%
        return previous + before, metric_english(previous + before), glossary_term
    if before and glossary_term and glossary_term not in before and glossary_term in CHANGE_TERMS:
        # 营收同比增长 7.2%; an average annual change is its own metric (农民收入年均增长7.9%)
        annual = "年均" if text[max(clause_start, m.start - 8):m.start].find("年均" + glossary_term) >= 0 else ""
        term = before + annual + glossary_term
        english = f"{metric_english(before)} {'average annual ' if annual else ''}{metric_english(glossary_term)}"
        return term, english, glossary_term
    if before:
        return before, metric_english(before), glossary_term
    if glossary_term in CHANGE_TERMS and previous and previous not in CHANGE_TERMS:
        return previous + glossary_term, metric_english(previous + glossary_term), glossary_term
    if glossary_term is None and change:  # 比去年提升了20%: a change of nothing named is the change
        return change, "decrease" if change in DOWN else "increase", None
    return glossary_term, metric_english(glossary_term), glossary_term


def _carry_context(text: str, periods: Periods, metrics: Metrics, context: dict) -> None:
    """A sentence without claims: its periods and last metric hold for the sentences after it."""
    if len(text.strip()) > SHORT_CLAUSE:  # a heading between list items does not end the list
        context["last_claim"] = None
    for _, period in periods.found:
        if period:
            context["period"], context["year"] = period, year_of(period, last=True) or context["year"]
    context["metric"] = metrics.last()


def _pass_on(out: list[ClaimRecord], periods: Periods, context: dict) -> None:
    """A sentence with claims: its last claim and last period hold for the sentences after it; its metrics do not."""
    context["last_claim"] = (out[-1].metric, out[-1].metric_en, out[-1].unit, out[-1].kind) if out else None
    last = periods.last()
    if last:
        context["period"], context["year"] = last, year_of(last, last=True) or context["year"]
    context["metric"] = None


def _figure_period(s: _SentenceFacts, i: int, m, english: bool, context_period: str | None) -> str | None:
    """The period of the sentence's figure ``i``: its list's, the nearest in the sentence, else the one carried."""
    # English names the time after the figure ("6.8% in 2000 to 3.1% in 2007"), Chinese before it
    near_after = s.periods.after(m.end, s.subject_clauses.end(m.end)) if english else None
    period = s.years.get(i) or near_after or s.periods.before(m.start) or context_period or s.periods.after(m.end)
    return span_end_unless_flow(period, s.text[s.clauses.start(m.start):s.clauses.end(m.end)])


def _unit_and_kind(m, canonical: str | None, s: _SentenceFacts, doc_currency: str) -> tuple[str | None, str, bool]:
    """``(unit, kind, unit inferred)`` of a figure: 元 alone in Hong Kong is HKD; a bare number of a money metric is
    an amount in the sentence's or the document's currency, any other a count."""
    unit, kind, inferred = m.unit, m.kind, False
    if unit == "CNY" and BARE_YUAN.search(m.text) and s.hong_kong_yuan:
        unit = "HKD"
    if kind == "number":
        if canonical in MONEY_METRICS:
            # the currency of the sentence's other amounts, else the document's own
            unit, kind, inferred = s.currency or doc_currency, "money", True
        else:
            kind = "count"
    return unit, kind, inferred


def _claim_record(s: _SentenceFacts, m, kind: str, unit: str | None, inferred: bool, subject: Subject | None,
                  how: str | None, metric_term: str | None, metric_en: str | None, scope: str | None,
                  period: str | None) -> ClaimRecord:
    """The claim of a figure, with its English rendering."""
    subject_text, subject_label, subject_en = subject if subject else (None, None, None)
    scope_en = english_name(scope, "LOC") if scope else None
    return ClaimRecord(
        text=m.text, start=s.base + m.start, end=s.base + m.end, sentence=s.sentence, kind=kind,
        value=m.value, value_high=m.value_high, unit=unit, unit_inferred=inferred, qualifier=m.qualifier,
        subject=subject_text, subject_label=subject_label, subject_from=how, metric=metric_term,
        metric_en=metric_en, scope=scope, period=period, source=s.source,
        en=render_en(readable_name(subject_text, subject_en), metric_en, period, m, unit, kind,
                     readable_name(scope, scope_en)),
        subject_en=subject_en,
    )


def _names_a_holder(text: str, base: int, after_start: int, after: str, ents) -> bool:
    """True when the words after a figure are a name after a preposition (100万予香港红十字会: the recipient, not
    the metric; 110家直属分公司 is what is counted, even where the entities call it a name)."""
    at = text.find(after, after_start)
    return at > after_start and bool(ents.covering(base + at, base + at + len(after)))


def _currency(doc: Doc, text: str) -> str:
    """The currency of amounts that name none: the document's language's, or HKD for a Hong Kong text."""
    if not _is_chinese(doc):
        return "USD"
    hk = len(HK_MONEY.findall(text))
    return "HKD" if hk >= 2 and hk >= 3 * len(RENMINBI.findall(text)) else "CNY"


def _is_chinese(doc: Doc) -> bool:
    return _language(doc) == "zh"


def _language(doc: Doc) -> str:
    """The document's language: the reader's guess (user_data), else the pipeline's own (an English pipeline called
    directly, or loaded with spacy.load, sets no user_data)."""
    return doc.user_data.get("lang") or doc.lang_
