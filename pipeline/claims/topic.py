"""Claims: what a document is about — the name its lead sentence defines, else the organisation or place it keeps naming.

Chinese leaves the subject out when it is the topic: a figure in a clause without one is about the last
explicit subject of its paragraph, else about the document's topic found here.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from .subject import Subject, english_name, is_never_subject

# an encyclopedia lead: 海底捞，全称海底捞国际控股有限公司… / 美团点评（，）是… / 卓悦控股有限公司（）在…
LEAD_ZH = re.compile(
    r"(?:^|(?<=[\s>）)\]]))[\s>*#\-]*(?P<name>[^\s，,。；;：:（()）“”\"\[\]*/|是在于的]{2,24}?)[*\s]*"
    r"(?:(?:（[^）/]{0,60}）|\([^)/]{0,60}\))\s*[，,]?\s*(?:是|为|在|于|成立|总部)|[，,]\s*(?:全称|全稱|简称|簡稱))")
# the same lead once the reader has dropped the empty brackets: 美团点评是…, 卓悦控股有限公司在香港…上市
LEAD_ZH_BARE = re.compile(r"^[\s>*#\-]*(?P<name>[^\s，,。；;：:（()）“”\"\[\]*/|是在于的]{2,24}?)(?:是|在|于|成立)")
LEAD_BARE_SENTENCES = 3  # of the body: a bare lead is the first thing an article says
ALIAS_ZH = re.compile(r"简称[*“\"「\s]*(?P<alias>[^，,、。）)*”\"」\s]{2,12})")
# English leads: "Alibaba Cloud is …", "The economy of Macau has …"
LEAD_EN_OF = re.compile(r"^\W*(?i:the\s+)?(?i:economy|history|politics|geography|demographics|culture)\s+(?i:of)\s+"
                        r"(?i:the\s+)?(?P<name>[A-Za-z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})")
LEAD_EN = re.compile(r"^\W*(?P<name>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})\s+(?:\([^)]*\)\s+)?(?:is|was|are)\b")
# "It is higher than …", "There are twenty banks": a pronoun or an expletive opens the sentence, not a name
EN_PRONOUN = frozenset("It Its There This That These Those They He She We I Here".split())
LEGAL_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|控股|集团|国际|公司|Inc\.?|Ltd\.?|Limited|Group|Holdings)$")
LEAD_SENTENCES = 40
# an export's note about where the page came from (本文内容由X转换而来) is not its lead
BOILERPLATE = re.compile(r"本文内容由|转换而来|^\s*$")
TOPIC_LABELS = ("ORG", "LOC", "GPE")
# a government's report speaks of its region as 全省/我省/全市…: every figure in it is the region's
REGION_REPORT = re.compile(r"全省|我省|全市|我市|全区|我区|全县|我县|省委|市委|政府工作报告")


def is_region_report(text: str, topic: Subject | None) -> bool:
    """True for a regional government's report: its topic is a place and it keeps saying 全省/我省/省委."""
    return topic is not None and topic[1] in ("LOC", "GPE") and len(REGION_REPORT.findall(text)) >= 3


def _short(name: str, text: str) -> str:
    """The name as the text keeps using it: 顺丰控股股份有限公司 -> 顺丰 when 顺丰 recurs."""
    best = name
    while True:
        cut = LEGAL_SUFFIX.sub("", best).strip()
        if cut == best or len(cut) < 2 or text.count(cut) < 3:
            return best
        best = cut


def _as_written(name: str, text: str) -> str:
    """An all-caps or lower-case lead name (MACAU) in the case the text mostly writes it (Macau)."""
    forms = {name, name.title(), name.upper(), name.lower()}
    return max(forms, key=lambda f: (text.count(f), f == name))


def lead_name(sentences: list[str], text: str, english: bool) -> str | None:
    """The name the first sentences define (an encyclopedia lead), in its short form."""
    for index, sentence in enumerate(s for s in sentences[:LEAD_SENTENCES] if not BOILERPLATE.search(s)):
        if english:
            m = LEAD_EN_OF.match(sentence) or LEAD_EN.match(sentence)
            if m and not is_never_subject(m.group("name")) and m.group("name").split()[0] not in EN_PRONOUN:
                return _as_written(m.group("name"), text)
            continue
        m = next((m for m in LEAD_ZH.finditer(sentence) if not re.search(r"\d", m.group("name"))), None)
        if not m and index < LEAD_BARE_SENTENCES:
            m = LEAD_ZH_BARE.match(sentence)  # only a name the text goes on naming
            if m and (re.search(r"\d", m.group("name")) or text.count(_short(m.group("name"), text)) < 3):
                m = None
        if not m:
            continue
        alias = ALIAS_ZH.search(sentence, m.end("name"))
        if alias and text.count(alias.group("alias")) >= 2:
            return alias.group("alias")
        return _short(m.group("name"), text)
    return None


def document_topic(doc, english: bool, text: str | None = None) -> Subject | None:
    """The topic of ``doc``: its lead name, else the organisation or place it names most often."""
    text = doc.text if text is None else text
    spans = ((s.start_char, s.end_char) for s in islice(doc.sents, 2 * LEAD_SENTENCES))
    sentences = [text[a:b] for a, b in spans if text[a:b].strip()][:LEAD_SENTENCES]
    name = lead_name(sentences, text, english)
    if name:
        return name, "ORG" if not english else None, english_name(name, None)
    counts = Counter(e.text for e in doc.ents if e.label_ in TOPIC_LABELS and not is_never_subject(e.text))
    if not counts:
        return None
    best, _ = max(counts.items(), key=lambda kv: kv[1])
    label = next(e.label_ for e in doc.ents if e.text == best)
    return best, label, english_name(best, None)
