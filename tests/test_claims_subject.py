"""Claims, subject: the clause's subject, a pronoun's antecedent, the topic carried, lists with 分别."""
from __future__ import annotations

import pytest

from pipeline.claims.subject import is_never_subject
from tests.claims_helpers import claims_of, only

ALIYUN = [("阿里云", "ORG")]


@pytest.mark.parametrize(
    ("text", "ents", "subject", "how"),
    [
        # the clause names its subject
        ("到2022年时，阿里云营收为776亿。", ALIYUN, "阿里云", "clause"),
        ("AWS营收超过480亿美元。", [("AWS", "ORG")], "AWS", "clause"),
        # a place after 在 restricts the figure; the company is still the subject
        ("阿里云在马来西亚的市场份额达到29.2%。", [("阿里云", "ORG"), ("马来西亚", "LOC")], "阿里云", "clause"),
        # names a count enumerates are what is counted, not who counts
        ("河南实现中国平煤神马、中豫航空集团等19家企业战略性重组。",
         [("河南", "LOC"), ("中国平煤神马", "ORG"), ("中豫航空集团", "ORG")], "河南", "clause"),
        # an entity after 在 is where, not who; the clause's subject is before it
        ("海底捞计划在港交所主板上市，每手1000股。", [("海底捞", "ORG"), ("港交所", "ORG")], "海底捞", "topic"),
        # a clause without a subject takes the one of the clause before
        ("亚马逊AWS的份额是40%，而排名第三的阿里云，仅有7.7%。", [("亚马逊", "ORG"), ("AWS", "ORG"), ("阿里云", "ORG")],
         "阿里云", "topic"),
        # a holdings list: the holder
        ("腾讯：20.1363%", [("腾讯", "ORG")], "腾讯", "clause"),
        # a possessive noun phrase holds the figure when no entity does
        ("中国云计算的整个市场规模是403.5亿元。", [], "中国云计算", "clause"),
        # a description before a title and a name modifies the name
        ("公司董事长张勇以200亿身家位列榜首。", [("张勇", "PER")], "张勇", "clause"),
        # a name right before its figure in brackets holds it (a list of partners)
        ("Chile's main export partners are China (35.2%), United States (14.1%).",
         [("Chile", "LOC"), ("China", "LOC"), ("United States", "LOC")], "United States", "clause"),
    ],
)
def test_clause_subject(text, ents, subject, how):
    claim = claims_of(text, ents)[-1]
    assert (claim["subject"], claim["subject_from"]) == (subject, how)


@pytest.mark.parametrize(
    ("text", "ents", "subjects"),
    [
        # Chinese leaves the subject out: the topic (the encyclopedia lead's name) holds the figure
        ("海底捞，全称海底捞国际控股有限公司（），成立于1994年。\n每年还以5至7家的速度在递增。", [], ["海底捞"]),
        ("比亚迪股份有限公司（简称比亚迪），是一家中国企业。比亚迪很大。\n2002年集资16.34亿港元。", [("比亚迪", "ORG")],
         ["比亚迪"]),
        # the last explicit subject of the paragraph carries to the next sentence
        ("美团点评（，）是团购网站。\n腾讯投资了很多公司。腾讯营收为100亿元。其净利润为20亿元。",
         [("美团点评", "ORG"), ("腾讯", "ORG"), ("腾讯", "ORG")], ["腾讯", "腾讯"]),
        # without a lead, the organisation the text keeps naming
        ("阿里云很大。阿里云很强。营收为776亿元。", [("阿里云", "ORG"), ("阿里云", "ORG")], ["阿里云"]),
    ],
)
def test_topic_and_carried_subject(text, ents, subjects):
    assert [c["subject"] for c in claims_of(text, ents)] == subjects


@pytest.mark.parametrize(
    ("text", "ents", "subject"),
    [
        ("海底捞，全称海底捞国际控股有限公司（），成立于1994年。\n截至2017年，公司在全球开设360家餐厅。", [], "海底捞"),
        ("卓悦控股有限公司（）在香港上市。\n其2014年营业额为10亿港元。", [], "卓悦控股有限公司"),
        ("美团点评（，）是团购网站。\n该公司2018年收入652.27亿元。", [], "美团点评"),
        ("The economy of Macau has remained open. It grew 5% in 2019.", [], "Macau"),
    ],
)
def test_pronouns_resolve_to_the_antecedent(text, ents, subject):
    claim = claims_of(text, ents, lang="en" if text.isascii() else "zh")[-1]
    assert (claim["subject"], claim["subject_from"]) == (subject, "antecedent")


@pytest.mark.parametrize(
    ("text", "ents", "subject", "how"),
    [
        # a description names the company the text is about, not the name of an earlier clause
        ("京东物流（），是一家物流企业。\n2007年，刘强东在北京创立京东物流，最初公司只有20名员工。",
         [("刘强东", "PER"), ("北京", "LOC")], "京东物流", "antecedent"),
        # an organisation a clause opens with 与 is a partner
        ("喜茶（），是一家茶饮企业。\n与微信合作，该店单日销售额突破50万元。", [("微信", "ORG")], "喜茶", "topic"),
        # a place naming a currency is not what the figure is about
        ("The economy of Brunei is small. The ringgit is pegged to the Singapore dollar at a rate of 1.0.",
         [("Brunei", "LOC"), ("Singapore", "LOC")], "Brunei", "topic"),
    ],
)
def test_not_the_subject(text, ents, subject, how):
    claim = claims_of(text, ents, lang="en" if text.isascii() else "zh")[-1]
    assert (claim["subject"], claim["subject_from"]) == (subject, how)


@pytest.mark.parametrize(("name", "never"), [("全资附属公司", True), ("子公司", True), ("华润置地", False), ("MOP", True)])
def test_descriptions_and_units_are_never_subjects(name, never):
    assert is_never_subject(name) is never


def test_list_with_fenbie_over_the_names_of_the_clause_before():
    claims = claims_of("创始股东是华新实业公司、东方贸易公司和南海投资公司，分别持股50%、30%、20%。",
                       [("华新实业公司", "ORG"), ("东方贸易公司", "ORG"), ("南海投资公司", "ORG")])
    assert [(c["subject"], c["subject_from"], c["metric"]) for c in claims] == [
        ("华新实业公司", "list", "持股"), ("东方贸易公司", "list", "持股"), ("南海投资公司", "list", "持股")]


def test_list_with_fenbie():
    claims = claims_of("亚马逊AWS和微软Azure的市场份额分别是40%和21.5%。",
                       [("亚马逊", "ORG"), ("AWS", "ORG"), ("微软", "ORG"), ("Azure", "ORG")])
    assert [(c["subject"], c["subject_from"], c["value"]) for c in claims] == [
        ("亚马逊AWS", "list", 40), ("微软Azure", "list", 21.5)]


@pytest.mark.parametrize(
    ("text", "ents", "subject"),
    [
        ("The economy of Macau has remained open. In 2011, the unemployment rate dropped to 2.6%.", [("Macau", "LOC")],
         "Macau"),
        ("Alibaba Cloud reported revenue of 77.6 billion yuan in 2022.", [("Alibaba Cloud", "ORG")], "Alibaba Cloud"),
        # a currency code tagged as an organisation is never a subject
        ("The economy of Macau is open. MOP reserves were 100 billion.", [("MOP", "ORG")], "Macau"),
    ],
)
def test_english_subjects(text, ents, subject):
    assert claims_of(text, ents, lang="en")[-1]["subject"] == subject


@pytest.mark.parametrize("text", ["Shares of the company rose. They fell 5% in 2019.", "营收为776亿元。",
                                  "It is a small place. There are 20 banks."])  # a pronoun opening a text is no lead
def test_no_subject_without_a_holder(text):
    claim = only(text, lang="en" if text.isascii() else "zh")
    assert claim["subject"] is None and claim["subject_from"] is None
