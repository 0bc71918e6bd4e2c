"""Hand-made finished documents (tokens from the real segmenter, entities and claims written by hand) for the
writer and report tests, so they do not depend on the entity and claim stages."""
from __future__ import annotations

from functools import lru_cache

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


@lru_cache(maxsize=1)
def _nlp():
    from pipeline.segment import blank

    return blank()


def _entity(text: str, surface: str, label: str, english: str | None = None, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    ent = {"text": surface, "label": label, "start": start, "end": start + len(surface),
           "raw_start": start, "raw_end": start + len(surface)}
    if english:
        ent["english"] = english
    return ent


def _claim(doc_id: str, n: int, text: str, surface: str, start: int, sentence: dict, **fields) -> dict:
    claim = {"doc_id": doc_id, "claim_id": f"{doc_id}:c{n}", "text": surface, "start": start,
             "end": start + len(surface), "raw_start": start, "raw_end": start + len(surface),
             "sentence": text[sentence["start"]:sentence["end"]], "kind": "money", "value": None,
             "value_high": None, "unit": None, "unit_inferred": False, "qualifier": "exact", "subject": None,
             "subject_label": None, "metric": None, "metric_en": None, "period": None, "source": None, "en": ""}
    claim.update(fields)
    return claim


def make_document(doc_id: str, text: str, entities=(), claims=(), lang: str = "zh") -> dict:
    """A documents.jsonl object for ``text``: ``entities`` are (surface, label, english) and ``claims`` are
    (surface, fields) or (surface, fields, after): the first occurrence of surface (after ``after``)."""
    doc = _nlp()(text)
    tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "raw_start": t.idx,
               "raw_end": t.idx + len(t.text), "pos": t.tag_, "upos": t.pos_, "lang": t._.lang}
              for t in doc if not t.is_space]
    sentences = []
    for sent in doc.sents:
        stripped = sent.text.rstrip()
        if stripped.strip():
            lead = len(stripped) - len(stripped.lstrip())
            sentences.append({"start": sent.start_char + lead, "end": sent.start_char + len(stripped)})
    ents = [_entity(text, *spec) for spec in entities]

    def sentence_of(pos: int) -> dict:
        return next(s for s in sentences if s["start"] <= pos < s["end"])

    claim_dicts = []
    for i, (surface, fields, *after) in enumerate(claims, 1):
        start = text.index(surface, text.index(after[0]) if after else 0)
        claim_dicts.append(_claim(doc_id, i, text, surface, start, sentence_of(start), **fields))
    return {"id": doc_id, "source": f"corpus/{doc_id}.txt", "lang": lang,
            "script": "traditional" if lang == "zh" else "none", "text": text,
            "raw_text": text, "quality": {"encoding": "utf-8", "pinyin_notes_removed": 3, "converted_chars": 12,
                                          "mojibake_spans": [[1, 3]]},
            "sentences": sentences, "tokens": tokens, "entities": ents, "claims": claim_dicts, "summary": {}}


ALIYUN = ("阿里云是阿里巴巴的云计算公司。2019年，阿里云营收增速为64%。2020年，阿里云营收增速为52%。\n"
          "2021年阿里云营收增速为33%，营收为 745 亿元。2022年，阿里云营收为776亿，增速为7.2%。"
          "2023年阿里云营收增速为2%, 张勇说 GPT-3.5  改变了一切。\n\n"
          "市场调研机构Canalys数据显示，阿里云在中国云计算市场份额是36%。")


def _growth(year: str, value: float) -> tuple:
    return (f"{value:g}%", {"kind": "percent", "value": value, "unit": "%", "subject": "阿里云",
                            "subject_label": "ORG", "metric": "营收增速", "metric_en": "revenue growth",
                            "period": year, "en": f"Alibaba Cloud revenue growth ({year}): {value:g}%"},
            f"{year}年")


def corpus() -> list[dict]:
    """Two documents: the Alibaba Cloud one with entities and a growth timeline, and a hostile one."""
    aliyun = make_document(
        "aliyun", ALIYUN,
        entities=[("阿里云", "ORG", "Alibaba Cloud"), ("阿里巴巴", "ORG", "Alibaba"),
                  ("阿里云", "ORG", "Alibaba Cloud", 1), ("张勇", "PERSON", "Daniel Zhang"),
                  ("Canalys", "ORG", None), ("中国", "GPE", "China")],
        claims=[_growth("2019", 64), _growth("2020", 52), _growth("2021", 33),
                ("745 亿元", {"value": 74500000000.0, "unit": "CNY", "subject": "阿里云", "subject_label": "ORG",
                             "metric": "营收", "metric_en": "revenue", "period": "2021",
                             "en": "Alibaba Cloud revenue (2021): CNY 74.5 billion"}),
                ("776亿", {"value": 77600000000.0, "unit": "CNY", "unit_inferred": True, "subject": "阿里云",
                          "subject_label": "ORG", "metric": "营收", "metric_en": "revenue", "period": "2022",
                          "en": "Alibaba Cloud revenue (2022): CNY 77.6 billion"}),
                _growth("2022", 7.2), _growth("2023", 2),
                ("36%", {"kind": "percent", "value": 36.0, "unit": "%", "subject": "阿里云", "metric": "市场份额",
                         "metric_en": "market share", "source": "Canalys",
                         "en": "Alibaba Cloud market share: 36% (according to Canalys)"})])
    hostile_text = f"{HOSTILE}公司营收为-3.5亿。=SUM(A1)\t@cmd 收入增长+5%。"
    hostile = make_document(
        f'{HOSTILE}"doc', hostile_text,
        entities=[(HOSTILE, "ORG", "<b onerror=x>"), ("=SUM(A1)", "ORG", None)],
        claims=[("-3.5亿", {"value": -350000000.0, "unit": "CNY", "subject": HOSTILE, "metric": "营收<i>",
                           "metric_en": "revenue<script>", "period": "2024<b>", "en": f"{HOSTILE} revenue"}),
                ("+5%", {"kind": "percent", "value": 5.0, "unit": "%", "metric": "收入增长", "metric_en": "=1+2",
                         "en": "@income growth 5%"})])
    return [aliyun, hostile]


def revenue_claim(surface: str, value: float, *, unit: str = "CNY", qualifier: str = "exact", lang: str = "zh",
                  period: str = "2022", value_high: float | None = None, source: str | None = None) -> tuple:
    """A claim spec for :func:`make_document`: Alibaba Cloud's revenue in ``period``, in Chinese or English."""
    return (surface, {"value": value, "value_high": value_high, "unit": unit, "qualifier": qualifier,
                      "subject": "阿里云" if lang == "zh" else "Alibaba Cloud", "subject_label": "ORG",
                      "subject_en": "Alibaba Cloud", "canonical": "alibaba-cloud",
                      "metric": "营收" if lang == "zh" else "revenue", "metric_en": "revenue", "period": period,
                      "source": source, "en": f"Alibaba Cloud revenue ({period}): {unit} {value / 1e9:g} billion"})


def aliyun_zh(surface: str = "776亿", value: float = 77.6e9, **kw) -> dict:
    """A Chinese document stating Alibaba Cloud's 2022 revenue as ``surface``."""
    text = f"阿里云是阿里巴巴的云计算公司。到2022年时，阿里云营收为{surface}。"
    doc = make_document("zh-doc", text, entities=[("阿里云", "ORG", "Alibaba Cloud"),
                                                  ("阿里云", "ORG", "Alibaba Cloud", 1)],
                        claims=[revenue_claim(surface, value, **kw)])
    for ent in doc["entities"]:
        ent["canonical"] = "alibaba-cloud"
    return doc


def aliyun_en(surface: str = "77.6 billion yuan", value: float = 77.6e9, doc_id: str = "en-doc", **kw) -> dict:
    """An English document stating Alibaba Cloud's 2022 revenue as ``surface``."""
    text = f"Alibaba Cloud is a cloud company. Alibaba Cloud's revenue in 2022 was {surface}."
    doc = make_document(doc_id, text, entities=[("Alibaba Cloud", "ORG", "Alibaba Cloud"),
                                                ("Alibaba Cloud", "ORG", "Alibaba Cloud", 1)],
                        claims=[revenue_claim(surface, value, lang="en", **kw)], lang="en")
    for ent in doc["entities"]:
        ent["canonical"] = "alibaba-cloud"
    return doc
