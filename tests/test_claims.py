"""The claims component on hand-built Docs and on sentences from real articles."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from pipeline.claims import ClaimExtractor, human
from pipeline.segment import blank
from tests.claims_helpers import claims_of as claims_of_en


def claims_of(text: str, ents: list[tuple[str, str]] = (), mojibake=()) -> list[dict]:
    """Run the claims component on a jieba Doc whose entities are set by hand (text, label), first occurrences."""
    doc = blank()(text)
    spans = []
    taken = set()
    for name, label in ents:
        start = text.index(name)
        while start in taken:
            start = text.index(name, start + 1)
        taken.add(start)
        span = doc.char_span(start, start + len(name), label=label, alignment_mode="expand")
        spans.append(span)
    doc.ents = spans
    doc.user_data["mojibake_spans"] = [list(s) for s in mojibake]
    return ClaimExtractor()(doc).user_data["claims"]


def test_subject_metric_period_and_inferred_currency():
    (revenue, growth) = claims_of("到2022年时，阿里云营收为776亿，增速为7.2%。", [("阿里云", "ORG")])
    assert (revenue["subject"], revenue["metric"], revenue["metric_en"], revenue["period"]) == \
        ("阿里云", "营收", "revenue", "2022")
    assert revenue["value"] == 77_600_000_000 and revenue["unit"] == "CNY" and revenue["unit_inferred"] is True
    assert revenue["kind"] == "money"
    assert (growth["subject"], growth["metric"], growth["value"], growth["unit"]) == ("阿里云", "营收增速", 7.2, "%")


def test_each_clause_has_its_subject():
    claims = claims_of("AWS超过480亿美元，Azure接近260亿美元，阿里云是92.8亿美元。",
                       [("AWS", "ORG"), ("Azure", "ORG"), ("阿里云", "ORG")])
    assert [(c["subject"], c["value"], c["unit"], c["qualifier"]) for c in claims] == [
        ("AWS", 48e9, "USD", "gt"), ("Azure", 26e9, "USD", "approx"), ("阿里云", 9.28e9, "USD", "exact")]


def test_second_clause_inherits_subject():
    claims = claims_of("天翼云营收579亿元，同比增长107.5%；移动云收入503亿元。", [("天翼云", "ORG"), ("移动云", "ORG")])
    assert [(c["subject"], c["metric"]) for c in claims] == [("天翼云", "营收"), ("天翼云", "营收同比增长"), ("移动云", "收入")]


def test_distribution_over_subjects():
    claims = claims_of("Gartner数据显示，亚马逊AWS和微软Azure的市场份额分别是40%和21.5%，而排名第三的阿里云，仅有7.7%。",
                       [("Gartner", "ORG"), ("亚马逊", "ORG"), ("AWS", "ORG"), ("微软", "ORG"), ("Azure", "ORG"),
                        ("阿里云", "ORG")])
    assert [(c["subject"], c["value"]) for c in claims] == [("亚马逊AWS", 40), ("微软Azure", 21.5), ("阿里云", 7.7)]
    assert all(c["source"] == "Gartner" for c in claims)


def test_distribution_over_places():
    claims = claims_of("欧洲和亚洲分别以23.4%和18.4%位居第二和第三。", [("欧洲", "LOC"), ("亚洲", "LOC")])
    assert [(c["subject"], c["value"]) for c in claims] == [("欧洲", 23.4), ("亚洲", 18.4)]


def test_distribution_over_years():
    claims = claims_of("从2019年到2023年，阿里云的营收增速分别为84%、62%、50%、23%、3.5%，财报将其归因为疫情。",
                       [("阿里云", "ORG")])
    assert [(c["period"], c["value"]) for c in claims] == [
        ("2019", 84), ("2020", 62), ("2021", 50), ("2022", 23), ("2023", 3.5)]
    assert {c["subject"] for c in claims} == {"阿里云"}


@pytest.mark.parametrize(
    ("text", "period"),
    [("2022年第三季度，阿里云的市场份额是36%。", "2022Q3"),
     ("2019财年时，仅上半财年的营收就达到103.7亿元。", "2019"),
     ("2015年6月，项目完成；当年11月，平台支撑了912亿交易额。", "2015")],
)
def test_periods(text, period):
    (claim,) = claims_of(text)
    assert claim["period"] == period


def test_period_carries_to_next_sentence():
    claims = claims_of("计世资讯数据显示，2009年，中国云计算的整个市场规模是403.5亿元。而当年全球云计算服务市场的规模是：563亿美元。")  # noqa: E501
    assert [c["period"] for c in claims] == ["2009", "2009"]
    assert claims[0]["source"] == "计世资讯"
    assert claims[0]["subject"] == "中国云计算"


@pytest.mark.parametrize(
    "text",
    ["01 从地面起飞", "乔布斯发布了iPhone 4，人类进入智能手机时代。", "通义千问2.0已经赶上了GPT-3.5。",
     "阿里云发布飞天5K集群。", "成为全球第一家公司。", "“双11”大促。", "2023年11月12日，一场大规模的宕机。",
     "15年前，它是问题的解决者。", "流量集中在早上的8点到9点半涌进来。", "一套便宜好用的云计算系统。"],
)
def test_not_claims(text):
    assert claims_of(text) == []


@pytest.mark.parametrize(
    "text",
    ["During the first three quarters of 2007, visitors came.", "Macau has five of the top 500 commercial banks.",
     "The 2 and 10 patacas coins are rarely used.", 'It does not fit in "the three worlds of welfare capitalism".',
     "Trade went along three major routes: Macau-Malacca-Goa, Macau-Nagasaki and Macau-Manila."],
)
def test_english_not_claims(text):
    """Selections (the first three, the top 500), denominations, enumerations and numbers in short quotations."""
    assert [c["text"] for c in claims_of_en(text, lang="en") if c["value"] in (3, 500, 10, 2)] == []


def test_a_count_before_a_colon_is_a_figure_unless_it_heads_a_list_of_nouns():
    assert claims_of_en("Two banks issue currency: the BNU and the Bank of China.", lang="en")


@pytest.mark.parametrize("text", ["落实“五个进一步到位”重要要求。", "开展“三个一批”活动。", "截至2018年6月30日止6个月。",
                                  "荣获2009/2010年度嘉许状。"])
def test_names_and_reporting_periods_are_not_claims(text):
    assert claims_of(text) == []


def test_count_claims():
    assert [(c["value"], c["unit"], c["kind"]) for c in claims_of("平台每秒交易14万笔。")] == [(140000, "笔", "count")]
    assert [(c["value"], c["unit"]) for c in claims_of("已经换过七任一把手。")] == [(7, "任")]


def test_no_claim_inside_mojibake():
    text = "增长了12%，乱码?!斎唬罄械恼J知50%的"
    start = text.index("?!")
    claims = claims_of(text, mojibake=[(start, len(text))])
    assert [c["value"] for c in claims] == [12]


def test_english_rendering():
    assert human(77_600_000_000) == "77.6 billion"
    (claim,) = claims_of("阿里云营收为776亿。", [("阿里云", "ORG")])
    assert claim["en"].endswith("revenue: CNY 77.6 billion")


def test_component_registered_and_spans_set():
    import spacy  # noqa: F401

    nlp = blank()
    nlp.add_pipe("zhpipe_claims_v1")
    doc = nlp("营收为776亿元。")
    assert [s.text for s in doc.spans["claims"]] == ["776亿元"]
    assert isinstance(doc.spans["claims"][0], Span)


@pytest.mark.parametrize(
    ("lang", "text", "metric"),
    [("en", "Alibaba Cloud revenue rose 7.2% in 2022.", "revenue"), ("zh", "阿里云营收为776亿元。", "营收")],
)
def test_the_language_falls_back_to_the_pipelines_own(lang, text, metric):
    """A pipeline called directly (``pipeline.load("en")(text)``, spacy.load) sets no user_data lang."""
    from pipeline.claims import ClaimExtractor
    from pipeline.language import blank

    doc = blank(lang)(text)
    assert "lang" not in doc.user_data
    (claim,) = ClaimExtractor()(doc).user_data["claims"]
    assert metric in (claim["metric"] or "")


@pytest.mark.parametrize("name, english, expected", [
    ("阿里云", "Alibaba Cloud", "Alibaba Cloud"),                       # a known English name stays alone
    ("长江和记实业", "Changjiang He Ji Shiye", "Changjiang He Ji Shiye (长江和记实业)"),  # pinyin shows its Chinese
    ("Macau", "Macau", "Macau"),                                        # English text is its own name
    (None, None, None),
])
def test_en_names_a_subject_a_reader_can_check(name, english, expected):
    from pipeline.claims.render import readable_name

    assert readable_name(name, english) == expected
