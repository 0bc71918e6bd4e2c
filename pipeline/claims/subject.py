"""Claims: who or what a figure is about — the clause's subject, a pronoun's antecedent, or the topic.

In a clause, the subject is its first entity that is not a scope (在X, 于X, X市场, in X), not one of the
items a count enumerates (A、B等19家), not the object of a verb, and never a unit, a currency or markup.
A pronoun or a description (它, 其, 该公司, 公司, 集团, the company, its) stands for what the text is
about. Where the clause has neither, the caller carries the topic (see ``topic``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..canonical import canonicalise
from .clauses import Clauses
from .metric import is_metric
from .scope import after_preposition, is_scope

Subject = tuple[str, "str | None", "str | None"]  # text, label, English

TIME_WORD = re.compile(r"[年月日季期]|上半|下半|时候|当时|目前|现在")
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
SKIP_TAGS = frozenset({"c", "p", "t", "m", "d", "r", "x", "f", "u", "uj", "ul", "y", "v", "sp", "eng_num"})
NOUNISH_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "j", "l", "ng", "eng", "an", "s"})
SUBJECT_LABELS = frozenset({"ORG", "PER", "LOC", "GPE", "NORP", "FAC"})
PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
# pronouns and descriptions that stand for the topic (其中, 其他, 尤其 … are not pronouns)
PRONOUN = re.compile(r"(?:它们|它|(?<![尤极])其(?![中他它余实次])|[该本此]公司|[该本此]集团|该行|本行|该企业|"
                     r"(?:(?<![\u4e00-\u9fff])|(?<=[初时前后今]))(?:公司|集团)|"
                     r"\bthe (?:company|group|firm|bank|territory|city)\b|\bits?\b)", re.I)
# the descriptions among them name the company the text is about, never an earlier clause's name (王卫…注册顺丰，
# 最初公司只有6个人)
DESCRIPTION = re.compile(r"[该本此]?(?:公司|集团|企业)|[该本]行|the (?:company|group|firm|bank)", re.I)
# a description before a title and a name modifies the name (公司创始人王传福, 其子公司中美能源)
TITLED = re.compile(r"\s*(?:创始人|创办人|联合创始人|主席|董事长|董事|总裁|副总裁|行政总裁|首席执行官|总经理|"
                    r"大股东|股东|子公司|附属公司)\s*$")
# a name in brackets right before its figure is what the figure is about (import partners are Mainland China (30.4%))
BRACKET_BEFORE = re.compile(r"\s*[（(]\s*")
# a place naming a currency (the Hong Kong dollar) is not what a figure is about
CURRENCY_AFTER = re.compile(r"\s*(?:dollars?|patacas?|yuan|pounds?|euros?)\b", re.I)
# an organisation a clause opens with 与/同 is a partner, not the subject (与支付宝合作，…)
PARTNER_BEFORE = re.compile(r"\s*(?:与|同|跟)\s*")
# "长和旗下长江基建": the name before 旗下 owns the subject rather than being it
OWNER_AFTER = re.compile(r"\s*[\]*”\"]*\s*(?:旗下|属下|旗|之|的子公司|的附属公司)")
# "中国平煤神马、中国河南国际等19家企业": the names are what is counted
ENUMERATED = re.compile(r"[^，。；;]{0,60}?等\s*[\d一二三四五六七八九十两几多]")
# a unit, a currency or leftover markup is never what a figure is about
NEVER = re.compile(r"^(?:MOP|HKD|USD|CNY|RMB|EUR|GBP|JPY|SGD|AUD|TWD|KRW|US\$|HK\$|[$¥€£]|"
                   r"billion|million|thousand|per ?cent|percent|patacas?|dollars?|yuan|元|美元|港元|wikilink|缩略图|fig)$|"
                   r"https?:|[/\\\[\]|<>{}]|"
                   r"^(?:全资|非全资)?(?:附属公司|子公司|分公司|母公司|合营公司|控股公司)$", re.I)  # a description, not a name
# verbs that open a clause without taking its subject as their object (截至2017年…, 到2022年…)
OPENING_VERBS = frozenset({"截至", "截止", "到", "至", "自", "从", "随着", "据", "根据", "包括", "其中", "旗下", "属下"})
# a holdings list item: a name and its share, nothing else (顺达丰润8.89%, 腾讯：20.1363%（6.23亿股）)
HOLDING_LINE = re.compile(r"^\s*[-*•]?\s*(?P<name>[^\s\d：:，,。；;、（(]{2,24}?)\s*[：:]?\s*\d[\d.]*\s*%\s*"
                          r"(?:[（(][^）)]*[）)])?\s*$")


def holding_line(sentence: str) -> str | None:
    """The holder named by a holdings list item (顺达丰润8.89% -> 顺达丰润), else None."""
    m = HOLDING_LINE.match(sentence)
    return m.group("name") if m and not is_never_subject(m.group("name")) else None


def english_name(text: str, span_or_label=None) -> str:
    """The English form of a subject: its canonical name (alias table, gazetteer, else pinyin)."""
    label = span_or_label if isinstance(span_or_label, str) or span_or_label is None else span_or_label.label_
    return canonicalise(text, label).english


def is_never_subject(text: str) -> bool:
    return bool(NEVER.search(text.strip())) or len(text.strip()) < 2 and not text.strip().isupper()


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
        return self._joined(first, hi - 1, doc, extend_until)

    def merge_forward(self, k: int, until: int, *, doc=None) -> Subject:
        """Entity ``k`` joined with the entities directly after it (亚马逊 + AWS), up to ``until``."""
        last = k
        while last + 1 < len(self.ents) and self.ends[last + 1] <= until \
                and self.text[self.ends[last]:self.starts[last + 1]].strip() == "":
            last += 1
        return self._joined(k, last, doc, until)

    def _joined(self, first: int, last: int, doc, extend_until: int | None) -> Subject:
        start, end = self.starts[first], self.ends[last]
        ent = self.ents[last]
        label = ent.label_
        english = english_name(self.text[start:end], ent)
        if extend_until is not None and doc is not None and label in PLACE_LABELS:
            extra = []
            for tok in doc[ent.end:]:
                if tok.idx >= extend_until or tok.tag_ not in NOUNISH_TAGS or is_metric(tok.text) \
                        or tok.tag_ in ("ns", "nr", "nrt"):
                    break
                extra.append(tok)
            following = doc[extra[-1].i + 1] if extra and extra[-1].i + 1 < len(doc) else None
            if extra and following is not None and following.text == "的":  # 中国云计算的市场规模, not 河南生产总值
                end = extra[-1].idx + len(extra[-1].text)
                text = self.text[start:end]
                return text, None, english_name(text, None)
        return self.text[start:end], label, english


def _role(doc, text: str, base: int, clause_start: int, start: int, ents: Entities, k: int,
          metric: str | None, english: bool) -> str:
    """What entity ``k`` is to the figure at ``start`` of its clause: subject, scope or other."""
    e_start, e_end = ents.starts[k] - base, ents.ends[k] - base
    name = ents.text[ents.starts[k]:ents.ends[k]]
    label = ents.ents[k].label_
    if label not in SUBJECT_LABELS or is_never_subject(name):
        return "other"
    if ENUMERATED.match(text, e_end, start + 1) or OWNER_AFTER.match(text, e_end, start) \
            or english and CURRENCY_AFTER.match(text, e_end):
        return "other"
    if label not in PLACE_LABELS and (after_preposition(text, clause_start, e_start)
                                      or PARTNER_BEFORE.fullmatch(text, clause_start, e_start)):
        return "other"  # 在港交所主板上市: where something happens, not who
    if label in PLACE_LABELS and is_scope(text, clause_start, e_start, e_end, start, metric, english):
        return "scope"
    if not english and doc is not None:
        span = doc.char_span(base + clause_start, base + e_start, alignment_mode="contract")
        # a verb before it makes it an object (投资美团), unless a 的 turns the verb into a modifier (排名第三的阿里云)
        tokens = [t.text for t in span] if span is not None else []
        after_de = tokens[len(tokens) - tokens[::-1].index("的"):] if "的" in tokens else tokens
        tags = {t.text: t.tag_ for t in span} if span is not None else {}
        if any(tags[w] == "v" and w not in OPENING_VERBS for w in after_de):
            return "other"
    return "subject"


def clause_subject(doc, clauses: Clauses, text: str, base: int, start: int, ents: Entities, metric: str | None,
                   english: bool = False, topic: Subject | None = None) -> tuple[Subject | None, str | None, str | None]:
    """``(subject, how, scope)`` for the figure at ``start``: how is ``clause`` (an entity or a possessive noun
    phrase of the clause), ``antecedent`` (a pronoun; the caller resolves it, subject None) or None."""
    clause_start = clauses.start(start)
    lo, hi = ents.within(base + clause_start, base + start)
    if hi > lo and ents.ents[hi - 1].label_ in SUBJECT_LABELS and BRACKET_BEFORE.fullmatch(text, ents.ends[hi - 1] - base,
                                                                                          start) \
            and not is_never_subject(ents.text[ents.starts[hi - 1]:ents.ends[hi - 1]]):
        return ents.merge(lo, hi), "clause", None  # Mainland China (30.4%), Hong Kong (12%)
    subject, scope = None, None
    for k in range(lo, hi):
        role = _role(doc, text, base, clause_start, start, ents, k, metric, english)
        if role == "scope" and scope is None:
            scope = ents.text[ents.starts[k]:ents.ends[k]]
        elif role == "subject" and subject is None:
            subject = ents.merge_forward(k, base + start, doc=None if english else doc)
            if scope is not None:
                break
    if subject is None and topic is not None:
        named = text.find(topic[0], clause_start, start)  # the topic named in words the tagger left alone
        if named >= 0 and not after_preposition(text, clause_start, named):
            return topic, "clause", scope
    pronoun = PRONOUN.search(text, clause_start, start)
    if subject is None and scope is None:
        if pronoun is not None and DESCRIPTION.fullmatch(pronoun.group()):
            return None, "antecedent", scope
        subject = earlier_subject(doc, clauses, text, base, clause_start, ents, metric, english, topic)
        if subject is not None:
            return subject, "topic", scope
    if subject is not None and scope is not None and (scope in subject[0] or subject[0] in scope):
        scope = None  # 亚洲市场规模: the place is what the figure is about
    if subject is not None:
        at = ents.text.find(subject[0], base + clause_start) - base
        if pronoun is None or pronoun.start() > at or TITLED.fullmatch(text, pronoun.end(), at):
            return subject, "clause", scope
    if pronoun is not None:
        return None, "antecedent", scope
    if not english:
        phrase = possessive_phrase(doc, base + clause_start, base + start, metric)
        if phrase:
            return phrase, "clause", scope
    return None, None, scope


def earlier_subject(doc, clauses: Clauses, text: str, base: int, clause_start: int, ents: Entities,
                    metric: str | None, english: bool, topic: Subject | None = None, back: int = 3
                    ) -> Subject | None:
    """The subject of the nearest of the ``back`` clauses before (而排名第三的阿里云，仅有7.7% -> 阿里云)."""
    end = clause_start
    for _ in range(back):
        if end <= 0:
            return None
        start = clauses.start(max(0, end - 1))
        lo, hi = ents.within(base + start, base + end)
        for k in range(lo, hi):
            if ents.ents[k].label_ in ("ORG", "PER") \
                    and _role(doc, text, base, start, end, ents, k, metric, english) == "subject":
                return ents.merge_forward(k, base + end)
        if topic is not None and text.find(topic[0], start, end) >= 0:
            return topic
        end = start
    return None


def possessive_phrase(doc, start: int, end: int, metric: str | None) -> Subject | None:
    """A clause-initial noun run followed by 的 (中国云计算 in 中国云计算的整个市场规模是…), skipping time words."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    words: list[str] = []
    following = None
    for tok in span:
        if not words and (tok.tag_ in SKIP_TAGS or tok.is_space or tok.is_punct or "年" in tok.text):
            continue
        latin_common = tok.tag_ == "eng" and not tok.text[:1].isupper()
        if tok.tag_ in NOUNISH_TAGS and not tok.is_punct and not is_metric(tok.text) \
                and not TIME_WORD.search(tok.text) and not latin_common and tok.tag_ != "":
            words.append(tok.text_with_ws)
            continue
        following = tok
        break
    phrase = "".join(words).strip()
    if len(phrase) < 2 or following is None or following.text != "的" or (metric and phrase in metric) \
            or is_never_subject(phrase) or PRONOUN.fullmatch(phrase):
        return None
    return phrase, None, english_name(phrase, None)
